"""The window's hub (ui/window_context.py): an operation's result and error are routed, and a
change reaches the window first, then the controllers."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from steward_app.services.changes import Changes
from steward_app.services.errors import Refused
from steward_app.ui.main_window import MainWindow


def test_an_operation_routes_its_result_and_its_error(
    demo_window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    context = demo_window.context
    results: list[object] = []
    context.run(lambda: context.open_session().standings(), results.append)
    qtbot.waitUntil(lambda: bool(results), timeout=10000)
    assert demo_window.standings is not None
    assert results[0].vote == demo_window.standings.vote  # type: ignore[attr-defined]

    boxes: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: boxes.append(text))

    def refuse() -> None:
        raise Refused("Nothing was recorded: the unit is not in this vote.")

    context.run(refuse, lambda _: None)  # no handler given: the default one
    qtbot.waitUntil(lambda: bool(boxes), timeout=10000)
    assert boxes == ["Nothing was recorded: the unit is not in this vote."]
    assert demo_window.statusBar().currentMessage() == boxes[0]

    errors: list[BaseException] = []
    context.run(refuse, lambda _: None, errors.append)  # its own handler: no box
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert isinstance(errors[0], Refused) and len(boxes) == 1


def test_a_change_is_shown_by_the_window_before_a_controller_hears_it(
    demo_window: MainWindow, qtbot: QtBot
) -> None:
    context = demo_window.context
    fresh: list[object] = []
    context.run(context.open_session().cache.refresh_all, fresh.append)
    qtbot.waitUntil(lambda: bool(fresh), timeout=10000)
    standings = fresh[0]
    assert standings is not demo_window.form.standings  # not shown yet
    heard: list[tuple[object, object, object, object]] = []
    # a controller connected after the window: the window's views are current when it hears
    context.standings_changed.connect(
        lambda s, c, i: heard.append((s, c, i, demo_window.form.standings))
    )
    changes = Changes(units=frozenset({"nobody"}))
    with qtbot.waitSignal(demo_window.standings_shown, timeout=10000):
        context.change(standings, changes, "a controller")
    assert heard == [(standings, changes, "a controller", standings)]
    assert context.standings is standings


def test_the_controllers_get_the_context_not_the_window(demo_window: MainWindow) -> None:
    context = demo_window.context
    for controller in (demo_window.exchange, demo_window.data_safety, demo_window.undo):
        assert controller.context is context
    assert demo_window.roster.context is context


def test_no_database_yet_is_an_error_not_a_crash(tmp_path: Path) -> None:
    from PySide6.QtWidgets import QMainWindow

    from steward_app.ui.database_lane import DatabaseLane
    from steward_app.ui.window_context import WindowContext
    from tests.conftest import STEWARD

    window = QMainWindow()
    lane = DatabaseLane()
    try:
        context = WindowContext(window, lane, tmp_path / "x.sqlite", STEWARD)
        with pytest.raises(RuntimeError, match="not open"):
            context.open_session()
    finally:
        lane.shutdown()
