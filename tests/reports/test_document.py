"""The document model built from the demo standings: no Qt, no pages yet."""

from __future__ import annotations

import pytest

from steward_app.reports.document import (
    Banner,
    Chart,
    Document,
    FillIn,
    NotInVote,
    Paragraph,
    ReportData,
    Signatures,
    Table,
)
from steward_app.reports.notice import union_notice
from steward_app.reports.summary import coalition_summary
from steward_app.reports.tally_sheet import tally_sheets
from steward_app.services.counting import declare_outcome
from steward_app.store.vote_store import VoteStore
from tests.conftest import COORDINATOR, STEWARD
from tests.reports.conftest import report_data


def tables(doc: Document) -> dict[str, Table]:
    return {b.title: b for b in doc.blocks if isinstance(b, Table)}


def test_coalition_summary_of_the_demo(demo_data: ReportData) -> None:
    doc = coalition_summary(demo_data)
    assert doc.header.stamp == "PRACTICE · UNOFFICIAL" and doc.header.practice
    assert doc.header.as_of == "2011-06-22 21:05 UTC-04:00"
    banner = next(b for b in doc.blocks if isinstance(b, Banner))
    assert banner.text == "PENDING · NOT DECIDED"
    assert "6 of 15 unions approved, 1 rejected, 8 pending" in banner.detail
    t = tables(doc)
    tests = t["Tests of the coalition rule"]
    assert [r.cells[:3] for r in tests.rows] == [
        ("at least 14 of 15 unions approve", "6", "14"),
        ("approving unions hold at least 80% of all members", "23.3%", "80%"),
    ]
    unions = t["Unions (concessions)"]
    afscme = unions.rows[0]
    assert afscme.cells == (
        "AFSCME Council 4",
        "15,600",
        "4,200",
        "5,000",
        "58",
        "59.3%",
        "45.7%",
        "… pending",
        "no",
        "8 of 9",
    )
    assert afscme.raw[:7] == ("afscme", "AFSCME Council 4", "15600", "4200", "5000", "58", "0")
    assert unions.rows[-1].strong and unions.rows[-1].cells[0] == "All unions"
    assert [r.cells[0] for r in t["Units not yet reported (concessions)"].rows] == [
        "afscme-np4-391",
        "csea-np1",
        "aft-ct-staff",
        "aru-p5",
        "cspu-troopers",
        "ccs-supervisors",
        "psec-protective",
    ]
    assert t["Open conflicts (concessions)"].rows == ()
    chart = next(b for b in doc.blocks if isinstance(b, Chart))
    assert [b.title for b in chart.bars] == ["Unions approving", "Membership of approving unions"]
    assert any(isinstance(b, Signatures) for b in doc.blocks)


def test_declared_outcome_that_differs_and_conflicts(troubled_store: VoteStore) -> None:
    doc = coalition_summary(report_data(troubled_store))
    t = tables(doc)
    assert [r.cells[0] for r in t["Open conflicts (concessions)"].rows] == ["aft-ct-staff"]
    declared = t["Declared outcomes"].rows
    assert declared[0].cells[:4] == ("the coalition", "APPROVED", "PENDING", "DIFFERS")
    assert declared[0].strong


def test_declarations_with_no_plain_counterpart(demo_store: VoteStore) -> None:
    """ "Ratified after review" agrees with an approved union; "imposed" is compared with
    nothing (it stands whatever the vote), so it neither agrees nor differs."""
    declare_outcome(demo_store, STEWARD, "concessions", "imposed", note="arbitrator")  # its creator
    declare_outcome(
        demo_store, COORDINATOR, "concessions", "ratified after review", union_id="aaup-uconn"
    )
    rows = tables(coalition_summary(report_data(demo_store)))["Declared outcomes"].rows
    by = {r.cells[0]: r.cells[1:4] for r in rows}
    assert by["the coalition"] == ("IMPOSED", "PENDING", "–")
    assert by["UConn AAUP"] == ("RATIFIED AFTER REVIEW", "APPROVED", "agrees")
    notes = [
        b.text
        for b in coalition_summary(report_data(demo_store)).blocks
        if isinstance(b, Paragraph)
    ]
    assert any(
        "IMPOSED (arbitrator). The computed result, for the record, is PENDING" in t for t in notes
    )


