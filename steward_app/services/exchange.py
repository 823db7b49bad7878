"""Exchange results through files: export everything this PC holds, import what others hold.

Merging is the union of entries, so importing the same file twice, or files in any order,
gives the same entries everywhere. An import checks the whole file first (sync.bundle), then
writes in one transaction: the new entries each PC's setup lets their key sign are applied,
the others held apart (quarantine) with the reason. A refused file changes nothing.
docs/sync-format.md describes the file and every check.

The export is services/export.py, the import's work inside its transaction
services/import_run.py; the names callers use are importable from here.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from steward_app.domain.identity import fingerprint
from steward_app.domain.language import _
from steward_app.services.authors import Clock, wall_clock
from steward_app.services.collector import collector_paused
from steward_app.services.export import ExportResult as ExportResult  # noqa: PLC0414
from steward_app.services.export import Gathered as Gathered  # noqa: PLC0414
from steward_app.services.export import export_bytes as export_bytes  # noqa: PLC0414
from steward_app.services.export import export_file as export_file  # noqa: PLC0414
from steward_app.services.export import gather_export as gather_export  # noqa: PLC0414
from steward_app.services.export import write_export as write_export  # noqa: PLC0414
from steward_app.services.import_outcome import ImportOutcome
from steward_app.services.import_run import ImportReport as ImportReport  # noqa: PLC0414
from steward_app.services.import_run import ImportRun
from steward_app.services.state_code import StateCode as StateCode  # noqa: PLC0414
from steward_app.services.state_code import _code
from steward_app.services.state_code import state_code as state_code  # noqa: PLC0414
from steward_app.store import exchange_log, import_records
from steward_app.store.vote_store import VoteStore
from steward_app.sync import bundle, files
from steward_app.sync.errors import ImportRefused, Refusal


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


# --- import --------------------------------------------------------------------------------


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
                    ImportOutcome.ALREADY_IMPORTED,
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
            report = ImportRun(store, conn, opened, name, clock()).run(
                hold_unknown, expect_coordinator, file_hash
            )
            if before_commit is not None:
                before_commit()
    if report.changes.vote or report.released or report.withdrawn:
        store.forget_vote()
    return report
