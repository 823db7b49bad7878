"""How unions and the coalition decide, on small votes written as setup TOML.

Each vote is a setup file in miniature, parsed by the real parser; counts go in as unit reports
built from count slots, the way the store builds them. Expected outcomes are worked out by hand
in the comments.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping
from fractions import Fraction
from pathlib import Path

from steward_app.domain.coalition import Position, UnionPosition, judge_coalition
from steward_app.domain.coalition import TestKind as Kind
from steward_app.domain.counts import (
    CountValues,
    Head,
    ReportStatus,
    SlotKey,
    UnitReport,
    slot_state,
    unit_report,
)
from steward_app.domain.rules import CoalitionRule
from steward_app.domain.setup_file import parse_setup
from steward_app.domain.standings import QuestionStandings, Standings, compute_standings
from steward_app.domain.tally import Outcome
from steward_app.domain.vote import Vote

DEMO = Path(__file__).resolve().parents[2] / "resources" / "demo"

# --- building votes and reports -----------------------------------------------------------------


def unit_toml(uid: str, eligible: int, extra: str = "") -> str:
    return f'[[unions.units]]\nid = "{uid}"\nname = "{uid}"\neligible = {eligible}\n{extra}\n'


def union_toml(
    uid: str,
    units: list[tuple[str, int]] | str,
    membership: int | None = None,
    extra: str = "",
) -> str:
    """A union; `units` is [(id, eligible)] or ready-made unit TOML."""
    if isinstance(units, str):
        units_text = units
        assert membership is not None
    else:
        units_text = "".join(unit_toml(u, e) for u, e in units)
        membership = membership or sum(e for _, e in units)
    return (
        f'[[unions]]\nid = "{uid}"\nname = "{uid.upper()}"\nmembership = {membership}\n'
        f'membership_source = "test"\nmembership_as_of = 2024-01-01\n{extra}\n{units_text}'
    )


QUESTION = '[[questions]]\nid = "q"\ntext = "Ratify?"\nscope = "coalition"\n'


def make_vote(unions: list[str], rule: str, questions: str = QUESTION, extra: str = "") -> Vote:
    text = (
        'format = 1\n[vote]\nid = "t"\ntitle = "test"\nmode = "practice"\n'
        f'[coalition]\nname = "C"\n[coalition.rule]\n{rule}\n{extra}\n{questions}\n'
        + "".join(unions)
    )
    return parse_setup(text)


def report(
    vote: Vote,
    unit_id: str,
    yes: int,
    no: int,
    void: int = 0,
    challenged: int = 0,
    final: bool = True,
    question: str = "q",
) -> UnitReport:
    """A unit's report from one whole-unit count slot with a single entry."""
    unit = vote.unit_by_id[unit_id]
    values = CountValues(yes, no, void, challenged, final=final)
    head = Head(f"{question}-{unit_id}", values, "steward", "pc-1", "2024-01-01T12:00:00")
    return unit_report(unit, question, [slot_state(SlotKey(question, unit_id), [head])])


Counts = Mapping[str, tuple[int, ...]]


def standings(vote: Vote, counts: Counts, provisional: tuple[str, ...] = ()) -> QuestionStandings:
    """Standings of question q; counts are final unless their unit is in `provisional`."""
    reports = {
        ("q", uid): report(vote, uid, *c, final=uid not in provisional) for uid, c in counts.items()
    }
    return compute_standings(vote, reports).questions["q"]


# --- unions -------------------------------------------------------------------------------------


def two_unit_union(decides: str) -> Vote:
    return make_vote(
        [union_toml("a", [("a1", 1_000), ("a2", 1_000)], extra=decides)], "min_unions = 1"
    )


def test_pooled_union_approves_while_a_unit_rejects() -> None:
    # a1: 400 yes 500 no (rejects alone); a2: 600 yes 300 no.
    # Pooled: 1,000 yes to 800 no, approved.
    vote = two_unit_union('decides = "pooled"')
    qs = standings(vote, {"a1": (400, 500, 10), "a2": (600, 300, 5)})
    assert qs.units["a1"].outcome is Outcome.REJECTED
    assert qs.units["a2"].outcome is Outcome.APPROVED
    union = qs.unions["a"]
    assert union.outcome is Outcome.APPROVED
    assert (union.numbers.yes, union.numbers.no, union.numbers.void) == (1_000, 800, 15)
    assert union.numbers.eligible == 2_000
    assert union.units_rejected == 1 and union.units_approved == 1


