"""Simulated stewards' PCs for the file exchange tests: each a real database file."""

from __future__ import annotations

import contextlib
import hashlib
import shutil
from pathlib import Path

from steward_app.domain.counts import SlotKey, UnitReport
from steward_app.domain.entries import Entry
from steward_app.services import exchange
from steward_app.services.authors import Author
from steward_app.services.counting import Recorded, record_count
from steward_app.services.errors import Refused
from steward_app.services.roster import my_key
from steward_app.services.undo import redo_entry, undo_entry
from steward_app.services.vote_setup import create_vote
from steward_app.store import entry_reads
from steward_app.store.vote_store import VoteStore
from tests.conftest import ticking_clock
from tests.small_vote import SETUP, SLOTS, setup_text  # noqa: F401  (used by the sync tests)


class PC:
    """A steward's PC: its own database file (copied from an empty template) and author."""

    def __init__(self, folder: Path, name: str, template: Path | None = None) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.name = name
        self.path = folder / f"{name}.sqlite"
        if template is not None:
            shutil.copy(template, self.path)
        self.store = VoteStore(self.path)
        self.author = Author(f"steward {name}", f"PC {name}")
        self.clock = ticking_clock()

    def close(self) -> None:
        self.store.close()

    def key(self) -> str:
        return my_key(self.store, self.author).public_key

    def create(self, text: str) -> None:
        create_vote(self.store, text, self.author, clock=self.clock)

    def export(self) -> bytes:
        return exchange.export_bytes(self.store, self.author, clock=self.clock).data

    def take(self, data: bytes, name: str = "results.tally", **kw: object) -> exchange.ImportReport:
        return exchange.import_bytes(self.store, data, name=name, clock=self.clock, **kw)  # type: ignore[arg-type]

    def record(
        self, slot: SlotKey, yes: int, no: int, *, correct: bool = False, final: bool = False
    ) -> Recorded | None:
        with contextlib.suppress(Refused):
            return record_count(
                self.store,
                self.author,
                slot,
                {"yes": yes, "no": no},
                final=final,
                correct=correct,
                reason="recount" if correct else None,
                confirm_warnings=True,
                clock=self.clock,
            )
        return None

    def undo(self, entry_id: str) -> Recorded | None:
        """Undo one of this PC's counts (None when refused: replaced since, already undone)."""
        with contextlib.suppress(Refused):
            return undo_entry(self.store, self.author, entry_id, clock=self.clock)
        return None

    def redo(self, entry_id: str, redone: dict[str, str]) -> Recorded | None:
        with contextlib.suppress(Refused):
            return redo_entry(self.store, self.author, entry_id, redone=redone, clock=self.clock)
        return None

    def join(self, others: list[PC]) -> None:
        """The other PCs join this PC's vote from one file of it."""
        opening = self.export()
        for pc in others:
            pc.take(opening)

    def state(self) -> exchange.StateCode:
        return exchange.state_code(self.store)

    def entries(self) -> list[Entry]:
        with self.store.reading() as conn:
            return entry_reads.all_entries(conn)

    def reports(self) -> dict[tuple[str, str], UnitReport]:
        self.store.forget_vote()
        vote = self.store.vote()
        assert vote is not None
        with self.store.reading() as conn:
            return entry_reads.unit_reports(conn, vote)

    def content(self) -> str:
        """A hash of the synced and derived tables, to compare two PCs' data."""
        digest = hashlib.sha256()
        with self.store.reading() as conn:
            for sql in (
                "SELECT hash, raw FROM entries ORDER BY hash",
                "SELECT s.target, e.hash FROM supersessions s JOIN entries e "
                "ON e.id = s.by_entry ORDER BY 1, 2",
                "SELECT k.question, k.unit, k.part, s.status, s.heads, s.yes, s.no, s.void, "
                "s.challenged, s.eligible, s.final FROM slots s JOIN entry_keys k "
                "ON k.id = s.key_id ORDER BY 1, 2, 3",
            ):
                for row in conn.exec_driver_sql(sql):
                    digest.update(repr(tuple(row)).encode())
        return digest.hexdigest()

    def files_bytes(self) -> bytes:
        """The database file and its write-ahead log, byte for byte."""
        wal = self.path.with_name(self.path.name + "-wal")
        return self.path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
