"""File > Print preview, Print and Export PDF: the same pages as the command line's reports.

The data (standings, declarations, the state code read from the database) is gathered on the
database lane; the document is built and shown on the GUI thread, where printing must happen.
The page size and orientation chosen are remembered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSettings
from PySide6.QtGui import QPagedPaintDevice
from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewDialog
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QWidget,
)

from steward_app.domain import language
from steward_app.reports.document import Document, NotInVote, ReportData
from steward_app.reports.notice import union_notice
from steward_app.reports.printing import default_page_size, page_layout_for, render_to, write_pdf
from steward_app.reports.summary import coalition_summary
from steward_app.reports.tally_sheet import tally_sheets
from steward_app.services.exchange import state_code
from steward_app.services.overrides import list_overrides
from steward_app.services.standings_cache import StandingsCache, load_standings
from steward_app.store.vote_store import VoteStore

# the reports, translated where shown (choose_report)
REPORTS = (
    str(QT_TRANSLATE_NOOP("print_actions", "Coalition summary")),
    str(QT_TRANSLATE_NOOP("print_actions", "Union notice (the selected union)")),
    str(QT_TRANSLATE_NOOP("print_actions", "Tally sheets (every unit)")),
)


def page_choice() -> tuple[str, bool]:
    settings = QSettings()
    size = str(settings.value("report/page_size", default_page_size()))
    landscape = str(settings.value("report/landscape", "false")).lower() == "true"
    return size, landscape


def remember_page(size: str, landscape: bool) -> None:
    settings = QSettings()
    settings.setValue("report/page_size", size)
    settings.setValue("report/landscape", "true" if landscape else "false")


def gather(store: VoteStore, cache: StandingsCache, code: str | None = None) -> ReportData:
    """On the database lane: everything a report in language `code` needs, as of now.

    The standings' reasons are sentences made when the standings are computed: the window's
    cached standings speak the window's language, so a report in another language computes its
    own (a Spanish notice from an English window says its reasons in Spanish)."""
    if code is not None and language.supported(code) != language.current():
        with language.in_language(code):
            standings, declared = load_standings(store)
    else:
        if cache.standings is None:
            cache.load()
        assert cache.standings is not None
        standings, declared = cache.standings, list(cache.declared)
    return ReportData(
        standings,
        declared,
        dt.datetime.now().astimezone(),
        state_code(store).code,
        overrides=list_overrides(store),
    )


def build(kind: int, data: ReportData, union_id: str) -> Document:
    if kind == 1:
        return union_notice(data, union_id)
    if kind == 2:
        return tally_sheets(data, [u.id for u in data.standings.vote.units])
    return coalition_summary(data)


class ReportChoice(QDialog):
    """Which report, and in which language: a union notice in Spanish from an English window.
    The language starts as the window's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Which report?"))
        form = QFormLayout(self)
        self.report = QComboBox()
        self.report.addItems([QCoreApplication.translate("print_actions", n) for n in REPORTS])
        self.report.setAccessibleName(self.tr("Report"))
        form.addRow(self.tr("&Report:"), self.report)
        self.language = QComboBox()
        for code, name in language.LANGUAGES.items():
            self.language.addItem(name, code)
        self.language.setCurrentIndex(max(0, self.language.findData(language.current())))
        self.language.setAccessibleName(self.tr("Language of the report"))
        form.addRow(self.tr("&Language of the report:"), self.language)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def chosen(self) -> tuple[int, str]:
        return self.report.currentIndex(), str(self.language.currentData())


def choose_report(parent: QWidget) -> tuple[int, str] | None:
    """The report (its index in REPORTS) and its language, None when cancelled."""
    dialog = ReportChoice(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.chosen()


def build_in(code: str, kind: int, data: ReportData, union_id: str) -> Document:
    """The report in language `code`, whatever the window speaks."""
    with language.in_language(code):
        return build(kind, data, union_id)


def _render_in(code: str, device: QPagedPaintDevice, document: Document) -> None:
    with language.in_language(code):
        render_to(device, document)


def _printer() -> QPrinter:
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    size, landscape = page_choice()
    printer.setPageLayout(page_layout_for(size, landscape))
    return printer


def _remember(printer: QPrinter) -> None:
    layout = printer.pageLayout()
    size = "a4" if "A4" in layout.pageSize().name() else "letter"
    remember_page(size, layout.orientation().name == "Landscape")


def preview(parent: QWidget, document: Document, code: str | None = None) -> None:
    code = code or language.current()
    printer = _printer()
    dialog = QPrintPreviewDialog(printer, parent)
    dialog.paintRequested.connect(lambda device: _render_in(code, device, document))
    dialog.exec()
    _remember(printer)


def print_document(parent: QWidget, document: Document, code: str | None = None) -> None:
    code = code or language.current()
    printer = _printer()
    if QPrintDialog(printer, parent).exec() == QPrintDialog.DialogCode.Accepted:
        _render_in(code, printer, document)
        _remember(printer)


PDF_NAMES = ("coalition-summary", "union-notice", "tally-sheets")


def default_pdf_name(kind: int, vote_id: str, union_id: str, now: dt.datetime) -> str:
    """What the report is, for which vote (and union) and when: "small_union-notice_a_..."."""
    from steward_app.sync.files import safe_name

    which = f"{PDF_NAMES[kind]}_{safe_name(union_id, 24)}" if kind == 1 else PDF_NAMES[kind]
    return f"{safe_name(vote_id)}_{which}_{now:%Y%m%d-%H%M}.pdf"


def export_pdf(
    parent: QWidget,
    document: Document,
    write: Callable[[Callable[[], object]], None],
    name: str = "report.pdf",
    code: str | None = None,
) -> None:
    """Ask where (in the documents folder, under `name`); the writing itself goes to `write`
    (the database lane, off the GUI thread), which gets the path written."""
    from PySide6.QtCore import QStandardPaths

    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    path, _ = QFileDialog.getSaveFileName(
        parent,
        QCoreApplication.translate("print_actions", "Export PDF"),
        str(Path(folder) / name),
        QCoreApplication.translate("print_actions", "PDF (*.pdf)"),
    )
    if not path:
        return
    size, landscape = page_choice()
    code = code or language.current()

    def work() -> Path:  # on the lane, another thread: the language goes with it
        with language.in_language(code):
            write_pdf(Path(path), document, size, landscape)
        return Path(path)

    write(work)


def explain(parent: QWidget, error: BaseException) -> None:
    text = str(error) if isinstance(error, (NotInVote, OSError)) else repr(error)
    QMessageBox.warning(
        parent,
        QCoreApplication.translate("print_actions", "steward_app"),
        QCoreApplication.translate("print_actions", "The report could not be made: {error}").format(
            error=text
        ),
    )
