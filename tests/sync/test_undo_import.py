"""Undoing one import: what it brought goes, the file imports again to the same state, and
every refusal leaves the database's content as it was."""

from __future__ import annotations

import io
import shutil
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest

from steward_app.cli.main import EXIT_OK, EXIT_REFUSED, run
from steward_app.services.errors import Refused
from steward_app.services.imports import import_history, undo_import
from steward_app.services.roster import held_entries, trust_key
from steward_app.store.vote_store import VoteStore
from tests.sync.helpers import PC, SLOTS, setup_text

A1X, A2, B1 = SLOTS[0], SLOTS[2], SLOTS[3]
FIXTURES = Path(__file__).parent.parent / "fixtures"


@pytest.fixture
def pcs(tmp_path: Path, template: Path) -> Iterator[list[PC]]:
    """A coordinator (0) with an open vote, and two PCs (1, 2) that joined from its file."""
    made = [PC(tmp_path, f"u{i}", template) for i in range(3)]
    made[0].create(setup_text())
    opening = made[0].export()
    for pc in made[1:]:
        pc.take(opening, "opening.tally")
    yield made
    for pc in made:
        pc.close()


def tables(pc: PC) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table, sorted: the database's content."""
    with pc.store.reading() as conn:
        names = [
            str(r[0])
            for r in conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'table'")
        ]
        return {
            n: sorted(map(tuple, conn.exec_driver_sql(f'SELECT * FROM "{n}"')), key=repr)
            for n in names
        }


def id_of(pc: PC, name: str) -> str:
    (line,) = [line for line in import_history(pc.store) if line.name == name]
    return line.id[:8]


def refused_unchanged(pc: PC, name: str, match: str) -> None:
    before, state = tables(pc), pc.state()
    with pytest.raises(Refused, match=match):
        undo_import(pc.store, id_of(pc, name))
    assert tables(pc) == before and pc.state() == state


def test_undo_then_import_again_gives_the_same_state(pcs: list[PC]) -> None:
    coord, b, c = pcs
    before_state, before = b.state(), b.content()
    coord.record(A2, 6, 3)
    coord.record(B1, 4, 4)
    data = coord.export()
    report = b.take(data, "evening.tally")
    assert report.new == 2
    after_state, after = b.state(), b.content()
    (line,) = [x for x in import_history(b.store) if x.name == "evening.tally"]
    assert (line.new, line.undoable, line.sender) == (2, True, report.exporter)

    done = undo_import(b.store, line.id[:6])
    assert (done.removed, done.held) == (2, 0) and done.changes.units == {"a2", "b1"}
    assert b.state() == before_state and b.content() == before
    assert "evening.tally" not in [x.name for x in import_history(b.store)]
    assert ("q", "a2") not in b.reports()
    # b's own export still verifies on another PC: its chains end at the checkpoints put back
    assert c.take(b.export()).outcome == "nothing new"

    again = b.take(data, "evening again.tally")
    assert again.outcome == "imported" and again.new == 2
    assert b.state() == after_state == coord.state() and b.content() == after
    assert c.take(b.export()).new == 2  # relayed onwards with the checkpoint it brought


def test_held_entries_of_an_import_are_taken_out_too(tmp_path: Path, template: Path) -> None:
    made = [PC(tmp_path, f"h{i}", template) for i in range(3)]
    coord, stranger, listed = made
    coord.create(setup_text(coordinator=coord.key(), stewards=[(listed.key(), "l", "all")]))
    stranger.take(coord.export())
    stranger.record(A2, 3, 3)
    coord.take(stranger.export(), "stranger.tally", hold_unknown=True)
    assert len(held_entries(coord.store)) == 1
    done = undo_import(coord.store, id_of(coord, "stranger.tally"))
    assert (done.removed, done.held) == (0, 1)
    assert held_entries(coord.store) == []
    for pc in made:
        pc.close()


def test_undoing_a_setup_change_holds_again_what_it_released(
    tmp_path: Path, template: Path
) -> None:
    made = [PC(tmp_path, f"s{i}", template) for i in range(3)]
    coord, stranger, other = made
    coord.create(setup_text(coordinator=coord.key(), stewards=[(other.key(), "o", "all")]))
    opening = coord.export()
    stranger.take(opening)
    other.take(opening)
    stranger.record(A2, 3, 3)
    other.take(stranger.export(), "stranger.tally", hold_unknown=True)
    coord.take(stranger.export(), hold_unknown=True)
    trust_key(coord.store, coord.author, stranger.key(), ["a"], "the stranger")
    report = other.take(coord.export(), "trusted.tally")
    assert report.released == 1 and held_entries(other.store) == []
    with_trust = other.state()

    done = undo_import(other.store, id_of(other, "trusted.tally"))
    assert done.changes.vote and "a2" in done.changes.units
    (held,) = held_entries(other.store)
    assert held.entry.key.unit == "a2"
    assert ("q", "a2") not in other.reports()
    other.take(coord.export(), "trusted again.tally")
    assert other.state() == with_trust == coord.state()
    for pc in made:
        pc.close()


