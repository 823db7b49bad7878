"""The coordinator's setup file: the documented examples, the demo, and every reported mistake."""

from __future__ import annotations

import re
from fractions import Fraction
from pathlib import Path

import pytest

from steward_app.domain.rules import MembershipBase, UnitsRequired
from steward_app.domain.setup_file import (
    SetupError,
    SetupProblem,
    parse_setup,
    path_text,
    setup_hash,
)
from steward_app.domain.threshold import Threshold
from steward_app.domain.vote import Mode, Scope, Vote

REPO = Path(__file__).resolve().parents[2]
SETUP_DOC = REPO / "docs" / "setup-format.md"
DEMO_SETUP = REPO / "resources" / "demo" / "setup.toml"

# A small valid setup. Line numbers in the tests are found by searching the text, so the
# tests say which line they mean, not a number that silently shifts.
BASE = """\
format = 1

[vote]
id = "test-vote"
title = "Test ratification"
mode = "official"

[coalition]
name = "Test coalition"

[coalition.rule]
min_unions = 2
membership = "at least 60%"

[[questions]]
id = "main"
text = "Do you approve the agreement?"

[[unions]]
id = "alpha"
name = "Alpha Union"
membership = 600
membership_source = "test figure"
membership_as_of = 2025-01-31

[[unions.units]]
id = "alpha-1"
name = "Alpha one"
eligible = 600

[[unions]]
id = "beta"
name = "Beta Union"
membership = 400
membership_source = "test figure"
membership_as_of = 2025-01-31
decides = "by_units"

[[unions.units]]
id = "beta-1"
name = "Beta one"
eligible = 250

[[unions.units]]
id = "beta-2"
name = "Beta two"
eligible = 150
"""


def edit(text: str, old: str, new: str) -> str:
    """Replace `old`, which must occur exactly once (so an edit never lands in the wrong place)."""
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times"
    return text.replace(old, new)


def line_of(text: str, needle: str) -> int:
    """The 1-based line holding `needle`, which must be on exactly one line."""
    found = [n for n, line in enumerate(text.splitlines(), start=1) if needle in line]
    assert len(found) == 1, f"{needle!r} is on lines {found}"
    return found[0]


def problems_of(text: str) -> list[SetupProblem]:
    with pytest.raises(SetupError) as caught:
        parse_setup(text)
    assert caught.value.problems, "a SetupError must list its problems"
    return caught.value.problems


def only_problem(text: str) -> SetupProblem:
    problems = problems_of(text)
    assert len(problems) == 1, [str(p) for p in problems]
    return problems[0]


def doc_toml_blocks() -> list[str]:
    return re.findall(r"```toml\n(.*?)```", SETUP_DOC.read_text(encoding="utf-8"), re.S)


# --- the documented examples and the demo ---------------------------------------------------


def test_base_setup_is_valid() -> None:
    vote = parse_setup(BASE)
    assert [u.id for u in vote.unions] == ["alpha", "beta"]
    assert [u.id for u in vote.units] == ["alpha-1", "beta-1", "beta-2"]


def test_the_doc_has_at_least_three_complete_examples() -> None:
    blocks = doc_toml_blocks()
    assert len(blocks) >= 3
    for block in blocks:
        assert block.startswith("format = 1\n"), block[:40]


@pytest.mark.parametrize("index", range(len(doc_toml_blocks())))
def test_every_toml_example_in_the_doc_parses(index: int) -> None:
    vote = parse_setup(doc_toml_blocks()[index])
    assert vote.title
    assert vote.unions
    assert vote.questions


def _doc_votes() -> dict[str, Vote]:
    votes = [parse_setup(block) for block in doc_toml_blocks()]
    return {v.id: v for v in votes}


def test_doc_examples_exercise_every_rule_they_describe() -> None:
    votes = list(_doc_votes().values())
    unions = [u for v in votes for u in v.unions]
    units = [u for v in votes for u in v.units]
    rules = [v.coalition_rule for v in votes]
    tallies = [u.rule.tally for u in unions] + [r.pooled for r in rules if r.pooled]
    required = {u.rule.required for u in unions if not u.rule.pooled}
    assert required == {UnitsRequired.ALL, UnitsRequired.AT_LEAST, UnitsRequired.MEMBERSHIP_SHARE}
    assert any(u.rule.pooled for u in unions)
    assert any(t.quorum is not None and t.approve.share > Fraction(1, 2) for t in tallies)
    assert any(t.low_turnout is not None for t in tallies)
    assert any(t.void_counts for t in tallies)
    assert any(u.is_subgroup and not u.advisory for u in units)  # a vetoing sub-group
    assert any(u.is_subgroup and u.advisory for u in units)
    assert any(u.parts for u in units)
    assert any(r.min_unions is not None and r.membership is not None for r in rules)
    assert any(r.max_opposed is not None for r in rules)
    assert any(r.block_members_per_vote is not None for r in rules)
    assert any(r.pooled is not None for r in rules)
    questions = [q for v in votes for q in v.questions]
    assert any(q.scope is Scope.UNIT and q.unit_ids for q in questions)
    assert any(a.part_ids for v in votes for a in v.agreements)


