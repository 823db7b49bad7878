"""Every report of the demo vote rendered to PDF and read back with pdftotext: the right
outcome and numbers on the right page, page x of y, the stamp and the fingerprint on every
page, the bundled font embedded, Letter and A4, a printer gets the same pages."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable
from pathlib import Path

from PySide6.QtGui import QPageLayout
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication

from steward_app.reports.document import (
    Column,
    Document,
    Heading,
    ReportData,
    Row,
    Table,
)
from steward_app.reports.layout import lay_out
from steward_app.reports.notice import union_notice
from steward_app.reports.page_ops import TextOp
from steward_app.reports.printing import page_layout_for, render_to
from steward_app.reports.renderer import page_geometry
from steward_app.reports.summary import coalition_summary
from steward_app.reports.tally_sheet import tally_sheets
from steward_app.store.vote_store import VoteStore
from tests.reports.conftest import AS_OF_TEXT, Pdf, pdf_fonts, pdf_info, read_pdf, report_data

MakePdf = Callable[..., Pdf]


def every_page_has_the_header_and_footer(pdf: Pdf, data: ReportData, stamp: str) -> None:
    n = len(pdf.pages)
    for i, page in enumerate(pdf.pages, start=1):
        assert f"page {i} of {n}" in page, i
        assert f"state code {data.fingerprint}" in page, i
        assert stamp in page, i
        assert AS_OF_TEXT in page, i
        assert "Concession agreement ratification" in page, i


def test_coalition_summary_pdf(make_pdf: MakePdf, demo_data: ReportData) -> None:
    pdf = make_pdf(coalition_summary(demo_data))
    assert 2 <= len(pdf.pages) <= 4
    every_page_has_the_header_and_footer(pdf, demo_data, "PRACTICE · UNOFFICIAL")
    first = pdf.pages[0]
    assert "PENDING · NOT DECIDED" in first
    assert "6 of 15 unions approved, 1 rejected, 8 pending" in first
    pdf.line_with("at least 14 of 15 unions approve", "6", "14", "open")
    pdf.line_with("approving unions hold at least 80% of all", "23.3%", "80%", "open")
    assert "Unions approving" in first and "needs 14" in first  # the chart, in words
    assert "Membership of approving unions" in first
    row = pdf.line_with(
        "AFSCME Council 4",
        "15,600",
        "4,200",
        "5,000",
        "58",
        "59.3%",
        "45.7%",
        "pending",
        "no",
        "8 of 9",
    )
    assert row
    pdf.line_with("CEUI SEIU Local 511", "4,500", "1,203", "1,397", "✘ rejected", "yes", "1 of 1")
    pdf.line_with("All unions", "45,000", "12,353", "9,707")
    waiting = pdf.page_of("Units not yet reported (7)")
    assert waiting and "afscme-np4-391" in pdf.pages[waiting - 1]
    assert "Open conflicts (0)" in pdf.pages[-1]
    assert "Prepared by" in pdf.pages[-1] and "Signature" in pdf.pages[-1]


def test_conflicts_and_a_declared_outcome_that_differs(
    make_pdf: MakePdf, troubled_store: VoteStore
) -> None:
    data = report_data(troubled_store)
    pdf = make_pdf(coalition_summary(data))
    text = "\n".join(pdf.pages)
    assert "Declared by the coalition: APPROVED (announced at the hall)" in pdf.pages[0]
    assert "they DIFFER" in pdf.pages[0]
    conflicts = pdf.page_of("Open conflicts (1)")
    assert conflicts
    pdf.line_with("aft-ct-staff", "State Staff", "AFT Connecticut", "1")
    assert "Declared outcomes beside the computed ones" in text
    pdf.line_with("the coalition", "APPROVED", "PENDING", "DIFFERS", "announced at")


def test_union_notice_pdf(make_pdf: MakePdf, demo_data: ReportData) -> None:
    pdf = make_pdf(union_notice(demo_data, "afscme"))
    every_page_has_the_header_and_footer(pdf, demo_data, "PRACTICE · UNOFFICIAL")
    first = pdf.pages[0]
    assert "AFSCME Council 4" in first and "PENDING · NOT DECIDED" in first
    assert "needs 1,326 yes of the 1,850" in " ".join(first.split())
    for unit in ("P-2 Human and Social", "NP-4 Corrections, Local", "Judicial Branch Clerical"):
        assert pdf.page_of(unit), unit
    pdf.line_with("NP-2 Maintenance and", "690", "760", "63.6%", "final", "✘ rejected")
    assert "Posted on the board by" in pdf.pages[-1]
    rejected = make_pdf(union_notice(demo_data, "ceui-511"), "ceui")
    assert "REJECTED · DECIDED" in rejected.pages[0]


def test_union_notice_is_in_large_type(qapp: QApplication, demo_data: ReportData) -> None:
    from steward_app.reports.page_ops import PageGeometry

    pages = lay_out(union_notice(demo_data, "afscme"), PageGeometry(540, 700))
    body = [op for p in pages for op in p.ops if isinstance(op, TextOp) and op.y > 60]
    assert min(op.size for op in body if "P-2" in op.text) >= 12.5
    assert max(op.size for op in body) >= 28  # the banner


def test_tally_sheets_pdf(make_pdf: MakePdf, demo_data: ReportData) -> None:
    pdf = make_pdf(tally_sheets(demo_data, ["ceui-511-service", "afscme-p2"]), "sheets")
    assert len(pdf.pages) == 3  # one page a sheet: two parts of 511, then P-2
    every_page_has_the_header_and_footer(pdf, demo_data, "PRACTICE · UNOFFICIAL")
    assert "hartford" in pdf.pages[0] and "statewide-mail" in pdf.pages[1]
    assert "P-2 Human and Social Services" in pdf.pages[2]
    for page in pdf.pages:
        for words in (
            "YES ballots",
            "NO ballots",
            "VOID ballots",
            "CHALLENGED ballots",
            "Eligible members on the voting list",
            "Count started at",
            "Count finished at",
            "Teller 1",
            "Teller 2",
            "Signature",
            "Name (print)",
        ):
            assert words in page, words
    for size in ("a4", "letter"):
        every = make_pdf(tally_sheets(demo_data), f"all-sheets-{size}", size)
        assert len(every.pages) == 27  # every sheet fits one page
        for unit in demo_data.standings.vote.units:
            assert every.page_of(unit.id), unit.id
        for i, page in enumerate(every.pages):
            assert "Tally sheet:" in page and "Teller 2" in page and "--yes N" in page, i


def test_the_bundled_font_is_embedded(make_pdf: MakePdf, demo_data: ReportData) -> None:
    pdf = make_pdf(coalition_summary(demo_data))
    fonts = pdf_fonts(pdf.path)
    assert {name for name, _ in fonts} == {"DejaVuSans", "DejaVuSans-Bold"}
    assert all(emb == "yes" for _, emb in fonts)


def test_page_sizes_and_orientation(make_pdf: MakePdf, demo_data: ReportData) -> None:
    doc = coalition_summary(demo_data)
    assert "(letter)" in pdf_info(make_pdf(doc, "l", "letter").path)["Page size"]
    assert "(A4)" in pdf_info(make_pdf(doc, "a", "a4").path)["Page size"]
    wide = make_pdf(doc, "w", "letter", landscape=True)
    assert pdf_info(wide.path)["Page size"].startswith("792 x 612")
    every_page_has_the_header_and_footer(wide, demo_data, "PRACTICE · UNOFFICIAL")


def test_a_long_table_repeats_its_header_on_every_page(
    make_pdf: MakePdf, demo_data: ReportData
) -> None:
    base = coalition_summary(demo_data)
    rows = tuple(Row((f"row {i:03d}", f"{i:,}")) for i in range(150))
    table = Table("Long list", (Column("Name column", 3), Column("Number column", 1)), rows)
    doc = Document("test", base.header, (Heading("A long table"), table))
    pdf = make_pdf(doc, "long")
    assert len(pdf.pages) >= 3
    for i, page in enumerate(pdf.pages):
        assert "Name column" in page and "Number column" in page
        if i:
            assert "Long list, continued" in page
    seen = [
        line.split()[1]
        for page in pdf.pages
        for line in page.splitlines()
        if line.strip().startswith("row ")
    ]
    assert seen == [f"{i:03d}" for i in range(150)]  # none lost, none twice


def test_a_printer_gets_the_same_pages(
    qapp: QApplication, tmp_path: Path, demo_data: ReportData
) -> None:
    doc = coalition_summary(demo_data)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    printer.setPageLayout(page_layout_for("a4", landscape=False))
    assert printer.pageLayout().orientation() is QPageLayout.Orientation.Portrait
    pages = render_to(printer, doc)
    expected = lay_out(doc, page_geometry(printer))
    assert pages == len(expected)
    printed = read_pdf(tmp_path / "printed.pdf")
    assert len(printed.pages) == pages
    assert "PENDING · NOT DECIDED" in printed.pages[0]


SIDE_LETTER = """scope = "coalition"

