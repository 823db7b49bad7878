"""A tally file's entry lines, checked as they are unpacked, and read again when needed.

Checking a file (sync.bundle.open_file) unpacks its entries a piece at a time, checks each
line's length (MIN_LINE..MAX_LINE, no more lines than the manifest lists) and keeps its id
(32 bytes a line, in one block: 8 MB at the entries' cap), never more than the entries' cap in
all. The lines themselves are kept as one block only when
they fit in KEEP_LINES_BYTES (every real file of the benchmarks' sizes); above that, reading
them unpacks the entries again (about 0.3 s per 50 MB), so no file makes a reader hold more
than that block and the ids before any entry is read (docs/sync-format.md, "Hostile files").
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from dataclasses import dataclass

from steward_app.domain.entries import HASH_PREFIX
from steward_app.domain.language import _, number
from steward_app.sync import container
from steward_app.sync.errors import ImportRefused, Refusal

# The shortest entry holds two 64-digit ids and a 16-character origin (over 300 bytes); the
# longest is a setup, whose whole text it carries.
MIN_LINE = 256
MAX_LINE = 4 * 2**20  # the setup of a 10,000-unit vote is a 2 MB line
KEEP_LINES_BYTES = 56 * 2**20  # the benchmark's 100,000 entries are 49 MB


@dataclass(frozen=True)
class EntryLines:
    """The checked entries of a file: each line's id, and the way to read the lines."""

    ids: bytes  # the sha256 id of each line, 32 bytes each, one after another
    packed: memoryview  # the entries as they lie in the file
    size: int  # unpacked
    crc: int
    kept: list[bytearray]  # the lines as one block, when kept: given up by read()

    @property
    def count(self) -> int:
        return len(self.ids) // 32

    def id_at(self, index: int) -> bytes:
        return self.ids[32 * index : 32 * index + 32]

    def read(self) -> Iterator[bytes]:
        """The lines, in order. The kept block is given up on the first call (the entries
        read copy their lines); a later call unpacks the lines again."""
        payload = self.kept.pop() if self.kept else None
        if payload is not None:  # split a megabyte at a time: C speed, little memory
            view, at, size = memoryview(payload), 0, len(payload)
            while at < size:
                end = payload.rfind(b"\n", at, at + container.PIECE)
                if end < 0:  # a line longer than a piece
                    end = payload.find(b"\n", at)
                yield from view[at:end].tobytes().split(b"\n")
                at = end + 1
            return
        rest = b""
        for piece in container.inflate(self.packed, self.size, self.crc):
            parts = (rest + piece).split(b"\n")
            rest = parts.pop()
            yield from parts


def check_lines(packed: memoryview, size: int, crc: int, count: int) -> tuple[EntryLines, str]:
    """The lines of the packed entries, checked as they are unpacked, and the sha256 of all
    of them; raises ImportRefused at the first line out of bounds."""
    sha = hashlib.sha256()
    ids = bytearray()
    lines = 0
    rest = b""
    sha256, prefix = hashlib.sha256, HASH_PREFIX
    kept: bytearray | None = bytearray() if size <= KEEP_LINES_BYTES else None
    for piece in container.inflate(packed, size, crc):
        sha.update(piece)
        if kept is not None:
            kept += piece
        parts = (rest + piece).split(b"\n")
        rest = parts.pop()
        if parts and min(map(len, parts)) < MIN_LINE:
            short = next(n for n, part in enumerate(parts) if len(part) < MIN_LINE)
            raise unreadable(
                lines + short + 1, f"{len(parts[short])} bytes, shorter than any entry"
            )
        ids += b"".join([sha256(prefix + part).digest() for part in parts])
        lines += len(parts)
        if len(rest) > MAX_LINE:
            raise unreadable(lines + 1, f"longer than {MAX_LINE:,} bytes")
        if lines > count:
            raise ImportRefused(
                Refusal.CHANGED,
                _(
                    "The file was changed after it was exported: it holds more than the {count} "
                    "entries it lists."
                ).format(count=number(count)),
            )
    if rest:
        raise unreadable(lines + 1, "it does not end with a line break")
    checked = EntryLines(bytes(ids), packed, size, crc, [kept] if kept is not None else [])
    return checked, sha.hexdigest()


def unreadable(number: int, why: str) -> ImportRefused:
    return ImportRefused(
        Refusal.DAMAGED,
        _("The file holds an entry that cannot be read (line {number}: {why}).").format(
            number=number, why=why
        ),
    )
