"""A tally file's content: the signed manifest, the entries, and the checks on both.

`build()` makes the bytes of a file from entries and checkpoints. `open_file()` checks a file
on its own (container, manifest, the exporter's signature, the vote, the payload's hashes)
and `new_entries()` checks the entries this PC does not hold yet against what it holds: each
origin's new entries continue its chain without a gap and end exactly at a checkpoint signed
by that origin's own key. Neither touches a database; services.exchange supplies what the
database holds and writes the result in one transaction.
"""

from __future__ import annotations

import hashlib
import json
import sys
import zlib
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from steward_app import __version__
from steward_app.domain.entries import (
    GENESIS,
    Entry,
    EntryTooNew,
    EntryType,
    SlotKeys,
    canonical,
    chain_fields,
    read_entry,
)
from steward_app.domain.identity import fingerprint, key_bytes, key_text, origin_of
from steward_app.domain.nesting import MAX_DEPTH, json_too_deep
from steward_app.sync import container
from steward_app.sync.errors import ImportRefused, Refusal
from steward_app.sync.keys import Signer, verify
from steward_app.sync.lines import EntryLines, check_lines, unreadable

FORMAT = "steward-app-tally"
FORMAT_VERSION = (1, 0)
MANIFEST_DOMAIN = b"steward_app/v1/manifest\0"
CHECKPOINT_DOMAIN = b"steward_app/v1/checkpoint\0"


@dataclass(frozen=True)
class Checkpoint:
    """An origin's signature over the end of its chain: (vote, origin, seq, head)."""

    origin: str
    key: bytes  # the origin's public key
    seq: int
    head: str  # hex id of the origin's entry `seq`
    sig: bytes


def checkpoint_message(vote: str, origin: str, seq: int, head: str) -> bytes:
    return canonical({"vote": vote, "origin": origin, "seq": seq, "head": head})


def sign_checkpoint(signer: Signer, vote: str, seq: int, head: str) -> Checkpoint:
    message = checkpoint_message(vote, signer.origin, seq, head)
    return Checkpoint(
        signer.origin, signer.public, seq, head, signer.sign(CHECKPOINT_DOMAIN, message)
    )


def checkpoint_valid(vote: str, cp: Checkpoint) -> bool:
    if origin_of(cp.key) != cp.origin:
        return False
    message = checkpoint_message(vote, cp.origin, cp.seq, cp.head)
    return verify(cp.key, cp.sig, CHECKPOINT_DOMAIN, message)


@dataclass(frozen=True)
class Exporter:
    origin: str
    key: bytes
    steward: str
    pc: str


@dataclass(frozen=True)
class Manifest:
    vote: str
    title: str
    mode: str
    app_version: str
    exporter: Exporter
    created: str
    count: int
    state_code: str
    checkpoints: Mapping[str, Checkpoint]  # by origin


def build(
    *,
    vote: str,
    title: str,
    mode: str,
    exporter: Signer,
    steward: str,
    pc: str,
    created: str,
    lines: Sequence[bytes],
    checkpoints: Iterable[Checkpoint],
    state_code: str,
) -> bytes:
    """The bytes of a tally file holding `lines` (stored entries, sorted by origin and seq)."""
    payload = b"".join(line + b"\n" for line in lines)
    packed = container.deflate(payload)
    manifest = canonical(
        {
            "format": FORMAT,
            "format_version": list(FORMAT_VERSION),
            "app_version": __version__,
            "vote": vote,
            "title": title,
            "mode": mode,
            "exporter": {
                "origin": exporter.origin,
                "key": key_text(exporter.public),
                "steward": steward,
                "pc": pc,
            },
            "created": created,
            "entries": {
                "count": len(lines),
                "bytes": len(payload),
                "sha256": hashlib.sha256(payload).hexdigest(),
                "packed_bytes": len(packed),
                "packed_sha256": hashlib.sha256(packed).hexdigest(),
            },
            "origins": [
                {
                    "origin": cp.origin,
                    "key": key_text(cp.key),
                    "seq": cp.seq,
                    "head": cp.head,
                    "sig": cp.sig.hex(),
                }
                for cp in sorted(checkpoints, key=lambda c: c.origin)
            ],
            "state_code": state_code,
        }
    )
    signature = exporter.sign(MANIFEST_DOMAIN, manifest)
    return container.pack(
        [
            container.stored("mimetype", container.MIMETYPE),
            container.stored("manifest.json", manifest),
            container.stored("manifest.sig", signature),
            container.Member(
                "entries.jsonl", container.DEFLATED, packed, _crc(payload), len(payload)
            ),
        ]
    )


