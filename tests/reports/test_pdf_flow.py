"""How text flows onto pages, read back with pdftotext: a name of 80 characters with no space
(a union's, a unit's) wraps at any character in its own column while the numbers beside it
and the column titles stay whole, and the report does not grow by more than a page; a
paragraph that fits on a page is never split across two."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from steward_app.domain.counts import SlotKey
from steward_app.reports.document import Align, Column, Paragraph, ReportData, Row, Table
from steward_app.reports.layout import column_widths
from steward_app.reports.measure import Metrics, words
from steward_app.reports.notice import union_notice
from steward_app.reports.summary import coalition_summary
from steward_app.services.counting import record_count
from steward_app.services.vote_setup import create_vote, demo_rows, demo_setup_text
from steward_app.store.vote_store import VoteStore
from tests.conftest import STEWARD, ticking_clock
from tests.reports.conftest import report_data
from tests.reports.test_pdf import MakePdf

LONG = "Amalgamated" + "X" * 58 + "Workers0123"
assert len(LONG) == 80 and " " not in LONG


@pytest.fixture
def long_data(tmp_path: Path) -> Iterator[ReportData]:
    """The demo vote and its counts, with AFSCME and its P-2 unit renamed to LONG."""
    store = VoteStore(tmp_path / "long.sqlite")
    text = (
        demo_setup_text()
        .replace('name = "AFSCME Council 4"', f'name = "{LONG}"')
        .replace('name = "P-2 Human and Social Services"', f'name = "{LONG}"')
    )
    clock = ticking_clock()
    vote, _, _ = create_vote(store, text, STEWARD, clock=clock)
    q = vote.questions[0].id
    for row in demo_rows():
        numbers = {k: row[k] for k in ("yes", "no", "void", "challenged")}
        slot = SlotKey(q, row["unit"], row["part"])
        record_count(
            store, STEWARD, slot, numbers, final=row["final"] == "yes", confirm_warnings=True
        )
    yield report_data(store)
    store.close()


BROKEN_NUMBER = re.compile(r"\d,\d{1,2}(?![\d])|\d,$")  # "1,42" / "7", "1," / "427": cut


def no_cut_numbers(page: str) -> None:
    for line in page.splitlines():
        assert not BROKEN_NUMBER.search(line), line


def test_the_summary_keeps_numbers_and_titles_whole(
    make_pdf: MakePdf, long_data: ReportData, demo_data: ReportData
) -> None:
    pdf = make_pdf(coalition_summary(long_data), "long")
    plain = make_pdf(coalition_summary(demo_data), "plain")
    assert len(pdf.pages) <= len(plain.pages) + 1  # 6 pages for 3 before
    row = pdf.line_with(LONG[:12], "15,600", "4,200", "5,000", "58", "59.3%", "45.7%", "8 of 9")
    assert "pending" in row
    header = pdf.line_with("Union", "Members", "Yes", "No", "Void", "Turnout", "Share")
    assert "Mem " not in header
    for page in pdf.pages:
        no_cut_numbers(page)
    text = "".join(pdf.pages)
    assert LONG[-6:] in text  # the name is all there, wrapped


def test_the_notice_keeps_numbers_and_titles_whole(
    make_pdf: MakePdf, long_data: ReportData
) -> None:
    pdf = make_pdf(union_notice(long_data, "afscme"), "notice")
    assert len(pdf.pages) <= 2  # 3 before, every row three lines deep
    pdf.line_with("Unit", "Yes", "No", "Turnout", "Count", "Result")
    pdf.line_with(LONG[:10], "1,420", "1,570", "75.3%", "final", "rejected")
    for page in pdf.pages:
        no_cut_numbers(page)


def test_number_columns_get_their_natural_width(qapp: object) -> None:
    m = Metrics()
    size = 9.0
    numbers = ("1,427", "10,911", "45,000")
    rows = tuple(Row((LONG, LONG, n, n, n, "8 of 25")) for n in numbers)
    t = Table(
        "t",
        (
            Column("Union", 3),
            Column("Unit", 3),
            Column("Members", 1, Align.RIGHT),
            Column("Yes", 1, Align.RIGHT),
            Column("No", 1, Align.RIGHT),
            Column("Units reported", 1, Align.RIGHT),
        ),
        rows,
    )
    widths = column_widths(m, t, 468.0, size)  # a Letter page's width inside its margins
    assert sum(widths) == pytest.approx(468.0)
    for i, col in enumerate(t.columns):
        title = max(m.width(w, size, True) for w in col.title.split(" "))
        assert widths[i] > title, col.title
        if col.align is Align.RIGHT:
            assert widths[i] > max(m.width(r.cells[i], size) for r in rows), col.title
    for i in (0, 1):  # the long names share what is left and wrap
        assert widths[i] < m.width(LONG, size)
        assert len(m.wrap(LONG, size, False, widths[i] - 7)) > 1
    assert words(LONG) == [LONG]


def squeezed(text: str) -> str:
    return " ".join(text.split())


@pytest.mark.parametrize(
    ("kind", "size"), [("union", "a4"), ("union", "letter"), ("coalition", "a4")]
)
def test_a_paragraph_that_fits_on_a_page_is_not_split(
    make_pdf: MakePdf, demo_data: ReportData, kind: str, size: str
) -> None:
    # the A4 notice split "... a unit's own result is" / "shown for information." before
    doc = union_notice(demo_data, "afscme") if kind == "union" else coalition_summary(demo_data)
    pdf = make_pdf(doc, f"{kind}-{size}", size)
    assert len(pdf.pages) > 1  # there is a page break to get wrong
    pages = [squeezed(p) for p in pdf.pages]
    paragraphs = [b.text for b in doc.blocks if isinstance(b, Paragraph)]
    assert paragraphs
    for text in paragraphs:
        assert any(squeezed(text) in page for page in pages), text
