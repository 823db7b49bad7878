"""Exchange results through files: export everything this PC holds, import what others hold.

Merging is the union of entries, so importing the same file twice, or files in any order,
gives the same entries everywhere. An import checks the whole file first (sync.bundle), then
writes in one transaction: the new entries each PC's setup lets their key sign are applied,
the others held apart (quarantine) with the reason. A refused file changes nothing.
docs/sync-format.md describes the file and every check.

An export reads the database in one short transaction (`gather_export`); compressing,
signing, writing and checking the file (`write_export`) need no database, so the window does
them on another thread while the database serves the next save.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Connection

from steward_app.domain.authority import Authority, resolve_setups
from steward_app.domain.entries import Entry, EntryType, KeyKind, parse_entry
from steward_app.domain.identity import fingerprint, key_bytes, key_text
from steward_app.domain.language import _, number
from steward_app.services.authors import Author, Clock, wall_clock
from steward_app.services.changes import Changes
from steward_app.services.collector import collector_paused
from steward_app.services.errors import NoVote, Refused
from steward_app.services.identity import signer_for
from steward_app.services.import_judge import Judge, fork_note
from steward_app.services.merge import accepted_ids, held_row, reconcile
from steward_app.services.overrides import signer_text
from steward_app.services.state_code import StateCode as StateCode  # noqa: PLC0414
from steward_app.services.state_code import _code, state_code_of
from steward_app.services.state_code import state_code as state_code  # noqa: PLC0414
from steward_app.store import entry_log, entry_reads, exchange_log, import_records, signers
from steward_app.store.vote_store import COORDINATOR_PIN, REJUDGE, VOTE_KEY, VoteStore
from steward_app.sync import arrivals, bundle, container, files
from steward_app.sync.errors import ImportRefused, Refusal
from steward_app.sync.keys import Signer


class StateReading:
    """The state code read a part at a time, each part in its own short read.

    On the largest synthetic vote reading every id takes about a second; in parts, a count
    saved meanwhile waits for one part at most, not the whole. The parts are consistent only
    if nothing changed between them: the caller starts again after any change (the window
    does, as every change it makes is followed by new standings).
    """

    def __init__(self, part: int = 20_000) -> None:
        self.part = part
        self._sha = hashlib.sha256(exchange_log.STATE_PREFIX)
        self._after = b""
        self._count = 0

    def step(self, store: VoteStore) -> StateCode | None:
        """Read the next part; the code once the last part is read, else None."""
        with store.reading() as conn:
            ids = exchange_log.ids_after(conn, self._after, self.part)
        self._sha.update(b"".join(ids))
        self._count += len(ids)
        if len(ids) < self.part:
            return _code(self._sha.digest(), self._count)
        self._after = ids[-1]
        return None


# --- export --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ExportResult:
    data: bytes
    entries: int
    origins: int
    state: StateCode
    notes: tuple[str, ...] = ()
    path: Path | None = None


@dataclass(frozen=True)
class Gathered:
    """Everything an export needs from the database, read in one short transaction.

    Building the file from it (compressing, signing the manifest), writing, reading back and
    verifying touch no database, so the window runs them on another thread while the database
    serves the next save (`build_export`, `write_export`)."""

    vote_key: str
    vote_id: str
    title: str
    mode: str
    exporter: Signer  # the author's key on this PC: it signs the manifest
    steward: str
    pc: str
    created: str
    lines: tuple[bytes, ...]  # stored entries, by origin then seq
    checkpoints: tuple[bundle.Checkpoint, ...]
    state: StateCode
    notes: tuple[str, ...]
    database: Path  # the database's file: an export never goes beside it


def export_bytes(store: VoteStore, author: Author, *, clock: Clock = wall_clock) -> ExportResult:
    """A tally file of everything this PC holds, signed by `author`'s key on this PC."""
    return build_export(gather_export(store, author, clock=clock))