def _crc(data: bytes) -> int:
    return zlib.crc32(data)


# --- reading -------------------------------------------------------------------------------


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in pairs:
        if k in out:
            raise ValueError(f"the key {k!r} appears twice")
        out[k] = v
    return out


def _no_float(text: str) -> Any:
    raise ValueError(f"{text} is not a whole number")


class _Shape(ValueError):
    pass


def _get(obj: Any, name: str, kind: type) -> Any:
    if not isinstance(obj, dict) or name not in obj:
        raise _Shape(f"{name} is missing")
    value = obj[name]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise _Shape(f"{name} is not a {kind.__name__}")
    return value


def _parse_manifest(raw: bytes) -> tuple[dict[str, Any], Manifest]:
    damaged = "The file is damaged (its manifest cannot be read"
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ImportRefused(Refusal.DAMAGED, f"{damaged}: {exc}).") from exc
    if json_too_deep(text):  # before the JSON reader, which recurses per level
        raise ImportRefused(
            Refusal.DAMAGED, f"{damaged}: it nests more than {MAX_DEPTH} levels deep)."
        )
    try:
        obj = json.loads(
            text,
            object_pairs_hook=_no_duplicates,
            parse_float=_no_float,
            parse_constant=_no_float,
        )
    except (UnicodeDecodeError, ValueError) as exc:
        raise ImportRefused(Refusal.DAMAGED, f"{damaged}: {exc}).") from exc
    if not isinstance(obj, dict) or obj.get("format") != FORMAT:
        raise ImportRefused(Refusal.NOT_TALLY_FILE, "This is not a tally file.")
    version = obj.get("format_version")
    if (
        not isinstance(version, list)
        or len(version) != 2
        or not all(type(v) is int for v in version)
    ):
        raise ImportRefused(Refusal.DAMAGED, f"{damaged}: no format version).")
    if version[0] > FORMAT_VERSION[0]:
        made_by = obj.get("app_version")
        raise ImportRefused(
            Refusal.TOO_NEW,
            f"The file was made by a newer version of steward-app (file format "
            f"{version[0]}.{version[1]}"
            + (f", steward-app {made_by}" if isinstance(made_by, str) else "")
            + f"); this version ({__version__}) reads format {FORMAT_VERSION[0]}.x.",
        )
    try:
        exporter = _get(obj, "exporter", dict)
        entries = _get(obj, "entries", dict)
        checkpoints: dict[str, Checkpoint] = {}
        for item in _get(obj, "origins", list):
            cp = Checkpoint(
                _get(item, "origin", str),
                key_bytes(_get(item, "key", str)),
                _get(item, "seq", int),
                _get(item, "head", str),
                bytes.fromhex(_get(item, "sig", str)),
            )
            if cp.origin in checkpoints:
                raise _Shape(f"origin {cp.origin} is listed twice")
            checkpoints[cp.origin] = cp
        manifest = Manifest(
            vote=_get(obj, "vote", str),
            title=_get(obj, "title", str),
            mode=_get(obj, "mode", str),
            app_version=_get(obj, "app_version", str),
            exporter=Exporter(
                _get(exporter, "origin", str),
                key_bytes(_get(exporter, "key", str)),
                _get(exporter, "steward", str),
                _get(exporter, "pc", str),
            ),
            created=_get(obj, "created", str),
            count=_get(entries, "count", int),
            state_code=_get(obj, "state_code", str),
            checkpoints=checkpoints,
        )
        for name, kind in (("bytes", int), ("sha256", str), ("packed_bytes", int)):
            _get(entries, name, kind)
        _get(entries, "packed_sha256", str)
    except ValueError as exc:
        raise ImportRefused(Refusal.DAMAGED, f"{damaged}: {exc}).") from exc
    return obj, manifest


