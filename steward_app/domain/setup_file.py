"""Read the coordinator's TOML setup file into a Vote, reporting every mistake with its line.

The format is documented field by field in docs/setup-format.md. Every problem is collected
(not just the first), each with the line, the key (a dotted path such as
`unions[2].units[1].eligible`) and what was expected.
"""

from __future__ import annotations

import enum
import hashlib
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any, TypeVar

from steward_app.domain.bounds import MAX_BALLOTS, MAX_MEMBERSHIP
from steward_app.domain.nesting import MAX_DEPTH, toml_too_deep
from steward_app.domain.rules import (
    SIMPLE_MAJORITY,
    CoalitionRule,
    LowTurnout,
    MembershipBase,
    TallyRule,
    UnionRule,
    UnitsRequired,
)
from steward_app.domain.setup_rules import (
    UNION_SHARE_KEYS,
    abstentions,
    master_part,
    turnout_counts_valid_only,
    union_share_tests,
    unions_asked_enough,
)
from steward_app.domain.threshold import Threshold, parse_share
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

SUPPORTED_FORMAT = 1
ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
BUILTIN_TALLY_RULES = {
    "majority": SIMPLE_MAJORITY,
    "two-thirds": TallyRule(Threshold.parse("at least 2/3")),
}

Path = tuple[str | int, ...]
T = TypeVar("T")


@dataclass(frozen=True)
class SetupProblem:
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        where = f"line {self.line}" if self.line else "file"
        return f"{where}: {self.key}: {self.message}" if self.key else f"{where}: {self.message}"


class SetupError(ValueError):
    """The setup file cannot be used; `problems` lists every mistake found."""

    def __init__(self, problems: list[SetupProblem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))


def path_text(path: Path) -> str:
    out = ""
    for part in path:
        if isinstance(part, int):
            out += f"[{part + 1}]"
        else:
            out += f".{part}" if out else part
    return out


