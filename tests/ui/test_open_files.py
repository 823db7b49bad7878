"""Opening tally files with the program (`steward-app [--db PATH] FILE.tally ...`, a double-click
in the file manager): the window imports them as File › Import results… does, and a second start
on an open database hands them to the window that has it."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from steward_app.ui.app import Started, start_window
from steward_app.ui.main_window import MainWindow
from steward_app.ui.single_instance import SingleInstance, request, requested_files
from tests.conftest import STEWARD
from tests.ui.test_exchange_window import export, no_modal_boxes, results_text, state_text

__all__ = ["no_modal_boxes"]  # the exchange tests' fixture: no information box waits here

SECOND_START = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from steward_app.ui.window_start import claim_database
app = QApplication([])
claim = claim_database(Path(sys.argv[1]), [Path(a) for a in sys.argv[2:]])
print(claim.instance is not None, claim.exit_code, flush=True)
"""


def window_args(db: Path) -> argparse.Namespace:
    return argparse.Namespace(db=db, demo=False, steward=STEWARD.steward, pc=STEWARD.pc)


@pytest.fixture
def windows() -> Iterator[list[Started]]:
    """Windows started as the program starts them, closed and released at the end."""
    started: list[Started] = []
    yield started
    for s in started:
        s.window.close()
        s.close()


def start(windows: list[Started], db: Path, files: list[Path] | None = None) -> MainWindow:
    started = start_window(window_args(db), files or [])
    assert isinstance(started, Started)
    windows.append(started)
    return started.window


def imported(qtbot: QtBot, window: MainWindow) -> str:
    """What the import dialog says, once the import is done."""
    qtbot.waitUntil(lambda: window.exchange.last_results is not None, timeout=30000)
    qtbot.waitUntil(lambda: not window.lane.busy, timeout=20000)
    return results_text(window)


@pytest.fixture
def evening(qtbot: QtBot, demo_window: MainWindow, tmp_path: Path) -> Path:
    return export(qtbot, demo_window, tmp_path / "out" / "evening.tally")


def test_a_window_started_with_tally_files_imports_them(
    qtbot: QtBot, demo_window: MainWindow, evening: Path, tmp_path: Path, windows: list[Started]
) -> None:
    damaged = evening.with_name("damaged.tally")
    damaged.write_bytes(evening.read_bytes()[:-40])
    window = start(windows, tmp_path / "second" / "vote.sqlite", [damaged, evening])
    text = imported(qtbot, window)  # one import of both, with the dialog of what arrived
    assert "damaged.tally: refused (incomplete)" in text
    assert "evening.tally: joined the vote" in text
    assert window.pages.currentWidget() is window.splitter
    assert state_text(qtbot, window) == state_text(qtbot, demo_window)


def test_a_second_start_with_a_file_hands_it_to_the_open_window(
    qtbot: QtBot, demo_window: MainWindow, evening: Path, tmp_path: Path, windows: list[Started]
) -> None:
    db = tmp_path / "second" / "vote.sqlite"
    window = start(windows, db)
    qtbot.waitUntil(lambda: window.session is not None, timeout=20000)
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "STEWARD_APP_LOG_DIR": str(tmp_path / "logs"),
    }
    # the program itself, with the file named relative to its own folder
    second = subprocess.Popen(
        [sys.executable, "-m", "steward_app", "--db", str(db), evening.name],
        cwd=evening.parent,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    text = imported(qtbot, window)
    _out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    assert "evening.tally: joined the vote" in text
    assert state_text(qtbot, window) == state_text(qtbot, demo_window)
    assert windows[0].instance.lock.holder() is not None  # the first window still holds it


def test_files_handed_over_before_the_window_exists_wait_for_it(
    qtbot: QtBot, tmp_path: Path
) -> None:
    """A second start may come while the first still asks for the steward's name."""
    db = tmp_path / "vote.sqlite"
    first = SingleInstance(db)
    assert first.claim()
    first.open_later([tmp_path / "own.tally"])  # the first start's own file
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    handed = [tmp_path / "a folder" / "line\nbreak.tally", tmp_path / "b.tally"]
    with qtbot.waitSignal(first.raise_requested, timeout=20000):
        second = subprocess.Popen(
            [sys.executable, "-c", SECOND_START, str(db), *map(str, handed)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
    out, _ = second.communicate(timeout=30)
    assert out.split() == ["False", "0"]
    widget = QWidget()
    qtbot.addWidget(widget)
    opened: list[tuple[QWidget, list[Path]]] = []
    first.follow(widget, lambda w, files: opened.append((w, files)))
    assert opened == [(widget, [tmp_path / "own.tally", *handed])]  # at once, all together
    first.release()


def test_files_arriving_close_together_make_one_import(qtbot: QtBot, tmp_path: Path) -> None:
    """Explorer starts one program per selected file: each hands its file over."""
    first = SingleInstance(tmp_path / "vote.sqlite")
    assert first.claim()
    widget = QWidget()
    qtbot.addWidget(widget)
    opened: list[list[Path]] = []
    first.follow(widget, lambda _w, files: opened.append(files))
    assert opened == []  # nothing waited
    first.open_later([tmp_path / "a.tally"])
    first.open_later([tmp_path / "b.tally"])
    qtbot.waitUntil(lambda: bool(opened), timeout=5000)
    qtbot.wait(500)
    assert opened == [[tmp_path / "a.tally", tmp_path / "b.tally"]]
    first.release()


def test_the_request_line_carries_any_file_name() -> None:
    files = [Path("/a folder/line\nbreak.tally"), Path("/ünïcode €.tally")]
    line = request(files)
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert requested_files(line) == files
    assert requested_files(request()) == []  # the raise alone, as before
    assert requested_files(b"raise\n") == []
    assert requested_files(b"raise {not json}\n") == []  # raised, nothing imported
    assert requested_files(b"hello\n") is None


def test_a_file_macos_hands_over_is_imported(
    qtbot: QtBot, demo_window: MainWindow, evening: Path, tmp_path: Path, windows: list[Started]
) -> None:
    window = start(windows, tmp_path / "second" / "vote.sqlite")
    app = QApplication.instance()
    assert app is not None
    assert QApplication.sendEvent(app, QFileOpenEvent(str(evening)))
    assert "evening.tally: joined the vote" in imported(qtbot, window)