def gather_export(store: VoteStore, author: Author, *, clock: Clock = wall_clock) -> Gathered:
    """The database part of an export, in one transaction: the entry lines, this PC's
    checkpoints signed and saved, the state code and the vote's identity."""
    notes: list[str] = []
    with collector_paused(), store.transaction() as conn:  # 100,000 lines, no cycles
        vote = store.vote(conn)
        vote_key = store.vote_key(conn)
        if vote is None or vote_key is None:
            raise NoVote()
        chain = store.setup_chain(conn)
        authority = store.authority(conn)
        if chain is None or chain.current is None or authority is None:
            raise Refused(
                _(
                    "this vote's setup is not signed by the coordinator key it names, so other "
                    "PCs would refuse it: create the vote (`steward-app init`) on the "
                    "coordinator's PC, with the key shown by `steward-app keys show` there"
                )
            )
        exporter = signer_for(conn, author.steward, author.pc)
        if not authority.knows(exporter.origin):
            notes.append(
                _(
                    "your key ({origin}) is not on the coordinator's list: other PCs refuse this "
                    "file until the coordinator adds it (`steward-app keys trust`)"
                ).format(origin=fingerprint(exporter.origin))
            )
        lines = exchange_log.export_lines(conn, vote_key)
        last = {line.origin: line for line in lines}  # by origin then seq: each chain's end
        ends = {
            origin: (line.seq, hashlib.sha256(_PREFIX + line.raw).hexdigest())
            for origin, line in last.items()
        }
        checkpoints = _checkpoints(conn, vote_key, ends)
        exchange_log.save_checkpoints(
            conn,
            vote_key,
            [
                exchange_log.StoredCheckpoint(
                    c.origin, key_text(c.key), c.seq, bytes.fromhex(c.head), c.sig
                )
                for c in checkpoints.values()
            ],
        )
        kept = tuple(
            x.raw for x in lines if x.origin in checkpoints and x.seq <= checkpoints[x.origin].seq
        )
        if len(kept) < len(lines):
            notes.append(
                _(
                    "{count} entries were left out: they were made before this PC had a signing "
                    "key (or under a key it no longer has) and no PC could check them"
                ).format(count=number(len(lines) - len(kept)))
            )
        state = state_code_of(conn)
    return Gathered(
        vote_key=vote_key,
        vote_id=vote.id,
        title=vote.title,
        mode=vote.mode.value,
        exporter=exporter,
        steward=author.steward,
        pc=author.pc,
        created=clock(),
        lines=kept,
        checkpoints=tuple(checkpoints.values()),
        state=state,
        notes=tuple(notes),
        database=store.path,
    )


