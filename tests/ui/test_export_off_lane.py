"""An export's file is built, written and checked off the database lane: a save goes through
meanwhile, a change during a write leads to exactly one more export, a failure is reported and
changes nothing, and a window closed during a write leaves the whole file in the folder.

The write is held on a threading.Event (exchange.write_export wrapped), so each test knows the
write is in progress while it acts, with no timing involved."""

from __future__ import annotations

import errno
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from steward_app.services import exchange
from steward_app.sync import bundle, files
from steward_app.ui import exchange_actions
from steward_app.ui.main_window import MainWindow
from tests.conftest import SECOND, STEWARD
from tests.ui.conftest import open_window
from tests.ui.test_exchange_window import db_bytes, idle, on_lane, record, state_text


class HeldWrites:
    """exchange.write_export waits for `release` before writing; `started` lists each call
    (appended on the write thread), `gathered` each database part (on the lane)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.release = threading.Event()
        self.started: list[Path] = []
        self.gathered: list[exchange.Gathered] = []
        write, gather = exchange.write_export, exchange.gather_export

        def held_write(g: exchange.Gathered, target: Path) -> exchange.ExportResult:
            self.started.append(target)
            assert threading.current_thread() is not threading.main_thread()
            self.release.wait(20)  # released by the test; never hangs the suite
            return write(g, target)

        def counted_gather(*args: Any, **kwargs: Any) -> exchange.Gathered:
            got = gather(*args, **kwargs)
            self.gathered.append(got)
            return got

        monkeypatch.setattr(exchange, "write_export", held_write)
        monkeypatch.setattr(exchange, "gather_export", counted_gather)


def current_state(qtbot: QtBot, window: MainWindow) -> exchange.StateCode:
    assert window.session is not None
    store = window.session.store
    return on_lane(qtbot, window, lambda: exchange.state_code(store))  # type: ignore[no-any-return]


def state_in(path: Path) -> str:
    """The state code a tally file carries, once it passed every check of its own."""
    return bundle.open_file(path.read_bytes(), None, None).manifest.state_code


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exchange_actions.QMessageBox, "information", lambda *a, **k: None)


@pytest.fixture
def share(tmp_path: Path) -> Path:
    folder = tmp_path / "share"
    folder.mkdir()
    return folder


@pytest.fixture
def held(monkeypatch: pytest.MonkeyPatch) -> Iterator[HeldWrites]:
    writes = HeldWrites(monkeypatch)
    yield writes
    writes.release.set()  # a test that failed midway never leaves a write waiting


def share_held(qtbot: QtBot, window: MainWindow, share: Path, held: HeldWrites) -> list[str]:
    """Start sharing through `share` and return the files `exported` reports, once the first
    export's write has started and waits."""
    state_text(qtbot, window)  # the opening's work done
    exported: list[str] = []
    window.exchange.shared.exported.connect(exported.append)
    window.exchange.use_shared_folder(share)
    qtbot.waitUntil(lambda: bool(held.started), timeout=20000)
    return exported


def test_a_save_goes_through_while_the_shared_folder_file_is_written(
    qtbot: QtBot, demo_window: MainWindow, share: Path, held: HeldWrites
) -> None:
    w = demo_window
    shared = w.exchange.shared
    exported = share_held(qtbot, w, share, held)
    record(qtbot, w, STEWARD, "1340", "500")  # a save: on the lane, back on the GUI
    assert not held.release.is_set()
    assert not files.tally_files(share) and not exported  # the write still waits
    assert w.exchange.writing and not w.lane.busy
    held.release.set()
    qtbot.waitUntil(lambda: bool(exported), timeout=20000)
    (own,) = files.tally_files(share)
    assert exported == [str(own)] and own.name == shared.own
    assert "Results written to the shared folder" in w.statusBar().currentMessage()
    assert state_in(own) == held.gathered[0].state.code  # whole, verified, as gathered


