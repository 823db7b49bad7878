"""Setups kept parsed: each setup's TOML as plain data, so a command need not parse it again.

Parsing the TOML is most of the cost of reading a setup (tomllib is pure Python: about 2.3 s
for a 10,000-unit setup, 42% of `standings --json` on it). The parsed data is stored as JSON
in the table `parsed_setups`, keyed by the sha256 of the setup's exact text; reading it back
with the C JSON decoder takes a few percent of that. The vote is then built and checked from
the data by `domain.setup_file.parse_setup`, exactly as from a fresh parse, so a change in the
checks applies to cached setups too.

The rows are derived data, like the slots table: the setup entries stay the source. A row is
written with the setup entry it belongs to (a new vote), or else with the next transaction that
writes anything after the setup had to be parsed from its text (store.vote_store): never by a
read, nor by an action refused after its checks, which leave the file as it was. A row whose
text is no longer a setup entry of the database is deleted when rows are next written.
TOML's dates and times are kept as `{"\u0000toml": [kind, ISO text]}`; data that does not
come back equal after encoding (a NaN, or a table of that very shape) is not kept, and such a
setup is parsed from its text every time, as before.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Collection, Iterable, Mapping
from typing import Any

from sqlalchemy import Connection

FORM = 1  # the encoding of `data`; rows of another form are ignored (and replaced)


def text_key(text: str) -> str:
    """The key of a setup's text: sha256 of its exact bytes (line endings included)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


TAG = "\u0000toml"  # the key of a date or time written as an object


def _tagged(value: object) -> dict[str, list[str]]:
    # datetime before date: a datetime is a date too
    for kind, cls in (("datetime", dt.datetime), ("date", dt.date), ("time", dt.time)):
        if isinstance(value, cls):
            return {TAG: [kind, value.isoformat()]}
    raise TypeError(f"cannot keep a {type(value).__name__}")


_KINDS: dict[str, Any] = {
    "datetime": dt.datetime.fromisoformat,
    "date": dt.date.fromisoformat,
    "time": dt.time.fromisoformat,
}


def _untagged(table: dict[str, Any]) -> Any:
    if len(table) == 1 and TAG in table:
        kind, text = table[TAG]
        return _KINDS[kind](text)
    return table


def decode(encoded: str) -> Any:
    return json.loads(encoded, object_hook=_untagged)


def encode(data: Mapping[str, Any]) -> str | None:
    """The data as JSON, or None when decoding it would not give back the same data."""
    try:
        encoded = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=_tagged)
        return encoded if decode(encoded) == data else None
    except (TypeError, ValueError, KeyError):
        return None


def cached(conn: Connection, texts: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The parsed data kept for these setup texts (text -> data); texts not kept are absent."""
    by_key = {text_key(t): t for t in texts}
    if not by_key:
        return {}
    marks = ",".join("?" * len(by_key))
    rows = conn.exec_driver_sql(
        f"SELECT text_hash, data FROM parsed_setups WHERE form = ? AND text_hash IN ({marks})",
        (FORM, *by_key),
    ).all()
    found: dict[str, dict[str, Any]] = {}
    for key, data in rows:
        try:
            value = decode(data)
        except (TypeError, ValueError, KeyError):
            continue  # a damaged row: the setup is parsed from its text instead
        if isinstance(value, dict):
            found[by_key[key]] = value
    return found


def keep(conn: Connection, rows: Mapping[str, str], live: Collection[str]) -> None:
    """Store `rows` (text key -> encoded data) and delete rows whose key is not in `live`
    (the keys of the setup entries the database holds)."""
    if rows:
        conn.exec_driver_sql(
            "INSERT OR REPLACE INTO parsed_setups (text_hash, form, data) VALUES (?, ?, ?)",
            [(key, FORM, data) for key, data in rows.items()],
        )
    marks = ",".join("?" * len(live))
    conn.exec_driver_sql(f"DELETE FROM parsed_setups WHERE text_hash NOT IN ({marks})", tuple(live))
