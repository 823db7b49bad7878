"""`import-counts` summarises its rows' problems: one line per check code with the count and
the first units, every row with --verbose, each row when there are only a few."""

from __future__ import annotations

from pathlib import Path

import pytest

from steward_app.cli.import_summary import EACH_UP_TO
from steward_app.cli.main import EXIT_OK, EXIT_REFUSED
from tests.cli.test_cli import cli

# one union of fifteen units; every row of the CSV has the same yes/no/void, so each row after
# the first warns W_SAME_AS_OTHER_UNIT
UNITS = [f"u{i:02d}" for i in range(1, 16)]
SETUP = """\
format = 1

[vote]
id = "many"
title = "Many units"

[coalition]
name = "One union"

[coalition.rule]
min_unions = 1

[[questions]]
id = "q"
text = "Approve?"

[[unions]]
id = "a"
name = "Union A"
membership = 3000
membership_source = "test"
membership_as_of = 2020-01-01
""" + "".join(f'\n[[unions.units]]\nid = "{u}"\nname = "Unit {u}"\neligible = 200\n' for u in UNITS)


@pytest.fixture
def many_db(tmp_path: Path) -> Path:
    db = tmp_path / "many.sqlite"
    setup = tmp_path / "setup.toml"
    setup.write_text(SETUP, encoding="utf-8")
    assert cli(db, "init", str(setup))[0] == EXIT_OK
    return db


def _csv(tmp_path: Path, units: list[str]) -> Path:
    path = tmp_path / "counts.csv"
    rows = "".join(f"{u},100,50,2\n" for u in units)
    path.write_text("unit,yes,no,void\n" + rows, encoding="utf-8")
    return path


def test_many_warnings_are_one_line_per_code_with_the_first_units(
    tmp_path: Path, many_db: Path
) -> None:
    assert len(UNITS) - 1 > EACH_UP_TO
    csv = _csv(tmp_path, UNITS)
    code, out, err = cli(many_db, "import-counts", str(csv))
    assert code == EXIT_REFUSED and out == ""
    lines = err.splitlines()
    assert lines[0] == "steward-app: nothing was imported: confirm the warnings to import"
    (summary,) = [line for line in lines if "W_SAME_AS_OTHER_UNIT" in line]
    assert summary.startswith("  warning W_SAME_AS_OTHER_UNIT (yes) on 14 rows: ")
    # the first three units with their rows (the first row has no warning: nothing before it)
    assert "u02 (row 3), u03 (row 4), u04 (row 5) and 11 more; row 3: the same" in summary
    assert "--verbose lists every row" in err
    assert "add --confirm-warnings" in lines[-1]

    code, out, _ = cli(many_db, "import-counts", str(csv), "--confirm-warnings")
    assert code == EXIT_OK
    assert out.splitlines()[1:] == [
        "confirmed 14 warnings:",
        summary,
        "  (one line per check; --verbose lists every row)",
    ]


def test_verbose_lists_every_row(tmp_path: Path, many_db: Path) -> None:
    csv = _csv(tmp_path, UNITS)
    code, _, err = cli(many_db, "import-counts", str(csv), "--verbose")
    assert code == EXIT_REFUSED
    rows = [line for line in err.splitlines() if "W_SAME_AS_OTHER_UNIT" in line]
    assert [line.split(": ")[1] for line in rows] == [f"row {n}" for n in range(3, 17)]
    code, out, _ = cli(many_db, "import-counts", str(csv), "--confirm-warnings", "--verbose")
    assert code == EXIT_OK
    confirmed = out.splitlines()[1:]
    assert len(confirmed) == 14 and confirmed[0].startswith("confirmed on row 3: warning ")


def test_a_few_warnings_are_each_listed_with_their_row(tmp_path: Path, many_db: Path) -> None:
    csv = _csv(tmp_path, UNITS[:3])
    code, _, err = cli(many_db, "import-counts", str(csv))
    assert code == EXIT_REFUSED
    assert "  warning W_SAME_AS_OTHER_UNIT (yes): row 3: the same yes/no/void as" in err
    assert "--verbose" not in err
