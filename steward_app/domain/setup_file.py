"""Read the coordinator's TOML setup file into a Vote, reporting every mistake with its line.

The format is documented field by field in docs/setup-format.md. Every problem is collected
(not just the first), each with the line, the key (a dotted path such as
`unions[2].units[1].eligible`) and what was expected.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from steward_app.domain.bounds import MAX_BALLOTS, MAX_MEMBERSHIP
from steward_app.domain.language import _
from steward_app.domain.nesting import MAX_DEPTH, toml_too_deep
from steward_app.domain.rules import TallyRule, UnionRule, UnitsRequired
from steward_app.domain.setup_questions import question_text
from steward_app.domain.setup_reader import (
    ID_RE,
    Path,
    Reader,
    SetupError,
    SetupProblem,
    enum_member,
    path_text,
    required_table,
)
from steward_app.domain.setup_roster import read_roster
from steward_app.domain.setup_rules import abstentions, master_part, unions_asked_enough
from steward_app.domain.setup_tallies import read_coalition_rule, read_tally_rules, rule_ref
from steward_app.domain.threshold import Threshold
from steward_app.domain.vote import (
    Agreement,
    Mode,
    Overrides,
    Question,
    Scope,
    Union,
    Unit,
    Vote,
)

# the reader's problems and errors are this module's to its callers
__all__ = ["SetupError", "SetupProblem", "parse_setup", "path_text", "setup_data", "setup_hash"]

SUPPORTED_FORMAT = 1


def setup_hash(text: str) -> str:
    """The vote's identity: sha256 of the setup text with line endings made uniform."""
    normal = text.replace("\r\n", "\n").replace("\r", "\n")
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


_PARSED: ContextVar[Mapping[str, Vote] | None] = ContextVar("parsed_setups", default=None)


@contextmanager
def parsed_already(votes: Mapping[str, Vote]) -> Iterator[None]:
    """Within the block, `parse_setup` returns these votes for their exact setup texts.

    A store keeps the vote it has just recorded this way, so reading the setup back from the
    database (through code that parses every setup entry) does not parse it again: 1-1.5 s
    for a 10,000-unit setup. A Vote is immutable, and the same text always gives the same one.
    """
    token = _PARSED.set(votes)
    try:
        yield
    finally:
        _PARSED.reset(token)


_TOO_DEEP = SetupProblem(
    None,
    "",
    f"this setup nests more than {MAX_DEPTH} levels deep (arrays, tables or dotted keys); a "
    "setup needs three or four: this is not a setup file to use",
)


def setup_data(text: str) -> dict[str, Any]:
    """The setup's TOML as plain data (tables, arrays, text, numbers), not yet checked.

    This is most of the cost of parsing a large setup (tomllib is pure Python);
    store.setup_cache keeps it, so a setup read again is not parsed from TOML again."""
    import tomllib  # here: a command that finds the data cached never loads it

    if toml_too_deep(text):  # before tomllib, which recurses per level
        raise SetupError([_TOO_DEEP])
    try:
        return tomllib.loads(text)
    except RecursionError as exc:  # the check above should make this unreachable
        raise SetupError([_TOO_DEEP]) from exc
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        raise SetupError(
            [SetupProblem(line, "", f"this is not valid TOML ({exc}); fix the syntax there")]
        ) from exc


def parse_setup(text: str, data: dict[str, Any] | None = None) -> Vote:
    """Parse and check a setup file; raise SetupError listing every problem.

    `data`, when given, is `setup_data(text)` kept from an earlier parse of the same text:
    every check below runs on it as on a fresh parse."""
    known = _PARSED.get()
    if known:
        vote = known.get(text)
        if vote is not None:
            return vote
    if data is None:
        data = setup_data(text)
    reader = Reader(text)
    vote = _build_vote(reader, data, setup_hash(text))
    if reader.problems or vote is None:
        raise SetupError(reader.problems or [SetupProblem(None, "", "the setup is incomplete")])
    return vote


