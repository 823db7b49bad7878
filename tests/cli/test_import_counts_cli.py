"""`import-counts` on files as spreadsheets save them: what it says and its exit status."""

from __future__ import annotations

from pathlib import Path

from steward_app.cli.main import EXIT_OK, EXIT_REFUSED
from tests.cli.test_cli import cli, demo_db, unchanged  # noqa: F401  (the fixture)


def test_a_header_only_file_is_refused(demo_db: Path, tmp_path: Path) -> None:  # noqa: F811
    empty = tmp_path / "empty.csv"
    empty.write_text("unit,part,yes,no\r\n", encoding="utf-8")
    code, err = unchanged(demo_db, "import-counts", str(empty))
    assert code == EXIT_REFUSED  # exit 0, "0 new", before
    assert "no filled row" in err


def test_a_european_file_with_rows_not_filled(demo_db: Path, tmp_path: Path) -> None:  # noqa: F811
    saved = tmp_path / "counts.csv"
    saved.write_bytes(
        "\ufeffunit;part;yes;no;final\r\naru-p5;;;;\r\ncspu-troopers;;70;30;ja\r\n".encode()
    )
    code, err = unchanged(demo_db, "import-counts", str(saved))
    assert code == EXIT_REFUSED and "E_NOT_YES_NO" in err and "row 3" in err
    saved.write_bytes(saved.read_bytes().replace(b";ja", b";yes"))
    code, out, _ = cli(demo_db, "import-counts", str(saved))
    assert code == EXIT_OK
    assert "1 new" in out and "Skipped 1 row not filled: row 2" in out
