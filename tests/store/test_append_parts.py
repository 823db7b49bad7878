"""Entries appended a part at a time (entry_log.add_keys, append_part, drop_unused_keys,
refresh_appended) leave every table as one append() of them all leaves it, key numbers
included, whatever the parts, the retractions among them and the keys of entries left out;
and arrival_counts_from() reports what services.merge.arrival_counts reports."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from steward_app.domain.counts import CountValues, SlotKey
from steward_app.domain.entries import GENESIS, Entry, EntryKey, EntryType, make_entry, values_body
from steward_app.services import merge
from steward_app.store import entry_log
from steward_app.store.vote_store import VoteStore

SLOTS = [SlotKey("q", f"u{i}", p) for i in range(6) for p in ("", "x")]
TABLES = (
    "SELECT * FROM entries ORDER BY id",
    "SELECT target, by_entry, key_id FROM supersessions ORDER BY target, by_entry",
    "SELECT * FROM slots ORDER BY key_id",
    "SELECT * FROM entry_keys ORDER BY id",
    "SELECT name FROM settings ORDER BY name",
)


def evening(seed: int, n: int, origin: str = "A" * 16, slots: int = len(SLOTS)) -> list[Entry]:
    """Counts, corrections and undos of one origin on the first `slots` slots, in order."""
    rng = random.Random(seed)
    entries: list[Entry] = []
    by_slot: dict[SlotKey, list[Entry]] = {}
    for seq in range(1, n + 1):
        slot = rng.choice(SLOTS[:slots])
        earlier = [e for e in by_slot.get(slot, []) if e.type is not EntryType.COUNT_RETRACTED]
        move = rng.random()
        common = {
            "vote": "ab" * 32,
            "origin": origin,
            "seq": seq,
            "prev": entries[-1].id if entries else GENESIS,
            "key": EntryKey.count(slot),
            "steward": "s",
            "pc": "p",
            "recorded_at": "2025-05-01T20:00:00-04:00",
        }
        if earlier and move < 0.15:
            e = make_entry(
                type=EntryType.COUNT_RETRACTED,
                body={},
                supersedes=[rng.choice(earlier).id],
                reason="undone",
                **common,  # type: ignore[arg-type]
            )
        else:
            body = values_body(CountValues(rng.randrange(3), rng.randrange(3), 0, 0, None, False))
            replaces = [earlier[-1].id] if earlier and move < 0.6 else []
            e = make_entry(
                type=EntryType.COUNT_CORRECTED if replaces else EntryType.COUNT_ENTERED,
                body=body,
                supersedes=replaces,
                reason="recount" if replaces else None,
                **common,  # type: ignore[arg-type]
            )
        by_slot.setdefault(slot, []).append(e)
        entries.append(e)
    return entries


def fields(e: Entry) -> tuple[str, str, str, str]:
    return (e.key.kind, e.key.question, e.key.unit, e.key.part)


def tables(store: VoteStore) -> list[list[tuple[object, ...]]]:
    with store.reading() as conn:
        return [[tuple(r) for r in conn.exec_driver_sql(sql)] for sql in TABLES]


@pytest.mark.parametrize("seed", range(6))
def test_parts_store_what_one_append_stores(tmp_path: Path, seed: int) -> None:
    entries = evening(seed, 1_300)  # over append()'s threshold for a first batch
    rng = random.Random(seed)
    before = evening(seed, 300, "B" * 16, slots=5)  # another PC's, on the first slots
    # keys of entries never appended (as an import's held entries): before, among and after
    # the others in sorted order, so the others are numbered again
    left_out = {("count", "q", "a", ""), ("count", "q", "u2a", "x"), ("count", "q", "zz", "")}
    results = []
    for mode in ("whole", "parts"):
        store = VoteStore(tmp_path / f"{mode}.sqlite")
        try:
            with store.bulk_transaction() as conn:  # as an import: foreign keys checked by it
                entry_log.add_origin(conn, "A" * 16, "s", "p", local=False)
                entry_log.add_origin(conn, "B" * 16, "s", "p", local=False)
                if seed % 2:  # an import into a database holding entries already
                    entry_log.append(conn, before)
                    arrived = entries[:900]  # the slots refreshed one by one
                else:
                    arrived = entries
                first = entry_log.next_row(conn)
                if mode == "whole":
                    keys = entry_log.append(conn, arrived)
                    counts = merge.arrival_counts(conn, arrived, keys, first - 1)
                else:
                    keys_before, ids = entry_log.add_keys(conn, {*map(fields, arrived), *left_out})
                    touched: set[int] = set()
                    at = 0
                    while at < len(arrived):
                        size = rng.randrange(1, 200)
                        known = ids if size % 2 else None  # looked up here, or before
                        touched |= entry_log.append_part(conn, arrived[at : at + size], known)[1]
                        at += size
                    moved = entry_log.drop_unused_keys(conn, keys_before)
                    assert moved  # the keys after "a" numbered again
                    touched = {moved.get(k, k) for k in touched}
                    entry_log.refresh_appended(conn, first, touched)
                    counts = entry_log.arrival_counts_from(conn, first)
            results.append((tables(store), counts))
        finally:
            store.close()
    assert results[0] == results[1]
    assert results[0][1][0] > 0  # superseded entries among them
