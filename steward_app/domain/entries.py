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
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from steward_app.domain.counts import CountValues, SlotKey
from steward_app.domain.nesting import MAX_DEPTH, json_too_deep

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
    digest = _PREFIXED.copy()  # about half the cost of hashing HASH_PREFIX + raw afresh
    digest.update(raw)
    return digest.hexdigest()


_PREFIXED = hashlib.sha256(HASH_PREFIX)  # only ever copied, never updated


def canonical(obj: Mapping[str, Any]) -> bytes:
    return _canonical_text(obj).encode()


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
    """Build an entry and its canonical bytes (one entry: an EntryWriter that writes one)."""
    writer = EntryWriter(vote, origin, steward, pc, recorded_at)
    return writer.write(seq, prev, type, key, body, supersedes, reason)


_json_text = json.encoder.encode_basestring  # what json.dumps(ensure_ascii=False) quotes with
_COUNT_BODY = frozenset({"yes", "no", "void", "challenged", "final"})  # values_body's keys
_COUNT_BODY_ELIGIBLE = _COUNT_BODY | {"eligible"}


class EntryWriter:
    """Writes entries that share a vote, an origin, an author and a wall time, as the entries
    of one import do, each with its canonical bytes.

    The bytes come from a template that writes exactly what `canonical()` writes for the same
    fields (the keys in sort_keys order, every text quoted as json.dumps(ensure_ascii=False)
    quotes it), several times faster: an import builds 100,000 entries. The parts the entries
    share are quoted once, here. Anything the template does not cover (a field that is not
    text, a seq that is not a plain int, a body not of values_body's shape) goes through
    `canonical()` itself. tests/domain/test_entry_bytes.py checks the two agree."""

    __slots__ = ("_head", "_origin", "_tail", "origin", "pc", "recorded_at", "steward", "vote")

    def __init__(self, vote: str, origin: str, steward: str, pc: str, recorded_at: str) -> None:
        self.vote, self.origin, self.recorded_at = vote, origin, recorded_at
        self.steward, self.pc = steward, pc
        q = _json_text
        # the template's constant parts: before the body, between key and prev, after type
        self._head: str | None
        try:
            self._head = f'{{"author":{{"pc":{q(pc)},"steward":{q(steward)}}},"body":'
            self._origin = f',"origin":{q(origin)},"prev":'
            self._tail = f',"v":{ENTRY_VERSION},"vote":{q(vote)},"wall":{q(recorded_at)}}}'
        except TypeError:
            self._head = None  # a shared field that is not text: every entry via canonical()

    def write(
        self,
        seq: int,
        prev: str,
        kind: EntryType,
        key: EntryKey,
        body: Mapping[str, Any],
        supersedes: Sequence[str] = (),
        reason: str | None = None,
    ) -> Entry:
        """The entry numbered `seq` after `prev` in the origin's chain."""
        content = dict(body)
        targets = sorted(supersedes)
        try:
            if type(seq) is not int or self._head is None:
                raise TypeError("a field the template does not write")
            q = _json_text
            raw = (
                f'{self._head}{_body_text(content)},"key":{{"kind":{q(key.kind)},'
                f'"part":{q(key.part)},"q":{q(key.question)},"unit":{q(key.unit)}}}'
                f'{self._origin}{q(prev)},"reason":{"null" if reason is None else q(reason)},'
                f'"seq":{seq},"supersedes":[{",".join([q(t) for t in targets])}],'
                f'"type":{q(kind._value_)}{self._tail}'
            ).encode()
        except TypeError:
            raw = self._canonical(seq, prev, kind, key, content, targets, reason)
        return _unchecked(
            Entry,
            {
                "id": entry_hash(raw),
                "raw": raw,
                "vote": self.vote,
                "type": kind,
                "origin": self.origin,
                "seq": seq,
                "prev": prev,
                "key": key,
                "body": content,
                "supersedes": tuple(targets),
                "reason": reason,
                "steward": self.steward,
                "pc": self.pc,
                "recorded_at": self.recorded_at,
            },
        )

    def _canonical(
        self,
        seq: int,
        prev: str,
        kind: EntryType,
        key: EntryKey,
        body: dict[str, Any],
        supersedes: list[str],
        reason: str | None,
    ) -> bytes:
        return canonical(
            {
                "v": ENTRY_VERSION,
                "vote": self.vote,
                "type": kind.value,
                "origin": self.origin,
                "seq": seq,
                "prev": prev,
                "key": {"kind": key.kind, "q": key.question, "unit": key.unit, "part": key.part},
                "body": body,
                "supersedes": supersedes,
                "reason": reason,
                "author": {"steward": self.steward, "pc": self.pc},
                "wall": self.recorded_at,
            }
        )


