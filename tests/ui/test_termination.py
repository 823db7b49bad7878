"""SIGTERM (a logout) closes the window through its normal close path."""

from __future__ import annotations

import os
import signal
import sys

import pytest
from pytestqt.qtbot import QtBot

from steward_app.ui.main_window import MainWindow
from steward_app.ui.termination import close_windows_on_terminate

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="no SIGTERM on Windows")


def test_sigterm_closes_the_window_and_puts_the_old_handler_back(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance()
    assert isinstance(app, QApplication)
    before = signal.getsignal(signal.SIGTERM)
    closes = close_windows_on_terminate(app)
    assert closes is not None
    try:
        assert demo_window.isVisible()
        os.kill(os.getpid(), signal.SIGTERM)
        qtbot.waitUntil(lambda: not demo_window.isVisible(), timeout=5000)
    finally:
        closes.remove()
    assert signal.getsignal(signal.SIGTERM) is before
