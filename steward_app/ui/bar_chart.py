"""Horizontal labelled bars against threshold lines, drawn with QPainter: one small bar per test.

Each bar has its own axis in its own unit (unions, % of members, votes). Every segment carries
its words as text and a hatch pattern as well as a colour, so colour never carries meaning alone.

The bars were pyqtgraph plots until a save had to repaint within one frame: each plot is a
graphics view whose axis recomputes and redraws its ticks in Python, about 3 ms a plot on an
office PC, three plots a save. A bar, a line and a few numbers need none of that machinery, so
they are drawn here directly; pyqtgraph still draws the evening's timeline, a real plot with
zooming and a time axis. The printed reports draw the same bars from the same data
(domain/chart_data, reports/fixed_blocks).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from steward_app.domain.bar_layout import Axis, LabelRule, label_x, spans, threshold_label_x
from steward_app.domain.chart_data import Bar
from steward_app.domain.language import decimal, number
from steward_app.ui.headed_text import HeadedText
from steward_app.ui.palette import APPROVE, PENDING, REJECT, THRESHOLD

FILL = {
    "approved": (APPROVE, Qt.BrushStyle.SolidPattern),
    "yes": (APPROVE, Qt.BrushStyle.SolidPattern),
    "pending": (PENDING, Qt.BrushStyle.Dense4Pattern),
    "rejected": (REJECT, Qt.BrushStyle.BDiagPattern),
    "no": (REJECT, Qt.BrushStyle.BDiagPattern),
}
LABEL_FILL = QColor(255, 255, 255, 225)
THRESHOLD_FILL = QColor(255, 255, 220, 235)
GRID = QColor(0, 0, 0, 40)
PAD = 3.0  # pixels around a label's words
# a segment's words: 1 px in, clear of the threshold line by PAD (else just past it), 1 px short
LABELS = LabelRule(inset=1, clear=PAD, after=PAD + 1, margin=1, shift_only_if_fits=False)


def _brush(kind: str) -> QBrush:
    color, style = FILL.get(kind, (PENDING, Qt.BrushStyle.SolidPattern))
    return QBrush(QColor(color), style)


def nice_ticks(maximum: float, room: int) -> list[float]:
    """Axis ticks from 0 to `maximum` a step of 1, 2 or 5 times a power of ten apart, at most
    `room` of them past zero, never closer than 1 (every axis counts people, unions or
    percent)."""
    if maximum <= 0 or room < 1:
        return [0.0]
    rough = max(1.0, maximum / room)
    power = 10 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1, 2, 5, 10) if m * power >= rough - 1e-9)
    count = int(maximum / step + 1e-9)
    return [i * step for i in range(count + 1)]


def tick_text(value: float) -> str:
    """An axis number as the window's language writes it (14,200 or 14.200)."""
    return number(round(value)) if abs(value - round(value)) < 1e-9 else decimal(value, 1)


@dataclass(frozen=True)
class Label:
    box: QRectF  # the filled box; the words are centred in it
    text: str


@dataclass(frozen=True)
class Geometry:
    """Where everything of one bar goes in a canvas of a given size, in pixels."""

    segments: tuple[tuple[QRectF, str], ...]  # rectangle and kind
    labels: tuple[Label, ...]  # a segment's words, only where they fit inside it
    frame: QRectF  # the bar's full length, 0 to the maximum
    threshold: tuple[float, Label] | None  # the line's x and its label above the bar
    ticks: tuple[tuple[float, str], ...]  # x and the number under the axis
    unit: QRectF  # where the axis's unit is written
    unit_text: str


