"""A one-line label that gives up room before anything else does: where its text does not fit,
it ends in "…", and the whole text stays in its accessible name and its tooltip.

The status bar holds the passing message, the shared folder, the conflicts, the state code, the
last save and the database's name. On a 1024x600 screen in a language longer than English they
do not all fit; the state code (what stewards compare between PCs) must stay whole, so the
others shrink instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QHelpEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QToolTip, QWidget


class ElidedLabel(QLabel):
    def __init__(self, text: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._full = ""
        self.setProperty("elides", True)  # the layout tests know it ends in "…" by design
        self.setText(text)

    def setText(self, text: str) -> None:
        if self.accessibleName() in ("", self._full):  # a screen reader hears the whole text
            self.setAccessibleName(text)
        self._full = text
        self._elide()
        self.updateGeometry()

    def text(self) -> str:
        """The whole text, not what fits."""
        return self._full

    def full_text_shown(self) -> bool:
        return super().text() == self._full

    def sizeHint(self) -> QSize:
        """The room the whole text needs."""
        hint = super().sizeHint()
        metrics = self.fontMetrics()
        extra = metrics.horizontalAdvance(self._full) - metrics.horizontalAdvance(super().text())
        return QSize(hint.width() + max(extra, 0), hint.height())

    def minimumSizeHint(self) -> QSize:
        """Room for a few letters and the "…"."""
        hint = self.sizeHint()
        metrics = self.fontMetrics()
        fixed = hint.width() - metrics.horizontalAdvance(self._full)
        least = fixed + metrics.horizontalAdvance(self._full[:4] + "…")
        return QSize(min(hint.width(), least), super().minimumSizeHint().height())

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._elide()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip and not self.full_text_shown():
            assert isinstance(event, QHelpEvent)
            tip = "\n".join(t for t in (self._full, self.toolTip()) if t)
            QToolTip.showText(event.globalPos(), tip, self)
            return True
        return super().event(event)

    def _elide(self) -> None:
        room = self.contentsRect().width()
        shown = self._full
        if room > 0 and self.fontMetrics().horizontalAdvance(shown) > room:
            shown = self.fontMetrics().elidedText(shown, Qt.TextElideMode.ElideRight, room)
        if shown != super().text():
            super().setText(shown)
