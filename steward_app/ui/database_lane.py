"""One worker thread for all database work (SQLite has one writer); results come back by signal.

The window never runs a query or touches a file on the GUI thread: it submits a plain function,
and gets its result (or the exception it raised) in a callback on the GUI thread.

Only request numbers cross between threads through Qt signals; the functions and their results
are handed over in Python dictionaries, so no Python object depends on the bindings' handling
of queued `object` arguments.
"""

from __future__ import annotations

import contextvars
import itertools
import threading
from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal, Slot

# how long a closing window waits for the lane's last jobs: an export written to a slow network
# share (a 1,000,000-entry vote's takes 20 s or so on a quiet PC)
STOP_WAIT_MS = 120_000

Done = Callable[[Any], None]
Failed = Callable[[BaseException], None]


class _Worker(QObject):
    finished = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self.lock = threading.Lock()
        self.work: dict[int, Callable[[], Any]] = {}
        self.results: dict[int, tuple[bool, Any]] = {}

    @Slot(int)
    def run(self, request: int) -> None:
        with self.lock:
            work = self.work.pop(request)
        try:
            outcome: tuple[bool, Any] = (True, work())
        except Exception as exc:  # reported to the window, never lost
            outcome = (False, exc)
        with self.lock:
            self.results[request] = outcome
        self.finished.emit(request)

    @Slot()
    def stop(self) -> None:
        """End the thread's event loop. Posted like a job, so it comes after every job posted
        before it: QThread.quit() from outside drops the jobs posted while one was running."""
        thread = self.thread()
        assert thread is QThread.currentThread()
        thread.quit()


class DatabaseLane(QObject):
    """Runs submitted functions one after another on a worker thread."""

    _submitted = Signal(int)
    _stopping = Signal()
    busy_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._thread = QThread()
        self._thread.setObjectName("database lane")
        self._worker = _Worker()
        self._worker.moveToThread(self._thread)
        self._submitted.connect(self._worker.run)
        self._stopping.connect(self._worker.stop)
        self._worker.finished.connect(self._on_worker_finished)
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Done, Failed]] = {}
        self._thread.start()

    def submit(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        """Run `work` on the lane in a copy of the caller's context: it speaks the window's
        language (or the one a report chose), a thread starting with none of its own."""
        work = partial(contextvars.copy_context().run, work)
        request = next(self._ids)
        self._pending[request] = (done, failed)
        with self._worker.lock:
            self._worker.work[request] = work
        if len(self._pending) == 1:
            self.busy_changed.emit(True)
        self._submitted.emit(request)

    @property
    def busy(self) -> bool:
        return bool(self._pending)

    @Slot(int)
    def _on_worker_finished(self, request: int) -> None:
        with self._worker.lock:
            ok, value = self._worker.results.pop(request)
        done, failed = self._pending.pop(request)
        if not self._pending:
            self.busy_changed.emit(False)
        if ok:
            done(value)
        else:
            failed(value)

    def shutdown(self, wait_ms: int = STOP_WAIT_MS) -> bool:
        """Stop once every job handed over so far has run (a closing window's last export,
        then closing the database). True when the thread has stopped; False when it was still
        at work after `wait_ms` (the caller must then not let Qt destroy a running thread,
        which aborts the process: see ui/app.py)."""
        self.stop()
        return bool(self._thread.wait(wait_ms))

    def stop(self) -> None:
        """Let the thread end after the jobs handed over so far, without waiting for them."""
        self._stopping.emit()
