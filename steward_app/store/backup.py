"""Backups of a database file: consistent copies, named by reason and time, kept by a rule.

A backup is made with SQLite's backup API (never a file copy of a live database) into a hidden
`.XXXXXXXX.partial` file in the target folder (a short name: Windows's 260 characters),
checked (`PRAGMA quick_check`), flushed to disk and only then renamed to its final name. A
backup cut short (a kill, a full disk) is never taken for a good one: listings skip partial
names, and the next backup removes old partial files.

Automatic backups go to `backups/` beside the database as `STEM-REASON-YYYYMMDD-HHMMSS-ffffff
.sqlite`. `rotate()` keeps the newest automatic ones (see KEEP_*); a backup a steward asks for
(reason "manual") is never deleted by the app. Two backups named in the same clock tick
(Windows's clock moves in 15.6 ms steps; two processes) never take one name: the later one
takes the next free microsecond, reserved before the rename (`_place_unique`). The rename is
tried again while another program (antivirus) holds the new file (durable.retrying).

Restoring (`check_restorable`, `restore_into`) copies a checked backup into the live path with
the backup API, in one write transaction: a kill during a restore leaves the database as it
was. The caller closes every connection to the live database first and holds its lock.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
import re
import secrets
import shutil
import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePath, PureWindowsPath

from steward_app.domain.language import _
from steward_app.durable import fsync_folder, retrying
from steward_app.store.errors import StoreError, explain_os_error, explain_sqlite_error

log = logging.getLogger(__name__)

BACKUP_FOLDER = "backups"
SUFFIX = ".sqlite"
PARTIAL = ".partial"
MANUAL = "manual"
KEEP_NEWEST = 10  # the newest automatic backups, whatever their age
KEEP_DAYS = 7  # and the newest of each of the last 7 days (today included)
KEEP_WEEKS = 8  # and the newest of each of the last 8 weeks (this one included)
STALE_PARTIAL_SECONDS = 3600  # a partial file this old is from a backup that was cut short
STEP_PAGES = 2048  # pages copied per step (8 MB at the default page size)
_STAMP_FORMAT = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<rest>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})\.sqlite$")

Progress = Callable[[int, int], None]  # pages copied, pages in all


@dataclass(frozen=True, order=True)
class Backup:
    """One finished backup in a database's backups folder."""

    made: dt.datetime
    reason: str
    path: Path

    @property
    def automatic(self) -> bool:
        return self.reason != MANUAL


def backup_folder(db_path: Path) -> Path:
    return Path(db_path).parent / BACKUP_FOLDER


def backup_path(db_path: Path, reason: str, now: dt.datetime | None = None) -> Path:
    stamp = (now or dt.datetime.now()).strftime(_STAMP_FORMAT)
    return backup_folder(db_path) / f"{Path(db_path).stem}-{reason}-{stamp}{SUFFIX}"


def list_backups(db_path: Path) -> list[Backup]:
    """The finished backups of `db_path` in its backups folder, oldest first."""
    folder = backup_folder(db_path)
    prefix = Path(db_path).stem + "-"
    found: list[Backup] = []
    try:
        names = [p for p in folder.iterdir() if p.is_file()]
    except OSError:
        return []
    names = [p for p in names if _not_empty(p)]  # an empty one: a name reserved, never copied
    for path in names:
        match = _NAME.match(path.name)
        if match is None or not match["rest"].startswith(prefix):
            continue
        try:
            made = dt.datetime.strptime(match["stamp"], _STAMP_FORMAT)
        except ValueError:
            continue
        found.append(Backup(made, match["rest"][len(prefix) :], path))
    return sorted(found)


def _not_empty(path: Path) -> bool:
    try:
        return path.stat().st_size > 0
    except OSError:
        return False


# --- making a backup -----------------------------------------------------------------------


def copy_database(
    source: sqlite3.Connection,
    target: Path,
    *,
    progress: Progress | None = None,
    replace: bool = False,
    unique: bool | None = None,
) -> Path:
    """Copy the database open on `source` to `target` through a partial file, then rename.
    Returns the path written: with `unique` (by default: for a name from backup_path), a
    taken name gives the next free time stamp instead of an error.

    Raises StoreError (with no file left behind) when the copy cannot be written."""
    target = Path(target)
    if unique is None:
        unique = _NAME.match(target.name) is not None and target.parent.name == BACKUP_FOLDER
    if target.exists() and not replace and not unique:
        raise StoreError(
            _("{target} already exists; choose a new file name. Nothing was written").format(
                target=target
            )
        )
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(explain_os_error(exc, target.parent)) from exc
    _remove_stale_partials(target.parent)
    partial = target.parent / f".{secrets.token_hex(4)}{PARTIAL}"
    try:
        _copy_to(source, partial, progress)
        if unique and not replace:
            target = _place_unique(partial, target)
        else:
            retrying(lambda: os.replace(partial, target))
        fsync_folder(target.parent)
    except sqlite3.Error as exc:
        raise StoreError(
            _("the backup was not made: {why}").format(why=explain_sqlite_error(str(exc), target))
        ) from exc
    except OSError as exc:
        raise StoreError(
            _("the backup was not made: {why}").format(why=explain_os_error(exc, target))
        ) from exc
    finally:
        with contextlib.suppress(OSError):
            partial.unlink()
    log.info("backup written: %s", target)
    return target