class _LineLocator:
    """Find the line of a key in hand-written TOML (tables, arrays of tables, plain keys)."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(#.*)?$")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"]+(?:\s*\.\s*[A-Za-z0-9_\-\"]+)*)\s*=")

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        counters: dict[Path, int] = {}
        table: Path = ()
        depth = 0  # open brackets of a multi-line array or inline table
        for number, line in enumerate(text.splitlines(), start=1):
            stripped = line.strip()
            if depth == 0 and (header := self._HEADER.match(line)):
                names = [n.strip().strip('"') for n in header.group(2).split(".")]
                resolved: Path = ()
                for i, name in enumerate(names):
                    if i == len(names) - 1 and header.group(1) == "[[":
                        # a new element of the array itself, not inside its latest element
                        resolved = resolved + (name,)
                        index = counters.get(resolved, -1) + 1
                        counters[resolved] = index
                        resolved = resolved + (index,)
                    else:
                        resolved = self._resolve(resolved + (name,), counters)
                table = resolved
                self.lines.setdefault(table, number)
                continue
            if depth == 0 and (key := self._KEY.match(line)):
                names = [n.strip().strip('"') for n in key.group(1).split(".")]
                self.lines.setdefault(table + tuple(names), number)
            depth += _bracket_balance(stripped)
            depth = max(depth, 0)

    @staticmethod
    def _resolve(path: Path, counters: dict[Path, int]) -> Path:
        # a plain name inside an array of tables means its latest element
        if path in counters:
            return path + (counters[path],)
        return path

    def line_of(self, path: Path) -> int | None:
        for end in range(len(path), 0, -1):
            found = self.lines.get(path[:end])
            if found is not None:
                return found
        return None


def _bracket_balance(line: str) -> int:
    balance = 0
    in_string: str | None = None
    for ch in line:
        if in_string:
            if ch == in_string:
                in_string = None
        elif ch in "\"'":
            in_string = ch
        elif ch == "#":
            break
        elif ch in "[{":
            balance += 1
        elif ch in "]}":
            balance -= 1
    return balance


class _Reader:
    """Typed access to the parsed TOML that records problems instead of raising."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._locator: _LineLocator | None = None
        self.problems: list[SetupProblem] = []

    @property
    def locator(self) -> _LineLocator:
        """Built on the first problem: line numbers serve only error messages, and indexing
        every line of a 10,000-unit setup costs a third of a second on each clean parse."""
        if self._locator is None:
            self._locator = _LineLocator(self.text)
        return self._locator

    def problem(self, path: Path, message: str) -> None:
        self.problems.append(SetupProblem(self.locator.line_of(path), path_text(path), message))

    def get(
        self,
        table: dict[str, Any],
        path: Path,
        key: str,
        kind: type[T],
        expected: str,
        default: T | None = None,
        required: bool = True,
    ) -> T | None:
        if key not in table:
            if required and default is None:
                self.problem(path + (key,), f"missing; expected {expected}")
            return default
        value = table[key]
        # bool is an int in Python; a count must not be true/false
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.problem(path + (key,), f"is {_describe(value)}; expected {expected}")
            return default
        return value

    def id(self, table: dict[str, Any], path: Path, seen: set[str]) -> str | None:
        value = self.get(table, path, "id", str, "a short id of letters, digits, '-', '_' or '.'")
        if value is None:
            return None
        if not ID_RE.match(value):
            self.problem(
                path + ("id",),
                f'"{value}" is not a usable id; use letters, digits, "-", "_" or "." '
                "(at most 64, starting with a letter or digit)",
            )
            return None
        if value in seen:
            self.problem(path + ("id",), f'"{value}" is used twice; every id must be unique')
            return None
        seen.add(value)
        return value

    def count(
        self, table: dict[str, Any], path: Path, key: str, minimum: int = 0, maximum: int = 0
    ) -> int | None:
        value = self.get(table, path, key, int, f"a whole number of at least {minimum}")
        if value is not None and value < minimum:
            self.problem(
                path + (key,), f"is {value}; expected a whole number of at least {minimum}"
            )
            return None
        if value is not None and maximum and value > maximum:
            self.problem(
                path + (key,),
                f"is {value:,}; the most this version accepts is {maximum:,} (docs/checks.md, "
                '"Bounds"): check the figure',
            )
            return None
        return value

    def parsed(self, path: Path, text: Any, parse: Callable[[str], T], expected: str) -> T | None:
        if text is None:
            self.problem(path, f"missing; expected {expected} written as text")
            return None
        if not isinstance(text, str):
            self.problem(path, f"is {_describe(text)}; expected {expected} written as text")
            return None
        try:
            return parse(text)
        except ValueError as exc:
            self.problem(path, str(exc))
            return None

    def table_list(self, data: dict[str, Any], path: Path, key: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(path + (key,), f"expected a list of tables, written [[{key}]]")
            return []
        return value

    def unknown_keys(self, table: dict[str, Any], path: Path, known: set[str]) -> None:
        for key in table:
            if key not in known:
                choices = ", ".join(sorted(known))
                self.problem(path + (key,), f"is not a known setting here; known: {choices}")


def _describe(value: Any) -> str:
    if isinstance(value, bool):
        return f"true/false ({str(value).lower()})"
    if isinstance(value, float):
        return f'a decimal number ({value}); shares must be text like "2/3" or "80%"'
    if isinstance(value, (int, str)):
        return f"{type(value).__name__} {value!r}"
    return f"a {type(value).__name__}"


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
    reader = _Reader(text)
    vote = _build_vote(reader, data, setup_hash(text))
    if reader.problems or vote is None:
        raise SetupError(reader.problems or [SetupProblem(None, "", "the setup is incomplete")])
    return vote


def _build_vote(r: _Reader, data: dict[str, Any], digest: str) -> Vote | None:
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
    fmt = r.get(data, (), "format", int, f"the format number {SUPPORTED_FORMAT} as the first line")
    if fmt is not None and fmt != SUPPORTED_FORMAT:
        newer = "a newer version of steward_app" if fmt > SUPPORTED_FORMAT else "an unknown format"
        r.problem(("format",), f"is {fmt}, written for {newer}; this version reads format 1")
        return None

    vote_t = _table(r, data, (), "vote")
    title = r.get(vote_t, ("vote",), "title", str, "the vote's title as text")
    mode_text = r.get(
        vote_t, ("vote",), "mode", str, '"official" or "practice"', default="official"
    )
    mode = _enum(r, Mode, mode_text, ("vote", "mode"))
    note = r.get(vote_t, ("vote",), "note", str, "text", default="")
    vote_id = r.get(vote_t, ("vote",), "id", str, "a short id for the vote")
    overrides_text = r.get(
        vote_t,
        ("vote",),
        "overrides",
        str,
        '"union" or "coordinator"',
        default=Overrides.UNION.value,
    )
    overrides = _enum(r, Overrides, overrides_text, ("vote", "overrides"))
    r.unknown_keys(vote_t, ("vote",), {"id", "title", "mode", "note", "overrides"})

    rules = _tally_rules(r, data)
    coalition_t = _table(r, data, (), "coalition")
    coalition_name = r.get(coalition_t, ("coalition",), "name", str, "the coalition's name")
    r.unknown_keys(coalition_t, ("coalition",), {"name", "rule"})
    coalition_rule = _coalition_rule(r, coalition_t, rules)

    unions, units = _unions(r, data, rules)
    questions = _questions(r, data, rules, {u.id for u in units})
    agreements = _agreements(r, data, {q.id for q in questions})
    unions = abstentions(r, data, unions, {q.id for q in questions})
    if coalition_rule is not None:
        unions_asked_enough(r, coalition_rule, questions, units)
    from steward_app.domain.setup_roster import read_roster  # it reads with this module's tools

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
                f"asks for {coalition_rule.min_unions} unions but the setup lists {listed}",
            )
    if not questions and "questions" in data:
        pass
    elif not questions:
        r.problem(("questions",), "missing; expected at least one [[questions]] table")
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


