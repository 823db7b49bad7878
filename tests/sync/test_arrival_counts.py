"""What an import reports (new, superseded, conflicting) when a PC joins from a file: worked
out from the slot table the import just filled (services.merge._counts_of_first), it equals
the general count over every arrived entry and the pure reference of domain.entries.heads."""

from __future__ import annotations

import contextlib
import random
from collections import defaultdict
from pathlib import Path

import pytest

from steward_app.domain.counts import Head, SlotStatus, slot_state
from steward_app.domain.entries import Entry, EntryKey, KeyKind, heads, parse_entry
from steward_app.services import merge
from steward_app.services.conflicts import list_conflicts, resolve_conflict
from steward_app.services.counting import declare_outcome
from steward_app.services.errors import Refused
from steward_app.services.roster import change_setup
from tests.small_vote import SLOTS, setup_text
from tests.sync.helpers import PC


def _reference(entries: list[Entry]) -> tuple[int, int]:
    """(superseded, current counts in conflict) over these entries, from the domain alone."""
    by_key: dict[EntryKey, list[Entry]] = defaultdict(list)
    for e in entries:
        by_key[e.key].append(e)
    current = conflicting = 0
    for key, of_key in by_key.items():
        now = heads(of_key)
        current += len(now)
        if key.kind == KeyKind.COUNT.value:
            state = slot_state(
                key.slot, [Head(e.id, e.values, e.steward, e.pc, e.recorded_at) for e in now]
            )
            if state.status is SlotStatus.CONFLICT:
                conflicting += len(now)
    return len(entries) - current, conflicting


def _evening(pcs: list[PC], rng: random.Random, steps: int) -> None:
    """Counts, corrections, conflicts, undos, redos, resolutions, declared outcomes and setup
    changes on three PCs, with files passed between them now and then."""
    saved: list[list[str]] = [[] for _ in pcs]
    redone: dict[str, str] = {}
    for _ in range(steps):
        i = rng.randrange(len(pcs))
        pc = pcs[i]
        move = rng.random()
        if move < 0.45:
            got = pc.record(
                rng.choice(SLOTS), rng.randrange(3), rng.randrange(3), correct=rng.random() < 0.3
            )
            if got is not None and got.entry_id is not None:
                saved[i].append(got.entry_id)
        elif move < 0.55 and saved[i]:
            undone = pc.undo(saved[i][-1])
            if undone is not None and rng.random() < 0.5:
                again = pc.redo(saved[i][-1], redone)
                if again is not None and again.entry_id is not None:
                    redone[saved[i][-1]] = again.entry_id
            saved[i].pop()
        elif move < 0.65:
            found = list_conflicts(pc.store)
            if found:
                conflict = rng.choice(found)
                with contextlib.suppress(Refused):
                    resolve_conflict(
                        pc.store,
                        pc.author,
                        conflict.slot,
                        take=rng.choice(list(conflict.heads)).entry_id,
                        reason="checked the sheet",
                        clock=pc.clock,
                    )
        elif move < 0.68 and i == 0:  # the coordinator corrects a union's membership
            members = f"membership = {rng.randrange(21, 40)}"
            with contextlib.suppress(Refused):
                change_setup(
                    pc.store,
                    pc.author,
                    setup_text().replace("membership = 20", members),
                    "corrected",
                    clock=pc.clock,
                )
        elif move < 0.72:
            outcome = rng.choice(["approved", "rejected", "pending"])
            union = rng.choice([None, "a", "b"])
            with contextlib.suppress(Refused):
                declare_outcome(pc.store, pc.author, "q", outcome, union_id=union, clock=pc.clock)
        else:
            to = rng.randrange(len(pcs))
            if to != i:
                pcs[to].take(pc.export())


@pytest.mark.parametrize("seed", range(4))
def test_a_joining_pc_reports_what_the_general_count_and_the_reference_report(
    template: Path, tmp_path: Path, seed: int
) -> None:
    rng = random.Random(seed)
    pcs = [PC(tmp_path, f"pc{i}", template) for i in range(3)]
    joining = PC(tmp_path, "joining", template)
    try:
        pcs[0].create(setup_text())
        pcs[0].join(pcs[1:])
        _evening(pcs, rng, 60)
        for pc in pcs[1:]:
            pcs[0].take(pc.export())
        report = joining.take(pcs[0].export())
        assert report.outcome == "joined" and report.held == 0

        entries = joining.entries()
        superseded, conflicting = _reference(entries)
        assert superseded > 0 and conflicting + superseded < len(entries)  # a real mix
        assert (report.superseded, report.conflicting) == (superseded, conflicting)
        assert report.new == len(entries) - superseded - conflicting
        with joining.store.reading() as conn:  # the import's arrivals: every entry, in order
            rows = conn.exec_driver_sql("SELECT raw, key_id FROM entries ORDER BY id").all()
            arrived = [parse_entry(bytes(raw)) for raw, _ in rows]
            keys = [int(k) for _, k in rows]
            assert merge._counts_in_memory(conn, arrived, keys, 0) == (superseded, conflicting)
            assert merge._counts_of_first(conn, arrived, keys) == (superseded, conflicting)
    finally:
        for pc in [*pcs, joining]:
            pc.close()
