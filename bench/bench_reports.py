"""Time the coalition summary PDF on the demo vote and on a large synthetic vote, against Qt
baselines measured in the same run.

    python -m bench.bench_reports [--scale demo|large|both] [--runs N]

For each vote:
  ours      what `steward-app report coalition --pdf` does after opening the database: load the
            standings, compute the data fingerprint over every entry id, build the document, lay
            it out and write the PDF. Also each step on its own.
  baseline  (1) QPdfWriter writing a one-page PDF with one line of text: the fixed cost of a
            PDF in Qt; (2) QTextDocument holding tables with as many rows and columns as the
            report's tables, printed to a PDF: Qt's own rich-text layout of the same amount
            of table.

The large vote is the cached 500-union / 10,000-unit / 1,000,000-entry database of
bench.bench_engine (bench/out/), read from a copy; when it is missing a moderately large vote
(100 unions, 2,000 units, 100,000 entries) is generated instead, and the output says so.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPainter, QPdfWriter, QTextDocument

from bench.generate import FillSpec, SetupSpec, cache_name, cached_database
from steward_app.reports.document import Document, ReportData, Table
from steward_app.reports.layout import lay_out
from steward_app.reports.measure import Metrics
from steward_app.reports.printing import (
    PDF_DPI,
    ensure_gui_application,
    page_layout_for,
    write_pdf,
)
from steward_app.reports.renderer import page_geometry
from steward_app.reports.summary import coalition_summary
from steward_app.services.authors import Author
from steward_app.services.exchange import state_code
from steward_app.services.standings_cache import load_standings
from steward_app.services.vote_setup import load_demo
from steward_app.store.vote_store import VoteStore

OUT = Path(__file__).resolve().parent / "out"
AS_OF = dt.datetime(2011, 6, 22, 21, 5, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
LARGE = (SetupSpec(500, 10_000), FillSpec(1_000_000))
MODERATE = (SetupSpec(100, 2_000), FillSpec(100_000))


def _median_ms(fn: Callable[[], object], runs: int) -> tuple[float, float, float]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times), max(times)


@dataclass
class Line:
    name: str
    ms: tuple[float, float, float]
    note: str = ""


def _fingerprint(store: VoteStore) -> str:
    """The code a report prints: the sync state code (the entries' hash column only)."""
    return state_code(store).code


def _data(store: VoteStore, fingerprint: str) -> ReportData:
    standings, declared = load_standings(store)
    return ReportData(standings, declared, AS_OF, fingerprint)


def baseline_one_line(folder: Path) -> None:
    writer = QPdfWriter(str(folder / "one-line.pdf"))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout_for("letter"))
    painter = QPainter(writer)
    painter.drawText(QRectF(0, 0, 6000, 400), int(Qt.AlignmentFlag.AlignLeft), "one line")
    painter.end()


def table_html(doc: Document) -> str:
    """The report's tables as HTML tables of the same size (cell texts included)."""
    parts = []
    for block in doc.blocks:
        if isinstance(block, Table):
            head = "".join(f"<th>{html.escape(c.title)}</th>" for c in block.columns)
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in r.cells) + "</tr>"
                for r in block.rows
            )
            parts.append(f"<h3>{html.escape(block.title)}</h3><table border=1>{head}{rows}</table>")
    return "".join(parts)


def baseline_text_document(folder: Path, markup: str) -> None:
    writer = QPdfWriter(str(folder / "text-document.pdf"))
    writer.setResolution(PDF_DPI)
    writer.setPageLayout(page_layout_for("letter"))
    document = QTextDocument()
    document.setHtml(markup)
    document.print_(writer)


