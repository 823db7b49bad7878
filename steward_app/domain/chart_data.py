"""What the charts draw, as plain data: the window and the printed reports draw the same bars.

Each chart is a set of horizontal bars made of labelled segments (approved / pending / rejected,
or yes / no), measured against a threshold drawn as a labelled line.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from steward_app.domain.coalition import CoalitionStanding, Position, TestKind
from steward_app.domain.standings import QuestionStandings, UnionStanding
from steward_app.domain.tally import Outcome
from steward_app.domain.threshold import format_share
from steward_app.domain.vote import Scope, Vote
from steward_app.domain.wording import needed_text


@dataclass(frozen=True)
class Segment:
    label: str  # e.g. "approved 6"
    value: float
    kind: str  # approved, pending, rejected, yes, no, void: picks colour and pattern


@dataclass(frozen=True)
class Bar:
    title: str  # "Unions approving"
    segments: tuple[Segment, ...]
    maximum: float
    threshold: float | None
    threshold_label: str
    state: str  # met / failed / open, or the outcome in words
    unit: str  # "unions", "% of members", "votes"


def _pos(p: Position) -> str:
    return {Position.APPROVE: "approved", Position.REJECT: "rejected"}.get(p, "pending")


def coalition_bars(vote: Vote, c: CoalitionStanding, q: QuestionStandings) -> list[Bar]:
    """One bar per test of the coalition rule."""
    settled = {p.union_id: (_pos(p.best) if p.settled else "pending") for p in c.positions}
    members = {p.union_id: p.membership for p in c.positions}
    bars: list[Bar] = []
    for t in c.tests:
        if t.kind is TestKind.MIN_UNIONS:
            counts = {
                k: sum(1 for v in settled.values() if v == k)
                for k in ("approved", "pending", "rejected")
            }
            bars.append(
                Bar(
                    "Unions approving",
                    tuple(Segment(f"{k} {n}", n, k) for k, n in counts.items() if n),
                    float(len(c.positions)),
                    float(t.threshold),
                    f"needs {t.threshold_text}",
                    t.state,
                    "unions",
                )
            )
        elif t.kind is TestKind.MEMBERSHIP:
            total = vote.total_membership
            sums = {
                k: sum(members[u] for u, v in settled.items() if v == k)
                for k in ("approved", "pending", "rejected")
            }
            bars.append(
                Bar(
                    "Membership of approving unions",
                    tuple(
                        Segment(f"{k} {format_share(Fraction(n, total))}", 100 * n / total, k)
                        for k, n in sums.items()
                        if n
                    ),
                    100.0,
                    float(t.threshold * 100),
                    f"needs {t.threshold_text}",
                    t.state,
                    "% of members",
                )
            )
        elif t.kind is TestKind.MAX_OPPOSED:
            opposed = sum(1 for v in settled.values() if v == "rejected")
            bars.append(
                Bar(
                    "Unions opposing",
                    (Segment(f"opposed {opposed}", opposed, "rejected"),),
                    float(len(c.positions)),
                    float(t.threshold),
                    f"at most {t.threshold_text}",
                    t.state,
                    "unions",
                )
            )
        elif t.kind is TestKind.POOLED:
            n = q.numbers
            valid = max(1, n.yes + n.no)
            bars.append(
                Bar(
                    "Pooled ballots of the coalition",
                    (
                        Segment(f"yes {n.yes:,}", 100 * n.yes / valid, "yes"),
                        Segment(f"no {n.no:,}", 100 * n.no / valid, "no"),
                    ),
                    100.0,
                    float(t.threshold * 100),
                    f"needs {t.threshold_text}",
                    t.state,
                    "% of valid votes",
                )
            )
        else:
            bars.append(
                Bar(
                    t.description,
                    (Segment(t.value_text, float(t.value) * 100, "approved"),),
                    100.0,
                    float(t.threshold * 100),
                    f"needs {t.threshold_text}",
                    t.state,
                    "%",
                )
            )
    return bars


def union_bars(vote: Vote, s: UnionStanding, q: QuestionStandings) -> list[Bar]:
    """A pooled union: yes against no with the line yes must pass; by units: one bar a unit."""
    union = vote.union_by_id[s.union_id]
    rule = vote.tally_rule_for(q.question, union)
    if s.pooled is not None or q.question.scope is Scope.UNIT:
        n = s.numbers
        valid = n.yes + n.no + (n.void if rule.void_counts else 0)
        need = rule.approve.min_part(valid) if valid else 0
        return [
            Bar(
                f"{union.name}: yes against no",
                (Segment(f"yes {n.yes:,}", n.yes, "yes"), Segment(f"no {n.no:,}", n.no, "no")),
                float(max(valid, 1)),
                float(need),
                f"{need:,} yes needed of {valid:,} so far" if valid else "no votes counted yet",
                _state(s.outcome, s.decided),
                "votes",
            )
        ]
    bars = []
    for unit_id in union.unit_ids:
        u = q.units[unit_id]
        n = u.report.numbers
        valid = n.yes + n.no
        bars.append(
            Bar(
                vote.unit_by_id[unit_id].name,
                (
                    Segment(f"yes {n.yes:,}", 100 * n.yes / valid if valid else 0, "yes"),
                    Segment(f"no {n.no:,}", 100 * n.no / valid if valid else 0, "no"),
                ),
                100.0,
                float(rule.approve.share * 100),
                rule.approve.describe(),
                _state(u.outcome, u.decided) if n.cast else "not reported",
                "% of valid votes",
            )
        )
    return bars


def union_needed_text(s: UnionStanding) -> str:
    if s.pooled is not None and s.pooled.needed is not None:
        return needed_text(s.pooled.needed)
    return s.reason


def _state(outcome: Outcome, decided: bool) -> str:
    if outcome is Outcome.PENDING:
        return "pending"
    return f"{outcome.value}, decided" if decided else outcome.value
