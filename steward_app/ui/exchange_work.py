"""File exchange work for the database lane, and its results in plain words for the window.

Every function here runs on the lane (it reads files and the database) and returns plain
Python objects; the widgets only show them. An export's file is written off the lane: only
its database part is here (`gather_export`). The exchange services (and with them signing,
cryptography) are imported when first used, after the window is up: the window's cold start
does not wait for them (bench/bench_window.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from steward_app.domain.standings import Standings
from steward_app.services.changes import Changes
from steward_app.services.errors import NoVote
from steward_app.services.import_outcome import ImportOutcome
from steward_app.ui.window_language import tr

if TYPE_CHECKING:
    from steward_app.services import exchange
    from steward_app.services.authors import Author
    from steward_app.ui.session import Session

STATE_TIP: str = QT_TRANSLATE_NOOP(  # type: ignore[assignment]
    "exchange_work",
    "The state code of what this PC holds. Equal codes on two PCs mean identical data: the "
    "same counts and the same standings. Read them aloud at the end of the night.",
)


@dataclass(frozen=True)
class Arrival:
    """What one file did, in words."""

    name: str
    text: str
    refused: bool = False
    changed: bool = False  # it brought something (the views and the shared folder follow)
    again: bool = False  # not settled (no backup could be made first): worth another try


@dataclass(frozen=True)
class Imported:
    arrivals: tuple[Arrival, ...]
    standings: Standings | None  # after the imports (None: still no vote)
    changed: bool


@dataclass(frozen=True)
class Status:
    """The status bar's exchange part: the state code and how many conflicts wait."""

    state: exchange.StateCode | None  # None: no vote yet
    conflicts: int


def report_text(r: exchange.ImportReport) -> str:
    """An import's outcome as a steward reads it (numbers as the window's language writes
    them: %Ln)."""
    if r.outcome == ImportOutcome.ALREADY_IMPORTED:
        return QCoreApplication.translate(
            "exchange_work", "already imported before; nothing changed. "
        ) + " ".join(r.notes)
    if r.outcome == ImportOutcome.NOTHING_NEW:
        return tr("nothing new from {pc}: %Ln entry(s) already here", None, r.known).format(
            pc=r.exporter
        )
    counts = [
        tr("%Ln new", None, r.new),
        tr("%Ln already here", None, r.known),
        tr("%Ln superseded (history only)", None, r.superseded),
        tr("%Ln in conflict", None, r.conflicting),
        tr("%Ln held apart", None, r.held),
    ]
    if r.released or r.withdrawn:
        counts.append(
            tr("%Ln held entry(s) now counted", None, r.released)
            + ", "
            + tr("%Ln now held apart", None, r.withdrawn)
        )
    text = ", ".join(counts)
    if r.outcome == ImportOutcome.JOINED:
        text = QCoreApplication.translate(
            "exchange_work",
            "joined the vote from {pc}. Coordinator's key {key}: compare it with the "
            "coordinator's printed sheet. {counts}",
        ).format(pc=r.exporter, key=r.coordinator, counts=text)
    else:
        text = QCoreApplication.translate("exchange_work", "from {pc}: {counts}").format(
            pc=r.exporter, counts=text
        )
    return " ".join([text + ".", *(n[:1].upper() + n[1:] + "." for n in r.notes)])


class ImportCancelled(Exception):
    """The steward cancelled: raised before the commit, so the file's transaction rolls back."""


def cancelled_words() -> str:
    return QCoreApplication.translate(
        "exchange_work", "not imported: cancelled, nothing from it was written"
    )


def import_paths(
    session: Session, paths: Iterable[Path], cancelled: Callable[[], bool] = lambda: False
) -> Imported:
    """Import each file (a refusal stops only that file), then refresh the standings once.

    `cancelled` is asked before each file and again just before its commit: a cancelled file
    leaves nothing behind, and the files already imported stay imported."""
    from steward_app.services import exchange

    store = session.store
    return import_each(
        session,
        ((p.name, partial(exchange.import_file, store, p)) for p in paths),
        cancelled,
    )


Importer = Callable[..., "exchange.ImportReport"]  # called with before_commit=


def import_each(
    session: Session,
    imports: Iterable[tuple[str, Importer]],
    cancelled: Callable[[], bool] = lambda: False,
) -> Imported:
    """Run each (name, import) in turn: a refused file, or one whose backup cannot be made
    first (a StoreError: a full disk, the backups folder held), stops only that file."""
    arrivals: list[Arrival] = []
    changes = Changes()
    for name, run in imports:
        arrival, brought = import_one(name, run, cancelled)
        arrivals.append(arrival)
        changes = changes | brought
    return refreshed(session, arrivals, changes)