@dataclass(frozen=True)
class Opened:
    """A file that passed every check that needs no database."""

    manifest: Manifest
    lines: EntryLines  # the entries' ids, and the lines when read

    @property
    def count(self) -> int:
        return self.lines.count

    def read_lines(self) -> Iterator[bytes]:
        return self.lines.read()


def open_file(data: bytes, expect_vote: str | None, expect_mode: str | None) -> Opened:
    """Check a file on its own: raises ImportRefused with the first problem found.

    Nothing is unpacked before the manifest's signature and the packed entries' signed hash
    are checked; the entries are then unpacked a piece at a time up to their signed size,
    each line checked and hashed as it comes (sync.lines)."""
    members = container.open_members(data)
    obj, manifest = _parse_manifest(members.contents["manifest.json"])
    ex = manifest.exporter
    if origin_of(ex.key) != ex.origin or not verify(
        ex.key, members.contents["manifest.sig"], MANIFEST_DOMAIN, members.contents["manifest.json"]
    ):
        raise ImportRefused(
            Refusal.CHANGED,
            "The file was changed after it was exported: its signature does not match.",
        )
    if expect_mode is not None and manifest.mode != expect_mode:
        raise ImportRefused(
            Refusal.WRONG_MODE,
            f"The file holds {manifest.mode} counts and this PC holds the {expect_mode} vote.",
        )
    if expect_vote is not None and manifest.vote != expect_vote:
        raise ImportRefused(
            Refusal.DIFFERENT_VOTE,
            f'The file belongs to a different vote ("{manifest.title}", '
            f"{manifest.vote[:12]}), not the one on this PC ({expect_vote[:12]}).",
        )
    described = obj["entries"]
    changed = ImportRefused(
        Refusal.CHANGED,
        "The file was changed after it was exported: its entries differ from what was signed.",
    )
    packed = members.packed_entries
    if (
        described["packed_sha256"] != hashlib.sha256(packed).hexdigest()
        or described["packed_bytes"] != len(packed)
        or described["bytes"] != members.entries_size
    ):
        # damage (a flipped bit) or an edit: unpacking, within the caps, tells which
        for _ in container.inflate(packed, members.entries_size, members.entries_crc):
            pass
        raise changed
    lines, payload_sha = check_lines(
        packed, members.entries_size, members.entries_crc, manifest.count
    )
    if described["sha256"] != payload_sha:
        raise changed
    if lines.count != manifest.count:
        raise ImportRefused(
            Refusal.CHANGED,
            "The file was changed after it was exported: it does not hold the entries it lists.",
        )
    return Opened(manifest, lines)


@dataclass(frozen=True)
class Fork:
    """A second history of one key: the file's entries from `seq` on differ from this PC's."""

    origin: str
    who: str  # "steward on PC (FINGERPRINT)"
    seq: int  # the first entry number where the histories differ
    skipped: int  # the file's entries of that key left out


_SPECIAL = frozenset({EntryType.SETUP, EntryType.ENTRIES_ACCEPTED})
_NONE = 0xFFFFFFFF  # a line that does not come in (this PC holds it)
CHUNK_BYTES = 8 * 2**20  # the most lines Incoming.chunks() reads into one part


