"""The reports' tables as CSV (docs/exports.md): UTF-8 with a BOM, plain numbers written bare,
text quoted and never a formula; tally sheets as a template that imports once filled in as a
spreadsheet saves it. Every file is read back with the csv module and checked cell by cell."""

from __future__ import annotations

import csv
import io
from decimal import Decimal
from pathlib import Path

import pytest

from steward_app.domain.counts import SlotKey
from steward_app.reports.csv_export import (
    BOM,
    csv_cell,
    write_report_csv,
    write_tally_template_csv,
)
from steward_app.reports.document import ReportData
from steward_app.reports.notice import union_notice
from steward_app.reports.summary import coalition_summary
from steward_app.services.authors import Author
from steward_app.services.counting import declare_outcome, import_counts, record_count
from steward_app.services.standings_cache import load_standings
from steward_app.services.vote_setup import create_vote, demo_setup_text
from steward_app.store.vote_store import VoteStore
from tests.cli.test_cli import cli, demo_db  # noqa: F401  (the fixture)
from tests.conftest import COORDINATOR, SECOND, ticking_clock
from tests.reports.conftest import report_data

NUMERIC = {
    "members",
    "eligible",
    "yes",
    "no",
    "void",
    "challenged",
    "turnout_percent",
    "yes_share_percent",
    "units_reported",
    "units_total",
    "units_final",
    "conflicts",
    "counts_in_conflict",
    "so_far",
    "needed",
}


def written(write: object, *args: object) -> str:
    f = io.StringIO(newline="")
    write(*args, f)  # type: ignore[operator]
    return f.getvalue()


def records(text: str) -> list[list[str]]:
    """The file as the csv module reads it, after checking its BOM and line ends."""
    assert text.startswith(BOM), "every CSV starts with a byte order mark"
    body = text[len(BOM) :]
    assert "\n" not in body.replace("\r\n", ""), "every line ends in CRLF"
    return list(csv.reader(io.StringIO(body, newline="")))


def sections(text: str) -> dict[str, list[list[str]]]:
    """Title -> rows (the header row first); the lines before the first empty row under ''."""
    out: dict[str, list[list[str]]] = {"": []}
    title = ""
    new = False
    for row in records(text):
        if not row:
            new = True
        elif new:
            title, new = row[0], False
            out[title] = []
        else:
            out[title].append(row)
    return out


def test_coalition_csv(demo_data: ReportData) -> None:
    s = sections(written(write_report_csv, coalition_summary(demo_data)))
    meta = dict((r[0], r[1]) for r in s[""])
    assert meta["report"] == "Coalition summary"
    assert meta["status"] == "PRACTICE · UNOFFICIAL"
    assert meta["state code"] == demo_data.fingerprint
    assert meta["as of"] == "2011-06-22 21:05 UTC-04:00"
    unions = s["Unions (concessions)"]
    assert unions[0][:4] == ["union_id", "union", "members", "yes"]
    assert unions[0][7:9] == ["turnout_percent", "yes_share_percent"]
    assert len(unions) == 1 + 15 + 1  # header, 15 unions, totals
    assert unions[1] == [
        "afscme",
        "AFSCME Council 4",
        "15600",
        "4200",
        "5000",
        "58",
        "0",
        "59.35",
        "45.65",
        "pending",
        "no",
        "8",
        "9",
        "0",
    ]
    assert unions[-1][1:4] == ["All unions", "45000", "12353"]
    tests = s["Tests of the coalition rule"]
    assert tests[0][2:5] == ["so_far", "needed", "figure"]
    assert [r[0] for r in tests[1:]] == ["min_unions", "membership"]
    assert tests[1][2:5] == ["6", "14", "count"]
    assert tests[2][3:5] == ["80.00", "percent"]
    waiting = s["Units not yet reported (concessions)"]
    assert [r[0] for r in waiting[1:]][:2] == ["afscme-np4-391", "csea-np1"]
    assert s["Open conflicts (concessions)"] == [["unit_id", "unit", "union", "counts_in_conflict"]]


