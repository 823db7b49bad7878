"""The log: what the program did, for support, in the user's log folder, rotated.

It records the start (version, window or command, database), migrations, backups and
restores, imports and exports (file names, entry counts) and errors with their tracebacks.
It never records ballot numbers (yes, no, void counts): a log travels to whoever helps a
steward, and the counts are the vote's business. Code that logs says what happened to which
file or unit, never with which numbers.

Two processes may write the one log (a demo window beside the real one, a command while the
window is open). Windows cannot rename a file another process holds open, so the rotation
fails there: the standard handler then loses every record after the limit. `SharedLog` keeps
writing to the current file when the rotation fails and tries again after another
RETRY_BYTES; each record carries its process id.
"""

from __future__ import annotations

import logging
import os
import sys
import types
from logging.handlers import RotatingFileHandler
from pathlib import Path
from typing import TextIO

from steward_app import __version__

LOG_ENV = "STEWARD_APP_LOG_DIR"
LOG_NAME = "steward_app.log"
MAX_BYTES = 1_000_000
BACKUP_COUNT = 5
RETRY_BYTES = 100_000  # a rotation that failed is tried again after this much more
FORMAT = "%(asctime)s %(levelname)s %(name)s [%(process)d]: %(message)s"

log = logging.getLogger("steward_app")


class SharedLog(RotatingFileHandler):
    """A rotating log that tolerates another process holding the file: when the rotation
    cannot rename it (Windows), records go on into the current file and the rotation is
    tried again RETRY_BYTES later, never losing a record."""

    def __init__(self, path: Path) -> None:
        super().__init__(path, maxBytes=MAX_BYTES, backupCount=BACKUP_COUNT, encoding="utf-8")
        self._not_before = 0  # the file's size before which no rotation is tried

    def shouldRollover(self, record: logging.LogRecord) -> int:
        stream: TextIO | None = self.stream
        if stream is not None and stream.tell() < self._not_before:
            return 0
        return super().shouldRollover(record)

    def doRollover(self) -> None:
        try:
            super().doRollover()
            self._not_before = 0
        except OSError:  # held by another process: go on in the same file
            if self.stream is None:
                self.stream = self._open()
            self._not_before = self.stream.tell() + RETRY_BYTES


def _handler() -> RotatingFileHandler | None:
    return next((h for h in log.handlers if isinstance(h, RotatingFileHandler)), None)


def log_folder() -> Path:
    """$STEWARD_APP_LOG_DIR, else the per-user log folder of this system (named as the
    data folder is: services.locations)."""
    if os.environ.get(LOG_ENV):
        return Path(os.environ[LOG_ENV])
    from steward_app.services.locations import log_dir

    return log_dir()


def setup_logging(folder: Path | None = None) -> Path | None:
    """Log to `folder` (default: log_folder()) once per process; returns the log file, or
    None when it cannot be written (the program runs on without a log)."""
    if (existing := _handler()) is not None:
        return Path(existing.baseFilename)
    path = (folder or log_folder()) / LOG_NAME
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = SharedLog(path)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter(FORMAT))
    log.addHandler(handler)
    log.setLevel(logging.INFO)
    _log_uncaught()
    return path


def stop_logging() -> None:
    """Close the log file (tests; the program keeps it open until it exits)."""
    handler = _handler()
    if handler is not None:
        log.removeHandler(handler)
        handler.close()


def log_start(mode: str, db_path: Path | None) -> None:
    if db_path is None:
        from steward_app.services.locations import default_db_path

        db_path = default_db_path()
    log.info(
        "steward_app %s started (%s), Python %s, database %s",
        __version__,
        mode,
        sys.version.split()[0],
        db_path,
    )


def _log_uncaught() -> None:
    previous = sys.excepthook

    def hook(
        kind: type[BaseException], value: BaseException, tb: types.TracebackType | None
    ) -> None:
        log.critical("uncaught error", exc_info=(kind, value, tb))
        previous(kind, value, tb)

    sys.excepthook = hook
