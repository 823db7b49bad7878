"""The coalition against its rule: each test, whether it is decided, what pending unions need.

Every test built from unions' results is monotone in a union's position (rejecting is worst,
abstaining next, approving best), and unions' voters are disjoint, so "every pending union at
its best" and "every pending union at its worst" are real completions: a test is decided
exactly when those two agree. The pooled test uses the pooled tally's own analysis.
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from steward_app.domain.judgement import Judgement
from steward_app.domain.rules import CoalitionRule, MembershipBase
from steward_app.domain.tally import Outcome, TallyResult
from steward_app.domain.threshold import Threshold, describe_share, format_share

ENUMERATE_PENDING_UP_TO = 12  # list every way pending unions can go up to this many


class Position(enum.IntEnum):
    """A union's result as the coalition counts it, worst to best for approval."""

    REJECT = 0
    ABSTAIN = 1
    APPROVE = 2


@dataclass(frozen=True)
class UnionPosition:
    union_id: str
    name: str
    membership: int
    can_approve: bool
    can_reject: bool
    approves_now: bool
    can_abstain: bool = False
    abstained: bool = False

    def possible(self) -> tuple[Position, ...]:
        if self.abstained:
            return (Position.ABSTAIN,)
        out = []
        if self.can_reject:
            out.append(Position.REJECT)
        if self.can_abstain:
            out.append(Position.ABSTAIN)
        if self.can_approve:
            out.append(Position.APPROVE)
        return tuple(out) or (Position.ABSTAIN,)

    @property
    def best(self) -> Position:
        return max(self.possible())

    @property
    def worst(self) -> Position:
        return min(self.possible())

    @property
    def settled(self) -> bool:
        return len(self.possible()) == 1

    @property
    def leaning(self) -> Position:
        """The position on the numbers so far (pending unions as they lean)."""
        if self.settled:
            return self.best
        if self.can_abstain and not self.approves_now:
            return Position.ABSTAIN
        return Position.APPROVE if self.approves_now else Position.REJECT

    @property
    def decided_only(self) -> Position:
        """The position counting only decided results: a pending union neither approves nor
        opposes yet."""
        return self.best if self.settled else Position.ABSTAIN


class TestKind(enum.Enum):
    MIN_UNIONS = "min_unions"
    MEMBERSHIP = "membership"
    MAX_OPPOSED = "max_opposed"
    BLOCK_VOTES = "block_votes"
    POOLED = "pooled"


Assignment = dict[str, Position]


@dataclass(frozen=True)
class TestStanding:
    """One test of the coalition rule, with its figure now, its threshold and its state."""

    kind: TestKind
    description: str  # "at least 14 of 15 unions approve"
    value: Fraction  # the figure from decided results: a count of unions, or a share
    threshold: Fraction  # the figure to reach (or, for max_opposed, not to exceed)
    value_text: str  # "6 unions", "41.2%"
    threshold_text: str
    passes_now: bool  # with pending unions as they lean now
    can_pass: bool
    can_fail: bool

    @property
    def decided(self) -> bool:
        return not (self.can_pass and self.can_fail)

    @property
    def state(self) -> str:
        if not self.can_fail:
            return "met"
        if not self.can_pass:
            return "failed"
        return "open"


@dataclass(frozen=True)
class PendingNeeds:
    """Which results of the pending unions still allow the coalition to approve."""

    pending: tuple[str, ...]
    must_approve: tuple[str, ...]  # ratification is impossible if any of these does not approve
    ways: tuple[frozenset[str], ...] | None  # smallest sets of pending approvals that suffice
    ways_total: int | None  # how many of the 2^n approve/reject outcomes still ratify


@dataclass(frozen=True)
class CoalitionStanding:
    tests: tuple[TestStanding, ...]
    positions: tuple[UnionPosition, ...]
    judgement_can_approve: bool
    judgement_can_reject: bool
    approves_now: bool
    needs: PendingNeeds
    reason: str

    @property
    def judgement(self) -> Judgement:
        return Judgement(self.judgement_can_approve, self.judgement_can_reject, self.approves_now)

    @property
    def decided(self) -> bool:
        return self.judgement.decided

    @property
    def outcome(self) -> Outcome:
        return self.judgement.outcome

    def count(self, outcome: Outcome) -> int:
        return sum(1 for p in self.positions if _position_outcome(p) is outcome)


