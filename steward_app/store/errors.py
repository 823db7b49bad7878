"""Errors the store raises, each with a sentence a steward can act on."""

from __future__ import annotations

import errno
from pathlib import Path

from steward_app.domain.language import _


class StoreError(Exception):
    """The database cannot do what was asked; the message says why and what to do."""


class NetworkShareError(StoreError):
    """The database was placed on a network share; it must stay on this PC's own disk."""


def explain_sqlite_error(text: str, path: Path) -> str:
    """SQLite's message for a failed write, said plainly with what to do about it."""
    if "disk is full" in text or "database or disk is full" in text:
        return _(
            "the disk holding {path} is full; nothing was saved. Free some space (or move the "
            "database with --db) and enter it again"
        ).format(path=path)
    if "readonly" in text or "read-only" in text:
        return _(
            "{path} is read-only; nothing was saved. Check the folder's permissions or choose "
            "another place with --db"
        ).format(path=path)
    if "unable to open database file" in text:
        return _(
            "cannot open or write {path} (a read-only or missing folder?); nothing was saved. "
            "Check the folder's permissions or choose another place with --db"
        ).format(path=path)
    if "disk I/O error" in text:
        return _(
            "the disk holding {path} failed to write (full, removed or faulty); nothing was "
            "saved. Free some space or choose another place with --db, and enter it again"
        ).format(path=path)
    if "locked" in text:
        return _(
            "{path} is busy in another steward_app window or program; close it and try again"
        ).format(path=path)
    return _("the database {path} reported an error: {text}").format(path=path, text=text)


def explain_os_error(exc: OSError, path: Path) -> str:
    """A failed file operation, said plainly with what to do about it."""
    if exc.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return _("the disk holding {path} is full; free some space or choose another place").format(
            path=path
        )
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return _("{path} cannot be written here (read-only); choose another place").format(
            path=path
        )
    return _("cannot write {path}: {why}").format(path=path, why=exc.strerror or exc)
