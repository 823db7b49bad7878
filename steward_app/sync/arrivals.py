"""The entries a file brings that this PC does not hold yet: checked, then read in parts.

`new_entries()` checks them against what this PC holds: each origin's new entries continue
its chain without a gap and end exactly at a checkpoint signed by that origin's own key. It
reads every line but keeps only what the checks need (each line's origin, each chain's ends,
the setups and acceptances whole, the keys named), never the entries themselves: an import of
a file at the entries' cap would hold 250,000 of them. `Incoming.chunks()` reads them again a
bounded part at a time for services.exchange to judge and write (docs/sync-format.md,
"Hostile files"). Touches no database: the caller supplies what the database holds.
"""

from __future__ import annotations

import sys
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from steward_app.domain.entries import (
    GENESIS,
    Entry,
    EntryTooNew,
    EntryType,
    SlotKeys,
    chain_fields,
    read_entry,
)
from steward_app.domain.identity import fingerprint
from steward_app.domain.language import _
from steward_app.sync.bundle import Checkpoint, Opened, checkpoint_valid
from steward_app.sync.errors import ImportRefused, Refusal
from steward_app.sync.lines import unreadable


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


class _Origin:
    """What the first reading keeps of one origin's new entries."""

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
    read and checked here, in one reading: the new lines must be listed by origin then seq,
    as every version writes them (a file listing them otherwise is refused as damaged)."""
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
    last = ("", 0)
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
                _(
                    "The file holds entries of a newer version of steward-app ({exc}, line "
                    "{number})."
                ).format(exc=exc, number=number + 1),
            ) from exc
        except (ValueError, TypeError, KeyError, RecursionError) as exc:
            raise unreadable(number + 1, str(exc)) from exc
        vote, origin, seq, prev, key = fields
        if vote != manifest.vote:
            raise ImportRefused(
                Refusal.CHANGED,
                _(
                    "The file was changed after it was exported: line {number} belongs to "
                    "another vote."
                ).format(number=number + 1),
            )
        at = index.get(origin)
        if at is None:
            at = index[origin] = len(origins)
            origins.append(origin)
        line_origins[number] = at
        key_fields.add(key)
        if entry is not None and entry.type in _SPECIAL:
            special.append((origin, seq, number, entry))
        if (origin, seq) <= last:
            raise _out_of_order(number + 1, origin, seq, *last)
        last = (origin, seq)
        chain = chains.get(origin)
        if chain is None:
            chains[origin] = _Origin(entry or read_entry(line, digest))
            continue
        if chain.broken is None and (seq != chain.last_seq + 1 or prev != chain.last_id):
            chain.broken = seq
        chain.last_seq, chain.last_id = seq, digest
        chain.count += 1
    ends = chain_end(sorted(chains))
    checkpoints: dict[str, Checkpoint] = {}
    forked: list[Fork] = []
    taken = 0
    for origin in sorted(chains):
        chain = chains[origin]
        who = _("{steward} on {pc} ({fingerprint})").format(
            steward=chain.steward, pc=chain.pc, fingerprint=fingerprint(origin)
        )
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
                _(
                    "The file was changed after it was exported: the entries by {who} do not "
                    "follow on from one another (entry #{seq})."
                ).format(who=who, seq=broken),
            )
        cp = manifest.checkpoints.get(origin)
        if cp is None or cp.seq != chain.last_seq or cp.head != chain.last_id:
            raise ImportRefused(
                Refusal.CHANGED,
                _(
                    "The file was changed after it was exported: the entries by {who} are not "
                    "the ones that steward signed."
                ).format(who=who),
            )
        if not checkpoint_valid(manifest.vote, cp):
            raise ImportRefused(
                Refusal.CHANGED,
                _(
                    "The file was changed after it was exported: the signature of {who} does "
                    "not match."
                ).format(who=who),
            )
        checkpoints[origin] = cp
        taken += chain.count
    left_out = {index[f.origin] for f in forked}
    if left_out:
        for number, at in enumerate(line_origins):
            if at in left_out:
                line_origins[number] = _NONE
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
        key_fields,
    )


def _out_of_order(
    number: int, origin: str, seq: int, last_origin: str, last_seq: int
) -> ImportRefused:
    """A file whose new lines are not listed by origin then seq: every version of steward-app
    writes a file's entries so (store.exchange_log.export_lines), and reading one listed
    otherwise would take a reading of the file per part (docs/sync-format.md, "Hostile
    files")."""
    if origin == last_origin:
        why = _("entry #{seq} of {key} comes after its entry #{last}").format(
            seq=seq, key=fingerprint(origin), last=last_seq
        )
    else:
        why = _("the entries of {key} come after those of {last_key}").format(
            key=fingerprint(origin), last_key=fingerprint(last_origin)
        )
    return ImportRefused(
        Refusal.DAMAGED,
        _(
            "The file is damaged: its entries are not listed in the order steward-app writes "
            "them, each key's together and by number (line {number}: {why})."
        ).format(number=number, why=why),
    )
