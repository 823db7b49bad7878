"""The store's targeted lookups (keys, entries of a type, identical units, a few units'
reports) give what reading the whole table gave, and a store keeps the vote it recorded."""

from __future__ import annotations

import tomllib

import pytest

from steward_app.domain import setup_file, setup_reader
from steward_app.domain.counts import CountValues, SlotKey
from steward_app.domain.entries import EntryKey, EntryType, parse_entry
from steward_app.services.counting import declare_outcome, record_count
from steward_app.services.roster import my_key
from steward_app.services.vote_setup import create_vote
from steward_app.store import entry_log, entry_reads
from steward_app.store.vote_store import VoteStore
from tests.conftest import COORDINATOR, SECOND, STEWARD
from tests.small_vote import SLOTS, setup_text


def _all_keys(store: VoteStore) -> dict[EntryKey, int]:
    with store.reading() as conn:
        rows = conn.exec_driver_sql("SELECT kind, question, unit, part, id FROM entry_keys")
        return {EntryKey(k, q, u, p): int(i) for k, q, u, p, i in rows}


@pytest.mark.parametrize("how_many", [3, 200])  # one lookup per key; a temp-table join
def test_key_ids_find_existing_keys_and_add_the_missing_ones(
    store: VoteStore, how_many: int
) -> None:
    create_vote(store, setup_text(), COORDINATOR)
    before = _all_keys(store)
    new = [EntryKey.count(SlotKey("q", f"unit-{n:03}", "p")) for n in range(how_many)]
    with store.transaction() as conn:
        got = entry_log.key_ids(conn, [*before, *new, new[0]])
    after = _all_keys(store)
    assert got == after  # every key asked for, with its row id, and nothing else
    assert {k: after[k] for k in before} == before  # existing keys keep their ids
    assert set(after) == set(before) | set(new)
    with store.transaction() as conn:  # asked again: found, nothing added
        assert entry_log.key_ids(conn, new) == {k: after[k] for k in new}
    assert _all_keys(store) == after


def test_entries_of_type_equal_a_scan_of_the_type_column(store: VoteStore) -> None:
    create_vote(store, setup_text(), COORDINATOR)
    record_count(store, STEWARD, SLOTS[0], {"yes": 3, "no": 2})
    declare_outcome(store, COORDINATOR, "q", "approved", note="first")
    declare_outcome(store, COORDINATOR, "q", "pending", union_id="a")
    declare_outcome(store, COORDINATOR, "q", "rejected", note="second")
    with store.reading() as conn:
        for kind in EntryType:
            scanned = [
                parse_entry(bytes(r[0]))
                for r in conn.exec_driver_sql(
                    "SELECT raw FROM entries WHERE type = ? ORDER BY recorded_at, id",
                    (kind.value,),
                )
            ]
            assert entry_reads.entries_of_type(conn, kind) == scanned
        assert len(entry_reads.entries_of_type(conn, EntryType.OUTCOME_DECLARED)) == 3
        assert len(entry_reads.entries_of_type(conn, EntryType.SETUP)) == 1


def test_identical_units_are_the_first_five_other_units_by_name(store: VoteStore) -> None:
    create_vote(store, setup_text(), COORDINATOR)
    values = CountValues(4, 3, 1)
    with store.transaction() as conn:
        # slots with the same numbers in seven other units (two slots in one), written
        # straight into the derived table: the lookup reads only that
        keys = entry_log.key_ids(
            conn,
            [EntryKey.count(SlotKey("q", f"u{n}", p)) for n in range(7, 0, -1) for p in "xy"],
        )
        rows = [
            (kid, k.question, k.unit, k.part, "conflict" if k.unit == "u2" else "value", 1)
            for k, kid in keys.items()
        ]
        conn.exec_driver_sql(
            "INSERT INTO slots (key_id, question, unit, part, status, heads, yes, no, void, "
            "challenged, eligible, final) VALUES (?, ?, ?, ?, ?, ?, 4, 3, 1, 0, NULL, 0)",
            rows,
        )
        same = entry_reads.identical_units(conn, SlotKey("q", "u1", "z"), values)
        other = entry_reads.identical_units(conn, SlotKey("q", "u9"), CountValues(4, 3, 2))
    # u1 is the slot's own unit, u2's slots are in conflict
    assert same == ["u3", "u4", "u5", "u6", "u7"]
    assert other == []


def test_unit_reports_of_some_units_equal_those_of_all(store: VoteStore) -> None:
    vote, _, _ = create_vote(store, setup_text(), COORDINATOR)
    record_count(store, STEWARD, SLOTS[0], {"yes": 3, "no": 2})
    record_count(store, STEWARD, SLOTS[2], {"yes": 5, "no": 1})
    record_count(store, SECOND, SLOTS[2], {"yes": 5, "no": 2})  # a conflict
    with store.reading() as conn:
        everything = entry_reads.unit_reports(conn, vote)
        some = entry_reads.unit_reports(conn, vote, ["a1", "a2"])
    assert set(some) == {("q", "a1"), ("q", "a2")}
    assert some == {k: v for k, v in everything.items() if k[1] in ("a1", "a2")}
    assert some["q", "a2"].conflicts == 1


def test_the_store_keeps_the_vote_it_recorded_and_parses_other_setups(
    store: VoteStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    # a setup naming its coordinator is stored as given (one naming none gets this PC's key)
    text = setup_text(coordinator=my_key(store, COORDINATOR).public_key)
    vote, _, _ = create_vote(store, text, COORDINATOR)
    store.forget_vote()  # as a refresh does: the vote is read back from the database
    parsed: list[str] = []
    real_loads = tomllib.loads

    def counting_loads(text: str) -> dict[str, object]:
        parsed.append(text)
        return real_loads(text)

    monkeypatch.setattr(tomllib, "loads", counting_loads)
    assert store.vote() is vote
    assert parsed == []
    # another store (a new start) builds the vote from the parsed data the database keeps
    # (tests/store/test_setup_cache.py): no TOML parsing either
    fresh = VoteStore(store.path)
    try:
        assert fresh.vote() == vote
        assert parsed == []
    finally:
        fresh.close()
    assert setup_file.parse_setup(text) == vote  # outside a store: parsed as ever
    assert len(parsed) == 1


def test_a_clean_setup_is_parsed_without_indexing_its_lines(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    built: list[int] = []
    real = setup_reader.LineLocator

    def locator(text: str) -> setup_reader.LineLocator:
        built.append(1)
        return real(text)

    monkeypatch.setattr(setup_reader, "LineLocator", locator)
    setup_file.parse_setup(setup_text())
    assert built == []
    wrong = setup_text().replace("eligible = 10\n", 'eligible = "ten"\n', 1)
    with pytest.raises(setup_file.SetupError) as caught:
        setup_file.parse_setup(wrong)
    assert built == [1]  # built once, for the problem's line
    assert caught.value.problems[0].line == wrong.splitlines().index('eligible = "ten"') + 1
