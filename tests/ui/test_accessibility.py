"""Every control a steward can reach has a name a screen reader can say, and the drawn bars
say their words too."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtGui import QAccessible
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
    QTreeView,
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


# --- issue 12: through QAccessible, as a screen reader reads the window -------------------


def _focusable(widget: QWidget) -> bool:
    return bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) and widget.isEnabled()


def _visible_rows(view: QTreeView) -> list[QModelIndex]:
    rows = []
    index = view.model().index(0, 0)
    while index.isValid():
        rows.append(index)
        index = view.indexBelow(index)
    return rows


def test_every_focusable_control_is_named_through_qaccessible(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    for build in ("timeline_chart", "what_if"):
        getattr(w, build)  # the tabs built when first used
    unnamed = []
    for widget in [w, *w.findChildren(QWidget)]:
        if widget.window() is not w or not widget.isVisibleTo(w) or not _focusable(widget):
            continue
        if isinstance(widget.parent(), (QComboBox, QAbstractSpinBox)):
            continue  # the editor inside a combo or spin box: its owner is named
        iface = QAccessible.queryAccessibleInterface(widget)
        assert iface is not None
        if not iface.text(QAccessible.Text.Name).strip():
            unnamed.append(f"{type(widget).__name__} in {type(widget.parent()).__name__}")
    assert unnamed == []


def test_every_tree_cell_says_its_own_text(demo_window: MainWindow) -> None:
    w = demo_window
    tree = QAccessible.queryAccessibleInterface(w.tree)
    rows = _visible_rows(w.tree)
    checked = 0
    for i in range(tree.childCount()):
        child = tree.child(i)
        cell = child.tableCellInterface()
        if cell is None:
            continue
        index = rows[cell.rowIndex()].siblingAtColumn(cell.columnIndex())
        shown = index.data(Qt.ItemDataRole.DisplayRole)
        name = child.text(QAccessible.Text.Name)
        assert name == (shown if shown is not None else "none"), (cell.rowIndex(), name)
        checked += 1
    assert checked >= len(rows) * 5  # every column of every row, Yes, No and Turnout included


def test_the_charts_have_a_text_alternative(qtbot: QtBot, demo_window: MainWindow) -> None:
    w = demo_window
    with qtbot.waitSignal(w.lane.busy_changed, timeout=10000, check_params_cb=lambda b: not b):
        w.tabs.setCurrentWidget(w.timeline_chart)
    chart = w.timeline_chart
    qtbot.waitUntil(lambda: chart.timeline is not None, timeout=10000)
    for plot in (chart.margin_plot, chart.share_plot):
        iface = QAccessible.queryAccessibleInterface(plot)
        assert iface.text(QAccessible.Text.Name)
        assert "now" in iface.text(QAccessible.Text.Description)
    assert "running margin" in chart.margin_plot.accessibleDescription()
    for plot in w.coalition_chart.plots:
        assert QAccessible.queryAccessibleInterface(plot.canvas).text(QAccessible.Text.Description)


def test_value_labels_say_their_values(qtbot: QtBot, demo_window: MainWindow) -> None:
    w = demo_window
    qtbot.waitUntil(lambda: w.exchange.state_label.text().startswith("State "), timeout=20000)
    for label in (w.exchange.state_label, w.last_save, w.verdict.banner, w.verdict.reported):
        name = QAccessible.queryAccessibleInterface(label).text(QAccessible.Text.Name)
        assert name and name not in ("State code", "Coalition verdict"), name
    assert (
        QAccessible.queryAccessibleInterface(w.exchange.state_label).text(QAccessible.Text.Name)
        == w.exchange.state_label.text()
    )
    assert "PENDING" in QAccessible.queryAccessibleInterface(w.verdict.banner).text(
        QAccessible.Text.Name
    )
    # the union filter: a screen reader on Linux reads a combo box's value as its name and its
    # label through the "labelled by" relation (a label whose buddy it is); elsewhere its name
    iface = QAccessible.queryAccessibleInterface(w.union_filter)
    labels = [
        other.text(QAccessible.Text.Name)
        for other, relation in iface.relations(QAccessible.Relation.Label)
    ]
    assert "Show:" in labels and w.union_filter.accessibleName() == "Show union"
