"""Entries a modified app (or a hand-made file) signs with a real key: every one is judged on
arrival as `count` would judge it here, and held apart, with a sentence naming it and what is
wrong, instead of applied. And overrides: who may replace whose count."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import pytest

from steward_app.domain.authority import HoldReason
from steward_app.domain.counts import CountValues, SlotKey
from steward_app.domain.entries import Entry, EntryKey, EntryType, KeyKind, values_body
from steward_app.domain.identity import fingerprint
from steward_app.services.authors import Author, origin_cursor
from steward_app.services.errors import Refused
from steward_app.services.roster import held_entries, my_key
from steward_app.store import entry_log
from tests.sync.helpers import PC, SLOTS, setup_text

A2, B1 = SLOTS[2], SLOTS[3]


def forge(
    pc: PC,
    kind: EntryType,
    key: EntryKey,
    body: Mapping[str, Any],
    supersedes: tuple[str, ...] = (),
    reason: str | None = None,
    author: Author | None = None,
) -> Entry:
    """An entry signed with `pc`'s key and written straight into its database, past every
    check (as a modified app would); `author` puts other names in it."""
    with pc.store.transaction() as conn:
        vote_key = pc.store.vote_key(conn)
        assert vote_key is not None
        cursor = origin_cursor(conn, pc.author)
        e = cursor.entry(
            author or pc.author,
            vote=vote_key,
            type=kind,
            key=key,
            body=dict(body),
            recorded_at=pc.clock(),
            supersedes=supersedes,
            reason=reason,
        )
        entry_log.append(conn, [e])
    return e


def count_body(yes: int, no: int = 0, **more: int) -> dict[str, Any]:
    return values_body(CountValues(yes, no, more.get("void", 0), 0, more.get("eligible")))


def declared(outcome: str, union: str = "a", question: str = "q") -> tuple[EntryKey, dict]:
    return EntryKey(KeyKind.DECLARED.value, question, union, ""), {"outcome": outcome, "note": ""}


@pytest.fixture
def pair(tmp_path: Path, template: Path) -> Iterator[tuple[PC, PC]]:
    """The coordinator's PC (an open vote) and a steward's PC that joined it."""
    coord, other = PC(tmp_path, "coord", template), PC(tmp_path, "other", template)
    coord.create(setup_text())
    coord.record(A2, 6, 3)
    other.take(coord.export())
    yield coord, other
    coord.close()
    other.close()


FORGERIES = {
    "ballots 10^15 - 1": (
        EntryType.COUNT_ENTERED,
        EntryKey.count(B1),
        count_body(999_999_999_999_999),
        HoldReason.INVALID,
        "999,999,999,999,999",
    ),
    "ballots one over the bound": (
        EntryType.COUNT_ENTERED,
        EntryKey.count(B1),
        count_body(10_000_001),
        HoldReason.INVALID,
        "more than 10,000,000",
    ),
    "more ballots than its eligible": (
        EntryType.COUNT_ENTERED,
        EntryKey.count(B1),
        count_body(8, 3, eligible=10),
        HoldReason.INVALID,
        "11 ballots but 10 eligible",
    ),
    "an unknown unit": (
        EntryType.COUNT_ENTERED,
        EntryKey.count(SlotKey("q", "zz")),
        count_body(5),
        HoldReason.UNKNOWN_UNIT,
        'no unit "zz"',
    ),
    "an unknown part": (
        EntryType.COUNT_ENTERED,
        EntryKey.count(SlotKey("q", "a1", "w")),
        count_body(5),
        HoldReason.UNKNOWN_UNIT,
        'no part "w"',
    ),
    "an unknown question": (
        EntryType.COUNT_ENTERED,
        EntryKey.count(SlotKey("zq", "b1")),
        count_body(5),
        HoldReason.UNKNOWN_UNIT,
        'no question "zq"',
    ),
    "an outcome no steward declares": (
        EntryType.OUTCOME_DECLARED,
        *declared("MAYBE"),
        HoldReason.INVALID,
        '"MAYBE"',
    ),
    "a word that does not fit its level": (
        EntryType.OUTCOME_DECLARED,
        *declared("not in effect"),  # for an agreement, not a union
        HoldReason.INVALID,
        "not in effect",
    ),
    "an outcome of an unknown union": (
        EntryType.OUTCOME_DECLARED,
        *declared("approved", union="zz"),
        HoldReason.UNKNOWN_UNIT,
        'no union "zz"',
    ),
}


@pytest.mark.parametrize("case", FORGERIES, ids=list(FORGERIES))
def test_an_entry_count_would_refuse_is_held_on_import(pair: tuple[PC, PC], case: str) -> None:
    coord, other = pair
    kind, key, body, reason, says = FORGERIES[case]
    forged = forge(other, kind, key, body)
    before = coord.reports()
    report = coord.take(other.export())
    assert report.held == 1 and report.new == 0
    (held,) = held_entries(coord.store)
    assert held.entry.id == forged.id and held.reason is reason
    assert says in held.detail and fingerprint(forged.origin) in held.detail
    assert coord.reports() == before  # nothing of it shows
    # a relay of the same file by a third PC: held there too, and the relay carries it on
    third = PC(coord.path.parent, "third")
    third.take(coord.export())
    assert [h.entry.id for h in held_entries(third.store)] == [forged.id]
    third.close()


def test_an_undo_naming_another_keys_count_is_held_always(pair: tuple[PC, PC]) -> None:
    coord, other = pair
    (theirs,) = [e for e in coord.entries() if e.type is EntryType.COUNT_ENTERED]
    undo = forge(other, EntryType.COUNT_RETRACTED, theirs.key, {}, (theirs.id,), "undone")
    before = coord.reports()
    coord.take(other.export())
    (held,) = held_entries(coord.store)
    assert held.entry.id == undo.id and held.reason is HoldReason.NOT_OWN
    assert fingerprint(coord_origin(coord)) in held.detail
    assert coord.reports() == before and coord.reports()[("q", "a2")].numbers.yes == 6


def coord_origin(pc: PC) -> str:
    return my_key(pc.store, pc.author).origin


@pytest.mark.parametrize("policy", ["coordinator", "union"])
def test_replacing_another_keys_count_follows_the_setups_policy(
    tmp_path: Path, template: Path, policy: str
) -> None:
    text = setup_text().replace('mode = "official"', f'mode = "official"\noverrides = "{policy}"')
    coord, other = PC(tmp_path, "coord", template), PC(tmp_path, "other", template)
    coord.create(text)
    coord.record(A2, 6, 3)
    other.take(coord.export())
    (theirs,) = [e for e in coord.entries() if e.type is EntryType.COUNT_ENTERED]
    correction = forge(
        other, EntryType.COUNT_CORRECTED, theirs.key, count_body(9, 0), (theirs.id,), "mine"
    )
    coord.take(other.export())
    held = held_entries(coord.store)
    if policy == "coordinator":
        assert [(h.entry.id, h.reason) for h in held] == [(correction.id, HoldReason.OVERRIDE)]
        assert "overrides" in held[0].detail and coord.reports()[("q", "a2")].numbers.yes == 6
    else:
        assert held == [] and coord.reports()[("q", "a2")].numbers.yes == 9
    # the coordinator may always replace a steward's count; a steward always their own
    other.record(B1, 4, 1)
    coord.take(other.export())
    (mine,) = [e for e in coord.entries() if e.key.slot == B1]
    assert coord.record(B1, 5, 1, correct=True) is not None
    assert coord.reports()[("q", "b1")].numbers.yes == 5
    assert mine.origin != coord_origin(coord)
    other.take(coord.export())
    assert other.record(A2, 7, 0, correct=True) is not None or policy == "coordinator"
    coord.close()
    other.close()


def test_a_steward_told_no_when_correcting_another_keys_count_here(
    tmp_path: Path, template: Path
) -> None:
    text = setup_text().replace('mode = "official"', 'mode = "official"\noverrides = "coordinator"')
    coord, other = PC(tmp_path, "coord", template), PC(tmp_path, "other", template)
    coord.create(text)
    coord.record(A2, 6, 3)
    other.take(coord.export())
    with pytest.raises(Refused) as refused:
        from steward_app.services.counting import record_count

        record_count(
            other.store,
            other.author,
            A2,
            {"yes": 7, "no": 3},
            correct=True,
            reason="recount",
            clock=other.clock,
        )
    assert {p.code for p in refused.value.problems} == {"E_OVERRIDE_NOT_ALLOWED"}
    assert held_entries(other.store) == []
    coord.close()
    other.close()


def test_a_declaration_count_would_record_is_applied_on_import(pair: tuple[PC, PC]) -> None:
    """The other side of the same judgement: every word `declare` writes for a union applies."""
    coord, other = pair
    for word in ("ratified after review", "abstained"):
        forge(other, EntryType.OUTCOME_DECLARED, *declared(word, union="b"))
    report = coord.take(other.export())
    assert report.held == 0 and held_entries(coord.store) == []


def test_a_setup_change_never_switches_practice_and_official(
    tmp_path: Path, template: Path
) -> None:
    """Refused on the coordinator's own PC; a hand-made one, signed by the coordinator's key,
    is held on every PC that receives it: practice counts never stand in an official vote."""
    from steward_app.domain.entries import SETUP_KEY
    from steward_app.services.roster import change_setup

    for mode, other_mode in (("practice", "official"), ("official", "practice")):
        coord = PC(tmp_path / mode, "coord", template)
        other = PC(tmp_path / mode, "other", template)
        coord.create(setup_text(mode=mode))
        stored = next(e for e in coord.entries() if e.type is EntryType.SETUP)
        switched = str(stored.body["toml"]).replace(f'mode = "{mode}"', f'mode = "{other_mode}"')
        with pytest.raises(Refused) as refused:
            change_setup(coord.store, coord.author, switched, "switch", clock=coord.clock)
        assert "keeps the vote's id and mode" in str(refused.value)
        forged = forge(coord, EntryType.SETUP, SETUP_KEY, {"toml": switched}, (stored.id,), "x")
        coord.store.forget_vote()
        report = other.take(coord.export())
        assert report.outcome == "joined"
        (held,) = held_entries(other.store)
        assert held.entry.id == forged.id and held.reason is HoldReason.BAD_SETUP
        vote = other.store.vote()
        assert vote is not None and vote.mode.value == mode
        coord.close()
        other.close()
