"""Open a database file: one engine per file, durable pragmas, migrations after a backup."""

from __future__ import annotations

import logging
import os
import sqlite3
import sys
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Engine, create_engine, event, text
from sqlalchemy.exc import DBAPIError

from steward_app.domain.language import _
from steward_app.store.backup import backup_path, copy_database
from steward_app.store.errors import NetworkShareError, StoreError, explain_sqlite_error
from steward_app.store.places import mac_network_volume, synced_by

__all__ = ["backup_file", "backup_path", "open_engine"]

log = logging.getLogger(__name__)
MIGRATIONS = Path(__file__).with_name("migrations")
HEAD_REVISION = "0005"
# every released schema, oldest first; add each new migration here
KNOWN_REVISIONS = ("0001", "0002", "0003", "0004", "0005")


def _on_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    # WAL: readers never block the writer. synchronous=FULL: a commit that returned is on disk
    # even after a power cut, which is what "acknowledged" promises a steward.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _on_connect_read_only(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=5000")
    cursor.close()


def _begin(conn: Any) -> None:
    # pysqlite's own transaction handling is off (isolation_level=None); start them ourselves
    conn.exec_driver_sql("BEGIN IMMEDIATE")


NETWORK_FILE_SYSTEMS = frozenset(
    {
        "nfs",
        "nfs4",
        "cifs",
        "smb3",
        "smbfs",
        "sshfs",
        "fuse.sshfs",
        "afs",
        "ncpfs",
        "davfs",
        "fuse.davfs2",
        "glusterfs",
        "fuse.glusterfs",
        "ceph",
        "fuse.rclone",
    }
)


def on_network_share(path: Path) -> bool:
    """Whether `path` is on a network file system (best effort: Windows and Linux).

    SQLite's locking and its write-ahead log need the database on the PC's own disk; only
    tally files go to shared folders (docs/sync-format.md)."""
    resolved = Path(os.path.abspath(path))
    if sys.platform == "win32":
        text = str(resolved)
        if text.startswith("\\\\"):
            return True
        import ctypes

        drive = resolved.drive + "\\"
        return bool(ctypes.windll.kernel32.GetDriveTypeW(drive) == 4)  # type: ignore[attr-defined]
    if sys.platform == "darwin":
        return mac_network_volume(resolved)
    try:
        mounts = Path("/proc/self/mounts").read_text(encoding="utf-8", errors="replace")
    except OSError:
        return False
    best, kind = "", ""
    for line in mounts.splitlines():
        fields = line.split()
        if len(fields) < 3:
            continue
        point = fields[1].replace("\\040", " ")
        inside = str(resolved) == point or str(resolved).startswith(point.rstrip("/") + "/")
        if inside and len(point) >= len(best):
            best, kind = point, fields[2]
    return kind in NETWORK_FILE_SYSTEMS


def shared_place(path: Path) -> str:
    """What makes `path` no place for a database, in words ("" when it is fine): a network
    share, or a folder a sync client copies (store.places)."""
    if on_network_share(path):
        return _("a shared network folder")
    client = synced_by(path)
    return _("a folder {client} keeps in sync").format(client=client) if client else ""


def open_engine(path: Path, *, read_only: bool = False) -> Engine:
    """An engine on `path` (created if missing), migrated to the current schema; with
    `read_only`, see open_read_only."""
    path = Path(path)
    place = shared_place(path)
    if place:
        raise NetworkShareError(
            _(
                "{path} is in {place}; the database must stay on this PC's own disk, in a folder "
                "nothing else copies (the default place, or --db with a local path). Exchange "
                "tally files through the shared folder instead (steward-app export / import)"
            ).format(path=path, place=place)
        )
    if read_only:
        try:
            return open_read_only(path)
        except OlderSchema:
            if not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
                raise
            # where it can be written, an older database is brought up to date (backed up
            # first) by a reading command too, as before
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(
            _(
                "cannot create the folder {parent}: {strerror}; choose another place with --db"
            ).format(parent=path.parent, strerror=exc.strerror)
        ) from exc
    # URL.create: a "sqlite:///..." string would decode a %XX in a folder's name
    url = URL.create("sqlite", database=str(path))
    engine = create_engine(url, connect_args={"isolation_level": None})
    event.listen(engine, "connect", _on_connect)
    event.listen(engine, "begin", _begin)
    try:
        migrate(engine, path)
    except StoreError:
        engine.dispose()
        raise
    except (sqlite3.DatabaseError, DBAPIError) as exc:
        engine.dispose()
        detail = str(getattr(exc, "orig", None) or exc)
        if "not a database" in detail or "malformed" in detail:
            raise StoreError(
                _(
                    "{path} is not a steward_app database or is damaged ({detail}); restore it "
                    "from a backup or choose another file with --db"
                ).format(path=path, detail=detail)
            ) from exc
        raise StoreError(
            _("cannot open {path}: {detail}").format(
                path=path, detail=explain_sqlite_error(detail, path)
            )
        ) from exc
    return engine


class OlderSchema(StoreError):
    """A database of an older schema, opened only for reading: it cannot be brought up to
    date."""