def test_refused_when_a_later_import_builds_on_it(pcs: list[PC]) -> None:
    coord, b, _ = pcs
    coord.record(A2, 6, 3)
    b.take(coord.export(), "first.tally")
    coord.record(A2, 7, 3, correct=True)  # supersedes the count of first.tally
    b.take(coord.export(), "second.tally")
    refused_unchanged(b, "first.tally", "undo the later import first: second.tally")
    undo_import(b.store, id_of(b, "second.tally"))
    undo_import(b.store, id_of(b, "first.tally"))  # now it can go


def test_refused_when_a_later_entry_of_the_same_chain_came_later(pcs: list[PC]) -> None:
    coord, b, _ = pcs
    coord.record(A2, 6, 3)
    b.take(coord.export(), "first.tally")
    coord.record(B1, 4, 4)  # not a correction: just the next entry of the same chain
    b.take(coord.export(), "second.tally")
    refused_unchanged(b, "first.tally", "undo the later import first: second.tally")


def test_refused_when_a_count_entered_here_corrects_it(pcs: list[PC]) -> None:
    coord, b, _ = pcs
    coord.record(A2, 6, 3)
    b.take(coord.export(), "first.tally")
    assert b.record(A2, 6, 4, correct=True) is not None
    refused_unchanged(b, "first.tally", "entries recorded on this PC build on")


def test_refused_for_the_joining_file_for_nothing_new_and_for_unknown_ids(
    pcs: list[PC],
) -> None:
    coord, b, _ = pcs
    refused_unchanged(b, "opening.tally", "joined the vote from")
    b.take(coord.export(), "again.tally")  # everything in it was already here
    refused_unchanged(b, "again.tally", "brought nothing new")
    before = tables(b)
    with pytest.raises(Refused, match="names 0 of the imported files"):
        undo_import(b.store, "zzzz")
    assert tables(b) == before


def test_an_import_made_before_the_records_cannot_be_undone(pcs: list[PC]) -> None:
    coord, b, _ = pcs
    coord.record(A2, 6, 3)
    b.take(coord.export(), "old.tally")
    with b.store.transaction() as conn:  # as an import made before schema 0003 left it
        conn.exec_driver_sql("DELETE FROM import_entries")
    (line,) = [x for x in import_history(b.store) if x.name == "old.tally"]
    assert line.why_not == "imported before this version kept a record"
    refused_unchanged(b, "old.tally", "before this version kept a record")


def test_a_database_of_schema_0002_gets_the_records_and_the_trigger(tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "schema-0002.sqlite", path)
    VoteStore(path).close()
    raw = sqlite3.connect(path)
    names = {r[0] for r in raw.execute("SELECT name FROM sqlite_master")}
    assert {"import_entries", "import_checkpoints", "forget_import_records"} <= names
    raw.execute("INSERT INTO import_entries VALUES ((SELECT file_hash FROM imports), x'01')")
    raw.execute("DELETE FROM imports")
    assert raw.execute("SELECT COUNT(*) FROM import_entries").fetchone() == (0,)
    raw.close()


def cli(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", str(db), "--steward", "steward u1", "--pc", "PC u1", *args], out, err)
    return code, out.getvalue(), err.getvalue()


def test_the_imports_and_undo_import_commands(pcs: list[PC]) -> None:
    coord, b, _ = pcs
    coord.record(A1X, 2, 1)
    b.take(coord.export(), "night.tally")
    b.close()
    code, out, _ = cli(b.path, "imports")
    assert code == EXIT_OK
    first = out.splitlines()[0]
    assert "night.tally" in first and "1 new, 1 already present, 0 held" in first
    (opening,) = [x for x in out.splitlines() if "opening.tally" in x]
    assert opening.endswith("(cannot be undone: this PC joined the vote from it)")
    code, _, err = cli(b.path, "undo-import", "nope")
    assert code == EXIT_REFUSED and "names 0 of the imported files" in err
    code, out, _ = cli(b.path, "undo-import", first.split()[0])
    assert code == EXIT_OK and "Undid the import of night.tally: 1 entries" in out
    assert "night.tally" not in cli(b.path, "imports")[1]