def test_a_change_during_a_write_leads_to_exactly_one_more_export(
    qtbot: QtBot, demo_window: MainWindow, share: Path, held: HeldWrites
) -> None:
    w = demo_window
    shared = w.exchange.shared
    shared.debounce.setInterval(600_000)  # the test fires the exports as the timer would
    exported = share_held(qtbot, w, share, held)
    record(qtbot, w, STEWARD, "1340", "500")  # changes while the file is written
    record(qtbot, w, SECOND, "1340", "500")
    for _ in range(3):
        shared.export_now()
    qtbot.waitUntil(lambda: not w.lane.busy, timeout=20000)
    assert len(held.gathered) == 1 and len(held.started) == 1  # no second writer
    assert shared.exporting
    held.release.set()
    idle(qtbot, w)
    assert len(held.gathered) == 2 and len(held.started) == 2
    assert len(exported) == 2 and not shared.exporting
    (own,) = files.tally_files(share)
    assert state_in(own) == current_state(qtbot, w).code  # the changes are in the file
    assert held.gathered[0].state != held.gathered[1].state


def test_a_write_that_fails_is_reported_and_changes_nothing(
    qtbot: QtBot, demo_window: MainWindow, share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = demo_window
    shared = w.exchange.shared
    state_text(qtbot, w)
    w.exchange.use_shared_folder(share)
    idle(qtbot, w)
    (own,) = files.tally_files(share)
    before_file, before_db = own.read_bytes(), db_bytes(qtbot, w)

    write, disk_full = files.write_atomically, [True]

    def full_disk(*args: Any, **kwargs: Any) -> Path:
        if disk_full:
            raise OSError(errno.ENOSPC, "No space left on device")
        return write(*args, **kwargs)

    monkeypatch.setattr(files, "write_atomically", full_disk)
    failed: list[str] = []
    shared.failed.connect(failed.append)
    shared.export_now()
    idle(qtbot, w)
    assert failed == [
        f"Could not write to the shared folder {share}: cannot write {own}: No space left on "
        "device. Trying again in 5 s"
    ]
    assert w.statusBar().currentMessage() == failed[0]
    assert own.read_bytes() == before_file and db_bytes(qtbot, w) == before_db
    assert not shared.exporting
    # the export is tried again by itself, each wait twice the last
    assert shared.retry.isActive() and shared.retry.interval() == 5000
    shared.retry.stop()
    shared.retry.timeout.emit()  # what the timer does
    idle(qtbot, w)
    assert failed[-1].endswith("Trying again in 10 s") and shared.retry.interval() == 10000
    assert shared.troubles == {"": failed[-1]}  # this PC's export, still being tried
    disk_full.clear()  # the disk has room again
    record(qtbot, w, STEWARD, "1340", "500")
    shared.debounce.stop()
    shared.retry.stop()
    shared.retry.timeout.emit()
    idle(qtbot, w)
    assert own.read_bytes() != before_file and state_in(own) == current_state(qtbot, w).code
    assert shared.export_failures == 0 and not shared.retry.isActive()
    assert shared.troubles == {}


def test_export_results_writes_its_file_off_the_lane(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, held: HeldWrites
) -> None:
    w = demo_window
    state_text(qtbot, w)
    target = tmp_path / "out" / "evening.tally"
    target.parent.mkdir()
    w.exchange.export_to(target)
    qtbot.waitUntil(lambda: bool(held.started), timeout=20000)
    record(qtbot, w, STEWARD, "1340", "500")
    assert not target.exists() and "Exporting to" in w.statusBar().currentMessage()
    held.release.set()
    qtbot.waitUntil(lambda: "Exported to" in w.statusBar().currentMessage(), timeout=20000)
    assert state_in(target) == held.gathered[0].state.code


def test_closing_during_a_write_leaves_the_whole_file_with_the_last_change(
    qtbot: QtBot, tmp_path: Path, share: Path, held: HeldWrites
) -> None:
    w, lane = open_window(qtbot, tmp_path / "pc" / "demo.sqlite", demo=True)
    w.exchange.shared.debounce.setInterval(600_000)  # still waiting when the window closes
    share_held(qtbot, w, share, held)
    record(qtbot, w, STEWARD, "1340", "500")  # its export is due when the window closes
    qtbot.waitUntil(w.exchange.shared.debounce.isActive, timeout=20000)
    last = current_state(qtbot, w)
    w.close()  # queues the last export before the database closes
    assert not files.tally_files(share)  # the first write still waits
    held.release.set()
    lane.shutdown()  # as the application does before it quits: waits for the lane
    (own,) = files.tally_files(share)
    assert not [p for p in share.iterdir() if files.is_partial(p)]
    assert len(held.started) == 2 and state_in(own) == last.code
