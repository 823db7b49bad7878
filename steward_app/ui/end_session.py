"""A logoff or a shutdown writes what is due before the session ends.

Windows asks each program whether the session may end (WM_QUERYENDSESSION), then tells it
that it ends (WM_ENDSESSION) and ends the process soon after: no window gets a close event, so
the window's close path (the shared folder's last export, the write lane's drain) never runs,
and an export still waiting out its 2 s delay would be lost. Qt turns the question into the
application's `commitDataRequest` signal (X11 session managers send it too): here it writes
the export a change waits for and waits, on the GUI thread, until every write handed over so
far is on disk. The session manager's grace period is short (Windows shows "this app is
preventing shutdown" after about 5 s), so the wait is bounded; a logoff another program
cancels leaves the window working as before.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, Slot
from PySide6.QtGui import QGuiApplication

log = logging.getLogger(__name__)

WAIT_S = 20.0  # at most, for the last export to a slow share


class EndSession(QObject):
    """While it lives, the session's end runs `flush(WAIT_S)` (SharedFolder.flush)."""

    def __init__(self, app: QGuiApplication, flush: Callable[[float], bool]) -> None:
        super().__init__(app)
        self.app = app
        self.flush = flush
        self.requests = 0
        app.commitDataRequest.connect(self.on_commit_data_request)

    @Slot(object)
    def on_commit_data_request(self, _manager: object = None) -> None:
        self.requests += 1
        log.info("the session is ending (a logoff or a shutdown): writing what is due")
        QSettings().sync()  # the window's settings, before the process is ended
        if not self.flush(WAIT_S):
            log.warning("the last export was not written within %.0f s of the session end", WAIT_S)
        for handler in logging.getLogger("steward_app").handlers:
            handler.flush()

    def remove(self) -> None:
        self.app.commitDataRequest.disconnect(self.on_commit_data_request)


def write_on_session_end(app: QGuiApplication, flush: Callable[[float], bool]) -> EndSession:
    return EndSession(app, flush)
