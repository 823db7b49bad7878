"""The coalition against its rule: each test, whether it is decided, what pending unions need.

Every test built from unions' results is monotone in a union's position (rejecting is worst,
abstaining next, approving best), and unions' voters are disjoint, so "every pending union at
its best" and "every pending union at its worst" are real completions: a test is decided
exactly when those two agree. The pooled test uses the pooled tally's own analysis.
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction
from functools import cached_property

from steward_app.domain.coalition_tests import TestKind as TestKind  # noqa: PLC0414
from steward_app.domain.coalition_tests import Totals, block_weight, coalition_tests
from steward_app.domain.judgement import Judgement
from steward_app.domain.language import _, ngettext, number, pgettext
from steward_app.domain.rules import CoalitionRule
from steward_app.domain.tally import Outcome, TallyResult
from steward_app.domain.threshold import describe_share, format_share

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

    # worked out once per position, not on each of the thousands of calls a 500-union
    # coalition makes per refresh (not dataclass fields: equality and repr stay as they were)
    def __post_init__(self) -> None:
        possible = self._work_out_possible()
        object.__setattr__(self, "_possible", possible)
        object.__setattr__(self, "_best", max(possible))
        object.__setattr__(self, "_worst", min(possible))

    def _work_out_possible(self) -> tuple[Position, ...]:
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

    def possible(self) -> tuple[Position, ...]:
        return self._possible  # type: ignore[no-any-return,attr-defined]

    @property
    def best(self) -> Position:
        return self._best  # type: ignore[no-any-return,attr-defined]

    @property
    def worst(self) -> Position:
        return self._worst  # type: ignore[no-any-return,attr-defined]

    @property
    def settled(self) -> bool:
        return self._best is self._worst  # type: ignore[attr-defined]

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
    progress: str = ""  # the figure so far against the bar, in words: "0 oppose so far, ..."

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

    @property
    def state_text(self) -> str:
        """The state as a word in the current language (`state` is the code: met, failed, open)."""
        # TRANSLATORS: a test of the coalition rule: met (holds whatever comes), failed, open
        words = {
            "met": pgettext("test", "met"),
            "failed": pgettext("test", "failed"),
            "open": pgettext("test", "open"),
        }
        return words[self.state]


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
        return self._outcome_counts.get(outcome, 0)

    @cached_property
    def _outcome_counts(self) -> dict[Outcome, int]:
        counts: dict[Outcome, int] = {}
        for p in self.positions:
            outcome = _position_outcome(p)
            counts[outcome] = counts.get(outcome, 0) + 1
        return counts


_POSITION_OUTCOME = {
    Position.APPROVE: Outcome.APPROVED,
    Position.REJECT: Outcome.REJECTED,
    Position.ABSTAIN: Outcome.ABSTAINED,
}


def _position_outcome(p: UnionPosition) -> Outcome:
    return _POSITION_OUTCOME[p.best] if p.settled else Outcome.PENDING


def _moved(t: Totals, membership: int, weight: int, old: Position, new: Position) -> Totals:
    """`t` with one union moved from `old` to `new`: t - its old share + its new one, built as
    one Totals (the pending-needs trial runs this for each of up to 500 unions per refresh)."""
    approving, rejecting = t.approving, t.rejecting
    approving_members, voting_members = t.approving_members, t.voting_members
    block_yes, block_no = t.block_yes, t.block_no
    if old is Position.APPROVE:
        approving -= 1
        approving_members -= membership
        voting_members -= membership
        block_yes -= weight
    elif old is Position.REJECT:
        rejecting -= 1
        voting_members -= membership
        block_no -= weight
    if new is Position.APPROVE:
        approving += 1
        approving_members += membership
        voting_members += membership
        block_yes += weight
    elif new is Position.REJECT:
        rejecting += 1
        voting_members += membership
        block_no += weight
    return Totals(approving, rejecting, approving_members, voting_members, block_yes, block_no)


def judge_coalition(
    rule: CoalitionRule,
    positions: Sequence[UnionPosition],
    total_membership: int,
    pooled: TallyResult | None = None,
) -> CoalitionStanding:
    tests = coalition_tests(rule, len(positions), total_membership)
    weights = {
        p.union_id: block_weight(p.membership, rule.block_members_per_vote) for p in positions
    }

    def totals(pick: Callable[[UnionPosition], Position]) -> Totals:
        # plain ints: a Totals per union made this a third of a 500-union refresh
        approving = rejecting = approving_members = voting_members = block_yes = block_no = 0
        for p in positions:
            position = pick(p)
            if position is Position.APPROVE:
                approving += 1
                approving_members += p.membership
                voting_members += p.membership
                block_yes += weights[p.union_id]
            elif position is Position.REJECT:
                rejecting += 1
                voting_members += p.membership
                block_no += weights[p.union_id]
        return Totals(approving, rejecting, approving_members, voting_members, block_yes, block_no)

    best = totals(lambda p: p.best)
    worst = totals(lambda p: p.worst)
    now = totals(lambda p: p.leaning)
    decided = totals(lambda p: p.decided_only)
    standings = [
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
            progress=t.progress(decided),
        )
        for t in tests
    ]
    if pooled is not None and rule.pooled is not None:
        share = pooled.numbers.yes_share(rule.pooled) or Fraction(0)
        standings.append(
            TestStanding(
                kind=TestKind.POOLED,
                description=_("pooled count of every ballot: {rule}").format(
                    rule=rule.pooled.describe()
                ),
                value=share,
                threshold=rule.pooled.approve.share,
                value_text=format_share(share),
                threshold_text=describe_share(rule.pooled.approve.share),
                passes_now=pooled.approves_now,
                can_pass=pooled.can_approve,
                can_fail=pooled.can_reject,
                progress=_("{yes} yes to {no} no ({share} yes) so far, {need} needed").format(
                    yes=number(pooled.numbers.yes),
                    no=number(pooled.numbers.no),
                    share=format_share(share),
                    need=rule.pooled.approve.describe(),
                ),
            )
        )
    can_approve = all(s.can_pass for s in standings)
    can_reject = any(s.can_fail for s in standings)
    approves_now = all(s.passes_now for s in standings)
    pooled_ok = pooled is None or pooled.can_approve

    def ratifies(t: Totals) -> bool:
        return pooled_ok and all(test.passes(t) for test in tests)

    needs = _pending_needs(positions, weights, best, ratifies)
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
    positions: Sequence[UnionPosition],
    weights: dict[str, int],
    best: Totals,
    ratifies: Callable[[Totals], bool],
) -> PendingNeeds:
    """Linear in the number of unions: each trial moves one union's share of the totals."""
    pending = [p for p in positions if not p.settled]
    pending_ids = tuple(p.union_id for p in pending)
    if not ratifies(best):
        return PendingNeeds(
            pending_ids, (), (), 0 if len(pending) <= ENUMERATE_PENDING_UP_TO else None
        )

    must = _must_approve(pending, weights, best, ratifies)
    ways: list[frozenset[str]] | None = None
    total: int | None = None
    if len(pending) <= ENUMERATE_PENDING_UP_TO:
        winning, total = _winning_outcomes(pending, weights, best, ratifies)
        ways = [w for w in winning if not any(o < w for o in winning)]
        ways.sort(key=lambda w: (len(w), sorted(w)))
    return PendingNeeds(pending_ids, must, tuple(ways) if ways is not None else None, total)


