"""The setup's tally rules ([tally_rules.NAME], a rule written inline or by name) and the
coalition's rule ([coalition.rule]), read with the setup reader (docs/setup-format.md).
"""

from __future__ import annotations

from typing import Any

from steward_app.domain.bounds import MAX_MEMBERSHIP
from steward_app.domain.language import _
from steward_app.domain.rules import (
    SIMPLE_MAJORITY,
    CoalitionRule,
    LowTurnout,
    MembershipBase,
    TallyRule,
)
from steward_app.domain.setup_reader import Path, Reader, describe, enum_member
from steward_app.domain.setup_rules import (
    UNION_SHARE_KEYS,
    turnout_counts_valid_only,
    union_share_tests,
)
from steward_app.domain.threshold import Threshold, parse_share

BUILTIN_TALLY_RULES = {
    "majority": SIMPLE_MAJORITY,
    "two-thirds": TallyRule(Threshold.parse("at least 2/3")),
}


def read_tally_rules(r: Reader, data: dict[str, Any]) -> dict[str, TallyRule]:
    rules = dict(BUILTIN_TALLY_RULES)
    table = data.get("tally_rules", {})
    if not isinstance(table, dict):
        r.problem(("tally_rules",), _("expected tables written [tally_rules.NAME]"))
        return rules
    for name, body in table.items():
        path: Path = ("tally_rules", name)
        if not isinstance(body, dict):
            r.problem(path, _("expected a table with approve = ..."))
            continue
        rule = read_tally_rule(r, body, path)
        if rule is not None:
            rules[name] = rule
    return rules


def read_tally_rule(r: Reader, body: dict[str, Any], path: Path) -> TallyRule | None:
    r.unknown_keys(body, path, {"approve", "void", "quorum", "low_turnout", "turnout"})
    approve = r.parsed(
        path + ("approve",),
        body.get("approve", "more than 1/2"),
        Threshold.parse,
        _('a threshold like "more than 1/2" or "at least 2/3"'),
    )
    void = r.get(body, path, "void", str, _('"excluded" or "counted"'), default="excluded")
    if void not in ("excluded", "counted"):
        r.problem(
            path + ("void",), _('is "{void}"; expected "excluded" or "counted"').format(void=void)
        )
    quorum = None
    if "quorum" in body:
        quorum = r.parsed(path + ("quorum",), body["quorum"], parse_share, _('a share like "30%"'))
    low = None
    if "low_turnout" in body:
        low_t = body["low_turnout"]
        lpath = path + ("low_turnout",)
        if not isinstance(low_t, dict):
            r.problem(lpath, _('expected { below = "50%", reject = "at least 2/3" }'))
        else:
            r.unknown_keys(low_t, lpath, {"below", "reject"})
            below = r.parsed(lpath + ("below",), low_t.get("below"), parse_share, _("a share"))
            reject = r.parsed(
                lpath + ("reject",), low_t.get("reject"), Threshold.parse, _("a threshold")
            )
            if below is not None and reject is not None:
                low = LowTurnout(below, reject)
    if approve is None:
        return None
    return TallyRule(
        approve,
        void_counts=void == "counted",
        quorum=quorum,
        low_turnout=low,
        turnout_valid_only=turnout_counts_valid_only(r, body, path),
    )


def rule_ref(r: Reader, value: Any, path: Path, rules: dict[str, TallyRule]) -> TallyRule | None:
    if isinstance(value, dict):
        return read_tally_rule(r, value, path)
    if isinstance(value, str):
        if value in rules:
            return rules[value]
        names = ", ".join(sorted(rules))
        r.problem(
            path,
            _('names no tally rule "{value}"; known: {names}').format(value=value, names=names),
        )
        return None
    r.problem(
        path, _("is {value}; expected the name of a tally rule").format(value=describe(value))
    )
    return None


def read_coalition_rule(
    r: Reader, coalition_t: dict[str, Any], rules: dict[str, TallyRule]
) -> CoalitionRule | None:
    path: Path = ("coalition", "rule")
    body = coalition_t.get("rule")
    if body is None:
        return CoalitionRule()  # no coalition result: each union or unit ratifies for itself
    if not isinstance(body, dict):
        r.problem(path, _("expected a table, written [coalition.rule], with at least one test"))
        return None
    known = {"min_unions", "membership", "membership_base", "max_opposed", "block_votes", "pooled"}
    known |= UNION_SHARE_KEYS
    r.unknown_keys(body, path, known)
    min_unions = None
    if "min_unions" in body:
        min_unions = r.count(body, path, "min_unions", minimum=1, maximum=MAX_MEMBERSHIP)
    membership = None
    if "membership" in body:
        membership = r.parsed(
            path + ("membership",), body["membership"], Threshold.parse, _('e.g. "at least 80%"')
        )
    base_text = r.get(body, path, "membership_base", str, _('"all" or "voting"'), default="all")
    base = enum_member(r, MembershipBase, base_text, path + ("membership_base",))
    max_opposed = None
    if "max_opposed" in body:
        max_opposed = r.count(body, path, "max_opposed", minimum=0, maximum=MAX_MEMBERSHIP)
    per_vote = block = None
    if "block_votes" in body:
        bpath = path + ("block_votes",)
        bt = body["block_votes"]
        if not isinstance(bt, dict):
            r.problem(bpath, _('expected { members_per_vote = 1000, approve = "more than 1/2" }'))
        else:
            r.unknown_keys(bt, bpath, {"members_per_vote", "approve"})
            per_vote = r.count(bt, bpath, "members_per_vote", minimum=1, maximum=MAX_MEMBERSHIP)
            block = r.parsed(
                bpath + ("approve",),
                bt.get("approve", "more than 1/2"),
                Threshold.parse,
                _('a threshold like "more than 1/2"'),
            )
    pooled = None
    if "pooled" in body:
        pooled = rule_ref(r, body["pooled"], path + ("pooled",), rules)
    rule = CoalitionRule(
        min_unions=min_unions,
        membership=membership,
        membership_base=base or MembershipBase.ALL,
        max_opposed=max_opposed,
        block_members_per_vote=per_vote,
        block_threshold=block,
        pooled=pooled,
    )
    rule = union_share_tests(r, body, path, rule)
    if rule.is_empty() and not (known - {"membership_base", "unions_base"}) & body.keys():
        r.problem(
            path,
            _(
                "has no test; give min_unions, min_unions_share, membership, max_opposed, "
                "max_opposed_share, block_votes or pooled (or leave [coalition.rule] out when "
                "each union ratifies for itself)"
            ),
        )
    return rule
