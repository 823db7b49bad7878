"""Tally files on shared folders, sticks and mail: write whole or not at all, read and let go.

Writing: the bytes go to a hidden `.XXXXXXXX.partial` in the target folder (a short name: a
deep OneDrive or SharePoint folder leaves little room under Windows's 260 characters), are
flushed to disk, and the file is then renamed to its final name (a new name in a folder is
never an existing file: a name already taken gets a suffix). Readers skip names starting with
"." or ending in ".partial", and in any case verify everything inside, never trusting a name.

Reading: the whole file is read at once and closed (a held handle blocks other PCs on a
share). A file another program holds (antivirus, OneDrive, Dropbox, another PC on the share:
Windows's sharing and lock violations) is tried again for about HELD_SECONDS; any other
permission error a few times only (steward_app.durable.retrying).
"""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import stat
import time
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO, TypeVar

from steward_app import durable
from steward_app.domain.language import _, number
from steward_app.durable import fsync_folder
from steward_app.sync.container import MAX_FILE_BYTES
from steward_app.sync.errors import ImportRefused, Refusal

SUFFIX = ".tally"
PARTIAL = ".partial"
T = TypeVar("T")
_UNSAFE_CHARS = re.compile(r'[<>:"/\\|?*\x00-\x1f]+')


def is_partial(path: Path) -> bool:
    return path.name.startswith(".") or path.name.endswith(PARTIAL)


def tally_files(folder: Path) -> list[Path]:
    """The finished tally files in a folder, by name (partial and hidden files left out)."""
    return folder_files(folder)[0]


def folder_files(folder: Path) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The finished tally files in a folder, by name, and the names ending in .tally that are
    left out with why: named pipes, devices, sockets, folders, links that lead out of the folder
    or nowhere. Partial and hidden files are left out without a word."""
    found: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    inside = Path(os.path.realpath(folder))
    for p in folder.iterdir():
        if not p.name.lower().endswith(SUFFIX) or is_partial(p):
            continue
        why = _not_a_file(p)
        if why is None and p.is_symlink():
            target = Path(os.path.realpath(p))
            if target.parent != inside:
                why = "a link to a file outside the folder"
        if why is None:
            found.append(p)
        else:
            skipped.append((p, why))
    return sorted(found), sorted(skipped)


def shown_name(path: Path) -> str:
    """A file's name fit to print and store: bytes that are not UTF-8 (possible in Linux
    file names, kept by Python as lone surrogates) shown as \\xNN escapes."""
    return shown_path(Path(path.name))


def shown_path(path: Path) -> str:
    """The same for a whole path."""
    return shown_text(str(path))


def shown_text(text: str) -> str:
    """A name from the file system made valid text: its bytes that are not UTF-8 as \\xNN."""
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeError:  # a lone surrogate that is not an escaped byte (Windows allows them)
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def _kind(mode: int) -> str | None:
    """What a file of this mode is, when it is not a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _not_a_file(path: Path) -> str | None:
    """Why `path` (links followed) is not a regular file to read, or None."""
    try:
        return _kind(path.stat().st_mode)
    except FileNotFoundError:
        return _("a link that leads nowhere")
    except OSError as exc:
        return _("cannot be read ({why})").format(why=exc.strerror or exc)


def safe_name(text: str, limit: int = 40) -> str:
    """A piece of a file name that every file system accepts."""
    cleaned = _UNSAFE_CHARS.sub("-", text).strip(" .-") or "x"
    return cleaned[:limit].rstrip(" .-") or "x"


def _retrying(action: Callable[[], T], sleep: Callable[[float], None]) -> T:
    return durable.retrying(action, sleep)


def read_whole(path: Path, sleep: Callable[[float], None] = time.sleep) -> bytes:
    """The file's bytes; raises ImportRefused when it cannot be read or is too large."""

    def read() -> bytes:
        with _open_regular(path) as f:
            size = os.fstat(f.fileno()).st_size
            if size > MAX_FILE_BYTES:
                raise ImportRefused(
                    Refusal.TOO_LARGE,
                    _("The file is {size} bytes, more than a tally file can be.").format(
                        size=number(size)
                    ),
                )
            return f.read(MAX_FILE_BYTES + 1)

    try:
        return _retrying(read, sleep)
    except FileNotFoundError as exc:
        raise ImportRefused(
            Refusal.UNREADABLE, _("There is no file {path}.").format(path=shown_path(path))
        ) from exc
    except IsADirectoryError as exc:
        raise ImportRefused(
            Refusal.UNREADABLE, _("{path} is a folder.").format(path=shown_path(path))
        ) from exc
    except OSError as exc:
        raise ImportRefused(
            Refusal.UNREADABLE,
            _("{path} cannot be read ({why}).").format(
                path=shown_path(path), why=exc.strerror or exc
            ),
        ) from exc


def _open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading if it is a regular file (links followed); ImportRefused for
    a named pipe, a device, a socket or a folder. Checked before opening, so a named pipe is
    never opened (opening one waits for a writer), and again on what was opened, in case the
    name was swapped meanwhile: opened without waiting (O_NONBLOCK where there is one)."""
    what = _kind(os.stat(path).st_mode)
    if what is None:
        flags = os.O_RDONLY | getattr(os, "O_BINARY", 0) | getattr(os, "O_NONBLOCK", 0)
        fd = os.open(path, flags | getattr(os, "O_NOCTTY", 0))
        what = _kind(os.fstat(fd).st_mode)
        if what is None:
            return os.fdopen(fd, "rb")
        os.close(fd)
    raise ImportRefused(
        Refusal.UNREADABLE,
        _("{path} is {what}, not a file: it is not read.").format(path=shown_path(path), what=what),
    )


def write_atomically(
    target: Path,
    data: bytes,
    *,
    replace: bool,
    sleep: Callable[[float], None] = time.sleep,
) -> Path:
    """Write `data` as `target` by way of a hidden partial file, and return the final path.

    With `replace` an existing `target` is replaced (the user named it); without, a taken
    name gets a suffix " (2)", " (3)"... so another PC's file is never overwritten.
    """
    folder = target.parent
    # short: a deep synced folder (OneDrive, SharePoint) leaves little of Windows's 260
    partial = folder / f".{secrets.token_hex(4)}{PARTIAL}"
    try:
        with partial.open("xb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        final = target
        if replace:
            _retrying(lambda: os.replace(partial, final), sleep)
        else:
            final = _place_without_replacing(partial, target, sleep)
        fsync_folder(folder)
        return final
    finally:
        with contextlib.suppress(OSError):  # held by a scanner: left for a later cleanup
            partial.unlink()


def _place_without_replacing(partial: Path, target: Path, sleep: Callable[[float], None]) -> Path:
    stem, suffix = target.stem, target.suffix
    for n in range(1, 1000):
        final = target if n == 1 else target.with_name(f"{stem} ({n}){suffix}")
        try:
            os.link(partial, final)  # fails when the name is taken, unlike a rename on POSIX
            return final
        except FileExistsError:
            continue
        except OSError:  # no hard links here (some shares, FAT sticks): check, then rename
            if final.exists():
                continue
            _rename(partial, final, sleep)
            return final
    raise OSError(f"no free name for {target} in its folder")


def _rename(source: Path, target: Path, sleep: Callable[[float], None]) -> None:
    _retrying(lambda: os.rename(source, target), sleep)
