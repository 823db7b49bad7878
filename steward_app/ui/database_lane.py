"""One worker thread for all database work (SQLite has one writer); results come back by signal.

The window never runs a query or touches a file on the GUI thread: it submits a plain function,
and gets its result (or the exception it raised) in a callback on the GUI thread.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Worker(QObject):
    finished = Signal(int, object)
    failed = Signal(int, object)

    @Slot(int, object)
    def run(self, request: int, work: Callable[[], Any]) -> None:
        try:
            result = work()
        except Exception as exc:  # reported to the window, never lost
            self.failed.emit(request, exc)
        else:
            self.finished.emit(request, result)


class DatabaseLane(QObject):
    """Runs submitted functions one after another on a worker thread."""

    _submitted = Signal(int, object)
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("database lane")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submitted.connect(self._worker.run)
        self._worker.finished.connect(self._on_worker_finished)
        self._worker.failed.connect(self._on_worker_failed)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Done, Failed]] = {}
        self._thread.start()

    def submit(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        request = next(self._ids)
        self._pending[request] = (done, failed)
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._submitted.emit(request, work)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    def _pop(self, request: int) -> tuple[Done, Failed]:
        callbacks = self._pending.pop(request)
        if not self._pending:
            self.busy_changed.emit(False)
        return callbacks

    @Slot(int, object)
    def _on_worker_finished(self, request: int, result: object) -> None:
        self._pop(request)[0](result)

    @Slot(int, object)
    def _on_worker_failed(self, request: int, error: object) -> None:
        assert isinstance(error, BaseException)
        self._pop(request)[1](error)

    def shutdown(self) -> None:
        self._thread.quit()
        self._thread.wait(5000)
