"""Backups a steward asks for, the automatic ones (daily, before an import), and restoring.

The copies themselves are store.backup's: SQLite's backup API, written whole then renamed.
Automatic backups are made only when the database holds entries (an empty one has nothing
to lose) and are followed by the rotation rule (store.backup.to_keep).
"""

from __future__ import annotations

import datetime as dt
import logging
import secrets
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from steward_app.domain.language import _
from steward_app.store import backup, entry_log
from steward_app.store.database import KNOWN_REVISIONS, backup_file
from steward_app.store.errors import StoreError
from steward_app.store.vote_store import VoteStore

log = logging.getLogger(__name__)

DAILY = "daily"
BEFORE_IMPORT = "before-import"
BEFORE_RESTORE = "before-restore"


def back_up(
    db_path: Path, target: Path | None = None, progress: backup.Progress | None = None
) -> Path:
    """A backup a steward asked for: to `target` (never replacing a file), or a new file in
    the backups folder, which the rotation never deletes."""
    db_path = Path(db_path)
    if target is not None and _same_file(target, db_path):
        raise StoreError(
            _("{target} is the database itself; choose another file name").format(target=target)
        )
    return backup.backup_from_path(
        db_path, target or backup.backup_path(db_path, backup.MANUAL), progress=progress
    )


def automatic_backup(db_path: Path, reason: str, now: dt.datetime | None = None) -> Path | None:
    """An automatic backup of the database at `db_path`, then the rotation; None when the
    database holds no entries yet."""
    db_path = Path(db_path)
    if not backup.holds_entries(db_path):
        return None
    saved = backup.backup_from_path(db_path, backup.backup_path(db_path, reason, now))
    backup.rotate(db_path, now)
    return saved


def daily_backup_if_due(db_path: Path, now: dt.datetime | None = None) -> Path | None:
    """The day's backup, when no backup of this database was made today (local time)."""
    now = now or dt.datetime.now()
    if any(b.made.date() == now.date() for b in backup.list_backups(db_path)):
        return None
    return automatic_backup(db_path, DAILY, now)


def before_import(store: VoteStore, name: str) -> None:
    """Called at the start of every import of a tally file: a backup first."""
    log.info("importing %s into %s", name, store.path)
    raw = store.engine.raw_connection()
    try:
        driver = raw.driver_connection
        assert driver is not None
        empty = not backup.connection_holds_entries(driver)
    finally:
        raw.close()
    if empty:
        return
    backup_file(store.engine, backup.backup_path(store.path, BEFORE_IMPORT))
    backup.rotate(store.path)


@dataclass(frozen=True)
class Restored:
    """A restore that happened: what was restored and where the previous database went."""

    source: Path
    revision: str
    entries: int
    previous: Path | None  # the backup of the database as it was (None: there was none)


def check(db_path: Path, candidate: Path) -> backup.Restorable:
    """Check a file before restoring it; raises StoreError (nothing changed) when it is not a
    steward_app database this version can open, is damaged, or is the database itself."""
    if _same_file(candidate, db_path):
        raise StoreError(
            _("{candidate} is the database itself; choose a backup. Nothing was changed").format(
                candidate=candidate
            )
        )
    return backup.check_restorable(candidate, KNOWN_REVISIONS)


def restore(db_path: Path, candidate: Path) -> Restored:
    """Replace the database at `db_path` with the backup `candidate`, after checking it and
    backing up the database as it is. Every connection to `db_path` must be closed, and the
    caller must hold its lock (store.lock).

    The restored database gets a new instance id, so this PC signs what it enters next with
    new keys: the entries it made after the backup are already on other PCs under the old
    keys' numbers, and numbering them again would fork those histories (services.identity).
    """
    db_path = Path(db_path)
    checked = check(db_path, candidate)
    previous = _save_current(db_path)
    backup.restore_into(checked, db_path)
    # identity (and the cryptography library under it) is imported here, not by every
    # command that might back up: a read command never loads it (docs/performance.md)
    from steward_app.services.identity import INSTANCE_SETTING

    store = VoteStore(db_path)  # migrates a backup of an older schema (after its own backup)
    try:
        with store.transaction() as conn:
            entry_log.set_setting(conn, INSTANCE_SETTING, secrets.token_hex(16))
    finally:
        store.close()
    log.info("restored %s (%d entries); previous one in %s", candidate, checked.entries, previous)
    return Restored(Path(candidate), checked.revision, checked.entries, previous)


def _save_current(db_path: Path) -> Path | None:
    if not db_path.exists():
        return None
    target = backup.backup_path(db_path, BEFORE_RESTORE)
    try:
        return backup.backup_from_path(db_path, target)
    except StoreError as exc:
        if not isinstance(exc.__cause__, sqlite3.DatabaseError):
            raise
        # damaged beyond what the backup API reads (often why a steward restores): its files
        # are copied as they are; nothing has it open (the caller holds the lock)
        log.warning("the database %s cannot be backed up (%s); copying its files", db_path, exc)
        return backup.keep_damaged(db_path, target.with_name("damaged-" + target.name))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return Path(a).resolve() == Path(b).resolve()
    except OSError:
        return False
