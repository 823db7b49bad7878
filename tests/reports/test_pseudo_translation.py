"""Every report survives longer text: a pseudo-translation makes every sentence ~40% longer,
with accented letters, and each report is laid out in it; no line may run out of its box, leave
the page or overlap another. The real Spanish is laid out the same way.

Spanish runs 20-30% longer than English; 40% leaves room for the languages to come.
"""

from __future__ import annotations

import gettext
import math
import re
from collections.abc import Iterator

import pytest
from PySide6.QtGui import QPageLayout

from steward_app.domain import language
from steward_app.domain.language import in_language
from steward_app.reports.document import Align, Document, ReportData, Table
from steward_app.reports.layout import (
    CELL_PAD,
    LONG_WORD_EMS,
    column_widths,
    lay_out,
    table_type_size,
)
from steward_app.reports.measure import Metrics, words
from steward_app.reports.notice import union_notice
from steward_app.reports.page_ops import Page, PageGeometry, TextOp
from steward_app.reports.printing import page_layout_for
from steward_app.reports.summary import coalition_summary
from steward_app.reports.tally_sheet import tally_sheets
from steward_app.store.vote_store import VoteStore
from tests.reports.conftest import report_data

_PLACEHOLDER = re.compile(r"(\{[^{}]*\}|%\([^)]*\)[sdr]|%[sdr])")
_ACCENTED = str.maketrans("aeiouAEIOUnNcCyY", "áéíóúÁÉÍÓÚñÑçÇýÝ")
_FILLER = "åéîõüñ"


def pseudo(text: str) -> str:
    """Every word ~40% longer, its letters accented; placeholders kept as they are."""
    out = []
    for part in _PLACEHOLDER.split(text):
        if _PLACEHOLDER.fullmatch(part):
            out.append(part)
            continue

        def longer(match: re.Match[str]) -> str:
            word = match.group(0)
            extra = math.ceil(0.4 * len(word))
            return word.translate(_ACCENTED) + (_FILLER * extra)[:extra]

        out.append(re.sub(r"[A-Za-z]+", longer, part))
    return "".join(out)


class PseudoTranslations(gettext.NullTranslations):
    """A test-only catalogue: every sentence through `pseudo`."""

    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)

    def pgettext(self, context: str, message: str) -> str:
        return pseudo(message)


def test_pseudo_lengthens_words_and_keeps_placeholders() -> None:
    text = pseudo("{yes} yes to {no} no (%(value)r)")
    assert "{yes}" in text and "{no}" in text and "%(value)r" in text
    assert "ýéså" in text
    assert len(pseudo("Coalition summary")) >= 1.35 * len("Coalition summary")


