"""Horizontal labelled bars against threshold lines, drawn with pyqtgraph: one small plot per bar.

Each bar gets its own plot and axis in its own unit (unions, % of members, votes). Plots are made
when the number of bars changes and otherwise updated in place on every save. Every segment
carries its words as text and a hatch pattern as well as a colour.
"""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from steward_app.services.chart_data import Bar
from steward_app.ui.chart_fonts import FontFollower, apply_font
from steward_app.ui.palette import APPROVE, PENDING, REJECT, THRESHOLD

FILL = {
    "approved": (APPROVE, Qt.BrushStyle.SolidPattern),
    "yes": (APPROVE, Qt.BrushStyle.SolidPattern),
    "pending": (PENDING, Qt.BrushStyle.Dense4Pattern),
    "rejected": (REJECT, Qt.BrushStyle.BDiagPattern),
    "no": (REJECT, Qt.BrushStyle.BDiagPattern),
}


def _brush(kind: str) -> QBrush:
    color, style = FILL.get(kind, (PENDING, Qt.BrushStyle.SolidPattern))
    return QBrush(QColor(color), style)


class _BarPlot(FontFollower):
    """One bar: a title in words, its segments, their labels and the threshold line."""

    def __init__(self) -> None:
        super().__init__()
        self.title = QLabel()
        self.title.setWordWrap(True)
        # no context menus: built at start they cost a quarter of making the plot, and the
        # chart's own menu (copy, save as PNG: ui/chart_actions) is the one a steward gets
        self.plot = pg.PlotWidget(background="w", enableMenu=False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.plot, 1)
        self.plot.setMouseEnabled(x=False, y=False)
        self.plot.hideButtons()
        item = self.plot.getPlotItem()
        item.hideAxis("left")
        item.showGrid(x=True, y=False, alpha=0.25)
        item.getAxis("bottom").setTextPen("k")
        self.plot.setMinimumHeight(70)
        self._items: list[tuple[pg.BarGraphItem, pg.TextItem]] = []
        self.shown: Bar | None = None
        self.line = pg.InfiniteLine(
            angle=90,
            pen=pg.mkPen(THRESHOLD, width=2, style=Qt.PenStyle.DashLine),
            label="",
            labelOpts={"position": 0.88, "color": "k", "fill": pg.mkBrush(255, 255, 220, 235)},
        )
        self.plot.addItem(self.line)
        self._apply_font()

    def _apply_font(self) -> None:
        """The plot's words in the widget's font (View > Zoom); its height grows with them."""
        font = self.font()
        apply_font(self.plot, font, [label for _rect, label in self._items] + [self.line.label])
        self.plot.setMinimumHeight(round(70 * max(1.0, font.pointSizeF() / 9)))

    def _segment_items(self, count: int) -> None:
        """Keep exactly `count` (rectangle, label) pairs; they are reused across updates."""
        while len(self._items) < count:
            rect = pg.BarGraphItem(x0=[0], y=[0], width=[0], height=0.8, pen=pg.mkPen("k", width=1))
            label = pg.TextItem("", color="k", anchor=(0, 0.5), fill=pg.mkBrush(255, 255, 255, 225))
            label.setFont(self.font())
            self.plot.addItem(rect)
            self.plot.addItem(label)
            self._items.append((rect, label))
        while len(self._items) > count:
            rect, label = self._items.pop()
            self.plot.removeItem(rect)
            self.plot.removeItem(label)

    def show_bar(self, bar: Bar) -> None:
        """Update in place: items are only created when a bar gains segments, and a bar that
        did not change is not touched (pyqtgraph repaints whatever it is given)."""
        if bar == self.shown:
            return
        self.shown = bar
        segments = [seg for seg in bar.segments if seg.value > 0]
        self._segment_items(len(segments))
        left = 0.0
        for (rect, label), seg in zip(self._items, segments, strict=True):
            rect.setOpts(x0=[left], width=[seg.value], brush=_brush(seg.kind))
            # a label inside its segment only where it fits; the title always has them all
            fits = seg.value >= 0.16 * (bar.maximum or 1)
            label.setVisible(fits)
            if fits:
                label.setText(seg.label)
                label.setPos(left, 0)
            left += seg.value
        parts = " · ".join(s.label for s in bar.segments if s.value > 0)
        self.title.setText(f"<b>{bar.title}</b> — {bar.state}: {parts}")
        if bar.threshold is None:
            self.line.hide()
        else:
            self.line.show()
            self.line.setValue(bar.threshold)
            self.line.label.setFormat(bar.threshold_label)
        self.plot.setXRange(0, bar.maximum or 1, padding=0.01)
        self.plot.setYRange(-0.5, 0.9, padding=0)
        self.plot.getPlotItem().getAxis("bottom").setLabel(bar.unit, color="k")


class BarChart(QWidget):
    """A stack of small bar plots under a caption."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        self.caption = QLabel(f"<b>{title}</b>")
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addWidget(self.caption)
        self.plots: list[_BarPlot] = []
        self.bars: list[Bar] = []

    def set_caption(self, text: str) -> None:
        self.caption.setText(f"<b>{text}</b>")

    def set_bars(self, bars: list[Bar]) -> None:
        """Redraw with fresh data; plots are kept while the number of bars stays the same."""
        self.bars = bars
        while len(self.plots) > len(bars):
            plot = self.plots.pop()
            self._layout.removeWidget(plot)
            plot.deleteLater()
        while len(self.plots) < len(bars):
            plot = _BarPlot()
            self.plots.append(plot)
            self._layout.addWidget(plot, 1)
        for plot, bar in zip(self.plots, bars, strict=True):
            plot.show_bar(bar)
        self.setAccessibleDescription(
            "; ".join(
                f"{b.title}: " + ", ".join(s.label for s in b.segments) + f"; {b.threshold_label}"
                for b in bars
            )
        )
