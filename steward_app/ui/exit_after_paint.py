"""`steward-app --exit-after-paint`: open the window, paint the first standings, exit 0.

A way to measure start-up from outside the process, through the real entry path (the command
line, logging, the icon, the database's single-instance claim, the window, the database
opened on the lane): time the whole process. bench/bench_window.py does, against a bare
window that imports what the app has loaded at that moment (docs/performance.md).

"Painted" means Qt has painted the window after it showed the first standings (or the start
page, on a database without a vote): the first paint event of any of its widgets after that
ends the run, once that paint pass is over. Quitting then goes the usual way (the lane
finishes what it was given, the database's claim is released), so the exit status is the
window's own.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QWidget

from steward_app.ui.main_window import MainWindow

FALLBACK_MS = 2_000  # after the first view: paint it ourselves if Qt has not (never seen)


class _ExitAfterPaint(QObject):
    def __init__(self, app: QApplication, window: MainWindow) -> None:
        super().__init__(window)
        self.app = app
        self.window = window
        self.done = False
        self.painted_by_qt = False  # else the fallback painted it
        window.standings_shown.connect(self._on_shown)

    def _on_shown(self, _standings: object) -> None:
        self.window.standings_shown.disconnect(self._on_shown)
        self.app.installEventFilter(self)
        QTimer.singleShot(FALLBACK_MS, self._paint_and_quit)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if (
            not self.done
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self.done = self.painted_by_qt = True
            # the rest of this paint pass runs before the timer: the whole window is painted
            QTimer.singleShot(0, self._quit)
        return False

    def _paint_and_quit(self) -> None:
        if not self.done:
            self.done = True
            self.window.repaint()
            self._quit()

    def _quit(self) -> None:
        self.app.removeEventFilter(self)
        self.app.exit(0)


def exit_after_first_paint(app: QApplication, window: MainWindow) -> None:
    """Quit the event loop (status 0) once the window's first standings are painted."""
    _ExitAfterPaint(app, window)
