"""The fast reader of count entries (domain.entry_codec.read_canonical_count) against the
full JSON reader (domain.entries._read_json): on any line the fast one either declines (None)
or gives exactly the entry the full one gives; it never accepts what the full one refuses."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steward_app.domain.counts import CountValues, SlotKey
from steward_app.domain.entries import (
    EntryKey,
    EntryType,
    _read_json,
    chain_fields,
    entry_hash,
    make_entry,
    read_entry,
    values_body,
)
from steward_app.domain.entry_codec import read_canonical_count

ORIGIN = "ABCDEFGHIJKLMNOP"
texts = st.text(st.characters(codec="utf-8"), max_size=80)  # utf-8: no lone surrogates
plain = st.text(st.characters(min_codepoint=0x20, max_codepoint=0x7E), max_size=80)


def _line(
    *,
    kind: EntryType = EntryType.COUNT_CORRECTED,
    unit: str = "unit-1",
    part: str = "",
    steward: str = "a steward",
    pc: str = "PC 1",
    wall: str = "2025-05-01T20:00:00-04:00",
    reason: str | None = "recounted",
    eligible: int | None = None,
    supersedes: tuple[str, ...] = ("ab" * 32,),
    seq: int = 17,
) -> bytes:
    return make_entry(
        vote="cd" * 32,
        type=kind,
        origin=ORIGIN,
        seq=seq,
        prev="ef" * 32,
        key=EntryKey.count(SlotKey("q", unit, part)),
        body=values_body(CountValues(12, 3, 1, 0, eligible, True)),
        steward=steward,
        pc=pc,
        recorded_at=wall,
        supersedes=supersedes,
        reason=reason,
    ).raw


def _agree(raw: bytes) -> None:
    """Whatever the bytes: the fast reader declines or matches the full reader exactly."""
    digest = entry_hash(raw)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return  # read_entry refuses it before either reader
    fast = read_canonical_count(text, raw, digest, {})
    light = chain_fields(raw)  # what an import's first reading takes of a line
    assert (light is None) == (fast is None), raw
    try:
        full = _read_json(text, raw, digest)
    except (ValueError, TypeError, KeyError):
        assert fast is None, raw
        return
    assert fast is None or fast == full, raw
    assert read_entry(raw, digest) == full
    k = full.key
    assert light is None or light == (
        full.vote,
        full.origin,
        full.seq,
        full.prev,
        (k.kind, k.question, k.unit, k.part),
    )


@settings(max_examples=300, deadline=None)
@given(
    fields=st.fixed_dictionaries(
        {
            "unit": texts,
            "part": texts,
            "steward": texts,
            "pc": plain,
            "wall": plain,
            "reason": st.none() | texts,
            "eligible": st.none() | st.integers(0, 10**15 + 5),
            "kind": st.sampled_from([t for t in EntryType if t.has_numbers]),
            "supersedes": st.lists(
                st.sampled_from(["ab" * 32, "cd" * 32, "01" * 32]), max_size=3
            ).map(tuple),
            "seq": st.integers(1, 10**15 - 1),
        }
    )
)
def test_the_readers_agree_on_any_count_entry(fields: dict[str, Any]) -> None:
    """Texts up to past their limits (64, 200, 40), escaped characters, repeated targets,
    numbers past 10^15."""
    _agree(_line(**fields))


@settings(max_examples=400, deadline=None)
@given(
    at=st.floats(0, 1, exclude_max=True),
    cut=st.integers(0, 3),
    insert=st.sampled_from(['"', "\\", ",", ":", "{", "}", "0", "9", "a", "G", " ", "\n", "é"]),
    eligible=st.booleans(),
)
def test_an_altered_line_is_read_alike_or_declined(
    at: float, cut: int, insert: str, eligible: bool
) -> None:
    """One edit anywhere in a canonical line (a few characters cut, one put in): the fast
    reader never accepts a line the full reader refuses, nor reads it differently."""
    raw = _line(eligible=5 if eligible else None)
    i = int(len(raw) * at)
    _agree(raw[:i] + insert.encode() + raw[i + cut :])
    _agree(raw[:i] + raw[i + max(cut, 1) :])


@pytest.mark.parametrize(
    ("field", "limit"),
    [("unit", 64), ("part", 64), ("steward", 200), ("pc", 200), ("wall", 40), ("reason", 10_000)],
)
def test_texts_at_and_past_their_limit(field: str, limit: int) -> None:
    """At the limit the fast reader reads it; one character more, both readers refuse."""
    at_limit = _line(**{field: "x" * limit})  # type: ignore[arg-type]
    digest = entry_hash(at_limit)
    assert read_canonical_count(at_limit.decode(), at_limit, digest) is not None
    _agree(at_limit)
    past = _line(**{field: "x" * (limit + 1)})  # type: ignore[arg-type]
    assert read_canonical_count(past.decode(), past, entry_hash(past)) is None
    with pytest.raises(ValueError):
        read_entry(past, entry_hash(past))


def test_entries_of_one_slot_share_their_key_and_others_do_not() -> None:
    keys: dict[tuple[str, str, str], EntryKey] = {}
    a, b = _line(seq=1), _line(seq=2)
    c = _line(seq=3, unit="unit-2")
    first, second, other = (read_entry(r, entry_hash(r), keys) for r in (a, b, c))
    assert first.key is second.key and first.key == EntryKey.count(SlotKey("q", "unit-1", ""))
    assert other.key != first.key and len(keys) == 2


def test_a_fast_read_entry_is_the_one_json_describes() -> None:
    """The fast reader's fields, spelled out against json.loads of the same line."""
    raw = _line(eligible=7, supersedes=("ab" * 32, "01" * 32))
    e = read_entry(raw, entry_hash(raw))
    obj = json.loads(raw)
    assert e.body == obj["body"] and list(e.supersedes) == obj["supersedes"]
    assert (e.seq, e.prev, e.vote, e.reason, e.recorded_at) == (
        obj["seq"],
        obj["prev"],
        obj["vote"],
        obj["reason"],
        obj["wall"],
    )
    assert (e.steward, e.pc, e.key.unit, e.key.part) == (
        obj["author"]["steward"],
        obj["author"]["pc"],
        obj["key"]["unit"],
        obj["key"]["part"],
    )
