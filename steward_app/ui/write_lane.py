"""One worker thread for the file writes that need no database: exports once gathered.

An export's database part runs on the database lane (ui/database_lane.py); building the file
(compressing, signing), writing it whole, reading it back and verifying it take longer and
run here, so a count saved meanwhile does not wait for them. One thread: writes never
overlap, and run in the order they were handed over.

`submit` may be called from any thread: the database lane hands an export over as soon as it
is gathered, without a trip through the GUI thread, so a window that is closing has its last
export queued here before the lane stops. As on the database lane, only request numbers cross
between threads through Qt signals; the functions and their results are handed over in
dictionaries under a lock.
"""

from __future__ import annotations

import contextvars
import itertools
import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor, wait
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

from steward_app.ui.database_lane import Done, Failed


class WriteLane(QObject):
    """Runs submitted functions one after another on a worker thread; results come back to
    the GUI thread in the callbacks."""

    _finished = Signal(int)  # emitted on the worker thread, always delivered queued

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._lock = threading.Lock()
        self._ids = itertools.count(1)
        self._pending: dict[int, tuple[Done, Failed]] = {}
        self._results: dict[int, Future[Any]] = {}
        self._last: Future[Any] | None = None
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="file writes")
        self._finished.connect(self._on_finished, Qt.ConnectionType.QueuedConnection)

    def submit(self, work: Callable[[], Any], done: Done, failed: Failed) -> None:
        """Queue `work`; `done(result)` or `failed(error)` is called on the GUI thread."""
        with self._lock:
            request = next(self._ids)
            self._pending[request] = (done, failed)
            # in the caller's context: the window's language (a pool thread has none)
            future = self._last = self._pool.submit(contextvars.copy_context().run, work)
        future.add_done_callback(partial(self._on_worker_finished, request))

    @property
    def busy(self) -> bool:
        """A write queued or running, or its result not yet handed to its callback."""
        with self._lock:
            return bool(self._pending)

    def drain(self) -> None:
        """Wait until every write submitted so far is on disk (or failed): the window closing.

        Callable from any thread but the write thread itself. The callbacks still come later,
        on the GUI thread."""
        with self._lock:
            last = self._last
        if last is not None:
            wait([last])

    def _on_worker_finished(self, request: int, future: Future[Any]) -> None:
        with self._lock:
            self._results[request] = future
        self._finished.emit(request)

    @Slot(int)
    def _on_finished(self, request: int) -> None:
        with self._lock:
            future = self._results.pop(request)
            done, failed = self._pending.pop(request)
        error = future.exception()  # reported to the window, never lost
        if error is None:
            done(future.result())
        else:
            failed(error)