@pytest.fixture
def pseudo_language(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(language, "translations", lambda code: PseudoTranslations())
    with in_language("es"):  # numbers and dates as Spanish writes them
        yield


def geometries() -> list[tuple[str, PageGeometry]]:
    out = []
    for size in ("letter", "a4"):
        for landscape in (False, True):
            rect = page_layout_for(size, landscape).paintRect(QPageLayout.Unit.Point)
            name = f"{size}{' landscape' if landscape else ''}"
            out.append((name, PageGeometry(rect.width(), rect.height())))
    return out


def every_report(data: ReportData) -> list[Document]:
    vote = data.standings.vote
    return [
        coalition_summary(data),
        *(union_notice(data, u.id) for u in vote.unions),
        tally_sheets(data, None),
    ]


def _ink(m: Metrics, op: TextOp) -> tuple[float, float]:
    """Where a line's letters are, left to right (its box may be wider)."""
    width = m.width(op.text, op.size, op.bold)
    if op.align is Align.RIGHT:
        return op.x + op.w - width, op.x + op.w
    if op.align is Align.CENTER:
        middle = op.x + op.w / 2
        return middle - width / 2, middle + width / 2
    return op.x, op.x + width


def layout_problems(pages: list[Page], geometry: PageGeometry, m: Metrics) -> list[str]:
    """Lines wider than their box, outside the page, or on top of one another."""
    found = []
    slack = 0.5  # points: rounding in the measures
    for number, page in enumerate(pages, start=1):
        texts = [op for op in page.ops if isinstance(op, TextOp) and op.text.strip()]
        inks = []
        for op in texts:
            width = m.width(op.text, op.size, op.bold)
            if width > op.w + slack:
                found.append(f"page {number}: cut off ({width:.0f} > {op.w:.0f}): {op.text!r}")
            left, right = _ink(m, op)
            if left < -slack or right > geometry.width + slack or op.y + op.h > geometry.height:
                found.append(f"page {number}: off the page: {op.text!r}")
            inks.append((left, right, op))
        for i, (left, right, op) in enumerate(inks):
            for left2, right2, other in inks[i + 1 :]:
                across = left < right2 - slack and left2 < right - slack
                down = op.y < other.y + other.h - slack and other.y < op.y + op.h - slack
                if across and down:
                    found.append(f"page {number}: {op.text!r} overlaps {other.text!r}")
    return found


def broken_words(document: Document, geometry: PageGeometry, m: Metrics) -> list[str]:
    """Words a table cell would break in two ("pendient/e"): each word of a text cell, unless
    it is longer than the layout lets any word be, must fit its column."""
    found = []
    for block in document.blocks:
        if not isinstance(block, Table):
            continue
        # the layout's table type size (smaller where a longer language needs it)
        size = table_type_size(m, block, geometry.width, 0.92 * document.type_size * block.scale)
        widths = column_widths(m, block, geometry.width, size)
        for row in block.rows:
            for i, cell in enumerate(row.cells):
                if block.columns[i].align is Align.RIGHT:
                    continue
                for word in words(cell):
                    width = m.width(word, size, row.strong)
                    if width <= LONG_WORD_EMS * size and width + 2 * CELL_PAD > widths[i] + 0.5:
                        found.append(f"{block.title}: {word!r} breaks in column {i + 1}")
    return found


def _check_every_report(data: ReportData) -> int:
    """Lays out every report on Letter and A4, portrait and landscape; returns the lines."""
    m = Metrics()
    problems = []
    lines = 0
    for document in every_report(data):
        for name, geometry in geometries():
            pages = lay_out(document, geometry, m)
            lines += sum(isinstance(op, TextOp) for page in pages for op in page.ops)
            problems += [
                f"{document.kind} {document.header.report_title} ({name}) {p}"
                for p in layout_problems(pages, geometry, m) + broken_words(document, geometry, m)
            ]
    assert problems == []
    return lines


def test_every_report_in_english_fits(demo_data: ReportData) -> None:
    """The check itself on the source language: what it finds in a translation is new."""
    assert _check_every_report(demo_data) > 5000  # 17 documents, 4 page shapes


def test_every_report_fits_in_the_pseudo_translation(
    troubled_store: VoteStore, pseudo_language: None
) -> None:
    data = report_data(troubled_store)  # made in the pseudo language: its reasons too
    assert "Çóálítíóñ" in coalition_summary(data).header.report_title
    _check_every_report(data)


def test_every_report_fits_in_spanish(troubled_store: VoteStore) -> None:
    with in_language("es"):
        data = report_data(troubled_store)
        assert coalition_summary(data).header.report_title == "Resumen de la coalición"
        _check_every_report(data)


def test_the_check_finds_a_line_cut_off_and_an_overlap() -> None:
    m = Metrics()
    geometry = PageGeometry(500, 700)
    long_line = TextOp(0, 0, 20, 12, "a line far wider than its box", 10)
    first = TextOp(0, 100, 200, 12, "left words", 10)
    second = TextOp(10, 102, 200, 12, "overlapping words", 10)
    found = layout_problems([Page((long_line, first, second))], geometry, m)
    assert any("cut off" in f for f in found)
    assert any("overlaps" in f for f in found)