def _build_vote(r: Reader, data: dict[str, Any], digest: str) -> Vote | None:
    r.unknown_keys(
        data,
        (),
        {
            "format",
            "vote",
            "coalition",
            "tally_rules",
            "questions",
            "agreements",
            "unions",
            "coordinator",
            "stewards",
        },
    )
    fmt = r.get(
        data,
        (),
        "format",
        int,
        _("the format number {supported_format} as the first line").format(
            supported_format=SUPPORTED_FORMAT
        ),
    )
    if fmt is not None and fmt != SUPPORTED_FORMAT:
        newer = (
            _("a newer version of steward_app")
            if fmt > SUPPORTED_FORMAT
            else _("an unknown format")
        )
        r.problem(
            ("format",),
            _("is {fmt}, written for {newer}; this version reads format 1").format(
                fmt=fmt, newer=newer
            ),
        )
        return None

    vote_t = required_table(r, data, (), "vote")
    title = r.get(vote_t, ("vote",), "title", str, _("the vote's title as text"))
    mode_text = r.get(
        vote_t, ("vote",), "mode", str, _('"official" or "practice"'), default="official"
    )
    mode = enum_member(r, Mode, mode_text, ("vote", "mode"))
    note = r.get(vote_t, ("vote",), "note", str, _("text"), default="")
    vote_id = r.get(vote_t, ("vote",), "id", str, _("a short id for the vote"))
    overrides_text = r.get(
        vote_t,
        ("vote",),
        "overrides",
        str,
        _('"union" or "coordinator"'),
        default=Overrides.UNION.value,
    )
    overrides = enum_member(r, Overrides, overrides_text, ("vote", "overrides"))
    r.unknown_keys(vote_t, ("vote",), {"id", "title", "mode", "note", "overrides"})

    rules = read_tally_rules(r, data)
    coalition_t = required_table(r, data, (), "coalition")
    coalition_name = r.get(coalition_t, ("coalition",), "name", str, _("the coalition's name"))
    r.unknown_keys(coalition_t, ("coalition",), {"name", "rule"})
    coalition_rule = read_coalition_rule(r, coalition_t, rules)

    unions, units = _unions(r, data, rules)
    questions = _questions(r, data, rules, {u.id for u in units})
    agreements = _agreements(r, data, {q.id for q in questions})
    unions = abstentions(r, data, unions, {q.id for q in questions})
    if coalition_rule is not None:
        unions_asked_enough(r, coalition_rule, questions, units)
    tables = data.get("unions")
    written = (
        [t.get("id") for t in tables if isinstance(t, dict)] if isinstance(tables, list) else []
    )
    roster = read_roster(r, data, {i for i in written if isinstance(i, str)})
    if coalition_rule is not None and coalition_rule.min_unions is not None and unions:
        listed = len(data["unions"]) if isinstance(data.get("unions"), list) else len(unions)
        if coalition_rule.min_unions > listed:
            r.problem(
                ("coalition", "rule", "min_unions"),
                _("asks for {min_unions} unions but the setup lists {listed}").format(
                    min_unions=coalition_rule.min_unions, listed=listed
                ),
            )
    if not questions and "questions" in data:
        pass
    elif not questions:
        r.problem(("questions",), _("missing; expected at least one [[questions]] table"))
    if r.problems or title is None or coalition_name is None or coalition_rule is None:
        return None
    assert mode is not None and vote_id is not None and note is not None
    return Vote(
        id=vote_id,
        title=title,
        mode=mode,
        coalition_name=coalition_name,
        coalition_rule=coalition_rule,
        unions=tuple(unions),
        units=tuple(units),
        questions=tuple(questions),
        agreements=tuple(agreements),
        note=note,
        setup_hash=digest,
        roster=roster,
        overrides=overrides or Overrides.UNION,
    )


