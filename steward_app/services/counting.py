"""Record and correct counts; what a unit's slots hold now. Each is one transaction.

A steward's own count for a slot is entered once and then corrected (with a reason). A count
for a slot that another steward already entered is an independent second entry: equal numbers
confirm it, different numbers are a conflict that stays visible until someone corrects it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection

from steward_app.domain.checks import Problem
from steward_app.domain.counts import CountValues, SlotKey, SlotStatus
from steward_app.domain.entries import Entry
from steward_app.domain.identity import fingerprint
from steward_app.domain.language import _
from steward_app.services.authors import Author, Clock, OriginCursor, origin_cursor, wall_clock
from steward_app.services.changes import Changes

# importing a CSV and declared outcomes lived here: still importable from this module
from steward_app.services.count_import import ImportResult as ImportResult  # noqa: PLC0414
from steward_app.services.count_import import RowsRefused as RowsRefused  # noqa: PLC0414
from steward_app.services.count_import import import_counts as import_counts  # noqa: PLC0414
from steward_app.services.count_plan import Plan, SlotIndex, count_entry, plan_count, slot_status
from steward_app.services.declarations import DECLARABLE as DECLARABLE  # noqa: PLC0414
from steward_app.services.declarations import Declared as Declared  # noqa: PLC0414
from steward_app.services.declarations import declare_outcome as declare_outcome  # noqa: PLC0414
from steward_app.services.declarations import (
    declared_outcomes as declared_outcomes,  # noqa: PLC0414
)
from steward_app.services.errors import NoVote, Refused
from steward_app.services.permissions import held_note, held_reason, hold
from steward_app.store import entry_log, entry_reads, slots
from steward_app.store.vote_store import VoteStore


@dataclass(frozen=True)
class Recorded:
    """What became of one count."""

    slot: SlotKey
    entry_id: str | None  # None when nothing new was needed (already recorded)
    status: SlotStatus  # the slot's state afterwards
    note: str  # in words: recorded / confirms ... / conflicts with ... / already recorded
    confirmed_warnings: tuple[Problem, ...] = ()
    changes: Changes = field(default_factory=Changes)


def _entry(vote_key: str, plan: Plan, cursor: OriginCursor, author: Author, now: str) -> Entry:
    return count_entry(cursor.writer(author, vote_key, now), cursor.next_seq, cursor.prev, plan)


def record_count(
    store: VoteStore,
    author: Author,
    slot: SlotKey,
    numbers: Mapping[str, object],
    *,
    final: bool = False,
    correct: bool = False,
    reason: str | None = None,
    confirm_warnings: bool = False,
    clock: Clock = wall_clock,
) -> Recorded:
    """Check and record one count (or a correction of one). Raises Refused, changing nothing."""
    with store.transaction() as conn:
        vote = store.vote(conn)
        vote_key = store.vote_key(conn)
        if vote is None or vote_key is None:
            raise NoVote()
        # only the slot's question: a count reads the heads and sums of its own question
        index = SlotIndex.load(conn, [slot.unit], [slot.question])
        cursor = origin_cursor(conn, author)
        plan, problems = plan_count(
            vote, index, cursor.origin, slot, numbers, final, reason, correct
        )
        if plan is None:
            raise Refused(
                _("the count for {where} was not recorded").format(where=slot.describe()),
                problems,
            )
        if plan.skip:
            status = slot_status(index, slot)
            return Recorded(slot, None, status, plan.note)
        if plan.warnings and not confirm_warnings:
            raise Refused(
                _(
                    "the count for {where} was not recorded: confirm the warnings to record it"
                ).format(where=slot.describe()),
                plan.warnings,
            )
        now = clock()
        entry = _entry(vote_key, plan, cursor, author, now)
        held = held_reason(store, conn, entry)
        if held is not None:
            hold(conn, vote_key, [(entry, held)], now)
            note = held_note(held)
            return Recorded(slot, entry.id, slot_status(index, slot), note, tuple(plan.warnings))
        entry_log.append(conn, [entry])
        status = slots.slot_status(conn, slot)
    return Recorded(
        slot,
        entry.id,
        status,
        plan.note,
        tuple(plan.warnings),
        Changes(units=frozenset({slot.unit})),
    )


@dataclass(frozen=True)
class CurrentCount:
    """A current entry of a slot, with who entered it: what the form shows before a change."""

    slot: SlotKey
    values: CountValues
    steward: str
    pc: str
    recorded_at: str
    fingerprint: str = ""  # of the key that signed it
    replaced: str = ""  # an override: whose count (another key's) it replaced


def current_counts(store: VoteStore, unit_id: str) -> list[CurrentCount]:
    """Every current entry (head) of a unit's slots; two or more on a slot are a
    confirmation (same numbers) or a conflict (different numbers)."""
    with store.reading() as conn:
        index = SlotIndex.load(conn, [unit_id])
        replaced = {
            h.entry_id: _replaced_of_others(conn, h.entry_id, h.origin)
            for heads in index.heads.values()
            for h in heads
        }
    return [
        CurrentCount(
            slot, h.values, h.steward, h.pc, "", fingerprint(h.origin), replaced[h.entry_id]
        )
        for slot, heads in sorted(index.heads.items())
        for h in heads
    ]


def _replaced_of_others(conn: Connection, entry_id: str, origin: str) -> str:
    """Whose counts (signed by other keys than `origin`) the entry replaced: "" if none."""
    found = entry_reads.entry_by_id(conn, entry_id)
    if found is None or not found[0].supersedes:
        return ""
    theirs = []
    for target in found[0].supersedes:
        hit = entry_reads.entry_by_id(conn, target)
        if hit is not None and hit[0].origin != origin:
            x = hit[0]
            theirs.append(
                _("{steward} on {pc} ({origin})").format(
                    steward=x.steward, pc=x.pc, origin=fingerprint(x.origin)
                )
            )
    return "; ".join(sorted(set(theirs)))