def _body_text(body: dict[str, Any]) -> str:
    """A count body (values_body's shape: plain ints and a bool) from a template; any other
    body through json.dumps, as `canonical()` writes it."""
    keys = body.keys()
    if keys == _COUNT_BODY:
        eligible = ""
    elif keys == _COUNT_BODY_ELIGIBLE and type(body["eligible"]) is int:
        eligible = f'"eligible":{body["eligible"]},'
    else:
        return _canonical_text(body)
    yes, no, void, challenged, final = (
        body["yes"],
        body["no"],
        body["void"],
        body["challenged"],
        body["final"],
    )
    if (
        type(yes) is not int
        or type(no) is not int
        or type(void) is not int
        or type(challenged) is not int
        or type(final) is not bool
    ):
        return _canonical_text(body)
    return (
        f'{{"challenged":{challenged},{eligible}"final":{"true" if final else "false"},'
        f'"no":{no},"void":{void},"yes":{yes}}}'
    )


def _canonical_text(obj: Mapping[str, Any]) -> str:
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def parse_entry(raw: bytes) -> Entry:
    """Read an entry from its stored bytes (raises ValueError on anything malformed)."""
    try:
        return _from_obj(raw, json.loads(raw), entry_hash(raw))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(f"not a valid entry: {exc}") from exc


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
    raise ValueError(f"{text} is not a whole number")


def _is_hash(value: Any) -> bool:
    return type(value) is str and _HEX_ID.fullmatch(value) is not None


def _text(value: Any, name: str, limit: int) -> None:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError(f"{name} must be text of at most {limit} characters")


_DECODER = json.JSONDecoder(parse_float=_no_number, parse_constant=_no_number)
_HEX_ID = re.compile(r"[0-9a-f]{64}")
_KEY_FIELDS = frozenset({"kind", "q", "unit", "part"})
_AUTHOR_FIELDS = frozenset({"steward", "pc"})


def _unescaped(limit: int) -> str:
    """A JSON string's content with nothing escaped, of at most `limit` characters (the
    limits read_entry checks: a longer field does not match and goes to the JSON reader)."""
    return r'[^"\\\x00-\x1f]{0,' + str(limit) + "}"


_NUMBER = r"0|[1-9][0-9]{0,14}"
_AUTHOR, _NAME = _unescaped(200), _unescaped(64)  # steward and pc; q, unit and part
# groups, in order: pc, steward, challenged, eligible, final, no, void, yes, part, q, unit,
# origin, prev, reason, seq, supersedes, type, vote, wall
_CANONICAL_COUNT = re.compile(
    r'\{"author":\{"pc":"(' + _AUTHOR + r')","steward":"(' + _AUTHOR + r')"\},'
    r'"body":\{"challenged":(' + _NUMBER + r"),"
    r'(?:"eligible":(' + _NUMBER + r"),)?"
    r'"final":(true|false),"no":(' + _NUMBER + r"),"
    r'"void":(' + _NUMBER + r'),"yes":(' + _NUMBER + r")\},"
    r'"key":\{"kind":"count","part":"(' + _NAME + r')","q":"(' + _NAME + r')",'
    r'"unit":"(' + _NAME + r')"\},'
    r'"origin":"([A-Z2-7]{16})","prev":"([0-9a-f]{64})",'
    r'"reason":(?:null|"(' + _unescaped(10_000) + r')"),"seq":([1-9][0-9]{0,14}),'
    r'"supersedes":\[((?:"[0-9a-f]{64}"(?:,"[0-9a-f]{64}")*)?)\],'
    r'"type":"(count\.(?:entered|corrected|resolved))","v":1,'
    r'"vote":"([0-9a-f]{64})","wall":"(' + _unescaped(40) + r')"\}'
).fullmatch


class _Numbers(dict[str, int]):
    """int() of the number texts entries hold, remembered (up to a bound): the same few
    hundred counts recur across an import's 100,000 entries, and a lookup is several times
    cheaper than int()."""

    def __missing__(self, text: str) -> int:
        value = int(text)
        if len(self) < 10_000:
            self[text] = value
        return value


