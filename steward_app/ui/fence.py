"""A fence around a label whose words change on every save, so the window is not laid out again.

`QLabel.setText` always asks its parent's layout to run again, and that request climbs to the
window: every layout on the way recomputes its sizes (the word-wrapped labels among them lay
their text out again) before the next paint. With the verdict, the union's sentence and each
bar's title changing on every save, that was about a third of a save's repaint on the demo.
Inside a fence a label's request stops at the fence: when its height at the present width is
the same, the label just gets its old place back; only a new height reaches the layouts above.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QWidget


class Fence(QWidget):
    """Holds one label and takes its place in a layout."""

    def __init__(self, label: QLabel, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.label = label
        label.setParent(self)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)
        self._height = -1  # the label's height for the present width, as the layout last knew
        self._heights: dict[int, int] = {}  # by width, for the present words: laying out rich
        # text costs a tenth of a millisecond, and layouts ask for the same width many times

    def sizeHint(self) -> QSize:
        return self.label.sizeHint()

    def minimumSizeHint(self) -> QSize:
        return self.label.minimumSizeHint()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        height = self._heights.get(width)
        if height is None:
            if self.label.hasHeightForWidth():
                height = self.label.heightForWidth(width)
            else:
                height = self.label.sizeHint().height()
            self._heights[width] = height
        return height

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._height = self.heightForWidth(self.width())
        self.label.setGeometry(self.rect())
        super().resizeEvent(event)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.LayoutRequest:  # the label's words or font changed
            self._heights.clear()
            height = self.heightForWidth(self.width())
            if height != self._height:
                self._height = height
                self.updateGeometry()  # only now do the layouts above run again
            self.label.setGeometry(self.rect())
            return True
        return super().event(event)
