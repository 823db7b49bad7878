"""Backups and restores: consistent copies, a restore that gives back the same standings, files
that are not good backups refused with the database unchanged, the rotation rule, and a
backup cut short by a kill or a full disk never taken for a good one."""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from steward_app.cli.main import EXIT_OK, EXIT_REFUSED, run
from steward_app.services import backups
from steward_app.services.identity import INSTANCE_SETTING
from steward_app.store import backup
from steward_app.store.backup import Backup, list_backups, rotate, to_keep
from steward_app.store.database import HEAD_REVISION
from steward_app.store.errors import StoreError

FIXTURES = Path(__file__).parent.parent / "fixtures"
UNIT = "afscme-np4-391"


def cli(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", str(db), "--steward", "a steward", "--pc", "hall PC", *args], out, err)
    return code, out.getvalue(), err.getvalue()


def standings(db: Path) -> dict[str, object]:
    code, out, err = cli(db, "standings", "--json")
    assert code == EXIT_OK, err
    data: dict[str, object] = json.loads(out)
    data.pop("as_of", None)
    return data


@pytest.fixture
def counted_db(tmp_path: Path) -> Path:
    db = tmp_path / "vote.sqlite"
    assert cli(db, "demo")[0] == EXIT_OK
    for args in (
        ("count", UNIT, "--yes", "1340", "--no", "500", "--final"),
        ("correct", "afscme-np2", "--yes", "700", "--no", "500", "--reason", "recount"),
    ):
        code, _, err = cli(db, *args)
        assert code == EXIT_OK, err
    return db


def test_backup_then_restore_gives_back_the_same_standings(counted_db: Path) -> None:
    original = standings(counted_db)
    code, out, _ = cli(counted_db, "backup")
    assert code == EXIT_OK
    saved = Path(out.split(" to ")[-1].strip())
    assert saved.parent == counted_db.parent / "backups" and saved.exists()
    code, _, err = cli(counted_db, "correct", UNIT, "--yes", "10", "--no", "20", "--reason", "x")
    assert code == EXIT_OK, err
    assert standings(counted_db) != original

    code, out, err = cli(counted_db, "restore", str(saved))
    assert code == EXIT_OK, err
    assert standings(counted_db) == original
    previous = [b for b in list_backups(counted_db) if b.reason == backups.BEFORE_RESTORE]
    assert len(previous) == 1 and str(previous[0].path) in out
    # the database as it was before the restore is itself restorable
    assert cli(counted_db, "restore", str(previous[0].path))[0] == EXIT_OK
    assert standings(counted_db) != original


def test_a_restored_database_signs_with_new_keys(counted_db: Path, tmp_path: Path) -> None:
    """Entries made after the backup are already elsewhere under the old keys' numbers:
    numbering them again would fork those histories."""
    saved = tmp_path / "copy.sqlite"
    assert cli(counted_db, "backup", str(saved))[0] == EXIT_OK
    raw = sqlite3.connect(counted_db)
    before = raw.execute("SELECT value FROM settings WHERE name=?", (INSTANCE_SETTING,)).fetchone()
    raw.close()
    assert cli(counted_db, "restore", str(saved))[0] == EXIT_OK
    raw = sqlite3.connect(counted_db)
    after = raw.execute("SELECT value FROM settings WHERE name=?", (INSTANCE_SETTING,)).fetchone()
    raw.close()
    assert before is not None and after is not None and after != before


def test_backup_to_a_chosen_file_never_replaces_one(counted_db: Path, tmp_path: Path) -> None:
    target = tmp_path / "mine.sqlite"
    target.write_bytes(b"a steward's other file")
    code, _, err = cli(counted_db, "backup", str(target))
    assert code == EXIT_REFUSED and "already exists" in err
    assert target.read_bytes() == b"a steward's other file"
    code, _, err = cli(counted_db, "backup", str(counted_db))
    assert code == EXIT_REFUSED and "the database itself" in err


def damaged_copy(source: Path, target: Path) -> Path:
    """A copy whose pages after the first have their b-tree headers overwritten."""
    shutil.copy(source, target)
    data = bytearray(target.read_bytes())
    page = 4096
    for offset in range(page, len(data), page):
        data[offset : offset + 16] = b"\xff" * 16
    target.write_bytes(bytes(data))
    return target


@pytest.mark.parametrize("kind", ["foreign text", "other sqlite", "damaged", "newer", "missing"])
def test_a_file_that_is_no_good_backup_is_refused_and_nothing_changes(
    counted_db: Path, tmp_path: Path, kind: str
) -> None:
    candidate = tmp_path / "candidate.sqlite"
    expected = {
        "foreign text": "not a steward_app database",
        "other sqlite": "another program",
        "damaged": "damaged",
        "newer": "newer version",
        "missing": "no database file",
    }[kind]
    if kind == "foreign text":
        candidate.write_text("minutes of the bargaining committee\n" * 200)
    elif kind == "other sqlite":
        raw = sqlite3.connect(candidate)
        raw.execute("CREATE TABLE contacts (name TEXT)")
        raw.commit()
        raw.close()
    elif kind == "damaged":
        saved = backups.back_up(counted_db, tmp_path / "good.sqlite")
        damaged_copy(saved, candidate)
    elif kind == "newer":
        shutil.copy(FIXTURES / f"schema-{HEAD_REVISION}.sqlite", candidate)
        raw = sqlite3.connect(candidate)
        raw.execute("UPDATE alembic_version SET version_num = '9999'")
        raw.commit()
        raw.close()
    before = counted_db.read_bytes()
    backups_before = list_backups(counted_db)
    code, _, err = cli(counted_db, "restore", str(candidate))
    assert code == EXIT_REFUSED
    assert expected in err, err
    assert kind == "missing" or "Nothing was changed" in err
    assert counted_db.read_bytes() == before
    assert list_backups(counted_db) == backups_before


def test_a_backup_of_an_older_schema_is_restored_and_upgraded(tmp_path: Path) -> None:
    db = tmp_path / "vote.sqlite"
    assert cli(db, "demo")[0] == EXIT_OK
    old = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / "schema-0001.sqlite", old)
    code, out, err = cli(db, "restore", str(old))
    assert code == EXIT_OK, err
    assert "schema 0001" in out
    raw = sqlite3.connect(db)
    assert raw.execute("SELECT version_num FROM alembic_version").fetchone()[0] == HEAD_REVISION
    raw.close()
    assert "afscme" in json.dumps(standings(db))