_NUMBERS = _Numbers()
_Frozen = TypeVar("_Frozen")
SlotKeys = dict[tuple[str, str, str], EntryKey]  # one EntryKey per count slot, shared


def _read_canonical_count(
    text: str, raw: bytes, digest: str, keys: SlotKeys | None = None
) -> Entry | None:
    """The common case, read without a JSON parser: a count entry written exactly as
    `canonical()` writes it, with no escaped characters and every text within its limit.
    None for anything else (the JSON reader then reads it, or says what is wrong).

    Entries of the same slot share one EntryKey from `keys` (when given): an import reads
    100,000 entries of a few thousand slots. Written for speed, one match and no checks the
    pattern already makes."""
    m = _CANONICAL_COUNT(text)
    if m is None:
        return None
    (
        pc,
        steward,
        challenged,
        eligible,
        final,
        no,
        void,
        yes,
        part,
        q,
        unit,
        origin,
        prev,
        reason,
        seq,
        targets,
        kind,
        vote,
        wall,
    ) = m.groups()
    if targets:
        supersedes = tuple(targets[1:-1].split('","'))
        if len(supersedes) > 1 and len(set(supersedes)) != len(supersedes):
            return None
    else:
        supersedes = ()
    number = _NUMBERS
    if eligible is None:
        body = {"challenged": number[challenged], "final": final == "true"}
    else:
        body = {"challenged": number[challenged], "eligible": number[eligible]}
        body["final"] = final == "true"
    body["no"] = number[no]
    body["void"] = number[void]
    body["yes"] = number[yes]
    slot = (q, unit, part)
    entry_key = None if keys is None else keys.get(slot)
    if entry_key is None:
        entry_key = _unchecked(
            EntryKey, {"kind": "count", "question": q, "unit": unit, "part": part}
        )
        if keys is not None:
            keys[slot] = entry_key
    return _unchecked(
        Entry,
        {
            "id": digest,
            "raw": raw,
            "vote": vote,
            "type": _TYPES[kind],
            "origin": origin,
            "seq": number[seq],
            "prev": prev,
            "key": entry_key,
            "body": body,
            "supersedes": supersedes,
            "reason": reason,
            "steward": steward,
            "pc": pc,
            "recorded_at": wall,
        },
    )


def _unchecked(cls: type[_Frozen], fields: dict[str, Any]) -> _Frozen:
    """An instance of a frozen dataclass from fields the caller has already checked. Its
    __init__ sets each field through object.__setattr__; setting the instance dict at once
    builds the same object several times faster (an import reads 100,000 entries). Entry and
    EntryKey have no __post_init__ to skip."""
    obj = object.__new__(cls)
    object.__setattr__(obj, "__dict__", fields)
    return obj


def _unchecked_entry(**fields: Any) -> Entry:
    return _unchecked(Entry, fields)


def read_entry(raw: bytes, digest: str, keys: SlotKeys | None = None) -> Entry:
    """Read an entry that came from another PC, checking its whole shape.

    Raises EntryTooNew for a later version or an unknown type, ValueError for anything else
    that is not an entry this version writes. `digest` is entry_hash(raw), already computed;
    `keys`, shared by the reads of one file, lets count entries of one slot share their key.
    (Written for speed: an import reads every new entry through here.)
    """
    text = raw.decode("utf-8")
    fast = _read_canonical_count(text, raw, digest, keys)
    if fast is not None:
        return fast
    return _read_json(text, raw, digest)


