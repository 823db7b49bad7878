"""Every tally rule kind on real-shaped numbers: outcome, decided-ness and what is still needed.

Rules are read from setup TOML (the path a coordinator uses), so the parser's reading of
"more than 1/2", "at least 2/3", `void = "counted"`, `quorum` and `low_turnout` is covered too.
Every expected figure is worked out by hand in a comment next to it.
"""

from __future__ import annotations

from fractions import Fraction

import pytest

from steward_app.domain.rules import SIMPLE_MAJORITY, TallyRule
from steward_app.domain.setup_file import parse_setup
from steward_app.domain.tally import Numbers, Outcome, approves, judge, min_yes
from steward_app.domain.threshold import Threshold, format_share


def rule_from(inline: str) -> TallyRule:
    """The tally rule a one-union setup declares with `tally_rule = { ... }`."""
    vote = parse_setup(
        f"""
format = 1
[vote]
id = "t"
title = "rule test"
mode = "practice"
[coalition]
name = "C"
[coalition.rule]
min_unions = 1
[[questions]]
id = "q"
text = "Ratify?"
[[unions]]
id = "u"
name = "U"
membership = 10
membership_source = "test"
membership_as_of = 2024-01-01
tally_rule = {inline}
[[unions.units]]
id = "u1"
name = "U1"
eligible = 10
"""
    )
    return vote.unions[0].rule.tally


MAJORITY = rule_from('"majority"')
TWO_THIRDS = rule_from('"two-thirds"')
MAJORITY_VOID_COUNTED = rule_from('{ approve = "more than 1/2", void = "counted" }')
TWO_THIRDS_VOID_COUNTED = rule_from('{ approve = "at least 2/3", void = "counted" }')
MAJORITY_QUORUM_HALF = rule_from('{ approve = "more than 1/2", quorum = "50%" }')
TEAMSTERS = rule_from(
    '{ approve = "more than 1/2", low_turnout = { below = "50%", reject = "at least 2/3" } }'
)


def test_rules_parse_to_what_the_words_say() -> None:
    assert MAJORITY == SIMPLE_MAJORITY
    assert TallyRule(Threshold(Fraction(2, 3), inclusive=True)) == TWO_THIRDS
    assert MAJORITY_VOID_COUNTED.void_counts
    assert not MAJORITY.void_counts
    assert MAJORITY_QUORUM_HALF.quorum == Fraction(1, 2)
    assert TEAMSTERS.low_turnout is not None
    assert TEAMSTERS.low_turnout.below == Fraction(1, 2)
    assert TEAMSTERS.low_turnout.reject == Threshold(Fraction(2, 3), inclusive=True)


def final(rule: TallyRule, numbers: Numbers) -> Outcome:
    """Outcome of a count that is over (no ballots still to come)."""
    result = judge(rule, numbers, 0)
    assert result.decided, "a count with nothing still to come must be decided"
    assert result.needed is None
    return result.outcome


# --- simple majority ----------------------------------------------------------------------------


def test_majority_tie_fails_and_one_more_yes_passes() -> None:
    assert not approves(MAJORITY, 1_300, 1_300, 0, 3_000)
    assert approves(MAJORITY, 1_301, 1_300, 0, 3_000)
    assert not approves(MAJORITY, 1_300, 1_301, 0, 3_000)


def test_local_511_rejects_1203_to_1397() -> None:
    # Local 511, June 2011: 1,203 yes to 1,397 no of 4,500 members; 194 short.
    numbers = Numbers(eligible=4_500, yes=1_203, no=1_397, void=13)
    assert final(MAJORITY, numbers) is Outcome.REJECTED
    assert numbers.margin == -194


def test_majority_with_no_valid_vote_approves_nothing() -> None:
    # ballots all void: there is no majority of valid votes to approve
    assert not approves(MAJORITY, 0, 0, 25, 100)
    assert final(MAJORITY, Numbers(eligible=100, void=25)) is Outcome.REJECTED


# --- at least two thirds ------------------------------------------------------------------------


def test_two_thirds_exactly_at_the_boundary() -> None:
    # 2,000 of 3,000 valid: 2000 * 3 = 6000 = 2 * 3000, "at least" is met
    assert approves(TWO_THIRDS, 2_000, 1_000, 0, 5_000)
    # 1,999 of 3,000: 5,997 < 6,000
    assert not approves(TWO_THIRDS, 1_999, 1_001, 0, 5_000)
    # 2,000 of 3,001: 6,000 < 6,002
    assert not approves(TWO_THIRDS, 2_000, 1_001, 0, 5_000)
    assert final(TWO_THIRDS, Numbers(5_000, 2_000, 1_000)) is Outcome.APPROVED
    assert final(TWO_THIRDS, Numbers(5_000, 1_999, 1_001)) is Outcome.REJECTED


