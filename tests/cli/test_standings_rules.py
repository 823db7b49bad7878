"""Issue 18 through the command line: abstention, split crafts, votes without a coalition
rule, reasons on every line, sub-groups, and declared outcomes beside the computed ones."""

from __future__ import annotations

import json
from pathlib import Path

from steward_app.cli.main import EXIT_OK, EXIT_REFUSED
from tests.cli.test_cli import cli, unchanged

HEAD = 'format = 1\n[vote]\nid = "t"\ntitle = "Test vote"\n[coalition]\nname = "Council"\n'


def union(
    uid: str, name: str, membership: int, units: list[tuple[str, int]], extra: str = ""
) -> str:
    text = (
        f'[[unions]]\nid = "{uid}"\nname = "{name}"\nmembership = {membership}\n'
        f'membership_source = "test"\nmembership_as_of = 2025-01-01\n{extra}\n'
    )
    for unit_id, eligible in units:
        text += f'[[unions.units]]\nid = "{unit_id}"\nname = "{unit_id}"\neligible = {eligible}\n'
    return text


def start(tmp_path: Path, setup: str) -> Path:
    path = tmp_path / "setup.toml"
    path.write_text(setup, encoding="utf-8")
    db = tmp_path / "v.sqlite"
    code, _, err = cli(db, "init", str(path))
    assert code == EXIT_OK, err
    return db


def count(db: Path, unit: str, yes: int, no: int, *more: str) -> None:
    code, out, err = cli(
        db,
        "count",
        unit,
        "--yes",
        str(yes),
        "--no",
        str(no),
        "--final",
        "--confirm-warnings",
        *more,
    )
    assert code == EXIT_OK, err
    assert "(slot" not in out and "recorded" in out


QUESTION = '[[questions]]\nid = "q"\ntext = "Ratify?"\n'
ABSTENTION = (
    HEAD
    + '[coalition.rule]\nblock_votes = { members_per_vote = 100, approve = "more than 1/2" }\n'
    + QUESTION
    + union("a", "Union A", 1000, [("a1", 1000)])
    + union("b", "Union B", 500, [("b1", 500)])
    + union("c", "Union C", 300, [("c1", 300)])
)


def union_line(out: str, name: str) -> tuple[str, str]:
    """The union's line in the table and the reason line under it."""
    lines = out.splitlines()
    i = next(i for i, line in enumerate(lines) if line[4:].startswith(name))
    return lines[i], lines[i + 1].strip()


def test_a_union_that_cast_no_ballot_reads_abstained(tmp_path: Path) -> None:
    db = start(tmp_path, ABSTENTION)
    count(db, "c1", 0, 0)
    _, out, _ = cli(db, "standings")
    line, reason = union_line(out, "Union C")
    assert "REJECTED" not in line and line.rstrip().endswith("ABSTAINED")
    assert line.lstrip().startswith("-")
    assert reason.startswith("abstained: every count is final and no ballot was cast")
    assert "block votes are left out of the block totals" in reason
    _, out, _ = cli(db, "standings", "--json")
    c = next(u for u in json.loads(out)["questions"][0]["unions"] if u["id"] == "c")
    assert (c["outcome"], c["decided"]) == ("abstained", True)


def test_block_votes_show_their_counts(tmp_path: Path) -> None:
    db = start(tmp_path, ABSTENTION)
    count(db, "a1", 600, 300)
    count(db, "b1", 100, 300)
    _, out, _ = cli(db, "standings")
    assert "[   met] block votes (one per 100 members): more than half of block votes cast: " in out
    assert "10 for, 5 against (66.7% for) so far, more than half needed" in out


CRAFTS = union("crafts", "Two-craft union", 1000, [("engine", 800), ("yard", 200)])
UNIT_QUESTION = '[[questions]]\nid = "q"\ntext = "Ratify your craft agreement?"\nscope = "unit"\n'


def test_a_union_whose_crafts_split_is_decided(tmp_path: Path) -> None:
    db = start(tmp_path, HEAD + "[coalition.rule]\nmin_unions = 1\n" + UNIT_QUESTION + CRAFTS)
    count(db, "engine", 300, 400)
    count(db, "yard", 120, 60)
    _, out, _ = cli(db, "standings")
    line, reason = union_line(out, "Two-craft union")
    assert "SPLIT (DECIDED)" in line and "PENDING" not in line
    assert "by unit" in line  # no pooled share of ballots cast on different agreements
    assert reason.startswith("split: 1 of 2 units approved their own")
    # each unit's own result is shown, with its reason
    assert "x engine" in out and "+ yard" in out
    assert "approved: 120 yes to 60 no (66.7% yes)" in out
    _, out, _ = cli(db, "standings", "--json")
    crafts = json.loads(out)["questions"][0]["unions"][0]
    assert (crafts["outcome"], crafts["decided"]) == ("split", True)


def test_a_vote_without_a_coalition_rule(tmp_path: Path) -> None:
    db = start(tmp_path, HEAD + UNIT_QUESTION + CRAFTS)
    count(db, "engine", 300, 400)
    _, out, _ = cli(db, "standings")
    assert "No coalition rule: each union (or unit) ratifies for itself." in out
    assert "COALITION" not in out
    # a coalition-level declaration on a question without a coalition result is refused
    code, err = unchanged(db, "declare", "approved")
    assert code == EXIT_REFUSED and "E_NO_COALITION_RESULT" in err
    assert "declare a union's outcome with --union" in err


