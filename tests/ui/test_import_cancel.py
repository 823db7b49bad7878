"""Cancelling an import: before a file, or just before its commit, nothing of it is written."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton
from pytestqt.qtbot import QtBot

from steward_app.services.exchange import state_code
from steward_app.ui import exchange_actions
from steward_app.ui.exchange_work import cancelled_words, import_paths
from steward_app.ui.main_window import MainWindow
from tests.conftest import STEWARD
from tests.ui.test_exchange_window import (
    empty_window,  # noqa: F401  (the fixture)
    export,
    idle,
    on_lane,
    record,
)


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exchange_actions.QMessageBox, "information", lambda *a, **k: None)


def test_a_cancel_just_before_the_commit_writes_nothing_and_later_files_are_skipped(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    first = export(qtbot, demo_window, tmp_path / "out" / "first.tally")
    record(qtbot, demo_window, STEWARD, "1340", "500")
    second = export(qtbot, demo_window, tmp_path / "out" / "second.tally")
    # a second PC that already has the first file, so each file would bring something new
    other, other_lane = _window(qtbot, tmp_path / "other" / "vote.sqlite")
    try:
        other.exchange.import_files([first], dialog=False)
        idle(qtbot, other)
        session = other.session
        assert session is not None
        before = on_lane(qtbot, other, lambda: state_code(session.store))
        asked: list[int] = []

        def cancelled() -> bool:  # passes the check before the file, then the steward cancels
            asked.append(1)
            return len(asked) > 1

        result = on_lane(qtbot, other, lambda: import_paths(session, [second], cancelled))
        assert [a.text for a in result.arrivals] == [cancelled_words()]
        assert len(asked) == 2  # asked before the file and again before its commit
        assert not result.changed
        assert on_lane(qtbot, other, lambda: state_code(session.store)) == before
        # the file was not recorded as imported: it imports in full later
        again = on_lane(qtbot, other, lambda: import_paths(session, [second]))
        assert again.changed and "1 new" in again.arrivals[0].text
    finally:
        other.close()
        other_lane.shutdown()


def test_the_progress_dialogs_cancel_stops_an_import_waiting_on_the_lane(
    qtbot: QtBot,
    demo_window: MainWindow,
    empty_window: MainWindow,  # noqa: F811
    tmp_path: Path,
) -> None:
    file = export(qtbot, demo_window, tmp_path / "out" / "evening.tally")
    release = threading.Event()
    empty_window.lane.submit(lambda: release.wait(20), lambda _r: None, lambda _e: None)
    empty_window.exchange.import_files([file], dialog=False)
    progress = empty_window.exchange.import_progress
    assert progress is not None and progress.labelText() == "Importing 1 file…"
    button = progress.findChild(QPushButton)
    assert button is not None and button.text() == "&Cancel"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    release.set()
    qtbot.waitUntil(lambda: empty_window.exchange.import_progress is None, timeout=20000)
    idle(qtbot, empty_window)
    results = empty_window.exchange.last_results
    assert results is not None
    assert [a.text for a in results.arrivals] == [cancelled_words()]
    assert empty_window.standings is None  # it did not join the vote
    assert cancelled_words() in empty_window.statusBar().currentMessage()


def _window(qtbot: QtBot, path: Path) -> tuple[MainWindow, object]:
    from tests.ui.conftest import open_window

    window, lane = open_window(qtbot, path, demo=False)
    return window, lane
