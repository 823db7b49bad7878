"""What the window and the command line call to put a report on paper or in a PDF.

Window (File > Print preview / Print / Export PDF)::

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout_for(page_size, landscape))
    dialog = QPrintPreviewDialog(printer, window)
    dialog.paintRequested.connect(lambda p: render_to(p, document))

Print: the same `render_to(printer, document)` after QPrintDialog; Export PDF:
`write_pdf(path, document, page_size, landscape)`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QLocale, QMarginsF
from PySide6.QtGui import (
    QGuiApplication,
    QPagedPaintDevice,
    QPageLayout,
    QPageSize,
    QPdfWriter,
)

from steward_app import __version__
from steward_app.domain.language import _
from steward_app.reports.document import Document
from steward_app.reports.measure import Metrics
from steward_app.reports.renderer import RenderError, render

PAGE_SIZES = {"letter": QPageSize.PageSizeId.Letter, "a4": QPageSize.PageSizeId.A4}
MARGIN_MM = 15.0
PDF_DPI = 1200


def default_page_size() -> str:
    """Letter where the locale measures in US units, else A4."""
    system = QLocale.system().measurementSystem()
    return "letter" if system == QLocale.MeasurementSystem.ImperialUSSystem else "a4"


def page_layout_for(page_size: str = "letter", landscape: bool = False) -> QPageLayout:
    """Letter or A4 ("letter" / "a4"), portrait unless `landscape`, 15 mm margins."""
    size_id = PAGE_SIZES.get(page_size.lower())
    if size_id is None:
        raise ValueError(_('unknown page size "{size}"; use letter or a4').format(size=page_size))
    orientation = (
        QPageLayout.Orientation.Landscape if landscape else QPageLayout.Orientation.Portrait
    )
    m = MARGIN_MM
    return QPageLayout(
        QPageSize(size_id), orientation, QMarginsF(m, m, m, m), QPageLayout.Unit.Millimeter
    )


def render_to(device: QPagedPaintDevice, document: Document) -> int:
    """Paint the document on a QPrinter (print or preview) or a QPdfWriter, using the
    device's own page layout; returns the number of pages."""
    return render(device, document)


def write_pdf(
    path: Path,
    document: Document,
    page_size: str = "letter",
    landscape: bool = False,
    metrics: Metrics | None = None,
) -> int:
    """Write the document as a PDF file; returns the number of pages.

    Raises RenderError when the file cannot be written.
    """
    writer = QPdfWriter(str(path))
    # PDF/A-1b, for archiving: fonts embedded, sRGB output intent, XMP metadata, no
    # transparency (docs/exports.md says what it gives and what it does not: no tagging)
    writer.setPdfVersion(QPagedPaintDevice.PdfVersion.PdfVersion_A1b)
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout_for(page_size, landscape))
    writer.setTitle(f"{document.header.report_title}: {document.header.vote_title}")
    writer.setCreator(f"steward_app {__version__}")
    return render(writer, document, metrics)


def ensure_gui_application() -> QGuiApplication:
    """A QGuiApplication for headless use (QPdfWriter and fonts need one); offscreen when
    there is no display (Linux)."""
    app = QGuiApplication.instance()
    if isinstance(app, QGuiApplication):
        return app
    headless = not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY")
    if sys.platform.startswith("linux") and headless:
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    return QGuiApplication(["steward-app"])


__all__ = [
    "PAGE_SIZES",
    "RenderError",
    "default_page_size",
    "ensure_gui_application",
    "page_layout_for",
    "render_to",
    "write_pdf",
]