def measure(label: str, db: Path, runs: int, folder: Path) -> list[Line]:
    store = VoteStore(db)
    try:
        fingerprint = _fingerprint(store)  # warm the file cache once
        data = _data(store, fingerprint)
        doc = coalition_summary(data)
        metrics = Metrics()
        writer = QPdfWriter(str(folder / "probe.pdf"))
        writer.setPageLayout(page_layout_for("letter"))
        geometry = page_geometry(writer)
        del writer
        pages = len(lay_out(doc, geometry, metrics))
        rows = sum(len(b.rows) for b in doc.blocks if isinstance(b, Table))
        pdf = folder / "summary.pdf"

        def whole() -> None:
            d = _data(store, _fingerprint(store))
            write_pdf(pdf, coalition_summary(d), "letter")

        lines = [
            Line(f"{label}: coalition summary PDF, all steps", _median_ms(whole, runs)),
            Line("  load standings", _median_ms(lambda: load_standings(store), runs)),
            Line("  state code (the hash column)", _median_ms(lambda: _fingerprint(store), runs)),
            Line("  build the document", _median_ms(lambda: coalition_summary(data), runs)),
            Line(
                "  lay out the pages", _median_ms(lambda: lay_out(doc, geometry, Metrics()), runs)
            ),
            Line(
                "  lay out and write the PDF",
                _median_ms(lambda: write_pdf(pdf, doc, "letter"), runs),
            ),
        ]
        lines[0].note = f"{pages} pages, {rows:,} table rows, {pdf.stat().st_size // 1024} KB"
        markup = table_html(doc)
        lines.append(
            Line(
                "  baseline: one-line PDF (QPdfWriter)",
                _median_ms(lambda: baseline_one_line(folder), runs),
            )
        )
        lines.append(
            Line(
                f"  baseline: QTextDocument, the same {rows:,} table rows, to PDF",
                _median_ms(lambda: baseline_text_document(folder, markup), runs),
            )
        )
        return lines
    finally:
        store.close()


def _demo_db(folder: Path) -> Path:
    db = folder / "demo.sqlite"
    store = VoteStore(db)
    try:
        load_demo(store, Author("bench-steward", "bench-pc"))
    finally:
        store.close()
    return db


def _large_db(folder: Path) -> tuple[Path, str]:
    setup, fill = LARGE
    cached = OUT / f"{cache_name(setup, fill)}.sqlite"
    note = "the cached large vote (500 unions, 10,000 units, 1,000,000 entries)"
    if not cached.exists():
        setup, fill = MODERATE
        note = (
            "the large cached vote is missing: a moderately large vote was generated "
            "(100 unions, 2,000 units, 100,000 entries)"
        )
        print(note, file=sys.stderr, flush=True)
    cached, _, _ = cached_database(OUT, setup, fill, progress=sys.stderr)
    work = folder / "large.sqlite"
    shutil.copyfile(cached, work)  # opening may migrate it: never touch the cache
    return work, note


def _table(lines: list[Line], one_line_ms: float, text_doc_ms: float) -> str:
    rows = [("measurement", "median ms", "min-max ms", "x one-line PDF", "x QTextDocument")]
    for line in lines:
        median, lo, hi = line.ms
        rows.append(
            (
                line.name,
                f"{median:,.1f}",
                f"{lo:,.1f}-{hi:,.1f}",
                f"{median / one_line_ms:,.1f}x",
                f"{median / text_doc_ms:,.2f}x",
            )
        )
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    out = []
    for n, row in enumerate(rows):
        out.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            out.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(out)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.bench_reports",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    parser.add_argument("--scale", choices=("demo", "large", "both"), default="both")
    parser.add_argument("--runs", type=int, default=5, help="timed runs (large: at most 3)")
    args = parser.parse_args(argv)
    _app = ensure_gui_application()
    print(f"command: python -m bench.bench_reports {' '.join(argv or sys.argv[1:])}".rstrip())
    print(f"python {sys.version.split()[0]}; medians of {args.runs} runs; Letter, {PDF_DPI} dpi")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        todo = []
        if args.scale in ("demo", "both"):
            todo.append(("demo vote", _demo_db(folder), args.runs, "the built-in demo vote"))
        if args.scale in ("large", "both"):
            db, note = _large_db(folder)
            todo.append(("large vote", db, min(args.runs, 3), note))
        for label, db, runs, note in todo:
            print(f"\n{label}: {note}", flush=True)
            lines = measure(label, db, runs, folder)
            one_line = lines[-2].ms[0]
            text_doc = lines[-1].ms[0]
            print(_table(lines, one_line, text_doc))
            print(f"({lines[0].note})")
            goal = lines[0].ms[0]
            if label == "demo vote":
                print(
                    f"goal under 1 s for the demo vote: {'met' if goal < 1000 else 'NOT met'} "
                    f"({goal:,.0f} ms)"
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
