"""Chart text follows the application's font, so View > Zoom enlarges the charts' words too.

pyqtgraph draws its text as graphics items that do not inherit a widget's font: tick numbers,
axis labels, titles and labels in the plot (the evening's timeline; the standings bars are drawn
with their widget's own font and follow without help). `apply_font` sets them all; the chart
widgets call it when Qt tells them their font changed (a zoom) and when they make new items.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QWidget

if TYPE_CHECKING:  # pyqtgraph is loaded with the evening's timeline, not at start-up
    import pyqtgraph as pg


class FontFollower(QWidget):
    """A chart widget whose graphics text follows its font: `_apply_font` sets it, at the
    end of the subclass's constructor and whenever Qt reports a change of font (a zoom)."""

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:
            self._apply_font()
        super().changeEvent(event)

    def _apply_font(self) -> None:
        raise NotImplementedError


def title_size(font: QFont) -> str:
    """The CSS size pyqtgraph wants for a plot title: a little larger than the text."""
    return f"{round(font.pointSizeF() * 1.15, 1)}pt"


def apply_font(plot: pg.PlotWidget, font: QFont, texts: Iterable[pg.TextItem] = ()) -> None:
    """Set `font` on a plot's axes (ticks and labels) and on the given text items."""
    item = plot.getPlotItem()
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setTickFont(font)
        axis.label.setFont(font)
        # the axis keeps room for its tick labels by their height: let it measure again
        axis.setStyle(tickTextOffset=max(3, round(font.pointSizeF() / 3)))
    for text in texts:
        text.setFont(font)


_BASE_FONT = "steward_app_base_font"


def apply_zoom(zoom: int) -> None:
    """The application's font at the system size plus `zoom` points, for every window.

    Widgets that have no font of their own follow, and are told so (a FontChange event):
    the charts above react to it."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    base = app.property(_BASE_FONT)
    if not isinstance(base, QFont):
        base = QFont(app.font())
        app.setProperty(_BASE_FONT, base)
    font = QFont(base)
    size = base.pointSizeF() if base.pointSizeF() > 0 else 9.0
    font.setPointSizeF(max(6.0, size + zoom))
    QApplication.setFont(font)