@dataclass(frozen=True)
class Incoming:
    """What a file brings that this PC does not hold yet, verified, held compactly: never the
    entries themselves but which lines come in, each line's origin, and the few entries the
    judging needs whole (setups and acceptances). `chunks()` reads the entries again, a
    bounded number at a time, in the order they are stored: by origin, then seq."""

    opened: Opened
    count: int  # entries coming in
    special: tuple[Entry, ...]  # the setups and acceptances among them, by origin then seq
    firsts: dict[str, tuple[str, str]]  # (steward, pc) of each origin's first entry, by origin
    checkpoints: dict[str, Checkpoint]  # of the origins with new entries
    known: int  # lines this PC already holds
    # origins whose entries in the file fork from this PC's chain: who, where, how many left out
    forked: tuple[Fork, ...]
    origins: list[str]  # every origin of a new line, by its index
    line_origins: array[int]  # per line: the index of its origin, or _NONE when it does not come in
    order: list[int] | None  # the lines coming in, in order, when the file lists them otherwise
    sizes: array[int]  # with `order`: each line's length
    keys: set[tuple[str, str, str, str]]  # (kind, question, unit, part) of the new entries
    # the lines' ids sorted, once origins_of() has built it: (8-byte prefixes, line numbers)
    index: list[tuple[array[int], array[int]]] = field(default_factory=list, compare=False)

    def origin_of_line(self, line: int) -> str | None:
        """The origin of the entry on this line (0-based), when it comes in."""
        at = self.line_origins[line]
        return None if at == _NONE else self.origins[at]

    def origins_of(self, ids: Iterable[str]) -> dict[str, str]:
        """The origin of each of these entries (hex ids) that comes in with this file.

        Looked up in the lines' ids sorted by their first 8 bytes (built on the first call:
        4 bytes a line and the 8-byte prefixes, 3 MB at the entries' cap), each match checked
        on the whole id."""
        if not self.index:
            prefixes = array("Q", memoryview(self.opened.lines.ids).cast("Q")[::4])
            order = array("I", sorted(range(len(prefixes)), key=prefixes.__getitem__))
            self.index.append((prefixes, order))
        prefixes, order = self.index[0]
        block, out = self.opened.lines.ids, {}
        for wanted in ids:
            digest = bytes.fromhex(wanted)
            prefix = int.from_bytes(digest[:8], sys.byteorder)
            at = bisect_left(order, prefix, key=prefixes.__getitem__)
            while at < len(order) and prefixes[order[at]] == prefix:
                line = order[at]
                if block[32 * line : 32 * line + 32] == digest:
                    origin = self.origin_of_line(line)
                    if origin is not None:
                        out[wanted] = origin
                        break
                at += 1
        return out

    def chunks(self, size: int, budget: int | None = None) -> Iterator[list[Entry]]:
        """The entries coming in, by origin then seq, read from the file's lines again:
        `size` at a time, or fewer when their lines pass `budget` bytes (CHUNK_BYTES)."""
        budget = CHUNK_BYTES if budget is None else budget
        keys: SlotKeys = {}
        ids, take = self.opened.lines.ids, self.line_origins
        if self.order is None:  # the file's own order: every file this version writes
            part: list[Entry] = []
            held = 0
            for number, line in enumerate(self.opened.read_lines()):
                if take[number] != _NONE:
                    part.append(read_entry(line, ids[32 * number : 32 * number + 32].hex(), keys))
                    held += len(line)
                    if len(part) == size or held >= budget:
                        yield part
                        part, held = [], 0
            if part:
                yield part
            return
        order, sizes, done = self.order, self.sizes, 0
        while done < len(order):  # a reading of the file for each part
            end, held = done + 1, sizes[order[done]]
            while end < len(order) and end - done < size and held + sizes[order[end]] < budget:
                held += sizes[order[end]]
                end += 1
            wanted = {n: at for at, n in enumerate(order[done:end])}
            found: list[bytes] = [b""] * len(wanted)
            for number, line in enumerate(self.opened.read_lines()):
                at = wanted.get(number)
                if at is not None:
                    found[at] = line
            yield [
                read_entry(line, ids[32 * n : 32 * n + 32].hex(), keys)
                for n, line in zip(order[done:end], found, strict=True)
            ]
            done = end


class _Origin:
    """What the first reading keeps of one origin's new entries in a file listed in order."""

    __slots__ = ("broken", "count", "first", "last_id", "last_seq", "pc", "steward")

    def __init__(self, e: Entry) -> None:
        self.first = (e.seq, e.prev)
        self.steward, self.pc = e.steward, e.pc
        self.last_seq, self.last_id = e.seq, e.id
        self.count = 1
        self.broken: int | None = None  # the seq of the first entry not following the last


