"""The SQL projection (slots, unit reports) equals the pure reference over all entries, and
does not depend on the order entries arrived in."""

from __future__ import annotations

import contextlib
import random
from collections import defaultdict
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from steward_app.domain.counts import Head, SlotKey, slot_state, unit_report
from steward_app.domain.entries import Entry, heads
from steward_app.domain.vote import Vote
from steward_app.services.authors import Author
from steward_app.services.counting import record_count
from steward_app.services.errors import Refused
from steward_app.services.undo import redo_entry, undo_entry
from steward_app.services.vote_setup import create_vote
from steward_app.store import entry_log, entry_reads
from steward_app.store.vote_store import VoteStore
from tests.conftest import ticking_clock
from tests.small_vote import SLOTS, setup_text

AUTHORS = [Author("steward one", "pc"), Author("steward two", "pc"), Author("coordinator", "pc")]

operation = st.tuples(
    st.integers(0, len(AUTHORS) - 1),
    st.integers(0, len(SLOTS) - 1),
    st.integers(0, 4),
    st.integers(0, 4),
    st.integers(0, 3),  # enter, correct, undo one's last count, redo one's last undo
)
ENTER, CORRECT, UNDO, REDO = range(4)


def reference_reports(vote: Vote, entries: list[Entry]) -> dict[tuple[str, str], object]:
    by_key: dict[SlotKey, list[Entry]] = defaultdict(list)
    for e in entries:
        if e.type.is_count:
            by_key[e.key.slot].append(e)
    states = {
        key: slot_state(
            key, [Head(e.id, e.values, e.steward, e.pc, e.recorded_at) for e in heads(es)]
        )
        for key, es in by_key.items()
    }
    out: dict[tuple[str, str], object] = {}
    for unit in vote.units:
        # a slot whose every count was undone has entries but no head: like no slot at all
        mine = [s for k, s in states.items() if k.unit == unit.id and s.heads]
        if mine:
            out[("q", unit.id)] = unit_report(unit, "q", mine)
    return out


def run_operations(store: VoteStore, ops: list[tuple[int, int, int, int, int]]) -> None:
    """Each author's saves, undos and redos (as the window's undo stack makes them)."""
    clock = ticking_clock()
    saved: dict[int, list[str]] = defaultdict(list)
    undone: dict[int, list[str]] = defaultdict(list)
    redone: dict[str, str] = {}
    for who, slot, yes, no, action in ops:
        with contextlib.suppress(Refused):  # e.g. entering one's own count twice
            if action == UNDO and saved[who]:
                undo_entry(store, AUTHORS[who], saved[who][-1], clock=clock)
                undone[who].append(saved[who].pop())
            elif action == REDO and undone[who]:
                again = redo_entry(store, AUTHORS[who], undone[who][-1], redone=redone, clock=clock)
                redone[undone[who].pop()] = str(again.entry_id)
                saved[who].append(str(again.entry_id))
            elif action in (ENTER, CORRECT):
                recorded = record_count(
                    store,
                    AUTHORS[who],
                    SLOTS[slot],
                    {"yes": yes, "no": no},
                    final=yes % 2 == 0,
                    correct=action == CORRECT,
                    reason="recount",
                    confirm_warnings=True,
                    clock=clock,
                )
                if recorded.entry_id is not None:
                    saved[who].append(recorded.entry_id)
                    undone[who].clear()


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(ops=st.lists(operation, min_size=1, max_size=14), seed=st.integers(0, 1000))
def test_sql_projection_matches_reference_in_any_arrival_order(
    tmp_path_factory: object, ops: list[tuple[int, int, int, int, int]], seed: int
) -> None:
    folder: Path = tmp_path_factory.mktemp("p")  # type: ignore[attr-defined]
    store = VoteStore(folder / "a.sqlite")
    create_vote(store, setup_text(), AUTHORS[2], clock=ticking_clock())
    run_operations(store, ops)
    vote = store.vote()
    assert vote is not None
    with store.reading() as conn:
        entries = entry_reads.all_entries(conn)
        assert entry_reads.unit_reports(conn, vote) == reference_reports(vote, entries)
    store.close()

    # the same entries arriving in another order give the same projection
    shuffled = list(entries)
    random.Random(seed).shuffle(shuffled)
    other = VoteStore(folder / "b.sqlite")
    with other.transaction() as conn:
        for e in entries:
            entry_log.add_origin(conn, e.origin, e.steward, e.pc, local=False)
        for e in shuffled:
            entry_log.append(conn, [e])
    with other.reading() as conn:
        assert entry_reads.unit_reports(conn, vote) == reference_reports(vote, entries)
    other.close()
