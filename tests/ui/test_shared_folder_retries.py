"""The shared folder tries again what failed for a moment: another PC's file held by another
program, or whose backup could not be made before its import, is not marked seen and is
imported at a later scan; waits double; a held file does not stop the rest of the scan."""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from steward_app import durable
from steward_app.services import backups, exchange
from steward_app.store.errors import StoreError
from steward_app.sync import files
from steward_app.ui import exchange_actions, shared_folder, shared_reading
from steward_app.ui.exchange_work import import_each
from steward_app.ui.main_window import MainWindow
from steward_app.ui.shared_reading import Waits
from tests.conftest import STEWARD
from tests.ui.conftest import open_window
from tests.ui.test_exchange_window import idle, record, state_text


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exchange_actions.QMessageBox, "information", lambda *a, **k: None)


@pytest.fixture
def empty_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    window, lane = open_window(qtbot, tmp_path / "second" / "vote.sqlite", demo=False)
    yield window
    window.close()
    lane.shutdown()


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_waits_double_and_a_changed_file_is_tried_at_once() -> None:
    clock = Clock()
    waits = Waits(clock)
    assert waits.failed("a.tally", (10, 1)) == 10
    assert waits.failed("a.tally", (10, 1)) == 20
    assert waits.failed("a.tally", (10, 1)) == 40
    assert waits.due()["a.tally"] == ((10, 1), 1040.0)
    assert waits.failed("a.tally", (11, 2)) == 10  # it changed: a fresh start
    for _ in range(10):
        last = waits.failed("b.tally", (1, 1))
    assert last == shared_reading.LONGEST_WAIT_S
    waits.settled("a.tally")
    assert "a.tally" not in waits.due()


def test_a_backup_that_fails_stops_only_its_own_file() -> None:
    """import_each: a StoreError (the backup before the import) leaves that file to try again
    and the next file is imported."""
    session: Any = SimpleNamespace(cache=SimpleNamespace(standings="the standings"))

    def no_backup(**_kwargs: object) -> exchange.ImportReport:
        raise StoreError("the backup was not made: the disk is full")

    def fine(**_kwargs: object) -> exchange.ImportReport:
        return exchange.ImportReport("b.tally", "nothing new", None, "a PC", known=3)

    result = import_each(session, [("a.tally", no_backup), ("b.tally", fine)])
    first, second = result.arrivals
    assert first.again and first.refused and "disk is full" in first.text
    assert not second.again and "nothing new from a PC" in second.text


def sharing_violation() -> PermissionError:
    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    exc.winerror = 32  # type: ignore[attr-defined]  # what Windows sets
    return exc


def test_a_held_file_is_imported_at_a_later_scan_and_a_failed_backup_too(
    qtbot: QtBot,
    demo_window: MainWindow,
    empty_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    first, second = demo_window.exchange, empty_window.exchange
    first.use_shared_folder(share)
    idle(qtbot, demo_window)
    (theirs,) = files.tally_files(share)

    # another program holds the file for good: the scan reports it and marks nothing seen
    monkeypatch.setattr(durable, "HELD_SECONDS", 0.05)
    held = [True]
    real_open = Path.open

    def open_(p: Path, *args: Any, **kwargs: Any) -> Any:
        if p.name == theirs.name and held:
            raise sharing_violation()
        return real_open(p, *args, **kwargs)

    monkeypatch.setattr(Path, "open", open_)
    real_os_open = os.open

    def os_open(p: Any, flags: int, *args: Any) -> int:  # files.read_whole opens this way
        if Path(p).name == theirs.name and held:
            raise sharing_violation()
        return real_os_open(p, flags, *args)

    monkeypatch.setattr(os, "open", os_open)
    clock = Clock()
    second.shared.waits.clock = clock
    failed: list[str] = []
    second.shared.failed.connect(failed.append)
    second.use_shared_folder(share)
    idle(qtbot, empty_window)
    assert second.shared.seen == {} and empty_window.session is not None
    assert empty_window.session.store.vote() is None  # nothing imported
    assert len(failed) == 1 and theirs.name in failed[0]
    assert second.shared.troubles == {theirs.name: failed[0]}  # for a lasting indicator
    assert failed[0].endswith("Trying again in 10 s")
    assert "cannot be read" in failed[0]

    # let go: not tried before its wait is over, then imported
    held.clear()
    second.shared.scan()
    idle(qtbot, empty_window)
    assert second.shared.seen == {} and len(failed) == 1
    clock.now += 10
    with qtbot.waitSignal(empty_window.standings_shown, timeout=20000):
        second.shared.scan()
    idle(qtbot, empty_window)
    assert theirs.name in second.shared.seen and second.shared.troubles == {}
    assert "joined" in second.last_results.arrivals[0].text
    assert state_text(qtbot, empty_window) == state_text(qtbot, demo_window)

    # a new count there; here the backup before its import cannot be made (a full disk)
    record(qtbot, demo_window, STEWARD, "1340", "500")
    demo_window.exchange.shared.debounce.stop()
    demo_window.exchange.shared.export_now()
    idle(qtbot, demo_window)

    real_backup, disk_full = backups.before_import, [True]

    def no_backup(*args: Any, **kwargs: Any) -> None:
        if disk_full:
            raise StoreError("the backup was not made: the disk holding it is full")
        real_backup(*args, **kwargs)

    monkeypatch.setattr(backups, "before_import", no_backup)
    second.shared.scan()
    idle(qtbot, empty_window)
    assert "disk holding it is full" in failed[-1] and theirs.name in failed[-1]
    assert second.shared.seen[theirs.name] != (theirs.stat().st_size, theirs.stat().st_mtime_ns)
    assert state_text(qtbot, empty_window) != state_text(qtbot, demo_window)

    disk_full.clear()  # the disk has room again
    clock.now += 10
    second.shared.scan()
    idle(qtbot, empty_window)
    assert second.shared.seen[theirs.name] == (theirs.stat().st_size, theirs.stat().st_mtime_ns)
    assert state_text(qtbot, empty_window) == state_text(qtbot, demo_window)


def test_an_import_that_fails_as_a_whole_waits_before_the_next_try(
    qtbot: QtBot,
    demo_window: MainWindow,
    empty_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    demo_window.exchange.use_shared_folder(share)
    idle(qtbot, demo_window)
    (theirs,) = files.tally_files(share)
    second = empty_window.exchange
    clock = Clock()
    second.shared.waits.clock = clock
    broken = [True]
    real = shared_reading.import_fetched

    def fails(*args: Any, **kwargs: Any) -> Any:
        if broken:
            raise RuntimeError("an unexpected error")
        return real(*args, **kwargs)

    monkeypatch.setattr(shared_folder, "import_fetched", fails)
    failed: list[str] = []
    second.shared.failed.connect(failed.append)
    second.use_shared_folder(share)
    idle(qtbot, empty_window)
    assert failed and "an unexpected error" in failed[-1]
    assert theirs.name in second.shared.troubles and second.shared.seen == {}
    broken.clear()
    second.shared.scan()  # before its wait is over: not read again
    idle(qtbot, empty_window)
    assert second.shared.seen == {}
    clock.now += 10
    with qtbot.waitSignal(empty_window.standings_shown, timeout=20000):
        second.shared.scan()
    idle(qtbot, empty_window)
    assert theirs.name in second.shared.seen and second.shared.troubles == {}