[[questions]]
id = "side-letter"
text = "Do you approve the corrections side letter?"
scope = "unit"
units = ["afscme-np4-391", "afscme-np4-other"]

[[agreements]]
id = "package"
name = "Concessions with the side letter"
parts = ["concessions", "side-letter"]
"""


def test_several_questions_a_unit_scope_one_and_an_agreement(
    make_pdf: MakePdf, store: VoteStore
) -> None:
    from steward_app.services.vote_setup import create_vote, demo_setup_text
    from tests.conftest import COORDINATOR

    text = demo_setup_text().replace('scope = "coalition"\n', SIDE_LETTER, 1)
    create_vote(store, text, COORDINATOR)
    data = report_data(store)
    pdf = make_pdf(coalition_summary(data), "several")
    joined = "\n".join(pdf.pages)
    assert "Question concessions" in joined and "Question side-letter" in joined
    assert "Each unit decides this question for itself" in joined
    pdf.line_with("NP-4 Corrections, Local 391", "AFSCME Council 4", "0", "0", "not reported")
    assert "Agreements (every part must pass)" in joined and "package" in joined
    notice = make_pdf(union_notice(data, "afscme"), "several-notice")
    assert notice.page_of("Question side-letter")
    sheets = make_pdf(tally_sheets(data, ["afscme-np4-391", "csea-p3a"]), "several-sheets")
    assert "Question side-letter" in "\n".join(sheets.pages)
    assert sheets.page_of("P-3A Education") > sheets.page_of("NP-4 Corrections, Local 391")
    for page in sheets.pages:  # a sheet that runs over says whose it is
        assert "Tally sheet: " in page
    continued = [p for p in sheets.pages if "(continued)" in p]
    assert all("afscme-np4-391" in p for p in continued)


def test_the_print_preview_shows_the_same_pages(qapp: QApplication, demo_data: ReportData) -> None:
    from PySide6.QtPrintSupport import QPrintPreviewWidget

    doc = union_notice(demo_data, "afscme")
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setPageLayout(page_layout_for("letter", landscape=True))
    preview = QPrintPreviewWidget(printer)
    preview.paintRequested.connect(lambda p: render_to(p, doc))
    preview.updatePreview()
    assert preview.pageCount() == len(lay_out(doc, page_geometry(printer)))
    assert printer.pageLayout().orientation() is QPageLayout.Orientation.Landscape


def test_the_pdf_is_written_as_pdf_a_1b(make_pdf: MakePdf, demo_data: ReportData) -> None:
    """What QPdfWriter gives for PDF/A-1b: the identification in the XMP metadata, an sRGB
    output intent with its profile, fonts embedded; not tagged (docs/exports.md)."""
    pdf = make_pdf(union_notice(demo_data, "afscme"), "archive", "a4")
    meta = subprocess.run(
        ["pdfinfo", "-meta", str(pdf.path)], capture_output=True, text=True, check=True
    ).stdout
    assert 'pdfaid:part="1"' in meta and 'pdfaid:conformance="B"' in meta
    data = pdf.path.read_bytes()
    assert b"/OutputIntents" in data and b"/GTS_PDFA1" in data and b"/DestOutputProfile" in data
    # PDF/A-1 allows no transparency: a soft mask only as /None
    assert set(re.findall(rb"/SMask\s*(/\w+|\d+ \d+ R)", data)) <= {b"/None"}
    assert not re.search(rb"/(CA|ca) 0\.", data)
    info = pdf_info(pdf.path)
    assert info["PDF version"] == "1.4"
    assert info["Tagged"] == "no"  # what Qt cannot do: said in docs/exports.md
    assert all(emb == "yes" for _, emb in pdf_fonts(pdf.path))
