"""A file chosen or dropped for import is read off the database lane: while its share does not
answer, a count is still saved; then the file is imported as before."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from steward_app.services import exchange
from steward_app.ui import exchange_actions
from steward_app.ui.main_window import MainWindow
from tests.conftest import STEWARD
from tests.ui.conftest import open_window
from tests.ui.test_exchange_window import export, idle, record, state_text


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exchange_actions.QMessageBox, "information", lambda *a, **k: None)


@pytest.fixture
def empty_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    window, lane = open_window(qtbot, tmp_path / "second" / "vote.sqlite", demo=False)
    yield window
    window.close()
    lane.shutdown()


def test_a_save_goes_through_while_the_file_to_import_is_still_being_read(
    qtbot: QtBot,
    demo_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    w = demo_window
    file = export(qtbot, w, tmp_path / "out" / "evening.tally")
    release, reading = threading.Event(), threading.Event()
    threads: list[str] = []
    real = exchange.read_import

    def slow_share(path: Path) -> bytes:
        threads.append(threading.current_thread().name)
        reading.set()
        release.wait(20)  # released by the test; never hangs the suite
        return real(path)

    monkeypatch.setattr(exchange, "read_import", slow_share)
    w.exchange.import_files([file], dialog=False)
    qtbot.waitUntil(reading.is_set, timeout=20000)
    record(qtbot, w, STEWARD, "1340", "500")  # the lane is free: the save is done
    assert not release.is_set()
    release.set()
    idle(qtbot, w)
    assert threads and threads[0].startswith("file writes")  # the write lane's thread
    results = w.exchange.last_results
    assert results is not None and [a.name for a in results.arrivals] == ["evening.tally"]


def test_files_are_read_and_imported_one_after_another_with_one_refresh(
    qtbot: QtBot,
    demo_window: MainWindow,
    empty_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    first = export(qtbot, demo_window, tmp_path / "out" / "first.tally")
    record(qtbot, demo_window, STEWARD, "1340", "500")
    second = export(qtbot, demo_window, tmp_path / "out" / "second.tally")
    partial_file = tmp_path / "out" / "copying.tally.partial"
    partial_file.write_bytes(b"half")
    order: list[str] = []
    real = exchange.import_bytes

    def counted(*args: Any, **kwargs: Any) -> Any:
        order.append(kwargs["name"])
        return real(*args, **kwargs)

    monkeypatch.setattr(exchange, "import_bytes", counted)
    with qtbot.waitSignal(empty_window.standings_shown, timeout=20000):
        empty_window.exchange.import_files([first, partial_file, second], dialog=False)
    idle(qtbot, empty_window)
    assert order == ["first.tally", "second.tally"]
    arrivals = empty_window.exchange.last_results.arrivals
    assert [a.name for a in arrivals] == ["first.tally", "copying.tally.partial", "second.tally"]
    assert "refused (incomplete)" in arrivals[1].text
    assert state_text(qtbot, empty_window) == state_text(qtbot, demo_window)
