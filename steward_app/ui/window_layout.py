"""The window's size and proportions: the first window fits the screen, the tree's columns
fit their contents and the pane, the count form takes the room it needs, View › Zoom.

A part of MainWindow (ui/main_window.py), kept apart.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, QTimer, Slot
from PySide6.QtWidgets import QMainWindow, QScrollArea, QSplitter, QTreeView

from steward_app.domain.standings import Standings
from steward_app.domain.tally import Outcome
from steward_app.ui.chart_fonts import apply_zoom
from steward_app.ui.coalition_tree_model import CoalitionTreeModel
from steward_app.ui.count_form import CountForm
from steward_app.ui.glance import Glance
from steward_app.ui.palette import status_words

if TYPE_CHECKING:
    from PySide6.QtWidgets import QComboBox

    from steward_app.ui.what_if_panel import WhatIfPanel

    _Window = QMainWindow
else:
    _Window = object

FULL_SIZE = (1366, 740)
FRAME_ALLOWANCE = (16, 40)  # the window's frame and title bar around its contents


def default_size(available_width: int, available_height: int) -> tuple[int, int]:
    """The first window's size: 1366x740, or less to fit the screen's free area (a 1366x768
    laptop, 1024x600, 1080p at 150% scale: 1280x680 or so)."""
    width = min(FULL_SIZE[0], available_width - FRAME_ALLOWANCE[0])
    height = min(FULL_SIZE[1], available_height - FRAME_ALLOWANCE[1])
    return max(width, 640), max(height, 400)


class WindowLayout(_Window):
    """MainWindow's sizes (a mixin: the window sets the attributes below)."""

    standings: Standings | None
    zoom: int
    tree: QTreeView
    tree_model: CoalitionTreeModel
    splitter: QSplitter
    form: CountForm
    form_scroll: QScrollArea
    union_filter: QComboBox
    verdict: Glance
    _name_width: int
    _what_if: WhatIfPanel | None

    @Slot(int)
    def _on_form_width_limited(self, width: int) -> None:
        bar = self.form_scroll.verticalScrollBar().sizeHint().width()
        self.form_scroll.setMaximumWidth(width + bar)
        # the fields whole when a unit is chosen: the splitter takes the room from the others
        needed = self.form.minimumSizeHint().width() if self.form.body.isVisibleTo(self.form) else 0
        self.form_scroll.setMinimumWidth(min(width, needed) + bar if needed else 0)

    def _fit_columns(self) -> None:
        """Each column as wide as its contents (numbers with room to grow by a digit); the
        names within 26 average letters, the rest of a long name in its tooltip."""
        metrics = self.tree.fontMetrics()
        digit = metrics.horizontalAdvance("0")
        for column in range(self.tree_model.columnCount()):
            self.tree.resizeColumnToContents(column)
            if column >= 2:
                self.tree.setColumnWidth(column, self.tree.columnWidth(column) + digit)
        # the status column fits the longest status a line can come to have, not just today's
        longest = max(
            metrics.horizontalAdvance(status_words(outcome, True, provisional, short=True))
            for outcome in Outcome
            if outcome is not Outcome.NOT_IN_EFFECT  # an agreement's, never a line's
            for provisional in (0, 1)
        )
        width = max(self.tree.columnWidth(1), longest + digit)
        self.tree.setColumnWidth(1, width)
        self._name_width = self.tree.columnWidth(0)  # what the names need
        self._fit_names()

    def _fit_names(self) -> None:
        """The names within 26 average letters, and less on a narrow pane, so that the
        numbers and the turnout stay in view (down to 9 letters; then the tree scrolls)."""
        if not self._name_width:
            return
        letter = self.tree.fontMetrics().averageCharWidth()
        others = sum(self.tree.columnWidth(c) for c in range(1, self.tree_model.columnCount()))
        room = self.tree.viewport().width() - others
        limit = letter * 26 + self.tree.indentation() * 2
        floor = letter * 9 + self.tree.indentation() * 2
        self.tree.setColumnWidth(0, max(floor, min(self._name_width, limit, room)))

    def _zoom(self, step: int) -> None:
        """Larger or smaller text everywhere, charts and dialogs included; 0: normal size.

        The zoom is a number of points added to the system's font, remembered between runs."""
        zoom = 0 if step == 0 else max(-4, min(14, self.zoom + step))
        self.zoom = zoom
        QSettings().setValue("window/zoom", zoom)
        apply_zoom(zoom)
        self._repolish()
        if self.standings is not None:
            QTimer.singleShot(0, self._fit_columns)  # once the tree has its new font

    def _repolish(self) -> None:
        """Widgets with a style sheet (the focus ring, the status bar's lines) take a new
        application font only when polished again."""
        styled = [self.form, self.union_filter, self.statusBar(), self.verdict.banner]
        if self._what_if is not None:
            styled.append(self._what_if)
        for widget in styled:
            sheet = widget.styleSheet()
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)

    def _restore_layout(self) -> None:
        settings = QSettings()
        self.zoom = int(str(settings.value("window/zoom", 0) or 0))
        if self.zoom:
            apply_zoom(self.zoom)
            self._repolish()
        geometry = settings.value("window/geometry")
        available = self.screen().availableGeometry()
        if geometry is not None:
            self.restoreGeometry(geometry)
        size = default_size(available.width(), available.height())
        if geometry is None or not available.contains(self.frameGeometry()):
            # the first time, or saved on a larger screen: the whole window on this screen,
            # the status bar (state code, conflicts) included
            self.resize(*size)
            self.move(available.topLeft())
        state = settings.value("window/splitter")
        if state is not None:
            self.splitter.restoreState(state)
        else:
            width = size[0]
            # the tree's share grows on a small screen: its numbers and turnout stay in view
            tree = 36 if width >= 1200 else 42
            self.splitter.setSizes([width * tree // 100, width * (80 - tree) // 100, width // 5])