def test_union_notice_is_large_type_unit_by_unit(demo_data: ReportData) -> None:
    doc = union_notice(demo_data, "afscme")
    assert doc.type_size >= 14
    assert doc.header.report_title == "Notice: AFSCME Council 4"
    banner = next(b for b in doc.blocks if isinstance(b, Banner))
    assert banner.text == "PENDING · NOT DECIDED"
    assert "needs 1,326 yes of the 1,850 still to vote (71.7%)" in banner.detail
    units = next(b for b in doc.blocks if isinstance(b, Table))
    assert len(units.rows) == 9
    assert units.rows[3].cells[0] == "NP-4 Corrections, Local 391"
    assert units.rows[3].cells[4] == "not reported"
    rejected = union_notice(demo_data, "ceui-511")
    assert next(b for b in rejected.blocks if isinstance(b, Banner)).text == "REJECTED · DECIDED"


def test_unknown_union_or_unit_is_refused(demo_data: ReportData) -> None:
    with pytest.raises(NotInVote, match='no union "nope"'):
        union_notice(demo_data, "nope")
    with pytest.raises(NotInVote, match='no units "x", "y"'):
        tally_sheets(demo_data, ["afscme-p2", "x", "y"])


def test_tally_sheets_one_per_unit_or_part_in_the_order_asked(demo_data: ReportData) -> None:
    doc = tally_sheets(demo_data, ["seiu-1199-health", "afscme-p2"])
    forms = [b for b in doc.blocks if isinstance(b, FillIn)]
    headings = [b.text for b in doc.blocks if b.__class__.__name__ == "Heading"]
    assert headings == [
        "Tally sheet: Health Care (NP-6 and P-1) — day-1",
        "Tally sheet: Health Care (NP-6 and P-1) — day-2",
        "Tally sheet: P-2 Human and Social Services",
    ]
    labels = {f.label for form in forms for f in form.fields}
    assert {"YES ballots", "NO ballots", "VOID ballots", "CHALLENGED ballots"} <= labels
    assert {
        "Eligible members on the voting list",
        "Count started at",
        "Count finished at",
    } <= labels
    signatures = [b for b in doc.blocks if isinstance(b, Signatures)]
    assert len(signatures) == 3 and signatures[0].roles[:2] == ("Teller 1", "Teller 2")
    every = tally_sheets(demo_data)
    assert sum(isinstance(b, Signatures) for b in every.blocks) == 27  # 25 units, 2 in 2 parts


def test_official_only_when_final_decided_and_declared(official_store: VoteStore) -> None:
    data = report_data(official_store)
    doc = coalition_summary(data)
    assert next(b for b in doc.blocks if isinstance(b, Banner)).text == "RATIFIED · DECIDED"
    assert doc.header.stamp == "UNOFFICIAL"  # not declared yet
    assert tally_sheets(data, ["afscme-p2"]).header.stamp == "OFFICIAL"
    declare_outcome(official_store, COORDINATOR, "concessions", "approved")
    data = report_data(official_store)
    assert coalition_summary(data).header.stamp == "OFFICIAL"
    assert union_notice(data, "afscme").header.stamp == "UNOFFICIAL"
    declare_outcome(official_store, COORDINATOR, "concessions", "rejected", union_id="afscme")
    notice = union_notice(report_data(official_store), "afscme")
    assert notice.header.stamp == "UNOFFICIAL"  # declared rejected, computed approved
    declare_outcome(official_store, COORDINATOR, "concessions", "approved", union_id="afscme")
    assert union_notice(report_data(official_store), "afscme").header.stamp == "OFFICIAL"