def _must_approve(
    pending: Sequence[UnionPosition],
    weights: dict[str, int],
    best: Totals,
    ratifies: Callable[[Totals], bool],
) -> tuple[str, ...]:
    """The pending unions without which ratification fails: with every other union at its best,
    this one at its worst does not ratify.

    Unions that would move between the same two positions differ only in membership (and the
    block votes it gives), and every test is monotone in it: the larger the union, the more
    its move takes away. So in each such group, sorted by membership, the unions that must
    approve are the ones from the first whose move fails on: a binary search per group, not a
    trial of every one of 500 unions on every refresh."""
    groups: dict[tuple[Position, Position], list[UnionPosition]] = {}
    for p in pending:
        groups.setdefault((p.best, p.worst), []).append(p)
    needed: set[str] = set()
    for (high, low), group in groups.items():
        group.sort(key=lambda p: p.membership)
        lo, hi = 0, len(group)  # the first failing index lies in [lo, hi]
        while lo < hi:
            mid = (lo + hi) // 2
            p = group[mid]
            if ratifies(_moved(best, p.membership, weights[p.union_id], high, low)):
                lo = mid + 1
            else:
                hi = mid
        needed.update(p.union_id for p in group[lo:])
    return tuple(p.union_id for p in pending if p.union_id in needed)


