"""What the charts draw, as plain data: the window and the printed reports draw the same bars.

Each chart is a set of horizontal bars made of labelled segments (approved / pending / rejected,
or yes / no), measured against a threshold drawn as a labelled line.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from steward_app.domain.coalition import CoalitionStanding, Position, TestKind
from steward_app.domain.language import _, number, pgettext
from steward_app.domain.standings import QuestionStandings, UnionStanding
from steward_app.domain.tally import Outcome
from steward_app.domain.threshold import format_share
from steward_app.domain.vote import Scope, Vote
from steward_app.domain.wording import needed_text, outcome_word


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


def _segment_label(kind: str, figure: str) -> str:
    """ "approved 6", "yes 4,200": a segment's kind in words and its figure."""
    words = {
        "approved": pgettext("outcome", "approved"),
        "pending": pgettext("outcome", "pending"),
        "rejected": pgettext("outcome", "rejected"),
        "yes": pgettext("field", "yes"),
        "no": pgettext("field", "no"),
        # TRANSLATORS: unions that voted against, on a chart
        "opposed": _("opposed"),
    }
    return _("{kind} {figure}").format(kind=words[kind], figure=figure)


def _needs(threshold: str) -> str:
    return _("needs {threshold}").format(threshold=threshold)


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
                    _("Unions approving"),
                    tuple(
                        Segment(_segment_label(k, number(n)), n, k) for k, n in counts.items() if n
                    ),
                    float(len(c.positions)),
                    float(t.threshold),
                    _needs(t.threshold_text),
                    t.state_text,
                    _("unions"),
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
                    _("Membership of approving unions"),
                    tuple(
                        Segment(
                            _segment_label(k, format_share(Fraction(n, total))), 100 * n / total, k
                        )
                        for k, n in sums.items()
                        if n
                    ),
                    100.0,
                    float(t.threshold * 100),
                    _needs(t.threshold_text),
                    t.state_text,
                    _("% of members"),
                )
            )
        elif t.kind is TestKind.MAX_OPPOSED:
            opposed = sum(1 for v in settled.values() if v == "rejected")
            bars.append(
                Bar(
                    _("Unions opposing"),
                    (Segment(_segment_label("opposed", number(opposed)), opposed, "rejected"),),
                    float(len(c.positions)),
                    float(t.threshold),
                    _("at most {threshold}").format(threshold=t.threshold_text),
                    t.state_text,
                    _("unions"),
                )
            )
        elif t.kind is TestKind.POOLED:
            n = q.numbers
            valid = max(1, n.yes + n.no)
            bars.append(
                Bar(
                    _("Pooled ballots of the coalition"),
                    (
                        Segment(_segment_label("yes", number(n.yes)), 100 * n.yes / valid, "yes"),
                        Segment(_segment_label("no", number(n.no)), 100 * n.no / valid, "no"),
                    ),
                    100.0,
                    float(t.threshold * 100),
                    _needs(t.threshold_text),
                    t.state_text,
                    _("% of valid votes"),
                )
            )
        else:
            bars.append(
                Bar(
                    t.description,
                    (Segment(t.value_text, float(t.value) * 100, "approved"),),
                    100.0,
                    float(t.threshold * 100),
                    _needs(t.threshold_text),
                    t.state_text,
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
                _("{union}: yes against no").format(union=union.name),
                (
                    Segment(_segment_label("yes", number(n.yes)), n.yes, "yes"),
                    Segment(_segment_label("no", number(n.no)), n.no, "no"),
                ),
                float(max(valid, 1)),
                float(need),
                _("{need} yes needed of {valid} so far").format(
                    need=number(need), valid=number(valid)
                )
                if valid
                else _("no votes counted yet"),
                _state(s.outcome, s.decided),
                _("votes"),
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
                    Segment(
                        _segment_label("yes", number(n.yes)),
                        100 * n.yes / valid if valid else 0,
                        "yes",
                    ),
                    Segment(
                        _segment_label("no", number(n.no)), 100 * n.no / valid if valid else 0, "no"
                    ),
                ),
                100.0,
                float(rule.approve.share * 100),
                rule.approve.describe(),
                _state(u.outcome, u.decided) if n.cast else pgettext("count", "not reported"),
                _("% of valid votes"),
            )
        )
    return bars


def union_needed_text(s: UnionStanding) -> str:
    if s.pooled is not None and s.pooled.needed is not None:
        return needed_text(s.pooled.needed)
    return s.reason


def _state(outcome: Outcome, decided: bool) -> str:
    if outcome is Outcome.PENDING or not decided:
        return outcome_word(outcome)
    return _("{outcome}, decided").format(outcome=outcome_word(outcome))