def build_export(g: Gathered) -> ExportResult:
    """The tally file's bytes from what the database gave (compressed, signed): no database.
    Refused, before anything is written, when other PCs would refuse the file as too large."""
    lines_bytes = sum(len(line) + 1 for line in g.lines)
    if lines_bytes > container.MAX_ENTRIES_BYTES:
        raise Refused(
            _(
                "this vote's entries are {size} MB, more than a tally file may hold ({limit} "
                "MB): other PCs would refuse the file. Nothing was written; the entries stay in "
                "this database"
            ).format(
                size=number(round(lines_bytes / 2**20)),
                limit=number(container.MAX_ENTRIES_BYTES // 2**20),
            )
        )
    data = bundle.build(
        vote=g.vote_key,
        title=g.title,
        mode=g.mode,
        exporter=g.exporter,
        steward=g.steward,
        pc=g.pc,
        created=g.created,
        lines=g.lines,
        checkpoints=g.checkpoints,
        state_code=g.state.code,
    )
    if len(data) > container.MAX_FILE_BYTES:
        raise Refused(
            _(
                "this vote's file would be {size} MB, more than a tally file may be ({limit} "
                "MB): other PCs would refuse it. Nothing was written; the entries stay in this "
                "database"
            ).format(
                size=number(round(len(data) / 2**20)),
                limit=number(container.MAX_FILE_BYTES // 2**20),
            )
        )
    return ExportResult(data, len(g.lines), len(g.checkpoints), g.state, g.notes)


_PREFIX = b"steward_app/v1/entry\0"


def _checkpoints(
    conn: Connection, vote_key: str, ends: dict[str, tuple[int, str]]
) -> dict[str, bundle.Checkpoint]:
    """A checkpoint for each origin: signed now for this PC's own, else the one relayed."""
    stored = exchange_log.checkpoints(conn, vote_key)
    own = {o.origin: o for o in exchange_log.origins(conn) if o.local and o.public_key}
    out: dict[str, bundle.Checkpoint] = {}
    for origin, (seq, head) in ends.items():
        mine = own.get(origin)
        if mine is not None:
            signer = signer_for(conn, mine.steward, mine.pc)
            if signer.origin == origin:
                out[origin] = bundle.sign_checkpoint(signer, vote_key, seq, head)
                continue
        cp = stored.get(origin)
        if cp is not None:
            out[origin] = bundle.Checkpoint(
                origin, key_bytes(cp.public_key), cp.seq, cp.head.hex(), cp.sig
            )
    return out


def export_file(
    store: VoteStore, author: Author, target: Path, *, clock: Clock = wall_clock
) -> ExportResult:
    """Export to `target`: a file name (replaced if it exists) or a folder (a new file in it,
    never replacing another). Written whole then renamed, read back and checked."""
    check_target(Path(target), store.path)  # refused before anything is read
    return write_export(gather_export(store, author, clock=clock), target)


def check_target(target: Path, database: Path) -> None:
    """Refuse a target in the database's own folder: only tally files go to shared folders."""
    if _same_folder(target, database):
        raise Refused(
            _(
                "export to another folder than the database's: the database stays on this PC and "
                "only tally files go to shared folders"
            )
        )


def write_export(gathered: Gathered, target: Path) -> ExportResult:
    """The pure part of `export_file`: build the file, write it whole, read it back and verify
    it. It touches no database, so it may run on any thread."""
    g, target = gathered, Path(target)
    check_target(target, g.database)
    result = build_export(g)
    try:
        if target.is_dir():
            stamp = "".join(ch for ch in g.created if ch.isdigit())[:14]
            name = (
                f"{files.safe_name(g.vote_id)}_{files.safe_name(g.pc, 24)}_"
                f"{files.safe_name(g.steward, 24)}_{stamp}{files.SUFFIX}"
            )
            path = files.write_atomically(target / name, result.data, replace=False)
        else:
            path = files.write_atomically(target, result.data, replace=True)
        written = files.read_whole(path)
    except OSError as exc:
        raise Refused(
            _("cannot write {target}: {why}").format(target=target, why=exc.strerror or exc)
        ) from exc
    except ImportRefused as exc:
        raise Refused(
            _("the file written to {target} cannot be read back: {exc}").format(
                target=target, exc=exc
            )
        ) from exc
    if written != result.data:
        raise Refused(
            _("the file written to {target} reads back differently: export again").format(
                target=target
            )
        )
    try:
        bundle.open_file(written, g.vote_key, g.mode)
    except ImportRefused as exc:
        raise Refused(
            _("the exported file does not verify ({exc}); export again").format(exc=exc)
        ) from exc
    return replace(result, path=path)


def _same_folder(target: Path, database: Path) -> bool:
    folder = target if target.is_dir() else target.parent
    try:
        return folder.resolve() == database.resolve().parent
    except OSError:
        return False


# --- import --------------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportReport:
    """What a file did. `new` + `superseded` + `conflicting` + `held` + `known` = its entries."""

    name: str
    outcome: str  # "imported", "joined", "nothing new", "already imported"
    state: StateCode | None  # after the import (None when already imported: nothing changed)
    exporter: str = ""
    created: str = ""
    new: int = 0  # applied and current
    known: int = 0  # already on this PC
    superseded: int = 0  # applied, but already replaced by a later entry (history only)
    conflicting: int = 0  # applied and current, in conflict with another count
    held: int = 0  # held apart (quarantine)
    released: int = 0  # entries held earlier that this file's setup or acceptance applied
    withdrawn: int = 0  # entries applied earlier that this file's setup holds apart
    coordinator: str = ""  # fingerprint, shown when joining
    changes: Changes = field(default_factory=Changes)
    notes: tuple[str, ...] = ()


def import_file(
    store: VoteStore,
    path: Path,
    *,
    hold_unknown: bool = False,
    expect_coordinator: str | None = None,
    clock: Clock = wall_clock,
    before_commit: Callable[[], None] | None = None,
) -> ImportReport:
    """Import one tally file. Raises ImportRefused (nothing changed) with the cause."""
    data = read_import(path)
    return import_bytes(
        store,
        data,
        name=files.shown_name(path),  # printed, logged and stored: always valid text
        hold_unknown=hold_unknown,
        expect_coordinator=expect_coordinator,
        clock=clock,
        before_commit=before_commit,
    )


def read_import(path: Path) -> bytes:
    """The bytes of a file to import (needs no database: any thread). Raises ImportRefused
    for a partial file, or one that cannot be read or is too large."""
    if files.is_partial(path):
        raise ImportRefused(
            Refusal.INCOMPLETE,
            _("{path} is a file still being written (partial).").format(
                path=files.shown_name(path)
            ),
        )
    return files.read_whole(path)


def import_bytes(
    store: VoteStore,
    data: bytes,
    *,
    name: str = "file",
    hold_unknown: bool = False,
    expect_coordinator: str | None = None,
    clock: Clock = wall_clock,
    before_commit: Callable[[], None] | None = None,
) -> ImportReport:
    """Import a tally file's bytes: check everything, then write in one transaction."""
    name = files.shown_text(name)  # a file name that is not UTF-8: printed, logged, stored
    file_hash = hashlib.sha256(data).digest()
    with store.reading() as conn:
        vote_key = store.vote_key(conn)
        if vote_key is not None:
            seen = import_records.imported(conn, vote_key, file_hash)
            if seen is not None:
                return ImportReport(
                    name,
                    "already imported",
                    None,
                    fingerprint(seen.exporter),
                    known=seen.new + seen.known + seen.held,
                    notes=(f"the same file as {seen.name}, imported {seen.imported_at}",),
                )
        vote = store.vote(conn)
    with collector_paused():  # an import makes many small objects and no cycles
        opened = bundle.open_file(data, vote_key, vote.mode.value if vote else None)
        from steward_app.services.backups import before_import

        before_import(store, name)  # a file that checks out: back the database up first
        with store.bulk_transaction() as conn:
            if store.vote_key(conn) != vote_key:  # another window joined meanwhile: again
                store.forget_vote()
                return import_bytes(
                    store,
                    data,
                    name=name,
                    hold_unknown=hold_unknown,
                    expect_coordinator=expect_coordinator,
                    clock=clock,
                    before_commit=before_commit,
                )
            report = _Import(store, conn, opened, name, clock()).run(
                hold_unknown, expect_coordinator, file_hash
            )
            if before_commit is not None:
                before_commit()
    if report.changes.vote or report.released or report.withdrawn:
        store.forget_vote()
    return report


CHUNK = 4000  # entries judged and written at a time: some 10 MB of them in memory


@dataclass
class _Written:
    """What an import wrote, part after part."""

    applied: int = 0
    held: int = 0
    held_ids: bytearray = field(default_factory=bytearray)  # 32 bytes each, in order
    moved: set[tuple[str, str]] = field(default_factory=set)  # (key kind, unit) applied


class _Import:
    """One import inside its transaction: checks that need the database, then the writes."""

    def __init__(
        self, store: VoteStore, conn: Connection, opened: bundle.Opened, name: str, now: str
    ) -> None:
        self.store = store
        self.conn = conn
        self.opened = opened
        self.manifest = opened.manifest
        self.vote_key = opened.manifest.vote
        self.name = name
        self.now = now
        self.joining = store.vote_key(conn) is None

    def run(
        self, hold_unknown: bool, expect_coordinator: str | None, file_hash: bytes
    ) -> ImportReport:
        conn, m = self.conn, self.manifest
        before = None if self.joining else self.store.authority(conn)
        exporter = signer_text(
            before.vote if before else None,
            before.coordinator if before else None,
            m.exporter.steward,
            m.exporter.pc,
            m.exporter.origin,
        )
        heads = [bytes.fromhex(c.head) for c in m.checkpoints.values()]
        if before is not None and exchange_log.holds_all(conn, self.vote_key, heads):
            self._check_exporter(before, hold_unknown)
            self._log(file_hash, 0, self.opened.count, 0)
            return ImportReport(
                self.name,
                "nothing new",
                state_code_of(conn),
                exporter,
                m.created,
                known=self.opened.count,
            )
        incoming = arrivals.new_entries(self.opened, self._known_lines, self._chain_ends)
        held_setups = [
            parse_entry(r.raw)
            for r in exchange_log.held_rows(conn, self.vote_key)
            if r.type == EntryType.SETUP.value
        ]
        applied_setups = entry_reads.entries_of_type(conn, EntryType.SETUP)
        setup = EntryType.SETUP
        new_setups = [e for e in incoming.special if e.type is setup]
        pinned = expect_coordinator if self.joining else self.store.pinned(conn)
        chain = resolve_setups(self.vote_key, [*applied_setups, *held_setups, *new_setups], pinned)
        if chain.vote is None or chain.coordinator is None:
            why = sorted({h.detail for h in chain.held.values()})
            raise ImportRefused(
                Refusal.NO_SETUP,
                _(
                    "The file holds no setup of its vote signed by that vote's coordinator ({why})."
                ).format(why="; ".join(why[:2]))
                if why
                else _("The file holds no setup of its vote signed by that vote's coordinator."),
            )
        if expect_coordinator is not None and chain.coordinator != expect_coordinator:
            raise ImportRefused(
                Refusal.WRONG_COORDINATOR,
                _(
                    "The vote's setup is signed by {coordinator}, not by the coordinator you "
                    "named ({expect_coordinator})."
                ).format(
                    coordinator=fingerprint(chain.coordinator),
                    expect_coordinator=fingerprint(expect_coordinator),
                ),
            )
        accepted = accepted_ids(
            chain.coordinator,
            [*entry_reads.entries_of_type(conn, EntryType.ENTRIES_ACCEPTED), *incoming.special],
        )
        authority = Authority(chain.vote, chain.coordinator, accepted)
        self._check_exporter(authority, hold_unknown)
        if self.joining:
            entry_log.set_setting(conn, VOTE_KEY, self.vote_key)
            if chain.vote.roster.coordinator_origin is None:  # a vote made before version 0004
                entry_log.set_setting(conn, COORDINATOR_PIN, chain.coordinator)
        self._add_origins(incoming)
        first_row = entry_log.next_row(conn)
        written = self._write(incoming, Judge(chain, authority), first_row)
        exchange_log.forget_lines(conn)
        superseded, conflicting = (
            entry_log.arrival_counts_from(conn, first_row) if written.applied else (0, 0)
        )
        before_cps = exchange_log.checkpoints(conn, self.vote_key)
        exchange_log.save_checkpoints(
            conn,
            self.vote_key,
            [
                exchange_log.StoredCheckpoint(
                    c.origin, key_text(c.key), c.seq, bytes.fromhex(c.head), c.sig
                )
                for c in incoming.checkpoints.values()
            ],
        )
        import_records.record_import(  # what undoing this import takes out and puts back
            conn,
            file_hash,
            first_row,
            written.held_ids,
            [
                (origin, before_cps.get(origin))
                for origin, c in incoming.checkpoints.items()
                if origin not in before_cps or c.seq > before_cps[origin].seq
            ],
        )
        changed_authority = before is None or (
            before.vote.setup_hash,
            before.coordinator,
            before.accepted,
        ) != (chain.vote.setup_hash, chain.coordinator, accepted)
        released: list[Entry] = []
        withdrawn: list[Entry] = []
        # entries held for replacing one this PC did not hold: the file may have brought it
        awaiting = signers.awaiting_targets(conn, self.vote_key)
        # a database upgraded to schema 0004 holds entries judged by the older rules: the
        # first import judges them all again, as every PC that receives them does
        upgraded = entry_log.get_setting(conn, REJUDGE) is not None
        if (changed_authority or awaiting or upgraded) and not self.joining:
            released, withdrawn = reconcile(
                conn, self.vote_key, chain, authority, self.now, self.name
            )
            conn.exec_driver_sql("DELETE FROM settings WHERE name = ?", (REJUDGE,))
        moved = written.moved | {(e.key.kind, e.key.unit) for e in (*released, *withdrawn)}
        units = {unit for kind, unit in moved if kind == KeyKind.COUNT.value}
        declared = any(kind == KeyKind.DECLARED.value for kind, _ in moved)
        held_n = written.held
        self._log(file_hash, written.applied, incoming.known, held_n)
        notes = []
        if chain.concurrent > 1:
            notes.append(
                _("two setup changes were made without seeing each other; check the setup")
            )
        if not authority.knows(m.exporter.origin):
            notes.append(
                _("the exporter's key is not listed: its {count} entries are held").format(
                    count=number(held_n)
                )
            )
        notes.extend(fork_note(f) for f in incoming.forked)
        return ImportReport(
            self.name,
            "joined" if self.joining else "imported",
            state_code_of(conn),
            signer_text(
                chain.vote, chain.coordinator, m.exporter.steward, m.exporter.pc, m.exporter.origin
            ),
            m.created,
            new=written.applied - superseded - conflicting,
            known=incoming.known,
            superseded=superseded,
            conflicting=conflicting,
            held=held_n,
            released=len(released),
            withdrawn=len(withdrawn),
            coordinator=fingerprint(chain.coordinator),
            changes=Changes(
                vote=changed_authority,
                units=frozenset(units),
                declared=declared,
            ),
            notes=tuple(notes),
        )

    def _check_exporter(self, authority: Authority, hold_unknown: bool) -> None:
        ex = self.manifest.exporter
        if not authority.knows(ex.origin) and not hold_unknown:
            raise ImportRefused(
                Refusal.UNKNOWN_SIGNER,
                _(
                    "The file is signed by a key this vote does not list ({origin}, {steward} on "
                    "{pc})."
                ).format(origin=fingerprint(ex.origin), steward=ex.steward, pc=ex.pc),
            )

    def _add_origins(self, incoming: arrivals.Incoming) -> None:
        for origin, (steward, pc) in incoming.firsts.items():
            cp = incoming.checkpoints[origin]
            entry_log.add_origin(self.conn, origin, steward, pc, False, key_text(cp.key))

    def _known_lines(self, ids: bytes) -> tuple[list[int], int]:
        if exchange_log.holds_nothing(self.conn, self.vote_key):  # a PC joining
            return [], 0
        exchange_log.index_lines(self.conn, ids)
        return exchange_log.known_lines(self.conn, self.vote_key)

    def _chain_ends(self, origins: Iterable[str]) -> Mapping[str, tuple[int, str]]:
        return exchange_log.chain_ends(self.conn, self.vote_key, origins)

    def _write(self, incoming: arrivals.Incoming, judge: Judge, first: int) -> _Written:
        """Judge the new entries and store them, a part at a time: the ones that apply
        appended (from row `first` on), the others held apart; the slots refreshed once at
        the end."""
        conn, out = self.conn, _Written()
        count_keys: set[int] = set()
        # the keys numbered as one append of every entry numbers them (in sorted order)
        keys_before, key_ids = entry_log.add_keys(conn, incoming.keys)
        for part in incoming.chunks(CHUNK):
            apply, hold = judge.judge(part, self._targets(part, incoming))
            count_keys |= entry_log.append_part(conn, apply, key_ids)[1]
            exchange_log.add_held(
                conn, self.vote_key, [held_row(e, w, self.now, self.name) for e, w in hold]
            )
            out.held_ids += b"".join([bytes.fromhex(e.id) for e, _ in hold])
            out.applied += len(apply)
            out.held += len(hold)
            out.moved.update((e.key.kind, e.key.unit) for e in apply)
        moved = entry_log.drop_unused_keys(conn, keys_before)
        count_keys = {moved.get(k, k) for k in count_keys}
        if out.applied:
            entry_log.refresh_appended(conn, first, count_keys)
        return out

    def _targets(self, part: list[Entry], incoming: arrivals.Incoming) -> dict[str, str]:
        """The signer's origin of each entry these entries replace, where the file brings it
        or this PC holds it (applied or held). An id is its entry's hash, so wherever it is
        found it names the same signer: first among these entries, then in the file, then
        among the entries stored here."""
        wanted = {t for e in part for t in e.supersedes}
        if not wanted:
            return {}
        out = {e.id: e.origin for e in part if e.id in wanted}
        rest = wanted.difference(out)
        if rest:
            out.update(incoming.origins_of(rest))
            rest.difference_update(out)
        if rest:  # an entry this PC holds, or none it or the file holds
            out.update(signers.origins_of(self.conn, rest))
        return out

    def _log(self, file_hash: bytes, new: int, known: int, held: int) -> None:
        import_records.log_import(
            self.conn,
            self.vote_key,
            file_hash,
            import_records.ImportLogRow(
                self.name, self.now, self.manifest.exporter.origin, new, known, held
            ),
        )