def test_doc_example_a_is_k_of_n_and_a_membership_share() -> None:
    vote = _doc_votes()["transit-2025"]
    rule = vote.coalition_rule
    assert rule.min_unions == 2
    assert rule.membership == Threshold(Fraction(3, 5), inclusive=True)
    assert rule.membership_base is MembershipBase.ALL
    assert rule.max_opposed is None and rule.pooled is None
    assert vote.total_membership == 6000  # the figures the doc's prose works with


def test_doc_example_b_rules_parse_as_described() -> None:
    vote = _doc_votes()["metro-2025"]
    assert vote.mode is Mode.PRACTICE
    rule = vote.coalition_rule
    assert rule.max_opposed == 1
    assert rule.block_members_per_vote == 500
    assert rule.block_threshold == Threshold(Fraction(1, 2), inclusive=False)
    assert rule.pooled is not None and rule.pooled.void_counts
    operators = vote.union_by_id["operators"].rule
    assert not operators.pooled and operators.required is UnitsRequired.ALL
    assert operators.tally.approve == Threshold(Fraction(2, 3), inclusive=True)
    assert operators.tally.quorum == Fraction(2, 5)
    maintenance = vote.union_by_id["maintenance"].rule
    assert maintenance.required is UnitsRequired.AT_LEAST and maintenance.count == 2
    clerical = vote.union_by_id["clerical"].rule
    assert clerical.required is UnitsRequired.MEMBERSHIP_SHARE
    assert clerical.share == Threshold(Fraction(1, 2), inclusive=False)
    supervisors = vote.union_by_id["supervisors"].rule
    assert supervisors.pooled
    low = supervisors.tally.low_turnout
    assert low is not None
    assert low.below == Fraction(1, 2)
    assert low.reject == Threshold(Fraction(2, 3), inclusive=True)
    # sub-groups are kept apart from the regular units
    assert vote.union_by_id["operators"].unit_ids == ("op-north", "op-south")
    assert vote.union_by_id["operators"].subgroup_ids == ("op-south-part-time",)
    assert not vote.unit_by_id["op-south-part-time"].advisory
    assert vote.unit_by_id["mt-apprentices"].advisory
    assert vote.unit_by_id["mt-apprentices"].subgroup_of == "mt-bus-shop"
    # the block votes the doc's prose counts: one per 500 members, halves up, at least one
    weights = [max(1, (u.membership + 250) // 500) for u in vote.unions]
    assert weights == [8, 3, 2, 1]


def test_doc_example_c_questions_and_agreement() -> None:
    vote = _doc_votes()["county-2025"]
    wages, pension = vote.questions
    assert wages.scope is Scope.COALITION and wages.tally_rule is None
    assert pension.scope is Scope.UNIT
    assert pension.unit_ids == ("roads-crews", "parks-crews")
    assert pension.tally_rule is not None
    assert pension.tally_rule.approve == Threshold(Fraction(2, 3), inclusive=True)
    assert [u.id for u in vote.units_asked(pension)] == ["roads-crews", "parks-crews"]
    assert len(vote.units_asked(wages)) == len(vote.units)
    (agreement,) = vote.agreements
    assert agreement.part_ids == ("wages", "pension")


def test_doc_error_example_is_what_the_parser_says() -> None:
    """The doc shows the messages for example (a) with two mistakes; they must be real."""
    doc = SETUP_DOC.read_text(encoding="utf-8")
    shown = re.search(r"```text\nsteward-app: the setup file .*?\n(.*?)```", doc, re.S)
    assert shown is not None
    expected = [line.strip() for line in shown.group(1).splitlines() if line.strip()]
    text = edit(doc_toml_blocks()[0], 'membership = "at least 60%"', "membership = 0.6")
    text = edit(text, 'name = "Finance"\neligible = 400', 'name = "Finance"\neligible = 0')
    assert [str(p) for p in problems_of(text)] == expected


def test_demo_setup_parses() -> None:
    text = DEMO_SETUP.read_text(encoding="utf-8")
    vote = parse_setup(text)
    assert len(vote.unions) == 15
    assert vote.coalition_rule.min_unions == 14
    assert vote.coalition_rule.membership == Threshold(Fraction(4, 5), inclusive=True)
    assert vote.mode is Mode.PRACTICE
    afscme = vote.union_by_id["afscme"]
    assert afscme.membership == 15600
    assert afscme.rule.pooled
    assert len(afscme.unit_ids) == 9
    assert afscme.membership_as_of == "2011-06-01"
    assert vote.unit_by_id["ceui-511-service"].parts == ("hartford", "statewide-mail")
    csea = vote.union_by_id["csea-2001"].rule
    assert csea.required is UnitsRequired.MEMBERSHIP_SHARE
    assert vote.setup_hash == setup_hash(text)


# --- defaults and rule data -----------------------------------------------------------------


def test_defaults() -> None:
    vote = parse_setup(edit(BASE, 'mode = "official"\n', ""))
    assert vote.mode is Mode.OFFICIAL
    assert vote.note == ""
    assert vote.coalition_rule.membership_base is MembershipBase.ALL
    alpha = vote.union_by_id["alpha"].rule
    assert alpha.pooled
    assert alpha.tally.approve == Threshold(Fraction(1, 2), inclusive=False)
    assert not alpha.tally.void_counts
    assert alpha.tally.quorum is None and alpha.tally.low_turnout is None
    beta = vote.union_by_id["beta"].rule
    assert not beta.pooled and beta.required is UnitsRequired.ALL
    (question,) = vote.questions
    assert question.scope is Scope.COALITION and question.unit_ids == ()
    assert vote.unit_by_id["alpha-1"].parts == ()


TALLY_RULES = """
[tally_rules.strict]
approve = "at least 2/3"
void = "counted"
quorum = "30%"
low_turnout = { below = "50%", reject = "at least 2/3" }

[tally_rules.plain]
approve = "more than 1/2"

[tally_rules.odd]
approve = "at least 66.67%"
"""


def _with_rules(alpha_rule: str, beta_rule: str) -> Vote:
    text = edit(BASE, "\n[[questions]]", TALLY_RULES + "\n[[questions]]")
    text = edit(text, "membership = 600\n", f'membership = 600\ntally_rule = "{alpha_rule}"\n')
    text = edit(
        text, 'decides = "by_units"\n', f'decides = "by_units"\ntally_rule = "{beta_rule}"\n'
    )
    return parse_setup(text)


def test_at_least_two_thirds_is_an_inclusive_exact_fraction() -> None:
    tally = _with_rules("strict", "plain").union_by_id["alpha"].rule.tally
    assert tally.approve == Threshold(Fraction(2, 3), inclusive=True)
    assert tally.approve.met(2, 3)
    assert tally.void_counts


def test_more_than_half_is_strict() -> None:
    tally = _with_rules("strict", "plain").union_by_id["beta"].rule.tally
    assert tally.approve == Threshold(Fraction(1, 2), inclusive=False)
    assert not tally.approve.met(5, 10)
    assert tally.approve.met(6, 10)


def test_a_percentage_with_decimals_is_exact() -> None:
    tally = _with_rules("odd", "plain").union_by_id["alpha"].rule.tally
    assert tally.approve.share == Fraction(6667, 10000)
    assert tally.approve.inclusive
    assert not tally.approve.met(2, 3)  # 66.67% is a higher bar than two thirds


def test_quorum_and_low_turnout_are_set() -> None:
    tally = _with_rules("strict", "plain").union_by_id["alpha"].rule.tally
    assert tally.quorum == Fraction(3, 10)
    assert tally.low_turnout is not None
    assert tally.low_turnout.below == Fraction(1, 2)
    assert tally.low_turnout.reject == Threshold(Fraction(2, 3), inclusive=True)


def test_built_in_rule_names() -> None:
    vote = _with_rules("two-thirds", "majority")
    assert vote.union_by_id["alpha"].rule.tally.approve == Threshold(Fraction(2, 3), True)
    assert vote.union_by_id["beta"].rule.tally.approve == Threshold(Fraction(1, 2), False)


def test_a_tally_rule_named_like_a_built_in_one_replaces_it() -> None:
    # documented in setup-format.md: do not reuse the built-in names
    text = edit(
        BASE,
        "\n[[questions]]",
        '\n[tally_rules.majority]\napprove = "at least 3/4"\n\n[[questions]]',
    )
    vote = parse_setup(text)
    assert vote.union_by_id["alpha"].rule.tally.approve == Threshold(Fraction(3, 4), True)


def test_inline_tally_rules_for_union_and_pooled_test() -> None:
    text = edit(
        BASE,
        "membership = 600\n",
        'membership = 600\ntally_rule = { approve = "at least 3/5", quorum = "1/4" }\n',
    )
    text = edit(
        text,
        'membership = "at least 60%"',
        'pooled = { approve = "more than 1/2", void = "counted" }',
    )
    vote = parse_setup(text)
    tally = vote.union_by_id["alpha"].rule.tally
    assert tally.approve == Threshold(Fraction(3, 5), inclusive=True)
    assert tally.quorum == Fraction(1, 4)
    pooled = vote.coalition_rule.pooled
    assert pooled is not None and pooled.void_counts
    assert pooled.approve == Threshold(Fraction(1, 2), inclusive=False)


def test_units_required_forms() -> None:
    at_least = parse_setup(
        edit(
            BASE,
            'decides = "by_units"\n',
            'decides = "by_units"\nunits_required = { at_least = 2 }\n',
        )
    )
    rule = at_least.union_by_id["beta"].rule
    assert rule.required is UnitsRequired.AT_LEAST and rule.count == 2
    share = parse_setup(
        edit(
            BASE,
            'decides = "by_units"\n',
            'decides = "by_units"\nunits_required = { membership = "at least 1/2" }\n',
        )
    )
    rule = share.union_by_id["beta"].rule
    assert rule.required is UnitsRequired.MEMBERSHIP_SHARE
    assert rule.share == Threshold(Fraction(1, 2), inclusive=True)


SUBGROUP = """
[[unions.units]]
id = "beta-sub"
name = "Beta part-timers"
eligible = 40
subgroup_of = "beta-1"
"""


def test_subgroups_are_kept_apart_from_regular_units() -> None:
    vote = parse_setup(BASE + SUBGROUP + "advisory = true\n")
    beta = vote.union_by_id["beta"]
    assert beta.unit_ids == ("beta-1", "beta-2")
    assert beta.subgroup_ids == ("beta-sub",)
    sub = vote.unit_by_id["beta-sub"]
    assert sub.is_subgroup and sub.advisory and sub.union_id == "beta"


def test_subgroups_do_not_count_towards_at_least() -> None:
    text = edit(
        BASE + SUBGROUP,
        'decides = "by_units"\n',
        'decides = "by_units"\nunits_required = { at_least = 3 }\n',
    )
    problem = only_problem(text)
    assert problem.key == "unions[2].units_required"
    assert "asks for 3 units but the union has 2" in problem.message


def test_setup_hash_ignores_line_endings_only() -> None:
    assert setup_hash(BASE) == setup_hash(BASE.replace("\n", "\r\n"))
    assert setup_hash(BASE) != setup_hash(BASE + "# a comment\n")
    assert parse_setup(BASE).setup_hash == setup_hash(BASE)


# --- how problems read ---------------------------------------------------------------------


def test_path_text_counts_list_items_from_one() -> None:
    assert path_text(("unions", 1, "units", 0, "eligible")) == "unions[2].units[1].eligible"
    assert path_text(("coalition", "rule", "min_unions")) == "coalition.rule.min_unions"
    assert path_text(()) == ""


def test_problem_text() -> None:
    assert str(SetupProblem(7, "vote.mode", "is bad")) == "line 7: vote.mode: is bad"
    assert str(SetupProblem(None, "format", "missing")) == "file: format: missing"
    assert str(SetupProblem(3, "", "not TOML")) == "line 3: not TOML"
    error = SetupError([SetupProblem(1, "a", "x"), SetupProblem(2, "b", "y")])
    assert str(error) == "line 1: a: x\nline 2: b: y"


# --- single mistakes: line, key and message ------------------------------------------------


def test_toml_syntax_error_reports_its_line() -> None:
    text = edit(BASE, 'name = "Beta two"', 'name = "Beta two')
    problem = only_problem(text)
    assert problem.line == line_of(text, 'name = "Beta two')
    assert problem.key == ""
    assert "not valid TOML" in problem.message


def test_missing_format() -> None:
    problem = only_problem(edit(BASE, "format = 1\n", ""))
    assert problem.key == "format"
    assert problem.line is None
    assert "missing" in problem.message and "format number 1" in problem.message


def test_newer_format_is_refused_at_once() -> None:
    text = edit(BASE, "format = 1", "format = 2")
    text = edit(text, 'mode = "official"', 'mode = "bogus"')  # not reported: format comes first
    problem = only_problem(text)
    assert problem.key == "format"
    assert problem.line == 1
    assert "newer" in problem.message and "format 1" in problem.message


def test_unknown_top_level_key() -> None:
    text = edit(BASE, "format = 1\n", 'format = 1\ncolour = "red"\n')
    problem = only_problem(text)
    assert problem.key == "colour"
    assert problem.line == 2
    assert "not a known setting" in problem.message and "unions" in problem.message


def test_missing_vote_title() -> None:
    text = edit(BASE, 'title = "Test ratification"\n', "")
    problem = only_problem(text)
    assert problem.key == "vote.title"
    assert problem.line == line_of(text, "[vote]")
    assert "missing" in problem.message and "title" in problem.message


def test_bad_mode() -> None:
    text = edit(BASE, 'mode = "official"', 'mode = "test"')
    problem = only_problem(text)
    assert problem.key == "vote.mode"
    assert problem.line == line_of(text, 'mode = "test"')
    assert '"official" or "practice"' in problem.message


def test_float_threshold_must_be_written_as_text() -> None:
    text = edit(BASE, 'membership = "at least 60%"', "membership = 0.8")
    problem = only_problem(text)
    assert problem.key == "coalition.rule.membership"
    assert problem.line == line_of(text, "membership = 0.8")
    assert "decimal number (0.8)" in problem.message
    assert "must be text" in problem.message


def test_float_quorum_must_be_written_as_text() -> None:
    text = edit(BASE, "\n[[questions]]", "\n[tally_rules.q]\nquorum = 0.3\n\n[[questions]]")
    problem = only_problem(text)
    assert problem.key == "tally_rules.q.quorum"
    assert problem.line == line_of(text, "quorum = 0.3")
    assert "must be text" in problem.message


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ('"most of them"', "is not a threshold"),
        ('"2/3"', "is not a threshold"),  # needs "at least" or "more than"
        ('"two-thirds"', "is not a threshold"),  # the rule name, not a threshold
        ('"at least lots"', "is not a share"),
        ('"at least 1/0"', "divides by zero"),
    ],
)
def test_unparseable_threshold(written: str, says: str) -> None:
    text = edit(BASE, 'membership = "at least 60%"', f"membership = {written}")
    problem = only_problem(text)
    assert problem.key == "coalition.rule.membership"
    assert problem.line == line_of(text, f"membership = {written}")
    assert says in problem.message


