"""How deeply a JSON or TOML text nests, found before any parser reads it.

Python's JSON and TOML readers go one call deeper per level: a hand-made tally file or setup
nested 100,000 deep raises RecursionError inside them, and TOML's dotted keys (`a.a.a...`)
nested that deep take memory without end. Nothing this project writes nests more than a few
levels (an entry: 3; a manifest: 3; a setup: 4), so a text nesting more than MAX_DEPTH is
refused before it is parsed. The scans are linear and skip the insides of strings.
"""

from __future__ import annotations

import re

MAX_DEPTH = 32

_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"')
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
# TOML strings (multi-line first) and comments: their brackets and dots are not structure
_TOML_SKIP = re.compile(
    r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"[^"\\\n]*(?:\\.[^"\\\n]*)*"|\'[^\'\n]*\'|#[^\n]*'
)


def _deepest(text: str) -> int:
    """The greatest depth of the brackets in `text` (everything else ignored)."""
    depth = deepest = 0
    for ch in _NOT_BRACKET.sub("", text):
        if ch in "[{":
            depth += 1
            deepest = max(deepest, depth)
        else:
            depth -= 1
    return deepest


def json_too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON `text` nests arrays and objects more than `limit` deep."""
    if text.count("[") + text.count("{") <= limit:  # the common case, at C speed
        return False
    return _deepest(_JSON_STRING.sub("", text)) > limit


def toml_too_deep(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether the TOML `text` nests more than `limit` deep: arrays and inline tables, or
    more than `limit` dots on one line outside strings (dotted keys and table headers)."""
    structure = _TOML_SKIP.sub('""', text)
    if structure.count("[") + structure.count("{") > limit and _deepest(structure) > limit:
        return True
    return structure.count(".") > limit and any(
        line.count(".") > limit for line in structure.splitlines()
    )