def test_by_units_all_rejects_when_one_unit_rejects() -> None:
    # same counts, every unit must approve: a1 rejects, so the union rejects
    vote = two_unit_union('decides = "by_units"\nunits_required = "all"')
    qs = standings(vote, {"a1": (400, 500, 10), "a2": (600, 300, 5)})
    assert qs.unions["a"].outcome is Outcome.REJECTED
    # both approving: approved
    qs = standings(vote, {"a1": (501, 500), "a2": (600, 300)})
    assert qs.unions["a"].outcome is Outcome.APPROVED


def three_unit_union(required: str) -> Vote:
    units = [("a1", 1_000), ("a2", 2_500), ("a3", 1_500)]
    extra = f'decides = "by_units"\nunits_required = {required}'
    return make_vote([union_toml("a", units, extra=extra)], "min_unions = 1")


def test_by_units_at_least_k() -> None:
    counts = {"a1": (600, 400), "a2": (1_000, 1_200), "a3": (800, 600)}  # a1, a3 approve
    assert standings(three_unit_union("{ at_least = 2 }"), counts).unions["a"].outcome is (
        Outcome.APPROVED
    )
    assert standings(three_unit_union("{ at_least = 3 }"), counts).unions["a"].outcome is (
        Outcome.REJECTED
    )


def test_by_units_at_least_k_decided_early_and_pending() -> None:
    vote = three_unit_union("{ at_least = 2 }")
    # a1 and a3 approved and final, a2 not reported: two already approve
    qs = standings(vote, {"a1": (600, 400), "a3": (800, 600)})
    assert qs.units["a2"].status is ReportStatus.NOT_REPORTED
    assert qs.unions["a"].outcome is Outcome.APPROVED
    # a1 approved, a2 rejected, a3 not reported: a3 decides
    qs = standings(vote, {"a1": (600, 400), "a2": (1_000, 1_200)})
    assert qs.unions["a"].outcome is Outcome.PENDING
    # a1 rejected too: at most one unit can approve
    qs = standings(vote, {"a1": (400, 600), "a2": (1_000, 1_200)})
    assert qs.unions["a"].outcome is Outcome.REJECTED


def test_by_units_membership_share() -> None:
    # eligible 1,000 + 2,500 + 1,500 = 5,000. Only a2 approves: 2,500/5,000 = exactly 1/2.
    counts = {"a1": (400, 600), "a2": (1_300, 1_100), "a3": (700, 750)}
    at_least = three_unit_union('{ membership = "at least 1/2" }')
    more_than = three_unit_union('{ membership = "more than 1/2" }')
    assert standings(at_least, counts).unions["a"].outcome is Outcome.APPROVED
    assert standings(more_than, counts).unions["a"].outcome is Outcome.REJECTED
    # a1 and a3 approve instead: also 2,500 of 5,000 though two units of three approve
    counts = {"a1": (600, 400), "a2": (1_100, 1_300), "a3": (750, 700)}
    assert standings(at_least, counts).unions["a"].outcome is Outcome.APPROVED
    assert standings(more_than, counts).unions["a"].outcome is Outcome.REJECTED


def subgroup_vote(advisory: bool) -> Vote:
    units = unit_toml("a1", 1_000) + unit_toml(
        "a1-nurses",
        200,
        f'subgroup_of = "a1"\nadvisory = {"true" if advisory else "false"}',
    )
    return make_vote([union_toml("a", units, membership=1_000)], "min_unions = 1")