def _position_outcome(p: UnionPosition) -> Outcome:
    if p.settled:
        return {Position.APPROVE: Outcome.APPROVED, Position.REJECT: Outcome.REJECTED}.get(
            p.best, Outcome.PENDING
        )
    return Outcome.PENDING


@dataclass(frozen=True)
class _Test:
    kind: TestKind
    description: str
    threshold: Fraction
    threshold_text: str
    value: Callable[[Assignment], Fraction]
    passes: Callable[[Assignment], bool]
    show: Callable[[Fraction], str]


def _tests(
    rule: CoalitionRule, positions: Sequence[UnionPosition], total_membership: int
) -> list[_Test]:
    members = {p.union_id: p.membership for p in positions}
    n = len(positions)
    tests: list[_Test] = []

    def approving(a: Assignment) -> list[str]:
        return [u for u, pos in a.items() if pos is Position.APPROVE]

    if rule.min_unions is not None:
        k = rule.min_unions
        tests.append(
            _Test(
                TestKind.MIN_UNIONS,
                f"at least {k} of {n} unions approve",
                Fraction(k),
                f"{k}",
                lambda a: Fraction(len(approving(a))),
                lambda a: len(approving(a)) >= k,
                lambda v: f"{v.numerator}",
            )
        )
    if rule.membership is not None:
        threshold = rule.membership
        base = rule.membership_base

        def whole(a: Assignment) -> int:
            if base is MembershipBase.ALL:
                return total_membership
            return sum(members[u] for u, pos in a.items() if pos is not Position.ABSTAIN)

        def share(a: Assignment) -> Fraction:
            w = whole(a)
            return Fraction(sum(members[u] for u in approving(a)), w) if w else Fraction(0)

        of = "all members" if base is MembershipBase.ALL else "the members of unions that voted"
        tests.append(
            _Test(
                TestKind.MEMBERSHIP,
                f"approving unions hold {threshold.describe()} of {of}",
                threshold.share,
                describe_share(threshold.share),
                share,
                lambda a: threshold.met(sum(members[u] for u in approving(a)), whole(a)),
                format_share,
            )
        )
    if rule.max_opposed is not None:
        m = rule.max_opposed
        tests.append(
            _Test(
                TestKind.MAX_OPPOSED,
                f"at most {m} union{'s' if m != 1 else ''} oppose",
                Fraction(m),
                f"{m}",
                lambda a: Fraction(sum(1 for pos in a.values() if pos is Position.REJECT)),
                lambda a: sum(1 for pos in a.values() if pos is Position.REJECT) <= m,
                lambda v: f"{v.numerator}",
            )
        )
    if rule.block_members_per_vote is not None:
        per = rule.block_members_per_vote
        block = rule.block_threshold or Threshold(Fraction(1, 2), inclusive=False)
        weight = {u: max(1, (m + per // 2) // per) for u, m in members.items()}

        def cast(a: Assignment) -> tuple[int, int]:
            yes = sum(weight[u] for u, pos in a.items() if pos is Position.APPROVE)
            no = sum(weight[u] for u, pos in a.items() if pos is Position.REJECT)
            return yes, yes + no

        tests.append(
            _Test(
                TestKind.BLOCK_VOTES,
                f"block votes (one per {per:,} members): {block.describe()} of block votes cast",
                block.share,
                describe_share(block.share),
                lambda a: Fraction(cast(a)[0], cast(a)[1]) if cast(a)[1] else Fraction(0),
                lambda a: block.met(*cast(a)),
                format_share,
            )
        )
    return tests


def judge_coalition(
    rule: CoalitionRule,
    positions: Sequence[UnionPosition],
    total_membership: int,
    pooled: TallyResult | None = None,
) -> CoalitionStanding:
    tests = _tests(rule, positions, total_membership)
    best: Assignment = {p.union_id: p.best for p in positions}
    worst: Assignment = {p.union_id: p.worst for p in positions}
    now: Assignment = {p.union_id: p.leaning for p in positions}
    decided: Assignment = {p.union_id: p.decided_only for p in positions}
    standings = []
    for t in tests:
        standings.append(
            TestStanding(
                kind=t.kind,
                description=t.description,
                value=t.value(decided),
                threshold=t.threshold,
                value_text=t.show(t.value(decided)),
                threshold_text=t.threshold_text,
                passes_now=t.passes(now),
                can_pass=t.passes(best),
                can_fail=not t.passes(worst),
            )
        )
    if pooled is not None and rule.pooled is not None:
        share = pooled.numbers.yes_share(rule.pooled) or Fraction(0)
        standings.append(
            TestStanding(
                kind=TestKind.POOLED,
                description=f"pooled count of every ballot: {rule.pooled.describe()}",
                value=share,
                threshold=rule.pooled.approve.share,
                value_text=format_share(share),
                threshold_text=describe_share(rule.pooled.approve.share),
                passes_now=pooled.approves_now,
                can_pass=pooled.can_approve,
                can_fail=pooled.can_reject,
            )
        )
    can_approve = all(s.can_pass for s in standings)
    can_reject = any(s.can_fail for s in standings)
    approves_now = all(s.passes_now for s in standings)

    def ratifies(a: Assignment) -> bool:
        return all(t.passes(a) for t in tests) and (pooled is None or pooled.can_approve)

    needs = _pending_needs(positions, best, ratifies)
    coalition = CoalitionStanding(
        tests=tuple(standings),
        positions=tuple(positions),
        judgement_can_approve=can_approve,
        judgement_can_reject=can_reject,
        approves_now=approves_now,
        needs=needs,
        reason="",
    )
    return _with_reason(coalition)


def _pending_needs(
    positions: Sequence[UnionPosition], best: Assignment, ratifies: Callable[[Assignment], bool]
) -> PendingNeeds:
    pending = tuple(p.union_id for p in positions if not p.settled)
    by_id = {p.union_id: p for p in positions}
    if not ratifies(best):
        return PendingNeeds(pending, (), (), 0 if len(pending) <= ENUMERATE_PENDING_UP_TO else None)
    must = []
    for uid in pending:
        trial = dict(best)
        trial[uid] = by_id[uid].worst
        if not ratifies(trial):
            must.append(uid)
    ways: list[frozenset[str]] | None = None
    total: int | None = None
    if len(pending) <= ENUMERATE_PENDING_UP_TO:
        winning: list[frozenset[str]] = []
        for bits in itertools.product((False, True), repeat=len(pending)):
            trial = dict(best)
            chosen = set()
            for uid, approve in zip(pending, bits, strict=True):
                if approve and by_id[uid].can_approve:
                    trial[uid] = Position.APPROVE
                    chosen.add(uid)
                else:
                    trial[uid] = by_id[uid].worst
            if ratifies(trial):
                winning.append(frozenset(chosen))
        total = len(winning)
        unique = set(winning)
        ways = [w for w in unique if not any(o < w for o in unique)]
        ways.sort(key=lambda w: (len(w), sorted(w)))
    return PendingNeeds(pending, tuple(must), tuple(ways) if ways is not None else None, total)


def _with_reason(c: CoalitionStanding) -> CoalitionStanding:
    approved = c.count(Outcome.APPROVED)
    rejected = c.count(Outcome.REJECTED)
    pending = c.count(Outcome.PENDING)
    n = len(c.positions)
    counts = f"{approved} of {n} unions approved, {rejected} rejected, {pending} pending"
    failed = [t for t in c.tests if t.state == "failed"]
    open_tests = [t for t in c.tests if t.state == "open"]
    if c.outcome is Outcome.APPROVED:
        reason = f"approved and decided: every test of the rule is met ({counts})"
    elif c.outcome is Outcome.REJECTED:
        why = "; ".join(
            f"{t.description} can no longer hold ({t.value_text} so far)" for t in failed
        )
        reason = f"rejected and decided: {why} ({counts})"
    else:
        waiting = "; ".join(
            f"{t.description}: {t.value_text} so far, needs {t.threshold_text}" for t in open_tests
        )
        reason = f"pending: {counts}; open: {waiting}"
        if c.needs.must_approve:
            names = {p.union_id: p.name for p in c.positions}
            reason += "; must still approve: " + ", ".join(names[u] for u in c.needs.must_approve)
    return CoalitionStanding(
        c.tests,
        c.positions,
        c.judgement_can_approve,
        c.judgement_can_reject,
        c.approves_now,
        c.needs,
        reason,
    )