def test_share_above_one_hundred_percent() -> None:
    text = edit(BASE, 'membership = "at least 60%"', 'membership = "at least 120%"')
    problem = only_problem(text)
    assert problem.key == "coalition.rule.membership"
    assert problem.line == line_of(text, "120%")
    assert "120%" in problem.message and "not between 0 and 1" in problem.message


def test_quorum_is_a_plain_share_not_a_threshold() -> None:
    text = edit(
        BASE, "\n[[questions]]", '\n[tally_rules.q]\nquorum = "at least 30%"\n\n[[questions]]'
    )
    problem = only_problem(text)
    assert problem.key == "tally_rules.q.quorum"
    assert "is not a share" in problem.message


def test_duplicate_union_id() -> None:
    text = edit(BASE, 'id = "beta"', 'id = "alpha"')
    problem = only_problem(text)
    assert problem.key == "unions[2].id"
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line == 'id = "alpha"']
    assert problem.line == lines[1]
    assert '"alpha" is used twice' in problem.message


def test_duplicate_unit_id_across_unions() -> None:
    text = edit(BASE, 'id = "beta-1"', 'id = "alpha-1"')
    problem = only_problem(text)
    assert problem.key == "unions[2].units[1].id"
    lines = [n for n, line in enumerate(text.splitlines(), 1) if line == 'id = "alpha-1"']
    assert problem.line == lines[1]
    assert '"alpha-1" is used twice' in problem.message


