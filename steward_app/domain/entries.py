"""Entries: the append-only record of everything a steward enters, addressed by content.

Each entry is one line of canonical JSON. Its id is the sha256 of a fixed prefix and those
exact bytes, which are stored and later exported verbatim (never re-serialised to verify).
Each origin (a steward on a PC) numbers its entries 1, 2, 3... and names the id of its previous
entry, so an origin's entries form a hash chain that one signature can later vouch for.
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from steward_app.domain.counts import CountValues, SlotKey

ENTRY_VERSION = 1
HASH_PREFIX = b"steward_app/v1/entry\0"
GENESIS = "0" * 64


class EntryType(enum.Enum):
    SETUP = "setup"
    COUNT_ENTERED = "count.entered"
    COUNT_CORRECTED = "count.corrected"
    COUNT_RESOLVED = "count.resolved"
    OUTCOME_DECLARED = "outcome.declared"

    @property
    def is_count(self) -> bool:
        return self in (
            EntryType.COUNT_ENTERED,
            EntryType.COUNT_CORRECTED,
            EntryType.COUNT_RESOLVED,
        )


class KeyKind(enum.Enum):
    SETUP = "setup"
    COUNT = "count"
    DECLARED = "declared"  # the outcome a coalition or union declares, per question


@dataclass(frozen=True, order=True)
class EntryKey:
    kind: str
    question: str = ""
    unit: str = ""  # for a declared outcome: "" for the coalition, else a union id
    part: str = ""

    @classmethod
    def count(cls, slot: SlotKey) -> EntryKey:
        return cls(KeyKind.COUNT.value, slot.question, slot.unit, slot.part)

    @property
    def slot(self) -> SlotKey:
        return SlotKey(self.question, self.unit, self.part)


SETUP_KEY = EntryKey(KeyKind.SETUP.value)


@dataclass(frozen=True)
class Entry:
    id: str  # hex sha256 of HASH_PREFIX + raw
    raw: bytes
    vote: str
    type: EntryType
    origin: str
    seq: int
    prev: str
    key: EntryKey
    body: Mapping[str, Any]
    supersedes: tuple[str, ...]
    reason: str | None
    steward: str
    pc: str
    recorded_at: str  # the PC's wall clock, ISO 8601 with offset; for people, never for merging

    @property
    def values(self) -> CountValues:
        b = self.body
        return CountValues(
            yes=b["yes"],
            no=b["no"],
            void=b.get("void", 0),
            challenged=b.get("challenged", 0),
            eligible=b.get("eligible"),
            final=bool(b.get("final", False)),
        )


def entry_hash(raw: bytes) -> str:
    return hashlib.sha256(HASH_PREFIX + raw).hexdigest()


def canonical(obj: Mapping[str, Any]) -> bytes:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def values_body(values: CountValues) -> dict[str, Any]:
    body: dict[str, Any] = {
        "yes": values.yes,
        "no": values.no,
        "void": values.void,
        "challenged": values.challenged,
        "final": values.final,
    }
    if values.eligible is not None:
        body["eligible"] = values.eligible
    return body


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
    """Build an entry and its canonical bytes."""
    obj = {
        "v": ENTRY_VERSION,
        "vote": vote,
        "type": type.value,
        "origin": origin,
        "seq": seq,
        "prev": prev,
        "key": {"kind": key.kind, "q": key.question, "unit": key.unit, "part": key.part},
        "body": dict(body),
        "supersedes": sorted(supersedes),
        "reason": reason,
        "author": {"steward": steward, "pc": pc},
        "wall": recorded_at,
    }
    raw = canonical(obj)
    return Entry(
        id=entry_hash(raw),
        raw=raw,
        vote=vote,
        type=type,
        origin=origin,
        seq=seq,
        prev=prev,
        key=key,
        body=dict(body),
        supersedes=tuple(sorted(supersedes)),
        reason=reason,
        steward=steward,
        pc=pc,
        recorded_at=recorded_at,
    )


def parse_entry(raw: bytes) -> Entry:
    """Read an entry from its stored bytes (raises ValueError on anything malformed)."""
    try:
        obj = json.loads(raw)
        key = obj["key"]
        author = obj["author"]
        return Entry(
            id=entry_hash(raw),
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
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a valid entry: {exc}") from exc


def heads(entries: Sequence[Entry]) -> list[Entry]:
    """Entries of one key that no entry of the same key supersedes (order-independent)."""
    superseded = {target for e in entries for target in e.supersedes}
    return [e for e in entries if e.id not in superseded]