def test_every_line_has_its_reason_and_max_opposed_reads_plainly(tmp_path: Path) -> None:
    setup = (
        HEAD
        + "[coalition.rule]\nmax_opposed = 5\n"
        + '[tally_rules.tc]\napprove = "more than 1/2"\n'
        + 'low_turnout = { below = "1/2", reject = "at least 2/3" }\n'
        + QUESTION
        + union("a", "Union A", 100, [("a1", 100)], extra='tally_rule = "tc"')
    )
    db = start(tmp_path, setup)
    count(db, "a1", 18, 22)  # 40% turnout; 55% no is under two thirds: the offer stands
    _, out, _ = cli(db, "standings")
    line, reason = union_line(out, "Union A")
    assert "APPROVED (DECIDED)" in line
    assert "turnout 40.0% is under 1/2, so the offer stands unless at least 2/3 vote no" in reason
    assert "(55.0% did)" in reason
    assert "[   met] at most 5 unions oppose: 0 oppose so far, at most 5 may" in out


def test_advisory_subgroups_are_shown_and_not_waited_for(tmp_path: Path) -> None:
    setup = (
        HEAD
        + "[coalition.rule]\nmin_unions = 1\n"
        + QUESTION
        + union("a", "Union A", 100, [("a1", 100)])
        + '[[unions.units]]\nid = "a1-apprentices"\nname = "Apprentices"\neligible = 10\n'
        + 'subgroup_of = "a1"\nadvisory = true\n'
    )
    db = start(tmp_path, setup)
    count(db, "a1", 60, 30)
    _, out, _ = cli(db, "standings")
    assert "Units not yet reported" not in out
    assert "Apprentices (advisory sub-group)" in out and "NO COUNT OF ITS OWN" in out
    count(db, "a1-apprentices", 2, 7)
    _, out, _ = cli(db, "standings")
    assert "Apprentices (advisory sub-group)" in out
    assert "for information, no veto; rejected: 2 yes to 7 no" in out


def test_a_union_declaration_is_compared_with_the_computed_result(tmp_path: Path) -> None:
    db = start(tmp_path, ABSTENTION)
    count(db, "b1", 100, 300)
    code, _, _ = cli(db, "declare", "approved", "--union", "b", "--note", "hall notice")
    assert code == EXIT_OK
    _, out, _ = cli(db, "standings")
    assert "Declared by the union b on q: APPROVED  (computed: rejected)" in out
    _, out, _ = cli(db, "standings", "--json")
    declared = json.loads(out)["declared"][0]
    assert (declared["union"], declared["computed"], declared["agrees"]) == ("b", "rejected", False)
    cli(db, "declare", "rejected", "--union", "b")
    _, out, _ = cli(db, "standings", "--json")
    declared = json.loads(out)["declared"][0]
    assert (declared["outcome"], declared["agrees"]) == ("rejected", True)


AGREEMENT = (
    HEAD
    + "[coalition.rule]\nmin_unions = 1\n"
    + '[[questions]]\nid = "master"\ntext = "Master?"\n'
    + '[[questions]]\nid = "supp"\ntext = "Supplement?"\nunits = ["a1"]\n'
    + '[[agreements]]\nid = "deal"\nname = "Deal"\nparts = ["master", "supp"]\n'
    + 'master = "master"\n'
    + union("a", "Union A", 100, [("a1", 100)])
    + union("b", "Union B", 100, [("b1", 100)])
)


def test_an_agreement_not_in_effect_and_its_declarations(tmp_path: Path) -> None:
    db = start(tmp_path, AGREEMENT)
    for unit in ("a1", "b1"):
        count(db, unit, 70, 20, "--question", "master")
    count(db, "a1", 20, 70, "--question", "supp")
    # the supplement is asked of a1 only
    code, err = unchanged(db, "count", "b1", "--question", "supp", "--yes", "1", "--no", "0")
    assert code == EXIT_REFUSED and "E_QUESTION_NOT_ASKED" in err
    _, out, _ = cli(db, "standings")
    assert "Agreement deal: NOT IN EFFECT (DECIDED): not in effect: the master part" in out
    assert "part supp cannot pass" in out
    code, _, _ = cli(db, "declare", "not-in-effect", "--agreement", "deal")
    assert code == EXIT_OK
    code, _, _ = cli(db, "declare", "imposed", "--question", "master", "--note", "arbitrator")
    assert code == EXIT_OK
    _, out, _ = cli(db, "standings")
    assert "Declared for agreement deal: NOT IN EFFECT —" in out
    assert "Declared by the coalition on master: IMPOSED  (computed: approved)" in out
    _, out, _ = cli(db, "standings", "--json")
    data = json.loads(out)
    by_level = {(d["agreement"], d["question"]): d for d in data["declared"]}
    assert by_level["deal", None]["agrees"] is True
    assert by_level[None, "master"]["agrees"] is None  # imposed: nothing to compare
    assert data["agreements"][0]["outcome"] == "not in effect"
    # words that do not fit the level are refused
    code, err = unchanged(db, "declare", "not in effect", "--question", "master")
    assert code == EXIT_REFUSED and "E_DECLARATION_LEVEL" in err
    code, err = unchanged(db, "declare", "abstained", "--agreement", "deal")
    assert code == EXIT_REFUSED and "E_DECLARATION_LEVEL" in err
    code, err = unchanged(db, "declare", "withdrawn", "--agreement", "deal")
    assert code == EXIT_REFUSED and "E_UNKNOWN_OUTCOME" in err and "ratified after review" in err
