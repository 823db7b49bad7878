"""Undo and redo of a steward's own counts: retraction entries, and fresh entries to redo."""

from __future__ import annotations

import pytest

from steward_app.domain.counts import SlotStatus
from steward_app.domain.entries import EntryType
from steward_app.domain.standings import Standings
from steward_app.services.conflicts import resolve_conflict
from steward_app.services.counting import current_counts, record_count
from steward_app.services.errors import Refused
from steward_app.services.standings_cache import StandingsCache, load_standings
from steward_app.services.undo import redo_entry, undo_entry
from steward_app.store import entry_reads
from steward_app.store.vote_store import VoteStore
from tests.conftest import COORDINATOR, SECOND, STEWARD
from tests.services.test_counting import LOCAL_391, Q

UNIT = LOCAL_391.unit


def unit_numbers(store: VoteStore) -> tuple[int, int, str]:
    standings, _ = load_standings(store)
    return _numbers(standings)


def _numbers(standings: Standings) -> tuple[int, int, str]:
    report = standings.questions[Q].units[UNIT].report
    return report.numbers.yes, report.numbers.no, report.status.value


def heads(store: VoteStore) -> list[tuple[int, int, str]]:
    return sorted((c.values.yes, c.values.no, c.steward) for c in current_counts(store, UNIT))


def test_undoing_a_first_entry_leaves_the_unit_unreported(demo_store: VoteStore) -> None:
    before = unit_numbers(demo_store)
    first = record_count(demo_store, STEWARD, LOCAL_391, {"yes": "1300", "no": "500"})
    assert first.entry_id is not None
    undone = undo_entry(demo_store, STEWARD, first.entry_id)
    assert undone.status is SlotStatus.EMPTY
    assert undone.changes.units == {UNIT}
    assert "undid the count for afscme-np4-391" in undone.note and "1,300 yes" in undone.note
    assert unit_numbers(demo_store) == before == (0, 0, "not reported")
    with demo_store.reading() as conn:
        history = entry_reads.history(conn, UNIT)
    retraction = history[-1]
    assert retraction.entry.type is EntryType.COUNT_RETRACTED
    assert retraction.entry.supersedes == (first.entry_id,)
    assert retraction.entry.reason == "undone" and retraction.entry.steward == STEWARD.steward
    undone_item = next(i for i in history if i.entry.id == first.entry_id)
    assert not undone_item.current and undone_item.superseded_by == (retraction.entry.id,)
    # a steward may enter the count afresh (it is no longer "already entered")
    again = record_count(demo_store, STEWARD, LOCAL_391, {"yes": "1301", "no": "500"})
    assert again.status is SlotStatus.VALUE


def test_undoing_a_correction_brings_the_old_count_back(demo_store: VoteStore) -> None:
    record_count(demo_store, STEWARD, LOCAL_391, {"yes": "1300", "no": "500"})
    fixed = record_count(
        demo_store, STEWARD, LOCAL_391, {"yes": "1350", "no": "450"}, correct=True, reason="r"
    )
    assert unit_numbers(demo_store)[:2] == (1350, 450)
    assert fixed.entry_id is not None
    undo_entry(demo_store, STEWARD, fixed.entry_id)
    assert unit_numbers(demo_store)[:2] == (1300, 500)
    # and redo puts the correction back, as a fresh entry replacing the same count
    redone = redo_entry(demo_store, STEWARD, fixed.entry_id)
    assert redone.entry_id not in (None, fixed.entry_id)
    assert unit_numbers(demo_store)[:2] == (1350, 450)
    assert "redid the correction" in redone.note


def test_undoing_a_confirmation_leaves_the_first_count_alone(demo_store: VoteStore) -> None:
    numbers = {"yes": "1300", "no": "500"}
    record_count(demo_store, STEWARD, LOCAL_391, numbers)
    second = record_count(demo_store, SECOND, LOCAL_391, numbers)
    assert second.status is SlotStatus.CONFIRMED and second.entry_id is not None
    undone = undo_entry(demo_store, SECOND, second.entry_id)
    assert undone.status is SlotStatus.VALUE
    assert heads(demo_store) == [(1300, 500, STEWARD.steward)]


def test_undoing_a_resolution_brings_the_conflict_back(demo_store: VoteStore) -> None:
    record_count(demo_store, STEWARD, LOCAL_391, {"yes": "1300", "no": "500"})
    record_count(demo_store, SECOND, LOCAL_391, {"yes": "1310", "no": "500"})
    assert unit_numbers(demo_store)[2] == "conflict"
    resolved = resolve_conflict(
        demo_store, COORDINATOR, LOCAL_391, reason="checked the sheet", take=heads_id(demo_store)
    )
    assert resolved.entry_id is not None and unit_numbers(demo_store)[2] != "conflict"
    undone = undo_entry(demo_store, COORDINATOR, resolved.entry_id)
    assert undone.status is SlotStatus.CONFLICT
    assert unit_numbers(demo_store) == (0, 0, "conflict")
    assert "undid the resolution" in undone.note
    redo_entry(demo_store, COORDINATOR, resolved.entry_id)
    assert unit_numbers(demo_store)[:2] == (1300, 500)


