"""Window fixtures: offscreen Qt, settings in a temp folder, a window on a fresh demo vote."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from steward_app.ui.database_lane import DatabaseLane
from steward_app.ui.main_window import MainWindow
from steward_app.ui.window_language import apply_language
from tests.conftest import STEWARD


@pytest.fixture(autouse=True, scope="session")
def english_window(qapp: QApplication) -> None:
    """The window speaks English, as it starts on an English system: its translator holds the
    English plural forms ("1 file", "2 files"). A test in another language sets it and puts
    English back (tests/ui/test_window_translations.py)."""
    apply_language("en")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path: Path) -> None:
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "ini"))


def _unexpected_box(kind: str) -> Callable[..., object]:
    def shown(*args: object, **_kwargs: object) -> object:
        words = " / ".join(a for a in args if isinstance(a, str)) or "no text"
        raise AssertionError(f"an unexpected message box ({kind}) would wait for a click: {words}")

    return shown


@pytest.fixture(autouse=True)
def no_waiting_message_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Offscreen nobody clicks: a modal message box a test does not expect would hang the run
    (until CI's time limit). It fails the test instead, with its text; a test that expects a
    box replaces it itself (its monkeypatch comes after this one)."""
    for kind in ("information", "warning", "critical", "question"):
        monkeypatch.setattr(QMessageBox, kind, _unexpected_box(kind))
    monkeypatch.setattr(QMessageBox, "exec", _unexpected_box("exec"))


def open_window(qtbot: QtBot, path: Path, demo: bool) -> tuple[MainWindow, DatabaseLane]:
    lane = DatabaseLane()
    window = MainWindow(lane, path, STEWARD, demo=demo)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.standings_shown, timeout=20000):
        window.show()
    return window, lane


@pytest.fixture
def demo_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    window, lane = open_window(qtbot, tmp_path / "demo.sqlite", demo=True)
    yield window
    window.close()
    lane.shutdown()
