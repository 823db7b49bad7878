"""Report fixtures: the demo vote as report data at a fixed time, PDFs read back with poppler."""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from steward_app.domain.counts import SlotKey
from steward_app.reports.document import Document, ReportData
from steward_app.reports.printing import write_pdf
from steward_app.services.counting import declare_outcome, import_counts, record_count
from steward_app.services.exchange import state_code
from steward_app.services.standings_cache import load_standings
from steward_app.services.vote_setup import create_vote, demo_rows, demo_setup_text
from steward_app.store.vote_store import VoteStore
from tests.conftest import COORDINATOR, SECOND, STEWARD, ticking_clock

AS_OF = dt.datetime(2011, 6, 22, 21, 5, tzinfo=dt.timezone(dt.timedelta(hours=-4)))
AS_OF_TEXT = "as of 2011-06-22 21:05 UTC-04:00"


@pytest.fixture(autouse=True)
def _widgets_app(qapp: QApplication) -> QApplication:
    """A QApplication before any report code makes a QGuiApplication of its own, so the window
    tests that run later in the same session still get widgets."""
    return qapp


def report_data(store: VoteStore) -> ReportData:
    """What the command line builds: standings, declarations, entry-id fingerprint, charts."""
    standings, declared = load_standings(store)
    return ReportData(standings, declared, AS_OF, state_code(store).code)


@pytest.fixture
def demo_data(demo_store: VoteStore) -> ReportData:
    return report_data(demo_store)


@pytest.fixture
def troubled_store(demo_store: VoteStore) -> VoteStore:
    """The demo with a conflict (two stewards' counts differ) and a coalition declaration that
    differs from the computed result."""
    slot = SlotKey("concessions", "aft-ct-staff")
    clock = ticking_clock()
    record_count(demo_store, STEWARD, slot, {"yes": "1500", "no": "600"}, clock=clock)
    record_count(demo_store, SECOND, slot, {"yes": "1510", "no": "600"}, clock=clock)
    declare_outcome(
        demo_store,
        STEWARD,  # who loaded the demo: its coordinator
        "concessions",
        "approved",
        note="announced at the hall",
        clock=clock,
    )
    return demo_store


# every unit's final count of an official vote that ratifies (units not in the demo's counts)
COMPLETING_COUNTS = """unit,part,yes,no,void,challenged,final
afscme-np4-391,,1500,300,4,0,yes
csea-p3b,,300,340,4,0,yes
csea-np1,,1000,400,5,0,yes
seiu-1199-health,day-2,600,300,3,0,yes
aft-ct-staff,,1500,600,9,0,yes
aru-p5,,1000,400,6,0,yes
cspu-troopers,,500,200,2,0,yes
ccs-supervisors,,400,100,1,0,yes
psec-protective,,350,150,2,0,yes
"""


@pytest.fixture
def official_store(store: VoteStore) -> VoteStore:
    """The demo setup in official mode with every count in and final: ratified."""
    text = demo_setup_text().replace('mode = "practice"', 'mode = "official"')
    clock = ticking_clock()
    create_vote(store, text, COORDINATOR, clock=clock)
    columns = ("unit", "part", "yes", "no", "void", "challenged", "final")
    demo = "\n".join(
        ",".join(row[c] for c in columns) for row in demo_rows() if row["unit"] != "csea-p3b"
    )
    for source in (",".join(columns) + "\n" + demo + "\n", COMPLETING_COUNTS):
        import_counts(store, STEWARD, io.StringIO(source), confirm_warnings=True, clock=clock)
    return store


@dataclass(frozen=True)
class Pdf:
    path: Path
    pages: list[str]  # pdftotext -layout, one string a page

    def page_of(self, text: str) -> int:
        """The first page (1-based) holding `text`; 0 when none does."""
        return next((i for i, p in enumerate(self.pages, start=1) if text in p), 0)

    def line_with(self, *parts: str) -> str:
        """The first line holding every part, in order."""
        for page in self.pages:
            for line in page.splitlines():
                if _in_order(line, parts):
                    return line
        raise AssertionError(f"no line holds {parts}")


def _in_order(line: str, parts: tuple[str, ...]) -> bool:
    pos = 0
    for part in parts:
        found = line.find(part, pos)
        if found < 0:
            return False
        pos = found + len(part)
    return True


def need_poppler() -> None:
    """Skip, with the reason, where poppler's tools are not installed (Windows, macOS)."""
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.skip("poppler-utils (pdftotext, pdfinfo) is not installed")


def read_pdf(path: Path) -> Pdf:
    need_poppler()
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    pages = text.split("\f")
    if pages and not pages[-1].strip():
        pages.pop()
    return Pdf(path, pages)


def pdf_info(path: Path) -> dict[str, str]:
    need_poppler()
    out = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    return {
        k.strip(): v.strip()
        for k, v in (line.split(":", 1) for line in out.stdout.splitlines() if ":" in line)
    }


def pdf_fonts(path: Path) -> list[tuple[str, str]]:
    """(font name without subset prefix, embedded yes/no) for each font in the file."""
    out = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True)
    fonts = []
    for line in out.stdout.splitlines()[2:]:
        cols = line.split()
        name = re.sub(r"^[A-Z]{6}\+", "", cols[0])
        emb = re.search(r"\b(yes|no)\s+(yes|no)\s+(yes|no)\s+\d+\s+\d+\s*$", line)
        fonts.append((name, emb.group(1) if emb else "?"))
    return fonts


@pytest.fixture
def make_pdf(qapp: QApplication, tmp_path: Path):  # type: ignore[no-untyped-def]
    def make(
        doc: Document, name: str = "report", page_size: str = "letter", landscape: bool = False
    ) -> Pdf:
        path = tmp_path / f"{name}.pdf"
        pages = write_pdf(path, doc, page_size, landscape)
        pdf = read_pdf(path)
        assert len(pdf.pages) == pages
        return pdf

    return make
