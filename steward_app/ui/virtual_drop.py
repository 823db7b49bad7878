"""A tally file dragged straight out of an Outlook mail (or a zip folder in Explorer).

Such a file exists nowhere on disk: the drag carries a FILEGROUPDESCRIPTORW (the names) and
FileContents (the bytes), not a file URL, so a drop that looks for files finds none. Qt hands
Windows formats over as "application/x-qt-windows-mime;value=..." MIME types. The name is
parsed here, the bytes written under it to a folder of this process's own in the temporary
folder, and that file imported as a dropped one.

Qt asks for FileContents without an index, which gives the first file only: of a drag of
several attachments at once, only the first is taken, and the window says so.
"""

from __future__ import annotations

import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMimeData

DESCRIPTOR = 'application/x-qt-windows-mime;value="FileGroupDescriptorW"'
CONTENTS = 'application/x-qt-windows-mime;value="FileContents"'
_ITEM = 592  # sizeof(FILEDESCRIPTORW)
_NAME_AT = 72  # offset of cFileName (WCHAR[260]) in it
_NAME_BYTES = 520


@dataclass(frozen=True)
class VirtualFiles:
    names: tuple[str, ...]  # every file the drag names
    first: bytes  # the first one's bytes


def names_in(descriptor: bytes) -> tuple[str, ...]:
    """The file names in a FILEGROUPDESCRIPTORW: a count, then that many descriptors."""
    if len(descriptor) < 4:
        return ()
    (count,) = struct.unpack_from("<I", descriptor)
    names = []
    for i in range(min(count, (len(descriptor) - 4) // _ITEM)):
        start = 4 + i * _ITEM + _NAME_AT
        raw = descriptor[start : start + _NAME_BYTES].decode("utf-16-le", "replace")
        names.append(raw.split("\0", 1)[0])
    return tuple(n for n in names if n)


def virtual_files(mime: QMimeData) -> VirtualFiles | None:
    """The virtual files a drag carries, when their first is a tally file (None: none)."""
    if not (mime.hasFormat(DESCRIPTOR) and mime.hasFormat(CONTENTS)):
        return None
    names = names_in(bytes(mime.data(DESCRIPTOR).data()))
    if not names or not names[0].lower().endswith(".tally"):
        return None
    return VirtualFiles(names, bytes(mime.data(CONTENTS).data()))


def carries_tally(mime: QMimeData) -> bool:
    """Whether a drag brings a virtual tally file (checked on the way in: names only)."""
    if not (mime.hasFormat(DESCRIPTOR) and mime.hasFormat(CONTENTS)):
        return False
    names = names_in(bytes(mime.data(DESCRIPTOR).data()))
    return bool(names) and names[0].lower().endswith(".tally")


def save_first(found: VirtualFiles, folder: Path | None = None) -> Path:
    """Write the first virtual file to a fresh folder under its (made safe) name."""
    from steward_app.sync import files

    folder = folder or Path(tempfile.mkdtemp(prefix="steward-drop-"))
    name = Path(found.names[0].replace("\\", "/")).name
    stem = name[: -len(files.SUFFIX)] if name.lower().endswith(files.SUFFIX) else name
    path = folder / f"{files.safe_name(stem, 120)}{files.SUFFIX}"
    path.write_bytes(found.first)
    return path


def descriptor_of(*names: str) -> bytes:
    """A FILEGROUPDESCRIPTORW naming `names` (what Outlook puts on a drag; for tests)."""
    out = bytearray(struct.pack("<I", len(names)))
    for name in names:
        item = bytearray(_ITEM)
        encoded = name.encode("utf-16-le")[: _NAME_BYTES - 2]
        item[_NAME_AT : _NAME_AT + len(encoded)] = encoded
        out += item
    return bytes(out)
