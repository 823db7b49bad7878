"""`steward-app --exit-after-paint` opens the window, paints the first standings and exits 0
(the way bench/bench_window.py times start-up from outside)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from steward_app.services.vote_setup import load_demo
from steward_app.store.vote_store import VoteStore
from steward_app.ui import exit_after_paint
from steward_app.ui.database_lane import DatabaseLane
from steward_app.ui.main_window import MainWindow
from tests.conftest import STEWARD


def _demo(path: Path) -> Path:
    store = VoteStore(path)
    try:
        load_demo(store, STEWARD)
    finally:
        store.close()
    return path


def test_the_option_exits_0_through_the_real_entry_point(tmp_path: Path) -> None:
    db = _demo(tmp_path / "demo.sqlite")
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "STEWARD_APP_LOG_DIR": str(tmp_path / "logs"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "steward_app", "--db", str(db), "--steward", "a steward"]
        + ["--pc", "a PC", "--exit-after-paint"],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    log = (tmp_path / "logs" / "steward_app.log").read_text(encoding="utf-8")
    assert "window" in log  # it took the window's path, not a command's


class _App:
    """The application, with exit() recorded instead of done."""

    def __init__(self) -> None:
        self.real = QApplication.instance()
        self.exits: list[int] = []

    def installEventFilter(self, f: object) -> None:
        self.real.installEventFilter(f)  # type: ignore[union-attr, arg-type]

    def removeEventFilter(self, f: object) -> None:
        self.real.removeEventFilter(f)  # type: ignore[union-attr, arg-type]

    def exit(self, code: int) -> None:
        self.exits.append(code)


def test_it_quits_after_qt_painted_the_first_standings(qtbot: QtBot, tmp_path: Path) -> None:
    db = _demo(tmp_path / "demo.sqlite")
    lane = DatabaseLane()
    window = MainWindow(lane, db, STEWARD)
    qtbot.addWidget(window)
    app = _App()
    watcher = exit_after_paint._ExitAfterPaint(app, window)  # type: ignore[arg-type]
    window.show()
    qtbot.waitUntil(lambda: app.exits == [0], timeout=10_000)
    assert window.standings is not None  # the standings were shown before it quit
    assert watcher.painted_by_qt  # by Qt's own paint after them, not the fallback
    lane.shutdown()
