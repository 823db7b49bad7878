"""The import history, and undoing one import.

Undo takes out the entries one imported file brought (applied and held) and forgets the file,
so the same file imports again later. It is refused, changing nothing, when anything here
builds on those entries: an entry that supersedes or accepts one of them, or a later entry of
the same steward's chain (it came in a later import: undo that one first). Entries the file
held that were already here stay: they were known before. Imports made before schema 0003 kept
no record of their entries and cannot be undone.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from steward_app.domain.entries import Entry, EntryType, parse_entry
from steward_app.domain.identity import fingerprint
from steward_app.domain.language import _, number
from steward_app.services.authors import Clock, wall_clock
from steward_app.services.changes import Changes
from steward_app.services.errors import NoVote, Refused
from steward_app.services.merge import reconcile
from steward_app.store import entry_reads, exchange_log, import_records
from steward_app.store.import_records import ImportRecord
from steward_app.store.vote_store import VoteStore


@dataclass(frozen=True)
class ImportLine:
    """One imported file, for the history (CLI and window)."""

    id: str  # the file's sha256 in hex: its first characters name it for undo
    name: str
    imported_at: str
    sender: str  # "steward on PC (fingerprint)"
    new: int
    known: int
    held: int
    why_not: str  # why it cannot be undone ("" when it can)

    @property
    def undoable(self) -> bool:
        return not self.why_not


def import_history(store: VoteStore) -> list[ImportLine]:
    """The files imported into this vote, newest first."""
    with store.reading() as conn:
        vote_key = store.vote_key(conn)
        if vote_key is None:
            raise NoVote()
        records = import_records.import_records(conn, vote_key)
    return [_line(r) for r in records]


def _line(r: ImportRecord) -> ImportLine:
    who = f"{r.steward} on {r.pc} ({fingerprint(r.exporter)})" if r.steward else ""
    return ImportLine(
        r.file_hash.hex(),
        r.name,
        r.imported_at,
        who or fingerprint(r.exporter),
        r.new,
        r.known,
        r.held,
        _why_not(r),
    )


def _why_not(r: ImportRecord) -> str:
    if r.joined:
        return _("this PC joined the vote from it")
    if not (r.new or r.held):
        return _("it brought nothing new")
    if not r.recorded:
        return _("imported before this version kept a record")
    return ""


@dataclass(frozen=True)
class Undone:
    name: str
    removed: int  # applied entries taken out
    held: int  # held entries taken out
    changes: Changes


def undo_import(store: VoteStore, ident: str, *, clock: Clock = wall_clock) -> Undone:
    """Undo one import (`ident`: the first characters of its id). Raises Refused, changing
    nothing, when it cannot be undone, saying why and what to do."""
    with store.transaction() as conn:
        vote_key = store.vote_key(conn)
        if vote_key is None:
            raise NoVote()
        record = _find(import_records.import_records(conn, vote_key), ident)
        hashes = import_records.brought_by(conn, record.file_hash)
        _check_undoable(record, hashes)
        brought, held_here = _entries(conn, vote_key, hashes)
        _check_dependents(conn, vote_key, record, brought)
        changes = _take_out(store, conn, vote_key, record, brought, hashes, clock())
    store.forget_vote()
    applied = sum(1 for h in hashes if h not in held_here)
    return Undone(record.name, applied, len(hashes) - applied, changes)


def _find(records: list[ImportRecord], ident: str) -> ImportRecord:
    wanted = ident.strip().lower()
    found = [r for r in records if wanted and r.file_hash.hex().startswith(wanted)]
    if len(found) != 1:
        ids = ", ".join(f"{r.file_hash.hex()[:8]} ({r.name})" for r in records[:5]) or "none"
        raise Refused(
            _(
                '"{ident}" names {count} of the imported files; give the first characters of one '
                "id (`steward-app imports` lists them; latest: {ids})"
            ).format(ident=ident, count=len(found), ids=ids)
        )
    return found[0]


def _check_undoable(record: ImportRecord, hashes: list[bytes]) -> None:
    if hashes:
        return
    if record.new or record.held:
        raise Refused(
            _(
                "{name} was imported before this version kept a record of what each import "
                "brought, so it cannot be undone; its entries stay. Correct a wrong count with a "
                "correction instead"
            ).format(name=record.name)
        )
    raise Refused(
        _(
            "{name} brought nothing new: its {known} entries were already on this PC before, so "
            "undoing it would take nothing out; they stay"
        ).format(name=record.name, known=number(record.known))
    )


def _entries(
    conn: Connection, vote_key: str, hashes: list[bytes]
) -> tuple[dict[str, Entry], set[bytes]]:
    """The entries an import brought, by id, wherever they are now (applied or held), and
    which of them are held."""
    wanted = set(hashes)
    raws = exchange_log.raw_of(conn, hashes)
    held = {r.hash: r.raw for r in exchange_log.held_rows(conn, vote_key) if r.hash in wanted}
    brought = {h.hex(): parse_entry(raw) for h, raw in {**raws, **held}.items()}
    return brought, set(held)


def _check_dependents(
    conn: Connection, vote_key: str, record: ImportRecord, brought: dict[str, Entry]
) -> None:
    if any(e.type is EntryType.SETUP and not e.supersedes for e in brought.values()):
        raise Refused(
            _(
                "{name} is the file this PC joined the vote from: undoing it would remove the "
                "vote itself. To start again, open a new database and import another file"
            ).format(name=record.name)
        )
    dependents = _dependents(conn, vote_key, brought)
    if not dependents:
        return
    later = import_records.import_of(conn, [bytes.fromhex(i) for i in dependents])
    names = {r.file_hash: r for r in import_records.import_records(conn, vote_key)}
    imports = sorted({later[h] for h in later if later[h] != record.file_hash})
    if imports:
        listed = "; ".join(
            f"{names[f].name} ({f.hex()[:8]}, imported {names[f].imported_at})" for f in imports
        )
        raise Refused(
            _(
                "later entries build on what {name} brought: undo the later import first: {listed}"
            ).format(name=record.name, listed=listed)
        )
    local = [dependents[i] for i in dependents if bytes.fromhex(i) not in later]
    what = ", ".join(sorted({_describe(e) for e in local})[:3])
    raise Refused(
        _(
            "entries recorded on this PC build on what {name} brought ({what}), so it cannot be "
            "undone; correct a wrong count with a correction instead"
        ).format(name=record.name, what=what)
    )


def _describe(e: Entry) -> str:
    if e.type.is_count:
        where = e.key.unit + (f"/{e.key.part}" if e.key.part else "")
        return _("{kind} of {where} by {steward}").format(
            kind=e.type.value, where=where, steward=e.steward
        )
    return _("{kind} by {steward}").format(kind=e.type.value, steward=e.steward)


def _dependents(conn: Connection, vote_key: str, brought: dict[str, Entry]) -> dict[str, Entry]:
    """Entries not brought by the import that supersede, accept or follow (same origin, later
    seq) one it brought, applied or held."""
    candidates: dict[str, Entry] = {}

    def add(raw: bytes) -> None:
        e = parse_entry(raw)
        candidates[e.id] = e

    for row in exchange_log.held_rows(conn, vote_key):
        add(row.raw)
    last: dict[str, int] = {}
    for e in brought.values():
        last[e.origin] = max(e.seq, last.get(e.origin, 0))
    for origin, seq in last.items():
        for raw in entry_reads.raw_after(conn, origin, seq):
            add(raw)
    for raw in import_records.superseding(conn, [bytes.fromhex(i) for i in brought]):
        add(raw)
    for e in entry_reads.entries_of_type(conn, EntryType.ENTRIES_ACCEPTED):
        candidates[e.id] = e
    ids = set(brought)
    return {
        i: e
        for i, e in candidates.items()
        if i not in ids
        and (
            bool(ids.intersection(e.supersedes))
            or e.seq > last.get(e.origin, e.seq)
            or (
                e.type is EntryType.ENTRIES_ACCEPTED
                and bool(ids.intersection(str(t) for t in e.body["entries"]))
            )
        )
    }


def _take_out(
    store: VoteStore,
    conn: Connection,
    vote_key: str,
    record: ImportRecord,
    brought: dict[str, Entry],
    hashes: list[bytes],
    now: str,
) -> Changes:
    """Remove the entries, put the checkpoints back, re-judge held entries if a setup or an
    acceptance left, forget the file."""
    import_records.remove_entries(conn, hashes)
    import_records.put_back_checkpoints(
        conn, vote_key, import_records.replaced_checkpoints(conn, record.file_hash)
    )
    authority_changed = any(
        e.type in (EntryType.SETUP, EntryType.ENTRIES_ACCEPTED) for e in brought.values()
    )
    moved = list(brought.values())
    if authority_changed:
        store.forget_vote()
        chain = store.setup_chain(conn)
        authority = store.authority(conn)
        assert chain is not None and authority is not None
        released, withdrawn = reconcile(
            conn, vote_key, chain, authority, now, f"undoing {record.name}"
        )
        moved += [*released, *withdrawn]
    import_records.forget_import(conn, vote_key, record.file_hash)
    import_records.drop_unused_origins(conn, {e.origin for e in brought.values()})
    return Changes(
        vote=authority_changed,
        units=frozenset(e.key.unit for e in moved if e.type.is_count),
        declared=any(e.type is EntryType.OUTCOME_DECLARED for e in moved),
    )