def test_more_than_two_thirds_is_strict() -> None:
    strict = rule_from('{ approve = "more than 2/3" }')
    assert not approves(strict, 2_000, 1_000, 0, 5_000)
    assert approves(strict, 2_001, 1_000, 0, 5_000)  # 6,003 > 6,002


# --- void ballots in or out of the denominator --------------------------------------------------


def test_void_counted_turns_a_majority_into_a_rejection() -> None:
    # 510 yes, 490 no, 30 void. Excluded: 510 > 490 approves.
    # Counted: 510 of 1,030 ballots is 49.5%, not more than half.
    assert final(MAJORITY, Numbers(2_000, 510, 490, 30)) is Outcome.APPROVED
    assert final(MAJORITY_VOID_COUNTED, Numbers(2_000, 510, 490, 30)) is Outcome.REJECTED


def test_void_counted_under_two_thirds() -> None:
    # 2,000 yes, 1,000 no, 50 void: excluded 2,000/3,000 = 2/3 exactly (approves);
    # counted 2,000/3,050: 6,000 < 6,100 (rejects)
    assert final(TWO_THIRDS, Numbers(5_000, 2_000, 1_000, 50)) is Outcome.APPROVED
    assert final(TWO_THIRDS_VOID_COUNTED, Numbers(5_000, 2_000, 1_000, 50)) is Outcome.REJECTED
    # with no void ballot the two readings agree
    assert final(TWO_THIRDS_VOID_COUNTED, Numbers(5_000, 2_000, 1_000)) is Outcome.APPROVED


def test_yes_share_uses_the_rules_denominator() -> None:
    n = Numbers(2_000, 510, 490, 30)
    assert n.yes_share(MAJORITY) == Fraction(510, 1_000)
    assert n.yes_share(MAJORITY_VOID_COUNTED) == Fraction(510, 1_030)


# --- quorum -------------------------------------------------------------------------------------


def test_quorum_met_and_not_met() -> None:
    # 1,000 eligible, quorum 50%: 500 ballots needed
    assert not approves(MAJORITY_QUORUM_HALF, 300, 100, 0, 1_000)  # 40% turnout
    assert not approves(MAJORITY_QUORUM_HALF, 400, 99, 0, 1_000)  # 499 ballots
    assert approves(MAJORITY_QUORUM_HALF, 400, 100, 0, 1_000)  # 500 ballots: exactly 50%
    # a void ballot is a ballot cast: it counts toward the quorum
    assert approves(MAJORITY_QUORUM_HALF, 400, 99, 1, 1_000)
    # quorum met but the majority says no
    assert not approves(MAJORITY_QUORUM_HALF, 300, 400, 0, 1_000)


def test_quorum_out_of_reach_is_decided_rejected() -> None:
    # final count, 1,000 eligible, 450 ballots (all yes) and 20 challenged: even if every
    # challenged ballot is upheld turnout is 470/1,000 < 50%
    result = judge(MAJORITY_QUORUM_HALF, Numbers(1_000, 450, 0, 0, 20), unknown=20)
    assert result.outcome is Outcome.REJECTED
    # with 50 challenged the quorum can still be reached (450 + 50 = 500)
    result = judge(MAJORITY_QUORUM_HALF, Numbers(1_000, 450, 0, 0, 50), unknown=50)
    assert result.outcome is Outcome.PENDING
    assert result.can_approve and result.can_reject


def test_quorum_not_yet_met_is_pending_even_when_all_so_far_say_yes() -> None:
    # 100 eligible, 30 yes so far: if nobody else votes the quorum fails
    result = judge(MAJORITY_QUORUM_HALF, Numbers(100, 30, 0), unknown=70)
    assert result.outcome is Outcome.PENDING
    # 51 yes: the quorum is met and 49 more no votes cannot overturn 51 yes
    result = judge(MAJORITY_QUORUM_HALF, Numbers(100, 51, 0), unknown=49)
    assert result.outcome is Outcome.APPROVED


# --- the Teamsters turnout-conditional rule -----------------------------------------------------


def test_teamsters_low_turnout_54_percent_no_still_ratifies() -> None:
    # UPS 2018 shape: 10,000 eligible, 4,000 voted (40% < 50%), 54% no = 2,160 no, 1,840 yes.
    # Below 50% turnout the offer stands unless 2/3 vote no: 2,160/4,000 = 54% < 66.7%.
    numbers = Numbers(10_000, 1_840, 2_160)
    assert final(TEAMSTERS, numbers) is Outcome.APPROVED
    # the same numbers under a plain majority reject
    assert final(MAJORITY, numbers) is Outcome.REJECTED


