"""File exchange in the window: export and import, drag and drop, refusals, the shared folder,
the conflicts view, the import history with undo, and the state code in the status bar."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from pytestqt.qtbot import QtBot

from steward_app.domain.counts import SlotKey
from steward_app.services import exchange
from steward_app.services.authors import Author
from steward_app.services.counting import current_counts, record_count
from steward_app.store.vote_store import VoteStore
from steward_app.ui import exchange_actions
from steward_app.ui.coalition_tree_model import STATUS_ROLE
from steward_app.ui.exchange_actions import ImportResults
from steward_app.ui.main_window import MainWindow
from tests.conftest import SECOND, STEWARD
from tests.ui.conftest import open_window

LOCAL_391 = SlotKey("concessions", "afscme-np4-391")


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exchange_actions.QMessageBox, "information", lambda *a, **k: None)


@pytest.fixture
def empty_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    window, lane = open_window(qtbot, tmp_path / "second" / "vote.sqlite", demo=False)
    yield window
    window.close()
    lane.shutdown()


def idle(qtbot: QtBot, window: MainWindow) -> None:
    """Nothing on the database lane and no export's file still being written."""
    qtbot.waitUntil(lambda: not window.lane.busy and not window.exchange.writing, timeout=20000)


def on_lane(qtbot: QtBot, window: MainWindow, work: Callable[[], Any]) -> Any:
    """Run `work` on the window's database lane (never on the GUI thread) and return its result."""
    out: list[Any] = []
    window.lane.submit(work, out.append, out.append)
    qtbot.waitUntil(lambda: bool(out), timeout=20000)
    assert not isinstance(out[0], BaseException), out[0]
    return out[0]


def record(qtbot: QtBot, window: MainWindow, who: Any, yes: str, no: str) -> None:
    def work() -> Any:
        assert window.session is not None
        result = record_count(window.session.store, who, LOCAL_391, {"yes": yes, "no": no})
        return window.session.cache.refresh(result.changes)

    with qtbot.waitSignal(window.standings_shown, timeout=20000):
        window.context.change(on_lane(qtbot, window, work))


def state_text(qtbot: QtBot, window: MainWindow) -> str:
    qtbot.waitUntil(lambda: window.exchange.state_label.text().startswith("State "), timeout=20000)
    qtbot.waitUntil(lambda: not window.exchange.status_pending, timeout=20000)
    idle(qtbot, window)
    return window.exchange.state_label.text()


