"""What pending unions need, against a brute force over every outcome of theirs.

judge_coalition finds the unions that must approve and the ways to ratify without trying
every outcome one by one (it moves one union's share of the totals, and skips outcomes the
monotone tests already decide); the reference here judges each of the 2^n approve/reject
outcomes of the pending unions from scratch, with every union settled.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

from hypothesis import given, settings
from hypothesis import strategies as st

from steward_app.domain.coalition import (
    Position,
    UnionPosition,
    judge_coalition,
)
from steward_app.domain.rules import Ceiling, CoalitionRule, MembershipBase
from steward_app.domain.threshold import Threshold


@st.composite
def positions(draw: st.DrawFn) -> list[UnionPosition]:
    out = []
    for n in range(draw(st.integers(1, 7))):
        can_approve, can_reject = draw(st.booleans()), draw(st.booleans())
        abstained = draw(st.booleans()) if not (can_approve or can_reject) else False
        out.append(
            UnionPosition(
                union_id=f"u{n}",
                name=f"Union {n}",
                membership=draw(st.integers(1, 120)),
                can_approve=can_approve,
                can_reject=can_reject,
                approves_now=can_approve and draw(st.booleans()),
                can_abstain=not abstained and draw(st.booleans()),
                abstained=abstained,
            )
        )
    return out


@st.composite
def rules(draw: st.DrawFn, unions: int) -> CoalitionRule:
    share = st.fractions(Fraction(1, 10), Fraction(9, 10), max_denominator=10)
    rule = CoalitionRule(
        min_unions=draw(st.none() | st.integers(1, unions)),
        membership=draw(st.none() | share.map(lambda f: Threshold(f, draw(st.booleans())))),
        membership_base=draw(st.sampled_from(MembershipBase)),
        max_opposed=draw(st.none() | st.integers(0, unions)),
        block_members_per_vote=draw(st.none() | st.integers(5, 60)),
        min_unions_share=draw(st.none() | share.map(lambda f: Threshold(f, draw(st.booleans())))),
        max_opposed_share=draw(st.none() | share.map(lambda f: Ceiling(f, draw(st.booleans())))),
        unions_base=draw(st.sampled_from(MembershipBase)),
    )
    if rule.is_empty():
        return CoalitionRule(min_unions=1)
    return rule


def settled_at(p: UnionPosition, position: Position) -> UnionPosition:
    return UnionPosition(
        p.union_id,
        p.name,
        p.membership,
        can_approve=position is Position.APPROVE,
        can_reject=position is Position.REJECT,
        approves_now=position is Position.APPROVE,
        abstained=position is Position.ABSTAIN,
    )


def ratifies(rule: CoalitionRule, chosen: list[UnionPosition], total: int) -> bool:
    return judge_coalition(rule, chosen, total).judgement_can_approve


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_pending_needs_equal_a_brute_force_over_every_outcome(data: st.DataObject) -> None:
    unions = data.draw(positions())
    rule = data.draw(rules(len(unions)))
    total = sum(p.membership for p in unions) + data.draw(st.integers(0, 50))
    needs = judge_coalition(rule, unions, total).needs
    pending = [p for p in unions if not p.settled]
    assert needs.pending == tuple(p.union_id for p in pending)

    def outcome(approving: set[str]) -> list[UnionPosition]:
        return [
            settled_at(
                p,
                p.best
                if p.settled
                else Position.APPROVE
                if p.union_id in approving and p.can_approve
                else p.worst,
            )
            for p in unions
        ]

    winning: set[frozenset[str]] = set()
    count = 0
    for bits in itertools.product((False, True), repeat=len(pending)):
        chosen = {p.union_id for p, b in zip(pending, bits, strict=True) if b and p.can_approve}
        if ratifies(rule, outcome(chosen), total):
            count += 1
            winning.add(frozenset(chosen))
    smallest = sorted(
        (w for w in winning if not any(o < w for o in winning)), key=lambda w: (len(w), sorted(w))
    )
    assert needs.ways_total == count
    assert needs.ways == tuple(smallest)

    if not ratifies(rule, [settled_at(p, p.best) for p in unions], total):
        assert needs.must_approve == ()
        return
    must = tuple(
        p.union_id
        for p in pending
        if not ratifies(
            rule,
            [settled_at(q, q.worst if q is p else q.best) for q in unions],
            total,
        )
    )
    assert needs.must_approve == must
