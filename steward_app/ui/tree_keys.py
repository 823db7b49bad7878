"""Keys in the coalition tree: the arrows browse (the focus stays in the tree), Enter or a
digit starts entering a count for the unit chosen, the digit becoming the first of Yes.
It also tells when the tree is resized (the window fits the name column to it)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QTreeView

from steward_app.ui.coalition_tree_model import KIND_ROLE, NodeKind

ENTER_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter)


class TreeKeys(QObject):
    resized = Signal()

    def __init__(self, tree: QTreeView, start_entry: Callable[[str], None]) -> None:
        super().__init__(tree)
        self.tree = tree
        self.start_entry = start_entry
        tree.installEventFilter(self)
        tree.viewport().installEventFilter(self)  # its resizes (the tree's own may not come)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Resize:
            self.resized.emit()
            return False
        if event.type() != QEvent.Type.KeyPress or watched is not self.tree:
            return False
        assert isinstance(event, QKeyEvent)
        if self.tree.currentIndex().data(KIND_ROLE) != NodeKind.UNIT:
            return False  # Enter on a union opens or closes it, as in any tree
        modifiers = event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if modifiers != Qt.KeyboardModifier.NoModifier:
            return False
        if event.key() in ENTER_KEYS:
            self.start_entry("")
            return True
        text = event.text()
        if len(text) == 1 and text.isdigit():
            self.start_entry(text)
            return True
        return False