@pytest.mark.parametrize(
    ("written", "says"),
    [
        ("-5", "is -5; expected a whole number of at least 1"),
        ("0", "is 0; expected a whole number of at least 1"),
        ("true", "true/false"),
        ('"150"', "str '150'"),
        ("150.0", "decimal number"),
    ],
)
def test_bad_eligible(written: str, says: str) -> None:
    text = edit(BASE, "eligible = 150", f"eligible = {written}")
    problem = only_problem(text)
    assert problem.key == "unions[2].units[2].eligible"
    assert problem.line == line_of(text, f"eligible = {written}")
    assert says in problem.message


def test_unknown_tally_rule_name() -> None:
    text = edit(BASE, "membership = 600\n", 'membership = 600\ntally_rule = "supermajority"\n')
    problem = only_problem(text)
    assert problem.key == "unions[1].tally_rule"
    assert problem.line == line_of(text, 'tally_rule = "supermajority"')
    assert 'no tally rule "supermajority"' in problem.message
    assert "majority, two-thirds" in problem.message


def test_units_required_at_least_more_than_the_units() -> None:
    text = edit(
        BASE, 'decides = "by_units"\n', 'decides = "by_units"\nunits_required = { at_least = 3 }\n'
    )
    problem = only_problem(text)
    assert problem.key == "unions[2].units_required"
    assert problem.line == line_of(text, "units_required")
    assert "asks for 3 units but the union has 2" in problem.message


