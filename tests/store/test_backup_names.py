"""Backups named in the same clock tick (Windows's clock moves in 15.6 ms steps) never collide,
a rename onto a name another program holds for a moment waits for it, and a backup on a UNC
path (\\\\server\\share) can be opened for checking and restoring."""

from __future__ import annotations

import datetime as dt
import errno
import io
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

import pytest

from steward_app.cli.main import EXIT_OK, run
from steward_app.services import backups
from steward_app.store import backup
from steward_app.store.backup import list_backups

FROZEN = dt.datetime(2026, 3, 14, 21, 5, 7, 123000)  # what the clock says twice in a row


@pytest.fixture
def counted_db(tmp_path: Path) -> Path:
    db = tmp_path / "vote.sqlite"
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", str(db), "--steward", "a steward", "--pc", "hall PC", "demo"], out, err)
    assert code == EXIT_OK, err.getvalue()
    return db


def test_two_backups_in_one_clock_tick_get_two_names(counted_db: Path) -> None:
    first = backups.automatic_backup(counted_db, backups.BEFORE_IMPORT, FROZEN)
    second = backups.automatic_backup(counted_db, backups.BEFORE_IMPORT, FROZEN)
    third = backups.automatic_backup(counted_db, backups.BEFORE_IMPORT, FROZEN)
    assert first is not None and second is not None and third is not None
    assert len({first, second, third}) == 3 and all(p.stat().st_size > 0 for p in (first, second))
    made = sorted(b.made for b in list_backups(counted_db) if b.reason == backups.BEFORE_IMPORT)
    assert made == [FROZEN, FROZEN + dt.timedelta(microseconds=1), FROZEN + 2 * _US]


_US = dt.timedelta(microseconds=1)


def test_the_import_s_backup_in_the_same_tick_does_not_refuse_the_import(
    counted_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """before_import names its backup from the clock: a frozen clock is two imports at once."""
    from steward_app.store.vote_store import VoteStore

    real = backup.backup_path
    monkeypatch.setattr(
        backups.backup, "backup_path", lambda db, reason, now=None: real(db, reason, FROZEN)
    )
    store = VoteStore(counted_db)
    try:
        backups.before_import(store, "a.tally")
        backups.before_import(store, "b.tally")  # was: "already exists", the import refused
    finally:
        store.close()
    names = [b for b in list_backups(counted_db) if b.reason == backups.BEFORE_IMPORT]
    assert len(names) == 2


def test_an_empty_reserved_name_is_never_listed_as_a_backup(counted_db: Path) -> None:
    taken = backup.backup_path(counted_db, backups.BEFORE_IMPORT, FROZEN)
    taken.parent.mkdir(exist_ok=True)
    taken.touch()  # a name reserved by a backup that was cut short
    assert taken not in {b.path for b in list_backups(counted_db)}
    made = backups.automatic_backup(counted_db, backups.BEFORE_IMPORT, FROZEN)
    assert made is not None and made != taken and made.stat().st_size > 0


def test_the_rename_waits_while_another_program_holds_the_new_file(
    counted_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls: list[Any] = []
    real_replace = backup.os.replace

    def replace(src: Any, dst: Any) -> None:
        calls.append(dst)
        if len(calls) < 3:
            exc = PermissionError(errno.EACCES, "being scanned")
            exc.winerror = 32  # type: ignore[attr-defined]  # a sharing violation
            raise exc
        real_replace(src, dst)

    monkeypatch.setattr(backup.os, "replace", replace)
    made = backups.back_up(counted_db)
    assert len(calls) == 3 and made.stat().st_size > 0
    assert not [p for p in made.parent.iterdir() if p.name.endswith(backup.PARTIAL)]


def test_a_unc_path_gives_a_uri_sqlite_accepts() -> None:
    """as_uri() gives file://server/share/..., which SQLite refuses ("invalid uri authority");
    SQLite wants the UNC path's leading slashes kept: file:////server/share/..."""
    unc = PureWindowsPath(r"\\fileserver\votes\backups\vote-daily.sqlite")
    assert backup.sqlite_uri(unc) == "file:////fileserver/votes/backups/vote-daily.sqlite"
    local = PureWindowsPath(r"C:\Users\a steward\vote #1.sqlite")
    assert backup.sqlite_uri(local) == "file:///C:/Users/a%20steward/vote%20%231.sqlite"
    assert backup.sqlite_uri(PurePosixPath("/home/a/vote.sqlite")) == "file:///home/a/vote.sqlite"


def test_a_folder_name_with_a_percent_sign_is_the_folder_opened(tmp_path: Path) -> None:
    """A "sqlite:///" URL string decodes %41 to "A": the database went to another folder."""
    from steward_app.store.vote_store import VoteStore

    db = tmp_path / "votes 100%41" / "vote.sqlite"
    store = VoteStore(db)
    try:
        assert Path(store.engine.url.database or "") == db
    finally:
        store.close()
    assert db.exists() and not (tmp_path / "votes 100A").exists()
