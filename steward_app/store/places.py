"""Where a database must not live: a network share, or a folder a sync client copies.

SQLite's locks and its write-ahead log need the PC's own disk, and a file only this program
writes. On a network share a dropped connection or two PCs at once can damage it. In a folder
OneDrive, Dropbox, Google Drive or iCloud keeps in sync, the client uploads the database
between a write and its log (another PC then opens a torn copy), makes "conflicted copies",
or frees the space of a file not opened lately ("files on demand"). Only tally files go to
shared folders (docs/sync-format.md).

The sync clients are found by what they leave on a PC, never by asking them: the OneDrive
variables Windows sets for each signed-in account (OneDrive, OneDriveCommercial,
OneDriveConsumer), Dropbox's info.json (which names its folders), the default Dropbox folder,
and macOS's File Provider folders (~/Library/CloudStorage, iCloud's Mobile Documents).

macOS has no /proc/self/mounts: a network volume is found there with statfs (`mac_network_volume`).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import json
import os
import platform
import sys
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

ONEDRIVE_VARIABLES = ("OneDrive", "OneDriveCommercial", "OneDriveConsumer")


def sync_roots(env: Mapping[str, str], home: Path) -> Iterator[tuple[str, Path]]:
    """(client, folder) for each synced folder this PC's user has, as far as can be seen."""
    for name in ONEDRIVE_VARIABLES:
        if env.get(name):
            yield "OneDrive", Path(env[name])
    infos = [home / ".dropbox" / "info.json"]
    infos += [
        Path(env[v]) / "Dropbox" / "info.json" for v in ("LOCALAPPDATA", "APPDATA") if env.get(v)
    ]
    for info in infos:
        for folder in _dropbox_folders(info):
            yield "Dropbox", folder
    yield "Dropbox", home / "Dropbox"
    cloud = home / "Library" / "CloudStorage"  # macOS: OneDrive-..., Dropbox, GoogleDrive-...
    try:
        for entry in cloud.iterdir():
            yield entry.name.split("-")[0], entry
    except OSError:
        pass
    yield "iCloud Drive", home / "Library" / "Mobile Documents"


def _dropbox_folders(info: Path) -> list[Path]:
    try:
        data = json.loads(info.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    if not isinstance(data, dict):
        return []
    return [
        Path(account["path"])
        for account in data.values()
        if isinstance(account, dict) and isinstance(account.get("path"), str)
    ]


def synced_by(path: Path, env: Mapping[str, str] | None = None, home: Path | None = None) -> str:
    """The sync client that copies the folder holding `path` ("" when none is known)."""
    env = os.environ if env is None else env
    home = Path.home() if home is None else home
    target = _key(Path(os.path.abspath(path)))
    for client, root in sync_roots(env, home):
        base = _key(Path(os.path.abspath(root)))
        if target == base or target.startswith(base.rstrip(os.sep) + os.sep):
            return client
    return ""


def _key(path: Path) -> str:
    text = str(path)
    return text.lower() if sys.platform in ("win32", "darwin") else text


# --- macOS: which file system holds a path (no /proc there) --------------------------------

MNT_LOCAL = 0x1000  # sys/mount.h: the file system is on this Mac's own disks
MAC_NETWORK_TYPES = frozenset({"smbfs", "nfs", "afpfs", "webdav", "cifs", "ftp"})


class MacStatfs(ctypes.Structure):
    """struct statfs of macOS (64-bit inodes, as every current macOS uses)."""

    _fields_ = [
        ("f_bsize", ctypes.c_uint32),
        ("f_iosize", ctypes.c_int32),
        ("f_blocks", ctypes.c_uint64),
        ("f_bfree", ctypes.c_uint64),
        ("f_bavail", ctypes.c_uint64),
        ("f_files", ctypes.c_uint64),
        ("f_ffree", ctypes.c_uint64),
        ("f_fsid", ctypes.c_int32 * 2),
        ("f_owner", ctypes.c_uint32),
        ("f_type", ctypes.c_uint32),
        ("f_flags", ctypes.c_uint32),
        ("f_fssubtype", ctypes.c_uint32),
        ("f_fstypename", ctypes.c_char * 16),
        ("f_mntonname", ctypes.c_char * 1024),
        ("f_mntfromname", ctypes.c_char * 1024),
        ("f_flags_ext", ctypes.c_uint32),
        ("f_reserved", ctypes.c_uint32 * 7),
    ]


def mac_network_volume(path: Path, statfs: Any = None) -> bool:
    """Whether `path` (or the nearest folder above it that exists) is on a network volume,
    by statfs: not MNT_LOCAL, or a network file system's name. `statfs` stands in for the
    C function in tests; False when it cannot be asked."""
    if statfs is None:
        if sys.platform != "darwin":
            return False
        libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
        statfs = libc["statfs$INODE64"] if platform.machine() == "x86_64" else libc["statfs"]
    probe = Path(os.path.abspath(path))
    while not probe.exists() and probe.parent != probe:
        probe = probe.parent
    info = MacStatfs()
    if statfs(os.fsencode(probe), ctypes.byref(info)) != 0:
        return False
    kind = info.f_fstypename.decode("ascii", "replace")
    return not info.f_flags & MNT_LOCAL or kind in MAC_NETWORK_TYPES
