"""File exchange in the window: Export and Import in the File menu, tally files dropped on the
window, the shared folder, the conflicts view, the import history, and the state code in the
status bar (docs/sync-format.md; docs/user-guide.md, "Exchanging results between PCs").

The exchange services, the conflicts view and the import history are imported when first
used: the window's cold start does not wait for them (bench/bench_window.py).

The main window creates one ExchangeActions with its context (ui/window_context.py) and hands
it its menus; everything else hangs off the context's `standings_changed` signal: after every
change the state code is read again,
and when it changed the shared folder gets a new export (debounced).
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QObject,
    QStandardPaths,
    Qt,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QProgressDialog,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from steward_app.domain.standings import Standings
from steward_app.services.changes import Changes
from steward_app.ui.exchange_work import (
    STATE_TIP,
    Arrival,
    Imported,
    ReadFile,
    Status,
    default_export_name,
    gather_export,
    import_read,
    read_for_import,
    refreshed,
    status_step,
)
from steward_app.ui.screen_fit import resize_within_screen
from steward_app.ui.shared_actions import SharedFolderActions
from steward_app.ui.shared_folder import SharedFolder
from steward_app.ui.shared_indicator import Marks, SharedIndicator
from steward_app.ui.virtual_drop import carries_tally, save_first, virtual_files
from steward_app.ui.write_lane import WriteLane

if TYPE_CHECKING:
    from steward_app.domain.counts import SlotKey
    from steward_app.services import exchange
    from steward_app.services.counting import Recorded
    from steward_app.ui.conflicts_view import ConflictsDialog
    from steward_app.ui.import_history import ImportHistoryDialog
    from steward_app.ui.session import Session
    from steward_app.ui.start_page import StartPage
    from steward_app.ui.window_context import WindowContext

IMPORT_PROGRESS_AFTER_MS = 700  # a quick import shows no progress dialog
STATUS_PAUSE_MS = 300  # the status bar's state code is read once the saves pause this long


def dropped_paths(event: QDropEvent | QDragEnterEvent) -> list[Path]:
    """The local files a drag carries (folders and remote URLs left out)."""
    mime = event.mimeData()
    if not mime.hasUrls():
        return []
    return [Path(u.toLocalFile()) for u in mime.urls() if u.isLocalFile() and u.toLocalFile()]


class ImportResults(QDialog):
    """What arrived, one paragraph per file; refusals in red, in plain words."""

    def __init__(self, imported: Imported, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.setWindowTitle(self.tr("Import results"))
        resize_within_screen(self, 760, 320)
        self.text = QTextBrowser()
        self.text.setAccessibleName(self.tr("What each file brought"))
        paragraphs = []
        for a in imported.arrivals:
            color = "#B00020" if a.refused else "#000000"
            paragraphs.append(
                f"<p><b>{_escape(a.name)}</b>: <span style='color:{color}'>{_escape(a.text)}</span>"
                "</p>"
            )
        if not imported.changed:
            paragraphs.append(f"<p>{self.tr('Nothing changed on this PC.')}</p>")
        self.text.setHtml("".join(paragraphs))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class ExchangeActions(SharedFolderActions, QObject):
    """File exchange for one main window."""

    # a conflict resolved in the conflicts view: (Recorded, Author, SlotKey, the step in
    # words), for Edit › Undo
    resolved = Signal(object, object, object, str)

    def __init__(self, context: WindowContext, start_page: StartPage) -> None:
        super().__init__(context)
        self.context = context
        self.window = window = context.window
        self.lane = context.lane
        self.last_state: exchange.StateCode | None = None
        self.last_results: Imported | None = None  # the last import's outcome (for the views)
        self.import_progress: QProgressDialog | None = None  # while an import runs
        self.state_label = QLabel("")
        self.state_label.setToolTip(QCoreApplication.translate("exchange_work", STATE_TIP))
        self.conflicts_button = QPushButton("")
        self.conflicts_button.setFlat(True)
        self.conflicts_button.setStyleSheet("color: #D55E00; font-weight: bold;")
        self.conflicts_button.setToolTip(self.tr("Open the conflicts view to resolve them"))
        self.conflicts_button.clicked.connect(self.open_conflicts)
        self.conflicts_button.hide()
        self.shared_indicator = SharedIndicator()  # lasting: the folder, each PC's last file
        self._marks: Marks = {}  # on the lane: each file's PC, read once per version
        bar = window.statusBar()
        bar.addPermanentWidget(self.shared_indicator)
        bar.addPermanentWidget(self.conflicts_button)
        bar.addPermanentWidget(self.state_label)
        self.writes = WriteLane(self)  # exports' files, built and written off the lane
        self.shared = SharedFolder(
            self.lane, self._session, context.author, self, writes=self.writes
        )
        self.shared.arrived.connect(self._on_shared_arrived)
        self.shared.exported.connect(self._on_shared_exported)
        self.shared.failed.connect(self._on_shared_failed)
        self.shared.poll.timeout.connect(self.refresh_indicator)
        self.shared.troubles_changed.connect(self._on_shared_troubles)
        self.shared_note = ""  # the last word about which folder the vote uses
        self._conflicts: ConflictsDialog | None = None
        self._history: ImportHistoryDialog | None = None
        self._looked = False
        self._vote: tuple[str, str] | None = None  # the vote shown (id, mode): its folder is used
        self._status_due = QTimer(self)
        self._status_due.setSingleShot(True)
        self._status_due.setInterval(STATUS_PAUSE_MS)
        self._status_due.timeout.connect(self._on_status_due)
        self._generation = 0  # new standings shown: counts changes, so a stale reading is dropped
        self._reading = False  # a state code being read, part by part
        window.setAcceptDrops(True)
        window.installEventFilter(self)
        context.standings_changed.connect(self._on_standings_changed)
        start_page.import_requested.connect(self.choose_and_import)

    def _session(self) -> Session | None:
        return self.context.session

    def show_standings(self, standings: Standings | None) -> None:
        """Standings an import or a resolution brought: the window and the others see them."""
        self.context.change(standings, None, self)

    @property
    def writing(self) -> bool:
        """An export on its way whose file is not written yet (the lane may be free)."""
        return self.writes.busy or self.shared.exporting

    # --- menus ---------------------------------------------------------------------------

    def fill_file_menu(self, menu: QMenu) -> None:
        self._add(menu, self.tr("E&xport results…"), self.choose_and_export)
        self._add(menu, self.tr("&Import results…"), self.choose_and_import)
        self._add(menu, self.tr("S&hared folder…"), self.choose_shared_folder)

    def fill_go_menu(self, menu: QMenu) -> None:
        self._add(menu, self.tr("&Conflicts…"), self.open_conflicts, "Ctrl+Shift+C")
        self._add(menu, self.tr("&Import history…"), self.open_history)

    def _add(self, menu: QMenu, text: str, slot: Callable[[], object], keys: str = "") -> None:
        action = menu.addAction(text)
        if keys:  # reached without the mouse (the status bar's button is not a tab stop)
            action.setShortcut(QKeySequence(keys))
        action.triggered.connect(lambda _checked=False: slot())

    # --- export and import ---------------------------------------------------------------

    @Slot()
    def choose_and_export(self) -> None:
        standings = self.context.standings
        if standings is None:
            self._say(self.tr("There is no vote to export yet."), 6000)
            return
        folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
        name = default_export_name(standings.vote.id, self.context.author.pc)
        chosen, _ = QFileDialog.getSaveFileName(
            self.window,
            self.tr("Export results"),
            str(Path(folder) / name),
            self.tr("Tally files (*.tally);;All files (*)"),
        )
        if chosen:
            self.export_to(Path(chosen))

    def export_to(self, target: Path) -> None:
        """Export on the lane, then build, write and check the file on the write lane: a
        count saved meanwhile does not wait for the file."""
        from steward_app.services import exchange
        from steward_app.sync import files

        if not target.name.lower().endswith(files.SUFFIX):
            target = target.with_name(target.name + files.SUFFIX)
        author = self.context.author

        def done(result: exchange.ExportResult) -> None:
            notes = "".join("\n\n" + self.tr("Note: {note}").format(note=n) for n in result.notes)
            text = (
                self.tr("Exported %Ln entry(s)", None, result.entries)
                + " "
                + self.tr("from %Ln steward(s)", None, result.origins)
                + " "
                + self.tr(
                    "to\n{file}\n\nIt was written whole, read back and checked. State {code}."
                ).format(file=result.path, code=result.state)
                + notes
            )
            self._say(self.tr("Exported to {file}").format(file=result.path), 8000)
            QMessageBox.information(
                self.window, QCoreApplication.translate("ExchangeActions", "Results exported"), text
            )

        def work() -> None:
            session = self._session()
            assert session is not None
            gathered = gather_export(session, author, target)
            self.writes.submit(
                partial(exchange.write_export, gathered, target), done, self.context.failed
            )

        self._say(self.tr("Exporting to {file}…").format(file=target), 0)
        self.lane.submit(work, lambda _: None, self.context.failed)

    @Slot()
    def choose_and_import(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Import results from other PCs"),
            "",
            self.tr("Tally files (*.tally);;All files (*)"),
        )
        if names:
            self.import_files([Path(n) for n in names])

    def import_files(self, paths: list[Path], *, dialog: bool = True) -> None:
        """Import files, then show what arrived and refresh the views. Each file is read on
        the write lane (a share that stops answering never holds a save), then imported on
        the database lane; one at a time, so one file's bytes are in memory at once.

        An import that takes a while shows a progress dialog whose Cancel stops it before
        the next file or before the current one is committed (nothing of it is written)."""
        importing = self.tr("Importing %Ln file(s)…", None, len(paths))
        self._say(importing, 0)
        cancel = threading.Event()
        progress = QProgressDialog(
            importing,
            self.tr("&Cancel"),
            0,
            0,
            self.window,
        )
        progress.setWindowTitle(self.tr("Importing"))
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(IMPORT_PROGRESS_AFTER_MS)
        progress.canceled.connect(cancel.set)
        self.import_progress = progress

        arrivals: list[Arrival] = []
        changes = [Changes()]

        def session() -> Session:
            opened = self._session()
            assert opened is not None
            return opened

        def read(i: int) -> None:  # each file read off the lane, then imported on it
            if i == len(paths):
                self.lane.submit(lambda: refreshed(session(), arrivals, changes[0]), done, failed)
                return
            self.writes.submit(
                partial(read_for_import, paths[i], cancel.is_set), partial(imported, i), failed
            )

        def imported(i: int, got: ReadFile) -> None:
            def work() -> tuple[Arrival, Changes]:
                return import_read(session(), got, cancel.is_set)

            def then(out: tuple[Arrival, Changes]) -> None:
                arrivals.append(out[0])
                changes[0] = changes[0] | out[1]
                read(i + 1)

            self.lane.submit(work, then, failed)

        def finish() -> None:
            progress.canceled.disconnect(cancel.set)
            progress.reset()
            progress.deleteLater()
            self.import_progress = None

        def done(result: Imported) -> None:
            finish()
            self._arrived(result)
            if dialog:
                ImportResults(result, self.window).open()

        def failed(error: BaseException) -> None:
            finish()
            self.context.failed(error)

        read(0)

    def _arrived(self, result: Imported) -> None:
        self.last_results = result
        if result.changed:
            self.show_standings(result.standings)
        self._say("; ".join(f"{a.name}: {a.text}" for a in result.arrivals), 15000)
        if self._history is not None and self._history.isVisible():
            self._history.reload()

    # --- drag and drop -------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind in (QEvent.Type.DragEnter, QEvent.Type.DragMove):
            assert isinstance(event, (QDragEnterEvent, QDropEvent))
            if dropped_paths(event) or carries_tally(event.mimeData()):  # Outlook's too
                event.acceptProposedAction()
                return True
        elif kind == QEvent.Type.Drop:
            assert isinstance(event, QDropEvent)
            if self.drop(event):
                return True
        elif kind == QEvent.Type.Close:
            self.shared.finish()  # queued before the window closes the database
        return super().eventFilter(watched, event)

    def drop(self, event: QDropEvent) -> bool:
        paths = [p for p in dropped_paths(event) if not p.is_dir()]
        if not paths:
            return self._drop_virtual(event)
        event.acceptProposedAction()
        self.import_files(paths)
        return True

    def _drop_virtual(self, event: QDropEvent) -> bool:
        """A tally file dragged out of a mail: saved to a temporary folder, then imported."""
        found = virtual_files(event.mimeData())
        if found is None:
            return False
        event.acceptProposedAction()
        try:
            path = save_first(found)
        except OSError as exc:
            self._say(
                self.tr("Could not take the dropped file {file}: {error}").format(
                    file=found.names[0], error=exc
                ),
                15000,
            )
            return True
        self.import_files([path])
        if len(found.names) > 1:
            self._say(
                self.tr(
                    "Only {file} was taken from the mail: drag the other attachments one at a "
                    "time (or save them first)"
                ).format(file=found.names[0]),
                15000,
            )
        return True

    # --- the status bar, dialogs ---------------------------------------------------------

    @Slot(object, object, object)
    def _on_standings_changed(self, standings: Standings | None, *_: object) -> None:
        vote = (standings.vote.id, standings.vote.mode.value) if standings is not None else None
        if not self._looked or vote != self._vote:
            # the database is open, or holds another vote now: its own folder, looked in at once
            self._looked = True
            self._vote = vote
            self._load_shared_folder()
        if standings is None:
            self._status_due.stop()
            self._show_status(Status(None, 0))
            return
        # the state code reads every entry's hash (about 1 s on a 1,000,000-entry vote): it
        # is read once the saves pause, 20,000 ids at a time, so a save waits for one part at most
        self._generation += 1  # a reading begun before this change is stale
        self._status_due.start()
        if self._conflicts is not None and self._conflicts.isVisible():
            self._conflicts.reload()

    @property
    def status_pending(self) -> bool:
        """A change whose state code the status bar does not show yet."""
        return self._status_due.isActive() or self._reading

    @Slot()
    def _on_status_due(self) -> None:
        from steward_app.services.exchange import StateReading

        reading = StateReading()
        generation = self._generation

        def work() -> Status | None:
            session = self._session()
            return Status(None, 0) if session is None else status_step(session, reading)

        def done(now: Status | None) -> None:
            if generation != self._generation:  # changed meanwhile: the timer reads it again
                self._reading = False
            elif now is None:  # more parts to read; a save submitted meanwhile goes first
                self.lane.submit(work, done, failed)
            else:
                self._reading = False
                self._show_status(now)

        def failed(_error: BaseException) -> None:
            self._reading = False

        self._reading = True
        self.lane.submit(work, done, failed)

    def _show_status(self, now: Status) -> None:
        if now.state is None:
            self.state_label.setText("")
            self.state_label.setAccessibleName("")
            self.conflicts_button.hide()
            return
        state = self.tr("State {code}").format(code=now.state)
        self.state_label.setText(state)
        self.state_label.setAccessibleName(state)  # what it shows, not "State"
        conflicts = self.tr("%Ln conflict(s): resolve…", None, now.conflicts)
        self.conflicts_button.setText(f"⚠ {conflicts}")
        self.conflicts_button.setVisible(now.conflicts > 0)
        if now.state != self.last_state:  # a change here (or the opening): share it
            self.shared.changed()
        self.last_state = now.state

    @Slot()
    def open_conflicts(self) -> None:
        if self._conflicts is None:
            from steward_app.ui.conflicts_view import ConflictsDialog

            self._conflicts = ConflictsDialog(self.context)
            self._conflicts.on_recorded = self._on_conflict_resolved
        self._conflicts.reload()
        self._conflicts.show()
        self._conflicts.raise_()

    def _on_conflict_resolved(self, recorded: Recorded, slot: SlotKey) -> None:
        standings = self.context.standings
        unit = standings.vote.unit_by_id.get(slot.unit) if standings is not None else None
        name = unit.name if unit is not None else slot.unit
        self.resolved.emit(
            recorded, self.context.author, slot, self.tr("resolution of {unit}").format(unit=name)
        )
        self.context.saved_here.emit(self.tr("last save"))

    @Slot()
    def open_history(self) -> None:
        if self._history is None:
            from steward_app.ui.import_history import ImportHistoryDialog

            self._history = ImportHistoryDialog(self.context)
        self._history.reload()
        self._history.show()
        self._history.raise_()

    def _say(self, text: str, ms: int) -> None:
        self.context.say(text.splitlines()[0] if text else "", ms)