def _read_json(text: str, raw: bytes, digest: str) -> Entry:
    """read_entry's full reader: any entry, every check spelled out (the fast reader's
    reference: tests/domain/test_entry_reader.py checks they agree)."""
    if json_too_deep(text):  # before the JSON reader, which recurses per level
        raise ValueError(f"it nests more than {MAX_DEPTH} levels deep")
    obj = _DECODER.decode(text)
    if type(obj) is not dict:
        raise ValueError("an entry is a JSON object")
    v = obj.get("v")
    if type(v) is not int or v < 1:
        raise ValueError(f"v is {v!r}")
    if v > ENTRY_VERSION:
        raise EntryTooNew(f"entry version {v}")
    type_name = obj.get("type")
    if type(type_name) is not str or not type_name:  # missing or mistyped: damaged, not newer
        raise ValueError(f"type is {type_name!r}, not the name of an entry type")
    kind = _TYPES.get(type_name)
    if kind is None:  # a type this version does not know: a later version wrote it
        raise EntryTooNew(f"entry type {type_name!r}")
    if obj.keys() != _FIELDS:
        raise ValueError(f"fields {sorted(obj.keys() ^ _FIELDS)} are missing or unknown")
    vote, prev, origin, seq = obj["vote"], obj["prev"], obj["origin"], obj["seq"]
    if (
        type(vote) is not str
        or type(prev) is not str
        or not _HEX_ID.fullmatch(vote)
        or not _HEX_ID.fullmatch(prev)
    ):
        raise ValueError("vote and prev are sha256 ids")
    if (
        type(origin) is not str
        or len(origin) != 16
        or type(seq) is not int
        or not 1 <= seq <= MAX_NUMBER
    ):
        raise ValueError("origin is 16 characters and seq a whole number from 1")
    key = obj["key"]
    if type(key) is not dict or key.keys() != _KEY_FIELDS:
        raise ValueError("key has kind, q, unit and part")
    q, unit, part = key["q"], key["unit"], key["part"]
    if (
        type(q) is not str
        or type(unit) is not str
        or type(part) is not str
        or max(len(q), len(unit), len(part)) > 64
    ):
        raise ValueError("key's q, unit and part are text of at most 64 characters")
    if key["kind"] != _KIND_OF[kind]:
        raise ValueError(f"a {kind.value} entry has a {key['kind']!r} key")
    supersedes = obj["supersedes"]
    if type(supersedes) is not list or not all(
        type(t) is str and _HEX_ID.fullmatch(t) for t in supersedes
    ):
        raise ValueError("supersedes is a list of sha256 ids")
    if len(set(supersedes)) != len(supersedes):
        raise ValueError("supersedes names an entry twice")
    reason = obj["reason"]
    if reason is not None:
        _text(reason, "reason", 10_000)
    if kind is EntryType.COUNT_RETRACTED:
        _check_retraction(supersedes, reason)
    author = obj["author"]
    if type(author) is not dict or author.keys() != _AUTHOR_FIELDS:
        raise ValueError("author has steward and pc")
    steward, pc, wall = author["steward"], author["pc"], obj["wall"]
    if (
        type(steward) is not str
        or type(pc) is not str
        or type(wall) is not str
        or len(steward) > 200
        or len(pc) > 200
        or len(wall) > 40
    ):
        raise ValueError("author and wall are short texts")
    body = obj["body"]
    _check_body(kind, body)
    entry_key = object.__new__(EntryKey)
    entry_key.__dict__.update(kind=key["kind"], question=q, unit=unit, part=part)
    return _unchecked_entry(
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
        raise ValueError(f"a retraction names one entry to undo, not {len(supersedes)}")
    if not reason:
        raise ValueError("a retraction has a reason")


def _check_body(kind: EntryType, body: Any) -> None:
    if type(body) is not dict:
        raise ValueError("body is an object")
    if kind is EntryType.COUNT_RETRACTED:
        if body:
            raise ValueError("a retraction carries no numbers: its body is empty")
        return
    if kind in _COUNT_TYPES:
        if not _COUNT_FIELDS.issuperset(body):
            raise ValueError(f"unknown count fields {sorted(set(body) - _COUNT_FIELDS)}")
        yes, no = body.get("yes"), body.get("no")
        if type(yes) is not int or type(no) is not int or min(yes, no) < 0:
            raise ValueError("yes and no are whole numbers of at least 0")
        for name in ("yes", "no", "void", "challenged", "eligible"):
            value = body.get(name)
            if value is not None and (type(value) is not int or not 0 <= value <= MAX_NUMBER):
                raise ValueError(f"{name} is {value!r}, not a whole number from 0 to 10^15")
        if type(body.get("final", False)) is not bool:
            raise ValueError("final is true or false")
    elif kind is EntryType.SETUP:
        if body.keys() != {"toml"} or not isinstance(body["toml"], str):
            raise ValueError("a setup body holds the setup text")
    elif kind is EntryType.OUTCOME_DECLARED:
        if body.keys() != {"outcome", "note"} or not all(isinstance(x, str) for x in body.values()):
            raise ValueError("a declared outcome has an outcome and a note")
    elif kind is EntryType.ENTRIES_ACCEPTED:
        ids = body.get("entries")
        if body.keys() != {"entries"} or not isinstance(ids, list) or not ids:
            raise ValueError("an acceptance names the entries it accepts")
        if not all(_is_hash(i) for i in ids):
            raise ValueError("an acceptance names entries by their sha256 ids")


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
