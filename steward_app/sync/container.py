"""The .tally container: a plain ZIP of four members, written and read byte-exactly.

    mimetype        stored    application/vnd.steward-app.tally+zip
    manifest.json   stored    what the file holds, signed (see sync/bundle.py)
    manifest.sig    stored    the exporter's Ed25519 signature of manifest.json
    entries.jsonl   deflated  the entries, one per line, exactly as stored

Any ZIP tool opens it. This module reads only this shape: the members in this order with fixed
header fields (no extra fields, comments, data descriptors or ZIP64), each header equal to its
central-directory copy, the members back to back. With the manifest stored and the packed
entries' sha256 in the signed manifest, every byte of the file is either a fixed structure or
covered by a checksum or the signature, so any change to the file is noticed.

It never extracts anything to disk, and sizes are checked against caps before anything is
decompressed (ZIP bombs). `open_members` reads the structure and the three small stored
members without unpacking anything, so the caller checks the signed manifest (and the packed
entries' hash in it) first; `inflate` then unpacks the entries a piece at a time, stopping at
the declared size. Pieces of the file are views, never copies: the file's bytes are the only
copy of it in memory.
"""

from __future__ import annotations

import struct
import zlib
from collections.abc import Iterator
from dataclasses import dataclass

from steward_app.domain.language import _, number
from steward_app.sync.errors import ImportRefused, Refusal

MIMETYPE = b"application/vnd.steward-app.tally+zip"
NAMES = ("mimetype", "manifest.json", "manifest.sig", "entries.jsonl")
STORED, DEFLATED = 0, 8
METHODS = {"mimetype": STORED, "manifest.json": STORED, "manifest.sig": STORED}
# Caps (docs/sync-format.md, "Hostile files"). The benchmark's large file (100,000 entries
# from 12 PCs) is 8.7 MB holding 51 MB of entry lines, with a 3 KB manifest; each cap leaves
# room above that, and an import of anything under them that is not a real export stays
# under 150 MB of memory (bench/hostile_files.py).
MAX_MANIFEST_BYTES = 2**20  # about 4,000 origins (one per steward and PC)
MAX_ENTRIES_BYTES = 128 * 2**20  # about 250,000 entries
MAX_FILE_BYTES = 32 * 2**20
CAPS = {
    "mimetype": 256,
    "manifest.json": MAX_MANIFEST_BYTES,
    "manifest.sig": 256,
    "entries.jsonl": MAX_ENTRIES_BYTES,
}
MAX_RATIO = 100  # entries pack 4-8 to 1; a member claiming more is a ZIP bomb
PIECE = 2**20  # inflate() yields at most this many bytes at a time
DEFLATE_LEVEL = 6

_LOCAL = struct.Struct("<4sHHHHHLLLHH")
_CENTRAL = struct.Struct("<4sHHHHHHLLLHHHHHLL")
_END = struct.Struct("<4sHHHHLLH")
_LOCAL_SIG, _CENTRAL_SIG, _END_SIG = b"PK\x03\x04", b"PK\x01\x02", b"PK\x05\x06"
_VERSION = 20  # PKZIP 2.0: stored and deflate
_DOS_TIME, _DOS_DATE = 0, (0 << 9) | (1 << 5) | 1  # 1980-01-01 00:00, so exports are repeatable


@dataclass(frozen=True)
class Member:
    name: str
    method: int
    packed: bytes  # as it lies in the file
    crc: int
    size: int  # unpacked