def open_read_only(path: Path) -> Engine:
    """An engine that only reads the existing database `path`: SQLite's read-only mode, no
    migration, nothing written. In a folder this user cannot write (a read-only mount, a
    write-protected stick), SQLite could not make the shared-memory file a reader of a
    write-ahead-log database needs, so the database is opened as immutable, which is right
    while no write-ahead log is waiting beside it (a database closed cleanly has none). Where
    the folder looks writable but is not (some drives on Windows), the first try fails and
    the second is immutable."""
    wal = path.with_name(path.name + "-wal")
    no_log = not wal.exists() or wal.stat().st_size == 0
    immutable = no_log and not os.access(path.parent, os.W_OK)
    try:
        engine, revision = _read_only_engine(path, immutable)
    except StoreError:
        if immutable or not no_log:
            raise
        engine, revision = _read_only_engine(path, True)
    if revision != HEAD_REVISION and (revision is not None or _has_user_tables(engine)):
        engine.dispose()
        if revision not in KNOWN_REVISIONS:
            raise StoreError(
                _(
                    "{path} was written by a newer version of steward_app (schema {revision}); "
                    "open it with that version or a later one. Nothing was changed"
                ).format(path=path, revision=revision)
            )
        raise OlderSchema(
            _(
                "{path} is of an older version (schema {revision}) and this command only reads: "
                "run a command that writes (or open the window) once to bring it up to date, on a "
                "writable copy if this one is read-only. Nothing was changed"
            ).format(path=path, revision=revision)
        )
    return engine


def _read_only_engine(path: Path, immutable: bool) -> tuple[Engine, str | None]:
    """A read-only engine on `path` and the schema revision read through it."""
    uri = Path(os.path.abspath(path)).as_uri() + "?mode=ro" + ("&immutable=1" if immutable else "")
    engine = create_engine(
        "sqlite://", creator=lambda: sqlite3.connect(uri, uri=True, isolation_level=None)
    )
    event.listen(engine, "connect", _on_connect_read_only)
    event.listen(engine, "begin", _begin_read)
    try:
        return engine, current_revision(engine)
    except (sqlite3.DatabaseError, DBAPIError) as exc:
        engine.dispose()
        detail = str(getattr(exc, "orig", None) or exc)
        if "not a database" in detail or "malformed" in detail:
            raise StoreError(
                _(
                    "{path} is not a steward_app database or is damaged ({detail}); restore it "
                    "from a backup or choose another file with --db"
                ).format(path=path, detail=detail)
            ) from exc
        wal = path.with_name(path.name + "-wal")
        waiting = wal.exists() and wal.stat().st_size > 0
        raise StoreError(
            _(
                "cannot read {path} ({detail}): it is read-only and a write-ahead log ({name}) "
                "waits beside it, which only a writer can fold in; copy the folder to a writable "
                "place and use --db"
            ).format(path=path, detail=detail, name=wal.name)
            if waiting
            else _(
                "cannot read {path} ({detail}); check the file and its folder, or copy it to this "
                "PC and use --db"
            ).format(path=path, detail=detail)
        ) from exc


def _begin_read(conn: Any) -> None:
    conn.exec_driver_sql("BEGIN")


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        has_table = conn.execute(
            text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='alembic_version'")
        ).first()
        if not has_table:
            return None
        row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        return row[0] if row else None


def _has_user_tables(engine: Engine) -> bool:
    with engine.connect() as conn:
        return (
            conn.execute(text("SELECT 1 FROM sqlite_master WHERE type='table'")).first() is not None
        )


def migrate(engine: Engine, path: Path) -> None:
    """Bring the schema to head; back the file up first when it holds data."""
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return
    if revision is not None and revision not in KNOWN_REVISIONS:
        raise StoreError(
            _(
                "{path} was written by a newer version of steward_app (schema {revision}); open "
                "it with that version or a later one. Nothing was changed"
            ).format(path=path, revision=revision)
        )
    if revision is None and not _has_user_tables(engine):
        create_fresh(engine)
        return
    saved = backup_file(engine, backup_path(path, f"before-migration-{revision or 'none'}"))
    log.info("migrating %s from schema %s to %s (backup %s)", path, revision, HEAD_REVISION, saved)
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")


def create_fresh(engine: Engine) -> None:
    """A new database: the current tables and the head revision, without loading Alembic.

    tests/store/test_migrations.py checks this gives the same schema as every migration run.
    """
    from steward_app.store.schema import metadata

    with engine.begin() as conn:
        metadata.create_all(conn)
        conn.exec_driver_sql(
            "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
            "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
        )
        conn.exec_driver_sql("INSERT INTO alembic_version VALUES (?)", (HEAD_REVISION,))


def backup_file(engine: Engine, target: Path) -> Path:
    """A consistent copy through SQLite's backup API (never a file copy of a live database),
    written whole then renamed (store.backup)."""
    raw = engine.raw_connection()
    try:
        source = raw.driver_connection
        assert isinstance(source, sqlite3.Connection)
        return copy_database(source, target)
    finally:
        raw.close()
