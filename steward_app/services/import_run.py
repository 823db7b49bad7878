"""One import of a tally file inside its transaction (services.exchange.import_bytes opens
it): the checks that need the database, then the new entries judged and written a part at a
time, held apart where they do not apply, and what the file did (`ImportReport`).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from sqlalchemy import Connection

from steward_app.domain.authority import Authority, resolve_setups
from steward_app.domain.entries import Entry, EntryType, KeyKind, parse_entry
from steward_app.domain.identity import fingerprint, key_text
from steward_app.domain.language import _, ngettext, number
from steward_app.services.changes import Changes
from steward_app.services.import_judge import Judge, fork_note
from steward_app.services.import_outcome import ImportOutcome
from steward_app.services.merge import accepted_ids, held_row, reconcile
from steward_app.services.overrides import signer_text
from steward_app.services.state_code import StateCode, state_code_of
from steward_app.store import entry_log, entry_reads, exchange_log, import_records, signers
from steward_app.store.vote_store import COORDINATOR_PIN, REJUDGE, VOTE_KEY, VoteStore
from steward_app.sync import arrivals, bundle
from steward_app.sync.errors import ImportRefused, Refusal


@dataclass(frozen=True)
class ImportReport:
    """What a file did. `new` + `superseded` + `conflicting` + `held` + `known` = its entries."""

    name: str
    outcome: ImportOutcome
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


CHUNK = 4000  # entries judged and written at a time: some 10 MB of them in memory


@dataclass
class _Written:
    """What an import wrote, part after part."""

    applied: int = 0
    held: int = 0
    held_ids: bytearray = field(default_factory=bytearray)  # 32 bytes each, in order
    moved: set[tuple[str, str]] = field(default_factory=set)  # (key kind, unit) applied


class ImportRun:
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
                ImportOutcome.NOTHING_NEW,
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
            entry_log.clear_setting(conn, REJUDGE)
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
                ngettext(
                    "the exporter's key is not listed: its {count} entry is held",
                    "the exporter's key is not listed: its {count} entries are held",
                    held_n,
                ).format(count=number(held_n))
            )
        notes.extend(fork_note(f) for f in incoming.forked)
        return ImportReport(
            self.name,
            ImportOutcome.JOINED if self.joining else ImportOutcome.IMPORTED,
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
