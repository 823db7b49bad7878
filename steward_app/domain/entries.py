"""Entries: the append-only record of everything a steward enters, addressed by content.

Each entry is one line of canonical JSON. Its id is the sha256 of a fixed prefix and those
exact bytes, which are stored and later exported verbatim (never re-serialised to verify).
Each origin (a steward on a PC) numbers its entries 1, 2, 3... and names the id of its previous
entry, so an origin's entries form a hash chain that one signature can later vouch for.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from steward_app.domain.entry_codec import (
    EntryWriter,
    SlotKeys,
    chain_fields,
    read_canonical_count,
    unchecked_entry,
)
from steward_app.domain.entry_model import (
    ACCEPT_KEY,
    ENTRY_VERSION,
    GENESIS,
    HASH_PREFIX,
    SETUP_KEY,
    Entry,
    EntryKey,
    EntryType,
    KeyKind,
    canonical,
    entry_hash,
    values_body,
)
from steward_app.domain.language import _, number
from steward_app.domain.nesting import MAX_DEPTH, json_too_deep

# the model and the fast codec are read through this module, as they always were
__all__ = [
    "ACCEPT_KEY",
    "ENTRY_VERSION",
    "GENESIS",
    "HASH_PREFIX",
    "MAX_NUMBER",
    "SETUP_KEY",
    "Entry",
    "EntryKey",
    "EntryTooNew",
    "EntryType",
    "EntryWriter",
    "KeyKind",
    "SlotKeys",
    "canonical",
    "chain_fields",
    "entry_hash",
    "heads",
    "make_entry",
    "parse_entry",
    "read_entry",
    "retracted",
    "values_body",
]


def make_entry(
    *,
    vote: str,
    type: EntryType,
    origin: str,
    seq: int,
    prev: str,
    key: EntryKey,
    body: Mapping[str, Any],
    steward: str,
    pc: str,
    recorded_at: str,
    supersedes: Sequence[str] = (),
    reason: str | None = None,
) -> Entry:
    """Build an entry and its canonical bytes (one entry: an EntryWriter that writes one)."""
    writer = EntryWriter(vote, origin, steward, pc, recorded_at)
    return writer.write(seq, prev, type, key, body, supersedes, reason)


def parse_entry(raw: bytes) -> Entry:
    """Read an entry from its stored bytes (raises ValueError on anything malformed)."""
    try:
        return _from_obj(raw, json.loads(raw), entry_hash(raw))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(_("not a valid entry: {why}").format(why=exc)) from exc


def _from_obj(raw: bytes, obj: dict[str, Any], digest: str) -> Entry:
    key = obj["key"]
    author = obj["author"]
    return Entry(
        id=digest,
        raw=raw,
        vote=obj["vote"],
        type=EntryType(obj["type"]),
        origin=obj["origin"],
        seq=int(obj["seq"]),
        prev=obj["prev"],
        key=EntryKey(key["kind"], key["q"], key["unit"], key["part"]),
        body=obj["body"],
        supersedes=tuple(obj["supersedes"]),
        reason=obj["reason"],
        steward=author["steward"],
        pc=author["pc"],
        recorded_at=obj["wall"],
    )


# --- reading entries from elsewhere ------------------------------------------------------


class EntryTooNew(ValueError):
    """An entry written by a newer version of the format (a higher `v`, an unknown type)."""


_FIELDS = frozenset(
    {"v", "vote", "type", "origin", "seq", "prev", "key", "body", "supersedes", "reason"}
    | {"author", "wall"}
)
_KIND_OF = {
    EntryType.SETUP: KeyKind.SETUP.value,
    EntryType.COUNT_ENTERED: KeyKind.COUNT.value,
    EntryType.COUNT_CORRECTED: KeyKind.COUNT.value,
    EntryType.COUNT_RESOLVED: KeyKind.COUNT.value,
    EntryType.COUNT_RETRACTED: KeyKind.COUNT.value,
    EntryType.OUTCOME_DECLARED: KeyKind.DECLARED.value,
    EntryType.ENTRIES_ACCEPTED: KeyKind.ACCEPT.value,
}
_TYPES = {t.value: t for t in EntryType}
_COUNT_FIELDS = frozenset({"yes", "no", "void", "challenged", "eligible", "final"})
MAX_NUMBER = 10**15 - 1  # counts and sequence numbers: far beyond any vote, within SQLite's
_COUNT_TYPES = frozenset(t for t in EntryType if t.has_numbers)


def _no_number(text: str) -> Any:
    raise ValueError(_("{text} is not a whole number").format(text=text))


def _is_hash(value: Any) -> bool:
    return type(value) is str and _HEX_ID.fullmatch(value) is not None


def _text(value: Any, name: str, limit: int) -> None:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError(
            _("{name} must be text of at most {limit} characters").format(
                name=name, limit=number(limit)
            )
        )


_DECODER = json.JSONDecoder(parse_float=_no_number, parse_constant=_no_number)
_HEX_ID = re.compile(r"[0-9a-f]{64}")
_KEY_FIELDS = frozenset({"kind", "q", "unit", "part"})
_AUTHOR_FIELDS = frozenset({"steward", "pc"})


def read_entry(raw: bytes, digest: str, keys: SlotKeys | None = None) -> Entry:
    """Read an entry that came from another PC, checking its whole shape.

    Raises EntryTooNew for a later version or an unknown type, ValueError for anything else
    that is not an entry this version writes. `digest` is entry_hash(raw), already computed;
    `keys`, shared by the reads of one file, lets count entries of one slot share their key.
    (Written for speed: an import reads every new entry through here.)
    """
    text = raw.decode("utf-8")
    fast = read_canonical_count(text, raw, digest, keys)
    if fast is not None:
        return fast
    return _read_json(text, raw, digest)


def _read_json(text: str, raw: bytes, digest: str) -> Entry:
    """read_entry's full reader: any entry, every check spelled out (the fast reader's
    reference: tests/domain/test_entry_reader.py checks they agree)."""
    if json_too_deep(text):  # before the JSON reader, which recurses per level
        raise ValueError(_("it nests more than {depth} levels deep").format(depth=MAX_DEPTH))
    obj = _DECODER.decode(text)
    if type(obj) is not dict:
        raise ValueError(_("an entry is a JSON object"))
    v = obj.get("v")
    if type(v) is not int or v < 1:
        raise ValueError(_("v is {value}").format(value=repr(v)))
    if v > ENTRY_VERSION:
        raise EntryTooNew(_("entry version {version}").format(version=v))
    type_name = obj.get("type")
    if type(type_name) is not str or not type_name:  # missing or mistyped: damaged, not newer
        raise ValueError(
            _("type is {value}, not the name of an entry type").format(value=repr(type_name))
        )
    kind = _TYPES.get(type_name)
    if kind is None:  # a type this version does not know: a later version wrote it
        raise EntryTooNew(_("entry type {name}").format(name=repr(type_name)))
    if obj.keys() != _FIELDS:
        raise ValueError(
            _("fields {fields} are missing or unknown").format(fields=sorted(obj.keys() ^ _FIELDS))
        )
    vote, prev, origin, seq = obj["vote"], obj["prev"], obj["origin"], obj["seq"]
    if (
        type(vote) is not str
        or type(prev) is not str
        or not _HEX_ID.fullmatch(vote)
        or not _HEX_ID.fullmatch(prev)
    ):
        raise ValueError(_("vote and prev are sha256 ids"))
    if (
        type(origin) is not str
        or len(origin) != 16
        or type(seq) is not int
        or not 1 <= seq <= MAX_NUMBER
    ):
        raise ValueError(_("origin is 16 characters and seq a whole number from 1"))
    key = obj["key"]
    if type(key) is not dict or key.keys() != _KEY_FIELDS:
        raise ValueError(_("key has kind, q, unit and part"))
    q, unit, part = key["q"], key["unit"], key["part"]
    if (
        type(q) is not str
        or type(unit) is not str
        or type(part) is not str
        or max(len(q), len(unit), len(part)) > 64
    ):
        raise ValueError(_("key's q, unit and part are text of at most 64 characters"))
    if key["kind"] != _KIND_OF[kind]:
        raise ValueError(
            _("a {type} entry has a {kind} key").format(type=kind.value, kind=repr(key["kind"]))
        )
    supersedes = obj["supersedes"]
    if type(supersedes) is not list or not all(
        type(t) is str and _HEX_ID.fullmatch(t) for t in supersedes
    ):
        raise ValueError(_("supersedes is a list of sha256 ids"))
    if len(set(supersedes)) != len(supersedes):
        raise ValueError(_("supersedes names an entry twice"))
    reason = obj["reason"]
    if reason is not None:
        _text(reason, "reason", 10_000)
    if kind is EntryType.COUNT_RETRACTED:
        _check_retraction(supersedes, reason)
    author = obj["author"]
    if type(author) is not dict or author.keys() != _AUTHOR_FIELDS:
        raise ValueError(_("author has steward and pc"))
    steward, pc, wall = author["steward"], author["pc"], obj["wall"]
    if (
        type(steward) is not str
        or type(pc) is not str
        or type(wall) is not str
        or len(steward) > 200
        or len(pc) > 200
        or len(wall) > 40
    ):
        raise ValueError(_("author and wall are short texts"))
    body = obj["body"]
    _check_body(kind, body)
    entry_key = object.__new__(EntryKey)
    entry_key.__dict__.update(kind=key["kind"], question=q, unit=unit, part=part)
    return unchecked_entry(
        id=digest,
        raw=raw,
        vote=vote,
        type=kind,
        origin=origin,
        seq=seq,
        prev=prev,
        key=entry_key,
        body=body,
        supersedes=tuple(supersedes),
        reason=reason,
        steward=steward,
        pc=pc,
        recorded_at=wall,
    )


def _check_retraction(supersedes: list[str], reason: str | None) -> None:
    """An undo names exactly the one entry it voids, and says why."""
    if len(supersedes) != 1:
        raise ValueError(
            _("a retraction names one entry to undo, not {count}").format(count=len(supersedes))
        )
    if not reason:
        raise ValueError(_("a retraction has a reason"))


def _check_body(kind: EntryType, body: Any) -> None:
    if type(body) is not dict:
        raise ValueError(_("body is an object"))
    if kind is EntryType.COUNT_RETRACTED:
        if body:
            raise ValueError(_("a retraction carries no numbers: its body is empty"))
        return
    if kind in _COUNT_TYPES:
        if not _COUNT_FIELDS.issuperset(body):
            raise ValueError(
                _("unknown count fields {fields}").format(fields=sorted(set(body) - _COUNT_FIELDS))
            )
        yes, no = body.get("yes"), body.get("no")
        if type(yes) is not int or type(no) is not int or min(yes, no) < 0:
            raise ValueError(_("yes and no are whole numbers of at least 0"))
        for name in ("yes", "no", "void", "challenged", "eligible"):
            value = body.get(name)
            if value is not None and (type(value) is not int or not 0 <= value <= MAX_NUMBER):
                raise ValueError(
                    _("{name} is {value}, not a whole number from 0 to 10^15").format(
                        name=name, value=repr(value)
                    )
                )
        if type(body.get("final", False)) is not bool:
            raise ValueError(_("final is true or false"))
    elif kind is EntryType.SETUP:
        if body.keys() != {"toml"} or not isinstance(body["toml"], str):
            raise ValueError(_("a setup body holds the setup text"))
    elif kind is EntryType.OUTCOME_DECLARED:
        if body.keys() != {"outcome", "note"} or not all(isinstance(x, str) for x in body.values()):
            raise ValueError(_("a declared outcome has an outcome and a note"))
    elif kind is EntryType.ENTRIES_ACCEPTED:
        ids = body.get("entries")
        if body.keys() != {"entries"} or not isinstance(ids, list) or not ids:
            raise ValueError(_("an acceptance names the entries it accepts"))
        if not all(_is_hash(i) for i in ids):
            raise ValueError(_("an acceptance names entries by their sha256 ids"))


def retracted(entries: Iterable[Entry]) -> set[str]:
    """The ids that a retraction (an undo) among these entries names."""
    return {t for e in entries if e.type is EntryType.COUNT_RETRACTED for t in e.supersedes}


def heads(entries: Sequence[Entry]) -> list[Entry]:
    """Entries of one key that no entry of the same key supersedes (order-independent).

    A retracted entry is void: not a head, and what it superseded counts again (an undone
    correction brings the old count back). A retraction is never a head itself, and its own
    supersession always holds (retracting a retraction changes nothing: redo is a new entry).
    This is the reference the store's `supersessions` table follows (store.entry_log.append).
    """
    void = retracted(entries)
    superseded = set(void)
    for e in entries:
        if e.type is EntryType.COUNT_RETRACTED:
            superseded.add(e.id)
        elif e.id not in void:
            superseded.update(e.supersedes)
    return [e for e in entries if e.id not in superseded]
