"""The window on the demo vote: navigation, keyboard entry, checks, corrections, charts."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from steward_app.domain.tally import Outcome
from steward_app.ui.coalition_tree_model import ID_ROLE, STATUS_ROLE
from steward_app.ui.main_window import MainWindow
from tests.ui.conftest import open_window


def select_unit(window: MainWindow, unit_id: str) -> None:
    index = window.tree_model.index_for("unit", unit_id)
    assert index.isValid()
    window.tree.setCurrentIndex(index)


def type_count(qtbot: QtBot, window: MainWindow, **fields: str) -> None:
    for name, text in fields.items():
        edit = window.form.edits[name]
        edit.clear()
        qtbot.keyClicks(edit, text)


def test_opens_on_the_demo_with_tree_verdict_and_charts(demo_window: MainWindow) -> None:
    w = demo_window
    top = w.tree_model.index(0, 0)
    assert w.tree_model.rowCount(top) == 15
    assert "PENDING" in w.verdict.text()
    assert "14" in w.verdict.text()
    titles = [b.title for b in w.coalition_chart.bars]
    assert titles == ["Unions approving", "Membership of approving unions"]
    approving = w.coalition_chart.bars[0]
    assert approving.threshold == 14
    assert [s.label for s in approving.segments] == ["approved 6", "pending 8", "rejected 1"]
    assert "1,326" in w.union_text.text()  # AFSCME needs 1,326 of the 1,850 still to vote


def test_keyboard_entry_saves_and_updates_everything(qtbot: QtBot, demo_window: MainWindow) -> None:
    w = demo_window
    select_unit(w, "afscme-np4-391")
    assert w.form.isEnabled()
    type_count(qtbot, w, yes="1340", no="500", void="4")
    qtbot.mouseClick(w.form.final, Qt.MouseButton.LeftButton)
    with qtbot.waitSignal(w.standings_shown, timeout=10000) as shown:
        qtbot.keyClick(w.form.edits["void"], Qt.Key.Key_Return)
    standings = shown.args[0]
    afscme = standings.questions["concessions"].unions["afscme"]
    assert afscme.outcome is Outcome.APPROVED and afscme.decided  # 5,540 yes to 5,500 no
    assert "Saved" in w.form.message.text()
    assert w.form.edits["yes"].text() == ""  # cleared for the next count
    row = w.tree_model.index_for("unit", "afscme-np4-391")
    assert row.data(STATUS_ROLE) == "approved"
    assert "AFSCME Council 4: ✔ approved" in w.union_text.text()


def test_errors_are_listed_at_once_and_nothing_is_saved(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    select_unit(w, "afscme-np4-391")
    type_count(qtbot, w, yes="-5", no="abc")
    codes = [w.form.problems.item(i).text() for i in range(w.form.problems.count())]
    assert any("E_NEGATIVE" in c for c in codes) and any("E_NOT_WHOLE_NUMBER" in c for c in codes)
    qtbot.keyClick(w.form.edits["no"], Qt.Key.Key_Return)
    assert "Not saved" in w.form.message.text()
    assert w.form.edits["no"].text() == "abc"  # what was typed stays
    # a click on a problem jumps to its field
    for i in range(w.form.problems.count()):
        if "E_NOT_WHOLE_NUMBER" in w.form.problems.item(i).text():
            w.form._on_problems_item_activated(w.form.problems.item(i))
    assert QApplication.focusWidget() is w.form.edits["no"]
    assert w.tree_model.index_for("unit", "afscme-np4-391").data(STATUS_ROLE) == "not reported"


def test_warnings_need_an_explicit_confirmation(qtbot: QtBot, demo_window: MainWindow) -> None:
    w = demo_window
    select_unit(w, "afscme-np4-391")
    type_count(qtbot, w, yes="1500", no="500")  # 2,000 ballots for 1,850 eligible
    assert w.form.confirm.isVisible()
    qtbot.keyClick(w.form.edits["no"], Qt.Key.Key_Return)
    assert "confirm" in w.form.message.text()
    w.form.confirm.setChecked(True)
    with qtbot.waitSignal(w.standings_shown, timeout=10000):
        qtbot.keyClick(w.form.edits["no"], Qt.Key.Key_Return)
    assert w.tree_model.index_for("unit", "afscme-np4-391").data(STATUS_ROLE) != "not reported"


def test_refusal_from_the_database_keeps_the_typed_count(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    select_unit(w, "afscme-p2")  # already entered by this steward in the demo
    type_count(qtbot, w, yes="1421", no="1570", void="21")
    with qtbot.waitSignal(w.lane.busy_changed, timeout=10000, check_params_cb=lambda b: not b):
        qtbot.keyClick(w.form.edits["void"], Qt.Key.Key_Return)
    assert "E_ALREADY_ENTERED" in w.form.problems.item(0).text()
    assert w.form.edits["yes"].text() == "1421"
    # as a correction with a reason it goes through
    w.form.correction.setChecked(True)
    qtbot.keyClicks(w.form.reason, "recounted the spoiled pile")
    with qtbot.waitSignal(w.standings_shown, timeout=10000) as shown:
        qtbot.keyClick(w.form.reason, Qt.Key.Key_Return)
    p2 = shown.args[0].questions["concessions"].units["afscme-p2"]
    assert p2.report.numbers.yes == 1421


def test_next_unreported_unit_and_union_filter(demo_window: MainWindow) -> None:
    w = demo_window
    w.next_missing.click()
    first = w.tree.currentIndex()
    assert first.data(STATUS_ROLE) == "not reported"
    w.next_missing.click()
    assert w.tree.currentIndex().data(ID_ROLE) != first.data(ID_ROLE)
    w.union_filter.setCurrentIndex(w.union_filter.findData("ceui-511"))
    top = w.tree_model.index(0, 0)
    visible = [
        w.tree_model.index(r, 0, top).data(ID_ROLE)
        for r in range(w.tree_model.rowCount(top))
        if not w.tree.isRowHidden(r, top)
    ]
    assert visible == ["ceui-511"]


def test_an_empty_database_shows_the_start_page(qtbot: QtBot, tmp_path: Path) -> None:
    window, lane = open_window(qtbot, tmp_path / "empty.sqlite", demo=False)
    assert window.pages.currentWidget() is window.start_page
    with qtbot.waitSignal(window.standings_shown, timeout=20000) as shown:
        window.start_page.demo_requested.emit()
    assert shown.args[0] is not None
    assert window.pages.currentWidget() is window.splitter
    window.close()
    lane.shutdown()


def test_the_tree_model_passes_the_model_tester(
    qtmodeltester: object, demo_window: MainWindow
) -> None:
    qtmodeltester.check(demo_window.tree_model)  # type: ignore[attr-defined]


def wait_idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.lane.busy, timeout=10000)


def test_what_if_projects_the_coalition_and_says_so(qtbot: QtBot, demo_window: MainWindow) -> None:
    w = demo_window
    w.tabs.setCurrentWidget(w.what_if)
    w.what_if.turnout.setValue(100)
    w.what_if.yes.setValue(100)
    wait_idle(qtbot, w)
    # everyone still to vote says yes: AFSCME approves, Local 511 stays rejected -> 14 of 15
    # unions holding 40,500 of 45,000 members (90%)
    assert "PROJECTION" in w.what_if.banner.text()
    assert "approved" in w.what_if.verdict.text()
    assert "14 of 15 unions would approve" in w.what_if.outcomes.text()
    w.what_if.yes.setValue(0)
    wait_idle(qtbot, w)
    assert "rejected" in w.what_if.verdict.text()
    # a per-union override: everyone at 100% yes except AFSCME at 50%
    w.what_if.yes.setValue(100)
    w.what_if.table.item(0, 2).setText("50")
    wait_idle(qtbot, w)
    assert "AFSCME Council 4: ✘ rejected" in w.what_if.outcomes.text()
    # the real standings are untouched by a projection
    assert "PENDING" in w.verdict.text()


def test_evening_timeline_replays_the_counts_in_order(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    w.tree.setCurrentIndex(w.tree_model.index_for("union", "afscme"))
    w.tabs.setCurrentWidget(w.timeline_chart)
    wait_idle(qtbot, w)
    shown = w.timeline_chart.timeline
    assert shown is not None and shown.union_id == "afscme"
    margins = [p.margin for p in shown.points]
    times = [p.recorded_at for p in shown.points]
    assert len(margins) == 19  # every demo count, in the order recorded
    assert times == sorted(times)
    assert margins[-1] == -800
    assert margins[0] == 0  # the first counts were other unions'
    assert list(w.timeline_chart.margin_curve.yData) == margins  # what is drawn


def test_blind_second_entry_confirms_or_shows_both_sides(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    select_unit(w, "afscme-np4-391")
    type_count(qtbot, w, yes="1340", no="500", void="4")
    with qtbot.waitSignal(w.standings_shown, timeout=10000):
        qtbot.keyClick(w.form.edits["void"], Qt.Key.Key_Return)
    w.form.blind.setChecked(True)
    assert not w.form.current.isVisibleTo(w.form)  # the first entry is hidden from the second
    qtbot.keyClicks(w.form.second_name, "a second steward")
    type_count(qtbot, w, yes="1304", no="500", void="4")
    with qtbot.waitSignal(w.standings_shown, timeout=10000) as shown:
        qtbot.keyClick(w.form.edits["void"], Qt.Key.Key_Return)
    assert "differs" in w.form.message.text()
    unit = shown.args[0].questions["concessions"].units["afscme-np4-391"]
    assert unit.report.conflicts == 1
    qtbot.waitUntil(lambda: "conflict" in w.form.current.text(), timeout=10000)
    text = w.form.current.text()
    assert "1,340 yes" in text and "1,304 yes" in text and "a second steward" in text
    assert w.form.current.isVisibleTo(w.form)


def test_charts_copy_to_the_clipboard(demo_window: MainWindow) -> None:
    from steward_app.ui.chart_actions import copy_chart

    QApplication.clipboard().clear()
    copy_chart(demo_window.coalition_chart)
    image = QApplication.clipboard().image()
    assert not image.isNull()
    assert image.width() == demo_window.coalition_chart.width()
    assert demo_window.coalition_chart.contextMenuPolicy() == Qt.ContextMenuPolicy.CustomContextMenu


def test_go_menu_shortcuts_move_the_focus_and_tabs(qtbot: QtBot, demo_window: MainWindow) -> None:
    w = demo_window
    w.activateWindow()
    actions = {a.text(): a for m in w.menuBar().findChildren(QMenu) for a in m.actions()}
    assert actions["Next &unreported unit"].shortcut().toString() == "Ctrl+U"
    actions["Next &unreported unit"].trigger()
    assert w.tree.currentIndex().data(STATUS_ROLE) == "not reported"
    actions["E&vening"].trigger()
    assert w.tabs.currentWidget() is w.timeline_chart
    actions["&Standings"].trigger()
    assert w.tabs.currentIndex() == 0


def test_export_pdf_writes_the_same_report_as_the_command_line(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, monkeypatch: object
) -> None:
    import subprocess

    from steward_app.ui import print_actions

    target = tmp_path / "summary.pdf"
    mp = monkeypatch  # pytest's MonkeyPatch
    mp.setattr(print_actions, "choose_report", lambda parent: (0, "en"))  # type: ignore[attr-defined]
    mp.setattr(
        print_actions.QFileDialog,
        "getSaveFileName",  # type: ignore[attr-defined]
        lambda *a, **k: (str(target), "PDF (*.pdf)"),
    )
    demo_window.reports.report("pdf")
    qtbot.waitUntil(target.exists, timeout=20000)
    wait_idle(qtbot, demo_window)
    text = subprocess.run(
        ["pdftotext", "-layout", str(target), "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "PENDING" in text and "Coalition summary" in text
    assert "AFSCME Council 4" in text


def test_working_indicator_only_for_work_that_lasts(qtbot: QtBot, demo_window: MainWindow) -> None:
    """A save is too quick to flash the indicator (it made Qt lay out the whole window);
    work longer than BUSY_SHOWN_AFTER_MS shows it until the work ends."""
    import threading

    from steward_app.ui.window_status import BUSY_SHOWN_AFTER_MS

    w = demo_window

    class Shows(QObject):
        count = 0

        def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
            self.count += event.type() == QEvent.Type.Show
            return False

    shows = Shows()
    w.busy.installEventFilter(shows)
    select_unit(w, "afscme-np4-391")
    type_count(qtbot, w, yes="900", no="700")
    with qtbot.waitSignal(w.standings_shown, timeout=10000):
        qtbot.keyClick(w.form.edits["no"], Qt.Key.Key_Return)
    qtbot.wait(BUSY_SHOWN_AFTER_MS + 100)
    assert shows.count == 0 and not w.busy.isVisible()
    release = threading.Event()
    w.lane.submit(lambda: release.wait(10), lambda _r: None, lambda _e: None)
    qtbot.waitUntil(w.busy.isVisible, timeout=BUSY_SHOWN_AFTER_MS * 5)
    assert not w.busy.isHidden()
    release.set()
    qtbot.waitUntil(lambda: not w.busy.isVisible(), timeout=10000)
    assert shows.count == 1


def test_go_menu_entries_move_the_focus(demo_window: MainWindow) -> None:
    """Go › The tree (Ctrl+1) and Go › Enter a count (Ctrl+2), triggered as the menu does."""
    from PySide6.QtWidgets import QApplication, QMenu

    w = demo_window
    w.activateWindow()
    go = next(m for m in w.menuBar().findChildren(QMenu) if m.title() == "&Go")
    entries = {a.text(): a for a in go.actions()}
    select_unit(w, "afscme-np4-391")
    w.form.edits["no"].setFocus()
    entries["The &tree of unions and units"].trigger()
    assert QApplication.focusWidget() is w.tree
    entries["&Enter a count (the selected unit)"].trigger()
    assert QApplication.focusWidget() is w.form.edits["yes"]
    entries["E&vening"].trigger()
    assert w.tabs.currentIndex() == 1
