"""Abstention, split crafts, votes without a coalition rule, and the newer rule kinds.

The minimal setups are the ones of issue 18, written as setup TOML and parsed by the real
parser; the expected results are worked out by hand in the comments.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from steward_app.domain.coalition import TestKind as Kind
from steward_app.domain.judgement import Outcome
from steward_app.domain.rules import MembershipBase
from steward_app.domain.setup_file import SetupError, parse_setup
from steward_app.domain.standings import Standings, awaited_units, compute_standings
from steward_app.domain.vote import Vote
from tests.domain.test_setup_file import doc_toml_blocks
from tests.domain.test_union_coalition_rules import (
    make_vote,
    report,
    standings,
    union_toml,
    unit_toml,
)

QUESTION_Q = '[[questions]]\nid = "q"\ntext = "Ratify?"\n'
BLOCK = 'block_votes = { members_per_vote = 100, approve = "more than 1/2" }'


def three_unions(rule: str, extra_c: str = "") -> Vote:
    return make_vote(
        [
            union_toml("a", [("a1", 1_000)]),
            union_toml("b", [("b1", 500)]),
            union_toml("c", [("c1", 300)], extra=extra_c),
        ],
        rule,
    )


# --- abstention -------------------------------------------------------------------------------


def test_a_union_with_no_ballot_abstains_and_is_left_out_of_the_block_totals() -> None:
    # c1 counted 0-0, final: union C cast no ballot. It abstains (not "rejected, decided"),
    # and the block test reads A's 10 votes for against B's 5 against.
    vote = three_unions(BLOCK)
    qs = standings(vote, {"a1": (600, 300), "b1": (100, 300), "c1": (0, 0)})
    c = qs.unions["c"]
    assert c.outcome is Outcome.ABSTAINED and c.decided
    assert c.reason.startswith("abstained: every count is final and no ballot was cast")
    assert "left out of the block totals" in c.reason
    assert qs.coalition is not None
    block = qs.coalition.tests[0]
    assert block.kind is Kind.BLOCK_VOTES
    assert block.progress.startswith("10 for, 5 against")
    assert qs.coalition.outcome is Outcome.APPROVED
    assert "1 abstained" in qs.coalition.reason


def test_a_union_with_no_ballot_yet_may_still_abstain() -> None:
    # c1 not reported: C may vote either way or not at all
    vote = three_unions(BLOCK)
    qs = standings(vote, {"a1": (600, 300)})
    c = qs.unions["c"]
    assert c.outcome is Outcome.PENDING
    assert c.judgement.possible == {Outcome.APPROVED, Outcome.REJECTED, Outcome.ABSTAINED}


def test_a_union_the_setup_says_casts_no_vote_abstains_whatever_is_counted() -> None:
    vote = three_unions(BLOCK, extra_c='abstains = ["q"]')
    assert vote.union_by_id["c"].abstains == ("q",)
    qs = standings(vote, {"a1": (600, 300), "b1": (100, 300), "c1": (0, 200)})
    c = qs.unions["c"]
    assert c.outcome is Outcome.ABSTAINED and c.decided
    assert "casts no vote on this question, as the setup says" in c.reason
    assert qs.coalition is not None and qs.coalition.outcome is Outcome.APPROVED


def test_an_abstaining_union_does_not_approve_for_k_of_n() -> None:
    # "3 of 3 unions approve": C abstaining makes it impossible
    vote = three_unions("min_unions = 3")
    qs = standings(vote, {"a1": (600, 300), "b1": (300, 100), "c1": (0, 0)})
    assert qs.unions["c"].outcome is Outcome.ABSTAINED
    assert qs.coalition is not None
    assert qs.coalition.outcome is Outcome.REJECTED and qs.coalition.decided
    assert "does not count towards the 3 unions" in qs.unions["c"].reason


def test_an_abstaining_union_does_not_oppose() -> None:
    vote = three_unions("max_opposed = 0")
    qs = standings(vote, {"a1": (600, 300), "b1": (300, 100), "c1": (0, 0)})
    assert qs.coalition is not None and qs.coalition.outcome is Outcome.APPROVED
    assert qs.coalition.tests[0].progress == "0 oppose so far, at most 0 may"


# --- shares of the voting unions ---------------------------------------------------------------


def test_a_majority_of_the_voting_unions() -> None:
    # A approves, B rejects, C abstains: 1 of the 2 voting unions is not more than half,
    # but it is at least half; of all 3 unions it is less than half
    rule = 'min_unions_share = "{share}"\nunions_base = "{base}"'
    counts = {"a1": (600, 300), "b1": (100, 300), "c1": (0, 0)}
    for share, base, outcome in [
        ("more than 1/2", "voting", Outcome.REJECTED),
        ("at least 1/2", "voting", Outcome.APPROVED),
        ("at least 1/2", "all", Outcome.REJECTED),
    ]:
        vote = three_unions(rule.format(share=share, base=base))
        c = standings(vote, counts).coalition
        assert c is not None
        assert (c.outcome, c.decided) == (outcome, True), (share, base)
    vote = three_unions(rule.format(share="at least 1/2", base="voting"))
    c = standings(vote, counts).coalition
    assert c is not None
    assert c.tests[0].description == "at least 1/2 of the voting unions approve"
    assert c.tests[0].progress == "1 of 2 approve so far, at least 1/2 needed"


def test_no_more_than_a_third_of_the_voting_unions_opposed() -> None:
    # four unions; D abstains. One of the three voting unions opposing is exactly 1/3: allowed
    # "at most", refused "less than"
    unions = [
        union_toml("a", [("a1", 100)]),
        union_toml("b", [("b1", 100)]),
        union_toml("c", [("c1", 100)]),
        union_toml("d", [("d1", 100)]),
    ]
    counts = {"a1": (60, 30), "b1": (60, 30), "c1": (10, 30), "d1": (0, 0)}
    for cap, outcome in [("at most 1/3", Outcome.APPROVED), ("less than 1/3", Outcome.REJECTED)]:
        vote = make_vote(unions, f'max_opposed_share = "{cap}"\nunions_base = "voting"')
        c = standings(vote, counts).coalition
        assert c is not None and c.outcome is outcome, cap
        assert c.tests[0].progress == f"1 of 3 oppose so far, {cap} may"


def test_a_share_of_unions_cannot_be_decided_while_abstention_is_possible() -> None:
    # A approves; B and C not reported. "more than 1/2 of the voting unions": if B and C both
    # abstain, A alone is all the voting unions (approved); if both reject, 1 of 3 (rejected)
    vote = three_unions('min_unions_share = "more than 1/2"\nunions_base = "voting"')
    c = standings(vote, {"a1": (600, 300)}).coalition
    assert c is not None and c.outcome is Outcome.PENDING


# --- turnout over valid ballots ---------------------------------------------------------------


def test_turnout_over_valid_ballots_only() -> None:
    # 100 eligible, 30 yes 10 no 15 void: 55 cast (55%), 40 valid (40%); quorum 50%
    rule = '[tally_rules.r]\napprove = "more than 1/2"\nquorum = "50%"\nturnout = "{how}"\n'
    for how, outcome in [("cast", Outcome.APPROVED), ("valid", Outcome.REJECTED)]:
        vote = make_vote(
            [union_toml("a", [("a1", 100)], extra='tally_rule = "r"')],
            "min_unions = 1",
            extra=rule.format(how=how),
        )
        qs = standings(vote, {"a1": (30, 10, 15)})
        assert qs.units["a1"].outcome is outcome, how
    assert "turnout of valid ballots 40.0% is below the 1/2 quorum" in qs.units["a1"].reason


def test_a_bad_turnout_setting_is_reported() -> None:
    text = (
        'format = 1\n[vote]\nid = "t"\ntitle = "t"\n[coalition]\nname = "C"\n'
        '[tally_rules.r]\nturnout = "ballots"\n[[questions]]\nid = "q"\ntext = "?"\n'
        + union_toml("a", [("a1", 10)], extra='tally_rule = "r"')
    )
    with pytest.raises(SetupError) as caught:
        parse_setup(text)
    assert 'tally_rules.r.turnout: is "ballots"; expected "cast" or "valid"' in str(caught.value)


# --- split crafts, no coalition rule -----------------------------------------------------------

CRAFTS = union_toml("crafts", [("engine", 800), ("yard", 200)], membership=1_000)
UNIT_QUESTION = '[[questions]]\nid = "q"\ntext = "Ratify your craft agreement?"\nscope = "unit"\n'


def test_a_union_whose_crafts_split_is_decided() -> None:
    vote = make_vote([CRAFTS], "min_unions = 1", questions=UNIT_QUESTION)
    qs = standings(vote, {"engine": (300, 400), "yard": (120, 60)})
    union = qs.unions["crafts"]
    assert union.outcome is Outcome.SPLIT and union.decided
    assert union.reason.startswith("split: 1 of 2 units approved their own")
    # one craft still counting: split or approved are both possible
    qs = standings(vote, {"engine": (300, 100), "yard": (120, 60)}, provisional=("engine",))
    assert qs.unions["crafts"].outcome is Outcome.PENDING
    # both approving: approved, decided
    qs = standings(vote, {"engine": (500, 100), "yard": (120, 60)})
    assert (qs.unions["crafts"].outcome, qs.unions["crafts"].decided) == (Outcome.APPROVED, True)


def no_rule_vote(question: str) -> Vote:
    return parse_setup(
        'format = 1\n[vote]\nid = "t"\ntitle = "t"\n[coalition]\nname = "C"\n' + question + CRAFTS
    )


def test_a_vote_without_coalition_rule() -> None:
    vote = no_rule_vote(UNIT_QUESTION)
    assert not vote.has_coalition_rule
    qs = standings(vote, {"engine": (300, 400), "yard": (120, 60)})
    assert qs.coalition is None
    assert qs.unions["crafts"].outcome is Outcome.SPLIT
    # a coalition-scope question with no coalition rule: the union's own result stands alone
    vote = no_rule_vote('[[questions]]\nid = "q"\ntext = "Ratify?"\n')
    qs = standings(vote, {"engine": (300, 400), "yard": (120, 60)})
    assert qs.coalition is None
    assert qs.unions["crafts"].outcome is Outcome.REJECTED  # pooled: 420 yes to 460 no


# --- a coalition-wide question asked of some units --------------------------------------------


def supplement_vote() -> Vote:
    questions = (
        '[[questions]]\nid = "master"\ntext = "Master agreement?"\n'
        '[[questions]]\nid = "supp"\ntext = "Local supplement?"\n'
        'units = ["a1", "b1"]\n'
        '[[agreements]]\nid = "deal"\nname = "Deal"\nparts = ["master", "supp"]\n'
        'master = "master"\n'
    )
    unions = [
        union_toml("a", unit_toml("a1", 100) + unit_toml("a2", 100), membership=200),
        union_toml("b", [("b1", 100)]),
        union_toml("c", [("c1", 100)]),
    ]
    return make_vote(unions, 'membership = "more than 1/2"', questions=questions)


def deal(vote: Vote, counts: dict[tuple[str, str], tuple[int, int]]) -> Standings:
    reports = {key: report(vote, key[1], *c, question=key[0]) for key, c in counts.items()}
    return compute_standings(vote, reports)


def test_a_coalition_question_asked_of_some_units_only() -> None:
    vote = supplement_vote()
    asked = [u.id for u in vote.units_asked(vote.question_by_id["supp"])]
    assert asked == ["a1", "b1"]
    assert vote.membership_asked(vote.question_by_id["supp"]) == 300  # unions a and b
    s = deal(vote, {("supp", "a1"): (60, 30), ("supp", "b1"): (10, 50)})
    supp = s.questions["supp"]
    assert set(supp.unions) == {"a", "b"}  # union c is not asked
    assert supp.coalition is not None
    # A (200 members) approves: 200 of the 300 members asked, more than half
    assert supp.coalition.outcome is Outcome.APPROVED


def test_an_agreement_approved_in_its_master_part_but_not_in_effect() -> None:
    vote = supplement_vote()
    master = {("master", u): (70, 30) for u in ("a1", "a2", "b1", "c1")}
    # the supplement fails: A rejects it (200 of 300 members oppose)
    s = deal(vote, {**master, ("supp", "a1"): (10, 50), ("supp", "b1"): (60, 30)})
    agreement = s.agreements["deal"]
    assert agreement.outcome is Outcome.NOT_IN_EFFECT and agreement.decided
    assert agreement.reason.startswith("not in effect: the master part master is approved")
    assert "part supp cannot pass" in agreement.reason
    # the master part fails: the agreement is rejected, naming the part
    master_no = {("master", u): (30, 70) for u in ("a1", "a2", "b1", "c1")}
    s = deal(vote, {**master_no, ("supp", "a1"): (60, 30), ("supp", "b1"): (60, 30)})
    assert s.agreements["deal"].outcome is Outcome.REJECTED
    assert "part master cannot pass" in s.agreements["deal"].reason
    # both pass: approved
    s = deal(vote, {**master, ("supp", "a1"): (60, 30), ("supp", "b1"): (60, 30)})
    assert s.agreements["deal"].outcome is Outcome.APPROVED


def test_a_package_rejection_names_the_unit_that_failed_its_part() -> None:
    questions = (
        '[[questions]]\nid = "wages"\ntext = "Wages?"\n'
        '[[questions]]\nid = "pension"\ntext = "Pension?"\nscope = "unit"\n'
        'units = ["a1", "b1"]\n'
        '[[agreements]]\nid = "pkg"\nname = "Package"\nparts = ["wages", "pension"]\n'
    )
    vote = make_vote(
        [union_toml("a", [("a1", 100)]), union_toml("b", [("b1", 100)])],
        "min_unions = 1",
        questions=questions,
    )
    s = deal(
        vote,
        {
            ("wages", "a1"): (70, 30),
            ("wages", "b1"): (70, 30),
            ("pension", "a1"): (70, 30),
            ("pension", "b1"): (20, 70),
        },
    )
    assert s.agreements["pkg"].outcome is Outcome.REJECTED
    assert "part pension cannot pass: unit b1 rejected it" in s.agreements["pkg"].reason


# --- the documented examples do what docs/setup-format.md says --------------------------------


def doc_vote(vote_id: str) -> Vote:
    votes = [parse_setup(block) for block in doc_toml_blocks()]
    return next(v for v in votes if v.id == vote_id)


def test_doc_example_e_shares_of_the_voting_unions() -> None:
    vote = doc_vote("shares-2025")
    counts = {"drivers-all": (700, 300), "mechanics-all": (200, 100), "clerks-all": (50, 150)}
    reports = {
        ("agreement", u): report(vote, u, *c, question="agreement") for u, c in counts.items()
    }
    qs = compute_standings(vote, reports).questions["agreement"]
    assert qs.unions["retirees"].outcome is Outcome.ABSTAINED
    assert qs.coalition is not None
    assert (qs.coalition.outcome, qs.coalition.decided) == (Outcome.APPROVED, True)
    # "had the rule read unions_base = all, 2 of 4 would not be more than half"
    all_base = replace(
        vote, coalition_rule=replace(vote.coalition_rule, unions_base=MembershipBase.ALL)
    )
    c = compute_standings(all_base, reports).questions["agreement"].coalition
    assert c is not None and c.outcome is Outcome.REJECTED


def test_doc_example_f_crafts_without_a_coalition_rule() -> None:
    vote = doc_vote("crafts-2025")
    q = "craft-agreement"
    reports = {
        (q, "engine"): report(vote, "engine", 300, 400, question=q),
        (q, "yard"): report(vote, "yard", 120, 60, question=q),
    }
    qs = compute_standings(vote, reports).questions[q]
    assert qs.coalition is None
    assert (qs.unions["crafts"].outcome, qs.unions["crafts"].decided) == (Outcome.SPLIT, True)


def test_doc_example_g_master_agreement_not_in_effect() -> None:
    vote = doc_vote("master-2025")
    counts: dict[tuple[str, str], tuple[int, int]] = {
        ("master", u.id): (400, 100) for u in vote.units
    }
    counts["maintenance", "local-7-shops"] = (100, 300)  # Local 7: 2,000 of 2,900 members
    counts["maintenance", "local-12"] = (300, 100)
    s = deal(vote, counts)
    assert s.questions["master"].outcome is Outcome.APPROVED
    assert s.agreements["contract"].outcome is Outcome.NOT_IN_EFFECT


def test_a_union_abstaining_on_a_unit_scope_part_is_not_waited_for() -> None:
    """Union b casts no vote on the pension side letter: the package is decided by a1 alone."""
    questions = (
        '[[questions]]\nid = "wages"\ntext = "Wages?"\n'
        '[[questions]]\nid = "pension"\ntext = "Pension?"\nscope = "unit"\n'
        '[[agreements]]\nid = "pkg"\nname = "Package"\nparts = ["wages", "pension"]\n'
    )
    vote = make_vote(
        [
            union_toml("a", [("a1", 100)]),
            union_toml("b", [("b1", 100)], extra='abstains = ["pension"]'),
        ],
        "min_unions = 1",
        questions=questions,
    )
    s = deal(
        vote, {("wages", "a1"): (70, 30), ("wages", "b1"): (70, 30), ("pension", "a1"): (70, 30)}
    )
    assert s.questions["pension"].unions["b"].outcome is Outcome.ABSTAINED
    assert s.questions["pension"].unions["b"].reason.startswith("abstained: casts no vote")
    assert (s.agreements["pkg"].outcome, s.agreements["pkg"].decided) == (Outcome.APPROVED, True)


@pytest.mark.parametrize(
    ("rule", "union_extra", "agreement", "expected"),
    [
        ("min_unions = 1", 'abstains = ["nope"]', "", "names questions that do not exist"),
        ("min_unions = 1", "abstains = 3", "", "expected true or a list of question ids"),
        ('max_opposed_share = "a third"', "", "", "is not a ceiling"),
        ('min_unions_share = "1/2"', "", "", "is not a threshold"),
        ('min_unions = 1\nunions_base = "some"', "", "", 'expected "all" or "voting"'),
        ("min_unions = 1", "", 'master = "other"', "which is not one of the parts"),
    ],
)
def test_mistakes_in_the_new_settings_are_reported(
    rule: str, union_extra: str, agreement: str, expected: str
) -> None:
    questions = (
        QUESTION_Q + '[[agreements]]\nid = "deal"\nname = "Deal"\nparts = ["q"]\n' + agreement
    )
    with pytest.raises(SetupError) as caught:
        make_vote([union_toml("a", [("a1", 10)], extra=union_extra)], rule, questions=questions)
    assert expected in str(caught.value)


def test_abstains_true_covers_every_question() -> None:
    vote = make_vote([union_toml("a", [("a1", 10)], extra="abstains = true")], "min_unions = 1")
    assert vote.union_by_id["a"].abstains == ("q",)


def test_awaited_units_leave_out_advisory_subgroups_and_abstaining_unions() -> None:
    sub = 'subgroup_of = "a1"\nadvisory = true'
    vote = make_vote(
        [
            union_toml("a", unit_toml("a1", 100) + unit_toml("a1-part", 10, sub), membership=100),
            union_toml("b", [("b1", 100)], extra='abstains = ["q"]'),
            union_toml("c", [("c1", 100)]),
        ],
        "min_unions = 1",
    )
    qs = standings(vote, {"a1": (60, 30)})
    assert [u.unit_id for u in awaited_units(vote, qs)] == ["c1"]
