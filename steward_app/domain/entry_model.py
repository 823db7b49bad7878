"""An entry and its canonical bytes: the types, the key, the id (sha256 of a fixed prefix and
the bytes) and `canonical()`, the one way an entry is written (domain/entries.py says more).
"""

from __future__ import annotations

import enum
import hashlib
import json
from collections.abc import Mapping
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
    # an undo: voids the one entry it names (see `heads`); no numbers of its own
    COUNT_RETRACTED = "count.retracted"
    OUTCOME_DECLARED = "outcome.declared"
    ENTRIES_ACCEPTED = "entries.accepted"  # the coordinator applies entries held in quarantine

    @property
    def is_count(self) -> bool:
        """An entry on a count key (a retraction included)."""
        return self._value_.startswith("count.")

    @property
    def has_numbers(self) -> bool:
        """A count entry that carries numbers: every count type but a retraction."""
        return self._value_.startswith("count.") and self._value_ != "count.retracted"


class KeyKind(enum.Enum):
    SETUP = "setup"
    COUNT = "count"
    DECLARED = "declared"  # the outcome a coalition or union declares, per question
    ACCEPT = "accept"  # the coordinator's acceptances of held entries (one key for all)


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
ACCEPT_KEY = EntryKey(KeyKind.ACCEPT.value)


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
        return CountValues.of(self.body, bool(self.body.get("final", False)))


def entry_hash(raw: bytes) -> str:
    digest = _PREFIXED.copy()  # about half the cost of hashing HASH_PREFIX + raw afresh
    digest.update(raw)
    return digest.hexdigest()


_PREFIXED = hashlib.sha256(HASH_PREFIX)  # only ever copied, never updated


def canonical(obj: Mapping[str, Any]) -> bytes:
    return canonical_text(obj).encode()


def canonical_text(obj: Mapping[str, Any]) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


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
