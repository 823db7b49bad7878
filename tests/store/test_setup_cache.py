"""The parsed setups the database keeps (store.setup_cache): a vote built from them equals a
fresh parse of the setup's text, a changed setup is parsed again, and a row that cannot be used
is ignored and replaced."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

import pytest

from steward_app.domain.counts import SlotKey
from steward_app.domain.entries import EntryType
from steward_app.domain.setup_file import parse_setup
from steward_app.services.counting import record_count
from steward_app.services.vote_setup import create_vote, demo_setup_text, load_demo
from steward_app.store import entry_reads, setup_cache
from steward_app.store.vote_store import VoteStore
from tests.conftest import COORDINATOR, STEWARD
from tests.small_vote import setup_text


def _kept(path: Path) -> dict[str, tuple[int, str]]:
    store = VoteStore(path)
    try:
        with store.reading() as conn:
            rows = conn.exec_driver_sql("SELECT text_hash, form, data FROM parsed_setups").all()
        return {key: (form, data) for key, form, data in rows}
    finally:
        store.close()


def _recorded(path: Path) -> str:
    """The setup text the database records (`init` may append the coordinator to it)."""
    store = VoteStore(path)
    try:
        with store.reading() as conn:
            (setup,) = entry_reads.entries_of_type(conn, EntryType.SETUP)
        return str(setup.body["toml"])
    finally:
        store.close()


def _fresh_vote(path: Path):  # type: ignore[no-untyped-def]
    store = VoteStore(path)  # a new start: nothing remembered in memory
    try:
        return store.vote()
    finally:
        store.close()


@pytest.fixture
def no_toml(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every TOML text parsed from here on."""
    parsed: list[str] = []
    real = tomllib.loads

    def counting(text: str) -> dict[str, object]:
        parsed.append(text)
        return real(text)

    monkeypatch.setattr(tomllib, "loads", counting)
    return parsed


def test_a_vote_built_from_the_kept_data_equals_a_fresh_parse(
    store: VoteStore, no_toml: list[str]
) -> None:
    load_demo(store, STEWARD)
    text = _recorded(store.path)
    assert text.startswith(demo_setup_text().rstrip())
    assert set(_kept(store.path)) == {setup_cache.text_key(text)}
    parsed = len(no_toml)
    vote = _fresh_vote(store.path)
    assert len(no_toml) == parsed  # the new start built it from the kept data
    assert vote == parse_setup(text)
    # the kept data is the TOML's, its dates (membership_as_of) included
    (kept,) = _kept(store.path).values()
    data = setup_cache.decode(kept[1])
    assert data == tomllib.loads(text)
    assert data["unions"][0]["membership_as_of"] == dt.date(2011, 6, 1)


def test_a_replaced_setup_is_parsed_again_and_the_old_row_goes(
    store: VoteStore, no_toml: list[str]
) -> None:
    first = setup_text()
    create_vote(store, first, COORDINATOR)
    second = first.replace("membership = 10\n", "membership = 12\n")
    assert second != first
    vote, _, _ = create_vote(store, second, COORDINATOR, replace=True)
    recorded = _recorded(store.path)
    assert recorded.startswith(second.rstrip())
    assert set(_kept(store.path)) == {setup_cache.text_key(recorded)}
    fresh = _fresh_vote(store.path)
    assert fresh == vote == parse_setup(recorded)
    assert fresh.union_by_id["b"].membership == 12


def test_a_database_without_the_row_keeps_it_with_its_next_write(
    store: VoteStore, no_toml: list[str]
) -> None:
    load_demo(store, STEWARD)
    with store.transaction() as conn:  # as a database of schema 0004 has it, after migrating
        conn.exec_driver_sql("DELETE FROM parsed_setups")
    text = _recorded(store.path)
    before = len(no_toml)
    assert _fresh_vote(store.path) == parse_setup(text)
    assert len(no_toml) == before + 2  # the store's read, and parse_setup here
    assert _kept(store.path) == {}  # a read writes nothing
    fresh = VoteStore(store.path)
    try:
        fresh.vote()
        with fresh.transaction():
            pass  # a transaction that writes nothing keeps nothing either
        assert _kept(store.path) == {}
        record_count(fresh, STEWARD, SlotKey("concessions", "afscme-np4-391"), {"yes": 5, "no": 3})
    finally:
        fresh.close()
    assert set(_kept(store.path)) == {setup_cache.text_key(text)}
    parsed = len(no_toml)
    _fresh_vote(store.path)
    assert len(no_toml) == parsed  # the next start parses nothing


@pytest.mark.parametrize(
    "form, data",
    [
        (setup_cache.FORM, "not json"),
        (setup_cache.FORM, '{"format": "one"}'),  # decodes, but is not a usable setup
        (setup_cache.FORM + 1, "{}"),  # another version's encoding
    ],
)
def test_a_row_that_cannot_be_used_is_ignored_and_replaced(
    store: VoteStore, no_toml: list[str], form: int, data: str
) -> None:
    load_demo(store, STEWARD)
    text = _recorded(store.path)
    key = setup_cache.text_key(text)
    with store.transaction() as conn:
        conn.exec_driver_sql(
            "UPDATE parsed_setups SET form = ?, data = ? WHERE text_hash = ?", (form, data, key)
        )
    fresh = VoteStore(store.path)
    try:
        assert fresh.vote() == parse_setup(text)
        record_count(fresh, STEWARD, SlotKey("concessions", "afscme-np4-391"), {"yes": 5, "no": 3})
    finally:
        fresh.close()
    assert _kept(store.path)[key][0] == setup_cache.FORM  # replaced with the write
    assert setup_cache.decode(_kept(store.path)[key][1]) == tomllib.loads(text)


def test_data_that_would_not_come_back_equal_is_not_kept() -> None:
    assert setup_cache.encode({"a": float("nan")}) is None
    assert setup_cache.encode({"a": {setup_cache.TAG: ["date", "2020-01-01"]}}) is None
    data = {
        "d": dt.date(2011, 6, 1),
        "t": dt.time(20, 30),
        "when": dt.datetime(2011, 6, 20, 21, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4))),
        "list": [1, 1.5, "x", True],
    }
    encoded = setup_cache.encode(data)
    assert encoded is not None and setup_cache.decode(encoded) == data
