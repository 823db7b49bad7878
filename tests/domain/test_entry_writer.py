"""One EntryWriter writing several entries in a row gives, entry by entry, exactly what
make_entry gives for the same fields and the bytes `canonical()` gives: nothing one entry
writes leaks into the next, whatever the text (quotes, backslashes, control characters,
non-ASCII), the body (a count's, with or without eligible, or any other), the supersedes and
the reason."""

from __future__ import annotations

import hashlib
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steward_app.domain.counts import SlotKey
from steward_app.domain.entries import (
    HASH_PREFIX,
    Entry,
    EntryKey,
    EntryType,
    EntryWriter,
    entry_hash,
    make_entry,
)
from tests.domain.test_entry_bytes import bodies, count_bodies, reference_bytes, texts

# what changes from one entry to the next: everything but vote, origin, author and wall
entry_fields = st.fixed_dictionaries(
    {
        "seq": st.integers(min_value=-(2**70), max_value=2**70) | st.booleans(),
        "type": st.sampled_from(EntryType),
        "key": st.builds(EntryKey, texts, texts, texts, texts),
        "body": count_bodies | bodies,
        "supersedes": st.lists(texts, max_size=4),
        "reason": st.none() | texts,
    }
)


def write_run(
    shared: dict[str, Any], first_prev: Any, runs: list[dict[str, Any]]
) -> list[tuple[Entry, dict[str, Any]]]:
    """The entries one writer writes, each chained to the one before as an import chains
    them, with the fields make_entry would be given for it."""
    writer = EntryWriter(
        shared["vote"], shared["origin"], shared["steward"], shared["pc"], shared["recorded_at"]
    )
    prev, out = first_prev, []
    for f in runs:
        entry = writer.write(
            f["seq"], prev, f["type"], f["key"], f["body"], f["supersedes"], f["reason"]
        )
        out.append((entry, {**shared, **f, "prev": prev}))
        prev = entry.id
    return out


def assert_same_as_make_entry(written: list[tuple[Entry, dict[str, Any]]]) -> None:
    for entry, fields in written:
        assert entry == make_entry(**fields)
        raw = reference_bytes(**fields)
        assert entry.raw == raw
        assert entry.id == hashlib.sha256(HASH_PREFIX + raw).hexdigest() == entry_hash(raw)
        assert entry.body == dict(fields["body"]) and entry.body is not fields["body"]
        assert entry.supersedes == tuple(sorted(fields["supersedes"]))


@settings(max_examples=300, deadline=None)
@given(
    vote=texts,
    origin=texts,
    steward=texts,
    pc=texts,
    recorded_at=texts,
    first_prev=texts,
    runs=st.lists(entry_fields, min_size=2, max_size=6),
)
def test_a_writer_writes_each_entry_as_make_entry_does(
    vote: str,
    origin: str,
    steward: str,
    pc: str,
    recorded_at: str,
    first_prev: str,
    runs: list[dict[str, Any]],
) -> None:
    shared = {"vote": vote, "origin": origin, "steward": steward, "pc": pc}
    assert_same_as_make_entry(write_run({**shared, "recorded_at": recorded_at}, first_prev, runs))


@settings(max_examples=100, deadline=None)
@given(
    steward=texts,
    pc=texts,
    first_prev=texts,
    runs=st.lists(
        st.fixed_dictionaries(
            {
                "seq": st.integers(min_value=1, max_value=10**15),
                "type": st.sampled_from(
                    [EntryType.COUNT_ENTERED, EntryType.COUNT_CORRECTED, EntryType.COUNT_RESOLVED]
                ),
                "key": st.builds(
                    lambda *names: EntryKey.count(SlotKey(*names)), texts, texts, texts
                ),
                "body": count_bodies,
                "supersedes": st.lists(st.sampled_from(["ab" * 32, "cd" * 32, "ef" * 32])),
                "reason": st.none() | texts,
            }
        ),
        min_size=2,
        max_size=8,
    ),
)
def test_an_import_shaped_run_of_counts(
    steward: str, pc: str, first_prev: str, runs: list[dict[str, Any]]
) -> None:
    """Count entries as an import writes them (the template's path for every field)."""
    shared = {"vote": "12" * 32, "origin": "ABCDEFGHIJKLMNOP", "steward": steward, "pc": pc}
    written = write_run({**shared, "recorded_at": "2011-06-20T20:00:00-04:00"}, first_prev, runs)
    assert_same_as_make_entry(written)


@pytest.mark.parametrize(
    "change",
    [
        {"vote": 1},  # a shared field that is not text: json writes a number
        {"origin": None},
        {"steward": 5},
        {"pc": ["a", "list"]},
        {"recorded_at": 2011},
    ],
)
def test_a_shared_field_the_template_does_not_cover_goes_through_json(
    change: dict[str, Any],
) -> None:
    shared = {
        "vote": "ab" * 32,
        "origin": "A" * 16,
        "steward": "a steward",
        "pc": "hall office PC",
        "recorded_at": "2011-06-20T20:00:00+00:00",
    }
    runs = [
        {
            "seq": seq,
            "type": EntryType.COUNT_ENTERED,
            "key": EntryKey("count", "q", f"u{seq}", ""),
            "body": {"yes": seq, "no": 2, "void": 0, "challenged": 0, "final": False},
            "supersedes": [],
            "reason": None,
        }
        for seq in (7, 8, 9)
    ]
    assert_same_as_make_entry(write_run({**shared, **change}, "cd" * 32, runs))


def test_one_odd_entry_does_not_change_how_the_next_is_written() -> None:
    """An entry the template leaves to json (a seq that is True) between two it writes."""
    shared = {
        "vote": "ab" * 32,
        "origin": "A" * 16,
        "steward": 'a "quoted" steward\\',
        "pc": "PC\n1",
        "recorded_at": "2011-06-20T20:00:00+00:00",
    }
    key = EntryKey("count", "q", "unit \u00e9", "")
    body = {"yes": 1, "no": 2, "void": 0, "challenged": 0, "final": True, "eligible": 9}
    runs = [
        {"seq": s, "type": EntryType.COUNT_ENTERED, "key": key, "body": body}
        | {"supersedes": [], "reason": None}
        for s in (1, True, 3)
    ]
    written = write_run(shared, "cd" * 32, runs)
    assert_same_as_make_entry(written)
    assert b'"seq":true' in written[1][0].raw and b'"seq":3' in written[2][0].raw
