"""The window's small hub: what every feature controller of the window shares.

In the way Anki's CollectionOp and QueryOp hand an operation the collection and a default
failure handler, a WindowContext hands the window's controllers (file exchange, data safety,
undo, printing, the coordinator's dialogs) what they work with, and nothing of the window:

- `session`: the open database (ui/session.py), used on the database lane only;
- `lane`: the database lane (ui/database_lane.py), and `run`, which runs an operation there
  and routes its result to `done` and its error to `failed` (the default: `failed` below);
- `failed`: the default failure handler, a message box in plain words and the status bar;
- `standings_changed(standings, changes, initiator)`: the standings shown, after every change.
  A controller that changed the vote calls `change`; the main window, connected first, shows
  the new standings, and every controller connected after it hears of them.

The main window creates one context before any controller, and no module but the start-up
code (ui/app.py, ui/start_up.py, ui/exit_after_paint.py) imports the main window.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QCoreApplication, QObject, Signal
from PySide6.QtWidgets import QMainWindow, QMessageBox

from steward_app.domain.setup_file import SetupError
from steward_app.services.errors import Refused
from steward_app.store.errors import StoreError

if TYPE_CHECKING:
    from steward_app.domain.standings import Standings
    from steward_app.services.authors import Author
    from steward_app.services.changes import Changes
    from steward_app.ui.database_lane import DatabaseLane
    from steward_app.ui.session import Session

log = logging.getLogger(__name__)

T = TypeVar("T")


def failure_text(error: BaseException) -> str:
    """An error in the words the steward reads: a refusal or a store error as it is, a setup
    file's problems one a line, anything else as unexpected (and logged)."""
    if isinstance(error, (StoreError, Refused)):
        return str(error)
    if isinstance(error, SetupError):
        heading = QCoreApplication.translate(
            "window_context", "The setup file has problems; nothing was changed:"
        )
        return heading + "\n" + "\n".join(str(p) for p in error.problems)
    log.error("unexpected error", exc_info=error)
    return QCoreApplication.translate(
        "window_context", "Something went wrong: {error}. Nothing typed was lost."
    ).format(error=repr(error))


class WindowContext(QObject):
    """The open session, the database lane, the default failure handler and the standings
    signal, for one main window and its controllers."""

    # Standings or None; Changes or None (None: the initiator refreshes what it shows
    # itself); the controller (or window) that made the change, or None
    standings_changed = Signal(object, object, object)
    # a change made in this window (a save, an undo, a resolution): the status bar's note
    saved_here = Signal(str)

    def __init__(
        self, window: QMainWindow, lane: DatabaseLane, db_path: Path, author: Author
    ) -> None:
        super().__init__(window)
        self.window = window  # the parent of dialogs, and the status bar's owner
        self.lane = lane
        self.db_path = db_path
        self.author = author  # the steward and PC of the entries made from now on
        self.session: Session | None = None  # set on the lane once the database is open
        self.standings: Standings | None = None  # the standings shown

    def run(
        self,
        work: Callable[[], T],
        done: Callable[[T], None],
        failed: Callable[[BaseException], None] | None = None,
    ) -> None:
        """`work` on the database lane; its result to `done`, its error to `failed` (by
        default the failure handler below), both back on the window's thread."""
        self.lane.submit(work, done, self.failed if failed is None else failed)

    def open_session(self) -> Session:
        """The open session, on the lane (an operation runs only once the database is open)."""
        if self.session is None:
            raise RuntimeError("the database is not open")
        return self.session

    def failed(self, error: BaseException) -> None:
        """The default failure handler: the error in plain words, in a message box and the
        status bar."""
        text = failure_text(error)
        self.say(text.splitlines()[0], 10000)
        QMessageBox.warning(self.window, self.tr("steward_app"), text)

    def change(
        self, standings: Standings | None, changes: Changes | None = None, initiator: object = None
    ) -> None:
        """New standings (after an operation): shown by the window, then heard by every
        controller through `standings_changed`."""
        self.standings = standings
        self.standings_changed.emit(standings, changes, initiator)

    def say(self, text: str, ms: int) -> None:
        """A passing message in the window's status bar."""
        self.window.statusBar().showMessage(text, ms)
