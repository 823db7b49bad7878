"""An outsider tries to take the vote over with the command line alone (issue: who decides).

She copies the setup text out of a real tally file, runs `init` on it in a database of her own
until her setup entry's id sorts before the real one, records a count, lowers the coalition's
threshold with a setup change, declares the coalition approved and exports. The coordinator
imports her file: nothing of hers decides anything, and what is held names her key.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from steward_app.cli.main import EXIT_OK, EXIT_REFUSED, run
from steward_app.domain.counts import SlotKey
from steward_app.domain.entries import SETUP_KEY, EntryType
from steward_app.domain.identity import fingerprint, fingerprint_origin
from steward_app.domain.setup_file import setup_hash
from steward_app.services.authors import origin_cursor
from steward_app.services.roster import my_key
from steward_app.store import entry_log, entry_reads
from steward_app.store.vote_store import COORDINATOR_PIN, VOTE_KEY, VoteStore
from steward_app.sync.errors import ImportRefused, Refusal
from tests.sync.helpers import PC, SLOTS, setup_text


def cli(db: Path, who: str, pc: str, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", str(db), "--steward", who, "--pc", pc, *args], out, err)
    return code, out.getvalue(), err.getvalue()


def ok(db: Path, who: str, pc: str, *args: str) -> str:
    code, out, err = cli(db, who, pc, *args)
    assert code == EXIT_OK, err
    return out


def key_of(db: Path, who: str, pc: str) -> tuple[str, str]:
    shown = ok(db, who, pc, "keys", "show")
    key = re.search(r"public key\s+(\S+)", shown)
    fp = re.search(r"fingerprint\s+(\S+)", shown)
    assert key is not None and fp is not None, shown
    return key.group(1), fp.group(1)


def setup_in(tally: Path) -> str:
    """The vote's first setup, as anyone can read it out of a tally file."""
    with zipfile.ZipFile(tally) as z:
        for line in z.read("entries.jsonl").splitlines():
            obj = json.loads(line)
            if obj["type"] == "setup" and not obj["supersedes"]:
                return str(obj["body"]["toml"])
    raise AssertionError("no setup in the file")


def first_setup_id(db: Path) -> str:
    store = VoteStore(db)
    try:
        with store.reading() as conn:
            return min(e.id for e in entry_reads.entries_of_type(conn, EntryType.SETUP))
    finally:
        store.close()


