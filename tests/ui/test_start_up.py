"""Start-up runs without collector passes, and the collector is back once the first view is up."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from steward_app.__main__ import main
from steward_app.ui.database_lane import DatabaseLane
from steward_app.ui.main_window import MainWindow
from steward_app.ui.start_up import settle_after_first_view
from tests.conftest import STEWARD


@pytest.fixture
def collector_restored() -> Iterator[None]:
    yield
    gc.enable()
    gc.unfreeze()


@pytest.mark.usefixtures("collector_restored")
def test_collector_is_back_on_and_start_up_frozen_after_the_first_view(
    qtbot: QtBot, tmp_path: Path
) -> None:
    gc.disable()  # as steward_app.__main__ does before the window path
    lane = DatabaseLane()
    window = MainWindow(lane, tmp_path / "demo.sqlite", STEWARD, demo=True)
    qtbot.addWidget(window)
    settle_after_first_view(window)
    assert not gc.isenabled()
    with qtbot.waitSignal(window.standings_shown, timeout=20000):
        window.show()
    assert gc.isenabled()
    assert gc.get_freeze_count() > 1000  # start-up's objects are out of later collections
    window.close()
    lane.shutdown()


@pytest.mark.usefixtures("collector_restored")
def test_a_command_runs_with_the_collector_on(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    setup = Path(__file__).resolve().parents[2] / "resources" / "demo" / "setup.toml"
    assert main(["--db", str(tmp_path / "x.sqlite"), "check-setup", str(setup)]) == 0
    assert gc.isenabled()
    assert "15 unions" in capsys.readouterr().out
