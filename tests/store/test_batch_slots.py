"""The slot rows of a first, large import computed in memory equal what the SQL computes."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steward_app.domain.counts import CountValues, SlotKey
from steward_app.domain.entries import GENESIS, Entry, EntryKey, EntryType, make_entry, values_body
from steward_app.store import entry_log, slot_refresh
from steward_app.store.slot_refresh import batch_slots
from steward_app.store.vote_store import VoteStore

SLOTS = [SlotKey("q", "u1"), SlotKey("q", "u2", "x"), SlotKey("q", "u2", "y")]
count = st.tuples(
    st.integers(0, len(SLOTS) - 1),
    st.integers(0, 2),  # yes
    st.integers(0, 2),  # no
    st.none() | st.integers(0, 2),  # eligible
    st.booleans(),  # final
    st.integers(0, 3),  # how many earlier entries of the slot it supersedes
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(count, min_size=1, max_size=25))
def test_batch_slots_equal_the_sql(tmp_path_factory: object, counts: list) -> None:
    folder: Path = tmp_path_factory.mktemp("b")  # type: ignore[attr-defined]
    entries: list[Entry] = []
    by_slot: dict[int, list[str]] = {}
    for seq, (slot, yes, no, eligible, final, replaces) in enumerate(counts, start=1):
        earlier = by_slot.setdefault(slot, [])
        e = make_entry(
            vote="ab" * 32,
            type=EntryType.COUNT_CORRECTED if replaces and earlier else EntryType.COUNT_ENTERED,
            origin="A" * 16,
            seq=seq,
            prev=entries[-1].id if entries else GENESIS,
            key=EntryKey.count(SLOTS[slot]),
            body=values_body(CountValues(yes, no, 0, 0, eligible, final)),
            steward="s",
            pc="p",
            recorded_at="2025-05-01T20:00:00-04:00",
            supersedes=earlier[-replaces:] if replaces else (),
        )
        earlier.append(e.id)
        entries.append(e)
    store = VoteStore(folder / "v.sqlite")
    try:
        with store.transaction() as conn:
            entry_log.add_origin(conn, "A" * 16, "s", "p", local=False)
            key_rows = entry_log.append(conn, entries)  # small: the SQL computes the slots
            in_sql = set(
                conn.exec_driver_sql(
                    "SELECT key_id, question, unit, part, status, heads, yes, no, void, "
                    "challenged, eligible, final FROM slots"
                )
            )
        in_memory = {
            tuple(int(v) if isinstance(v, bool) else v for v in row)
            for row in batch_slots(entries, key_rows)
        }
        assert in_memory == {tuple(r) for r in in_sql}
    finally:
        store.close()


def test_a_large_first_batch_after_the_setup_gets_the_slots_the_sql_computes(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A CSV import into a new vote: the database holds the setup entry but no count yet, so
    the batch's slots are computed in memory; they must be what the SQL computes."""
    setup = make_entry(
        vote="ab" * 32,
        type=EntryType.SETUP,
        origin="A" * 16,
        seq=1,
        prev=GENESIS,
        key=EntryKey("setup"),
        body={"toml": "format = 1"},
        steward="s",
        pc="p",
        recorded_at="2025-05-01T19:00:00-04:00",
    )
    entries: list[Entry] = []
    latest: dict[int, str] = {}
    for n in range(1500):
        slot = n % 600  # most slots have two or three entries, some superseding the last
        earlier = latest.get(slot)
        e = make_entry(
            vote="ab" * 32,
            type=EntryType.COUNT_CORRECTED if earlier and n % 3 else EntryType.COUNT_ENTERED,
            origin="B" * 16,
            seq=n + 1,
            prev=entries[-1].id if entries else GENESIS,
            key=EntryKey.count(SlotKey("q", f"u{slot // 4}", f"p{slot % 4}")),
            # odd slots: every entry has the same numbers (a confirmation when both are heads)
            body=values_body(
                CountValues(slot % 7, slot % 5, 0, 0, None, False)
                if slot % 2
                else CountValues(n % 7, n % 5, 0, 0, None, n % 4 == 0)
            ),
            steward="s",
            pc="p",
            recorded_at="2025-05-01T20:00:00-04:00",
            supersedes=(earlier,) if earlier and n % 3 else (),
        )
        latest[slot] = e.id
        entries.append(e)
    batches: list[int] = []

    def in_memory_slots(batch: list[Entry], key_rows: list[int]) -> list[tuple[object, ...]]:
        batches.append(len(batch))
        return batch_slots(batch, key_rows)

    monkeypatch.setattr(slot_refresh, "batch_slots", in_memory_slots)
    store = VoteStore(tmp_path / "v.sqlite")
    select = (
        "SELECT key_id, question, unit, part, status, heads, yes, no, void, challenged, "
        "eligible, final FROM slots"
    )
    try:
        with store.transaction() as conn:
            entry_log.add_origin(conn, "A" * 16, "s", "p", local=True)
            entry_log.add_origin(conn, "B" * 16, "s", "p", local=False)
            entry_log.append(conn, [setup])
            entry_log.append(conn, entries)
            in_memory = set(conn.exec_driver_sql(select))
            slot_refresh.refresh_slots(conn, None)
            in_sql = set(conn.exec_driver_sql(select))
        statuses = {row[4] for row in in_sql}
        assert batches == [1500]  # the count batch took the in-memory path
        assert len(in_sql) == 600 and statuses == {"value", "confirmed", "conflict"}
        assert in_memory == in_sql
    finally:
        store.close()
