"""Decision rules as data: how a tally, a union and a coalition approve."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from fractions import Fraction

from steward_app.domain.threshold import Threshold, describe_share


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

    def describe(self) -> str:
        words = f"yes {self.approve.describe()} of valid votes"
        if self.void_counts:
            words = f"yes {self.approve.describe()} of all ballots, void included"
        if self.quorum is not None:
            words += f", with at least {describe_share(self.quorum)} turnout"
        if self.low_turnout is not None:
            words += (
                f"; below {describe_share(self.low_turnout.below)} turnout the offer stands"
                f" unless {self.low_turnout.reject.describe()} vote no"
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
            return f"pooled ballots of all units: {self.tally.describe()}"
        if self.required is UnitsRequired.ALL:
            need = "every unit must approve"
        elif self.required is UnitsRequired.AT_LEAST:
            need = f"at least {self.count} units must approve"
        else:
            assert self.share is not None
            need = f"approving units must hold {self.share.describe()} of the members"
        return f"by units ({need}); each unit: {self.tally.describe()}"


class MembershipBase(enum.Enum):
    ALL = "all"  # every union's membership
    VOTING = "voting"  # only unions that voted


@dataclass(frozen=True)
class CoalitionRule:
    """Tests that must all hold for the coalition to approve; None means the test is not used."""

    min_unions: int | None = None
    membership: Threshold | None = None
    membership_base: MembershipBase = MembershipBase.ALL
    max_opposed: int | None = None
    block_members_per_vote: int | None = None
    block_threshold: Threshold | None = None
    pooled: TallyRule | None = None

    def is_empty(self) -> bool:
        return (
            self.min_unions is None
            and self.membership is None
            and self.max_opposed is None
            and self.block_members_per_vote is None
            and self.pooled is None
        )
