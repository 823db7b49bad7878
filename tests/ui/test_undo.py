"""Edit › Undo and Redo in the window: Ctrl+Z takes the last save back, Ctrl+Shift+Z records it
again, and a field with typing of its own undoes the typing first."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from steward_app.domain.standings import Standings
from steward_app.ui.coalition_tree_model import STATUS_ROLE
from steward_app.ui.main_window import MainWindow
from tests.ui.test_main_window import select_unit, type_count

UNIT = "afscme-np4-391"
CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = CTRL | Qt.KeyboardModifier.ShiftModifier


def status(w: MainWindow, unit: str = UNIT) -> str:
    return str(w.tree_model.index_for("unit", unit).data(STATUS_ROLE))


def save(qtbot: QtBot, w: MainWindow, **fields: str) -> Standings:
    type_count(qtbot, w, **fields)
    with qtbot.waitSignal(w.standings_shown, timeout=10000) as shown:
        qtbot.keyClick(w.form.edits["no"], Qt.Key.Key_Return)
    return shown.args[0]  # type: ignore[no-any-return]


def with_a_count(qtbot: QtBot, w: MainWindow) -> Standings:
    """Local 391's count saved (1,340 yes / 500 no) in the active window."""
    w.activateWindow()
    select_unit(w, UNIT)
    return save(qtbot, w, yes="1340", no="500")


def key(qtbot: QtBot, w: MainWindow, modifiers: Qt.KeyboardModifier) -> Standings:
    """Ctrl+Z (or Ctrl+Shift+Z) where the steward is: in the emptied Yes field."""
    with qtbot.waitSignal(w.standings_shown, timeout=10000) as shown:
        qtbot.keyClick(w.form.edits["yes"], Qt.Key.Key_Z, modifiers)
    return shown.args[0]  # type: ignore[no-any-return]


def test_ctrl_z_takes_a_save_back_and_ctrl_shift_z_records_it_again(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    w.activateWindow()
    select_unit(w, UNIT)
    before = w.union_text.text()
    assert "1,326" in before and status(w) == "not reported"
    assert w.undo.undo_action.text() == "&Undo" and not w.undo.undo_action.isEnabled()
    edit_menu = next(a.menu() for a in w.menuBar().actions() if a.text() == "&Edit")
    assert w.undo.undo_action in edit_menu.actions()  # type: ignore[union-attr]

    saved = save(qtbot, w, yes="1340", no="500")
    assert status(w) == "approved"
    text = "count of NP-4 Corrections, Local 391 (afscme-np4-391): 1,340 yes / 500 no"
    assert w.undo.undo_action.text() == f"&Undo {text}"
    assert w.undo.undo_action.isEnabled() and not w.undo.redo_action.isEnabled()

    undone = key(qtbot, w, CTRL)
    assert status(w) == "not reported"
    assert w.union_text.text() == before
    assert undone.questions["concessions"].units[UNIT].report.numbers.yes == 0
    assert w.statusBar().currentMessage() == f"Undone: {text}"
    assert w.undo.redo_action.text() == f"&Redo {text}"
    assert w.undo.undo_action.text() == "&Undo"
    qtbot.waitUntil(lambda: w.form.current.text() == "nothing yet", timeout=10000)

    redone = key(qtbot, w, CTRL_SHIFT)
    assert status(w) == "approved"
    numbers = redone.questions["concessions"].units[UNIT].report.numbers
    assert (numbers.yes, numbers.no) == (1340, 500)
    assert saved.questions["concessions"].units[UNIT].report == (
        redone.questions["concessions"].units[UNIT].report
    )
    assert w.statusBar().currentMessage() == f"Redone: {text}"
    assert w.undo.undo_action.text() == f"&Undo {text}"  # the redo can be undone again


def test_undoing_a_correction_shows_the_old_numbers_and_a_new_save_ends_redo(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    with_a_count(qtbot, w)
    w.form.correction.setChecked(True)
    qtbot.keyClicks(w.form.reason, "recounted")
    save(qtbot, w, yes="900", no="940")
    assert status(w) == "rejected"
    assert w.undo.undo_action.text().startswith("&Undo correction of NP-4 Corrections, Local 391")
    key(qtbot, w, CTRL)
    assert status(w) == "approved"  # 1,340 / 500 again
    assert w.undo.redo_action.text().startswith("&Redo correction of")
    assert w.undo.undo_action.text().startswith("&Undo count of")
    other = next(
        k for kind, k, s in w.tree_model.node_keys() if kind == "unit" and s == "not reported"
    )
    select_unit(w, other)  # another count, saved: the correction can no longer be redone
    save(qtbot, w, yes="10", no="5")
    assert not w.undo.redo_action.isEnabled() and w.undo.redo_action.text() == "&Redo"
    assert len(w.undo.done) == 2


def test_ctrl_z_in_a_field_with_typing_undoes_the_typing(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    with_a_count(qtbot, w)
    edit = w.form.edits["yes"]
    qtbot.keyClicks(edit, "77")
    qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)  # the field's own undo: no database work
    assert edit.text() != "77"
    assert status(w) == "approved"  # the save stands
    assert w.undo.undo_action.text().startswith("&Undo count of NP-4 Corrections, Local 391")
    assert not w.undo.working
    while edit.isUndoAvailable():
        qtbot.keyClick(edit, Qt.Key.Key_Z, CTRL)
    assert edit.text() == ""
    key(qtbot, w, CTRL)  # nothing left to undo in the field: the save is undone
    assert status(w) == "not reported"