def bar_geometry(bar: Bar, width: float, height: float, fm: QFontMetricsF) -> Geometry:
    """Lay out one bar: threshold label on top, then the bar, then the axis and its unit."""
    line = fm.height()
    edge = max(fm.horizontalAdvance(tick_text(bar.maximum)) / 2, 6.0)
    left, right = 6.0, max(width - edge - 2, 12.0)
    top = line + 2 * PAD + 2 if bar.threshold is not None else 2.0
    bottom = height - 2 * line - 8  # tick numbers and the unit below
    frame = QRectF(left, top, right - left, max(bottom - top, line))
    axis = Axis(left, frame.width(), bar.maximum)
    maximum = bar.maximum if bar.maximum > 0 else 1.0
    at = axis.at
    line_x = at(bar.threshold) if bar.threshold is not None else None
    segments, labels = [], []
    for i, x0, x1 in spans(axis, [seg.value for seg in bar.segments]):
        seg = bar.segments[i]
        rect = QRectF(x0, frame.top(), x1 - x0, frame.height())
        segments.append((rect, seg.kind))
        words = fm.horizontalAdvance(seg.label) + 2 * PAD
        x = label_x(LABELS, rect.left(), rect.right(), words, line_x)
        if x is not None:
            box = QRectF(x, rect.center().y() - line / 2 - 1, words, line + 2)
            labels.append(Label(box, seg.label))
    threshold = None
    if line_x is not None:
        words = fm.horizontalAdvance(bar.threshold_label) + 2 * PAD
        # left of the line, ending at it; right of it when the line is too near the start
        lx = threshold_label_x(line_x, words, width, left_first=True, gap=3, near=2)
        threshold = (line_x, Label(QRectF(lx, 1, words, line + 2), bar.threshold_label))
    widest = max(fm.horizontalAdvance(tick_text(bar.maximum)), fm.horizontalAdvance("0")) + 12
    ticks = tuple((at(v), tick_text(v)) for v in nice_ticks(maximum, int(frame.width() // widest)))
    unit = QRectF(frame.left(), frame.bottom() + line + 6, frame.width(), line + 2)
    return Geometry(tuple(segments), tuple(labels), frame, threshold, ticks, unit, bar.unit)


class _BarCanvas(QWidget):
    """The drawn part of one bar: segments, their words, the threshold line, the axis."""

    def __init__(self) -> None:
        super().__init__()
        self.bar: Bar | None = None
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # paints every pixel itself

    def minimumSizeHint(self) -> QSize:
        line = QFontMetricsF(self.font()).height()  # grows with View > Zoom
        return QSize(120, round(5 * line + 16))

    def sizeHint(self) -> QSize:
        return self.minimumSizeHint()

    def show_bar(self, bar: Bar) -> None:
        self.bar = bar
        self.update()

    def geometry_now(self) -> Geometry | None:
        if self.bar is None:
            return None
        fm = QFontMetricsF(self.font())
        return bar_geometry(self.bar, self.width(), self.height(), fm)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), Qt.GlobalColor.white)
        g = self.geometry_now()
        if g is not None:
            _paint(painter, g)
        painter.end()


def _paint(painter: QPainter, g: Geometry) -> None:
    border = QPen(QColor("black"), 1)
    for rect, kind in g.segments:
        painter.fillRect(rect, Qt.GlobalColor.white)
        painter.fillRect(rect, _brush(kind))
    painter.setPen(QPen(GRID, 1))
    for x, _text in g.ticks:
        painter.drawLine(QPointF(x, g.frame.top()), QPointF(x, g.frame.bottom()))
    painter.setPen(border)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    for rect, _kind in g.segments:
        painter.drawRect(rect)
    for label in g.labels:
        _label(painter, label, LABEL_FILL)
    axis_y = g.frame.bottom() + 4
    painter.setPen(border)
    painter.drawLine(QPointF(g.frame.left(), axis_y), QPointF(g.frame.right(), axis_y))
    line = painter.fontMetrics().height()
    for x, text in g.ticks:
        painter.drawLine(QPointF(x, axis_y), QPointF(x, axis_y + 4))
        box = QRectF(x - 40, axis_y + 4, 80, line)
        painter.drawText(box, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, text)
    if g.threshold is not None:
        x, label = g.threshold
        painter.setPen(QPen(QColor(THRESHOLD), 2, Qt.PenStyle.DashLine))
        painter.drawLine(QPointF(x, label.box.top()), QPointF(x, g.frame.bottom() + 4))
        _label(painter, label, THRESHOLD_FILL)
    painter.setPen(QColor("black"))
    painter.drawText(g.unit, Qt.AlignmentFlag.AlignCenter, g.unit_text)


def _label(painter: QPainter, label: Label, fill: QColor) -> None:
    painter.fillRect(label.box, fill)
    painter.setPen(QColor("black"))
    painter.drawText(label.box, Qt.AlignmentFlag.AlignCenter, label.text)


class _BarPlot(QWidget):
    """One bar: a title in words above its drawing."""

    def __init__(self) -> None:
        super().__init__()
        self.title = HeadedText(beside=True)
        self.canvas = _BarCanvas()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.title)
        layout.addWidget(self.canvas, 1)
        self.shown: Bar | None = None

    def show_bar(self, bar: Bar) -> None:
        """A bar equal to the one shown is not touched: nothing to repaint."""
        if bar == self.shown:
            return
        self.shown = bar
        parts = " · ".join(s.label for s in bar.segments if s.value > 0)
        self.title.set(f"<b>{bar.title}</b>", f"{bar.state}: {parts}")
        self.canvas.setAccessibleName(bar.title)  # a screen reader hears the drawing's words
        self.canvas.setAccessibleDescription(
            f"{bar.state}: {parts}" + (f"; {bar.threshold_label}" if bar.threshold_label else "")
        )
        self.canvas.show_bar(bar)


class BarChart(QWidget):
    """A stack of small bar plots under a caption."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(title)
        self.caption = QLabel(f"<b>{title}</b>")
        self.caption.setWordWrap(True)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(2)
        self._layout.addWidget(self.caption)
        self.plots: list[_BarPlot] = []
        self.bars: list[Bar] = []

    def set_caption(self, text: str) -> None:
        """The words over the bars; none: no caption line at all."""
        self.caption.setText(f"<b>{text}</b>" if text else "")
        self.caption.setVisible(bool(text))

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
