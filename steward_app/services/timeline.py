"""The evening as it unfolded: a union's running margin, and the coalition's approving share,
after each count in the order the counts were recorded."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from fractions import Fraction

from steward_app.domain.coalition import TestKind
from steward_app.domain.counts import Head, SlotKey, SlotState, UnitReport, slot_state, unit_report
from steward_app.domain.entries import Entry, heads
from steward_app.domain.standings import ReportKey, Standings, update_standings
from steward_app.domain.vote import Vote
from steward_app.store import entry_reads
from steward_app.store.vote_store import VoteStore

COALITION_REPLAY_LIMIT = 20_000  # beyond this many counts only the union's line is drawn


@dataclass(frozen=True)
class Point:
    recorded_at: str  # the PC's clock when the count was recorded
    margin: int  # the union's pooled yes minus no after this count
    approving_share: Fraction | None  # membership of unions decided to approve, of all


@dataclass(frozen=True)
class Timeline:
    union_id: str
    points: tuple[Point, ...]
    coalition_included: bool


def _replay(
    vote: Vote, entries: list[Entry], question: str, union_id: str, coalition: bool
) -> list[Point]:
    by_key: dict[SlotKey, list[Entry]] = defaultdict(list)
    states: dict[SlotKey, SlotState] = {}
    reports: dict[ReportKey, UnitReport] = {}
    union = vote.union_by_id[union_id]
    mine = set(union.unit_ids)
    standings: Standings | None = None
    points = []
    for e in sorted(entries, key=lambda e: (e.recorded_at, e.origin, e.seq)):
        slot = e.key.slot
        unit = vote.unit_by_id.get(slot.unit)
        if unit is None or slot.question not in vote.question_by_id:
            continue
        by_key[slot].append(e)
        states[slot] = slot_state(
            slot,
            [Head(h.id, h.values, h.steward, h.pc, h.recorded_at) for h in heads(by_key[slot])],
        )
        unit_slots = [
            s for k, s in states.items() if k.unit == slot.unit and k.question == slot.question
        ]
        reports[(slot.question, slot.unit)] = unit_report(unit, slot.question, unit_slots)
        share = None
        if coalition:
            standings = update_standings(vote, reports, standings, {slot.unit})
            share = _approving_share(standings)
        if slot.question == question and (slot.unit in mine or coalition):
            margin = sum(
                reports[(question, u)].numbers.margin for u in mine if (question, u) in reports
            )
            points.append(Point(e.recorded_at, margin, share))
    return points


def _approving_share(standings: Standings) -> Fraction | None:
    for q in standings.questions.values():
        if q.coalition is None:
            continue
        for t in q.coalition.tests:
            if t.kind is TestKind.MEMBERSHIP:
                return t.value
    return None


def timeline(store: VoteStore, question: str, union_id: str) -> Timeline:
    """Replay the counts in the order they were recorded (reads on the caller's thread)."""
    with store.reading() as conn:
        vote = store.vote(conn)
        entries = [e for e in entry_reads.all_entries(conn) if e.type.is_count]
    if vote is None:
        return Timeline(union_id, (), False)
    coalition = len(entries) <= COALITION_REPLAY_LIMIT
    points = _replay(vote, entries, question, union_id, coalition)
    return Timeline(union_id, tuple(points), coalition)
