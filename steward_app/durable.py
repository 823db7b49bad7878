"""Making a rename survive a power cut: after a file is renamed (or linked) into place, the
folder that holds its new name is flushed to the disk too, or a crash can forget the name.
And making it survive another program: on Windows a file being scanned (antivirus), synced
(OneDrive, Dropbox) or read by another PC cannot be renamed, replaced or opened for a moment
(a sharing violation); `retrying` tries again for about HELD_SECONDS.

Standard library only and outside the layers (pyproject.toml's import contracts): both
steward_app.store (backups) and steward_app.sync (tally files, key files) need it, and those
two siblings may not import each other; the domain is for the vote's rules, not for disks.
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
RETRIES = 5  # a permission error that is no sharing violation: about 1.5 s in all
HELD_SECONDS = 10.0  # a file held by another program: tried again for about this long
_HELD_WINERRORS = (5, 32, 33)  # access denied (a pending delete), sharing and lock violation


def held_by_another(exc: OSError) -> bool:
    """Whether the error is a Windows sharing or lock violation: another program has the
    file open for a moment, and the same call succeeds once it lets go."""
    return getattr(exc, "winerror", None) in _HELD_WINERRORS


def retrying(action: Callable[[], T], sleep: Callable[[float], None] = time.sleep) -> T:
    """`action`, tried again while it raises PermissionError: for about HELD_SECONDS (the
    sleeps add up to it) when another program holds the file, else RETRIES times (POSIX has
    no such holds: there it is a real refusal, or a race worth a second look)."""
    delay, waited, attempt = 0.1, 0.0, 0
    while True:
        try:
            return action()
        except PermissionError as exc:
            attempt += 1
            held = held_by_another(exc)
            if (held and waited >= HELD_SECONDS) or (not held and attempt >= RETRIES):
                raise
            pause = min(delay, HELD_SECONDS - waited) if held else delay
            sleep(pause)
            waited += pause
            delay = min(delay * 2, 1.0)


def fsync_folder(folder: Path) -> None:
    """Flush `folder`'s entries (POSIX). Windows has no handle on a folder to flush and
    NTFS journals renames itself; a file system that refuses is left as it is, since the
    file is already in place and readable."""
    if os.name != "posix":
        return
    with contextlib.suppress(OSError):
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
