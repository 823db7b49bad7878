"""One bound per number, the same on every PC: a number beyond it is refused here with a clear
error (never recorded to be refused by every other PC, never a traceback)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from steward_app.cli.main import EXIT_OK, EXIT_REFUSED, run
from steward_app.services.vote_setup import demo_setup_text


def cli(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", str(db), "--steward", "a steward", "--pc", "hall PC", *args], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "demo.sqlite"
    assert cli(db, "demo")[0] == EXIT_OK
    return db


@pytest.mark.parametrize(
    ("yes", "code_word"),
    [
        ("1000000000000000", "E_TOO_LARGE"),
        ("100000000000000000000", "E_TOO_LARGE"),  # 10^20: OverflowError before
        ("9" * 5000, "E_TOO_LARGE"),  # past Python's int() digit limit
        ("10**20", "E_NOT_WHOLE_NUMBER"),
        ("10000001", "E_TOO_LARGE"),
    ],
)
def test_a_count_beyond_the_bound_is_refused_unchanged(
    demo_db: Path, yes: str, code_word: str
) -> None:
    before = demo_db.read_bytes()
    code, _, err = cli(demo_db, "count", "aft-ct-staff", "--yes", yes, "--no", "1")
    assert code == EXIT_REFUSED and code_word in err and "Traceback" not in err
    assert demo_db.read_bytes() == before


def test_the_bound_itself_is_a_count(demo_db: Path) -> None:
    code, _, err = cli(
        demo_db, "count", "aft-ct-staff", "--yes", "10000000", "--no", "0", "--confirm-warnings"
    )
    assert code == EXIT_OK, err


def test_more_ballots_than_the_counts_own_eligible_is_an_error(demo_db: Path) -> None:
    code, _, err = cli(
        demo_db, "count", "aft-ct-staff", "--yes", "8", "--no", "3", "--eligible", "10"
    )
    assert code == EXIT_REFUSED and "E_OVER_ELIGIBLE" in err


def test_import_counts_beyond_the_bound_names_the_row(demo_db: Path, tmp_path: Path) -> None:
    csv_file = tmp_path / "counts.csv"
    csv_file.write_text(
        "unit,part,yes,no\naft-ct-staff,,12,3\ncsea-np1,,100000000000000000000,1\n",
        encoding="utf-8",
    )
    before = demo_db.read_bytes()
    code, _, err = cli(demo_db, "import-counts", str(csv_file))
    assert code == EXIT_REFUSED and "E_TOO_LARGE" in err and "row 3" in err
    assert "Traceback" not in err and demo_db.read_bytes() == before


@pytest.mark.parametrize(
    ("old", "new", "says"),
    [
        ("membership = 4500", "membership = 1000000000000000000000000000000", "membership"),
        ("eligible = 4000", "eligible = 1000000000000000000000000000000", "eligible"),
    ],
)
def test_a_setup_with_numbers_beyond_the_bounds_is_refused(
    tmp_path: Path, old: str, new: str, says: str
) -> None:
    text = demo_setup_text()
    assert old in text
    setup = tmp_path / "setup.toml"
    setup.write_text(text.replace(old, new, 1), encoding="utf-8")
    code, _, err = cli(tmp_path / "v.sqlite", "check-setup", str(setup))
    assert code != EXIT_OK and says in err and "the most this version accepts" in err
    assert "Traceback" not in err
