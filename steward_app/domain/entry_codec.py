"""The fast codec of entries, for imports of 100,000 entries: a writer that fills a template
with exactly the bytes `canonical()` writes, and a reader of count entries written that way
(one regular expression, no JSON parser), both building their frozen instances directly.

Each has a reference it must agree with, and a differential test that checks it does: the
writer against `canonical()` (tests/domain/test_entry_bytes.py, test_entry_writer.py), the
reader against the full JSON reader, domain.entries._read_json
(tests/domain/test_entry_reader.py). Anything outside the fast paths goes to the reference.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any, TypeVar

from steward_app.domain.entry_model import (
    ENTRY_VERSION,
    Entry,
    EntryKey,
    EntryType,
    canonical,
    canonical_text,
    entry_hash,
)

_Frozen = TypeVar("_Frozen")
_TYPES = {t.value: t for t in EntryType}


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
        return unchecked(
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
        return canonical_text(body)
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
        return canonical_text(body)
    return (
        f'{{"challenged":{challenged},{eligible}"final":{"true" if final else "false"},'
        f'"no":{no},"void":{void},"yes":{yes}}}'
    )


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
SlotKeys = dict[tuple[str, str, str], EntryKey]  # one EntryKey per count slot, shared


def read_canonical_count(
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
        entry_key = unchecked(
            EntryKey, {"kind": "count", "question": q, "unit": unit, "part": part}
        )
        if keys is not None:
            keys[slot] = entry_key
    return unchecked(
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


ChainFields = tuple[str, str, int, str, tuple[str, str, str, str]]


def chain_fields(raw: bytes) -> ChainFields | None:
    """(vote, origin, seq, prev, (kind, question, unit, part) of its key) of a count entry
    that read_canonical_count() reads, read without building the entry (an import checks
    every line once before reading the new ones again); None for any other line: read_entry()
    then reads it, or says what is wrong. Accepts exactly the lines read_canonical_count()
    accepts (tests/domain/test_entry_reader.py)."""
    m = _CANONICAL_COUNT(raw.decode("utf-8"))
    if m is None:
        return None
    part, q, unit, origin, prev, seq, targets, vote = m.group(9, 10, 11, 12, 13, 15, 16, 18)
    if targets:
        supersedes = targets[1:-1].split('","')
        if len(supersedes) > 1 and len(set(supersedes)) != len(supersedes):
            return None
    return vote, origin, _NUMBERS[seq], prev, ("count", q, unit, part)


def unchecked(cls: type[_Frozen], fields: dict[str, Any]) -> _Frozen:
    """An instance of a frozen dataclass from fields the caller has already checked. Its
    __init__ sets each field through object.__setattr__; setting the instance dict at once
    builds the same object several times faster (an import reads 100,000 entries). Entry and
    EntryKey have no __post_init__ to skip."""
    obj = object.__new__(cls)
    object.__setattr__(obj, "__dict__", fields)
    return obj


def unchecked_entry(**fields: Any) -> Entry:
    return unchecked(Entry, fields)
