"""One window per database: the database's lock (store.lock), and a local socket named from
the database's path through which a second start asks the first window to come to the front.

A lock left by a crash is not held by any process and is simply taken over; a stale socket
name is removed once the lock is ours (no live window can own it then).
"""

from __future__ import annotations

import hashlib
import time
import weakref
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QWidget

from steward_app.store.lock import COMMAND, WINDOW, DatabaseLock, Holder

RAISE = b"raise\n"
ANSWER = b"ok\n"
COMMAND_WAIT_SECONDS = 10.0  # a command holding the lock finishes within this


def server_name(db_path: Path) -> str:
    digest = hashlib.sha256(str(Path(db_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"steward_app-{digest}"


class SingleInstance(QObject):
    """This window's claim on its database. `raise_requested` fires when a second start asks
    for the window."""

    raise_requested = Signal()

    def __init__(self, db_path: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.lock = DatabaseLock(self.db_path, WINDOW)
        self.name = server_name(self.db_path)
        self.server: QLocalServer | None = None

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

    def forward(self, timeout_ms: int = 3000) -> bool:
        """Ask the window holding the database to come to the front; True when it answered."""
        deadline = time.monotonic() + timeout_ms / 1000
        while time.monotonic() < deadline:
            socket = QLocalSocket()
            socket.connectToServer(self.name)
            if socket.waitForConnected(500):
                socket.write(RAISE)
                socket.flush()
                answered = socket.waitForReadyRead(timeout_ms) and bytes(
                    socket.readAll().data()
                ).startswith(ANSWER)
                socket.disconnectFromServer()
                return answered
            time.sleep(0.1)  # the first window may be starting its server right now
        return False

    def follow(self, window: QWidget) -> None:
        """Bring `window` to the front when a second start asks (held weakly: the window
        is torn down at exit while this object may live on)."""
        ref = weakref.ref(window)

        def raise_window() -> None:
            target = ref()
            if target is not None:
                bring_to_front(target)

        self.raise_requested.connect(raise_window)

    def release(self) -> None:
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
        if socket.bytesAvailable() or socket.waitForReadyRead(1000):
            asked = bytes(socket.readAll().data()).startswith(RAISE[:-1])
            if asked:
                socket.write(ANSWER)
                socket.flush()
                socket.waitForBytesWritten(1000)
                self.raise_requested.emit()
        socket.disconnectFromServer()
        socket.deleteLater()


def bring_to_front(window: QWidget) -> None:
    """Show `window` un-minimised, on top, with the focus."""
    window.setWindowState(
        (window.windowState() & ~Qt.WindowState.WindowMinimized) | Qt.WindowState.WindowActive
    )
    window.show()
    window.raise_()
    window.activateWindow()