def export(qtbot: QtBot, window: MainWindow, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    window.exchange.export_to(target)
    qtbot.waitUntil(target.exists, timeout=20000)
    idle(qtbot, window)
    return target


def results_text(window: MainWindow) -> str:
    dialogs = window.findChildren(ImportResults)
    assert dialogs
    return dialogs[-1].text.toPlainText()


def db_bytes(qtbot: QtBot, window: MainWindow) -> bytes:
    def work() -> bytes:
        assert window.session is not None
        path = window.session.store.path
        wal = path.with_name(path.name + "-wal")
        return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")

    return bytes(on_lane(qtbot, window, work))


def drop(window: MainWindow, *paths: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(p)) for p in paths])
    enter = QDragEnterEvent(
        QPoint(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.setAccepted(False)
    assert window.exchange.eventFilter(window, enter) and enter.isAccepted()
    event = QDropEvent(
        QPointF(50, 50),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    # Qt delivers a Drop only to the target of a drag it runs itself: call the window's
    # handler (the event filter) the way that delivery would
    event.setAccepted(False)
    assert window.exchange.eventFilter(window, event)
    assert event.isAccepted()


def test_export_then_import_in_another_window_gives_the_same_state_code(
    qtbot: QtBot,
    demo_window: MainWindow,
    empty_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    code = state_text(qtbot, demo_window)
    assert "equal codes on two pcs mean identical data" in (
        demo_window.exchange.state_label.toolTip().lower()
    )
    (tmp_path / "out").mkdir()
    demo_window.exchange.export_to(tmp_path / "out" / "evening")  # the suffix is added
    file = tmp_path / "out" / "evening.tally"
    qtbot.waitUntil(file.exists, timeout=20000)
    idle(qtbot, demo_window)
    assert "Exported to" in demo_window.statusBar().currentMessage()
    # the start page's button: the new PC joins the vote from the file
    assert empty_window.exchange.state_label.text() == ""
    monkeypatch.setattr(
        exchange_actions.QFileDialog, "getOpenFileNames", lambda *a, **k: ([str(file)], "")
    )
    with qtbot.waitSignal(empty_window.standings_shown, timeout=20000) as shown:
        empty_window.start_page.import_requested.emit()
    assert shown.args[0] is not None
    assert empty_window.pages.currentWidget() is empty_window.splitter
    assert "joined the vote" in results_text(empty_window)
    assert state_text(qtbot, empty_window) == code


def test_dropped_files_import_and_a_damaged_one_is_refused_changing_nothing(
    qtbot: QtBot, demo_window: MainWindow, empty_window: MainWindow, tmp_path: Path
) -> None:
    file = export(qtbot, demo_window, tmp_path / "out" / "evening.tally")
    damaged = tmp_path / "out" / "damaged.tally"
    damaged.write_bytes(file.read_bytes()[:-40])
    with qtbot.waitSignal(empty_window.standings_shown, timeout=20000):
        drop(empty_window, damaged, file)
    text = results_text(empty_window)
    assert "damaged.tally: refused (incomplete): The file is incomplete" in text
    assert "evening.tally: joined the vote" in text
    code = state_text(qtbot, empty_window)
    assert code == state_text(qtbot, demo_window)

    # a damaged file alone: the refusal in plain words, and nothing changes
    before = db_bytes(qtbot, empty_window)
    (tmp_path / "out" / "flipped.tally").write_bytes(
        file.read_bytes()[:200] + b"\x00" + file.read_bytes()[201:]
    )
    empty_window.exchange.import_files([tmp_path / "out" / "flipped.tally"])
    idle(qtbot, empty_window)
    assert "flipped.tally: refused (" in results_text(empty_window)
    assert "Nothing changed on this PC." in results_text(empty_window)
    assert "refused" in empty_window.statusBar().currentMessage()
    assert db_bytes(qtbot, empty_window) == before
    assert state_text(qtbot, empty_window) == code


def test_the_shared_folder_sends_after_changes_and_picks_up_new_files(
    qtbot: QtBot, demo_window: MainWindow, empty_window: MainWindow, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    first, second = demo_window.exchange, empty_window.exchange
    first.use_shared_folder(share)
    idle(qtbot, demo_window)
    (own,) = list(share.glob("*.tally"))
    assert "hall office PC" in own.name and first.shared.own == own.name
    # a partial copy and a hidden temporary file are left alone
    (share / ".other.tally.1234.partial").write_bytes(b"half a file")
    (share / "copying.tally.partial").write_bytes(b"half a file")
    with qtbot.waitSignal(empty_window.standings_shown, timeout=20000):
        second.use_shared_folder(share)  # picks up the demo's file: this PC joins
    idle(qtbot, empty_window)
    arrivals = second.last_results.arrivals
    assert [a.name for a in arrivals] == [own.name] and "joined" in arrivals[0].text
    assert state_text(qtbot, empty_window) == state_text(qtbot, demo_window)
    assert "joined" in empty_window.statusBar().currentMessage()

    # a save on the first PC: its export is rewritten once the debounce timer fires
    record(qtbot, demo_window, STEWARD, "1340", "500")
    qtbot.waitUntil(first.shared.debounce.isActive, timeout=20000)
    before = own.stat().st_mtime_ns, own.stat().st_size
    first.shared.debounce.stop()
    first.shared.export_now()  # what the timer does
    idle(qtbot, demo_window)
    assert (own.stat().st_mtime_ns, own.stat().st_size) != before
    assert {p.name for p in share.glob("*.tally")} <= {own.name, second.shared.own}
    # the second PC's poll finds the changed file and imports it, once
    second.shared.poll.timeout.emit()
    idle(qtbot, empty_window)
    assert "1 new" in second.last_results.arrivals[0].text
    assert state_text(qtbot, empty_window) == state_text(qtbot, demo_window)
    shown = second.last_results
    second.shared.scan()
    idle(qtbot, empty_window)
    assert second.last_results is shown  # nothing new in the folder: nothing imported

    second.use_shared_folder(None)
    assert second.shared.folder is None and not second.shared.poll.isActive()


def test_the_conflicts_view_shows_both_counts_and_resolves(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    record(qtbot, w, STEWARD, "1340", "500")
    record(qtbot, w, SECOND, "1304", "500")
    qtbot.waitUntil(lambda: "1 conflict" in w.exchange.conflicts_button.text(), timeout=20000)
    w.exchange.conflicts_button.click()
    view = w.exchange._conflicts
    assert view is not None
    qtbot.waitUntil(lambda: view.table.rowCount() == 2, timeout=20000)
    assert "2 different counts" in view.list.item(0).text()
    cells = {view.table.item(r, c).text() for r in range(2) for c in range(1, 11)}
    assert {"1,340", "1,304", STEWARD.steward, SECOND.steward, STEWARD.pc} <= cells
    keep = view.table.cellWidget(1, 0)
    kept_yes = int(view.table.item(1, 1).text().replace(",", ""))
    keep.click()  # no reason yet: refused in words, nothing recorded
    assert "Give a reason" in view.message.text()
    view.reason.setText("recounted the mail tray with both stewards")
    with qtbot.waitSignal(w.standings_shown, timeout=20000):
        keep.click()
    qtbot.waitUntil(lambda: view.table.rowCount() == 0, timeout=20000)
    assert "Resolved" in view.message.text()
    assert w.tree_model.index_for("unit", "afscme-np4-391").data(STATUS_ROLE) != "conflict"
    assert w.standings is not None
    unit = w.standings.questions["concessions"].units["afscme-np4-391"]
    assert unit.report.conflicts == 0 and unit.report.numbers.yes == kept_yes
    qtbot.waitUntil(lambda: not w.exchange.conflicts_button.isVisibleTo(w), timeout=20000)


def test_the_import_history_lists_files_and_undoes_one(
    qtbot: QtBot,
    qtmodeltester: Any,
    demo_window: MainWindow,
    empty_window: MainWindow,
    tmp_path: Path,
) -> None:
    opening = export(qtbot, demo_window, tmp_path / "out" / "opening.tally")
    empty_window.exchange.import_files([opening], dialog=False)
    idle(qtbot, empty_window)
    joined = state_text(qtbot, empty_window)
    record(qtbot, demo_window, STEWARD, "1340", "500")
    later = export(qtbot, demo_window, tmp_path / "out" / "later.tally")
    with qtbot.waitSignal(empty_window.standings_shown, timeout=20000):
        empty_window.exchange.import_files([later], dialog=False)
    assert state_text(qtbot, empty_window) == state_text(qtbot, demo_window) != joined

    empty_window.exchange.open_history()
    history = empty_window.exchange._history
    assert history is not None
    qtbot.waitUntil(lambda: history.model.rowCount() == 2, timeout=20000)
    qtmodeltester.check(history.model)
    model = history.model
    rows = [[model.index(r, c).data() for c in range(model.columnCount())] for r in range(2)]
    by_name = {row[1]: row for row in rows}
    assert by_name["later.tally"][3:] == [
        "1",
        f"{int(by_name['opening.tally'][3]):,}",
        "0",
        "yes",
    ]
    assert by_name["opening.tally"][6] == "no: this PC joined the vote from it"
    assert STEWARD.steward in by_name["later.tally"][2]
    history.table.selectRow([r[1] for r in rows].index("opening.tally"))
    assert not history.undo.isEnabled()
    history.table.selectRow([r[1] for r in rows].index("later.tally"))
    assert history.undo.isEnabled()
    with qtbot.waitSignal(empty_window.standings_shown, timeout=20000):
        history.undo_line(history.selected())
    qtbot.waitUntil(lambda: history.model.rowCount() == 1, timeout=20000)
    assert "Undid the import of later.tally" in history.message.text()
    assert state_text(qtbot, empty_window) == joined
    # the same file imports again to the same state
    empty_window.exchange.import_files([later], dialog=False)
    idle(qtbot, empty_window)
    assert state_text(qtbot, empty_window) == state_text(qtbot, demo_window)


def test_a_save_during_the_state_code_reading_drops_it_and_the_code_is_read_again(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The status bar reads the state code a part at a time, so a save never waits for the
    whole; a save between two parts makes the reading stale: it is dropped and read again.

    The first reading is held at its second and third parts (on the lane) until the test has
    queued the second save and shown its standings, so the save lands between two parts on
    any machine, however loaded."""
    w = demo_window
    state_text(qtbot, w)
    readings: list[SlowReading] = []
    at_second = threading.Event()  # the first reading is in its second part
    save_queued = threading.Event()  # the second save is on the lane, behind that part
    save_shown = threading.Event()  # the second save's standings are shown: the reading is stale

    def hold(event: threading.Event) -> None:
        if not event.wait(20):
            raise TimeoutError("the test did not release the state code's reading")

    class SlowReading(exchange.StateReading):
        def __init__(self) -> None:
            super().__init__(part=1)  # one entry a part: 20 parts, each a trip on the lane
            self.steps = 0
            readings.append(self)

        def step(self, store: VoteStore) -> exchange.StateCode | None:
            self.steps += 1
            if self is readings[0] and self.steps == 2:
                at_second.set()
                hold(save_queued)
            elif self is readings[0] and self.steps == 3:
                hold(save_shown)
            return super().step(store)

    monkeypatch.setattr(exchange, "StateReading", SlowReading)
    record(qtbot, w, STEWARD, "900", "700")
    qtbot.waitUntil(at_second.is_set, timeout=20000)

    def second_save() -> Any:  # queued while the reading's second part holds the lane
        assert w.session is not None
        result = record_count(w.session.store, SECOND, LOCAL_391, {"yes": "900", "no": "700"})
        return w.session.cache.refresh(result.changes)

    out: list[Any] = []
    w.lane.submit(second_save, out.append, out.append)
    save_queued.set()
    qtbot.waitUntil(lambda: bool(out), timeout=20000)
    assert not isinstance(out[0], BaseException), out[0]
    with qtbot.waitSignal(w.standings_shown, timeout=20000):
        w.context.change(out[0])
        save_shown.set()
    final = state_text(qtbot, w)
    assert len(readings) == 2
    assert readings[0].steps < 21  # dropped before its last part: 21 entries by then
    assert readings[1].steps == 23  # 22 entries: 22 parts and an empty one
    assert w.session is not None
    whole = on_lane(qtbot, w, lambda: exchange.state_code(w.session.store))
    assert final == f"State {whole}"


def test_a_resolution_is_recorded_under_the_names_given_after_the_view_opened(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    w.exchange.open_conflicts()  # opened once, and kept for the window's life
    view = w.exchange._conflicts
    assert view is not None
    view.close()
    renamed = Author("the night steward", STEWARD.pc)
    w.context.author = renamed  # what File › Steward and PC names… does
    record(qtbot, w, STEWARD, "1340", "500")
    record(qtbot, w, SECOND, "1304", "500")
    qtbot.waitUntil(lambda: "1 conflict" in w.exchange.conflicts_button.text(), timeout=20000)
    w.exchange.conflicts_button.click()
    qtbot.waitUntil(lambda: view.table.rowCount() == 2, timeout=20000)
    view.reason.setText("recounted the mail tray with both stewards")
    with qtbot.waitSignal(w.standings_shown, timeout=20000):
        view.table.cellWidget(1, 0).click()

    def counts() -> Any:
        assert w.session is not None
        return current_counts(w.session.store, LOCAL_391.unit)

    assert [c.steward for c in on_lane(qtbot, w, counts)] == [renamed.steward]
    assert w.undo.done[-1].author == renamed
