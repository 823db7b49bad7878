"""The setup's `[coordinator]` and `[[stewards]]` tables: which keys may sign for the vote.

Read with the setup reader (setup_reader.py), so mistakes are reported with their lines like
any other (docs/setup-format.md, "who may sign").
"""

from __future__ import annotations

from typing import Any

from steward_app.domain.identity import key_bytes, key_text
from steward_app.domain.language import _
from steward_app.domain.setup_reader import Path, Reader, describe, required_table
from steward_app.domain.vote import EVERY_UNION, Roster, StewardKey


def _key(r: Reader, table: dict[str, Any], path: Path) -> str | None:
    text = r.get(table, path, "key", str, _("the public key shown by `steward-app keys show`"))
    if text is None:
        return None
    try:
        return key_text(key_bytes(text))
    except ValueError as exc:
        r.problem(path + ("key",), str(exc))
        return None


def read_roster(r: Reader, data: dict[str, Any], union_ids: set[str]) -> Roster:
    """[coordinator] and [[stewards]]: the keys that may sign for this vote (both optional)."""
    coordinator_key: str | None = None
    coordinator_name = ""
    if "coordinator" in data:
        table = required_table(r, data, (), "coordinator")
        r.unknown_keys(table, ("coordinator",), {"key", "name"})
        coordinator_key = _key(r, table, ("coordinator",))
        coordinator_name = (
            r.get(table, ("coordinator",), "name", str, _("a label"), default="") or ""
        )
    stewards: list[StewardKey] = []
    seen: dict[str, int] = {}
    for i, st in enumerate(r.table_list(data, (), "stewards")):
        path: Path = ("stewards", i)
        r.unknown_keys(st, path, {"key", "name", "unions"})
        key = _key(r, st, path)
        name = r.get(st, path, "name", str, _("a label such as the steward and the PC"))
        unions = _steward_unions(r, st, path, union_ids)
        if key is not None and key in seen:
            r.problem(
                path + ("key",),
                _("is also the key of stewards[{value}]; list a key once").format(
                    value=seen[key] + 1
                ),
            )
            continue
        if key is not None and key == coordinator_key:
            r.problem(
                path + ("key",),
                _("is the coordinator's key, which may report for every union; leave it out here"),
            )
            continue
        if key is not None:
            seen[key] = i
        if key is not None and name is not None and unions is not None:
            stewards.append(StewardKey(key, name, unions))
    return Roster(coordinator_key, coordinator_name, tuple(stewards))


def _steward_unions(
    r: Reader, table: dict[str, Any], path: Path, union_ids: set[str]
) -> tuple[str, ...] | None:
    value = table.get("unions")
    expected = f'"{EVERY_UNION}" or a list of union ids, e.g. ["afscme", "local-511"]'
    if value is None:
        r.problem(path + ("unions",), _("missing; expected {expected}").format(expected=expected))
        return None
    if value == EVERY_UNION:
        return (EVERY_UNION,)
    if not isinstance(value, list) or not value or not all(isinstance(u, str) for u in value):
        r.problem(
            path + ("unions",),
            _("is {value}; expected {expected}").format(value=describe(value), expected=expected),
        )
        return None
    unknown = [u for u in value if u not in union_ids]
    if unknown and union_ids:
        r.problem(
            path + ("unions",),
            _("names unions that do not exist: {unknown}").format(unknown=unknown),
        )
        return None
    return tuple(value)