def test_union_csv_numbers_are_plain(demo_data: ReportData) -> None:
    s = sections(written(write_report_csv, union_notice(demo_data, "afscme")))
    units = s["AFSCME Council 4, unit by unit (concessions)"]
    assert units[0][:5] == ["unit_id", "unit", "eligible", "yes", "no"]
    assert [r[0] for r in units[1:]][:2] == ["afscme-p2", "afscme-np2"]
    assert units[1][3:5] == ["1420", "1570"]
    assert units[1][7] == "75.28" and units[0][7] == "turnout_percent"
    totals = dict((r[0], r[1]) for r in s["AFSCME Council 4 (concessions)"])
    # "4,200" before: 4.2 to a German spreadsheet
    assert totals["yes"] == "4200" and totals["no"] == "5000" and totals["eligible"] == "15600"
    assert totals["turnout_percent"] == "59.35" and totals["yes_share_percent"] == "45.65"


@pytest.mark.parametrize("kind", ["coalition", "union"])
def test_every_number_column_holds_plain_numbers(demo_data: ReportData, kind: str) -> None:
    doc = coalition_summary(demo_data) if kind == "coalition" else union_notice(demo_data, "aru")
    text = written(write_report_csv, doc)
    checked = 0
    for title, rows in sections(text).items():
        if not rows or title == "":
            continue
        if rows[0][0] == "yes":  # a union's totals: name, value pairs
            header, body = [r[0] for r in rows], [[r[1] for r in rows]]
        else:
            header, body = rows[0], rows[1:]
        for row in body:
            for name, cell in zip(header, row, strict=False):
                if name in NUMERIC and cell:
                    assert cell.replace(".", "", 1).isdigit(), (title, name, cell)
                    checked += 1
    assert checked > 10
    # and written bare, so a spreadsheet reads a number: never quoted
    for line in text.splitlines():
        assert '"4200"' not in line and '"59.35"' not in line


@pytest.mark.parametrize("prefix", ["=", "+", "-", "@", "\t", "\r", " ="])
def test_a_text_cell_that_would_be_a_formula_gets_an_apostrophe(prefix: str) -> None:
    value = f'{prefix}HYPERLINK("http://x","y")'
    assert csv_cell(value) == "'" + value
    assert csv_cell(f"a{prefix}1") == f"a{prefix}1"  # only at the start


def test_numbers_stay_numbers() -> None:
    assert csv_cell("4200") == 4200
    assert csv_cell("-3") == -3  # a negative number is a number, not a formula
    assert csv_cell("59.35") == Decimal("59.35")
    assert csv_cell("0") == 0
    for text in ("-3+1", "1e5", "007", "1,234", "+5", "-", "1.", ".5"):
        assert isinstance(csv_cell(text), str), text


@pytest.fixture
def hostile_store(store: VoteStore) -> VoteStore:
    """A vote whose names and notes, from another PC, try to run in a spreadsheet."""
    text = (
        demo_setup_text()
        .replace('name = "AFSCME Council 4"', 'name = "=1+2"')
        .replace('name = "P-2 Human and Social Services"', 'name = "@SUM(A1:A9)"')
    )
    clock = ticking_clock()
    create_vote(store, text, COORDINATOR, clock=clock)
    planter = Author("+cmd|' /C calc'!A0", "-2+3 PC")
    record_count(store, planter, SlotKey("concessions", "afscme-p2"), {"yes": "5", "no": "3"})
    declare_outcome(  # a union's (the coalition's outcome is the coordinator's alone)
        store,
        planter,
        "concessions",
        "approved",
        union_id="afscme",
        note="=cmd|' /C calc'!A0",
        clock=clock,
    )
    return store