def test_vetoing_subgroup_blocks_approval() -> None:
    # a1 (1,000, its count includes the sub-group): 600 yes 400 no, approves.
    # the nurses' sub-group (200) counted apart: 80 yes 100 no, rejects: it vetoes.
    vote = subgroup_vote(advisory=False)
    qs = standings(vote, {"a1": (600, 400), "a1-nurses": (80, 100)})
    assert qs.units["a1"].outcome is Outcome.APPROVED
    assert qs.units["a1-nurses"].outcome is Outcome.REJECTED
    union = qs.unions["a"]
    assert union.outcome is Outcome.REJECTED
    assert "vetoing sub-group a1-nurses rejected" in union.reason
    # the sub-group's ballots are inside a1's: not counted twice
    assert (union.numbers.yes, union.numbers.no) == (600, 400)
    assert qs.numbers.yes == 600
    assert qs.coalition is not None and qs.coalition.outcome is Outcome.REJECTED


def test_vetoing_subgroup_approving_lets_the_union_approve() -> None:
    vote = subgroup_vote(advisory=False)
    qs = standings(vote, {"a1": (600, 400), "a1-nurses": (120, 60)})
    assert qs.unions["a"].outcome is Outcome.APPROVED


def test_vetoing_subgroup_still_counting_keeps_the_union_pending() -> None:
    # a1 final and approving; the sub-group has 80 yes 70 no with 50 still to vote
    vote = subgroup_vote(advisory=False)
    qs = standings(vote, {"a1": (600, 400), "a1-nurses": (80, 70)}, provisional=("a1-nurses",))
    assert qs.units["a1-nurses"].outcome is Outcome.PENDING
    assert qs.unions["a"].outcome is Outcome.PENDING


def test_advisory_subgroup_is_reported_but_has_no_veto() -> None:
    vote = subgroup_vote(advisory=True)
    qs = standings(vote, {"a1": (600, 400), "a1-nurses": (80, 100)})
    assert qs.units["a1-nurses"].outcome is Outcome.REJECTED  # still reported
    assert qs.unions["a"].outcome is Outcome.APPROVED
    assert "sub-group" not in qs.unions["a"].reason
    assert qs.coalition is not None and qs.coalition.outcome is Outcome.APPROVED


# --- coalition ----------------------------------------------------------------------------------


def one_unit_unions(sizes: Mapping[str, int], rule: str, extra: str = "") -> Vote:
    """Unions named by `sizes`, each with a single unit `<id>1` of that many members."""
    return make_vote([union_toml(u, [(f"{u}1", m)]) for u, m in sizes.items()], rule, extra=extra)


YES = (60, 40)  # a final count that approves
NO = (40, 60)  # a final count that rejects
NONE = (0, 0)  # a final count with no ballot: the union abstains


def coalition_of(vote: Vote, results: Mapping[str, tuple[int, ...]]) -> Outcome:
    qs = standings(vote, {f"{u}1": c for u, c in results.items()})
    assert qs.coalition is not None
    return qs.coalition.outcome


def test_at_least_k_of_n_unions() -> None:
    vote = one_unit_unions(dict.fromkeys("abcd", 100), "min_unions = 3")
    assert coalition_of(vote, {"a": YES, "b": YES, "c": YES, "d": NO}) is Outcome.APPROVED
    assert coalition_of(vote, {"a": YES, "b": YES, "c": NO, "d": NO}) is Outcome.REJECTED
    # d not reported: 2 approved, 1 rejected, d decides
    assert coalition_of(vote, {"a": YES, "b": YES, "c": NO}) is Outcome.PENDING
    # an abstaining union does not approve
    assert coalition_of(vote, {"a": YES, "b": YES, "c": NONE, "d": NO}) is Outcome.REJECTED


def test_union_with_only_challenged_ballots_has_not_abstained() -> None:
    # Regression (found by test_properties): 2 of 2 must approve; b approved. a's count is
    # final with no ballot counted but 2 challenged ballots not yet ruled on. Upheld as yes,
    # a approves 2-0 and so does the coalition; rejected, a cast no ballot and abstains.
    # The coalition is pending, not rejected.
    vote = one_unit_unions({"a": 3, "b": 3}, "min_unions = 2")
    qs = standings(vote, {"a1": (0, 0, 0, 2), "b1": (2, 0)})
    assert qs.coalition is not None
    a = qs.coalition.positions[0]
    assert not a.abstained
    assert Position.ABSTAIN in a.possible() and Position.APPROVE in a.possible()
    assert qs.coalition.outcome is Outcome.PENDING
    # the two ways the rulings can go
    assert coalition_of(vote, {"a": (2, 0), "b": (2, 0)}) is Outcome.APPROVED
    assert coalition_of(vote, {"a": NONE, "b": (2, 0)}) is Outcome.REJECTED


