"""The shared folder: this PC writes its export there after each change, and picks up the
other PCs' files as they appear.

Writing is debounced (2 s after the last change) and replaces this PC's one file in the
folder (written whole under a hidden temporary name, then renamed: sync.files). The export's
database part runs on the database lane; building, writing and checking the file run on the
write lane (ui/write_lane.py), so a count saved meanwhile goes through. One export at a time:
a change during one leads to one more after it. Reading: a
file watcher, with a poll every 10 s as the fallback for network drives, where change
notifications often never arrive. Each file is settled once per (name, size, modification
time): a file held by another program, or whose import could not be backed up first, is tried
again after a growing wait (ui/shared_reading.py); the import itself recognises a file it has
seen. Partial and hidden files and this PC's own file are left alone. Listing and reading the
folder run on the write lane, the imports on the database lane: a slow network drive never
freezes the window, nor holds a save. An export that fails is tried again after a wait that
doubles each time (EXPORT_RETRY_MS up to EXPORT_RETRY_MAX_MS); `failed` reports each failure
in words, `exported` the next success.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QFileSystemWatcher, QObject, QTimer, Signal, Slot

from steward_app.ui.database_lane import DatabaseLane
from steward_app.ui.exchange_work import Arrival, Imported, gather_export, shared_file_name
from steward_app.ui.shared_reading import Look, Seen, Waits, import_fetched, look, settled
from steward_app.ui.write_lane import WriteLane

if TYPE_CHECKING:
    from steward_app.services import exchange
    from steward_app.services.authors import Author
    from steward_app.ui.session import Session

DEBOUNCE_MS = 2000
POLL_MS = 10_000
SETTLE_MS = 500  # after a change notice: let a burst of renames finish first

EXPORT_RETRY_MS = 5_000  # an export that failed: tried again after this, then doubling
EXPORT_RETRY_MAX_MS = 300_000
THIS_PC = ""  # the key of this PC's own export in SharedFolder.troubles

Written = tuple[Path, tuple[int, int]]  # the file written, its mark in Seen


class SharedFolder(QObject):
    """Export after changes, import what others put there. `arrived` reports each scan that
    found files; `failed` each failure, in words, as it happens. `troubles` holds the failures
    not yet overcome (THIS_PC: this PC's export; else another PC's file name -> what went
    wrong), for a lasting indicator; `troubles_changed` gives a copy at each change."""

    arrived = Signal(object)  # Imported
    exported = Signal(str)  # the file written
    failed = Signal(str)
    troubles_changed = Signal(object)  # dict[str, str], a copy of `troubles`

    def __init__(
        self,
        lane: DatabaseLane,
        session: Callable[[], Session | None],
        author: Author,
        parent: QObject | None = None,
        *,
        writes: WriteLane | None = None,
    ) -> None:
        super().__init__(parent)
        self.lane = lane
        self.writes = writes if writes is not None else WriteLane(self)
        self.session = session
        self.author = author
        self.folder: Path | None = None
        self.seen: Seen = {}  # settled files (touched on the GUI thread only)
        self.waits = Waits()  # files to try again, not before their time (GUI thread)
        self.own = ""  # this PC's file name there, once known (set on the lane)
        self.export_failures = 0  # exports failed in a row (the retry's wait doubles)
        self.troubles: dict[str, str] = {}  # what failed and is still tried again
        self._scanning = False
        self._exporting = False  # an export on its way (either part): the next one waits
        self._again = False  # a change came during that export: one more follows it
        self._closing = False
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.export_now)
        self.poll = QTimer(self)
        self.poll.setInterval(POLL_MS)
        self.poll.timeout.connect(self.scan)
        self.settle = QTimer(self)
        self.settle.setSingleShot(True)
        self.settle.setInterval(SETTLE_MS)
        self.settle.timeout.connect(self.scan)
        self.retry = QTimer(self)  # an export that failed, tried again
        self.retry.setSingleShot(True)
        self.retry.timeout.connect(self.export_now)
        self.watcher = QFileSystemWatcher(self)
        self.watcher.directoryChanged.connect(self._on_watcher_directory_changed)
        # the folder is the vote's (ui/shared_setting.py): the window sets it once the
        # database is open

    def set_folder(self, folder: Path | None, *, remember: bool = True) -> None:
        """Watch `folder` (None: stop sharing); kept in the vote's database for the next start
        (ui/shared_setting.py)."""
        if self.watcher.directories():
            self.watcher.removePaths(self.watcher.directories())
        self.folder = folder
        self.seen = {}
        self.waits.clear()
        self.export_failures = 0
        self.retry.stop()
        if self.troubles:
            self.troubles = {}
            self.troubles_changed.emit({})
        session = self.session()
        if remember and session is not None:
            from steward_app.ui.shared_setting import remember_folder

            store = session.store
            self.lane.submit(
                lambda: remember_folder(store, folder),
                _ignore,
                lambda e: self.failed.emit(
                    self.tr("Could not keep the shared folder setting: {error}").format(error=e)
                ),
            )
        if folder is None:
            self.poll.stop()
            self.debounce.stop()
            return
        self.watcher.addPath(str(folder))
        self.poll.start()

    def changed(self) -> None:
        """Something changed here: export once things settle."""
        if self.folder is not None:
            self.debounce.start()

    @property
    def exporting(self) -> bool:
        """An export on its way: being gathered, written, or one more due after it."""
        return self._exporting or self._again

    @Slot()
    def export_now(self) -> None:
        """Export now (the debounce timer's slot); during an export, once more after it."""
        if self.folder is None or self.session() is None:
            return
        if self._exporting:
            self._again = True
            return
        self._exporting = True
        self._export(wait=False)

    def finish(self) -> None:
        """The window is closing: queue on the lane, before the database closes, the export a
        change still waits for, and wait there until every write is on disk. The lane's
        shutdown waits for that job, so the application quits only with the file whole."""
        self._closing = True
        self._write_what_is_due(None)

    def flush(self, wait_s: float) -> bool:
        """The session is ending (a logoff, a shutdown: ui/end_session.py): write now the
        export a change still waits for, and wait on this thread, up to `wait_s`, until it and
        every write before it are on disk. Windows ends the process soon after, without a
        close event. The program may also go on (another program cancelled the logoff): the
        shared folder keeps working. True when everything was written in time."""
        done = threading.Event()
        self._write_what_is_due(done)
        return done.wait(wait_s)

    def _write_what_is_due(self, done: threading.Event | None) -> None:
        due = self.debounce.isActive() or self._again or self.retry.isActive()
        self.debounce.stop()
        self.retry.stop()
        self._again = False
        if due and self.folder is not None and self.session() is not None:
            self._exporting = True
            self._export(wait=True, done=done)
        else:

            def drain() -> None:
                try:
                    self.writes.drain()
                finally:
                    if done is not None:
                        done.set()

            self.lane.submit(drain, _ignore, _ignore)

    def _export(self, *, wait: bool, done: threading.Event | None = None) -> None:
        folder, author = self.folder, self.author
        assert folder is not None

        def work() -> bool:
            try:
                session = self.session()
                assert session is not None
                if session.store.vote() is None:
                    return False  # nothing to send before this PC has a vote
                self.own = shared_file_name(session, author)
                target = folder / self.own
                gathered = gather_export(session, author, target)
                self.writes.submit(
                    partial(_write, gathered, target), self._on_written, self._failed
                )
                if wait:
                    self.writes.drain()
                return True
            finally:
                if done is not None:
                    done.set()

        self.lane.submit(work, self._on_gathered, self._failed)

    def _on_gathered(self, handed_over: bool) -> None:
        if not handed_over:
            self._exported()

    def _on_written(self, written: Written) -> None:
        path, mark = written
        if self.folder == path.parent:  # not another folder chosen meanwhile
            self.seen[path.name] = mark
        self.export_failures = 0
        self.retry.stop()
        self._trouble(THIS_PC, None)
        self.exported.emit(str(path))
        self._exported()

    def _failed(self, error: BaseException) -> None:
        """An export failed: said in words, and tried again after a wait that doubles."""
        text = self.tr("Could not write to the shared folder {folder}: {error}").format(
            folder=self.folder, error=error
        )
        if not self._closing and self.folder is not None:
            wait = min(EXPORT_RETRY_MS * 2**self.export_failures, EXPORT_RETRY_MAX_MS)
            self.export_failures += 1
            self.retry.start(wait)
            text += self.tr(". Trying again in {wait}").format(wait=_seconds(wait / 1000))
            self._trouble(THIS_PC, text)
        self.failed.emit(text)
        self._exported()

    def _trouble(self, key: str, text: str | None) -> None:
        """Note (text) or clear (None) a failure still being tried again."""
        if text is None and key not in self.troubles:
            return
        if text is None:
            del self.troubles[key]
        else:
            self.troubles[key] = text
        self.troubles_changed.emit(dict(self.troubles))

    def _exported(self) -> None:
        self._exporting = False
        if self._again and not self._closing:
            self._again = False
            self.export_now()

    @Slot(str)
    def _on_watcher_directory_changed(self, _path: str) -> None:
        self.settle.start()

    @Slot()
    def scan(self) -> None:
        """Import the files that are new or changed in the folder: read on the write lane,
        imported on the database lane."""
        folder = self.folder
        if folder is None or self._scanning or self.session() is None:
            return
        self._scanning = True
        work = partial(
            look, folder, dict(self.seen), self.own, self.waits.due(), self.waits.clock()
        )
        self.writes.submit(work, partial(self._on_looked, folder), self._on_scan_failed)

    def _on_looked(self, folder: Path, found: Look) -> None:
        if found.error:
            self._scanning = False
            arrival = Arrival(folder.name, found.error, refused=True)
            self.arrived.emit(Imported((arrival,), None, False))
            return
        fetched = found.fetched
        if self.folder != folder or self.session() is None:
            self._scanning = False
            return
        if not any(f.data is not None or f.refusal is not None for f in fetched):
            self._imported(folder, found, None)
            return
        self.lane.submit(
            lambda: import_fetched(self._open_session(), fetched),
            partial(self._imported, folder, found),
            partial(self._import_failed, folder, found),
        )

    def _open_session(self) -> Session:
        session = self.session()
        assert session is not None
        return session

    def _imported(self, folder: Path, found: Look, result: Imported | None) -> None:
        self._scanning = False
        if self.folder == folder:  # not another folder chosen meanwhile
            done, again = settled(found.fetched, result)
            for f in done:
                self.seen[f.name] = f.mark
                self.waits.settled(f.name)
                self._trouble(f.name, None)
            for f, why in again:
                wait = self.waits.failed(f.name, f.mark)
                text = self.tr(
                    "Could not import {file} from the shared folder yet ({why}). "
                    "Trying again in {wait}"
                ).format(file=f.name, why=why, wait=_seconds(wait))
                self._trouble(f.name, text)
                self.failed.emit(text)
        shown = None if result is None else [a for a in result.arrivals if not a.again]
        if result is not None and shown:
            self.arrived.emit(Imported(tuple(shown), result.standings, result.changed))
        if found.more:
            self.scan()

    def _import_failed(self, folder: Path, found: Look, error: BaseException) -> None:
        """The imports failed as a whole (not a refusal: those are settled): the files read
        are tried again after their wait, never in a loop at every poll."""
        if self.folder == folder:
            for f in found.fetched:
                self.waits.failed(f.name, f.mark)
                self._trouble(
                    f.name,
                    self.tr("Could not import {file}: {error}").format(file=f.name, error=error),
                )
        self._on_scan_failed(error)

    def _on_scan_failed(self, error: BaseException) -> None:
        self._scanning = False
        self.failed.emit(
            self.tr("Could not import from the shared folder {folder}: {error}").format(
                folder=self.folder, error=error
            )
        )


def _write(gathered: exchange.Gathered, target: Path) -> Written:
    """An export's pure part, on the write lane: build, write whole, read back, verify."""
    from steward_app.services import exchange

    path = exchange.write_export(gathered, target).path
    assert path is not None
    st = path.stat()
    return path, (st.st_size, st.st_mtime_ns)


def _ignore(_value: object) -> None:
    pass


def _seconds(s: float) -> str:
    if s < 90:
        return QCoreApplication.translate("shared_folder", "{n} s").format(n=round(s))
    return QCoreApplication.translate("shared_folder", "{n} min").format(n=round(s / 60))