def test_no_formula_reaches_a_spreadsheet(hostile_store: VoteStore) -> None:
    data = report_data(hostile_store)
    for doc in (coalition_summary(data), union_notice(data, "afscme")):
        text = written(write_report_csv, doc)
        cells = [c for row in records(text) for c in row]
        assert any(c.startswith("'=1+2") for c in cells)
        assert not [c for c in cells if c[:1] in ("=", "+", "@", "\t", "\r")]
        # a minus sign starts only a number
        assert all(c[1:].replace(".", "", 1).isdigit() for c in cells if c[:1] == "-")
    coalition = sections(written(write_report_csv, coalition_summary(data)))
    [row] = coalition["Declared outcomes"][1:]
    assert row[6] == "'=cmd|' /C calc'!A0"
    assert row[7] == "'+cmd|' /C calc'!A0"
    assert row[8] == "'-2+3 PC"
    units = sections(written(write_report_csv, union_notice(data, "afscme")))
    assert units["'=1+2, unit by unit (concessions)"][1][1] == "'@SUM(A1:A9)"


def test_the_cli_writes_a_bom_and_crlf(demo_db: Path, tmp_path: Path) -> None:  # noqa: F811
    out = tmp_path / "union.csv"
    code, _, _ = cli(demo_db, "report", "union", "afscme", "--csv", str(out))
    assert code == 0
    data = out.read_bytes()
    assert data.startswith(b'\xef\xbb\xbf"report","Notice: AFSCME Council 4"\r\n')
    assert data.count(b"\xef\xbb\xbf") == 1
    assert "PRACTICE · UNOFFICIAL" in data.decode("utf-8-sig")


def template(store: VoteStore, units: list[str]) -> str:
    standings, _ = load_standings(store)
    return written(write_tally_template_csv, standings.vote, units)


def test_the_tally_template(demo_store: VoteStore) -> None:
    rows = records(template(demo_store, ["aft-ct-staff", "seiu-1199-health"]))
    assert rows == [
        ["unit", "part", "question", "eligible", "yes", "no", "void", "challenged", "final"],
        ["aft-ct-staff", "", "concessions", "", "", "", "", "", ""],
        ["seiu-1199-health", "day-1", "concessions", "", "", "", "", "", ""],
        ["seiu-1199-health", "day-2", "concessions", "", "", "", "", "", ""],
    ]


FILLED = {
    ("aft-ct-staff", ""): ["2900", "1500", "600", "9", "0", "yes"],
    ("seiu-1199-health", "day-2"): ["", "700", "400", "5", "", "yes"],
}


def as_spreadsheet_saves(template_text: str, delimiter: str, bom: bool, quote: bool) -> str:
    """The template with two rows filled in and every other row left blank, saved as a
    spreadsheet saves a CSV: its own delimiter, quotes or none, CRLF, a BOM or none."""
    rows = records(template_text)
    out = io.StringIO(newline="")
    w = csv.writer(
        out,
        delimiter=delimiter,
        lineterminator="\r\n",
        quoting=csv.QUOTE_ALL if quote else csv.QUOTE_MINIMAL,
    )
    w.writerow(rows[0])
    for row in rows[1:]:
        w.writerow(row[:3] + FILLED.get((row[0], row[1]), row[3:]))
    w.writerow([""] * len(rows[0]))  # a formatted but empty row, as spreadsheets keep
    return (BOM if bom else "") + out.getvalue()


@pytest.mark.parametrize(
    ("delimiter", "bom", "quote"),
    [(",", True, False), (";", True, False), (";", False, True), ("\t", False, False)],
)
def test_the_template_round_trips_through_a_spreadsheet(
    demo_store: VoteStore, delimiter: str, bom: bool, quote: bool
) -> None:
    units = ["aft-ct-staff", "seiu-1199-health", "aru-p5", "cspu-troopers"]
    saved = as_spreadsheet_saves(template(demo_store, units), delimiter, bom, quote)
    result = import_counts(demo_store, SECOND, io.StringIO(saved, newline=""))
    assert result.recorded == 2
    assert result.not_filled == (3, 5, 6)  # day-1, aru-p5, cspu-troopers: named, not filled
    standings, _ = load_standings(demo_store)
    units_now = standings.questions["concessions"].units
    assert units_now["aft-ct-staff"].report.numbers.yes == 1500
    assert units_now["seiu-1199-health"].report.numbers.yes == 900 + 700  # day-1 + day-2
    again = import_counts(demo_store, SECOND, io.StringIO(saved, newline=""))
    assert (again.recorded, again.already) == (0, 2)
