"""The store's supersessions hold what supersedes what in effect once retractions (undo) are
counted: in any arrival order, one by one or in a batch, on the in-memory path of a large
first batch, and when a retraction is taken out again (an import undone)."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from pathlib import Path

import pytest

from steward_app.domain.counts import SlotKey
from steward_app.domain.entries import Entry, EntryKey, EntryType, heads
from steward_app.store import entry_log, entry_reads, exchange_log, slot_refresh
from steward_app.store.vote_store import VoteStore
from tests.domain.test_retraction import entry as domain_entry

SLOT = SlotKey("q", "u1")
OTHER = SlotKey("q", "u2")
A, B = "A" * 16, "B" * 16


def entry(
    origin: str,
    seq: int,
    kind: EntryType = EntryType.COUNT_ENTERED,
    yes: int = 5,
    supersedes: Sequence[str] = (),
    slot: SlotKey = SLOT,
) -> Entry:
    return domain_entry(seq, kind, yes, supersedes, EntryKey.count(slot), origin)


def undo(origin: str, seq: int, target: Entry, slot: SlotKey = SLOT) -> Entry:
    return entry(origin, seq, EntryType.COUNT_RETRACTED, supersedes=[target.id], slot=slot)


# a first count, a blind second one that differs, a resolution, its undo, a retraction of
# that undo (which changes nothing), and a correction of the first count by its steward
FIRST = entry(A, 1, yes=5)
SECOND = entry(B, 1, yes=6)
RESOLVED = entry(A, 2, EntryType.COUNT_RESOLVED, yes=6, supersedes=[FIRST.id, SECOND.id])
UNDONE = undo(A, 3, RESOLVED)
UNDO_OF_UNDO = undo(A, 4, UNDONE)
STORY = [FIRST, SECOND, RESOLVED, UNDONE, UNDO_OF_UNDO]


def open_store(path: Path) -> VoteStore:
    store = VoteStore(path)
    with store.transaction() as conn:
        for origin in (A, B):
            entry_log.add_origin(conn, origin, origin, "PC", local=False)
    return store


def stored_heads(store: VoteStore, slot: SlotKey = SLOT) -> set[str]:
    with store.reading() as conn:
        return {e.id for e, _ in entry_reads.heads_of(conn, EntryKey.count(slot))}


def slot_rows(store: VoteStore) -> set[tuple[object, ...]]:
    with store.reading() as conn:
        return set(
            conn.exec_driver_sql("SELECT question, unit, part, status, heads, yes FROM slots")
        )


def test_every_arrival_order_gives_the_reference_heads(tmp_path: Path) -> None:
    expected = {e.id for e in heads(STORY)}
    assert expected == {FIRST.id, SECOND.id}  # the conflict is back
    for n, order in enumerate(itertools.permutations(STORY)):
        store = open_store(tmp_path / f"{n}.sqlite")
        try:
            with store.transaction() as conn:
                for e in order:
                    entry_log.append(conn, [e])
            assert stored_heads(store) == expected, order
            assert slot_rows(store) == {("q", "u1", "", "conflict", 2, 5)}
        finally:
            store.close()


def test_a_batch_gives_the_same_heads_as_one_by_one(tmp_path: Path) -> None:
    store = open_store(tmp_path / "v.sqlite")
    try:
        with store.transaction() as conn:
            entry_log.append(conn, list(reversed(STORY)))
        assert stored_heads(store) == {FIRST.id, SECOND.id}
    finally:
        store.close()


def test_a_retraction_names_an_entry_of_its_own_key_or_changes_nothing(tmp_path: Path) -> None:
    fixed = entry(A, 2, EntryType.COUNT_CORRECTED, yes=9, supersedes=[FIRST.id])
    elsewhere = undo(A, 3, fixed, slot=OTHER)  # a retraction on another slot's key
    for n, order in enumerate([[FIRST, fixed, elsewhere], [elsewhere, fixed, FIRST]]):
        store = open_store(tmp_path / f"{n}.sqlite")
        try:
            with store.transaction() as conn:
                for e in order:
                    entry_log.append(conn, [e])
            assert stored_heads(store) == {fixed.id}
            assert stored_heads(store, OTHER) == set()  # never a head itself
        finally:
            store.close()


def test_taking_a_retraction_out_brings_the_undone_count_back(tmp_path: Path) -> None:
    fixed = entry(A, 2, EntryType.COUNT_CORRECTED, yes=9, supersedes=[FIRST.id])
    r = undo(A, 3, fixed)
    store = open_store(tmp_path / "v.sqlite")
    try:
        with store.transaction() as conn:
            entry_log.append(conn, [FIRST, fixed, r])
        assert stored_heads(store) == {FIRST.id}
        with store.transaction() as conn:
            exchange_log.withdraw(conn, [bytes.fromhex(r.id)])
        assert stored_heads(store) == {fixed.id}
        assert slot_rows(store) == {("q", "u1", "", "value", 1, 9)}
        with store.transaction() as conn:  # the undo comes back (the import again)
            entry_log.append(conn, [r])
        assert stored_heads(store) == {FIRST.id}
        with store.transaction() as conn:  # the undone correction leaves, then the undo
            exchange_log.withdraw(conn, [bytes.fromhex(fixed.id)])
            exchange_log.withdraw(conn, [bytes.fromhex(r.id)])
        assert stored_heads(store) == {FIRST.id}
    finally:
        store.close()


def test_two_retractions_of_one_count_keep_it_void_until_both_are_gone(tmp_path: Path) -> None:
    fixed = entry(A, 2, EntryType.COUNT_CORRECTED, yes=9, supersedes=[FIRST.id])
    once, twice = undo(A, 3, fixed), undo(A, 4, fixed)
    store = open_store(tmp_path / "v.sqlite")
    try:
        with store.transaction() as conn:
            entry_log.append(conn, [FIRST, fixed, once, twice])
            exchange_log.withdraw(conn, [bytes.fromhex(once.id)])
        assert stored_heads(store) == {FIRST.id}
        with store.transaction() as conn:
            exchange_log.withdraw(conn, [bytes.fromhex(twice.id)])
        assert stored_heads(store) == {fixed.id}
    finally:
        store.close()


def _large_story() -> tuple[list[Entry], set[str]]:
    """1,500 counts on 500 slots, a third of them corrected, every fourth slot's last entry
    undone; the expected heads from the pure reference."""
    entries: list[Entry] = []
    by_slot: dict[int, list[Entry]] = {}
    for n in range(1500):
        slot = SlotKey("q", f"u{n % 500}")
        earlier = by_slot.setdefault(n % 500, [])
        if earlier and n % 3 == 0:
            e = entry(A, n + 1, EntryType.COUNT_CORRECTED, n % 7, [earlier[-1].id], slot)
        elif n % 500 % 4 == 0 and earlier and n >= 1000:
            e = undo(A, n + 1, earlier[-1], slot)
        else:
            e = entry(A, n + 1, yes=n % 7, slot=slot)
        earlier.append(e)
        entries.append(e)
    expected = {e.id for es in by_slot.values() for e in heads(es)}
    return entries, expected


def _all_heads(store: VoteStore) -> set[str]:
    with store.reading() as conn:
        return {
            bytes(r[0]).hex()
            for r in conn.exec_driver_sql(
                "SELECT e.hash FROM entries e WHERE NOT EXISTS (SELECT 1 FROM supersessions s "
                "WHERE s.target = e.hash AND s.key_id = e.key_id)"
            )
        }


def test_a_large_first_batch_with_retractions_gets_the_slots_the_sql_computes(
    tmp_path: Path,
) -> None:
    entries, expected = _large_story()
    assert any(e.type is EntryType.COUNT_RETRACTED for e in entries)
    store = open_store(tmp_path / "v.sqlite")
    select = "SELECT key_id, status, heads, yes, no, final FROM slots"
    try:
        with store.transaction() as conn:
            entry_log.append(conn, entries)  # the in-memory path (a first, large batch)
            in_memory = set(conn.exec_driver_sql(select))
            slot_refresh.refresh_slots(conn, None)
            in_sql = set(conn.exec_driver_sql(select))
        assert in_memory == in_sql
        assert _all_heads(store) == expected
    finally:
        store.close()


@pytest.mark.parametrize("before", ["target", "retraction"])
def test_a_large_batch_after_an_undone_slot_still_sees_it(tmp_path: Path, before: str) -> None:
    """A slot whose only count was undone has no slot row: an empty slot table does not mean
    that the batch holds every count."""
    entries, expected = _large_story()
    early = entry(B, 1, yes=3, slot=SlotKey("q", "early"))
    r = undo(B, 2, early, slot=SlotKey("q", "early"))
    store = open_store(tmp_path / "v.sqlite")
    try:
        with store.transaction() as conn:
            if before == "target":
                entry_log.append(conn, [early, r])
                entry_log.append(conn, entries)
            else:  # the undo first, its count in the large batch
                entry_log.append(conn, [r])
                entry_log.append(conn, [early, *entries])
        assert early.id not in _all_heads(store)
        assert _all_heads(store) == expected
        assert ("q", "early", "", "value", 1, 3) not in slot_rows(store)
        with store.transaction() as conn:
            in_place = set(conn.exec_driver_sql("SELECT * FROM slots"))
            slot_refresh.refresh_slots(conn, None)
            assert set(conn.exec_driver_sql("SELECT * FROM slots")) == in_place
    finally:
        store.close()