def _table(r: _Reader, data: dict[str, Any], path: Path, key: str) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        r.problem(path + (key,), f"missing; expected a [{path_text(path + (key,))}] table")
        return {}
    if not isinstance(value, dict):
        r.problem(path + (key,), f"expected a table, written [{path_text(path + (key,))}]")
        return {}
    return value


E = TypeVar("E", bound=enum.Enum)


def _enum(r: _Reader, kind: type[E], text: str | None, path: Path) -> E | None:
    if text is None:
        return None
    for member in kind:
        if member.value == text:
            return member
    choices = " or ".join(f'"{m.value}"' for m in kind)
    r.problem(path, f'is "{text}"; expected {choices}')
    return None


def _tally_rules(r: _Reader, data: dict[str, Any]) -> dict[str, TallyRule]:
    rules = dict(BUILTIN_TALLY_RULES)
    table = data.get("tally_rules", {})
    if not isinstance(table, dict):
        r.problem(("tally_rules",), "expected tables written [tally_rules.NAME]")
        return rules
    for name, body in table.items():
        path: Path = ("tally_rules", name)
        if not isinstance(body, dict):
            r.problem(path, "expected a table with approve = ...")
            continue
        rule = _tally_rule(r, body, path)
        if rule is not None:
            rules[name] = rule
    return rules