def test_units_required_at_least_zero() -> None:
    text = edit(
        BASE, 'decides = "by_units"\n', 'decides = "by_units"\nunits_required = { at_least = 0 }\n'
    )
    problem = only_problem(text)
    assert problem.key == "unions[2].units_required.at_least"
    assert problem.line == line_of(text, "units_required")
    assert "at least 1" in problem.message


@pytest.mark.parametrize("written", ['"most"', '{ at_least = 1, membership = "at least 1/2" }'])
def test_units_required_of_no_known_form(written: str) -> None:
    text = edit(
        BASE, 'decides = "by_units"\n', f'decides = "by_units"\nunits_required = {written}\n'
    )
    problem = only_problem(text)
    assert problem.key == "unions[2].units_required"
    assert '"all", { at_least = 3 } or { membership' in problem.message


def test_units_required_on_a_pooled_union() -> None:
    text = edit(BASE, "membership = 600\n", 'membership = 600\nunits_required = "all"\n')
    problem = only_problem(text)
    assert problem.key == "unions[1].units_required"
    assert problem.line == line_of(text, "units_required")
    assert 'only applies when decides = "by_units"' in problem.message


def test_bad_decides() -> None:
    text = edit(BASE, 'decides = "by_units"', 'decides = "units"')
    problem = only_problem(text)
    assert problem.key == "unions[2].decides"
    assert problem.line == line_of(text, 'decides = "units"')
    assert '"pooled" or "by_units"' in problem.message