def _place_unique(partial: Path, target: Path) -> Path:
    """Rename `partial` to `target`, or to the same name a microsecond later (and so on) when
    that one is taken: the name is reserved first (created, never opened by another), then
    replaced by the rename, so two processes never write the same name."""
    match = _NAME.match(target.name)
    assert match is not None
    made = dt.datetime.strptime(match["stamp"], _STAMP_FORMAT)
    for n in range(1000):
        stamp = (made + dt.timedelta(microseconds=n)).strftime(_STAMP_FORMAT)
        final = target.with_name(f"{match['rest']}-{stamp}{SUFFIX}")
        try:
            os.close(os.open(final, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
        except FileExistsError:
            continue
        try:
            retrying(lambda: os.replace(partial, final))  # noqa: B023 (called at once)
        except OSError:
            with contextlib.suppress(OSError):
                final.unlink()  # the empty reservation: never a backup
            raise
        return final
    raise OSError(f"no free backup name beside {target}")


def _copy_to(source: sqlite3.Connection, partial: Path, progress: Progress | None) -> None:
    dest = sqlite3.connect(partial, isolation_level=None)
    try:

        def step(_status: int, remaining: int, total: int) -> None:
            if progress is not None:
                progress(total - remaining, total)

        source.backup(dest, pages=STEP_PAGES, progress=step)
        # one self-contained file: readable from a read-only stick, no -wal beside it
        dest.execute("PRAGMA journal_mode=DELETE")
        verdict = dest.execute("PRAGMA quick_check").fetchone()[0]
        if verdict != "ok":
            raise sqlite3.DatabaseError(f"the copy does not check out ({verdict})")
    finally:
        dest.close()
    with partial.open("rb+") as f:
        os.fsync(f.fileno())


def backup_from_path(
    db_path: Path, target: Path, *, progress: Progress | None = None, replace: bool = False
) -> Path:
    """Back up the database file at `db_path` (opened read-only) to `target`."""
    source = open_read_only(db_path)
    try:
        return copy_database(source, target, progress=progress, replace=replace)
    finally:
        source.close()


def open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection to `path`; raises StoreError when it cannot be opened."""
    path = Path(path)
    if not path.is_file():
        raise StoreError(_("there is no database file {path}").format(path=path))
    try:
        conn = sqlite3.connect(f"{sqlite_uri(path.absolute())}?mode=ro", uri=True)
        conn.execute("PRAGMA busy_timeout=5000")
    except sqlite3.Error as exc:
        raise StoreError(explain_sqlite_error(str(exc), path)) from exc
    return conn


def sqlite_uri(path: PurePath) -> str:
    """The file: URI SQLite opens for an absolute path. A Windows UNC path (\\\\server\\share\\...)
    keeps its two leading slashes after an empty authority, file:////server/share/...:
    pathlib's file://server/share/... is refused by SQLite ("invalid uri authority")."""
    uri = path.as_uri()
    if isinstance(path, PureWindowsPath) and path.drive.startswith("\\\\"):
        uri = "file:////" + uri.removeprefix("file://")
    return uri


def holds_entries(db_path: Path) -> bool:
    """Whether the database file at `db_path` exists and holds at least one entry."""
    if not Path(db_path).is_file():
        return False
    conn = open_read_only(db_path)
    try:
        return connection_holds_entries(conn)
    finally:
        conn.close()


def connection_holds_entries(conn: sqlite3.Connection) -> bool:
    try:
        return conn.execute("SELECT 1 FROM entries LIMIT 1").fetchone() is not None
    except sqlite3.Error:  # no such table: not set up yet
        return False


def _remove_stale_partials(folder: Path) -> None:
    """Partial files left by backups cut short (a kill, a power cut), once old enough that no
    backup running now can own them."""
    now = time.time()
    with contextlib.suppress(OSError):
        for path in folder.iterdir():
            if path.name.startswith(".") and path.name.endswith(PARTIAL):
                with contextlib.suppress(OSError):
                    if now - path.stat().st_mtime > STALE_PARTIAL_SECONDS:
                        path.unlink()


# --- rotation ------------------------------------------------------------------------------


def to_keep(backups: list[Backup], now: dt.datetime) -> set[Path]:
    """Which backups the rotation rule keeps: every manual one; of the automatic ones, the
    KEEP_NEWEST newest, the newest of each of the last KEEP_DAYS days and the newest of each
    of the last KEEP_WEEKS weeks (Monday to Sunday)."""
    keep = {b.path for b in backups if not b.automatic}
    automatic = sorted((b for b in backups if b.automatic), reverse=True)
    keep.update(b.path for b in automatic[:KEEP_NEWEST])
    today = now.date()
    this_monday = today - dt.timedelta(days=today.weekday())
    newest_of_day: dict[dt.date, Path] = {}
    newest_of_week: dict[dt.date, Path] = {}
    for b in automatic:  # newest first: the first seen of a day or week is its newest
        day = b.made.date()
        monday = day - dt.timedelta(days=day.weekday())
        if 0 <= (today - day).days < KEEP_DAYS:
            newest_of_day.setdefault(day, b.path)
        if 0 <= (this_monday - monday).days < KEEP_WEEKS * 7:
            newest_of_week.setdefault(monday, b.path)
    keep.update(newest_of_day.values())
    keep.update(newest_of_week.values())
    return keep


def rotate(db_path: Path, now: dt.datetime | None = None) -> list[Path]:
    """Delete the automatic backups the rule does not keep; returns the deleted paths."""
    backups = list_backups(db_path)
    keep = to_keep(backups, now or dt.datetime.now())
    deleted = []
    for b in backups:
        if b.path not in keep:
            try:
                b.path.unlink()
            except OSError as exc:  # kept for the next rotation; never stops the action
                log.warning("could not delete the old backup %s: %s", b.path, exc)
                continue
            deleted.append(b.path)
    if deleted:
        log.info("rotation deleted %d old backup(s)", len(deleted))
    return deleted


# --- restoring -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Restorable:
    """A file checked to be a steward_app database this version can open."""

    path: Path
    revision: str
    entries: int


def check_restorable(candidate: Path, known_revisions: tuple[str, ...]) -> Restorable:
    """Check `candidate` is an undamaged steward_app database of a schema this version knows;
    raises StoreError saying what it is instead. Opens it read-only."""
    candidate = Path(candidate)
    conn = open_read_only(candidate)
    try:
        try:
            verdict = [row[0] for row in conn.execute("PRAGMA integrity_check(5)")]
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
        except sqlite3.DatabaseError as exc:
            if "malformed" in str(exc):
                raise StoreError(
                    _(
                        "{candidate} is damaged ({exc}); choose another backup. Nothing was changed"
                    ).format(candidate=candidate, exc=exc)
                ) from exc
            raise StoreError(
                _(
                    "{candidate} is not a steward_app database (not a database file: {exc}); "
                    "choose a backup from the backups folder. Nothing was changed"
                ).format(candidate=candidate, exc=exc)
            ) from exc
        if verdict != ["ok"]:
            raise StoreError(
                _(
                    "{candidate} is damaged ({verdict}); choose another backup. Nothing was changed"
                ).format(candidate=candidate, verdict="; ".join(verdict))
            )
        if not {"alembic_version", "entries", "settings"} <= tables:
            raise StoreError(
                _(
                    "{candidate} is a database of another program, not of steward_app; choose a "
                    "backup from the backups folder. Nothing was changed"
                ).format(candidate=candidate)
            )
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
        revision = str(row[0]) if row else ""
        if revision not in known_revisions:
            raise StoreError(
                _(
                    "{candidate} was written by a newer version of steward_app (schema "
                    "{revision}); restore it with that version. Nothing was changed"
                ).format(candidate=candidate, revision=revision or "unknown")
            )
        entries = int(conn.execute("SELECT count(*) FROM entries").fetchone()[0])
    finally:
        conn.close()
    return Restorable(candidate, revision, entries)


def restore_into(checked: Restorable, live: Path) -> None:
    """Replace the content of the database at `live` with the checked backup, in one write
    transaction of the backup API. Every connection to `live` must be closed."""
    source = open_read_only(checked.path)
    try:
        dest = sqlite3.connect(live, isolation_level=None)
        try:
            dest.execute("PRAGMA busy_timeout=5000")
            # a WAL destination refuses a source of another page size; the next open turns
            # WAL back on (store.database)
            dest.execute("PRAGMA journal_mode=DELETE")
            source.backup(dest)
        finally:
            dest.close()
    except sqlite3.Error as exc:
        raise StoreError(
            _("the backup was not restored: {why}").format(why=explain_sqlite_error(str(exc), live))
        ) from exc
    finally:
        source.close()
    log.info("restored %s into %s", checked.path, live)


def keep_damaged(live: Path, target: Path) -> Path:
    """Set aside a database the backup API cannot read (damaged) by copying its files.

    Only for a closed database whose lock this process holds: nothing writes it meanwhile."""
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal"):
        source = live.with_name(live.name + suffix)
        if source.exists():
            shutil.copyfile(source, target.with_name(target.name + suffix))
    return target