def _tally_rule(r: _Reader, body: dict[str, Any], path: Path) -> TallyRule | None:
    r.unknown_keys(body, path, {"approve", "void", "quorum", "low_turnout", "turnout"})
    approve = r.parsed(
        path + ("approve",),
        body.get("approve", "more than 1/2"),
        Threshold.parse,
        'a threshold like "more than 1/2" or "at least 2/3"',
    )
    void = r.get(body, path, "void", str, '"excluded" or "counted"', default="excluded")
    if void not in ("excluded", "counted"):
        r.problem(path + ("void",), f'is "{void}"; expected "excluded" or "counted"')
    quorum = None
    if "quorum" in body:
        quorum = r.parsed(path + ("quorum",), body["quorum"], parse_share, 'a share like "30%"')
    low = None
    if "low_turnout" in body:
        low_t = body["low_turnout"]
        lpath = path + ("low_turnout",)
        if not isinstance(low_t, dict):
            r.problem(lpath, 'expected { below = "50%", reject = "at least 2/3" }')
        else:
            r.unknown_keys(low_t, lpath, {"below", "reject"})
            below = r.parsed(lpath + ("below",), low_t.get("below"), parse_share, "a share")
            reject = r.parsed(
                lpath + ("reject",), low_t.get("reject"), Threshold.parse, "a threshold"
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


def _rule_ref(r: _Reader, value: Any, path: Path, rules: dict[str, TallyRule]) -> TallyRule | None:
    if isinstance(value, dict):
        return _tally_rule(r, value, path)
    if isinstance(value, str):
        if value in rules:
            return rules[value]
        names = ", ".join(sorted(rules))
        r.problem(path, f'names no tally rule "{value}"; known: {names}')
        return None
    r.problem(path, f"is {_describe(value)}; expected the name of a tally rule")
    return None


def _coalition_rule(
    r: _Reader, coalition_t: dict[str, Any], rules: dict[str, TallyRule]
) -> CoalitionRule | None:
    path: Path = ("coalition", "rule")
    body = coalition_t.get("rule")
    if body is None:
        return CoalitionRule()  # no coalition result: each union or unit ratifies for itself
    if not isinstance(body, dict):
        r.problem(path, "expected a table, written [coalition.rule], with at least one test")
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
            path + ("membership",), body["membership"], Threshold.parse, 'e.g. "at least 80%"'
        )
    base_text = r.get(body, path, "membership_base", str, '"all" or "voting"', default="all")
    base = _enum(r, MembershipBase, base_text, path + ("membership_base",))
    max_opposed = None
    if "max_opposed" in body:
        max_opposed = r.count(body, path, "max_opposed", minimum=0, maximum=MAX_MEMBERSHIP)
    per_vote = block = None
    if "block_votes" in body:
        bpath = path + ("block_votes",)
        bt = body["block_votes"]
        if not isinstance(bt, dict):
            r.problem(bpath, 'expected { members_per_vote = 1000, approve = "more than 1/2" }')
        else:
            r.unknown_keys(bt, bpath, {"members_per_vote", "approve"})
            per_vote = r.count(bt, bpath, "members_per_vote", minimum=1, maximum=MAX_MEMBERSHIP)
            block = r.parsed(
                bpath + ("approve",),
                bt.get("approve", "more than 1/2"),
                Threshold.parse,
                'a threshold like "more than 1/2"',
            )
    pooled = None
    if "pooled" in body:
        pooled = _rule_ref(r, body["pooled"], path + ("pooled",), rules)
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
            "has no test; give min_unions, min_unions_share, membership, max_opposed, "
            "max_opposed_share, block_votes or pooled (or leave [coalition.rule] out when "
            "each union ratifies for itself)",
        )
    return rule


def _unions(
    r: _Reader, data: dict[str, Any], rules: dict[str, TallyRule]
) -> tuple[list[Union], list[Unit]]:
    unions: list[Union] = []
    units: list[Unit] = []
    seen_unions: set[str] = set()
    seen_units: set[str] = set()
    subgroup_refs: list[tuple[Path, str, str]] = []
    tables = r.table_list(data, (), "unions")
    if not tables:
        r.problem(("unions",), "missing; expected one [[unions]] table per union")
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
        name = r.get(ut, path, "name", str, "the union's name")
        membership = r.count(ut, path, "membership", minimum=1, maximum=MAX_MEMBERSHIP)
        source = r.get(ut, path, "membership_source", str, "where the figure came from")
        as_of = ut.get("membership_as_of")
        if as_of is None:
            r.problem(path + ("membership_as_of",), "missing; expected a date like 2011-06-01")
        tally = _rule_ref(r, ut.get("tally_rule", "majority"), path + ("tally_rule",), rules)
        decides = r.get(ut, path, "decides", str, '"pooled" or "by_units"', default="pooled")
        rule = None
        if tally is not None:
            rule = _union_rule(r, ut, path, decides, tally)
        unit_ids: list[str] = []
        subgroup_ids: list[str] = []
        unit_tables = r.table_list(ut, path, "units")
        if not unit_tables:
            r.problem(path + ("units",), "missing; every union needs at least one [[unions.units]]")
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
                    f"asks for {rule.count} units but the union has {regular}",
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
            r.problem(path, f'"{parent}" is not a unit of the same union')
    return unions, units