# --- the rotation rule ---------------------------------------------------------------------


def made(now: dt.datetime, hours_ago: float, reason: str = "daily") -> Backup:
    when = now - dt.timedelta(hours=hours_ago)
    return Backup(when, reason, Path(f"{reason}-{when:%Y%m%d-%H%M%S}.sqlite"))


def test_rotation_keeps_the_newest_each_day_and_week_and_every_manual_one() -> None:
    now = dt.datetime(2026, 6, 20, 22, 0)  # a Saturday evening
    tonight = [made(now, h / 10, "before-import") for h in range(1, 30)]  # 29 in 3 hours
    days = [made(now, 24 * d + 1) for d in range(1, 12)]  # one each evening for 11 days
    weeks = [made(now, 24 * 7 * w + 5) for w in range(2, 12)]  # one a week, 2 to 11 weeks ago
    manual = [made(now, 24 * 200, "manual")]
    everything = tonight + days + weeks + manual
    keep = to_keep(everything, now)
    newest_ten = sorted(tonight, reverse=True)[:10]
    assert {b.path for b in newest_ten} <= keep
    assert not {b.path for b in tonight[10:]} & keep  # older ones of today: only the newest
    # the newest of each of the last 7 days (today and the 6 before)
    kept_days = {b.made.date() for b in everything if b.path in keep and b.automatic}
    for d in range(7):
        assert now.date() - dt.timedelta(days=d) in kept_days
    # one per week for 8 weeks, nothing older (except manual backups)
    this_monday = now.date() - dt.timedelta(days=now.weekday())
    oldest_week = this_monday - dt.timedelta(weeks=7)
    assert all(b.made.date() >= oldest_week for b in everything if b.path in keep and b.automatic)
    weeks_kept = {
        b.made.date() - dt.timedelta(days=b.made.weekday())
        for b in everything
        if b.path in keep and b.automatic
    }
    assert weeks_kept == {this_monday - dt.timedelta(weeks=w) for w in range(8)}
    assert manual[0].path in keep
    assert len(keep) == 10 + 6 + 6 + 1  # 10 tonight, 6 earlier days, 6 earlier weeks, manual


def test_rotate_deletes_on_disk_what_the_rule_drops(counted_db: Path) -> None:
    now = dt.datetime.now()
    for minutes in range(15):
        when = now - dt.timedelta(minutes=minutes)
        backup.backup_from_path(counted_db, backup.backup_path(counted_db, "before-import", when))
    manual = backups.back_up(counted_db)
    deleted = rotate(counted_db, now)
    left = list_backups(counted_db)
    # 16 automatic (the fixture's daily one is the newest): the 10 newest stay
    assert len(deleted) == 6 and not any(p.exists() for p in deleted)
    assert len([b for b in left if b.automatic]) == 10 and manual in {b.path for b in left}