def test_membership_share_base_all_vs_voting() -> None:
    # a (500) approves, b (300) rejects, c (200) either abstains or rejects.
    # base all:    500 / 1,000 = 50%            -> fails "more than 60%" either way
    # base voting: c abstains: 500 / 800 = 62.5% -> passes; c rejects: 500 / 1,000 -> fails
    sizes = {"a": 500, "b": 300, "c": 200}
    base_all = one_unit_unions(sizes, 'membership = "more than 60%"\nmembership_base = "all"')
    voting = one_unit_unions(sizes, 'membership = "more than 60%"\nmembership_base = "voting"')
    abstains = {"a": YES, "b": NO, "c": NONE}
    rejects = {"a": YES, "b": NO, "c": NO}
    assert coalition_of(base_all, abstains) is Outcome.REJECTED
    assert coalition_of(base_all, rejects) is Outcome.REJECTED
    assert coalition_of(voting, abstains) is Outcome.APPROVED
    assert coalition_of(voting, rejects) is Outcome.REJECTED


def test_membership_share_figure_shown() -> None:
    sizes = {"a": 500, "b": 300, "c": 200}
    voting = one_unit_unions(sizes, 'membership = "more than 60%"\nmembership_base = "voting"')
    qs = standings(voting, {"a1": YES, "b1": NO, "c1": NONE})
    assert qs.coalition is not None
    (test,) = qs.coalition.tests
    assert test.kind is Kind.MEMBERSHIP
    assert test.value == Fraction(500, 800)
    assert test.threshold == Fraction(3, 5)
    assert test.state == "met"


def test_at_most_m_unions_oppose_abstainers_not_counted() -> None:
    vote = one_unit_unions(dict.fromkeys("abcde", 100), "max_opposed = 1")
    # one opposes, one abstains: one opposed <= 1
    results = {"a": YES, "b": YES, "c": YES, "d": NO, "e": NONE}
    assert coalition_of(vote, results) is Outcome.APPROVED
    # two oppose
    assert coalition_of(vote, {**results, "e": NO}) is Outcome.REJECTED
    # one opposes, e not reported: e could oppose too, pending
    del results["e"]
    assert coalition_of(vote, results) is Outcome.PENDING


def expected_weight(members: int, per: int) -> int:
    """One block vote per `per` members, halves rounded up, at least one (independent sum)."""
    exact = Fraction(members, per)
    whole = exact.numerator // exact.denominator
    return max(1, whole + (1 if exact - whole >= Fraction(1, 2) else 0))


def test_expected_weight_helper() -> None:
    assert [expected_weight(m, 1_000) for m in (400, 1_000, 1_499, 1_500, 2_500)] == [
        1,
        1,
        1,
        2,
        3,
    ]


def block_vote(sizes: Mapping[str, int], threshold: str) -> Vote:
    rule = f'block_votes = {{ members_per_vote = 1000, approve = "{threshold}" }}'
    return one_unit_unions(sizes, rule)


def test_block_votes_half_rounds_up() -> None:
    # a 2,500 members -> 2.5 -> 3 votes approves; b 2,400 -> 2.4 -> 2 and c 400 -> 0.4 -> 1
    # reject: 3 for, 3 against. "at least 1/2" passes; "more than 1/2" does not.
    # (rounding 2.5 down, or to even, would give 2 against 3 and fail both)
    sizes = {"a": 2_500, "b": 2_400, "c": 400}
    assert [expected_weight(m, 1_000) for m in sizes.values()] == [3, 2, 1]
    results = {"a": YES, "b": NO, "c": NO}
    assert coalition_of(block_vote(sizes, "at least 1/2"), results) is Outcome.APPROVED
    assert coalition_of(block_vote(sizes, "more than 1/2"), results) is Outcome.REJECTED


