"""Decision rules as data: how a tally, a union and a coalition approve."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction

from steward_app.domain.language import _, ngettext, number
from steward_app.domain.threshold import Threshold, describe_share, parse_share


@dataclass(frozen=True)
class LowTurnout:
    """Below a turnout share the offer stands unless `reject` of the valid votes say no."""

    below: Fraction
    reject: Threshold


@dataclass(frozen=True)
class TallyRule:
    """How one tally (a unit, or pooled ballots) approves.

    `approve` is the share of valid votes that yes must reach; void ballots are outside the
    denominator unless `void_counts`. `quorum` is a turnout share (ballots cast / eligible) the
    tally must reach or it fails. With `low_turnout`, at or above its share a plain `approve`
    test decides; below it the offer stands unless the `reject` share votes no.
    """

    approve: Threshold
    void_counts: bool = False
    quorum: Fraction | None = None
    low_turnout: LowTurnout | None = None
    turnout_valid_only: bool = False  # turnout counts yes + no only, void ballots left out

    def turnout_ballots(self, yes: int, no: int, void: int) -> int:
        """The ballots that make turnout under this rule: all cast, or the valid ones only."""
        return yes + no + (0 if self.turnout_valid_only else void)

    def describe(self) -> str:
        if self.void_counts:
            words = _("yes {share} of all ballots, void included")
        else:
            words = _("yes {share} of valid votes")
        words = words.format(share=self.approve.describe())
        valid = self.turnout_valid_only
        if self.quorum is not None:
            if valid:
                quorum = _(", with at least {share} turnout of valid ballots")
            else:
                quorum = _(", with at least {share} turnout")
            words += quorum.format(share=describe_share(self.quorum))
        if self.low_turnout is not None:
            if valid:
                low = _(
                    "; below {share} turnout of valid ballots the offer stands unless {reject} "
                    "vote no"
                )
            else:
                low = _("; below {share} turnout the offer stands unless {reject} vote no")
            words += low.format(
                share=describe_share(self.low_turnout.below),
                reject=self.low_turnout.reject.describe(),
            )
        return words


SIMPLE_MAJORITY = TallyRule(Threshold(Fraction(1, 2), inclusive=False))


class UnitsRequired(enum.Enum):
    ALL = "all"
    AT_LEAST = "at_least"  # at least k units
    MEMBERSHIP_SHARE = "membership_share"  # units holding a share of the membership


@dataclass(frozen=True)
class UnionRule:
    """How a union decides: pooled ballots under one tally rule, or by its units.

    `tally` is the rule each tally uses (the pooled count, or each unit's own). For `by_units`,
    `required` says which units must approve: all, at least `count`, or units whose eligible
    members reach `share` of the union's eligible members.
    """

    tally: TallyRule
    pooled: bool = True
    required: UnitsRequired = UnitsRequired.ALL
    count: int = 0
    share: Threshold | None = None

    def describe(self) -> str:
        if self.pooled:
            return _("pooled ballots of all units: {rule}").format(rule=self.tally.describe())
        if self.required is UnitsRequired.ALL:
            need = _("every unit must approve")
        elif self.required is UnitsRequired.AT_LEAST:
            need = ngettext(
                "at least {count} unit must approve",
                "at least {count} units must approve",
                self.count,
            ).format(count=number(self.count))
        else:
            assert self.share is not None
            need = _("approving units must hold {share} of the members").format(
                share=self.share.describe()
            )
        return _("by units ({need}); each unit: {rule}").format(
            need=need, rule=self.tally.describe()
        )


class MembershipBase(enum.Enum):
    ALL = "all"  # every union's membership (or every union, for a share of unions)
    VOTING = "voting"  # only unions that voted


@dataclass(frozen=True)
class Ceiling:
    """A share a part may reach but not pass ("at most 1/3") or must stay under ("less than")."""

    share: Fraction
    inclusive: bool  # True: "at most"; False: "less than"

    @classmethod
    def parse(cls, text: str) -> Ceiling:
        """Parse "at most 1/3", "less than 1/2" or a share alone ("1/3" reads "at most")."""
        words = text.strip().lower()
        for prefix, inclusive in (("at most", True), ("less than", False)):
            if words.startswith(prefix):
                return cls(parse_share(words[len(prefix) :]), inclusive)
        try:
            return cls(parse_share(words), True)
        except ValueError:
            raise ValueError(
                _('"{text}" is not a ceiling; write "at most 1/3" or "less than 1/2"').format(
                    text=text
                )
            ) from None

    def allows(self, part: int, whole: int) -> bool:
        """Whether part/whole stays within the ceiling; an empty whole (0) always does."""
        if whole <= 0:
            return True
        lhs = part * self.share.denominator
        rhs = self.share.numerator * whole
        return lhs <= rhs if self.inclusive else lhs < rhs

    def describe(self) -> str:
        if self.inclusive:
            return _("at most {share}").format(share=describe_share(self.share))
        return _("less than {share}").format(share=describe_share(self.share))


@dataclass(frozen=True)
class CoalitionRule:
    """Tests that must all hold for the coalition to approve; None means the test is not used.

    A rule with no test at all (`is_empty`) means the setup has no `[coalition.rule]`: there
    is no coalition result, and each union (or unit) ratifies for itself.

    `min_unions_share` / `max_opposed_share` count unions as a share of `unions_base`: every
    union asked the question, or only the unions that voted (approved or rejected).
    """

    min_unions: int | None = None
    membership: Threshold | None = None
    membership_base: MembershipBase = MembershipBase.ALL
    max_opposed: int | None = None
    block_members_per_vote: int | None = None
    block_threshold: Threshold | None = None
    pooled: TallyRule | None = None
    min_unions_share: Threshold | None = None
    max_opposed_share: Ceiling | None = None
    unions_base: MembershipBase = MembershipBase.ALL

    def is_empty(self) -> bool:
        return (
            self.min_unions is None
            and self.membership is None
            and self.max_opposed is None
            and self.block_members_per_vote is None
            and self.pooled is None
            and self.min_unions_share is None
            and self.max_opposed_share is None
        )