def _union_rule(
    r: _Reader, ut: dict[str, Any], path: Path, decides: str | None, tally: TallyRule
) -> UnionRule | None:
    if decides == "pooled":
        if "units_required" in ut:
            r.problem(path + ("units_required",), 'only applies when decides = "by_units"')
        return UnionRule(tally, pooled=True)
    if decides != "by_units":
        r.problem(path + ("decides",), f'is "{decides}"; expected "pooled" or "by_units"')
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
            'a threshold like "more than 1/2"',
        )
        if share is None:
            return None
        return UnionRule(tally, pooled=False, required=UnitsRequired.MEMBERSHIP_SHARE, share=share)
    r.problem(rpath, f"expected {expected}")
    return None


def _unit(r: _Reader, nt: dict[str, Any], path: Path, union_id: str, seen: set[str]) -> Unit | None:
    r.unknown_keys(nt, path, {"id", "name", "eligible", "parts", "subgroup_of", "advisory"})
    unit_id = r.id(nt, path, seen)
    name = r.get(nt, path, "name", str, "the unit's name")
    eligible = r.count(nt, path, "eligible", minimum=1, maximum=MAX_BALLOTS)
    parts = nt.get("parts", [])
    if not isinstance(parts, list) or not all(isinstance(p, str) and ID_RE.match(p) for p in parts):
        r.problem(path + ("parts",), 'expected a list of short ids, e.g. ["hall-a", "mail"]')
        parts = []
    elif len(set(parts)) != len(parts):
        r.problem(path + ("parts",), "lists a part twice")
    subgroup_of = r.get(nt, path, "subgroup_of", str, "the id of the parent unit", required=False)
    advisory = r.get(nt, path, "advisory", bool, "true or false", default=False)
    if advisory and subgroup_of is None:
        r.problem(path + ("advisory",), "only a sub-group (with subgroup_of) can be advisory")
    if unit_id is None or name is None or eligible is None:
        return None
    return Unit(unit_id, name, union_id, eligible, tuple(parts), subgroup_of, bool(advisory))


def _questions(
    r: _Reader, data: dict[str, Any], rules: dict[str, TallyRule], unit_ids: set[str]
) -> list[Question]:
    out: list[Question] = []
    seen: set[str] = set()
    for i, qt in enumerate(r.table_list(data, (), "questions")):
        path: Path = ("questions", i)
        r.unknown_keys(qt, path, {"id", "text", "scope", "tally_rule", "units"})
        qid = r.id(qt, path, seen)
        text = r.get(qt, path, "text", str, "the question as printed on the ballot")
        scope = _enum(
            r,
            Scope,
            r.get(qt, path, "scope", str, '"coalition" or "unit"', default="coalition"),
            path + ("scope",),
        )
        tally = None
        if "tally_rule" in qt:
            tally = _rule_ref(r, qt["tally_rule"], path + ("tally_rule",), rules)
        asked = qt.get("units", [])
        if not isinstance(asked, list) or any(
            not isinstance(u, str) or u not in unit_ids for u in asked
        ):
            unknown = (
                [u for u in asked if not isinstance(u, str) or u not in unit_ids]
                if isinstance(asked, list)
                else []
            )
            r.problem(path + ("units",), f"names units that do not exist: {unknown}")
            asked = []
        if qid and text and scope:
            out.append(Question(qid, text, scope, tally, tuple(asked)))
    return out


def _agreements(r: _Reader, data: dict[str, Any], question_ids: set[str]) -> list[Agreement]:
    out: list[Agreement] = []
    seen: set[str] = set()
    for i, at in enumerate(r.table_list(data, (), "agreements")):
        path: Path = ("agreements", i)
        r.unknown_keys(at, path, {"id", "name", "parts", "master"})
        aid = r.id(at, path, seen)
        name = r.get(at, path, "name", str, "the agreement's name")
        parts = at.get("parts")
        if not isinstance(parts, list) or not parts:
            r.problem(path + ("parts",), "expected a list of question ids that must all pass")
            continue
        missing = [p for p in parts if not isinstance(p, str) or p not in question_ids]
        if missing:
            r.problem(path + ("parts",), f"names questions that do not exist: {missing}")
            continue
        master = master_part(r, at, path, parts)
        if aid and name:
            out.append(Agreement(aid, name, tuple(parts), master))
    return out
