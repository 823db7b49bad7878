"""Dialogs open within the screen they are on (a 1024x600 netbook included)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot

from tests.ui.conftest import open_window


def test_the_conflicts_and_history_dialogs_fit_the_screen(qtbot: QtBot, tmp_path: Path) -> None:
    window, lane = open_window(qtbot, tmp_path / "demo.sqlite", demo=True)
    try:
        available = window.screen().availableGeometry()
        # the dialogs ask for 1040 px: the check means something only on a narrower screen
        assert available.width() < 1040
        window.exchange.open_conflicts()
        window.exchange.open_history()
        qtbot.wait(100)
        dialogs = [window.exchange._conflicts, window.exchange._history]
        assert all(d is not None for d in dialogs)
        for dialog in dialogs:
            assert dialog is not None
            assert dialog.width() <= available.width(), type(dialog).__name__
            assert dialog.height() <= available.height(), type(dialog).__name__
            dialog.close()
    finally:
        window.close()
        lane.shutdown()
