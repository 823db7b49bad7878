"""Issue 12, "untrue or unsafe" items 2-7 and the messages: what the window says is true."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from steward_app.domain.chart_data import union_bars
from steward_app.domain.counts import SlotKey
from steward_app.domain.tally import Outcome
from steward_app.services.conflicts import list_conflicts, resolve_conflict
from steward_app.ui import print_actions
from steward_app.ui.main_window import MainWindow
from tests.conftest import STEWARD
from tests.ui.test_main_window import select_unit, type_count

UNIT = "afscme-np4-391"
DISPLAY = Qt.ItemDataRole.DisplayRole


def save(qtbot: QtBot, w: MainWindow, field: str = "void") -> None:
    with qtbot.waitSignal(w.standings_shown, timeout=10000):
        qtbot.keyClick(w.form.edits[field], Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not w.lane.busy, timeout=10000)


def cell(w: MainWindow, kind: str, key: str, column: int) -> object:
    index = w.tree_model.index_for(kind, key)
    return index.siblingAtColumn(column).data(DISPLAY)


def problem_codes(w: MainWindow) -> list[str]:
    return [w.form.problems.item(i).text() for i in range(w.form.problems.count())]


def test_a_blind_second_entry_hides_the_units_numbers_everywhere(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    select_unit(w, UNIT)
    type_count(qtbot, w, yes="1340", no="500", void="4")
    save(qtbot, w)
    assert cell(w, "unit", UNIT, 2) == "1,340"
    w.form.blind.setChecked(True)
    # the tree: the unit's row and the totals it is in
    for kind, key in (("unit", UNIT), ("union", "afscme")):
        assert cell(w, kind, key, 2) is None and cell(w, kind, key, 3) is None
        assert "hidden" in str(cell(w, kind, key, 1))
    assert "1,340" not in str(w.tree_model.index(0, 0).siblingAtColumn(2).data(DISPLAY) or "")
    # the union's words and chart
    assert "hidden" in w.union_text.text() and "1,340" not in w.union_text.text()
    assert w.union_chart.bars == []
    # the status bar: a message with the unit's numbers does not show
    w.statusBar().showMessage(f"Redone: {UNIT} (concessions): 1,340 yes / 500 no", 8000)
    assert "1,340" not in w.statusBar().currentMessage()
    assert "1,340" not in w.form.message.text()
    assert not w.tabs.isTabEnabled(1) and not w.tabs.isTabEnabled(2)
    # the first entry's steward cannot confirm it
    qtbot.keyClicks(w.form.second_name, STEWARD.steward)
    type_count(qtbot, w, yes="1340", no="500", void="4")
    assert any("E_SAME_STEWARD" in text for text in problem_codes(w))
    qtbot.keyClick(w.form.edits["void"], Qt.Key.Key_Return)
    assert "Not saved" in w.form.message.text()
    # cancelling the blind entry shows everything again
    w.form.blind.setChecked(False)
    assert cell(w, "unit", UNIT, 2) == "1,340"
    assert w.union_chart.bars != [] and w.tabs.isTabEnabled(1)


def test_a_decision_on_a_provisional_count_says_so(qtbot: QtBot, demo_window: MainWindow) -> None:
    w = demo_window
    select_unit(w, UNIT)
    type_count(qtbot, w, yes="1340", no="500", void="4")  # not ticked Final: provisional
    save(qtbot, w)
    assert w.standings is not None
    afscme = w.standings.questions["concessions"].unions["afscme"]
    assert afscme.outcome is Outcome.APPROVED and afscme.decided
    status = str(cell(w, "union", "afscme", 1))
    assert "provisional" in status and "decided" not in status
    assert "provisional" in str(cell(w, "unit", UNIT, 1))
    assert "provisional" in w.union_text.text()
    assert "provisional" in w.verdict.banner.text()
    # the status column is wide enough for the longest of these words: none cut off
    metrics = w.tree.fontMetrics()
    for kind, key in (("union", "afscme"), ("unit", UNIT)):
        text = str(cell(w, kind, key, 1))
        assert metrics.horizontalAdvance(text) < w.tree.columnWidth(1)


def test_loading_the_demo_asks_first_and_empties_the_form(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = demo_window
    select_unit(w, UNIT)
    type_count(qtbot, w, yes="1340", no="500")
    asked: list[str] = []

    def answer(reply: QMessageBox.StandardButton):  # type: ignore[no-untyped-def]
        def question(_parent: object, _title: str, text: str, *a: object) -> object:
            asked.append(text)
            return reply

        return question

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.No))
    before = w.standings
    w.votes.load_demo()
    assert asked and "Replace" in asked[0]
    qtbot.waitUntil(lambda: not w.lane.busy, timeout=10000)
    assert w.standings is before and w.form.edits["yes"].text() == "1340"  # nothing happened
    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    with qtbot.waitSignal(w.standings_shown, timeout=20000):
        w.votes.load_demo()
    assert not w.form.isEnabled() and w.form.edits["yes"].text() == ""
    assert "Choose a unit" in w.form.unit_label.text() and w.form.current.text() == ""


def test_typed_numbers_are_kept_when_another_unit_is_chosen(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    select_unit(w, UNIT)
    type_count(qtbot, w, yes="1340", no="500")
    select_unit(w, "ceui-511-service")
    assert w.form.edits["yes"].text() == ""
    assert w.form.drafts_label.isVisibleTo(w.form)
    assert "not saved" in w.form.drafts_label.text()
    select_unit(w, UNIT)
    assert (w.form.edits["yes"].text(), w.form.edits["no"].text()) == ("1340", "500")
    assert "not saved yet" in w.form.message.text()
    assert not w.form.drafts_label.isVisibleTo(w.form)


def test_the_form_drops_the_conflict_mark_once_it_is_resolved(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    select_unit(w, UNIT)
    type_count(qtbot, w, yes="1340", no="500", void="4")
    save(qtbot, w)
    w.form.blind.setChecked(True)
    qtbot.keyClicks(w.form.second_name, "a second steward")
    type_count(qtbot, w, yes="1304", no="500", void="4")
    save(qtbot, w)
    qtbot.waitUntil(lambda: "conflict" in w.form.current.text(), timeout=10000)

    def resolve() -> object:
        assert w.session is not None
        (conflict,) = list_conflicts(w.session.store, SlotKey("concessions", UNIT))
        resolve_conflict(
            w.session.store,
            STEWARD,
            conflict.slot,
            reason="recounted",
            take=conflict.heads[0].entry_id,
        )
        return w.session.cache.refresh_all()

    done: list[object] = []
    w.lane.submit(resolve, done.append, done.append)
    qtbot.waitUntil(lambda: bool(done), timeout=10000)
    w.context.change(done[0])  # as the conflicts view shows what it resolved
    qtbot.waitUntil(lambda: "conflict" not in w.form.current.text(), timeout=10000)
    assert "yes" in w.form.current.text()


def test_already_entered_gives_the_windows_advice_not_the_command_lines(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    select_unit(w, "afscme-p2")  # entered by this steward in the demo
    type_count(qtbot, w, yes="1421", no="1570", void="21")
    with qtbot.waitSignal(w.lane.busy_changed, timeout=10000, check_params_cb=lambda b: not b):
        qtbot.keyClick(w.form.edits["void"], Qt.Key.Key_Return)
    (text,) = problem_codes(w)
    assert "E_ALREADY_ENTERED" in text
    assert "steward-app" not in text and "Correction of the current count" in text


def test_messages_after_a_save_an_error_and_an_undo(qtbot: QtBot, demo_window: MainWindow) -> None:
    w = demo_window
    select_unit(w, UNIT)
    type_count(qtbot, w, yes="abc", no="500")
    qtbot.keyClick(w.form.edits["no"], Qt.Key.Key_Return)
    assert "Not saved: fix the errors" in w.form.message.text()
    type_count(qtbot, w, yes="1340")
    assert "Not saved" not in w.form.message.text()  # fixed: the stale words go
    save(qtbot, w, "yes")
    assert problem_codes(w) == []  # no E_MISSING on the emptied form
    saved_at = w.last_save.text()
    assert saved_at.startswith("last save")
    with qtbot.waitSignal(w.standings_shown, timeout=10000):
        w.undo.undo()
    assert w.last_save.text().startswith("last undo")
    assert w.last_save.accessibleName() == w.last_save.text()


def test_a_union_with_no_votes_says_so_in_words(demo_window: MainWindow) -> None:
    w = demo_window
    assert w.standings is not None
    q = w.standings.questions["concessions"]
    vote = w.standings.vote
    empty = [s for s in q.unions.values() if s.units_reported == 0 and s.pooled is not None]
    assert empty, "the demo has a union with no count yet"
    (bar,) = union_bars(vote, empty[0], q)
    assert "0 yes needed of 0" not in bar.threshold_label
    assert "no votes counted yet" in bar.threshold_label


def test_the_pdf_has_a_meaningful_default_name_and_the_message_says_where(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import datetime as dt

    name = print_actions.default_pdf_name(1, "demo-2024", "afscme", dt.datetime(2026, 5, 4, 21, 7))
    assert name == "demo-2024_union-notice_afscme_20260504-2107.pdf"
    target = tmp_path / "out.pdf"
    w = demo_window
    with qtbot.waitSignal(w.lane.busy_changed, timeout=10000, check_params_cb=lambda b: not b):
        w.reports.write(lambda: target)
    assert str(target) in w.statusBar().currentMessage()