def test_subgroup_of_another_unions_unit() -> None:
    text = BASE + SUBGROUP.replace('subgroup_of = "beta-1"', 'subgroup_of = "alpha-1"')
    problem = only_problem(text)
    assert problem.key == "unions[2].units[3].subgroup_of"
    assert problem.line == line_of(text, 'subgroup_of = "alpha-1"')
    assert '"alpha-1" is not a unit of the same union' in problem.message


@pytest.mark.parametrize("parent", ["nowhere", "beta-sub", "beta-sub2"])
def test_subgroup_of_a_missing_unit_itself_or_another_subgroup(parent: str) -> None:
    second = SUBGROUP.replace("beta-sub", "beta-sub2").replace('"beta-1"', f'"{parent}"')
    problem = only_problem(BASE + SUBGROUP + second)
    assert problem.key == "unions[2].units[4].subgroup_of"
    assert "is not a unit of the same union" in problem.message


def test_advisory_without_subgroup_of() -> None:
    text = BASE + '\n[[unions.units]]\nid = "beta-3"\nname = "B3"\neligible = 9\nadvisory = true\n'
    problem = only_problem(text)
    assert problem.key == "unions[2].units[3].advisory"
    assert problem.line == line_of(text, "advisory = true")
    assert "only a sub-group" in problem.message


def test_agreement_part_naming_an_unknown_question() -> None:
    text = BASE + '\n[[agreements]]\nid = "deal"\nname = "Deal"\nparts = ["main", "pension"]\n'
    problem = only_problem(text)
    assert problem.key == "agreements[1].parts"
    assert problem.line == line_of(text, "parts = [")
    assert "questions that do not exist" in problem.message and "pension" in problem.message


def test_agreement_without_parts() -> None:
    text = BASE + '\n[[agreements]]\nid = "deal"\nname = "Deal"\nparts = []\n'
    problem = only_problem(text)
    assert problem.key == "agreements[1].parts"
    assert "list of question ids" in problem.message


UNIT_QUESTION = '\n[[questions]]\nid = "local"\ntext = "Local side letter?"\nscope = "unit"\n'


def test_unit_scope_question_naming_an_unknown_unit() -> None:
    text = edit(
        BASE,
        '\n[[unions]]\nid = "alpha"',
        UNIT_QUESTION + 'units = ["beta-1", "gamma-9"]\n\n[[unions]]\nid = "alpha"',
    )
    problem = only_problem(text)
    assert problem.key == "questions[2].units"
    assert problem.line == line_of(text, "units = [")
    assert "units that do not exist" in problem.message and "gamma-9" in problem.message
    assert "beta-1" not in problem.message


