"""One window per database: the database's lock (store.lock), and a local socket named from
the database's path through which a second start asks the first window to come to the front,
and to import the tally files it was started with (a double-click on a .tally file while the
window is open).

The request is one line: `raise`, then for files a space and a JSON list of absolute paths
(JSON: a path may hold any character but NUL). The window answers `ok`.

A lock left by a crash is not held by any process and is simply taken over; a stale socket
name is removed once the lock is ours (no live window can own it then).

On Windows only the process in the foreground may bring a window to the front: the window
asked to come forward is not, and would only flash in the taskbar, behind Outlook. The second
start (just started by a double-click, so in the foreground) first lets the window's process
take the foreground (AllowSetForegroundWindow with the lock holder's process id).
"""

from __future__ import annotations

import hashlib
import json
import logging
import sys
import time
import weakref
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

from PySide6.QtCore import QObject, Qt, QTimer, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from steward_app.store.lock import COMMAND, WINDOW, DatabaseLock, Holder

log = logging.getLogger(__name__)

RAISE = b"raise"
ANSWER = b"ok\n"
COMMAND_WAIT_SECONDS = 10.0  # a command holding the lock finishes within this
# files handed over within this time make one import (Explorer starts one program per file)
GATHER_MS = 300
READ_WAIT_SECONDS = 2.0

W = TypeVar("W", bound=QWidget)


def request(files: Sequence[Path] = ()) -> bytes:
    """The line a second start sends: come to the front, and import these files."""
    if not files:
        return RAISE + b"\n"
    return RAISE + b" " + json.dumps([str(f) for f in files]).encode("utf-8") + b"\n"


def requested_files(line: bytes) -> list[Path] | None:
    """The files a request line names ([] for none), or None when it is not a request."""
    head, _, rest = line.rstrip(b"\n").partition(b" ")
    if head != RAISE:
        return None
    if not rest:
        return []
    try:
        names = json.loads(rest.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        names = None
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        log.warning("a second start sent files in a form not understood; ignored")
        return []
    return [Path(n) for n in names]


def server_name(db_path: Path) -> str:
    digest = hashlib.sha256(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"steward_app-{digest}"


class SingleInstance(QObject):
    """This window's claim on its database. `raise_requested` fires when a second start asks
    for the window; the files it hands over wait (open_later) until the window follows."""

    raise_requested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.lock = DatabaseLock(self.db_path, WINDOW)
        self.name = server_name(self.db_path)
        self.server: QLocalServer | None = None
        self._pending: list[Path] = []
        self._open: Callable[[list[Path]], None] | None = None
        self._gather = QTimer(self)
        self._gather.setSingleShot(True)
        self._gather.setInterval(GATHER_MS)
        self._gather.timeout.connect(self._hand_over)

    def claim(self) -> bool:
        """Take the database (True), or False when another program holds it."""
        if not self.lock.acquire():
            return False
        QLocalServer.removeServer(self.name)
        server = QLocalServer(self)
        server.setSocketOptions(QLocalServer.SocketOption.UserAccessOption)
        server.newConnection.connect(self._on_new_connection)
        server.listen(self.name)  # without it the window still runs; it just cannot be raised
        self.server = server
        return True

    def claim_waiting(self, wait: float = COMMAND_WAIT_SECONDS) -> bool:
        """Claim, waiting while a command (not a window) holds the database."""
        deadline = time.monotonic() + wait
        while not self.claim():
            holder = self.lock.holder()
            if (holder is None or holder.role != COMMAND) or time.monotonic() >= deadline:
                return False
            time.sleep(0.1)
        return True

    def holder(self) -> Holder | None:
        return self.lock.holder()

    def forward(self, files: Sequence[Path] = (), timeout_ms: int = 3000) -> bool:
        """Ask the window holding the database to come to the front and to import `files`
        (absolute paths); True when it answered."""
        holder = self.lock.holder()
        if holder is not None:
            allow_foreground(holder.pid)
        deadline = time.monotonic() + timeout_ms / 1000
        while time.monotonic() < deadline:
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(500):
                socket.write(request(files))
                socket.flush()
                answered = socket.waitForReadyRead(timeout_ms) and bytes(
                    socket.readAll().data()
                ).startswith(ANSWER)
                socket.disconnectFromServer()
                return answered
            time.sleep(0.1)  # the first window may be starting its server right now
        return False

    def follow(self, window: W, open_files: Callable[[W, list[Path]], None] | None = None) -> None:
        """Bring `window` to the front when a second start asks, and hand it the files
        waiting and to come, with `open_files` (held weakly: the window is torn down at exit
        while this object may live on)."""
        ref = weakref.ref(window)

        def raise_window() -> None:
            target = ref()
            if target is not None:
                bring_to_front(target)

        def open_in_window(paths: list[Path]) -> None:
            target = ref()
            if target is not None and open_files is not None:
                open_files(target, paths)

        self.raise_requested.connect(raise_window)
        self._open = open_in_window
        self._hand_over()  # what waited while the window was being made, at once

    def open_later(self, files: Sequence[Path]) -> None:
        """Hand `files` to the window: once it follows, together with any that arrive within
        GATHER_MS (one import, one dialog of what arrived)."""
        self._pending.extend(files)
        if self._open is not None and self._pending:
            self._gather.start()

    def _hand_over(self) -> None:
        self._gather.stop()
        if self._open is None or not self._pending:
            return
        files, self._pending = self._pending, []
        self._open(files)

    def release(self) -> None:
        self._gather.stop()
        self._open = None
        if self.server is not None:
            self.server.close()
            self.server = None
        self.lock.release()

    @Slot()
    def _on_new_connection(self) -> None:
        """Answer one request at once (it is a few bytes, sent right after connecting); no
        callback outlives the connection."""
        assert self.server is not None
        socket = self.server.nextPendingConnection()
        if socket is None:
            return
        files = requested_files(_read_line(socket))
        if files is not None:
            socket.write(ANSWER)
            socket.flush()
            socket.waitForBytesWritten(1000)
            if files:
                log.info("a second start handed over %d tally file(s)", len(files))
                self.open_later(files)
            self.raise_requested.emit()
        socket.disconnectFromServer()
        socket.deleteLater()


def _read_line(socket: QLocalSocket) -> bytes:
    """The request line (a long list of files may come in several pieces)."""
    data = b""
    deadline = time.monotonic() + READ_WAIT_SECONDS
    while not data.endswith(b"\n"):
        left_ms = int((deadline - time.monotonic()) * 1000)
        if not socket.bytesAvailable() and (left_ms <= 0 or not socket.waitForReadyRead(left_ms)):
            break
        data += bytes(socket.readAll().data())
    return data


def bring_to_front(window: QWidget) -> None:
    """Show `window` un-minimised, on top, with the focus."""
    window.setWindowState(
        (window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
    )
    window.show()
    window.raise_()
    window.activateWindow()


def allow_foreground(pid: int, user32: Any = None) -> bool:
    """Let process `pid` take the foreground from this one (Windows; elsewhere nothing, and
    False). `user32` stands in for the Windows library in tests."""
    if user32 is None:
        if sys.platform != "win32":
            return False
        import ctypes

        user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    allowed = bool(user32.AllowSetForegroundWindow(int(pid)))
    if not allowed:
        log.info("Windows did not let process %d take the foreground", pid)
    return allowed