def _winning_outcomes(
    pending: Sequence[UnionPosition],
    weights: dict[str, int],
    best: Totals,
    ratifies: Callable[[Totals], bool],
) -> tuple[set[frozenset[str]], int]:
    """Of the 2^n approve/reject outcomes of the pending unions: how many ratify, and sets
    of approvals that suffice, among them every smallest one.

    Each pending union is decided in turn, starting from every one at its worst. The tests are
    monotone, so once the outcome ratifies with the undecided unions at their worst, every
    completion does (counted at once, its set of approvals recorded as the smallest one of
    them); and when it fails with all of them approving, none does (skipped). A union that
    cannot approve goes to its worst either way, which counts twice as in the list of
    outcomes."""
    floor = best
    for p in pending:
        floor = _moved(floor, p.membership, weights[p.union_id], p.best, p.worst)
    # gains[i]: the totals' change if every union from i on that can approve does
    gains = [Totals()] * (len(pending) + 1)
    for i in range(len(pending) - 1, -1, -1):
        p = pending[i]
        gain = Totals()
        if p.can_approve:
            gain = _moved(Totals(), p.membership, weights[p.union_id], p.worst, Position.APPROVE)
        gains[i] = gains[i + 1] + gain
    winning: set[frozenset[str]] = set()
    count = 0

    def walk(i: int, t: Totals, chosen: tuple[str, ...], outcomes: int) -> None:
        nonlocal count
        if not ratifies(t + gains[i]):
            return
        if ratifies(t):
            count += outcomes << (len(pending) - i)
            winning.add(frozenset(chosen))
            return
        p = pending[i]
        if not p.can_approve:
            walk(i + 1, t, chosen, outcomes * 2)
            return
        walk(i + 1, t, chosen, outcomes)
        moved = _moved(t, p.membership, weights[p.union_id], p.worst, Position.APPROVE)
        walk(i + 1, moved, (*chosen, p.union_id), outcomes)

    walk(0, floor, (), 1)
    return winning, count


def _with_reason(c: CoalitionStanding) -> CoalitionStanding:
    approved = c.count(Outcome.APPROVED)
    rejected = c.count(Outcome.REJECTED)
    abstained = c.count(Outcome.ABSTAINED)
    pending = c.count(Outcome.PENDING)
    n = len(c.positions)
    counts = ngettext(
        "{approved} of {n} union approved, {rejected} rejected",
        "{approved} of {n} unions approved, {rejected} rejected",
        n,
    ).format(approved=number(approved), n=number(n), rejected=number(rejected))
    if abstained:
        counts += _(", {abstained} abstained").format(abstained=number(abstained))
    counts += _(", {pending} pending").format(pending=number(pending))
    failed = [t for t in c.tests if t.state == "failed"]
    open_tests = [t for t in c.tests if t.state == "open"]
    if c.outcome is Outcome.APPROVED:
        met = "; ".join(f"{t.description}: {t.progress}" for t in c.tests)
        reason = _("approved and decided: every test of the rule is met ({counts}); {met}").format(
            counts=counts, met=met
        )
    elif c.outcome is Outcome.REJECTED:
        why = "; ".join(
            _("{test} can no longer hold ({progress})").format(
                test=t.description, progress=t.progress
            )
            for t in failed
        )
        reason = _("rejected and decided: {why} ({counts})").format(why=why, counts=counts)
    else:
        waiting = "; ".join(f"{t.description}: {t.progress}" for t in open_tests)
        reason = _("pending: {counts}; open: {waiting}").format(counts=counts, waiting=waiting)
        if c.needs.must_approve:
            names = {p.union_id: p.name for p in c.positions}
            reason += _("; must still approve: {unions}").format(
                unions=", ".join(names[u] for u in c.needs.must_approve)
            )
    return replace(c, reason=reason)