def test_a_coalition_question_asked_of_too_few_unions_for_min_unions() -> None:
    """A coalition-wide question may list the units asked; one asking units of 1 union cannot
    meet "at least 2 unions approve", and the setup says so."""
    text = edit(
        BASE,
        'text = "Do you approve the agreement?"\n',
        'text = "Do you approve the agreement?"\nunits = ["beta-1"]\n',
    )
    problem = only_problem(text)
    assert problem.key == "questions[1].units"
    assert "asks units of 1 union(s)" in problem.message
    assert "needs 2 unions to approve" in problem.message


def test_bad_scope() -> None:
    text = edit(
        BASE,
        'text = "Do you approve the agreement?"\n',
        'text = "Do you approve the agreement?"\nscope = "everyone"\n',
    )
    problem = only_problem(text)
    assert problem.key == "questions[1].scope"
    assert '"coalition" or "unit"' in problem.message


def test_min_unions_larger_than_the_unions() -> None:
    text = edit(BASE, "min_unions = 2", "min_unions = 3")
    problem = only_problem(text)
    assert problem.key == "coalition.rule.min_unions"
    assert problem.line == line_of(text, "min_unions = 3")
    assert "asks for 3 unions but the setup lists 2" in problem.message


def test_coalition_rule_without_any_test() -> None:
    text = edit(BASE, 'min_unions = 2\nmembership = "at least 60%"', 'membership_base = "all"')
    problem = only_problem(text)
    assert problem.key == "coalition.rule"
    assert problem.line == line_of(text, "[coalition.rule]")
    assert "has no test" in problem.message


def test_without_coalition_rule_each_union_ratifies_for_itself() -> None:
    """[coalition.rule] may be left out: the vote has no coalition result (issue 18)."""
    vote = parse_setup(
        edit(BASE, '[coalition.rule]\nmin_unions = 2\nmembership = "at least 60%"\n', "")
    )
    assert not vote.has_coalition_rule
    assert not vote.has_coalition_result(vote.questions[0])


def test_an_empty_coalition_rule_table_is_still_a_mistake() -> None:
    text = edit(BASE, 'min_unions = 2\nmembership = "at least 60%"\n', "")
    problem = only_problem(text)
    assert problem.key == "coalition.rule"
    assert "has no test" in problem.message and "leave [coalition.rule] out" in problem.message


def test_unknown_key_in_coalition_rule_lists_the_known_ones() -> None:
    text = edit(BASE, "min_unions = 2", "min_union = 2")
    problems = problems_of(text)
    unknown = next(p for p in problems if p.key == "coalition.rule.min_union")
    assert unknown.line == line_of(text, "min_union = 2")
    assert "min_unions" in unknown.message and "max_opposed" in unknown.message


def test_bad_id() -> None:
    text = edit(BASE, 'id = "beta-2"', 'id = "beta two"')
    problem = only_problem(text)
    assert problem.key == "unions[2].units[2].id"
    assert problem.line == line_of(text, 'id = "beta two"')
    assert "not a usable id" in problem.message


@pytest.mark.parametrize("good", ["a", "A.1_b-2", "9" * 64])
def test_ids_that_are_allowed(good: str) -> None:
    vote = parse_setup(edit(BASE, 'id = "beta-2"', f'id = "{good}"'))
    assert good in vote.unit_by_id


@pytest.mark.parametrize("bad", ["-lead", ".x", "x" * 65, "a/b", "é"])
def test_ids_that_are_refused(bad: str) -> None:
    problem = only_problem(edit(BASE, 'id = "beta-2"', f'id = "{bad}"'))
    assert problem.key == "unions[2].units[2].id"


@pytest.mark.parametrize(
    ("parts", "says"),
    [
        ('["hall", "hall"]', "lists a part twice"),
        ('["hall a"]', "list of short ids"),
        ('"hall"', "list of short ids"),
    ],
)
def test_bad_parts(parts: str, says: str) -> None:
    text = edit(BASE, "eligible = 250", f"eligible = 250\nparts = {parts}")
    problem = only_problem(text)
    assert problem.key == "unions[2].units[1].parts"
    assert problem.line == line_of(text, "parts = ")
    assert says in problem.message


def test_bad_void_setting() -> None:
    text = edit(BASE, "\n[[questions]]", '\n[tally_rules.q]\nvoid = "in"\n\n[[questions]]')
    problem = only_problem(text)
    assert problem.key == "tally_rules.q.void"
    assert '"excluded" or "counted"' in problem.message


def test_missing_questions_and_unions() -> None:
    text = BASE.split("[[questions]]", maxsplit=1)[0]
    keys = {p.key: p for p in problems_of(text)}
    assert "at least one [[questions]]" in keys["questions"].message
    assert "[[unions]]" in keys["unions"].message


