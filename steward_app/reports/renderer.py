"""The one renderer: a Document laid out for the device's page and painted with QPainter.

Any QPagedPaintDevice works: QPdfWriter for the command line, QPrinter for printing and for
QPrintPreviewDialog, so the preview, the printer and the PDF show the same pages. Everything
is vector: text in the bundled font, patterns drawn as lines and dots (not Qt's bitmap brush
patterns, which print as a grey mush at high resolution).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QPagedPaintDevice,
    QPageLayout,
    QPainter,
    QPainterPath,
    QPen,
    QPolygonF,
)

from steward_app.domain.language import _
from steward_app.reports.document import Align, Document, Tone
from steward_app.reports.fonts import ensure_fonts, measuring_font, report_font
from steward_app.reports.layout import lay_out
from steward_app.reports.measure import Metrics
from steward_app.reports.page_ops import (
    BoxOp,
    LineOp,
    Op,
    Page,
    PageGeometry,
    TextOp,
    WatermarkOp,
)

# Okabe-Ito colours (as in the window), each with its own pattern for grey printers
APPROVED_FILL = "#0072B2"
REJECTED_LINES = "#D55E00"
PENDING_DOTS = "#555555"
PENDING_BACK = "#E8E8E8"
NEUTRAL_FILL = "#BBBBBB"
WATERMARK = "#CCCCCC"

_ALIGN = {
    Align.LEFT: Qt.AlignmentFlag.AlignLeft,
    Align.RIGHT: Qt.AlignmentFlag.AlignRight,
    Align.CENTER: Qt.AlignmentFlag.AlignHCenter,
}
# a text op's drawText flags, combined once rather than with enum `|` for every text
_TEXT_FLAGS = {
    align: int(
        flag | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextSingleLine | Qt.TextFlag.TextDontClip
    )
    for align, flag in _ALIGN.items()
}


class RenderError(RuntimeError):
    """The device could not be painted on (e.g. the PDF file could not be opened)."""


def page_geometry(device: QPagedPaintDevice) -> PageGeometry:
    rect = device.pageLayout().paintRect(QPageLayout.Unit.Point)
    return PageGeometry(rect.width(), rect.height())


def render(device: QPagedPaintDevice, document: Document, metrics: Metrics | None = None) -> int:
    """Lay the document out for the device's page layout and paint every page; returns the
    number of pages. Raises RenderError when the device cannot be painted on."""
    ensure_fonts()
    pages = lay_out(document, page_geometry(device), metrics)
    paint_pages(device, pages)
    return len(pages)


def paint_pages(device: QPagedPaintDevice, pages: Sequence[Page]) -> None:
    painter = QPainter()
    if not painter.begin(device):
        raise RenderError(_("could not start painting on the output (is the file writable?)"))
    try:
        _Painter(painter, device.logicalDpiX() / 72.0, page_geometry(device)).pages(device, pages)
    finally:
        painter.end()


class _Painter:
    def __init__(self, painter: QPainter, k: float, geometry: PageGeometry) -> None:
        self.p = painter
        self.k = k  # device pixels per point
        self.geometry = geometry
        self.fonts: dict[tuple[float, bool], QFont] = {}
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.TextAntialiasing, True)

    def pages(self, device: QPagedPaintDevice, pages: Sequence[Page]) -> None:
        for i, page in enumerate(pages):
            if i and not device.newPage():
                raise RenderError(_("the output refused a new page"))
            for op in page.ops:
                self.op(op)

    def rect(self, x: float, y: float, w: float, h: float) -> QRectF:
        k = self.k
        return QRectF(x * k, y * k, w * k, h * k)

    def pen(self, color: str, width: float, dashed: bool = False) -> QPen:
        pen = QPen(QColor(color))
        pen.setWidthF(width * self.k)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        if dashed:
            pen.setStyle(Qt.PenStyle.CustomDashLine)
            pen.setDashPattern([3.0, 1.6])  # in pen widths
        return pen

    def font(self, size: float, bold: bool) -> QFont:
        font = self.fonts.get((size, bold))
        if font is None:
            font = report_font(size, bold)
            self.fonts[(size, bold)] = font
        return font

    def op(self, op: Op) -> None:
        if isinstance(op, TextOp):
            self.text(op)
        elif isinstance(op, BoxOp):
            self.box(op)
        elif isinstance(op, LineOp):
            p = self.p
            p.setPen(self.pen(op.color, op.width, op.dashed))
            k = self.k
            p.drawLine(QPointF(op.x1 * k, op.y1 * k), QPointF(op.x2 * k, op.y2 * k))
        elif isinstance(op, WatermarkOp):
            self.watermark(op.text)

    def text(self, op: TextOp) -> None:
        p = self.p
        p.setFont(self.font(op.size, op.bold))
        p.setPen(QColor(op.color))
        p.drawText(self.rect(op.x, op.y, op.w, op.h), _TEXT_FLAGS[op.align], op.text)

    def box(self, op: BoxOp) -> None:
        p = self.p
        r = self.rect(op.x, op.y, op.w, op.h)
        p.setPen(Qt.PenStyle.NoPen)
        if op.fill:
            p.fillRect(r, QColor(op.fill))
        if op.tone is not None:
            self.pattern(r, op.tone)
        if op.border > 0:
            p.setPen(self.pen("#000000", op.border))
            p.setBrush(Qt.BrushStyle.NoBrush)
            p.drawRect(r)

    def pattern(self, r: QRectF, tone: Tone) -> None:
        """Solid for approved, hatched for rejected, dotted for pending: legible in grey."""
        p = self.p
        if tone is Tone.APPROVED:
            p.fillRect(r, QColor(APPROVED_FILL))
            return
        if tone is Tone.NEUTRAL:
            p.fillRect(r, QColor(NEUTRAL_FILL))
            return
        p.save()
        p.setClipRect(r)
        k = self.k
        if tone is Tone.REJECTED:
            p.fillRect(r, QColor("#FFFFFF"))
            p.setPen(self.pen(REJECTED_LINES, 1.3))
            step = 4.2 * k
            start = r.left() - r.height()
            n = math.ceil((r.width() + r.height()) / step) + 1
            for i in range(n):
                x = start + i * step
                p.drawLine(QPointF(x, r.bottom()), QPointF(x + r.height(), r.top()))
        else:
            p.fillRect(r, QColor(PENDING_BACK))
            pen = self.pen(PENDING_DOTS, 1.5)
            pen.setCapStyle(Qt.PenCapStyle.RoundCap)
            p.setPen(pen)
            step = 3.6 * k
            # built from a list: QPolygonF.append corrupts reference counts in PySide6 6.12
            points: list[QPointF] = []
            row = 0
            y = r.top() + step / 2
            while y < r.bottom():
                x = r.left() + (step / 2 if row % 2 else step / 4)
                while x < r.right():
                    points.append(QPointF(x, y))
                    x += step
                y += step / 2
                row += 1
            p.drawPoints(QPolygonF(points))
        p.restore()

    def watermark(self, text: str) -> None:
        """A large outlined word across the page: a path, so text extraction ignores it."""
        p = self.p
        k = self.k
        g = self.geometry
        size_pt = min(g.width, g.height) / max(3, len(text)) * 1.5
        font = measuring_font(size_pt, True, 1)
        font.setPixelSize(max(1, round(size_pt * k)))
        path = QPainterPath()
        path.addText(0, 0, font, text)
        box = path.boundingRect()
        p.save()
        p.translate(g.width * k / 2, g.height * k / 2)
        p.rotate(-math.degrees(math.atan2(g.height, g.width)))
        p.translate(-box.center().x(), -box.center().y())
        p.setPen(self.pen(WATERMARK, 1.2))
        p.setBrush(QBrush(Qt.BrushStyle.NoBrush))
        p.drawPath(path)
        p.restore()