def new_entries(
    opened: Opened,
    is_known: Callable[[bytes], tuple[Sequence[int], int]],
    chain_end: Callable[[Iterable[str]], Mapping[str, tuple[int, str]]],
) -> Incoming:
    """Read and verify the lines this PC does not hold, keeping only what the checks need.

    `is_known(ids)` gives, for the lines' ids (32 bytes each), the numbers (0-based) of the
    lines this PC holds and how many different ids they have; `chain_end(origins)` gives,
    per origin, the seq and id of the last entry this PC holds (absent: none). Every line is
    read and checked here; a file whose new lines are not listed by origin then seq (no file
    this version writes) has them read once more to check each chain in order."""
    manifest = opened.manifest
    count = opened.count
    line_origins = array("I", [_NONE]) * count
    held, known = is_known(opened.lines.ids)
    for number in held:
        line_origins[number] = _NONE - 1  # held here: marked for the loop below
    index: dict[str, int] = {}
    origins: list[str] = []
    chains: dict[str, _Origin] = {}
    special: list[tuple[str, int, int, Entry]] = []
    keys: SlotKeys = {}  # the entries of one slot share its key
    key_fields: set[tuple[str, str, str, str]] = set()
    in_order, last = True, ("", 0)
    ids = opened.lines.ids
    for number, line in enumerate(opened.read_lines()):
        if line_origins[number] != _NONE:
            line_origins[number] = _NONE
            continue
        digest = ids[32 * number : 32 * number + 32].hex()
        entry: Entry | None = None
        try:  # a count read without building it (it is read again when written)
            fields = chain_fields(line)
            if fields is None:
                entry = read_entry(line, digest, keys)
                k = entry.key
                fields = (
                    entry.vote,
                    entry.origin,
                    entry.seq,
                    entry.prev,
                    (k.kind, k.question, k.unit, k.part),
                )
        except EntryTooNew as exc:
            raise ImportRefused(
                Refusal.TOO_NEW,
                f"The file holds entries of a newer version of steward-app ({exc}, line "
                f"{number + 1}).",
            ) from exc
        except (ValueError, TypeError, KeyError, RecursionError) as exc:
            raise unreadable(number + 1, str(exc)) from exc
        vote, origin, seq, prev, key = fields
        if vote != manifest.vote:
            raise ImportRefused(
                Refusal.CHANGED,
                f"The file was changed after it was exported: line {number + 1} belongs to "
                "another vote.",
            )
        at = index.get(origin)
        if at is None:
            at = index[origin] = len(origins)
            origins.append(origin)
        line_origins[number] = at
        key_fields.add(key)
        if entry is not None and entry.type in _SPECIAL:
            special.append((origin, seq, number, entry))
        if not in_order:
            continue
        if (origin, seq) <= last:
            in_order = False  # checked again below, from every line's seq and ids
            continue
        last = (origin, seq)
        chain = chains.get(origin)
        if chain is None:
            chains[origin] = _Origin(entry or read_entry(line, digest))
            continue
        if chain.broken is None and (seq != chain.last_seq + 1 or prev != chain.last_id):
            chain.broken = seq
        chain.last_seq, chain.last_id = seq, digest
        chain.count += 1
    order, sizes = None, array("I")
    if not in_order:
        chains, order, sizes = _chains_out_of_order(opened, line_origins, origins)
    ends = chain_end(sorted(chains))
    checkpoints: dict[str, Checkpoint] = {}
    forked: list[Fork] = []
    taken = 0
    for origin in sorted(chains):
        chain = chains[origin]
        who = f"{chain.steward} on {chain.pc} ({fingerprint(origin)})"
        last_seq, last_id = ends.get(origin, (0, GENESIS))
        first_seq, first_prev = chain.first
        if first_seq <= last_seq:
            # a second history of this key (a database copied with its key file): this PC
            # keeps its own; the file's other entries still come in (docs/sync-format.md)
            forked.append(Fork(origin, who, first_seq, chain.count))
            continue
        broken = first_seq if (first_seq, first_prev) != (last_seq + 1, last_id) else chain.broken
        if broken is not None:
            raise ImportRefused(
                Refusal.CHANGED,
                f"The file was changed after it was exported: the entries by {who} do not "
                f"follow on from one another (entry #{broken}).",
            )
        cp = manifest.checkpoints.get(origin)
        if cp is None or cp.seq != chain.last_seq or cp.head != chain.last_id:
            raise ImportRefused(
                Refusal.CHANGED,
                f"The file was changed after it was exported: the entries by {who} are not the "
                "ones that steward signed.",
            )
        if not checkpoint_valid(manifest.vote, cp):
            raise ImportRefused(
                Refusal.CHANGED,
                f"The file was changed after it was exported: the signature of {who} does not "
                "match.",
            )
        checkpoints[origin] = cp
        taken += chain.count
    left_out = {index[f.origin] for f in forked}
    if left_out:
        for number, at in enumerate(line_origins):
            if at in left_out:
                line_origins[number] = _NONE
        if order is not None:
            order = [n for n in order if line_origins[n] != _NONE]
    special.sort(key=lambda s: (s[0], s[1], s[2]))
    return Incoming(
        opened,
        taken,
        tuple(e for origin, _, _, e in special if origin in checkpoints),
        {o: (chains[o].steward, chains[o].pc) for o in sorted(checkpoints)},
        checkpoints,
        known,
        tuple(forked),
        origins,
        line_origins,
        order,
        sizes,
        key_fields,
    )