def test_union_without_units() -> None:
    text = BASE.split('[[unions.units]]\nid = "beta-1"', maxsplit=1)[0]
    problem = only_problem(text)
    assert problem.key == "unions[2].units"
    assert "at least one [[unions.units]]" in problem.message


# --- several mistakes at once --------------------------------------------------------------


def test_several_problems_are_reported_at_once_with_their_own_lines() -> None:
    text = edit(BASE, 'mode = "official"', 'mode = "rehearsal"')
    text = edit(text, "membership = 400", "membership = 0")  # 2nd union
    text = edit(text, 'decides = "by_units"', 'decides = "by_units"\ntally_rule = "nope"')
    text = edit(text, 'name = "Beta two"', 'name = "Beta two"\nsize = 3')  # 2nd union, 2nd unit
    text = edit(text, "eligible = 150", "eligible = -1")  # 2nd union, 2nd unit
    text = edit(text, "eligible = 600", "eligible = true")  # 1st union, 1st unit
    found = {(p.key, p.line) for p in problems_of(text)}
    expected = {
        ("vote.mode", line_of(text, 'mode = "rehearsal"')),
        ("unions[1].units[1].eligible", line_of(text, "eligible = true")),
        ("unions[2].membership", line_of(text, "membership = 0")),
        ("unions[2].tally_rule", line_of(text, 'tally_rule = "nope"')),
        ("unions[2].units[2].size", line_of(text, "size = 3")),
        ("unions[2].units[2].eligible", line_of(text, "eligible = -1")),
    }
    assert found == expected
    lines = [line for _, line in found]
    assert len(set(lines)) == len(lines)


def test_every_unit_of_every_union_gets_its_own_line() -> None:
    """The 2nd, 3rd... items of a list of tables are located, not lumped with the 1st."""
    text = BASE
    for n, eligible in enumerate(("600", "250", "150"), start=1):
        text = edit(text, f"eligible = {eligible}", f"eligible = -{n}")
    problems = problems_of(text)
    assert [(p.key, p.line) for p in problems] == [
        ("unions[1].units[1].eligible", line_of(text, "eligible = -1")),
        ("unions[2].units[1].eligible", line_of(text, "eligible = -2")),
        ("unions[2].units[2].eligible", line_of(text, "eligible = -3")),
    ]


def test_an_empty_coalition_rule_is_reported_beside_other_mistakes() -> None:
    text = edit(BASE, 'min_unions = 2\nmembership = "at least 60%"', 'membership_base = "all"')
    text = edit(text, 'title = "Test ratification"\n', "")
    assert {p.key for p in problems_of(text)} == {"vote.title", "coalition.rule"}


def test_an_invalid_test_is_not_also_called_missing() -> None:
    text = edit(BASE, 'min_unions = 2\nmembership = "at least 60%"', "membership = 0.8")
    assert [p.key for p in problems_of(text)] == ["coalition.rule.membership"]


def test_a_broken_union_does_not_make_min_unions_look_too_large() -> None:
    text = edit(BASE, "membership = 400", "membership = -4")
    assert [p.key for p in problems_of(text)] == ["unions[2].membership"]


def test_a_broken_unit_does_not_make_at_least_look_too_large() -> None:
    text = edit(
        BASE, 'decides = "by_units"\n', 'decides = "by_units"\nunits_required = { at_least = 2 }\n'
    )
    text = edit(text, "eligible = 150", "eligible = 0")
    assert [p.key for p in problems_of(text)] == ["unions[2].units[2].eligible"]


def test_a_missing_low_turnout_setting_is_called_missing() -> None:
    text = edit(
        BASE,
        "\n[[questions]]",
        '\n[tally_rules.q]\nlow_turnout = { below = "50%" }\n\n[[questions]]',
    )
    problem = only_problem(text)
    assert problem.key == "tally_rules.q.low_turnout.reject"
    assert problem.line == line_of(text, "low_turnout")
    assert problem.message.startswith("missing; expected a threshold")


@pytest.mark.parametrize("where", ["agreement", "question"])
def test_a_table_where_an_id_belongs_is_reported_not_a_crash(where: str) -> None:
    if where == "agreement":
        text = BASE + '\n[[agreements]]\nid = "d"\nname = "D"\nparts = ["main", { a = 1 }]\n'
        key = "agreements[1].parts"
    else:
        text = edit(
            BASE,
            '\n[[unions]]\nid = "alpha"',
            UNIT_QUESTION + 'units = [{ a = 1 }]\n\n[[unions]]\nid = "alpha"',
        )
        key = "questions[2].units"
    problem = only_problem(text)
    assert problem.key == key
    assert "do not exist" in problem.message
