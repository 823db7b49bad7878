"""Issue 12, keyboard: browsing the tree keeps the focus there, Enter or a digit starts entry,
every Alt+letter is unique, Ctrl+U works in a field, What-if is no Tab trap, the first window
fits the screen; and the whole vote-night task with the keyboard alone."""

from __future__ import annotations

import re
from collections import Counter

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QMenu,
    QTabBar,
    QWidget,
)
from pytestqt.qtbot import QtBot

from steward_app.ui.coalition_tree_model import ID_ROLE, STATUS_ROLE
from steward_app.ui.main_window import MainWindow
from steward_app.ui.window_layout import default_size
from tests.ui.test_main_window import select_unit

UNIT = "afscme-np4-391"
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def key(
    qtbot: QtBot, k: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    widget = focused()
    assert widget is not None, "nothing has the keyboard focus"
    qtbot.keyClick(widget, k, modifier)


def type_text(qtbot: QtBot, text: str) -> None:
    widget = focused()
    assert widget is not None
    qtbot.keyClicks(widget, text)


def replace_text(qtbot: QtBot, text: str) -> None:
    key(qtbot, Qt.Key.Key_A, CTRL)
    type_text(qtbot, text)


def mnemonic(text: str) -> str | None:
    found = re.search(r"&([^&])", text.replace("&&", ""))
    return found.group(1).lower() if found else None


def test_browsing_the_tree_keeps_the_focus_and_enter_or_a_digit_starts_entry(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    w.activateWindow()
    w.tree.setFocus()
    select_unit(w, UNIT)
    assert focused() is w.tree
    key(qtbot, Qt.Key.Key_Down)  # the next unit: the focus stays, the form follows
    assert focused() is w.tree
    assert w.tree.currentIndex().data(ID_ROLE) != UNIT
    key(qtbot, Qt.Key.Key_Up)
    assert w.form._unit == UNIT
    key(qtbot, Qt.Key.Key_Return)
    assert focused() is w.form.edits["yes"]
    w.tree.setFocus()
    key(qtbot, Qt.Key.Key_7)
    assert focused() is w.form.edits["yes"] and w.form.edits["yes"].text() == "7"


def test_every_alt_letter_is_unique_in_the_window(demo_window: MainWindow) -> None:
    w = demo_window
    w.timeline_chart  # noqa: B018 - the tabs built when first used
    w.what_if  # noqa: B018
    # the menus with either page: the start page (no vote yet) or the vote's page
    for page in (w.start_page, w.splitter):
        assert_unique(w, page)
    # and within each menu
    for menu in w.menuBar().findChildren(QMenu):
        inside = [mnemonic(a.text()) for a in menu.actions() if not a.isSeparator()]
        inside_counts = Counter(m for m in inside if m)
        assert [m for m, c in inside_counts.items() if c > 1] == [], menu.title()


def assert_unique(w: MainWindow, page: QWidget) -> None:
    letters: list[tuple[str, str]] = []
    for action in w.menuBar().actions():
        if (m := mnemonic(action.text())) is not None:
            letters.append((m, f"menu {action.text()}"))
    widgets = [*page.findChildren(QWidget), *w.statusBar().findChildren(QWidget)]
    for widget in widgets:
        if widget.window() is not w or isinstance(widget, QMenu):
            continue
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            text = widget.text()
        else:
            continue
        if (m := mnemonic(text)) is not None:
            letters.append((m, text))
    for bar in page.findChildren(QTabBar):
        for i in range(bar.count()):
            if (m := mnemonic(bar.tabText(i))) is not None:
                letters.append((m, f"tab {bar.tabText(i)}"))
    counts = Counter(m for m, _ in letters)
    clashes = {m: [t for n, t in letters if n == m] for m, c in counts.items() if c > 1}
    assert clashes == {}


def test_ctrl_u_finds_the_next_unreported_unit_from_inside_a_field(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    w.activateWindow()
    select_unit(w, UNIT)
    w.form.edits["yes"].setFocus()
    qtbot.keyClicks(w.form.edits["yes"], "12")
    before = w.tree.currentIndex().data(ID_ROLE)
    qtbot.keyClick(w.form.edits["yes"], Qt.Key.Key_U, CTRL)
    now = w.tree.currentIndex()
    assert now.data(ID_ROLE) != before and now.data(STATUS_ROLE) == "not reported"
    assert UNIT in w.form.drafts  # what was typed is kept


def test_tab_leaves_the_what_if_table(qtbot: QtBot, demo_window: MainWindow) -> None:
    w = demo_window
    w.activateWindow()
    w.tabs.setCurrentWidget(w.what_if)
    table = w.what_if.table
    table.setFocus()
    table.setCurrentCell(0, 1)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert focused() is not table


@pytest.mark.parametrize(
    ("screen", "expected"),
    [((1366, 728), (1350, 688)), ((1024, 560), (1008, 520)), ((1280, 680), (1280 - 16, 640))],
)
def test_the_first_window_fits_the_screen(
    screen: tuple[int, int], expected: tuple[int, int]
) -> None:
    """1366x768 and 1024x600 with a 40-pixel task bar, 1080p at 150% scale (1280x720)."""
    assert default_size(*screen) == expected


def test_the_first_window_opens_within_the_screens_free_area(demo_window: MainWindow) -> None:
    available = demo_window.screen().availableGeometry()
    assert available.contains(demo_window.geometry())


def test_the_form_stays_narrow_with_no_unit_chosen(demo_window: MainWindow) -> None:
    w = demo_window
    assert not w.form.isEnabled()
    assert w.form.maximumWidth() < w.width() // 4
    select_unit(w, UNIT)
    assert w.form.maximumWidth() > w.width() // 4  # room for the fields, not a third


class NoMouse(QObject):
    """Fails the test at the first mouse press or release anywhere in the application."""

    def __init__(self) -> None:
        super().__init__()
        self.seen: list[str] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in (
            QEvent.Type.MouseButtonPress,
            QEvent.Type.MouseButtonRelease,
            QEvent.Type.MouseButtonDblClick,
        ):
            self.seen.append(type(watched).__name__)
        return False


def test_the_whole_task_with_the_keyboard_alone(qtbot: QtBot, demo_window: MainWindow) -> None:
    w = demo_window
    app = QApplication.instance()
    assert app is not None
    no_mouse = NoMouse()
    app.installEventFilter(no_mouse)
    try:
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow, timeout=5000)
        qtbot.keyClick(w, Qt.Key.Key_1, CTRL)  # Go › The tree
        assert focused() is w.tree
        # choose the unit by browsing: down to its union, open it, down to the unit
        for target in ("afscme", UNIT):
            for _ in range(60):
                if w.tree.currentIndex().data(ID_ROLE) == target:
                    break
                key(qtbot, Qt.Key.Key_Down)
            key(qtbot, Qt.Key.Key_Right)  # opens the union (on a unit: nothing)
        assert w.tree.currentIndex().data(ID_ROLE) == UNIT and focused() is w.tree
        # enter, with an error first
        key(qtbot, Qt.Key.Key_Return)
        assert focused() is w.form.edits["yes"]
        type_text(qtbot, "1500")
        key(qtbot, Qt.Key.Key_Tab)
        assert focused() is w.form.edits["no"]
        type_text(qtbot, "5oo")
        key(qtbot, Qt.Key.Key_Return)
        assert "Not saved: fix the errors" in w.form.message.text()
        replace_text(qtbot, "500")  # fixed: 2,000 ballots for 1,850 eligible is a warning
        assert w.form.message.text() == ""
        key(qtbot, Qt.Key.Key_Return)
        assert "check the warnings" in w.form.message.text()
        assert focused() is w.form.confirm
        key(qtbot, Qt.Key.Key_Space)  # "I checked the warnings"
        assert w.form.confirm.isChecked()
        with qtbot.waitSignal(w.standings_shown, timeout=10000):
            key(qtbot, Qt.Key.Key_Return)
        assert "Saved" in w.form.message.text()
        qtbot.waitUntil(lambda: "1,500 yes" in w.form.current.text(), timeout=10000)
        # a blind second entry by another steward, with different numbers: a conflict
        key(qtbot, Qt.Key.Key_B, ALT)  # the box is ticked after a short animation
        qtbot.waitUntil(w.form.blind.isChecked, timeout=5000)
        assert focused() is w.form.second_name
        type_text(qtbot, "a second steward")
        qtbot.keyClick(w, Qt.Key.Key_2, CTRL)  # Go › Enter a count
        assert focused() is w.form.edits["yes"]
        type_text(qtbot, "1400")
        key(qtbot, Qt.Key.Key_Tab)
        type_text(qtbot, "400")
        with qtbot.waitSignal(w.standings_shown, timeout=10000):
            key(qtbot, Qt.Key.Key_Return)
        assert "differs" in w.form.message.text()
        qtbot.waitUntil(lambda: "1 conflict" in w.exchange.conflicts_button.text(), timeout=20000)
        # resolve it in the conflicts view: the reason, then Enter on the count to keep
        qtbot.keyClick(w, Qt.Key.Key_C, CTRL | Qt.KeyboardModifier.ShiftModifier)
        view = w.exchange._conflicts
        assert view is not None
        qtbot.waitUntil(lambda: view.table.rowCount() == 2, timeout=10000)
        view.activateWindow()
        qtbot.waitUntil(view.isActiveWindow, timeout=5000)
        qtbot.keyClick(view, Qt.Key.Key_R, ALT)
        assert focused() is view.reason
        type_text(qtbot, "recounted with both stewards")
        key(qtbot, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        assert focused() is view.table
        with qtbot.waitSignal(w.standings_shown, timeout=10000):
            key(qtbot, Qt.Key.Key_Return)  # keeps the first count
        qtbot.waitUntil(lambda: view.table.rowCount() == 0, timeout=10000)
        assert w.tree_model.index_for("unit", UNIT).data(STATUS_ROLE) != "conflict"
        view.close()
        # undo the second entry from the window
        w.activateWindow()
        qtbot.waitUntil(w.isActiveWindow, timeout=5000)
        qtbot.keyClick(w, Qt.Key.Key_1, CTRL)
        with qtbot.waitSignal(w.standings_shown, timeout=10000):
            key(qtbot, Qt.Key.Key_Z, CTRL)
        assert w.last_save.text().startswith("last undo")
    finally:
        app.removeEventFilter(no_mouse)
    assert no_mouse.seen == []
