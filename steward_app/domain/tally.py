"""One tally under one rule: outcome now, whether it is decided, and what is still needed.

"Unknown" ballots are those that may still change the result: eligible members who have not
voted yet (none once a count is final) plus challenged ballots not yet ruled on. A result is
decided when no way those ballots could go (yes, no, void, or not cast at all) changes it.

Within a fixed number of extra ballots the rule is monotone (a yes instead of a no never hurts
approval), and between the turnout points where a quorum or a low-turnout clause switches it is
monotone in the number of extra ballots too. So checking "all yes" and "all no" at the few
turnouts that end those regions is exact; tests check it against brute force on small votes.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from steward_app.domain.judgement import Judgement
from steward_app.domain.judgement import Outcome as Outcome  # noqa: PLC0414 (re-exported)
from steward_app.domain.rules import TallyRule


@dataclass(frozen=True)
class Numbers:
    """Counted ballots of one tally. `cast` = yes + no + void; challenged ones are apart."""

    eligible: int = 0
    yes: int = 0
    no: int = 0
    void: int = 0
    challenged: int = 0

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.void

    @property
    def valid(self) -> int:
        return self.yes + self.no

    @property
    def margin(self) -> int:
        return self.yes - self.no

    @property
    def turnout(self) -> Fraction | None:
        return Fraction(self.cast, self.eligible) if self.eligible > 0 else None

    def yes_share(self, rule: TallyRule) -> Fraction | None:
        whole = denominator(rule, self.yes, self.no, self.void)
        return Fraction(self.yes, whole) if whole > 0 else None

    def __add__(self, other: Numbers) -> Numbers:
        return Numbers(
            self.eligible + other.eligible,
            self.yes + other.yes,
            self.no + other.no,
            self.void + other.void,
            self.challenged + other.challenged,
        )


def denominator(rule: TallyRule, yes: int, no: int, void: int) -> int:
    return yes + no + (void if rule.void_counts else 0)


def _turnout_reached(share: Fraction, cast: int, eligible: int) -> bool:
    if eligible <= 0:
        return cast > 0 or share == 0
    return cast * share.denominator >= share.numerator * eligible


def approves(rule: TallyRule, yes: int, no: int, void: int, eligible: int) -> bool:
    """Whether these final numbers approve under the rule."""
    turnout = rule.turnout_ballots(yes, no, void)
    if rule.quorum is not None and not _turnout_reached(rule.quorum, turnout, eligible):
        return False
    whole = denominator(rule, yes, no, void)
    low = rule.low_turnout
    if low is not None and not _turnout_reached(low.below, turnout, eligible):
        return not low.reject.met(no, whole)
    return rule.approve.met(yes, whole)


def _first_reaching(share: Fraction, cast: int, eligible: int) -> int:
    """Extra ballots needed for turnout to reach `share` (0 when it already does)."""
    need = -((-share.numerator * eligible) // share.denominator)  # ceil
    return max(0, need - cast)


def _region_ends(rule: TallyRule, numbers: Numbers, unknown: int) -> list[int]:
    """Extra-ballot counts that end each region where quorum and turnout clause are fixed."""
    ends = {0, unknown}
    n = numbers
    turnout = rule.turnout_ballots(n.yes, n.no, n.void)
    for share in (rule.quorum, rule.low_turnout.below if rule.low_turnout else None):
        if share is not None:
            first = _first_reaching(share, turnout, numbers.eligible)
            ends.update(t for t in (first - 1, first) if 0 <= t <= unknown)
    return sorted(ends)


def approvable(rule: TallyRule, numbers: Numbers, unknown: int) -> bool:
    """Some way the unknown ballots could go leads to approval.

    Within a region, t more yes is the best use of t ballots. When turnout counts valid
    ballots only, the rest may also be cast void without moving turnout: under a low-turnout
    clause with void ballots in the share that dilutes the no votes, so it is tried too.
    """
    n = numbers
    ends = _region_ends(rule, n, unknown)
    if any(approves(rule, n.yes + t, n.no, n.void, n.eligible) for t in ends):
        return True
    if rule.turnout_valid_only:
        return any(approves(rule, n.yes + t, n.no, n.void + unknown - t, n.eligible) for t in ends)
    return False


def rejectable(rule: TallyRule, numbers: Numbers, unknown: int) -> bool:
    """Some way the unknown ballots could go leads to rejection.

    Within a region, t more no is the worst use of t ballots. When turnout counts valid
    ballots only, ballots cast void add to the share's whole (void counted) without lifting
    turnout towards a quorum, so they are tried too.
    """
    n = numbers
    ends = _region_ends(rule, n, unknown)
    if any(not approves(rule, n.yes, n.no + t, n.void, n.eligible) for t in ends):
        return True
    if rule.turnout_valid_only:
        return any(
            not approves(rule, n.yes, n.no + t, n.void + unknown - t, n.eligible) for t in ends
        )
    return False


def min_yes(rule: TallyRule, numbers: Numbers, extra: int) -> int | None:
    """Fewest yes among `extra` more valid ballots that approve; None if even all yes fail."""
    n = numbers

    def ok(yes_extra: int) -> bool:
        return approves(rule, n.yes + yes_extra, n.no + extra - yes_extra, n.void, n.eligible)

    if not ok(extra):
        return None
    lo, hi = 0, extra  # ok(hi) holds; find the first ok
    while lo < hi:
        mid = (lo + hi) // 2
        if ok(mid):
            hi = mid
        else:
            lo = mid + 1
    return lo


@dataclass(frozen=True)
class Needed:
    """What the unknown ballots must bring for approval.

    At full turnout every one of `remaining` is cast validly; at the turnout seen so far,
    `expected` of them are. `yes_*` is None where approval is out of reach at that turnout.
    """

    remaining: int
    yes_full: int | None
    expected: int | None
    yes_expected: int | None

    @property
    def share_full(self) -> Fraction | None:
        if self.yes_full is None or self.remaining == 0:
            return None
        return Fraction(self.yes_full, self.remaining)

    @property
    def share_expected(self) -> Fraction | None:
        if self.yes_expected is None or not self.expected:
            return None
        return Fraction(self.yes_expected, self.expected)


@dataclass(frozen=True)
class TallyResult:
    """A tally judged under its rule."""

    numbers: Numbers
    unknown: int
    approves_now: bool  # the rule applied to the numbers as they stand
    can_approve: bool
    can_reject: bool
    needed: Needed | None  # None once decided

    @property
    def judgement(self) -> Judgement:
        """Decided and outcome, as every level says them (domain/judgement.py)."""
        return Judgement(self.can_approve, self.can_reject, self.approves_now)

    @property
    def decided(self) -> bool:
        return self.judgement.decided

    @property
    def outcome(self) -> Outcome:
        return self.judgement.outcome


def judge(
    rule: TallyRule, numbers: Numbers, unknown: int, turnout_seen: Fraction | None = None
) -> TallyResult:
    """Judge a tally with `unknown` ballots still to come.

    `turnout_seen` is the turnout observed where counts are in; it sizes the "expected"
    figure of what is needed. Without it only the full-turnout figure is given.
    """
    unknown = max(0, unknown)
    can_approve = approvable(rule, numbers, unknown)
    can_reject = rejectable(rule, numbers, unknown)
    needed = None
    if can_approve and can_reject:
        expected = None
        yes_expected = None
        if turnout_seen is not None:
            total = round(turnout_seen * numbers.eligible)
            expected = min(unknown, max(0, total - numbers.cast))
            yes_expected = min_yes(rule, numbers, expected)
        needed = Needed(unknown, min_yes(rule, numbers, unknown), expected, yes_expected)
    return TallyResult(
        numbers=numbers,
        unknown=unknown,
        approves_now=approves(rule, numbers.yes, numbers.no, numbers.void, numbers.eligible),
        can_approve=can_approve,
        can_reject=can_reject,
        needed=needed,
    )