def _unions(
    r: Reader, data: dict[str, Any], rules: dict[str, TallyRule]
) -> tuple[list[Union], list[Unit]]:
    unions: list[Union] = []
    units: list[Unit] = []
    seen_unions: set[str] = set()
    seen_units: set[str] = set()
    subgroup_refs: list[tuple[Path, str, str]] = []
    tables = r.table_list(data, (), "unions")
    if not tables:
        r.problem(("unions",), _("missing; expected one [[unions]] table per union"))
    for i, ut in enumerate(tables):
        path: Path = ("unions", i)
        r.unknown_keys(
            ut,
            path,
            {
                "id",
                "name",
                "membership",
                "membership_source",
                "membership_as_of",
                "decides",
                "tally_rule",
                "units_required",
                "units",
                "abstains",
            },
        )
        union_id = r.id(ut, path, seen_unions)
        name = r.get(ut, path, "name", str, _("the union's name"))
        membership = r.count(ut, path, "membership", minimum=1, maximum=MAX_MEMBERSHIP)
        source = r.get(ut, path, "membership_source", str, _("where the figure came from"))
        as_of = ut.get("membership_as_of")
        if as_of is None:
            r.problem(path + ("membership_as_of",), _("missing; expected a date like 2011-06-01"))
        tally = rule_ref(r, ut.get("tally_rule", "majority"), path + ("tally_rule",), rules)
        decides = r.get(ut, path, "decides", str, _('"pooled" or "by_units"'), default="pooled")
        rule = None
        if tally is not None:
            rule = _union_rule(r, ut, path, decides, tally)
        unit_ids: list[str] = []
        subgroup_ids: list[str] = []
        unit_tables = r.table_list(ut, path, "units")
        if not unit_tables:
            r.problem(
                path + ("units",), _("missing; every union needs at least one [[unions.units]]")
            )
        for j, nt in enumerate(unit_tables):
            upath: Path = path + ("units", j)
            unit = _unit(r, nt, upath, union_id or "?", seen_units)
            if unit is None:
                continue
            units.append(unit)
            if unit.subgroup_of is not None:
                subgroup_ids.append(unit.id)
                subgroup_refs.append((upath + ("subgroup_of",), unit.subgroup_of, union_id or ""))
            else:
                unit_ids.append(unit.id)
        if rule is not None and not rule.pooled and rule.required is UnitsRequired.AT_LEAST:
            regular = sum(1 for nt in unit_tables if "subgroup_of" not in nt)
            if rule.count > regular:
                r.problem(
                    path + ("units_required",),
                    _("asks for {count} units but the union has {regular}").format(
                        count=rule.count, regular=regular
                    ),
                )
        if union_id and name and membership and source and rule is not None and as_of is not None:
            unions.append(
                Union(
                    union_id,
                    name,
                    membership,
                    source,
                    str(as_of),
                    rule,
                    tuple(unit_ids),
                    tuple(subgroup_ids),
                )
            )
    by_id = {u.id: u for u in units}
    for path, parent, union_id in subgroup_refs:
        target = by_id.get(parent)
        if target is None or target.is_subgroup or target.union_id != union_id:
            r.problem(path, _('"{parent}" is not a unit of the same union').format(parent=parent))
    return unions, units


def _union_rule(
    r: Reader, ut: dict[str, Any], path: Path, decides: str | None, tally: TallyRule
) -> UnionRule | None:
    if decides == "pooled":
        if "units_required" in ut:
            r.problem(path + ("units_required",), _('only applies when decides = "by_units"'))
        return UnionRule(tally, pooled=True)
    if decides != "by_units":
        r.problem(
            path + ("decides",),
            _('is "{decides}"; expected "pooled" or "by_units"').format(decides=decides),
        )
        return None
    req = ut.get("units_required", "all")
    rpath = path + ("units_required",)
    expected = '"all", { at_least = 3 } or { membership = "at least 1/2" }'
    if req == "all":
        return UnionRule(tally, pooled=False, required=UnitsRequired.ALL)
    if isinstance(req, dict) and set(req) == {"at_least"}:
        count = r.count(req, rpath, "at_least", minimum=1, maximum=MAX_MEMBERSHIP)
        if count is None:
            return None
        return UnionRule(tally, pooled=False, required=UnitsRequired.AT_LEAST, count=count)
    if isinstance(req, dict) and set(req) == {"membership"}:
        share = r.parsed(
            rpath + ("membership",),
            req["membership"],
            Threshold.parse,
            _('a threshold like "more than 1/2"'),
        )
        if share is None:
            return None
        return UnionRule(tally, pooled=False, required=UnitsRequired.MEMBERSHIP_SHARE, share=share)
    r.problem(rpath, _("expected {expected}").format(expected=expected))
    return None


