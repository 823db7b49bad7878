"""One running instance per database: a lock file beside it, `<database>.lock`.

The lock is the operating system's (flock on POSIX, a byte-range lock on Windows) on that
file, so it ends with the process that holds it, however that process ends: a lock file left
by a crash or a kill is not held by anyone and the next start takes it over. The file's text
says who holds it (program role, process id, host, since when), for the message shown to a
second start.

The window holds the lock while it is open; commands that write hold it while they run, so a
command never writes under an open window (reading commands do not take it: SQLite lets
readers run beside the writer). Different databases have different locks.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import logging
import os
import socket
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from steward_app.domain.language import _
from steward_app.store.errors import StoreError, explain_os_error

log = logging.getLogger(__name__)

WINDOW = "window"
COMMAND = "command"
_WINDOWS_LOCK_OFFSET = 1 << 30  # Windows locks bytes; lock one far past the holder's text


@dataclass(frozen=True)
class Holder:
    """Who holds (or last held) a database's lock."""

    role: str
    pid: int
    host: str
    since: str

    def describe(self) -> str:
        what = "the steward_app window" if self.role == WINDOW else "a steward-app command"
        return _("{what} (process {pid} on {host}, since {since})").format(
            what=what, pid=self.pid, host=self.host, since=self.since
        )


def lock_path(db_path: Path) -> Path:
    db_path = Path(db_path)
    return db_path.with_name(db_path.name + ".lock")


class DatabaseLock:
    """The lock of one database file for this process."""

    def __init__(self, db_path: Path, role: str) -> None:
        self.path = lock_path(db_path)
        self.role = role
        self._fd: int | None = None
        self.taken_over: Holder | None = None  # a stale holder found when acquiring

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self) -> bool:
        """Take the lock if no running process holds it (True), else False at once."""
        if self._fd is not None:
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(
                _("cannot lock the database: {exc} (or --db)").format(
                    exc=explain_os_error(exc, self.path)
                )
            ) from exc
        if not _try_lock(fd):
            os.close(fd)
            return False
        self._fd = fd
        self.taken_over = _parse(_read_text(fd))
        if self.taken_over is not None:
            log.warning(
                "took over the lock of %s left by %s", self.path, self.taken_over.describe()
            )
        _write_text(fd, json.dumps(_me(self.role).__dict__))
        return True

    def holder(self) -> Holder | None:
        """Who holds the lock now, as its file says (None when unknown)."""
        try:
            return _parse(self.path.read_text(encoding="utf-8"))
        except OSError:
            return None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        with contextlib.suppress(OSError):
            _write_text(fd, "")
        _unlock(fd)
        os.close(fd)


def hold_for_command(
    db_path: Path, wait: float = 10.0, sleep: Callable[[float], None] = time.sleep
) -> DatabaseLock:
    """The lock for a command that writes: waits up to `wait` seconds for another command to
    finish; refuses at once (StoreError) when a window holds the database open."""
    lock = DatabaseLock(db_path, COMMAND)
    deadline = time.monotonic() + wait
    while not lock.acquire():
        holder = lock.holder()
        if holder is not None and holder.role == WINDOW:
            raise StoreError(
                _(
                    "{db_path} is open in {holder}; enter it there, or close the window and try "
                    "again. Nothing was changed"
                ).format(db_path=db_path, holder=holder.describe())
            )
        if time.monotonic() >= deadline:
            who = holder.describe() if holder else "another program"
            raise StoreError(
                _(
                    "{db_path} is busy in {who}; try again when it has finished. Nothing was "
                    "changed"
                ).format(db_path=db_path, who=who)
            )
        sleep(0.1)
    return lock


@contextlib.contextmanager
def held_for_command(db_path: Path) -> Iterator[DatabaseLock]:
    lock = hold_for_command(db_path)
    try:
        yield lock
    finally:
        lock.release()


def _me(role: str) -> Holder:
    since = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    return Holder(role, os.getpid(), socket.gethostname() or "this PC", since)


def _parse(text: str) -> Holder | None:
    try:
        data = json.loads(text)
        return Holder(str(data["role"]), int(data["pid"]), str(data["host"]), str(data["since"]))
    except (ValueError, KeyError, TypeError):
        return None


def _read_text(fd: int) -> str:
    os.lseek(fd, 0, os.SEEK_SET)
    return os.read(fd, 4096).decode("utf-8", errors="replace")


def _write_text(fd: int, text: str) -> None:
    os.lseek(fd, 0, os.SEEK_SET)
    os.ftruncate(fd, 0)
    os.write(fd, text.encode("utf-8"))


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            fcntl.flock(fd, fcntl.LOCK_UN)