def test_teamsters_low_turnout_two_thirds_no_rejects() -> None:
    # 4,000 voted: 2/3 of 4,000 = 2,666.67, so 2,667 no rejects and 2,666 no does not
    assert final(TEAMSTERS, Numbers(10_000, 1_333, 2_667)) is Outcome.REJECTED
    assert final(TEAMSTERS, Numbers(10_000, 1_334, 2_666)) is Outcome.APPROVED


def test_teamsters_at_or_above_half_turnout_the_majority_decides() -> None:
    # exactly 50% turnout: 5,000 voted, 54% no = 2,700 no: the majority rejects
    assert final(TEAMSTERS, Numbers(10_000, 2_300, 2_700)) is Outcome.REJECTED
    # one ballot fewer (4,999 voted, 49.99%) and the low-turnout clause applies again
    assert final(TEAMSTERS, Numbers(10_000, 2_299, 2_700)) is Outcome.APPROVED
    # above 50% a yes majority approves
    assert final(TEAMSTERS, Numbers(10_000, 3_100, 2_900)) is Outcome.APPROVED


def test_teamsters_void_ballots_count_toward_turnout() -> None:
    # 4,990 valid + 10 void = 5,000 ballots = 50%: the majority decides (2,490 vs 2,500)
    assert final(TEAMSTERS, Numbers(10_000, 2_490, 2_500, 10)) is Outcome.REJECTED
    # without the void ballots turnout is 49.9% and 2,500/4,990 no is far below 2/3
    assert final(TEAMSTERS, Numbers(10_000, 2_490, 2_500)) is Outcome.APPROVED


def test_teamsters_a_challenged_yes_can_still_reject() -> None:
    # Final count, 100 eligible, 22 yes 27 no (49 ballots, 49%), one challenged ballot.
    # Rejected challenge: 27/49 = 55% no < 2/3, the offer stands.
    # Upheld as yes: 50 ballots = 50% turnout, majority decides, 23 < 27: rejected.
    # Whatever the challenged ballot says the result can go either way: pending.
    result = judge(TEAMSTERS, Numbers(100, 22, 27, 0, 1), unknown=1)
    assert result.approves_now
    assert result.can_approve and result.can_reject
    assert result.outcome is Outcome.PENDING


# --- decided while provisional ------------------------------------------------------------------


def test_yes_above_half_of_all_eligible_is_decided_while_provisional() -> None:
    # 1,000 eligible, 501 yes and 100 no counted, 399 still to vote: even if all 399 vote no,
    # no = 499 < 501 yes
    result = judge(MAJORITY, Numbers(1_000, 501, 100), unknown=399)
    assert result.decided
    assert result.outcome is Outcome.APPROVED
    assert result.needed is None
    # 500 yes: all 400 remaining voting no ties 500-500, and a tie fails
    result = judge(MAJORITY, Numbers(1_000, 500, 100), unknown=400)
    assert result.outcome is Outcome.PENDING


def test_no_at_half_of_all_eligible_is_decided_rejected_while_provisional() -> None:
    # 1,000 eligible, 500 no, 100 yes, 400 to come: at best 500 yes ties 500 no, which fails
    result = judge(MAJORITY, Numbers(1_000, 100, 500), unknown=400)
    assert result.outcome is Outcome.REJECTED


def test_challenged_ballots_keep_a_close_final_count_open() -> None:
    # final 100 yes to 98 no with 2 challenged: two upheld no ballots tie it 100-100 (fails)
    assert judge(MAJORITY, Numbers(300, 100, 98, 0, 2), unknown=2).outcome is Outcome.PENDING
    # one challenged: at worst 100-99, still approved
    assert judge(MAJORITY, Numbers(300, 100, 98, 0, 1), unknown=1).outcome is Outcome.APPROVED


def test_two_thirds_decided_needs_two_thirds_of_the_worst_case() -> None:
    # 900 eligible, 600 yes 0 no, 300 to come: worst case 600 of 900 = 2/3 exactly, approved
    assert judge(TWO_THIRDS, Numbers(900, 600, 0), unknown=300).outcome is Outcome.APPROVED
    # 599 yes, 301 to come: worst case 599/900 < 2/3
    assert judge(TWO_THIRDS, Numbers(900, 599, 0), unknown=301).outcome is Outcome.PENDING


# --- what is still needed -----------------------------------------------------------------------

# AFSCME in the demo: 4,200 yes, 5,000 no, 58 void from 13,750 members of complete units;
# Local 391's 1,850 members still to vote; 15,600 members in all.
AFSCME = Numbers(eligible=15_600, yes=4_200, no=5_000, void=58)


