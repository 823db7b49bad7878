"""Retractions (undo): what they mean for a slot's heads, and which ones another PC's file may
carry."""

from __future__ import annotations

import json
from collections.abc import Sequence

import pytest

from steward_app.domain.counts import CountValues, SlotKey
from steward_app.domain.entries import (
    GENESIS,
    Entry,
    EntryKey,
    EntryType,
    entry_hash,
    heads,
    make_entry,
    read_entry,
    values_body,
)

KEY = EntryKey.count(SlotKey("q", "u1"))
ORIGIN = "A" * 16


def entry(
    seq: int,
    kind: EntryType = EntryType.COUNT_ENTERED,
    yes: int = 5,
    supersedes: Sequence[str] = (),
    key: EntryKey = KEY,
    origin: str = ORIGIN,
) -> Entry:
    """A count entry (or, with no numbers, a retraction) of one origin."""
    retraction = kind is EntryType.COUNT_RETRACTED
    return make_entry(
        vote="ab" * 32,
        type=kind,
        origin=origin,
        seq=seq,
        prev=GENESIS,
        key=key,
        body={} if retraction else values_body(CountValues(yes, 1)),
        steward=origin,
        pc="PC",
        recorded_at=f"2025-05-01T20:{seq // 60 % 60:02d}:{seq % 60:02d}-04:00",
        supersedes=supersedes,
        reason="undone" if retraction else ("recount" if supersedes else None),
    )


def undo(seq: int, target: Entry, origin: str = ORIGIN) -> Entry:
    return entry(
        seq, EntryType.COUNT_RETRACTED, supersedes=[target.id], key=target.key, origin=origin
    )


def ids(entries: Sequence[Entry]) -> set[str]:
    return {e.id for e in entries}


def test_undoing_a_first_entry_leaves_the_slot_empty() -> None:
    first = entry(1)
    assert heads([first, undo(2, first)]) == []


def test_undoing_a_correction_brings_the_corrected_count_back() -> None:
    first = entry(1)
    fixed = entry(2, EntryType.COUNT_CORRECTED, yes=7, supersedes=[first.id])
    assert ids(heads([first, fixed])) == {fixed.id}
    assert ids(heads([first, fixed, undo(3, fixed)])) == {first.id}


def test_undoing_a_resolution_brings_the_conflict_back() -> None:
    one, two = entry(1, yes=5), entry(2, yes=6)
    resolved = entry(3, EntryType.COUNT_RESOLVED, supersedes=[one.id, two.id])
    assert ids(heads([one, two, resolved, undo(4, resolved)])) == {one.id, two.id}


def test_undoing_a_blind_second_entry_leaves_the_first_alone() -> None:
    one, two = entry(1, yes=5), entry(2, yes=6)
    assert ids(heads([one, two, undo(3, two)])) == {one.id}


def test_a_retraction_of_a_retraction_changes_nothing() -> None:
    """Redo is a fresh entry: retracting the retraction does not bring the count back."""
    first = entry(1)
    r = undo(2, first)
    assert heads([first, r, undo(3, r)]) == []


def _raw_with(change: dict[str, object]) -> bytes:
    good = undo(2, entry(1))
    obj = {**json.loads(good.raw), **change}
    return json.dumps(obj, sort_keys=True, separators=(",", ":")).encode()


def test_a_retraction_from_another_pc_is_read_back_as_written() -> None:
    r = undo(2, entry(1))
    assert read_entry(r.raw, r.id) == r
    assert r.type.is_count and not r.type.has_numbers


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"body": {"yes": 1, "no": 0}}, "carries no numbers"),
        ({"supersedes": []}, "names one entry to undo, not 0"),
        ({"supersedes": ["ab" * 32, "cd" * 32]}, "names one entry to undo, not 2"),
        ({"reason": None}, "has a reason"),
        ({"reason": ""}, "has a reason"),
        ({"key": {"kind": "declared", "q": "q", "unit": "", "part": ""}}, "'declared' key"),
    ],
)
def test_malformed_retractions_are_refused(change: dict[str, object], message: str) -> None:
    raw = _raw_with(change)
    with pytest.raises(ValueError, match=message):
        read_entry(raw, entry_hash(raw))