def test_block_votes_below_half_rounds_down() -> None:
    # a 2,000 -> 2 votes approves; b 1,499 -> 1.499 -> 1 rejects: 2 to 1, approved
    # (rounding 1,499 up to 2 would tie 2-2 and fail "more than 1/2")
    vote = block_vote({"a": 2_000, "b": 1_499}, "more than 1/2")
    assert coalition_of(vote, {"a": YES, "b": NO}) is Outcome.APPROVED


def test_block_votes_minimum_one() -> None:
    # a 1,000 -> 1 vote approves; c 400 -> 0.4 would round to 0 but has at least 1: 1-1 tie
    vote = block_vote({"a": 1_000, "c": 400}, "more than 1/2")
    assert coalition_of(vote, {"a": YES, "c": NO}) is Outcome.REJECTED
    qs = standings(vote, {"a1": YES, "c1": NO})
    assert qs.coalition is not None
    assert qs.coalition.tests[0].value == Fraction(1, 2)


def test_block_votes_abstainers_cast_no_block_vote() -> None:
    # a 1,000 (1) approves, b 3,000 (3) abstains: 1 of 1 block votes cast
    vote = block_vote({"a": 1_000, "b": 3_000}, "more than 1/2")
    assert coalition_of(vote, {"a": YES, "b": NONE}) is Outcome.APPROVED


def test_pooled_count_of_every_ballot() -> None:
    # a: 1,000 yes 200 no approves; b and c: 300 yes 400 no each reject.
    # one union of three approves, but every ballot pooled: 1,600 yes to 1,000 no
    vote = one_unit_unions({"a": 1_500, "b": 800, "c": 800}, 'pooled = "majority"')
    results = {"a": (1_000, 200), "b": (300, 400), "c": (300, 400)}
    assert coalition_of(vote, results) is Outcome.APPROVED
    qs = standings(vote, {f"{u}1": c for u, c in results.items()})
    assert (qs.numbers.yes, qs.numbers.no) == (1_600, 1_000)
    assert qs.coalition is not None
    assert qs.coalition.tests[0].kind is Kind.POOLED
    assert qs.coalition.tests[0].value == Fraction(1_600, 2_600)
    # 1,000 yes to 1,600 no pooled rejects even though a approves
    results = {"a": (400, 200), "b": (300, 700), "c": (300, 700)}
    assert coalition_of(vote, results) is Outcome.REJECTED


def test_pooled_count_leaves_subgroup_ballots_inside_their_unit() -> None:
    # b's sub-group (advisory) is counted apart but its ballots are already inside b1
    units = unit_toml("b1", 800) + unit_toml("b1-x", 100, 'subgroup_of = "b1"\nadvisory = true')
    vote = make_vote(
        [union_toml("a", [("a1", 800)]), union_toml("b", units, membership=800)],
        'pooled = "majority"',
    )
    qs = standings(vote, {"a1": (300, 350), "b1": (360, 300), "b1-x": (10, 90)})
    # pooled: 660 yes to 650 no (the sub-group's 10 yes 90 no are not added again)
    assert (qs.numbers.yes, qs.numbers.no) == (660, 650)
    assert qs.coalition is not None and qs.coalition.outcome is Outcome.APPROVED


def test_several_tests_must_all_hold() -> None:
    # 2 of 3 unions and at least 80% of all members; a 8,000, b 1,000, c 1,000.
    rule = 'min_unions = 2\nmembership = "at least 80%"'
    vote = one_unit_unions({"a": 8_000, "b": 1_000, "c": 1_000}, rule)
    # a and b approve: 2 unions, 9,000/10,000 = 90%
    assert coalition_of(vote, {"a": YES, "b": YES, "c": NO}) is Outcome.APPROVED
    # b and c approve: 2 unions but 2,000/10,000 = 20%
    qs = standings(vote, {"a1": NO, "b1": YES, "c1": YES})
    assert qs.coalition is not None
    assert qs.coalition.outcome is Outcome.REJECTED
    states = {t.kind: t.state for t in qs.coalition.tests}
    assert states == {Kind.MIN_UNIONS: "met", Kind.MEMBERSHIP: "failed"}
    assert "at least 80% of all members can no longer hold" in qs.coalition.reason
    # a alone: 80% exactly, but only one union
    assert coalition_of(vote, {"a": YES, "b": NO, "c": NO}) is Outcome.REJECTED


