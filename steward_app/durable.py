"""Making a rename survive a power cut: after a file is renamed (or linked) into place, the
folder that holds its new name is flushed to the disk too, or a crash can forget the name.

Standard library only and outside the layers (pyproject.toml's import contracts): both
steward_app.store (backups) and steward_app.sync (tally files, key files) need it, and those
two siblings may not import each other; the domain is for the vote's rules, not for disks.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path


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
