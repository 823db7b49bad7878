"""Every control a steward can reach has a name a screen reader can say, and the drawn bars
say their words too."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from steward_app.ui.main_window import MainWindow

CONTROLS = (
    QAbstractButton,
    QLineEdit,
    QComboBox,
    QAbstractSpinBox,
    QAbstractItemView,
    QPlainTextEdit,
    QTextEdit,
)


def _unnamed(window: MainWindow) -> list[str]:
    labelled = {id(label.buddy()) for label in window.findChildren(QLabel) if label.buddy()}
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, CONTROLS) or isinstance(widget, QHeaderView):
            continue
        if widget.isHidden() or widget.window() is not window:
            continue  # hidden until needed (a button, an overflow arrow); a combo box's popup
        if isinstance(widget, QLineEdit) and isinstance(
            widget.parent(), (QComboBox, QAbstractSpinBox)
        ):
            continue  # the editor inside a combo box or spin box: named by its owner
        text = widget.text() if isinstance(widget, QAbstractButton) else ""
        if not (widget.accessibleName() or text or id(widget) in labelled):
            missing.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    return missing


def test_every_control_of_every_tab_has_a_name(qtbot: QtBot, demo_window: MainWindow) -> None:
    w = demo_window
    w.timeline_chart  # noqa: B018 - the Evening and What-if tabs are built when first used
    w.what_if  # noqa: B018
    assert _unnamed(w) == []


def test_the_drawn_bars_say_their_words(demo_window: MainWindow) -> None:
    for plot in demo_window.coalition_chart.plots:
        canvas = plot.canvas
        assert plot.shown is not None
        assert canvas.accessibleName() == plot.shown.title
        for segment in plot.shown.segments:
            if segment.value > 0:
                assert segment.label in canvas.accessibleDescription()
        assert plot.shown.threshold_label in canvas.accessibleDescription()