def test_afscme_800_behind_with_1850_to_vote_needs_1326_yes() -> None:
    # With all 1,850 voting: y - (1,850 - y) > 800  =>  2y > 2,650  =>  y >= 1,326.
    result = judge(MAJORITY, AFSCME, unknown=1_850)
    assert result.outcome is Outcome.PENDING
    assert not result.approves_now
    needed = result.needed
    assert needed is not None
    assert needed.remaining == 1_850
    assert needed.yes_full == 1_326
    assert needed.share_full == Fraction(1_326, 1_850)
    assert format_share(needed.share_full) == "71.7%"  # 1326/1850 = 0.71676
    assert min_yes(MAJORITY, AFSCME, 1_850) == 1_326
    # 1,325 yes would leave it tied 5,525 to 5,525
    assert not approves(MAJORITY, 4_200 + 1_325, 5_000 + 525, 58, 15_600)
    assert approves(MAJORITY, 4_200 + 1_326, 5_000 + 524, 58, 15_600)
    # no turnout figure given: no expected figure
    assert needed.expected is None and needed.yes_expected is None


def test_afscme_at_the_turnout_seen_so_far_the_needed_share_rises() -> None:
    # Turnout where counting is over: 9,258 ballots of 13,750 members = 67.3%.
    # At that turnout 15,600 members cast round(15,600 * 9,258 / 13,750) = round(10,503.6)
    # = 10,504 ballots, so 10,504 - 9,258 = 1,246 more are expected.
    # y - (1,246 - y) > 800  =>  2y > 2,046  =>  y >= 1,024; 1,024/1,246 = 82.2%.
    result = judge(MAJORITY, AFSCME, unknown=1_850, turnout_seen=Fraction(9_258, 13_750))
    needed = result.needed
    assert needed is not None
    assert needed.expected == 1_246
    assert needed.yes_expected == 1_024
    assert format_share(needed.share_expected) == "82.2%"
    assert needed.share_expected is not None and needed.share_full is not None
    assert needed.share_expected > needed.share_full
    assert needed.yes_full == 1_326  # the full-turnout figure is unchanged


def test_smaller_expected_turnout_never_asks_for_a_smaller_share() -> None:
    shares = []
    for turnout in (Fraction(9, 10), Fraction(8, 10), Fraction(7, 10), Fraction(2, 3)):
        needed = judge(MAJORITY, AFSCME, 1_850, turnout).needed
        assert needed is not None and needed.share_expected is not None
        shares.append(needed.share_expected)
    assert shares == sorted(shares)


def test_out_of_reach_yes_full_is_none() -> None:
    # 2,000 behind with 1,850 to vote: even 1,850 yes leaves it 150 short
    behind = Numbers(eligible=15_600, yes=4_200, no=6_200, void=58)
    assert min_yes(MAJORITY, behind, 1_850) is None
    result = judge(MAJORITY, behind, 1_850)
    assert result.outcome is Outcome.REJECTED
    assert result.needed is None  # decided: nothing is needed any more


def test_pending_but_out_of_reach_at_full_turnout() -> None:
    # Teamsters rule, final count: 100 eligible, 15 yes 30 no (45%), 10 challenged.
    # Now: 30/45 = 2/3 no at low turnout, rejected.
    # One challenged ballot upheld as yes: 46 ballots, 30/46 = 65.2% < 2/3, approved.
    # All 10 upheld: 55 ballots >= 50%, majority decides; at best 25 yes to 30 no, rejected.
    # So approval is possible only if most challenges are rejected: yes_full is None.
    result = judge(TEAMSTERS, Numbers(100, 15, 30, 0, 10), unknown=10)
    assert not result.approves_now
    assert result.outcome is Outcome.PENDING
    assert result.needed is not None
    assert result.needed.yes_full is None
    assert result.needed.share_full is None


@pytest.mark.parametrize(
    ("rule", "numbers", "unknown"),
    [
        (MAJORITY, AFSCME, 1_850),
        (TWO_THIRDS, Numbers(3_000, 900, 600), 1_500),
        (MAJORITY_VOID_COUNTED, Numbers(3_000, 900, 800, 100), 1_200),
        (MAJORITY_QUORUM_HALF, Numbers(3_000, 600, 700), 1_700),
    ],
)
def test_yes_full_is_the_least_yes_that_approves(
    rule: TallyRule, numbers: Numbers, unknown: int
) -> None:
    needed = judge(rule, numbers, unknown).needed
    assert needed is not None and needed.yes_full is not None
    y = needed.yes_full
    n = numbers
    assert approves(rule, n.yes + y, n.no + unknown - y, n.void, n.eligible)
    assert not approves(rule, n.yes + y - 1, n.no + unknown - y + 1, n.void, n.eligible)
