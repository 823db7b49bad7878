"""The window's left pane, a view: the coalition tree of unions and units, the "Show:" union
filter above it and the "Next unreported unit" button. The window (ui/main_window.py) wires
its signals; the pane only shows and moves through the tree.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionComboBox,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from steward_app.ui.coalition_tree_model import ID_ROLE, STATUS_ROLE, CoalitionTreeModel, NodeKind
from steward_app.ui.palette import FOCUS_RING


class TreePane(QWidget):
    """The tree with its filter and its next-unreported button."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree_model = CoalitionTreeModel(self)
        self.tree = QTreeView()
        self.tree.setModel(self.tree_model)
        self.tree.setAccessibleName(self.tr("Coalition, unions and units"))
        self.tree.setUniformRowHeights(True)
        self.tree.setIndentation(self.tree.fontMetrics().averageCharWidth() * 2)  # room for names
        header = self.tree.header()
        header.setStretchLastSection(False)
        # names matter most: they get the room they need (up to a limit, see _fit_columns) and
        # the tree scrolls sideways on a narrow pane rather than cutting every name short
        # widths are measured when a vote is shown (_fit_columns), not on every change: a
        # column sized to its contents makes Qt read every row of it after each save
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.union_filter = QComboBox()
        self.union_filter.setAccessibleName(self.tr("Show union"))
        self.union_filter.setToolTip(self.tr("Show one union in the tree, or all of them"))
        self.union_filter.setStyleSheet(FOCUS_RING)
        self.union_filter.setAccessibleDescription(self.tr("Which unions the tree shows"))

        self.next_missing = QPushButton(self.tr("Next &unreported unit"))
        self._whole = ""  # the text the union filter keeps whole (keep_whole)
        layout = QVBoxLayout(self)
        filters = QHBoxLayout()
        shown = QLabel(
            self.tr("Show:")
        )  # its buddy: a screen reader names the box by this, not its value
        shown.setBuddy(self.union_filter)
        filters.addWidget(shown)
        filters.addWidget(self.union_filter, 1)
        filters.addWidget(self.next_missing)
        layout.addLayout(filters)
        layout.addWidget(self.tree)

    def keep_whole(self, text: str) -> None:
        """The filter never narrower than `text`, its first choice ("All unions" in the
        window's language, longer in some); a union's longer name shows whole in its list."""
        self._whole = text
        box = self.union_filter
        option = QStyleOptionComboBox()
        option.initFrom(box)
        metrics = self.fontMetrics()  # the window's font now (View › Zoom)
        needed = box.style().sizeFromContents(
            QStyle.ContentsType.CT_ComboBox,
            option,
            QSize(metrics.horizontalAdvance(text), metrics.height()),
            box,
        )
        box.setMinimumWidth(needed.width())

    def changeEvent(self, event: QEvent) -> None:
        """View › Zoom changes the font: the filter's least width follows."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange and self._whole:
            self.keep_whole(self._whole)

    def filter_union(self) -> str:
        """Show only the union chosen in the filter (all for ""); returns its id."""
        union_id = str(self.union_filter.currentData() or "")
        for row in range(self.tree_model.rowCount()):
            top = self.tree_model.index(row, 0)
            for r in range(self.tree_model.rowCount(top)):
                child = self.tree_model.index(r, 0, top)
                hidden = bool(union_id) and child.data(ID_ROLE) != union_id
                self.tree.setRowHidden(r, top, hidden)
        return union_id

    def go_to_next_unreported(self) -> bool:
        """Select the next unit that has not reported (after the current one, round the
        tree); False when every unit has reported."""
        keys = [
            (k, key)
            for k, key, status in self.tree_model.node_keys()
            if k is NodeKind.UNIT and status == "not reported"
        ]
        if not keys:
            return False
        current = self.tree.currentIndex().data(ID_ROLE)
        ids = [key for _, key in keys]
        after = ids[(ids.index(current) + 1) % len(ids)] if current in ids else ids[0]
        index = self.tree_model.index_for(NodeKind.UNIT, after)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        assert index.data(STATUS_ROLE) == "not reported"
        return True
