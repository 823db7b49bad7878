"""make_entry writes, byte for byte, what json.dumps(sort_keys=True) wrote before its template.

Other PCs verify an entry's id against its bytes, and old databases hold entries written by
json.dumps; the template (domain.entry_codec.EntryWriter) must give the same bytes for the same
fields, whatever the text: quotes, backslashes, control characters, any unicode.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steward_app.domain.counts import CountValues
from steward_app.domain.entries import (
    HASH_PREFIX,
    EntryKey,
    EntryType,
    make_entry,
    parse_entry,
    values_body,
)


def reference_bytes(
    *,
    vote: Any,
    type: EntryType,
    origin: Any,
    seq: Any,
    prev: Any,
    key: EntryKey,
    body: Any,
    steward: Any,
    pc: Any,
    recorded_at: Any,
    supersedes: Any = (),
    reason: Any = None,
) -> bytes:
    """The entry's bytes as make_entry wrote them before the template (json.dumps)."""
    obj = {
        "v": 1,
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
    return json.dumps(obj, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def assert_same_as_before(**fields: Any) -> None:
    try:
        raw = reference_bytes(**fields)
    except UnicodeEncodeError:  # a lone surrogate: no UTF-8 bytes; refused as before
        with pytest.raises(UnicodeEncodeError):
            make_entry(**fields)
        return
    entry = make_entry(**fields)
    assert entry.raw == raw
    assert entry.id == hashlib.sha256(HASH_PREFIX + raw).hexdigest()
    assert entry.body == dict(fields["body"])
    assert entry.supersedes == tuple(sorted(fields.get("supersedes", ())))


# every character json escapes or could trip a template: quotes, backslash, controls, DEL,
# the line separators JavaScript minds, non-BMP characters; then anything UTF-8 can write
TRICKY = '"\\/\x00\x01\x08\t\n\x0c\r\x1f\x7f\x80\u2028\u2029\ufeff\U0001f5f3é€'
texts = st.text(
    alphabet=st.sampled_from(TRICKY) | st.characters(exclude_categories=["Cs"]), max_size=30
)
whole = st.integers(min_value=0, max_value=10**15)
count_bodies = st.builds(
    lambda y, n, v, c, e, f: values_body(CountValues(y, n, v, c, e, f)),
    whole,
    whole,
    whole,
    whole,
    st.none() | whole,
    st.booleans(),
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | texts,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
    max_leaves=8,
)
# bodies near the count shape that the template must leave to json.dumps
odd_bodies = st.fixed_dictionaries(
    {
        "yes": st.booleans() | whole | st.none(),
        "no": whole | st.floats(allow_nan=False, allow_infinity=False),
        "void": whole,
        "challenged": whole | texts,
        "final": st.booleans() | st.integers(0, 1),
    },
    optional={"eligible": st.none() | whole | st.booleans()},
)
bodies = count_bodies | odd_bodies | st.dictionaries(texts, json_values, max_size=4)


@settings(max_examples=400, deadline=None)
@given(
    vote=texts,
    type=st.sampled_from(EntryType),
    origin=texts,
    seq=st.integers(min_value=-(2**70), max_value=2**70),
    prev=texts,
    key=st.builds(EntryKey, texts, texts, texts, texts),
    body=bodies,
    steward=texts,
    pc=texts,
    recorded_at=texts,
    supersedes=st.lists(texts, max_size=4),
    reason=st.none() | texts,
)
def test_make_entry_writes_what_json_dumps_wrote(**fields: Any) -> None:
    assert_same_as_before(**fields)


@settings(max_examples=100, deadline=None)
@given(origin=texts, steward=texts, pc=texts, unit=texts, part=texts, body=count_bodies, seq=whole)
def test_a_count_entry_reads_back_as_written(
    origin: str, steward: str, pc: str, unit: str, part: str, body: dict[str, Any], seq: int
) -> None:
    entry = make_entry(
        vote="ab" * 32,
        type=EntryType.COUNT_ENTERED,
        origin=origin,
        seq=seq,
        prev="cd" * 32,
        key=EntryKey("count", "q", unit, part),
        body=body,
        steward=steward,
        pc=pc,
        recorded_at="2011-06-20T20:00:00+00:00",
    )
    assert parse_entry(entry.raw) == entry


COUNT = {
    "vote": "ab" * 32,
    "type": EntryType.COUNT_CORRECTED,
    "origin": "A" * 16,
    "seq": 7,
    "prev": "cd" * 32,
    "key": EntryKey("count", "q", "u1", ""),
    "body": values_body(CountValues(1, 2)),
    "steward": "a steward",
    "pc": "hall office PC",
    "recorded_at": "2011-06-20T20:00:00+00:00",
    "supersedes": ["ef" * 32, "01" * 32],
    "reason": "recounted",
}


@pytest.mark.parametrize(
    "change",
    [
        {"seq": True},  # json writes true, the template would write True
        {"seq": 7.0},
        {"steward": 5},  # not text: json writes a number
        {"reason": 3},
        {"supersedes": [1, 2]},
        {"key": EntryKey("count", "q", None, "")},  # type: ignore[arg-type]  # not text
        {"body": {**values_body(CountValues(1, 2)), "eligible": None}},
        {"body": {**values_body(CountValues(1, 2)), "yes": True}},
    ],
)
def test_fields_the_template_does_not_cover_go_through_json(change: dict[str, Any]) -> None:
    assert_same_as_before(**{**COUNT, **change})


@pytest.mark.parametrize("field", ["steward", "pc", "reason", "recorded_at"])
def test_a_lone_surrogate_is_refused_as_before(field: str) -> None:
    """No UTF-8 bytes exist for it: json.dumps(...).encode() raised, and so does the template."""
    with pytest.raises(UnicodeEncodeError):
        reference_bytes(**{**COUNT, field: "a\ud800b"})
    assert_same_as_before(**{**COUNT, field: "a\ud800b"})
