"""Start-up runs without collector passes, and the collector is back once the first view is up."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
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
    gc.unfreeze()
    assert main(["--db", str(tmp_path / "x.sqlite"), "check-setup", str(setup)]) == 0
    assert gc.isenabled()
    assert gc.get_freeze_count() > 1000  # start-up's objects are out of the command's collections
    assert "15 unions" in capsys.readouterr().out


def test_the_window_loads_pyqtgraph_only_with_the_evening_timeline() -> None:
    """The standings bars are drawn with QPainter: the window's modules leave pyqtgraph (a
    large import) to the Evening tab, which is built when first opened."""
    code = (
        "import sys\n"
        "import steward_app.ui.main_window\n"
        "assert 'pyqtgraph' not in sys.modules, 'loaded with the window'\n"
        "import steward_app.ui.timeline_chart\n"
        "assert 'pyqtgraph' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code],
        check=False,
        capture_output=True,
        text=True,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