def deflate(data: bytes, level: int = DEFLATE_LEVEL) -> bytes:
    packer = zlib.compressobj(level, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush()


def stored(name: str, data: bytes) -> Member:
    return Member(name, STORED, data, zlib.crc32(data), len(data))


def pack(members: list[Member]) -> bytes:
    """The ZIP bytes of these members, in this order."""
    out = bytearray()
    central = bytearray()
    for m in members:
        name = m.name.encode("ascii")
        offset = len(out)
        out += _LOCAL.pack(
            _LOCAL_SIG,
            _VERSION,
            0,
            m.method,
            _DOS_TIME,
            _DOS_DATE,
            m.crc,
            len(m.packed),
            m.size,
            len(name),
            0,
        )
        out += name + m.packed
        central += _CENTRAL.pack(
            _CENTRAL_SIG,
            _VERSION,
            _VERSION,
            0,
            m.method,
            _DOS_TIME,
            _DOS_DATE,
            m.crc,
            len(m.packed),
            m.size,
            len(name),
            0,
            0,
            0,
            0,
            0,
            offset,
        )
        central += name
    start = len(out)
    out += central
    out += _END.pack(_END_SIG, 0, 0, len(members), len(members), len(central), start, 0)
    return bytes(out)


LEAD = pack([stored("mimetype", MIMETYPE)])[: _LOCAL.size + len("mimetype") + len(MIMETYPE)]


@dataclass(frozen=True)
class _Listed:
    name: str
    raw_name: bytes
    fields: tuple[bytes | int, ...]
    method: int
    crc: int
    packed_size: int
    size: int
    offset: int


def _unsafe(name: str) -> bool:
    parts = name.replace("\\", "/").split("/")
    return (
        name.startswith(("/", "\\"))
        or "\\" in name
        or "\0" in name
        or ".." in parts
        or (len(name) > 1 and name[1] == ":")
    )


def _end_record(data: bytes) -> int | None:
    """Offset of the end-of-central-directory record, when the file ends with one."""
    at = data.rfind(_END_SIG, max(0, len(data) - 65_557))
    if at < 0 or at + _END.size > len(data):
        return None
    comment = struct.unpack_from("<H", data, at + 20)[0]
    return at if at + _END.size + comment == len(data) else None


def _listing(data: bytes, end: int) -> list[_Listed]:
    _sig, disk, cd_disk, on_disk, total, cd_size, cd_offset, _comment = _END.unpack_from(data, end)
    if (disk, cd_disk) != (0, 0) or on_disk != total or cd_offset + cd_size > end:
        raise ImportRefused(Refusal.DAMAGED, _("The file's table of contents is damaged."))
    listed: list[_Listed] = []
    at = cd_offset
    for _entry in range(total):
        if at + _CENTRAL.size > end:
            raise ImportRefused(Refusal.DAMAGED, _("The file's table of contents is damaged."))
        fields = _CENTRAL.unpack_from(data, at)
        name_len, extra_len, comment_len = fields[10], fields[11], fields[12]
        raw_name = data[at + _CENTRAL.size : at + _CENTRAL.size + name_len]
        utf8 = fields[3] & 0x800
        name = raw_name.decode("utf-8" if utf8 else "cp437", errors="replace")
        listed.append(
            _Listed(name, raw_name, fields, fields[4], fields[7], fields[8], fields[9], fields[16])
        )
        at += _CENTRAL.size + name_len + extra_len + comment_len
    if at != cd_offset + cd_size:
        raise ImportRefused(Refusal.DAMAGED, _("The file's table of contents is damaged."))
    return listed


@dataclass(frozen=True)
class Members:
    """A tally file's members, nothing unpacked: the stored ones' contents (checked against
    their CRCs) and the entries as they lie in the file."""

    contents: dict[str, bytes]  # mimetype, manifest.json, manifest.sig
    packed_entries: memoryview  # a view of the file's bytes (deflated)
    entries_size: int  # unpacked, as the ZIP declares it
    entries_crc: int


@dataclass(frozen=True)
class Unpacked:
    contents: dict[str, bytes]  # by member name
    packed_entries: bytes  # the entries member as it lies in the file (deflated)


def unpack(data: bytes) -> Unpacked:
    """Every member's content, the entries unpacked whole (for tools and tests: an import
    checks the signature before unpacking, see sync.bundle.open_file)."""
    members = open_members(data)
    contents = dict(members.contents)
    contents["entries.jsonl"] = b"".join(
        inflate(members.packed_entries, members.entries_size, members.entries_crc)
    )
    return Unpacked(contents, bytes(members.packed_entries))


def open_members(data: bytes) -> Members:
    """The file's structure checked and its small members read, nothing unpacked; raises
    ImportRefused with the cause."""
    if len(data) > MAX_FILE_BYTES:
        raise ImportRefused(
            Refusal.TOO_LARGE,
            _("The file is {size} bytes, more than a tally file can be.").format(
                size=number(len(data))
            ),
        )
    ours = data.startswith(LEAD)
    end = _end_record(data)
    if end is None:
        if not data or ours or LEAD.startswith(data):
            raise ImportRefused(
                Refusal.INCOMPLETE,
                _("The file is incomplete: it ends before the end of a tally file (it is empty).")
                if not data
                else _("The file is incomplete: it ends before the end of a tally file."),
            )
        raise ImportRefused(Refusal.NOT_TALLY_FILE, _("This is not a tally file."))
    listed = _listing(data, end)
    for item in listed:
        if _unsafe(item.name):
            raise ImportRefused(
                Refusal.UNSAFE_PATHS,
                _('The file contains a path that points outside its folder ("{name}").').format(
                    name=item.name
                ),
            )
    for item in listed:
        cap = CAPS.get(item.name, CAPS["entries.jsonl"])
        ratio = item.size / max(item.packed_size, 1)
        if item.size > cap or item.packed_size > MAX_FILE_BYTES:
            raise ImportRefused(
                Refusal.TOO_LARGE,
                _('"{name}" would unpack to {size} bytes, more than a tally file holds.').format(
                    name=item.name, size=number(item.size)
                ),
            )
        if ratio > MAX_RATIO:
            raise ImportRefused(
                Refusal.TOO_LARGE,
                _('"{name}" claims to unpack {size} bytes from {packed_size} (a ZIP bomb).').format(
                    name=item.name, size=number(item.size), packed_size=number(item.packed_size)
                ),
            )
    if tuple(i.name for i in listed) != NAMES:
        if ours:
            raise ImportRefused(Refusal.DAMAGED, _("The file's table of contents is damaged."))
        raise ImportRefused(
            Refusal.NOT_TALLY_FILE,
            _("This is not a tally file: it holds {names}.").format(
                names=", ".join(i.name for i in listed[:6])
            ),
        )
    return _read_members(data, listed, end)


def _read_members(data: bytes, listed: list[_Listed], end: int) -> Members:
    damaged = ImportRefused(Refusal.DAMAGED, _("The file is damaged."))
    out: dict[str, bytes] = {}
    view = memoryview(data)
    entries = view[:0]
    entries_size = entries_crc = 0
    at = 0
    for item in listed:
        method = METHODS.get(item.name, DEFLATED)
        expected_central: tuple[bytes | int, ...] = (
            _CENTRAL_SIG,
            _VERSION,
            _VERSION,
            0,
            method,
            _DOS_TIME,
            _DOS_DATE,
            item.crc,
            item.packed_size,
            item.size,
            len(item.raw_name),
            0,
            0,
            0,
            0,
            0,
            at,
        )
        if item.fields != expected_central or item.raw_name != item.name.encode("ascii"):
            raise damaged
        local = _LOCAL.pack(
            _LOCAL_SIG,
            _VERSION,
            0,
            method,
            _DOS_TIME,
            _DOS_DATE,
            item.crc,
            item.packed_size,
            item.size,
            len(item.raw_name),
            0,
        )
        header_end = at + len(local) + len(item.raw_name)
        if data[at:header_end] != local + item.raw_name:
            raise damaged
        packed = view[header_end : header_end + item.packed_size]
        at = header_end + item.packed_size
        if len(packed) != item.packed_size:
            raise damaged
        if method == STORED:
            if item.size != item.packed_size:
                raise damaged
            if zlib.crc32(packed) != item.crc:
                raise ImportRefused(
                    Refusal.DAMAGED,
                    _('The file is damaged ("{name}" fails its checksum).').format(name=item.name),
                )
            out[item.name] = bytes(packed)  # small: capped above
        else:  # the entries: unpacked later, by inflate(), once the signature is checked
            entries, entries_size, entries_crc = packed, item.size, item.crc
    central_offset = _END.unpack_from(data, end)[6]
    if at != central_offset:
        raise damaged
    if out["mimetype"] != MIMETYPE:
        raise ImportRefused(
            Refusal.NOT_TALLY_FILE, _("This is not a tally file (its type differs).")
        )
    return Members(out, entries, entries_size, entries_crc)


def inflate(packed: bytes | memoryview, size: int, crc: int) -> Iterator[bytes]:
    """The unpacked entries, in pieces of at most PIECE bytes; never more than `size` bytes in
    all. Raises ImportRefused (damaged) when the data does not unpack to exactly `size` bytes
    with checksum `crc` (checked after the last piece)."""
    unpacker = zlib.decompressobj(-15)
    total, check, at = 0, 0, 0
    tail: bytes | memoryview = b""
    try:
        while not unpacker.eof:
            if not tail and at < len(packed):
                tail, at = packed[at : at + PIECE], at + PIECE
            piece = unpacker.decompress(tail, PIECE)
            tail = unpacker.unconsumed_tail
            if not piece and not tail and at >= len(packed):
                break  # the input is used up
            total += len(piece)
            if total > size:
                break
            check = zlib.crc32(piece, check)
            if piece:
                yield piece
    except zlib.error as exc:
        raise ImportRefused(
            Refusal.DAMAGED, _("The file is damaged (it does not unpack).")
        ) from exc
    if total != size or not unpacker.eof or tail or unpacker.unused_data or at < len(packed):
        raise ImportRefused(Refusal.DAMAGED, _("The file is damaged (it unpacks to another size)."))
    if check != crc:
        raise ImportRefused(
            Refusal.DAMAGED, _('The file is damaged ("entries.jsonl" fails its checksum).')
        )
