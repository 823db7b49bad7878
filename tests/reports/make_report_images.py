"""Regenerate docs/reports/: every report of the demo vote as PDF, each page as PNG in
colour, and each report's first page in grey (what a black-and-white office printer gives);
the union notice in Spanish too (union-notice-afscme-es).

    .venv/bin/python -m tests.reports.make_report_images

Needs poppler-utils (pdftoppm). The as-of time is fixed so the pages only change when the
reports or the demo do.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtGui import QImage

from steward_app.domain.language import in_language
from steward_app.reports.document import Document
from steward_app.reports.notice import union_notice
from steward_app.reports.printing import ensure_gui_application, write_pdf
from steward_app.reports.summary import coalition_summary
from steward_app.reports.tally_sheet import tally_sheets
from steward_app.services.vote_setup import load_demo
from steward_app.store.vote_store import VoteStore
from tests.conftest import STEWARD
from tests.reports.conftest import report_data

OUT = Path(__file__).resolve().parents[2] / "docs" / "reports"
DPI = "70"
TALLY_UNITS = ["afscme-np4-391", "ceui-511-service"]


def pngs(pdf: Path) -> list[Path]:
    """Every page in colour; the first page in grey too (stored as 8-bit grey)."""
    root = pdf.with_suffix("").name
    subprocess.run(["pdftoppm", "-r", DPI, "-png", str(pdf), str(OUT / root)], check=True)
    made = sorted(OUT.glob(f"{root}-[0-9]*.png"))
    grey = OUT / f"{root}-grey"
    subprocess.run(
        ["pdftoppm", "-r", DPI, "-png", "-gray", "-singlefile", str(pdf), str(grey)], check=True
    )
    image = QImage(str(grey) + ".png").convertToFormat(QImage.Format.Format_Grayscale8)
    image.save(str(grey) + ".png")
    return [*made, grey.with_suffix(".png")]


def main() -> int:
    _app = ensure_gui_application()
    OUT.mkdir(parents=True, exist_ok=True)
    for old in [*OUT.glob("*.png"), *OUT.glob("*.pdf")]:
        old.unlink()
    with tempfile.TemporaryDirectory() as folder:
        store = VoteStore(Path(folder) / "demo.sqlite")
        try:
            load_demo(store, STEWARD)
            data = report_data(store)
            with in_language("es"):  # the standings' reasons made in Spanish too
                data_es = report_data(store)
        finally:
            store.close()
    documents: dict[str, tuple[str, Document]] = {
        "coalition-summary": ("en", coalition_summary(data)),
        "union-notice-afscme": ("en", union_notice(data, "afscme")),
        "tally-sheets": ("en", tally_sheets(data, TALLY_UNITS)),
    }
    with in_language("es"):  # a Spanish notice for the hall's board (docs/translations.md)
        documents["union-notice-afscme-es"] = ("es", union_notice(data_es, "afscme"))
    for name, (code, document) in documents.items():
        pdf = OUT / f"{name}.pdf"
        with in_language(code):  # the layout's own words (page x of y, continued) too
            pages = write_pdf(pdf, document, "letter")
        images = pngs(pdf)
        sizes = ", ".join(f"{p.name} {p.stat().st_size // 1024} KB" for p in images)
        print(f"{pdf.relative_to(OUT.parents[1])}: {pages} page(s); {sizes}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
