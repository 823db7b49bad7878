"""The tests of a coalition rule, each read from the totals of one way the unions could go.

Every test is monotone in a union's position (rejecting is worst, abstaining next, approving
best): coalition.py relies on it to decide a test from the best and worst totals alone.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

from steward_app.domain.language import _, ngettext, number
from steward_app.domain.rules import CoalitionRule, MembershipBase
from steward_app.domain.threshold import Threshold, describe_share, format_share


class TestKind(enum.Enum):
    MIN_UNIONS = "min_unions"
    MEMBERSHIP = "membership"
    MAX_OPPOSED = "max_opposed"
    BLOCK_VOTES = "block_votes"
    POOLED = "pooled"
    MIN_UNIONS_SHARE = "min_unions_share"
    MAX_OPPOSED_SHARE = "max_opposed_share"


@dataclass(frozen=True)
class Totals:
    """What every coalition test reads: sums over the unions of one way they could go."""

    approving: int = 0  # unions
    rejecting: int = 0
    approving_members: int = 0
    voting_members: int = 0  # of unions approving or rejecting (abstainers left out)
    block_yes: int = 0
    block_no: int = 0

    def __add__(self, o: Totals) -> Totals:
        return Totals(
            self.approving + o.approving,
            self.rejecting + o.rejecting,
            self.approving_members + o.approving_members,
            self.voting_members + o.voting_members,
            self.block_yes + o.block_yes,
            self.block_no + o.block_no,
        )


@dataclass(frozen=True)
class _Test:
    kind: TestKind
    description: str
    threshold: Fraction
    threshold_text: str
    value: Callable[[Totals], Fraction]
    passes: Callable[[Totals], bool]
    show: Callable[[Fraction], str]
    progress: Callable[[Totals], str]  # the decided figures against the bar, in words


def block_weight(membership: int, per_vote: int | None) -> int:
    """One block vote per `per_vote` members, rounded half up, at least one."""
    if per_vote is None:
        return 0
    return max(1, (membership + per_vote // 2) // per_vote)


def abstention_effect(rule: CoalitionRule) -> str:
    """How the coalition rule's tests count a union that abstained, in words."""
    effects = []
    if rule.min_unions is not None:
        effects.append(
            ngettext(
                "it does not count towards the {count} union that must approve",
                "it does not count towards the {count} unions that must approve",
                rule.min_unions,
            ).format(count=number(rule.min_unions))
        )
    if rule.min_unions_share is not None or rule.max_opposed_share is not None:
        if rule.unions_base is MembershipBase.VOTING:
            effects.append(_("it is left out of the voting unions the shares are taken of"))
        else:
            effects.append(_("it counts among all the unions, neither approving nor opposing"))
    if rule.membership is not None:
        if rule.membership_base is MembershipBase.VOTING:
            effects.append(_("its members are left out of the membership share"))
        else:
            effects.append(_("its members count in the whole but not among the approving"))
    if rule.max_opposed is not None:
        effects.append(_("it does not oppose"))
    if rule.block_members_per_vote is not None:
        effects.append(_("its block votes are left out of the block totals"))
    if rule.pooled is not None:
        effects.append(_("it adds no ballot to the pooled count"))
    return "; ".join(effects)


