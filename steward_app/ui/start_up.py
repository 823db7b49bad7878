"""Start-up without garbage-collector passes: the window path allocates a great deal while it
imports and builds, and frees almost nothing, so every collection then is wasted work.

`steward_app.__main__` switches the collector off before the first import; `settle` switches
it back on once the first view is up (the dashboard or the start page; at the latest after ten
seconds), after freezing what start-up made: those long-lived objects (modules, classes,
widgets) then stay out of every later collection, which keeps full collections short during
the evening too.
bench/bench_window.py starts the same way.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QTimer

from steward_app.ui.main_window import MainWindow

LONGEST_PAUSE_MS = 10_000  # collect again even if the first view never comes


def settle() -> None:
    """Freeze what start-up built and collect from now on (idempotent)."""
    if not gc.isenabled():
        gc.freeze()
        gc.enable()


def settle_after_first_view(window: MainWindow) -> None:
    window.standings_shown.connect(settle)
    QTimer.singleShot(LONGEST_PAUSE_MS, settle)