def _chains_out_of_order(
    opened: Opened, line_origins: array[int], origins: list[str]
) -> tuple[dict[str, _Origin], list[int], array[int]]:
    """The chains of a file whose new lines are not listed by origin then seq: the lines
    read again, each origin's entries put in order of seq (then of line, as a stable sort
    leaves equal ones) and checked as the first reading checks them in order; with the
    order of the lines coming in. Some 80 bytes a line (an int each and the prev ids in one
    block): only a file no version writes comes here."""
    rank = {origin: at for at, origin in enumerate(sorted(origins))}
    by_rank = sorted(origins)
    keyed: list[int] = []
    prevs = bytearray(32 * opened.count)  # per line: the id it follows
    sizes = array("I", [0]) * opened.count
    firsts: dict[str, tuple[int, int, str, str]] = {}  # (seq, line, steward, pc) of the first
    ids = opened.lines.ids
    for number, line in enumerate(opened.read_lines()):
        if line_origins[number] == _NONE:
            continue
        e = read_entry(line, ids[32 * number : 32 * number + 32].hex())
        keyed.append((rank[e.origin] << 72) | (e.seq << 22) | number)
        sizes[number] = len(line)
        prevs[32 * number : 32 * number + 32] = bytes.fromhex(e.prev)
        first = firsts.get(e.origin)
        if first is None or (e.seq, number) < first[:2]:
            firsts[e.origin] = (e.seq, number, e.steward, e.pc)
    keyed.sort()
    chains: dict[str, _Origin] = {}
    order: list[int] = []
    for key in keyed:
        number, seq, origin = key & _LINE_BITS, (key >> 22) & _SEQ_BITS, by_rank[key >> 72]
        order.append(number)
        entry_id = ids[32 * number : 32 * number + 32].hex()
        prev = prevs[32 * number : 32 * number + 32].hex()
        chain = chains.get(origin)
        if chain is None:
            chain = chains[origin] = _Origin.__new__(_Origin)
            chain.first = (seq, prev)
            chain.steward, chain.pc = firsts[origin][2:]
            chain.count, chain.broken = 1, None
        else:
            if chain.broken is None and (seq != chain.last_seq + 1 or prev != chain.last_id):
                chain.broken = seq
            chain.count += 1
        chain.last_seq, chain.last_id = seq, entry_id
    return chains, order, sizes


_LINE_BITS = (1 << 22) - 1  # a line's number: a file holds at most 128 MB / 256 B = 2**19
_SEQ_BITS = (1 << 50) - 1  # a seq: at most domain.entries.MAX_NUMBER, under 2**50
