"""The reports' tables as CSV: plain numbers for spreadsheets; tally sheets as an importable
template."""

from __future__ import annotations

import csv
import io

from steward_app.reports.csv_export import write_report_csv, write_tally_template_csv
from steward_app.reports.document import ReportData
from steward_app.reports.notice import union_notice
from steward_app.reports.summary import coalition_summary
from steward_app.services.counting import import_counts
from steward_app.services.standings_cache import load_standings
from steward_app.store.vote_store import VoteStore
from tests.conftest import SECOND


def sections(text: str) -> dict[str, list[list[str]]]:
    """Title -> rows (the header row first); the lines before the first blank line under ''."""
    out: dict[str, list[list[str]]] = {}
    title = ""
    for block in text.split("\n\n"):
        rows = list(csv.reader(io.StringIO(block)))
        if title == "" and "" not in out:
            out[""] = rows
            title = "?"
            continue
        out[rows[0][0]] = rows[1:]
    return out


def test_coalition_csv(demo_data: ReportData) -> None:
    f = io.StringIO()
    write_report_csv(coalition_summary(demo_data), f)
    s = sections(f.getvalue())
    meta = dict((r[0], r[1]) for r in s[""])
    assert meta["report"] == "Coalition summary"
    assert meta["status"] == "PRACTICE · UNOFFICIAL"
    assert meta["state code"] == demo_data.fingerprint
    assert meta["as of"] == "2011-06-22 21:05 UTC-04:00"
    unions = s["Unions (concessions)"]
    assert unions[0][:4] == ["union id", "union", "members", "yes"]
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
    assert [r[0] for r in tests[1:]] == ["min_unions", "membership"]
    waiting = s["Units not yet reported (concessions)"]
    assert [r[0] for r in waiting[1:]][:2] == ["afscme-np4-391", "csea-np1"]
    assert s["Open conflicts (concessions)"] == [["unit id", "unit", "union", "counts in conflict"]]


def test_union_csv(demo_data: ReportData) -> None:
    f = io.StringIO()
    write_report_csv(union_notice(demo_data, "afscme"), f)
    s = sections(f.getvalue())
    units = s["AFSCME Council 4, unit by unit (concessions)"]
    assert units[0][:5] == ["unit id", "unit", "eligible", "yes", "no"]
    assert [r[0] for r in units[1:]][:2] == ["afscme-p2", "afscme-np2"]
    assert units[1][3:5] == ["1420", "1570"]
    assert dict((r[0], r[1]) for r in s["AFSCME Council 4 (concessions)"])["Yes"] == "4,200"


def test_tally_template_imports_once_filled(demo_store: VoteStore) -> None:
    standings, _ = load_standings(demo_store)
    f = io.StringIO()
    write_tally_template_csv(standings.vote, ["aft-ct-staff", "seiu-1199-health"], f)
    rows = list(csv.reader(io.StringIO(f.getvalue())))
    assert rows == [
        ["unit", "part", "question", "eligible", "yes", "no", "void", "challenged", "final"],
        ["aft-ct-staff", "", "concessions", "", "", "", "", "", ""],
        ["seiu-1199-health", "day-1", "concessions", "", "", "", "", "", ""],
        ["seiu-1199-health", "day-2", "concessions", "", "", "", "", "", ""],
    ]
    filled = (
        f.getvalue()
        .replace(
            "aft-ct-staff,,concessions,,,,,,", "aft-ct-staff,,concessions,2900,1500,600,9,0,yes"
        )
        .replace(
            "seiu-1199-health,day-2,concessions,,,,,,",
            "seiu-1199-health,day-2,concessions,,700,400,5,,yes",
        )
    )
    filled = filled.replace("seiu-1199-health,day-1,concessions,,,,,,\n", "")
    result = import_counts(demo_store, SECOND, io.StringIO(filled), confirm_warnings=True)
    assert result.recorded == 2