AGREEMENT_QUESTIONS = (
    '[[questions]]\nid = "wages"\ntext = "Wages?"\nscope = "coalition"\n'
    '[[questions]]\nid = "pension"\ntext = "Pension?"\nscope = "coalition"\n'
    '[[agreements]]\nid = "deal"\nname = "The deal"\nparts = ["wages", "pension"]\n'
)


def agreement_outcome(counts: Mapping[tuple[str, str], tuple[int, ...]]) -> tuple[Outcome, str]:
    vote = make_vote(
        [union_toml("a", [("a1", 100)]), union_toml("b", [("b1", 100)])],
        "min_unions = 2",
        questions=AGREEMENT_QUESTIONS,
    )
    reports = {(q, u): report(vote, u, *c, question=q) for (q, u), c in counts.items()}
    agreement = compute_standings(vote, reports).agreements["deal"]
    assert agreement.decided == (agreement.outcome is not Outcome.PENDING)
    return agreement.outcome, agreement.reason


def test_agreement_every_part_must_pass() -> None:
    both = {("wages", "a1"): YES, ("wages", "b1"): YES}
    outcome, reason = agreement_outcome({**both, ("pension", "a1"): YES, ("pension", "b1"): YES})
    assert outcome is Outcome.APPROVED
    # pension rejected by b: the whole agreement fails though wages passed
    outcome, reason = agreement_outcome({**both, ("pension", "a1"): YES, ("pension", "b1"): NO})
    assert outcome is Outcome.REJECTED
    assert "pension" in reason and "wages" not in reason
    # pension still counting at b: pending
    outcome, reason = agreement_outcome({**both, ("pension", "a1"): YES})
    assert outcome is Outcome.PENDING
    assert "pension" in reason


def test_agreement_rejected_by_one_part_while_another_is_pending() -> None:
    # wages not reported at all, pension already rejected: nothing can save the agreement
    outcome, _ = agreement_outcome({("pension", "a1"): NO, ("pension", "b1"): YES})
    assert outcome is Outcome.REJECTED


# --- what pending unions need -------------------------------------------------------------------


def test_pending_needs_when_every_pending_union_must_approve() -> None:
    # 4 of 5 unions must approve; e rejected, a and b approved, c and d pending:
    # four approvals need c and d both
    vote = one_unit_unions(dict.fromkeys("abcde", 100), "min_unions = 4")
    qs = standings(vote, {"a1": YES, "b1": YES, "e1": NO})
    assert qs.coalition is not None
    needs = qs.coalition.needs
    assert set(needs.pending) == {"c", "d"}
    assert set(needs.must_approve) == {"c", "d"}
    assert needs.ways == (frozenset({"c", "d"}),)
    assert needs.ways_total == 1  # of the 4 approve/reject outcomes of c and d
    assert "must still approve: C, D" in qs.coalition.reason


def test_pending_needs_with_slack() -> None:
    # 3 of 5; a and b approved, c, d, e pending: any one of them approving suffices
    vote = one_unit_unions(dict.fromkeys("abcde", 100), "min_unions = 3")
    qs = standings(vote, {"a1": YES, "b1": YES})
    assert qs.coalition is not None
    needs = qs.coalition.needs
    assert set(needs.pending) == {"c", "d", "e"}
    assert needs.must_approve == ()
    assert needs.ways == (frozenset({"c"}), frozenset({"d"}), frozenset({"e"}))
    # every outcome of three pending unions but "all three reject": 2^3 - 1
    assert needs.ways_total == 7