def test_the_day_s_backup_is_made_once_a_day(counted_db: Path) -> None:
    now = dt.datetime.now()
    daily = [b for b in list_backups(counted_db) if b.reason == backups.DAILY]
    assert len(daily) == 1  # the first command that wrote today made it
    assert backups.daily_backup_if_due(counted_db, now) is None
    tomorrow = backups.daily_backup_if_due(counted_db, now + dt.timedelta(days=1))
    assert tomorrow is not None and tomorrow.exists()


def test_an_empty_database_gets_no_automatic_backup(tmp_path: Path) -> None:
    db = tmp_path / "empty.sqlite"
    assert cli(db, "units")[0] == EXIT_REFUSED  # creates the database, holds no vote
    assert backups.daily_backup_if_due(db) is None
    assert not (tmp_path / "backups").exists()


# --- cut short -----------------------------------------------------------------------------

SLOW_BACKUP = """
import sys, time
from pathlib import Path
from steward_app.store import backup

def progress(done, total):
    print(done, total, flush=True)
    time.sleep(0.5)

backup.backup_from_path(Path(sys.argv[1]), Path(sys.argv[2]), progress=progress)
print("finished", flush=True)
"""


def grow(db: Path, megabytes: int) -> None:
    """Make the database larger with a table of random bytes (not read by the app)."""
    raw = sqlite3.connect(db)
    raw.execute("CREATE TABLE ballast (data BLOB)")
    raw.executemany(
        "INSERT INTO ballast VALUES (?)", [(os.urandom(1 << 20),) for _ in range(megabytes)]
    )
    raw.commit()
    raw.close()


def test_a_kill_during_a_backup_leaves_no_backup_and_the_database_intact(
    counted_db: Path,
) -> None:
    grow(counted_db, 40)
    original = standings(counted_db)
    target = backup.backup_path(counted_db, "manual")
    listed_before = list_backups(counted_db)
    proc = subprocess.Popen(
        [sys.executable, "-c", SLOW_BACKUP, str(counted_db), str(target)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    first = proc.stdout.readline().split()
    assert first and int(first[0]) < int(first[1]), "the backup finished in one step"
    proc.kill()  # SIGKILL; TerminateProcess on Windows
    proc.wait()

    assert not target.exists()
    partial = [p for p in target.parent.iterdir() if p.name.endswith(backup.PARTIAL)]
    assert len(partial) == 1 and partial[0].stat().st_size > 0  # cut short, mid-copy
    assert list_backups(counted_db) == listed_before  # never taken for a good backup
    raw = sqlite3.connect(counted_db)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    assert standings(counted_db) == original
    with pytest.raises(StoreError, match="there is no database file"):
        backups.restore(counted_db, target)

    # the next backup works, and an old partial file is cleaned away
    old = dt.datetime.now().timestamp() - backup.STALE_PARTIAL_SECONDS - 60
    os.utime(partial[0], (old, old))
    saved = backups.back_up(counted_db)
    assert not partial[0].exists()
    assert backup.check_restorable(saved, (HEAD_REVISION,)).entries > 0


FULL_DISK = """
import resource, signal, sys
from steward_app.cli.main import run
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails, like a full disk
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
sys.exit(run(["--db", sys.argv[1], *sys.argv[3:]]))
"""


def run_with_disk_full(db: Path, limit: int, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(db), str(limit), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


NO_RLIMIT = pytest.mark.skipif(
    sys.platform == "win32", reason="a full disk is made with RLIMIT_FSIZE (resource): POSIX only"
)


@NO_RLIMIT
def test_a_backup_on_a_full_disk_says_so_and_leaves_no_file(counted_db: Path) -> None:
    grow(counted_db, 4)
    listed_before = list_backups(counted_db)
    done = run_with_disk_full(counted_db, 1 << 20, "backup")
    assert done.returncode == EXIT_REFUSED
    assert "the backup was not made" in done.stderr and "full" in done.stderr, done.stderr
    folder = counted_db.parent / "backups"
    assert not [p for p in folder.iterdir() if p.name.endswith(backup.PARTIAL)]
    assert list_backups(counted_db) == listed_before


@NO_RLIMIT
def test_an_export_on_a_full_disk_is_refused_and_leaves_no_file(
    counted_db: Path, tmp_path: Path
) -> None:
    """The export writes nothing usable: it is refused, and no partial file is left on the
    share for other PCs to pick up."""
    share = tmp_path / "share"
    share.mkdir()
    grow(counted_db, 2)  # the database may be larger than the limit: it is only read
    done = run_with_disk_full(counted_db, 1024, "export", str(share / "results.tally"))
    assert done.returncode == EXIT_REFUSED, done.stderr
    assert "full" in done.stderr, done.stderr
    assert list(share.iterdir()) == []
