"""Exchanging files between simulated PCs: idempotence, joining, catching up, relaying,
conflicts and their resolution, the coordinator's list of keys, setup changes, state codes."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from steward_app.domain.authority import HoldReason
from steward_app.domain.counts import ReportStatus, SlotKey, SlotStatus
from steward_app.domain.entries import EntryType
from steward_app.services import exchange, export
from steward_app.services.conflicts import conflict_count, list_conflicts, resolve_conflict
from steward_app.services.errors import Refused
from steward_app.services.roster import (
    accept_held,
    change_setup,
    held_entries,
    my_key,
    trust_key,
)
from steward_app.store.vote_store import VoteStore
from steward_app.sync import files
from steward_app.sync.errors import ImportRefused, Refusal
from steward_app.sync.keys import key_file_path
from tests.sync.helpers import PC, SLOTS, setup_text

A2, B1 = SLOTS[2], SLOTS[3]


@pytest.fixture
def pcs(tmp_path: Path, template: Path) -> list[PC]:
    """A coordinator (0) who created an open vote, and two PCs (1, 2) with no vote yet."""
    made = [PC(tmp_path, f"p{i}", template) for i in range(3)]
    made[0].create(setup_text())
    yield made
    for pc in made:
        pc.close()


def test_a_new_pc_joins_from_any_file_and_gets_setup_then_counts(pcs: list[PC]) -> None:
    coord, b, _ = pcs
    coord.record(A2, 6, 3)
    report = b.take(coord.export())
    assert report.outcome == "joined" and report.new == 2
    assert report.changes.vote and report.coordinator
    assert b.store.vote() is not None and b.store.vote().title == "Small vote"
    assert b.state() == coord.state()
    assert b.reports() == coord.reports()


def test_the_same_file_twice_or_renamed_changes_nothing(pcs: list[PC], tmp_path: Path) -> None:
    coord, b, _ = pcs
    coord.record(A2, 6, 3)
    data = coord.export()
    b.take(data, "results.tally")
    before = b.content()
    share = tmp_path / "share"
    share.mkdir()
    for name in ("results.tally", "results (2).tally", "Copy of results.tally"):
        (share / name).write_bytes(data)
        again = exchange.import_file(b.store, share / name)
        assert again.outcome == "already imported"
        assert b.content() == before
    # the same content in another file (exported again later) brings nothing new either
    later = coord.export()
    assert later != data
    report = b.take(later, "later.tally")
    assert report.outcome == "nothing new" and report.known == 2
    assert b.content() == before


def test_a_pc_that_missed_a_file_catches_up_from_a_later_one(pcs: list[PC]) -> None:
    coord, b, _ = pcs
    b.take(coord.export())
    coord.record(A2, 6, 3)
    coord.export()  # this file is lost on the way
    coord.record(B1, 4, 4)
    report = b.take(coord.export())
    assert report.new == 2
    assert b.state() == coord.state()


def test_origin_survives_relaying_through_other_pcs(pcs: list[PC]) -> None:
    coord, b, c = pcs
    b.take(coord.export())
    b.record(A2, 7, 2)
    coord.take(b.export())
    c.take(coord.export())  # b's count reaches c only through the coordinator
    (entry,) = [e for e in c.entries() if e.type is EntryType.COUNT_ENTERED]
    assert (entry.steward, entry.pc) == ("steward p1", "PC p1")
    assert entry.origin == next(e for e in b.entries() if e.type.is_count).origin
    assert c.state() == b.state() == coord.state()


def test_different_counts_conflict_everywhere_until_a_resolution_syncs(pcs: list[PC]) -> None:
    coord, b, c = pcs
    b.take(coord.export())
    c.take(coord.export())
    b.record(A2, 7, 2)
    c.record(A2, 7, 3)  # entered without seeing b's count
    file_b, file_c = b.export(), c.export()
    for pc in pcs:
        for data in (file_b, file_c):
            pc.take(data)
    for pc in pcs:
        assert conflict_count(pc.store) == 1  # what the status bar shows
        (conflict,) = list_conflicts(pc.store)
        assert {(h.values.no, h.steward) for h in conflict.heads} == {
            (2, "steward p1"),
            (3, "steward p2"),
        }
        assert pc.reports()[("q", "a2")].status is ReportStatus.CONFLICT
        assert pc.reports()[("q", "a2")].numbers.cast == 0  # no total for the unit
    (conflict,) = list_conflicts(coord.store)
    kept = next(h for h in conflict.heads if h.values.no == 2)
    resolved = resolve_conflict(
        coord.store, coord.author, A2, take=kept.entry_id[:8], reason="checked the sheet"
    )
    assert resolved.status is SlotStatus.VALUE
    resolution = coord.export()
    for pc in (b, c):
        report = pc.take(resolution)
        assert report.new == 1
        assert list_conflicts(pc.store) == []
        assert conflict_count(pc.store) == 0
        assert pc.reports()[("q", "a2")].numbers.no == 2
    assert b.state() == c.state() == coord.state()


def test_equal_counts_from_two_stewards_show_as_confirmed(pcs: list[PC]) -> None:
    coord, b, _ = pcs
    b.take(coord.export())
    coord.record(A2, 5, 5)
    b.record(A2, 5, 5)
    report = coord.take(b.export())
    assert report.new == 1 and report.conflicting == 0
    with coord.store.reading() as conn:
        status = conn.exec_driver_sql("SELECT status FROM slots").scalar_one()
    assert status == "confirmed"


def test_two_resolutions_made_unaware_are_a_conflict_again(pcs: list[PC]) -> None:
    coord, b, c = pcs
    for pc in (b, c):
        pc.take(coord.export())
    b.record(A2, 7, 2)
    c.record(A2, 7, 3)
    for pc in (b, c):
        pc.take(b.export())
        pc.take(c.export())
    resolve_conflict(b.store, b.author, A2, numbers={"yes": 7, "no": 2}, reason="b's sheet")
    resolve_conflict(c.store, c.author, A2, numbers={"yes": 7, "no": 3}, reason="c's sheet")
    b.take(c.export())
    (conflict,) = list_conflicts(b.store)
    assert len(conflict.heads) == 2


def test_state_codes_are_equal_exactly_when_the_entries_are(pcs: list[PC]) -> None:
    coord, b, _ = pcs
    b.take(coord.export())
    assert b.state() == coord.state()
    coord.record(A2, 1, 1)
    assert b.state() != coord.state()
    assert len(coord.state().code) == 9 and coord.state().code[4] == "-"
    b.take(coord.export())
    assert b.state() == coord.state() and b.state().entries == 2


def test_export_writes_a_new_file_never_replacing_one(pcs: list[PC], tmp_path: Path) -> None:
    coord, b, _ = pcs
    share = tmp_path / "share"
    share.mkdir()
    first = exchange.export_file(coord.store, coord.author, share)
    second = exchange.export_file(coord.store, coord.author, share)
    assert first.path != second.path and first.path and second.path
    assert first.path.exists() and second.path.exists()
    assert not [p for p in share.iterdir() if p.name.endswith(".partial")]
    (share / ".other.tally.1234.partial").write_bytes(first.data[:100])
    assert files.tally_files(share) == sorted([first.path, second.path])
    with pytest.raises(ImportRefused) as refused:
        exchange.import_file(b.store, share / ".other.tally.1234.partial")
    assert refused.value.code is Refusal.INCOMPLETE
    with pytest.raises(Refused, match="another folder"):
        exchange.export_file(coord.store, coord.author, coord.path.parent)


def test_an_export_gathered_then_written_without_the_database_gives_the_same_file(
    pcs: list[PC], tmp_path: Path
) -> None:
    """The window reads the database in one transaction (gather_export) and builds, writes
    and checks the file on another thread (write_export): the same bytes as export_bytes for
    the same clock, and the second part needs no database at all."""
    coord, b, _ = pcs
    coord.record(A2, 6, 3)
    coord.record(B1, 4, 1)
    coord.record(A2, 7, 3, correct=True)

    def at() -> str:
        return "2011-06-20T21:30:00+00:00"

    whole = exchange.export_bytes(coord.store, coord.author, clock=at)
    gathered = exchange.gather_export(coord.store, coord.author, clock=at)
    assert export.build_export(gathered).data == whole.data
    with pytest.raises(Refused, match="another folder"):
        exchange.write_export(gathered, coord.path.parent / "beside.tally")
    coord.close()
    away = tmp_path / "away"
    away.mkdir()
    coord.path.rename(away / coord.path.name)  # a query now would open a new, empty file
    share = tmp_path / "share"
    share.mkdir()
    written = exchange.write_export(gathered, share)  # a folder: a new file named in it
    assert not coord.path.exists()
    assert written.path is not None and written.path.parent == share
    assert written.path.name.endswith("_20110620213000.tally")
    assert written.path.read_bytes() == whole.data
    assert (written.entries, written.origins, written.state) == (
        whole.entries,
        whole.origins,
        whole.state,
    )
    report = b.take(written.path.read_bytes())
    assert report.outcome == "joined" and b.state() == whole.state
    assert whole.entries == len(b.entries()) > 3


def test_an_export_refused_for_its_folder_reads_nothing(pcs: list[PC], tmp_path: Path) -> None:
    coord = pcs[0]
    coord.record(A2, 6, 3)
    with pytest.raises(Refused, match="another folder"):
        exchange.export_file(coord.store, coord.author, coord.path.parent / "x.tally")
    with coord.store.reading() as conn:  # no checkpoint was signed or saved for it
        assert not conn.exec_driver_sql("SELECT COUNT(*) FROM checkpoints").scalar_one()
    (tmp_path / "out").mkdir()
    assert exchange.export_file(coord.store, coord.author, tmp_path / "out" / "x.tally").path
    with coord.store.reading() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM checkpoints").scalar_one() == 1


def test_the_key_file_is_private_and_a_copied_database_gets_a_new_key(
    pcs: list[PC], tmp_path: Path
) -> None:
    coord = pcs[0]
    key_file = key_file_path(coord.path)
    if os.name == "posix":
        assert stat.S_IMODE(os.stat(key_file).st_mode) == 0o600
    else:  # a mode means nothing there: the secret is encrypted for this Windows account
        assert '"protection": "dpapi-user"' in key_file.read_text(encoding="utf-8")
    original = coord.key()
    coord.close()
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "p0.sqlite").write_bytes(coord.path.read_bytes())  # the key file stays behind
    moved = PC(elsewhere, "p0")
    again = PC(tmp_path, "p0")
    try:
        assert moved.key() != original
        assert again.key() == original
    finally:
        moved.close()
        again.close()


def test_stewards_sharing_a_pc_have_their_own_keys(pcs: list[PC]) -> None:
    from steward_app.services.authors import Author

    coord = pcs[0]
    first = my_key(coord.store, Author("one", "hall PC")).origin
    second = my_key(coord.store, Author("two", "hall PC")).origin
    assert first != second
    assert my_key(coord.store, Author("one", "hall PC")).origin == first


# --- the coordinator's list of keys -----------------------------------------------------------


@pytest.fixture
def listed(tmp_path: Path, template: Path) -> list[PC]:
    """A vote whose setup lists keys: coordinator (0), a steward for union a (1), an unlisted
    PC (2) and a steward for every union (3)."""
    made = [PC(tmp_path, f"k{i}", template) for i in range(4)]
    keys = [pc.key() for pc in made]
    text = setup_text(
        coordinator=keys[0],
        stewards=[(keys[1], "steward one", ["a"]), (keys[3], "steward three", "all")],
    )
    made[0].create(text)
    opening = made[0].export()
    for pc in made[1:]:
        pc.take(opening)
    yield made
    for pc in made:
        pc.close()


def test_an_unlisted_key_is_held_apart_and_its_file_refused(listed: list[PC]) -> None:
    coord, one, stranger, _ = listed
    result = stranger.record(A2, 3, 3)
    assert result is not None and "held apart" in result.note
    assert stranger.state().entries == 1  # the setup only: the count is not applied
    data = stranger.export()
    before = one.files_bytes()
    with pytest.raises(ImportRefused) as refused:
        one.take(data)
    assert refused.value.code is Refusal.UNKNOWN_SIGNER
    assert one.files_bytes() == before
    report = coord.take(data, hold_unknown=True)
    assert report.held == 1 and report.new == 0
    (held,) = held_entries(coord.store)
    assert held.reason is HoldReason.UNKNOWN_KEY and "not listed" in held.detail


def test_a_key_reporting_for_another_union_is_held_until_accepted(listed: list[PC]) -> None:
    coord, one, _, three = listed
    one.record(B1, 4, 1)  # steward one may report for union a only
    (held,) = held_entries(one.store)
    assert held.reason is HoldReason.NOT_ALLOWED
    report = three.take(one.export())
    assert report.held == 1
    coord.take(one.export())
    with pytest.raises(Refused, match="only the coordinator"):
        accept_held(one.store, one.author, ["all"], "it is fine")
    count, _ = accept_held(coord.store, coord.author, ["all"], "steward one counted union b")
    assert count == 1 and held_entries(coord.store) == []
    assert coord.reports()[("q", "b1")].numbers.yes == 4
    report = three.take(coord.export())
    assert report.released == 1 and held_entries(three.store) == []
    assert three.state() == coord.state()


def test_trusting_a_key_is_a_setup_change_that_syncs(listed: list[PC]) -> None:
    coord, one, stranger, three = listed
    stranger.record(A2, 3, 3)
    coord.take(stranger.export(), hold_unknown=True)
    shown, _ = trust_key(coord.store, coord.author, stranger.key(), ["a"], "the stranger")
    assert shown == my_key(stranger.store, stranger.author).fingerprint
    assert held_entries(coord.store) == []
    assert coord.reports()[("q", "a2")].numbers.yes == 3
    update = coord.export()
    for pc in (one, stranger, three):
        pc.take(update)
        assert pc.state() == coord.state()
        assert held_entries(pc.store) == []
    assert stranger.store.vote().roster.by_origin  # the new list reached the stranger too


def test_only_the_coordinator_changes_the_setup(listed: list[PC]) -> None:
    coord, one, _, three = listed
    vote = coord.store.vote()
    assert vote is not None
    text = vote_text(coord).replace("membership = 10\n", "membership = 12\n")
    with pytest.raises(Refused, match="only the coordinator"):
        change_setup(one.store, one.author, text, "fixing b")
    change_setup(coord.store, coord.author, text, "Union B's membership corrected")
    assert coord.store.vote().union_by_id["b"].membership == 12
    report = three.take(coord.export())
    assert report.changes.vote
    assert three.store.vote().union_by_id["b"].membership == 12
    history = [e for e in three.entries() if e.type is EntryType.SETUP]
    assert len(history) == 2 and history[1].reason == "Union B's membership corrected"


def test_a_unit_added_by_a_setup_change_reaches_other_pcs_with_its_counts(
    listed: list[PC],
) -> None:
    coord, one, _, three = listed
    text = vote_text(coord) + (
        '\n[[unions]]\nid = "c"\nname = "Union C"\nmembership = 5\n'
        'membership_source = "test"\nmembership_as_of = 2020-01-01\n'
        '\n[[unions.units]]\nid = "c1"\nname = "C one"\neligible = 5\n'
    )
    change_setup(coord.store, coord.author, text, "union C joined the coalition")
    three.take(coord.export())
    three.record(SlotKey("q", "c1"), 3, 1)  # three may report for every union
    report = one.take(three.export())  # carries the setup change and the count together
    assert report.held == 0 and report.changes.vote
    assert one.reports()[("q", "c1")].numbers.yes == 3


def vote_text(pc: PC) -> str:
    with pc.store.reading() as conn:
        chain = pc.store.setup_chain(conn)
    assert chain is not None and chain.current is not None
    return str(chain.current.body["toml"])


def test_replacing_the_vote_forgets_what_file_exchange_kept(pcs: list[PC]) -> None:
    from steward_app.services.vote_setup import create_vote

    coord, b, _ = pcs
    coord.record(A2, 6, 3)
    data = coord.export()
    b.take(data)
    # the coordinator's setup as stored (naming the coordinator): the same vote again; the
    # setup file without it would name this PC as coordinator, hence another vote
    stored = next(e for e in coord.entries() if e.type.value == "setup").body["toml"]
    create_vote(b.store, stored, b.author, replace=True, clock=b.clock)
    b.store.forget_vote()
    with b.store.reading() as conn:
        kept = [
            conn.exec_driver_sql(f"SELECT COUNT(*) FROM {t}").scalar_one()
            for t in ("checkpoints", "held_entries", "imports")
        ]
    assert kept == [0, 0, 0]
    again = b.take(data)  # the same file is not "already imported" into the new vote
    assert again.outcome == "imported"
    assert b.reports()[("q", "a2")].numbers.yes == 6


@pytest.mark.parametrize("part", [1, 3, 7, 19, 20, 21, 50_000])
def test_state_code_read_in_parts_is_the_whole_code(demo_store: VoteStore, part: int) -> None:
    """The window reads the state code a part at a time; parts of any size, including one that
    divides the number of entries exactly, give the code read at once."""
    whole = exchange.state_code(demo_store)
    reading = exchange.StateReading(part)
    steps = 0
    code = None
    while code is None:
        code = reading.step(demo_store)
        steps += 1
    assert code == whole
    assert steps == whole.entries // part + 1
