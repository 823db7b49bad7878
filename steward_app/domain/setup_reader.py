"""The reader of a setup file: typed access to its parsed TOML that records every problem with
its line and key instead of raising (docs/setup-format.md).

setup_file, setup_rules, setup_tallies and setup_roster read their tables with it.
"""

from __future__ import annotations

import enum
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from steward_app.domain.language import _, number

ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")

Path = tuple[str | int, ...]
T = TypeVar("T")


@dataclass(frozen=True)
class SetupProblem:
    line: int | None
    key: str
    message: str

    def __str__(self) -> str:
        # TRANSLATORS: where in the setup file a mistake is: "line 12", or the whole "file"
        where = _("line {line}").format(line=self.line) if self.line else _("file")
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


class LineLocator:
    """Find the line of a key in hand-written TOML (tables, arrays of tables, plain keys)."""

    _HEADER = re.compile(r"^\s*(\[\[?)\s*([A-Za-z0-9_.\-\" ]+?)\s*\]\]?\s*(#.*)?$")
    _KEY = re.compile(r"^\s*([A-Za-z0-9_\-\"]+(?:\s*\.\s*[A-Za-z0-9_\-\"]+)*)\s*=")

    def __init__(self, text: str) -> None:
        self.lines: dict[Path, int] = {}
        counters: dict[Path, int] = {}
        table: Path = ()
        depth = 0  # open brackets of a multi-line array or inline table
        for line_number, line in enumerate(text.splitlines(), start=1):
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
                self.lines.setdefault(table, line_number)
                continue
            if depth == 0 and (key := self._KEY.match(line)):
                names = [n.strip().strip('"') for n in key.group(1).split(".")]
                self.lines.setdefault(table + tuple(names), line_number)
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


class Reader:
    """Typed access to the parsed TOML that records problems instead of raising."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._locator: LineLocator | None = None
        self.problems: list[SetupProblem] = []

    @property
    def locator(self) -> LineLocator:
        """Built on the first problem: line numbers serve only error messages, and indexing
        every line of a 10,000-unit setup costs a third of a second on each clean parse."""
        if self._locator is None:
            self._locator = LineLocator(self.text)
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
                self.problem(
                    path + (key,), _("missing; expected {expected}").format(expected=expected)
                )
            return default
        value = table[key]
        # bool is an int in Python; a count must not be true/false
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            self.problem(
                path + (key,),
                _("is {value}; expected {expected}").format(
                    value=describe(value), expected=expected
                ),
            )
            return default
        return value

    def id(self, table: dict[str, Any], path: Path, seen: set[str]) -> str | None:
        value = self.get(
            table, path, "id", str, _("a short id of letters, digits, '-', '_' or '.'")
        )
        if value is None:
            return None
        if not ID_RE.match(value):
            self.problem(
                path + ("id",),
                _(
                    '"{value}" is not a usable id; use letters, digits, "-", "_" or "." (at most '
                    "64, starting with a letter or digit)"
                ).format(value=value),
            )
            return None
        if value in seen:
            self.problem(
                path + ("id",),
                _('"{value}" is used twice; every id must be unique').format(value=value),
            )
            return None
        seen.add(value)
        return value

    def count(
        self, table: dict[str, Any], path: Path, key: str, minimum: int = 0, maximum: int = 0
    ) -> int | None:
        value = self.get(
            table, path, key, int, _("a whole number of at least {minimum}").format(minimum=minimum)
        )
        if value is not None and value < minimum:
            self.problem(
                path + (key,),
                _("is {value}; expected a whole number of at least {minimum}").format(
                    value=value, minimum=minimum
                ),
            )
            return None
        if value is not None and maximum and value > maximum:
            self.problem(
                path + (key,),
                _(
                    "is {value}; the most this version accepts is {maximum} (docs/checks.md, "
                    '"Bounds"): check the figure'
                ).format(value=number(value), maximum=number(maximum)),
            )
            return None
        return value

    def parsed(self, path: Path, text: Any, parse: Callable[[str], T], expected: str) -> T | None:
        if text is None:
            self.problem(
                path, _("missing; expected {expected} written as text").format(expected=expected)
            )
            return None
        if not isinstance(text, str):
            self.problem(
                path,
                _("is {text}; expected {expected} written as text").format(
                    text=describe(text), expected=expected
                ),
            )
            return None
        try:
            return parse(text)
        except ValueError as exc:
            self.problem(path, str(exc))
            return None

    def table_list(self, data: dict[str, Any], path: Path, key: str) -> list[dict[str, Any]]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
            self.problem(
                path + (key,), _("expected a list of tables, written [[{key}]]").format(key=key)
            )
            return []
        return value

    def unknown_keys(self, table: dict[str, Any], path: Path, known: set[str]) -> None:
        for key in table:
            if key not in known:
                choices = ", ".join(sorted(known))
                self.problem(
                    path + (key,),
                    _("is not a known setting here; known: {choices}").format(choices=choices),
                )


def describe(value: Any) -> str:
    if isinstance(value, bool):
        return _("true/false ({lower})").format(lower=str(value).lower())
    if isinstance(value, float):
        return _('a decimal number ({value}); shares must be text like "2/3" or "80%"').format(
            value=value
        )
    if isinstance(value, (int, str)):
        return f"{type(value).__name__} {value!r}"
    return f"a {type(value).__name__}"


def required_table(r: Reader, data: dict[str, Any], path: Path, key: str) -> dict[str, Any]:
    value = data.get(key)
    if value is None:
        r.problem(
            path + (key,),
            _("missing; expected a [{value}] table").format(value=path_text(path + (key,))),
        )
        return {}
    if not isinstance(value, dict):
        r.problem(
            path + (key,),
            _("expected a table, written [{value}]").format(value=path_text(path + (key,))),
        )
        return {}
    return value


E = TypeVar("E", bound=enum.Enum)


def enum_member(r: Reader, kind: type[E], text: str | None, path: Path) -> E | None:
    if text is None:
        return None
    for member in kind:
        if member.value == text:
            return member
    choices = " or ".join(f'"{m.value}"' for m in kind)
    r.problem(path, _('is "{text}"; expected {choices}').format(text=text, choices=choices))
    return None