def coalition_tests(rule: CoalitionRule, unions: int, total_membership: int) -> list[_Test]:
    tests: list[_Test] = []
    if rule.min_unions is not None:
        k = rule.min_unions
        tests.append(
            _Test(
                TestKind.MIN_UNIONS,
                ngettext(
                    "at least {k} of {unions} union approve",
                    "at least {k} of {unions} unions approve",
                    unions,
                ).format(k=number(k), unions=number(unions)),
                Fraction(k),
                f"{k}",
                lambda t: Fraction(t.approving),
                lambda t: t.approving >= k,
                lambda v: f"{v.numerator}",
                lambda t: _("{approving} approve so far, {k} needed").format(
                    approving=number(t.approving), k=number(k)
                ),
            )
        )
    voting_base = rule.unions_base is MembershipBase.VOTING

    def of_unions(share: str, *, approve: bool) -> str:
        if approve:
            text = (
                _("{share} of the voting unions approve")
                if voting_base
                else _("{share} of the {unions} unions approve")
            )
        else:
            text = (
                _("{share} of the voting unions oppose")
                if voting_base
                else _("{share} of the {unions} unions oppose")
            )
        return text.format(share=share, unions=number(unions))

    def union_base(t: Totals) -> int:
        return t.approving + t.rejecting if voting_base else unions

    def union_share(part: int, t: Totals) -> Fraction:
        whole = union_base(t)
        return Fraction(part, whole) if whole else Fraction(0)

    if rule.min_unions_share is not None:
        need = rule.min_unions_share
        tests.append(
            _Test(
                TestKind.MIN_UNIONS_SHARE,
                of_unions(need.describe(), approve=True),
                need.share,
                describe_share(need.share),
                lambda t: union_share(t.approving, t),
                lambda t: need.met(t.approving, union_base(t)),
                format_share,
                lambda t: _("{approving} of {base} approve so far, {need} needed").format(
                    approving=number(t.approving), base=number(union_base(t)), need=need.describe()
                ),
            )
        )
    if rule.max_opposed_share is not None:
        cap = rule.max_opposed_share
        tests.append(
            _Test(
                TestKind.MAX_OPPOSED_SHARE,
                of_unions(
                    (_("no more than {share}") if cap.inclusive else _("less than {share}")).format(
                        share=describe_share(cap.share)
                    ),
                    approve=False,
                ),
                cap.share,
                describe_share(cap.share),
                lambda t: union_share(t.rejecting, t),
                lambda t: cap.allows(t.rejecting, union_base(t)),
                format_share,
                lambda t: _("{rejecting} of {base} oppose so far, {cap} may").format(
                    rejecting=number(t.rejecting), base=number(union_base(t)), cap=cap.describe()
                ),
            )
        )
    if rule.membership is not None:
        threshold = rule.membership
        all_members = rule.membership_base is MembershipBase.ALL

        def whole(t: Totals) -> int:
            return total_membership if all_members else t.voting_members

        def share(t: Totals) -> Fraction:
            w = whole(t)
            return Fraction(t.approving_members, w) if w else Fraction(0)

        held = (
            _("approving unions hold {share} of all members")
            if all_members
            else _("approving unions hold {share} of the members of unions that voted")
        )
        tests.append(
            _Test(
                TestKind.MEMBERSHIP,
                held.format(share=threshold.describe()),
                threshold.share,
                describe_share(threshold.share),
                share,
                lambda t: threshold.met(t.approving_members, whole(t)),
                format_share,
                lambda t: _(
                    "{share} ({approving} of {whole} members) so far, {need} needed"
                ).format(
                    share=format_share(share(t)),
                    approving=number(t.approving_members),
                    whole=number(whole(t)),
                    need=threshold.describe(),
                ),
            )
        )
    if rule.max_opposed is not None:
        m = rule.max_opposed
        tests.append(
            _Test(
                TestKind.MAX_OPPOSED,
                ngettext("at most {m} union opposes", "at most {m} unions oppose", m).format(
                    m=number(m)
                ),
                Fraction(m),
                f"{m}",
                lambda t: Fraction(t.rejecting),
                lambda t: t.rejecting <= m,
                lambda v: f"{v.numerator}",
                lambda t: _("{rejecting} oppose so far, at most {m} may").format(
                    rejecting=number(t.rejecting), m=number(m)
                ),
            )
        )
    if rule.block_members_per_vote is not None:
        per = rule.block_members_per_vote
        block = rule.block_threshold or Threshold(Fraction(1, 2), inclusive=False)

        def block_share(t: Totals) -> Fraction:
            cast = t.block_yes + t.block_no
            return Fraction(t.block_yes, cast) if cast else Fraction(0)

        tests.append(
            _Test(
                TestKind.BLOCK_VOTES,
                ngettext(
                    "block votes (one per {per} member): {need} of block votes cast",
                    "block votes (one per {per} members): {need} of block votes cast",
                    per,
                ).format(per=number(per), need=block.describe()),
                block.share,
                describe_share(block.share),
                block_share,
                lambda t: block.met(t.block_yes, t.block_yes + t.block_no),
                format_share,
                lambda t: _("{yes} for, {no} against ({share} for) so far, {need} needed").format(
                    yes=number(t.block_yes),
                    no=number(t.block_no),
                    share=format_share(block_share(t)),
                    need=block.describe(),
                ),
            )
        )
    return tests
