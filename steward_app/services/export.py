"""Export everything this PC holds to a tally file (callers reach it through services.exchange).

An export reads the database in one short transaction (`gather_export`); compressing,
signing, writing and checking the file (`write_export`) need no database, so the window does
them on another thread while the database serves the next save.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, replace
from pathlib import Path

from sqlalchemy import Connection

from steward_app.domain.identity import fingerprint, key_bytes, key_text
from steward_app.domain.language import _, ngettext, number
from steward_app.services.authors import Author, Clock, wall_clock
from steward_app.services.collector import collector_paused
from steward_app.services.errors import NoVote, Refused
from steward_app.services.identity import signer_for
from steward_app.services.state_code import StateCode, state_code_of
from steward_app.store import exchange_log
from steward_app.store.vote_store import VoteStore
from steward_app.sync import bundle, container, files
from steward_app.sync.errors import ImportRefused
from steward_app.sync.keys import Signer


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
            left_out = len(lines) - len(kept)
            notes.append(
                ngettext(
                    "{count} entry was left out: it was made before this PC had a signing "
                    "key (or under a key it no longer has) and no PC could check it",
                    "{count} entries were left out: they were made before this PC had a signing "
                    "key (or under a key it no longer has) and no PC could check them",
                    left_out,
                ).format(count=number(left_out))
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