def heads_id(store: VoteStore) -> str:
    with store.reading() as conn:
        found = entry_reads.count_heads(conn, LOCAL_391)
    return next(h.entry_id for h in found if h.values.yes == 1300)


def test_a_count_someone_else_corrected_is_not_undone(demo_store: VoteStore) -> None:
    first = record_count(demo_store, STEWARD, LOCAL_391, {"yes": "1300", "no": "500"})
    record_count(
        demo_store, SECOND, LOCAL_391, {"yes": "1301", "no": "500"}, correct=True, reason="r"
    )
    assert first.entry_id is not None
    with demo_store.reading() as conn:
        before = entry_reads.entry_count(conn)
    with pytest.raises(Refused, match=r"replaced since.*correct the current count instead"):
        undo_entry(demo_store, STEWARD, first.entry_id)
    with demo_store.reading() as conn:
        assert entry_reads.entry_count(conn) == before  # nothing recorded


def test_only_ones_own_counts_are_undone(demo_store: VoteStore) -> None:
    first = record_count(demo_store, STEWARD, LOCAL_391, {"yes": "1300", "no": "500"})
    assert first.entry_id is not None
    with pytest.raises(Refused, match="entered by a steward on hall office PC: only your own"):
        undo_entry(demo_store, SECOND, first.entry_id)
    with demo_store.reading() as conn:
        setup = entry_reads.entries_of_type(conn, EntryType.SETUP)[0]
    with pytest.raises(Refused, match="only a count can be undone; this is a setup entry"):
        undo_entry(demo_store, STEWARD, setup.id)
    with pytest.raises(Refused, match='no entry "not-an-id"'):
        undo_entry(demo_store, STEWARD, "not-an-id")
    retraction = undo_entry(demo_store, STEWARD, first.entry_id)
    with pytest.raises(Refused, match="already undone; redo it"):
        undo_entry(demo_store, STEWARD, first.entry_id)
    assert retraction.entry_id is not None
    with pytest.raises(Refused, match=r"only a count can be undone; this is a count\.retracted"):
        undo_entry(demo_store, STEWARD, retraction.entry_id)


def test_redo_is_refused_when_the_count_changed_since(demo_store: VoteStore) -> None:
    first = record_count(demo_store, STEWARD, LOCAL_391, {"yes": "1300", "no": "500"})
    assert first.entry_id is not None
    with pytest.raises(Refused, match="is not undone: there is nothing to redo"):
        redo_entry(demo_store, STEWARD, first.entry_id)
    undo_entry(demo_store, STEWARD, first.entry_id)
    record_count(demo_store, STEWARD, LOCAL_391, {"yes": "1200", "no": "500"})
    with pytest.raises(Refused, match=r"changed since .* was undone"):
        redo_entry(demo_store, STEWARD, first.entry_id)
    assert heads(demo_store) == [(1200, 500, STEWARD.steward)]


def test_several_undos_then_redos_replay_the_evening(demo_store: VoteStore) -> None:
    """Enter, correct, undo both, redo both: the redone correction replaces the redone count
    (the window passes what it redid)."""
    cache = StandingsCache(demo_store)
    cache.load()
    first = record_count(demo_store, STEWARD, LOCAL_391, {"yes": "1300", "no": "500"}, final=True)
    fixed = record_count(
        demo_store, STEWARD, LOCAL_391, {"yes": "1350", "no": "450"}, correct=True, reason="r"
    )
    assert first.entry_id is not None and fixed.entry_id is not None
    for step in (fixed, first):
        assert step.entry_id is not None
        cache.refresh(undo_entry(demo_store, STEWARD, step.entry_id).changes)
    assert cache.standings is not None and _numbers(cache.standings) == (0, 0, "not reported")
    again = redo_entry(demo_store, STEWARD, first.entry_id)
    assert again.entry_id is not None
    cache.refresh(again.changes)
    assert cache.standings is not None and _numbers(cache.standings) == (1300, 500, "final")
    with pytest.raises(Refused, match="changed since"):  # it replaced the undone count
        redo_entry(demo_store, STEWARD, fixed.entry_id)
    last = redo_entry(demo_store, STEWARD, fixed.entry_id, redone={first.entry_id: again.entry_id})
    cache.refresh(last.changes)
    assert cache.standings is not None
    assert _numbers(cache.standings) == (1350, 450, "provisional")
    assert _numbers(cache.standings) == unit_numbers(demo_store)
