"""A first batch of keys (none of their kind stored yet) is inserted at once, numbered in
sorted order, as the general path numbers new keys; a later batch finds them."""

from __future__ import annotations

from steward_app.domain.counts import SlotKey
from steward_app.domain.entries import EntryKey
from steward_app.services.vote_setup import create_vote
from steward_app.store import entry_log
from steward_app.store.vote_store import VoteStore
from tests.conftest import COORDINATOR
from tests.small_vote import setup_text


def _all_keys(store: VoteStore) -> dict[EntryKey, int]:
    with store.reading() as conn:
        rows = conn.exec_driver_sql("SELECT kind, question, unit, part, id FROM entry_keys")
        return {EntryKey(k, q, u, p): int(i) for k, q, u, p, i in rows}


def test_a_first_batch_of_count_keys_is_numbered_in_sorted_order(store: VoteStore) -> None:
    create_vote(store, setup_text(), COORDINATOR)  # a setup key, no count key yet
    before = _all_keys(store)
    new = [EntryKey.count(SlotKey("q", f"unit-{n:03}", p)) for n in range(150) for p in "ba"]
    with store.transaction() as conn:
        got = entry_log.key_ids(conn, [*reversed(new), new[0]])
    after = _all_keys(store)
    assert got == {k: after[k] for k in new}
    assert set(after) == set(before) | set(new)
    assert sorted(new, key=after.__getitem__) == sorted(new)  # ids in sorted key order
    assert min(after[k] for k in new) > max(before.values())
    more = [EntryKey.count(SlotKey("q", f"unit-{n:03}", "c")) for n in range(100)]
    with store.transaction() as conn:  # count keys exist now: the general path
        again = entry_log.key_ids(conn, [*new, *more])
    final = _all_keys(store)
    assert again == {k: final[k] for k in [*new, *more]}
    assert {k: final[k] for k in after} == after  # nothing renumbered, nothing added twice
    assert len(final) == len(after) + len(more)