def test_pending_needs_when_approval_is_out_of_reach() -> None:
    vote = one_unit_unions(dict.fromkeys("abcd", 100), "min_unions = 3")
    qs = standings(vote, {"a1": YES, "b1": NO, "c1": NO})
    assert qs.coalition is not None
    assert qs.coalition.outcome is Outcome.REJECTED
    assert qs.coalition.needs.must_approve == ()
    assert qs.coalition.needs.ways == ()
    assert qs.coalition.needs.ways_total == 0


def test_pending_needs_weighs_membership() -> None:
    # at least 60% of all 1,000 members; a (500) pending, b (300) and c (200) pending:
    # a + b = 80%, a + c = 70%, b + c = 50% -> a must approve, with b or c
    vote = one_unit_unions({"a": 500, "b": 300, "c": 200}, 'membership = "at least 60%"')
    qs = standings(vote, {})
    assert qs.coalition is not None
    needs = qs.coalition.needs
    assert needs.must_approve == ("a",)
    assert needs.ways == (frozenset({"a", "b"}), frozenset({"a", "c"}))
    assert needs.ways_total == 3  # {a,b}, {a,c}, {a,b,c}


def demo_standings() -> Standings:
    vote = parse_setup((DEMO / "setup.toml").read_text(encoding="utf-8"))
    lines = (DEMO / "counts.csv").read_text(encoding="utf-8").splitlines()
    rows = list(csv.DictReader(line for line in lines if not line.startswith("#")))
    slots: dict[str, list] = {}
    for i, row in enumerate(rows):
        values = CountValues(
            int(row["yes"]),
            int(row["no"]),
            int(row["void"]),
            int(row["challenged"]),
            final=row["final"] == "yes",
        )
        head = Head(f"e{i}", values, "steward", "pc-1", f"2011-06-24T10:{i:02d}:00")
        key = SlotKey("concessions", row["unit"], row["part"])
        slots.setdefault(row["unit"], []).append(slot_state(key, [head]))
    reports = {
        ("concessions", u.id): unit_report(u, "concessions", slots.get(u.id, []))
        for u in vote.units
    }
    return compute_standings(vote, reports)


def test_demo_every_pending_union_must_approve() -> None:
    # 14 of 15 must approve and Local 511 has rejected: every other union must approve, so
    # the only way is all pending unions together.
    qs = demo_standings().questions["concessions"]
    coalition = qs.coalition
    assert coalition is not None
    assert coalition.outcome is Outcome.PENDING
    assert qs.unions["ceui-511"].outcome is Outcome.REJECTED
    assert coalition.count(Outcome.REJECTED) == 1
    needs = coalition.needs
    assert needs.pending  # several unions are still counting
    assert set(needs.must_approve) == set(needs.pending)
    assert needs.ways == (frozenset(needs.pending),)
    assert needs.ways_total == 1
    approved = coalition.count(Outcome.APPROVED)
    assert approved + 1 + len(needs.pending) == 15


def test_demo_afscme_is_800_behind_and_needs_1326() -> None:
    union = demo_standings().questions["concessions"].unions["afscme"]
    assert union.numbers.no - union.numbers.yes == 800
    assert union.pooled is not None and union.pooled.needed is not None
    assert union.pooled.needed.remaining == 1_850
    assert union.pooled.needed.yes_full == 1_326  # 2y > 800 + 1,850, see test_tally_rules


def test_judge_coalition_positions_are_ordered() -> None:
    assert Position.REJECT < Position.ABSTAIN < Position.APPROVE
    # a union that may approve, reject or abstain counts as rejecting at worst
    pos = UnionPosition("u", "U", 10, True, True, False, can_abstain=True)
    assert pos.possible() == (Position.REJECT, Position.ABSTAIN, Position.APPROVE)
    assert (pos.worst, pos.best) == (Position.REJECT, Position.APPROVE)
    settled = UnionPosition("v", "V", 10, True, False, True)
    standing = judge_coalition(CoalitionRule(min_unions=2), [pos, settled], 20)
    assert standing.outcome is Outcome.PENDING
    assert standing.needs.must_approve == ("u",)
