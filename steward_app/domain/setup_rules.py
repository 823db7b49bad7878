"""The setup's newer rule settings: shares of unions, turnout of valid ballots, a master
part, abstentions, and coalition-wide questions asked of some units.

Read with the setup reader (setup_reader.py), so mistakes are reported with their lines like
any other (docs/setup-format.md).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from steward_app.domain.language import _
from steward_app.domain.rules import Ceiling, CoalitionRule, MembershipBase
from steward_app.domain.setup_reader import Path, Reader, describe, enum_member
from steward_app.domain.threshold import Threshold
from steward_app.domain.vote import Question, Scope, Union, Unit

UNION_SHARE_KEYS = {"min_unions_share", "max_opposed_share", "unions_base"}


def union_share_tests(
    r: Reader, body: dict[str, Any], path: Path, rule: CoalitionRule
) -> CoalitionRule:
    """`min_unions_share`, `max_opposed_share` and what they are a share of (`unions_base`)."""
    share = cap = None
    if "min_unions_share" in body:
        share = r.parsed(
            path + ("min_unions_share",),
            body["min_unions_share"],
            Threshold.parse,
            _('a threshold like "more than 1/2"'),
        )
    if "max_opposed_share" in body:
        cap = r.parsed(
            path + ("max_opposed_share",),
            body["max_opposed_share"],
            Ceiling.parse,
            _('a ceiling like "at most 1/3" or "less than 1/2"'),
        )
    text = r.get(body, path, "unions_base", str, _('"all" or "voting"'), default="all")
    base = enum_member(r, MembershipBase, text, path + ("unions_base",))
    return replace(
        rule,
        min_unions_share=share,
        max_opposed_share=cap,
        unions_base=base or MembershipBase.ALL,
    )


def turnout_counts_valid_only(r: Reader, body: dict[str, Any], path: Path) -> bool:
    """`turnout = "cast"` (every ballot cast, the default) or `"valid"` (yes and no only)."""
    text = r.get(body, path, "turnout", str, _('"cast" or "valid"'), default="cast")
    if text not in ("cast", "valid"):
        r.problem(
            path + ("turnout",), _('is "{text}"; expected "cast" or "valid"').format(text=text)
        )
    return text == "valid"


def master_part(r: Reader, at: dict[str, Any], path: Path, parts: list[str]) -> str | None:
    """`master = "wages"`: the part the others supplement; it must be one of the parts."""
    master = r.get(at, path, "master", str, _("the id of one of the parts"), required=False)
    if master is not None and master not in parts:
        r.problem(
            path + ("master",),
            _('is "{master}", which is not one of the parts {parts}').format(
                master=master, parts=parts
            ),
        )
        return None
    return master


def abstentions(
    r: Reader, data: dict[str, Any], unions: list[Union], question_ids: set[str]
) -> list[Union]:
    """`abstains = ["q"]` (or `true`, every question): the union casts no vote there."""
    tables = data.get("unions")
    if not isinstance(tables, list):
        return unions
    by_id = {u.id: u for u in unions}
    out = {u.id: u for u in unions}
    for i, ut in enumerate(tables):
        if not isinstance(ut, dict) or "abstains" not in ut:
            continue
        path: Path = ("unions", i, "abstains")
        value = ut["abstains"]
        if value is True:
            chosen = sorted(question_ids)
        elif isinstance(value, list) and all(isinstance(q, str) for q in value):
            unknown = [q for q in value if q not in question_ids]
            if unknown:
                r.problem(
                    path, _("names questions that do not exist: {unknown}").format(unknown=unknown)
                )
                continue
            chosen = list(value)
        else:
            r.problem(
                path,
                _("is {value}; expected true or a list of question ids").format(
                    value=describe(value)
                ),
            )
            continue
        union = by_id.get(ut.get("id", ""))
        if union is not None:
            out[union.id] = replace(union, abstains=tuple(chosen))
    return [out[u.id] for u in unions]


def unions_asked_enough(
    r: Reader, rule: CoalitionRule, questions: list[Question], units: list[Unit]
) -> None:
    """A coalition-wide question asked of some units only: `min_unions` must be reachable by
    the unions it asks."""
    if rule.min_unions is None:
        return
    union_of = {u.id: u.union_id for u in units}
    for i, q in enumerate(questions):
        if q.scope is not Scope.COALITION or not q.unit_ids:
            continue
        asked = {union_of[u] for u in q.unit_ids if u in union_of}
        if rule.min_unions > len(asked):
            r.problem(
                ("questions", i, "units"),
                _(
                    "asks units of {asked} union(s), but the coalition rule needs {min_unions} "
                    "unions to approve"
                ).format(asked=len(asked), min_unions=rule.min_unions),
            )
