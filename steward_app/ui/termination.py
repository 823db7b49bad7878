"""SIGTERM closes the window the normal way, as File › Quit does.

A logout, a shutdown or a service manager ends a program with SIGTERM. Its default action
kills the process on the spot: the shared-folder export still waiting out its debounce would
never be written and the window's layout not saved. Here the signal closes every window
instead, so their close handlers run, and the program exits with status 0.

Python runs a signal handler only when Python code runs, and Qt's event loop may sleep in C++:
the signal's wake-up byte (signal.set_wakeup_fd) goes into a socket that a QSocketNotifier
watches, which wakes the loop. Nothing on Windows, which has no SIGTERM: a logoff there ends
the process after WM_ENDSESSION without closing the window, and ui/end_session.py writes what
is due on the session manager's request instead.
"""

from __future__ import annotations

import contextlib
import signal
import socket
import sys

from PySide6.QtCore import QObject, QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication


class TerminateCloses(QObject):
    """While it lives, SIGTERM closes the application's windows; `remove` puts things back."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self._reader, self._writer = socket.socketpair()
        for end in (self._reader, self._writer):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._writer.fileno())
        self._previous = signal.signal(signal.SIGTERM, self._on_terminate)
        self._notifier = QSocketNotifier(self._reader.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)

    def _on_terminate(self, _signum: int, _frame: object) -> None:
        QTimer.singleShot(0, QApplication.closeAllWindows)

    def _drain(self) -> None:
        with contextlib.suppress(OSError):
            self._reader.recv(64)

    def remove(self) -> None:
        signal.signal(signal.SIGTERM, self._previous)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._reader.close()
        self._writer.close()


def close_windows_on_terminate(app: QApplication) -> TerminateCloses | None:
    if sys.platform == "win32":
        return None
    return TerminateCloses(app)
