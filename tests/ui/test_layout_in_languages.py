"""Longer languages fit: in a pseudo-translation that makes every sentence 40% longer (and in
Spanish), on a 1024x600 screen, no visible button, check box or one-line label has text wider
than itself, on the vote's page, its tabs, and the dialogs a steward opens on vote night."""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QCheckBox,
    QComboBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QStyle,
    QStyleOptionButton,
    QStyleOptionComboBox,
    QWidget,
)
from pytestqt.qtbot import QtBot

from steward_app.ui.database_lane import DatabaseLane
from steward_app.ui.main_window import MainWindow
from steward_app.ui.window_language import apply_language
from tests.ui.conftest import open_window
from tests.ui.pseudo_translation import PseudoTranslator, install_pseudo, pseudo

SMALL = (1024, 600 - 40)  # a netbook's screen less its task bar


def clipped(root: QWidget) -> list[str]:
    """Visible buttons and one-line labels whose text is wider than they are."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if not widget.isVisible() or widget.width() <= 1:
            continue
        if isinstance(widget, QLabel):
            if widget.wordWrap() or widget.textFormat() == Qt.TextFormat.RichText:
                continue
            if widget.property("elides"):  # ends in "…" by design: the whole text is kept
                if widget.text() not in (widget.accessibleName(), widget.toolTip()):
                    found.append(f"{type(widget).__name__} {widget.text()!r}: elided, not named")
                continue
            text = widget.text()
            if not text or "<" in text:
                continue
            room = widget.contentsRect().width() - 2 * widget.margin()
        elif isinstance(widget, QComboBox) and not widget.isEditable():
            text = widget.currentText()
            option = QStyleOptionComboBox()
            option.initFrom(widget)
            room = (
                widget.style()
                .subControlRect(
                    QStyle.ComplexControl.CC_ComboBox,
                    option,
                    QStyle.SubControl.SC_ComboBoxEditField,
                    widget,
                )
                .width()
            )
        elif isinstance(widget, QAbstractButton):
            text = widget.text()
            if not text:
                continue
            room = _button_room(widget)
        else:
            continue
        plain = re.sub(r"&(.)", r"\1", text.replace("&&", "\0")).replace("\0", "&")
        for line in plain.splitlines():
            needed = widget.fontMetrics().horizontalAdvance(line)
            if needed > room:
                found.append(f"{type(widget).__name__} {line!r}: {needed} > {room}")
    return found


def _button_room(button: QAbstractButton) -> int:
    """The width a button's text has: inside a push button's frame and margins, after a check
    box's or radio button's indicator (as the style lays them out)."""
    option = QStyleOptionButton()
    option.initFrom(button)
    option.text = button.text()
    style = button.style()
    if isinstance(button, (QCheckBox, QRadioButton)):
        element = (
            QStyle.SubElement.SE_CheckBoxContents
            if isinstance(button, QCheckBox)
            else QStyle.SubElement.SE_RadioButtonContents
        )
        return style.subElementRect(element, option, button).width()
    margin = style.pixelMetric(QStyle.PixelMetric.PM_ButtonMargin, option, button)
    frame = style.pixelMetric(QStyle.PixelMetric.PM_DefaultFrameWidth, option, button)
    return button.width() - margin - 2 * frame


@pytest.fixture
def pseudo_language(qapp: QApplication) -> Iterator[PseudoTranslator]:
    translator = install_pseudo(qapp)
    yield translator
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def spanish() -> Iterator[None]:
    apply_language("es")
    yield
    apply_language("en")


@pytest.fixture
def small_window(qtbot: QtBot, tmp_path: Path) -> Iterator[Callable[[], MainWindow]]:
    """The demo on a small screen, a unit chosen (made once the language is set)."""
    opened: list[tuple[MainWindow, DatabaseLane]] = []

    def make() -> MainWindow:
        window, lane = open_window(qtbot, tmp_path / "demo.sqlite", demo=True)
        opened.append((window, lane))
        window.resize(*SMALL)
        window.tree.setCurrentIndex(window.tree_model.index_for("unit", "afscme-np4-391"))
        # the state code comes from the lane after the window shows: checked before the status
        # bar is laid out again, its label still had the width of no text
        state = window.exchange.state_label
        qtbot.waitUntil(lambda: state.text() != "", timeout=20000)
        qtbot.wait(100)
        return window

    yield make
    for window, lane in opened:
        window.close()
        lane.shutdown()


def settled(qtbot: QtBot, root: QWidget) -> list[str]:
    """What is clipped once the layout has settled: a lane's answer or a splitter's fit may
    lay the window out again a moment after it shows (later on a loaded machine). What stays
    clipped for two seconds is what a steward sees."""
    found = clipped(root)
    if found:
        with contextlib.suppress(AssertionError):  # still clipped: reported below
            qtbot.waitUntil(lambda: clipped(root) == [], timeout=2000)
        found = clipped(root)
    return found


def pages_of(qtbot: QtBot, window: MainWindow) -> list[str]:
    """What is clipped on the standings, the evening and what-if tabs, and the conflicts and
    import history dialogs."""
    found = settled(qtbot, window)
    bar = window.menuBar()
    found += [
        f"menu {a.text()!r} past the menu bar's end"
        for a in bar.actions()
        if bar.actionGeometry(a).right() > bar.width() or bar.actionGeometry(a).isEmpty()
    ]
    for tab in (window.timeline_chart, window.what_if):
        window.tabs.setCurrentWidget(tab)
        qtbot.wait(50)
        found += settled(qtbot, window)
    window.exchange.open_conflicts()
    window.exchange.open_history()
    qtbot.wait(200)
    for dialog in (window.exchange._conflicts, window.exchange._history):
        if dialog is not None:
            found += settled(qtbot, dialog)
            dialog.close()
    return found


def test_the_check_finds_a_button_too_narrow_for_its_text(qtbot: QtBot) -> None:
    box = QWidget()
    qtbot.addWidget(box)
    button = QPushButton("&Import a results file from another PC", box)
    button.setFixedWidth(60)
    fits = QPushButton("OK", box)
    fits.move(0, 40)
    box.show()
    found = clipped(box)
    assert len(found) == 1 and "Import a results file" in found[0]


def test_the_pseudo_translation_lengthens_and_keeps_placeholders() -> None:
    text = pseudo("&Save {unit}: %Ln file(s) <b>now</b>")
    assert "{unit}" in text and "%Ln" in text and "<b>" in text and text.startswith("&Sàvé")
    assert len(text) >= len("&Save {unit}: %Ln file(s) <b>now</b>") + 8


def test_nothing_is_cut_off_in_a_language_40_percent_longer(
    qtbot: QtBot, pseudo_language: PseudoTranslator, small_window: Callable[[], MainWindow]
) -> None:
    window = small_window()
    assert window.menuBar().actions()[0].text().startswith("&Fîlé")
    found = pages_of(qtbot, window)
    assert found == [], "\n".join(found)


def test_nothing_is_cut_off_in_spanish(
    qtbot: QtBot, spanish: None, small_window: Callable[[], MainWindow]
) -> None:
    window = small_window()
    found = pages_of(qtbot, window)
    assert found == [], "\n".join(found)


def test_the_union_filter_stays_whole_when_the_text_grows(
    qtbot: QtBot, spanish: None, small_window: Callable[[], MainWindow]
) -> None:
    window = small_window()
    try:
        for _ in range(4):
            window._zoom(1)
        qtbot.wait(100)
        box = window.union_filter
        assert [c for c in clipped(box)] == []
    finally:
        window._zoom(0)


def test_the_state_code_stays_whole_when_the_status_bar_is_short_of_room(
    qtbot: QtBot, pseudo_language: PseudoTranslator, small_window: Callable[[], MainWindow]
) -> None:
    """The state code is what stewards compare between PCs: when a longer language and a
    wider font leave the status bar short of room, the other parts end in "…" instead."""
    window = small_window()
    try:
        window._zoom(1)  # a wider font, as on a machine with only DejaVu Sans
        state = window.exchange.state_label
        qtbot.waitUntil(lambda: state.text() != "", timeout=20000)
        # a database file named as a steward names it
        window.status_parts.db_label.setText(
            "database: contract ratification vote of the coalition, hall office copy made before "
            "the count of the mail ballots, December 2026.sqlite"
        )
        window.resize(*SMALL)
        qtbot.wait(100)
        assert window.width() <= SMALL[0], "the window grew past the screen's edge"
        found = settled(qtbot, window.statusBar())
        assert found == [], "\n".join(found)
        assert state.width() >= state.fontMetrics().horizontalAdvance(state.text()), state.text()
        shortened = [
            w
            for w in (window.status_parts.last_save, window.status_parts.db_label)
            if not w.full_text_shown()
        ]
        assert shortened, "the test means something only when the status bar is short of room"
    finally:
        window._zoom(0)
