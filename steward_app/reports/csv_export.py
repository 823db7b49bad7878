"""The reports' tables as CSV for spreadsheets.

A coalition summary or a union notice: a few lines saying what it is (vote, as of, status,
fingerprint), then each table of the printed report under its title, with plain numbers
(no thousands separators, shares as percentages with two decimals).

Tally sheets: a template in the import format of docs/counts-csv.md (unit, part, question,
eligible, yes, no, void, challenged, final), one row per sheet with the counts left blank, so
the tellers' figures can be typed in a spreadsheet and imported with `steward-app
import-counts` (rows still blank must be removed first).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import IO

from steward_app.domain.counts import CSV_COLUMNS
from steward_app.domain.vote import Vote
from steward_app.reports.document import Banner, Document, KeyValues, Table
from steward_app.reports.tally_sheet import sheets_for

TEMPLATE_COLUMNS = tuple(c for c in CSV_COLUMNS if c != "reason")  # what import-counts reads


def write_report_csv(document: Document, out: IO[str]) -> None:
    w = csv.writer(out, lineterminator="\n")
    h = document.header
    w.writerow(["report", h.report_title])
    w.writerow(["vote", h.vote_title])
    w.writerow(["coalition", h.coalition])
    w.writerow(["as of", h.as_of])
    w.writerow(["status", h.stamp])
    w.writerow([h.fingerprint_label, h.fingerprint])
    for block in document.blocks:
        if isinstance(block, Banner):
            w.writerow([])
            w.writerow(["result", block.text])
            w.writerow(["detail", block.detail])
        elif isinstance(block, KeyValues) and block.csv_title:
            w.writerow([])
            w.writerow([block.csv_title])
            w.writerows([k, v] for k, v in block.pairs)
        elif isinstance(block, Table):
            w.writerow([])
            w.writerow([block.title])
            w.writerow(block.csv_columns or [c.title for c in block.columns])
            w.writerows(row.raw or row.cells for row in block.rows)


def write_tally_template_csv(vote: Vote, unit_ids: Sequence[str] | None, out: IO[str]) -> None:
    """Raises NotInVote for unit ids the vote does not have."""
    w = csv.writer(out, lineterminator="\n")
    w.writerow(TEMPLATE_COLUMNS)
    for sheet in sheets_for(vote, unit_ids):
        for q in sheet.questions:
            w.writerow([sheet.unit.id, sheet.part, q.id, "", "", "", "", "", ""])