@pytest.mark.parametrize("named", [False, True], ids=["no-coordinator", "coordinator-named"])
@pytest.mark.parametrize("listed", [False, True], ids=["open-list", "closed-list"])
def test_an_outsider_with_a_copy_of_the_setup_decides_nothing(
    tmp_path: Path, named: bool, listed: bool
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    steward, her = (tmp_path / n / "v.sqlite" for n in ("steward", "her"))
    steward_key, _ = key_of(steward, "a steward", "hall PC")
    setup = tmp_path / "setup.toml"
    for attempt in range(40):  # a real setup id in the upper 3/4: hers then sorts first soon
        coord = tmp_path / f"coord{attempt}" / "v.sqlite"
        coord_key, coord_fp = key_of(coord, "the coordinator", "office PC")
        setup.write_text(
            setup_text(
                coordinator=coord_key if named else None,
                stewards=[(steward_key, "a steward, hall PC", "all")] if listed else None,
            )
        )
        ok(coord, "the coordinator", "office PC", "init", str(setup))
        if first_setup_id(coord) >= "4":
            break
    ok(coord, "the coordinator", "office PC", "count", "b1", "--yes", "6", "--no", "3")
    ok(coord, "the coordinator", "office PC", "export", str(share / "opening.tally"))

    # the outsider: the setup text out of the file, `init` until her setup entry sorts first
    copied = tmp_path / "copied.toml"
    copied.write_text(setup_in(share / "opening.tally"))
    real_id = first_setup_id(coord)
    pc = ""
    for attempt in range(60):
        pc = f"her PC {attempt}"
        ok(her, "an outsider", pc, "init", "--replace", str(copied))
        if first_setup_id(her) < real_id:
            break
    assert first_setup_id(her) < real_id
    _, her_fp = key_of(her, "an outsider", pc)
    lowered = tmp_path / "lowered.toml"
    lowered.write_text(copied.read_text().replace("min_unions = 2", "min_unions = 1"))

    def attack() -> int:
        cli(her, "an outsider", pc, "count", "a2", "--yes", "9", "--no", "0")
        cli(her, "an outsider", pc, "setup-change", str(lowered), "--reason", "quorum")
        cli(her, "an outsider", pc, "declare", "approved", "--note", "it passed")
        return cli(her, "an outsider", pc, "export", str(share / "hers.tally"))[0]

    if attack() != EXIT_OK:
        # her own PC will not export a vote she does not coordinate: she joins the real one
        # (from the coordinator's own file) and tries again from there
        cli(her, "an outsider", pc, "import", str(share / "opening.tally"))
        assert attack() == EXIT_OK

    code, out, err = cli(coord, "the coordinator", "office PC", "import", str(share / "hers.tally"))
    if listed:  # her key is not listed: her file is refused, naming her key
        assert code == EXIT_REFUSED and "unknown signer" in err and her_fp in err
        code, out, err = cli(
            coord, "the coordinator", "office PC", "import", "--hold", str(share / "hers.tally")
        )
    assert code == EXIT_OK, err
    assert her_fp in out

    keys = ok(coord, "the coordinator", "office PC", "keys", "list")
    coordinator_line = next(line for line in keys.splitlines() if "coordinator" in line)
    assert coord_fp in coordinator_line and her_fp not in coordinator_line
    standings = ok(coord, "the coordinator", "office PC", "standings")
    assert "COALITION: APPROVED" not in standings  # neither her rule nor her declaration
    assert "at least 2 of 2 unions" in standings  # the coordinator's rule is in force
    held = ok(coord, "the coordinator", "office PC", "held")
    assert her_fp in held
    store = VoteStore(coord)
    with store.reading() as conn:
        her_origin = fingerprint_origin(her_fp)
        hers = [e.type for e in entry_reads.all_entries(conn) if e.origin == her_origin]
    store.close()
    # with no list every key's counts count (init warned of it); nothing else of hers applies
    assert hers == ([] if listed else [EntryType.COUNT_ENTERED])
    # the coordinator still changes the setup: her copy and her change are not in the way
    mine = tmp_path / "mine.toml"
    mine.write_text(setup_in(share / "opening.tally").replace("membership = 10", "membership = 11"))
    ok(coord, "the coordinator", "office PC", "setup-change", str(mine), "--reason", "membership")
    # a steward joining from her file (it relays the real setup too; refused from an unlisted
    # key, so then from the coordinator's) gets the real vote, and is told whose key leads it
    source = share / ("opening.tally" if listed else "hers.tally")
    joined = ok(steward, "a steward", "hall PC", "import", "--coordinator", coord_fp, str(source))
    assert f"coordinator is the key {coord_fp}" in joined


def _legacy_vote(pc: PC, text: str) -> None:
    """A vote as versions before schema 0004 made it (a first setup naming no coordinator),
    upgraded: its coordinator pinned."""
    with pc.store.transaction() as conn:
        entry_log.set_setting(conn, VOTE_KEY, setup_hash(text))
        cursor = origin_cursor(conn, pc.author)
        entry_log.set_setting(conn, COORDINATOR_PIN, cursor.origin)
        root = cursor.entry(
            pc.author,
            vote=setup_hash(text),
            type=EntryType.SETUP,
            key=SETUP_KEY,
            body={"toml": text},
            recorded_at=pc.clock(),
        )
        entry_log.append(conn, [root])
    pc.store.forget_vote()


def test_joining_a_vote_made_by_an_older_version_needs_the_coordinators_fingerprint(
    tmp_path: Path, template: Path
) -> None:
    coord, outsider, joining = (PC(tmp_path, n, template) for n in ("coord", "her", "new"))
    text = setup_text()
    _legacy_vote(coord, text)
    coord.record(SLOTS[3], 6, 3)
    opening = coord.export()
    # her copy of the same text, signed by her key, whatever its id, is not the vote
    outsider.take(opening, expect_coordinator=coord_origin(coord))
    _legacy_vote(outsider, text)  # a second root, hers, in her own database
    with pytest.raises(ImportRefused) as refused:
        joining.take(outsider.export())
    assert refused.value.code is Refusal.NO_SETUP and "--coordinator" in str(refused.value)
    report = joining.take(outsider.export(), expect_coordinator=coord_origin(coord))
    assert report.outcome == "joined" and report.coordinator == fingerprint(coord_origin(coord))
    with joining.store.reading() as conn:
        assert joining.store.pinned(conn) == coord_origin(coord)
        authority = joining.store.authority(conn)
    assert authority is not None and authority.coordinator == coord_origin(coord)
    for pc in (coord, outsider, joining):
        pc.close()


def coord_origin(pc: PC) -> str:
    return my_key(pc.store, pc.author).origin


def test_an_upgraded_database_judges_its_entries_again_at_the_next_import(
    tmp_path: Path, template: Path
) -> None:
    """Schema 0003's fixture holds a coalition outcome declared by a key that is not the
    coordinator's (allowed then with no list of stewards). After the upgrade the first import
    judges every entry by this version's rules: it is held, as on a PC that joins now."""
    import shutil

    from steward_app.services.declarations import declared_outcomes

    fixtures = Path(__file__).parent.parent / "fixtures"
    old = PC(tmp_path / "old", "old")
    old.close()
    shutil.copy(fixtures / "schema-0003.sqlite", old.path)
    old.store = VoteStore(old.path)  # upgraded here, after a backup
    with old.store.reading() as conn:
        pinned = old.store.pinned(conn)
        assert [d.outcome for d in declared_outcomes(conn)] == ["pending"]  # as it was
    assert pinned is not None
    joining = PC(tmp_path, "new", template)
    report = joining.take(old.export(), expect_coordinator=pinned)
    assert report.outcome == "joined"
    with joining.store.reading() as conn:
        assert declared_outcomes(conn) == []  # judged now: not the coordinator's to declare
    assert joining.record(SlotKey("concessions", "aft-ct-staff"), 1, 1) is not None
    old.take(joining.export())
    with old.store.reading() as conn:
        assert declared_outcomes(conn) == []
    assert old.state() == joining.state()
    old.close()
    joining.close()