def import_one(
    name: str, run: Importer, cancelled: Callable[[], bool] = lambda: False
) -> tuple[Arrival, Changes]:
    """One file's import, on the lane: what it did in words, and what it changed."""
    from steward_app.store.errors import StoreError
    from steward_app.sync.errors import ImportRefused

    def check() -> None:
        if cancelled():
            raise ImportCancelled()

    try:
        check()
        r = run(before_commit=check)
    except ImportCancelled:
        return Arrival(name, cancelled_words()), Changes()
    except ImportRefused as exc:
        text = QCoreApplication.translate("exchange_work", "refused ({code}): {error}").format(
            code=exc.code.value, error=exc
        )
        return Arrival(name, text, True), Changes()
    except StoreError as exc:
        text = QCoreApplication.translate(
            "exchange_work", "not imported yet, nothing from it was written: {error}"
        ).format(error=exc)
        return Arrival(name, text, refused=True, again=True), Changes()
    changed = r.outcome in (ImportOutcome.IMPORTED, ImportOutcome.JOINED)
    return Arrival(name, report_text(r), changed=changed), r.changes


def refreshed(session: Session, arrivals: list[Arrival], changes: Changes) -> Imported:
    """The imports' outcome with the standings refreshed once for all of them."""
    changed = any(a.changed for a in arrivals)
    if changed and (changes.vote or session.cache.standings is None):
        standings = session.cache.refresh_all()
    elif changed:
        standings = session.cache.refresh(changes)
    else:
        standings = session.cache.standings
    return Imported(tuple(arrivals), standings, changed)


@dataclass(frozen=True)
class ReadFile:
    """A file chosen or dropped for import, read off the database lane (a share that stops
    answering holds the write lane's thread, not the saves): its bytes, or why not."""

    name: str
    data: bytes | None = None
    refusal: Exception | None = None  # ImportRefused: the import reports it


def read_for_import(path: Path, cancelled: Callable[[], bool] = lambda: False) -> ReadFile:
    """On the write lane's thread: the file's bytes (nothing read once cancelled)."""
    from steward_app.services import exchange
    from steward_app.sync.errors import ImportRefused

    if cancelled():
        return ReadFile(path.name)  # its import reports it cancelled
    try:
        return ReadFile(path.name, exchange.read_import(path))
    except ImportRefused as exc:
        return ReadFile(path.name, refusal=exc)


def import_read(
    session: Session, read: ReadFile, cancelled: Callable[[], bool] = lambda: False
) -> tuple[Arrival, Changes]:
    """On the lane: import a file read by read_for_import."""
    from steward_app.services import exchange

    def run(before_commit: Callable[[], None]) -> exchange.ImportReport:
        if read.refusal is not None:
            raise read.refusal
        if read.data is None:
            raise ImportCancelled()  # not read: cancelled before it
        return exchange.import_bytes(
            session.store, read.data, name=read.name, before_commit=before_commit
        )

    return import_one(read.name, run, cancelled)


def status_step(session: Session, reading: exchange.StateReading) -> Status | None:
    """One part of reading the status: None until the state code's last part is read."""
    from steward_app.services.conflicts import conflict_count

    try:
        code = reading.step(session.store)
        return None if code is None else Status(code, conflict_count(session.store))
    except NoVote:
        return Status(None, 0)


def gather_export(session: Session, author: Author, target: Path) -> exchange.Gathered:
    """An export's database part, on the lane: a target beside the database is refused first,
    so nothing is read for it. The rest (`exchange.write_export`) needs no database and runs
    on the write lane (ui/write_lane.py) while the database lane serves the next save."""
    from steward_app.services import exchange, export

    export.check_target(target, session.store.path)
    return exchange.gather_export(session.store, author)


def default_export_name(vote_id: str, pc: str, now: dt.datetime | None = None) -> str:
    from steward_app.sync import files

    stamp = (now or dt.datetime.now()).strftime("%Y%m%d-%H%M")
    return f"{files.safe_name(vote_id)}_{files.safe_name(pc, 24)}_{stamp}{files.SUFFIX}"


def shared_file_name(session: Session, author: Author) -> str:
    """This PC's file in the shared folder: one per vote and key, replaced at each export."""
    from steward_app.services.roster import my_key
    from steward_app.sync import files

    vote = session.store.vote()
    if vote is None:
        raise NoVote()
    key = my_key(session.store, author)
    return (
        f"{files.safe_name(vote.id)}_{files.safe_name(author.pc, 24)}_"
        f"{files.safe_name(author.steward, 24)}_{key.fingerprint}{files.SUFFIX}"
    )
