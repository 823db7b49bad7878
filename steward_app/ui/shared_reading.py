"""Reading the shared folder: which files to read, reading them off the database lane, and
when to try again a file that could not be read.

A scan lists the folder and reads the new or changed files on the write lane's thread (a
network share that stops answering holds that thread, never the database lane, so saves go
on); only their import runs on the database lane. A file is marked seen (name, size,
modification time) only once it is settled: imported, found already imported, or refused
for what it holds. A file another program holds (antivirus, a sync client, another PC), or
one whose import could not be backed up first, stays unseen and is tried again after a wait
that doubles each time (`Waits`); a changed file is tried at once.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from steward_app.ui.exchange_work import Arrival, Imported, import_each

if TYPE_CHECKING:
    from steward_app.sync.errors import ImportRefused
    from steward_app.ui.session import Session

Mark = tuple[int, int]  # size, modification time in ns
Seen = dict[str, Mark]  # file name -> its mark when it was settled
READ_BUDGET = 64 * 2**20  # bytes read per scan; the rest waits for the next one
FIRST_WAIT_S = 10.0
LONGEST_WAIT_S = 300.0


@dataclass(frozen=True)
class Fetched:
    """One file looked at: its bytes, a refusal of what it is, or why it was not read now."""

    name: str
    mark: Mark
    data: bytes | None = None
    refusal: ImportRefused | None = None  # definite: it is not a file to import
    held: str = ""  # not read now (held by another program, unreadable): tried again


@dataclass(frozen=True)
class Look:
    """A scan's reading part: the files read or not, and whether more wait for the next."""

    fetched: tuple[Fetched, ...] = ()
    more: bool = False
    error: str = ""  # the folder itself cannot be listed


@dataclass
class Waits:
    """Files that could not be read or imported: not tried again before their time. The wait
    doubles at each failure, from FIRST_WAIT_S up to LONGEST_WAIT_S; a file whose size or
    time changed is tried at once."""

    clock: Callable[[], float] = time.monotonic
    _due: dict[str, tuple[Mark, int, float]] = field(default_factory=dict)

    def failed(self, name: str, mark: Mark) -> float:
        """Note a failure; returns the seconds until the file is tried again."""
        previous = self._due.get(name)
        tries = previous[1] + 1 if previous is not None and previous[0] == mark else 1
        wait = min(FIRST_WAIT_S * 2 ** (tries - 1), LONGEST_WAIT_S)
        self._due[name] = (mark, tries, self.clock() + wait)
        return float(wait)

    def settled(self, name: str) -> None:
        self._due.pop(name, None)

    def due(self) -> dict[str, tuple[Mark, float]]:
        """A copy for the reading thread: name -> (mark, not before this clock time)."""
        return {name: (mark, at) for name, (mark, _tries, at) in self._due.items()}

    def clear(self) -> None:
        self._due.clear()


def look(
    folder: Path,
    seen: Seen,
    own: str,
    waits: dict[str, tuple[Mark, float]],
    now: float,
    read: Callable[[Path], bytes] | None = None,
) -> Look:
    """On the write lane's thread: list `folder`, read each finished tally file that is new
    or changed since it was settled (this PC's own file left alone), up to READ_BUDGET bytes."""
    from steward_app.sync import files
    from steward_app.sync.errors import ImportRefused

    read = read or files.read_whole
    try:
        paths = files.tally_files(folder)
    except OSError as exc:
        return Look(
            error=QCoreApplication.translate(
                "shared_reading", "cannot read the shared folder {folder}: {error}"
            ).format(folder=folder, error=exc.strerror or exc)
        )
    out: list[Fetched] = []
    budget = READ_BUDGET
    for path in paths:
        if path.name == own:
            continue
        try:
            st = path.stat()
        except OSError:
            continue  # gone between the listing and now
        mark = (st.st_size, st.st_mtime_ns)
        if seen.get(path.name) == mark:
            continue
        waiting = waits.get(path.name)
        if waiting is not None and waiting[0] == mark and now < waiting[1]:
            continue
        if out and st.st_size > budget:
            return Look(tuple(out), more=True)
        try:
            data = read(path)
        except ImportRefused as exc:
            if isinstance(exc.__cause__, FileNotFoundError):
                continue  # gone: nothing to settle
            if isinstance(exc.__cause__, OSError):
                out.append(Fetched(path.name, mark, held=str(exc)))
            else:
                out.append(Fetched(path.name, mark, refusal=exc))
            continue
        budget -= len(data)
        out.append(Fetched(path.name, mark, data=data))
    return Look(tuple(out))


def import_fetched(session: Session, fetched: tuple[Fetched, ...]) -> Imported:
    """On the database lane: import the files read, and report the ones refused for what
    they are. Files not read (held) are left out: they are not an outcome yet."""
    from steward_app.services import exchange

    def refuse(refusal: ImportRefused, **_kwargs: object) -> exchange.ImportReport:
        raise refusal

    store = session.store
    imports = []
    for f in fetched:
        if f.data is not None:
            imports.append((f.name, partial(exchange.import_bytes, store, f.data, name=f.name)))
        elif f.refusal is not None:
            imports.append((f.name, partial(refuse, f.refusal)))
    return import_each(session, imports)


def settled(
    fetched: tuple[Fetched, ...], result: Imported | None
) -> tuple[list[Fetched], list[tuple[Fetched, str]]]:
    """Which files are settled (to mark seen), and which to try again, with why."""
    outcome: dict[str, Arrival] = {a.name: a for a in result.arrivals} if result else {}
    done: list[Fetched] = []
    again: list[tuple[Fetched, str]] = []
    for f in fetched:
        if f.held:
            again.append((f, f.held))
            continue
        arrival = outcome.get(f.name)
        if arrival is None or arrival.again:
            not_imported = QCoreApplication.translate("shared_reading", "not imported")
            again.append((f, arrival.text if arrival else not_imported))
        else:
            done.append(f)
    return done, again
