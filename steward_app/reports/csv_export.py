"""The reports' tables as CSV for spreadsheets (the rules in docs/exports.md).

A coalition summary or a union notice: a few lines saying what it is (vote, as of, status,
fingerprint), then each table of the printed report under its title, with plain numbers
(no thousands separators; shares as percentages with two decimals, "_percent" in the header).

Tally sheets: a template in the import format of docs/counts-csv.md (unit, part, question,
eligible, yes, no, void, challenged, final), one row per sheet with the counts left blank, so
the tellers' figures can be typed in a spreadsheet and imported with `steward-app
import-counts` (rows left blank are skipped).

Every file is UTF-8 with a byte order mark (so that Excel and LibreOffice do not read it as
Latin-1), CRLF line ends, commas between cells. A cell that is a number is written bare, so a
spreadsheet reads a number; every other cell is text, written in double quotes, and when it
begins as a formula would (=, +, -, @, tab, carriage return) it is prefixed with an apostrophe
so that no spreadsheet runs it: names and notes come from other PCs (OWASP, "CSV Injection").
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO

from steward_app.domain.counts import CSV_COLUMNS
from steward_app.domain.vote import Vote
from steward_app.reports.document import Banner, Document, KeyValues, Table
from steward_app.reports.tally_sheet import sheets_for

TEMPLATE_COLUMNS = tuple(c for c in CSV_COLUMNS if c != "reason")  # what import-counts reads
BOM = "\ufeff"
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# what is written as a number: an integer, or a decimal with a point (a share, 59.35); no
# thousands separator, no exponent, no plus sign, no leading zero but a lone 0 before the point
_NUMBER = re.compile(r"-?(0|[1-9][0-9]*)(\.[0-9]+)?")


def csv_cell(value: str) -> str | int | Decimal:
    """One cell as the writer takes it: a number as int or Decimal (written bare), any other
    text as a str (written quoted), with an apostrophe before a formula's first character.

    A negative number ("-3", a margin) is a number, not a formula: a spreadsheet reads it as
    minus three, which is what it is. Only text is ever prefixed."""
    if _NUMBER.fullmatch(value):
        return Decimal(value) if "." in value else int(value)
    if value.lstrip(" ").startswith(FORMULA_STARTS):
        return "'" + value
    return value


class CsvOut:
    """A csv.writer for spreadsheets: BOM first, CRLF, numbers bare, text quoted and made safe."""

    def __init__(self, out: IO[str]) -> None:
        out.write(BOM)
        self._w = csv.writer(out, lineterminator="\r\n", quoting=csv.QUOTE_NONNUMERIC)

    def row(self, cells: Sequence[str]) -> None:
        self._w.writerow([csv_cell(c) for c in cells])

    def rows(self, rows: Iterable[Sequence[str]]) -> None:
        for r in rows:
            self.row(r)

    def blank(self) -> None:
        self._w.writerow([])


def write_report_csv(document: Document, out: IO[str]) -> None:
    w = CsvOut(out)
    h = document.header
    w.row(["report", h.report_title])
    w.row(["vote", h.vote_title])
    w.row(["coalition", h.coalition])
    w.row(["as of", h.as_of])
    w.row(["status", h.stamp])
    w.row([h.fingerprint_label, h.fingerprint])
    for block in document.blocks:
        if isinstance(block, Banner):
            w.blank()
            w.row(["result", block.text])
            w.row(["detail", block.detail])
        elif isinstance(block, KeyValues) and block.csv_title:
            w.blank()
            w.row([block.csv_title])
            w.rows(block.csv_pairs or block.pairs)
        elif isinstance(block, Table):
            w.blank()
            w.row([block.title])
            w.row(block.csv_columns or [c.title for c in block.columns])
            w.rows(row.raw or row.cells for row in block.rows)


def write_tally_template_csv(vote: Vote, unit_ids: Sequence[str] | None, out: IO[str]) -> None:
    """Raises NotInVote for unit ids the vote does not have."""
    w = CsvOut(out)
    w.row(TEMPLATE_COLUMNS)
    for sheet in sheets_for(vote, unit_ids):
        for q in sheet.questions:
            w.row([sheet.unit.id, sheet.part, q.id, "", "", "", "", "", ""])
