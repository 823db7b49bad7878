"""Start the window: show it first, then open the database on the lane; tally files given on
the command line (or handed over by a second start, or by macOS's Finder) are imported once it
is open, as File › Import results… imports them."""

from __future__ import annotations

import argparse
import gc
import logging
import os
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject
from PySide6.QtGui import QFileOpenEvent, QIcon
from PySide6.QtWidgets import QApplication

from steward_app.bundled import icon_files

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from steward_app.ui.database_lane import DatabaseLane
    from steward_app.ui.main_window import MainWindow
    from steward_app.ui.single_instance import SingleInstance


def app_icon() -> QIcon:
    """The application icon in every size shipped, so each place Qt shows it gets a sharp one."""
    icon = QIcon()
    for path in icon_files():
        icon.addFile(str(path))
    return icon


@dataclass(frozen=True)
class Started:
    """A window open on its database, which it holds (`instance`) until `close`."""

    window: MainWindow
    lane: DatabaseLane
    instance: SingleInstance
    file_opener: FileOpenEvents

    def close(self) -> bool:
        """Stop the lane, let the database go, tear the window down. False when the lane was
        still at work after its wait (DatabaseLane.shutdown)."""
        stopped = self.lane.shutdown()
        self.instance.release()
        application().removeEventFilter(self.file_opener)
        # tear the window down while Qt is still alive: letting interpreter shutdown collect
        # it after a grab() crashes inside the bindings (seen with PySide6 6.12, pyqtgraph 0.14)
        self.window.deleteLater()
        application().processEvents()
        return stopped


class FileOpenEvents(QObject):
    """macOS hands a double-clicked .tally file to the running program as a FileOpen event,
    not on the command line: it joins the files waiting for the window."""

    def __init__(self, instance: SingleInstance) -> None:
        super().__init__(instance)
        self.instance = instance

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(event, QFileOpenEvent) and event.file():
            self.instance.open_later([Path(event.file())])
            return True
        return super().eventFilter(watched, event)


def application() -> QApplication:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    return app


def run_window(args: argparse.Namespace, files: Sequence[Path] = ()) -> int:
    app = application()
    app.setOrganizationName("steward_app")
    app.setApplicationName("steward_app")
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("steward-app")  # Wayland: the window belongs to steward-app.desktop
    if not start_language(getattr(args, "lang", None)):
        return 2
    started = start_window(args, files)
    if isinstance(started, int):
        return started
    if getattr(args, "exit_after_paint", False):  # measuring start-up (docs/performance.md)
        from steward_app.ui.exit_after_paint import exit_after_first_paint

        exit_after_first_paint(app, started.window)
    from steward_app.ui.end_session import write_on_session_end
    from steward_app.ui.termination import close_windows_on_terminate

    terminate = close_windows_on_terminate(app)  # a logout closes the window as Quit does
    # Windows ends the process after a logoff without closing the window: write first
    ending = write_on_session_end(app, started.window.exchange.shared.flush)
    code = app.exec()
    ending.remove()
    if terminate is not None:
        terminate.remove()
    leave(started, int(code))
    del started
    gc.collect()
    return int(code)


def start_language(option: str | None) -> bool:
    """Speak the window's language (--lang, the settings, the system's); False, said on the
    console and in a message box, when --lang names a language not shipped."""
    from steward_app.ui.window_language import apply_language, window_language

    try:
        apply_language(window_language(option))
    except ValueError as exc:
        from PySide6.QtWidgets import QMessageBox

        said = QCoreApplication.translate("app", "{error}. Nothing was opened.").format(error=exc)
        print(f"steward-app: {said}", file=sys.stderr)
        QMessageBox.warning(None, "steward_app", said)
        return False
    return True


def leave(started: Started, code: int, hard_exit: Callable[[int], object] = os._exit) -> None:
    """Close what the window held. When the lane is still at work after its wait (an export to
    a share that stopped answering), Qt would abort the process as it destroys the running
    thread: leave at once instead, with `code`. What the lane was writing is then an
    uncommitted transaction that SQLite rolls back on the next open, as after a power cut;
    every acknowledged count is on disk."""
    if not started.close():
        log.error("the database lane was still at work when the window closed; quitting now")
        logging.shutdown()
        hard_exit(code)


def start_window(args: argparse.Namespace, files: Sequence[Path] = ()) -> Started | int:
    """Show the window on its database and import `files` into it, or hand them to the window
    that already has the database (the exit status then)."""
    from steward_app.services.locations import default_db_path
    from steward_app.ui.database_lane import DatabaseLane
    from steward_app.ui.first_run import window_author
    from steward_app.ui.main_window import MainWindow
    from steward_app.ui.start_up import settle_after_first_view
    from steward_app.ui.window_start import claim_database

    if args.demo and getattr(args, "db", None):
        refuse_demo_with_db()
        return 2
    if args.demo:
        # a fresh copy each time: the demo never mixes with a real vote
        db_path = Path(tempfile.mkdtemp(prefix="steward-demo-")) / "demo.sqlite"
    else:
        db_path = args.db or default_db_path()
    claim = claim_database(db_path, files)  # on this PC's disk, and one window per database
    if claim.instance is None:
        return int(claim.exit_code or 0)
    instance = claim.instance
    instance.open_later(files)  # beside any a second start hands over meanwhile
    file_opener = FileOpenEvents(instance)
    application().installEventFilter(file_opener)
    author = window_author(args.steward, args.pc)  # asked once, kept in the settings
    lane = DatabaseLane()
    window = MainWindow(lane, claim.db_path, author, demo=args.demo)
    # a second start brings it to the front; the files wait on the lane behind the opening
    instance.follow(window, import_into)
    settle_after_first_view(window)
    window.show()
    return Started(window, lane, instance, file_opener)


DEMO_WITH_DB: str = QT_TRANSLATE_NOOP(  # type: ignore[assignment]
    "app",
    "--demo opens a fresh practice copy of the demo vote each time, in a folder of its own; it "
    "cannot be combined with --db. To practise in a database of your own, start with --db PATH "
    "alone and choose File › Load the demo vote. Nothing was opened.",
)


def refuse_demo_with_db() -> None:
    """Said on the console and in a message box: the windowed program has no console."""
    from PySide6.QtWidgets import QMessageBox

    text = QCoreApplication.translate("app", DEMO_WITH_DB)
    print(f"steward-app: {text}", file=sys.stderr)
    QMessageBox.warning(None, "steward_app", text)


def import_into(window: MainWindow, files: list[Path]) -> None:
    """Import as File › Import results… does, with the same dialog of what arrived."""
    window.exchange.import_files(files)