def _unit(r: Reader, nt: dict[str, Any], path: Path, union_id: str, seen: set[str]) -> Unit | None:
    r.unknown_keys(nt, path, {"id", "name", "eligible", "parts", "subgroup_of", "advisory"})
    unit_id = r.id(nt, path, seen)
    name = r.get(nt, path, "name", str, _("the unit's name"))
    eligible = r.count(nt, path, "eligible", minimum=1, maximum=MAX_BALLOTS)
    parts = nt.get("parts", [])
    if not isinstance(parts, list) or not all(isinstance(p, str) and ID_RE.match(p) for p in parts):
        r.problem(path + ("parts",), _('expected a list of short ids, e.g. ["hall-a", "mail"]'))
        parts = []
    elif len(set(parts)) != len(parts):
        r.problem(path + ("parts",), _("lists a part twice"))
    subgroup_of = r.get(
        nt, path, "subgroup_of", str, _("the id of the parent unit"), required=False
    )
    advisory = r.get(nt, path, "advisory", bool, _("true or false"), default=False)
    if advisory and subgroup_of is None:
        r.problem(path + ("advisory",), _("only a sub-group (with subgroup_of) can be advisory"))
    if unit_id is None or name is None or eligible is None:
        return None
    return Unit(unit_id, name, union_id, eligible, tuple(parts), subgroup_of, bool(advisory))


def _questions(
    r: Reader, data: dict[str, Any], rules: dict[str, TallyRule], unit_ids: set[str]
) -> list[Question]:
    out: list[Question] = []
    seen: set[str] = set()
    for i, qt in enumerate(r.table_list(data, (), "questions")):
        path: Path = ("questions", i)
        r.unknown_keys(qt, path, {"id", "text", "scope", "tally_rule", "units"})
        qid = r.id(qt, path, seen)
        text, texts = question_text(r, qt, path)
        scope = enum_member(
            r,
            Scope,
            r.get(qt, path, "scope", str, _('"coalition" or "unit"'), default="coalition"),
            path + ("scope",),
        )
        tally = None
        if "tally_rule" in qt:
            tally = rule_ref(r, qt["tally_rule"], path + ("tally_rule",), rules)
        asked = qt.get("units", [])
        if not isinstance(asked, list) or any(
            not isinstance(u, str) or u not in unit_ids for u in asked
        ):
            unknown = (
                [u for u in asked if not isinstance(u, str) or u not in unit_ids]
                if isinstance(asked, list)
                else []
            )
            r.problem(
                path + ("units",),
                _("names units that do not exist: {unknown}").format(unknown=unknown),
            )
            asked = []
        if qid and text and scope:
            out.append(Question(qid, text, scope, tally, tuple(asked), texts))
    return out


def _agreements(r: Reader, data: dict[str, Any], question_ids: set[str]) -> list[Agreement]:
    out: list[Agreement] = []
    seen: set[str] = set()
    for i, at in enumerate(r.table_list(data, (), "agreements")):
        path: Path = ("agreements", i)
        r.unknown_keys(at, path, {"id", "name", "parts", "master"})
        aid = r.id(at, path, seen)
        name = r.get(at, path, "name", str, _("the agreement's name"))
        parts = at.get("parts")
        if not isinstance(parts, list) or not parts:
            r.problem(path + ("parts",), _("expected a list of question ids that must all pass"))
            continue
        missing = [p for p in parts if not isinstance(p, str) or p not in question_ids]
        if missing:
            r.problem(
                path + ("parts",),
                _("names questions that do not exist: {missing}").format(missing=missing),
            )
            continue
        master = master_part(r, at, path, parts)
        if aid and name:
            out.append(Agreement(aid, name, tuple(parts), master))
    return out
