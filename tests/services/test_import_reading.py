"""A counts CSV is read as csv.DictReader read it, and an import leaves the collector as it was.

`reference_rows` is the import's reading before it worked out each column's place once per
file (csv.DictReader, then every cell's name normalised and its text trimmed), kept here
unchanged but for the check of the first line, which both share: any file, odd ones included
(blank lines, short and long rows, names in capitals or with spaces, a name twice), must give
the same rows or the same refusal.
"""

from __future__ import annotations

import csv
import gc
import io

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from steward_app.domain.counts import CSV_COLUMNS
from steward_app.services.counting import _check_columns, _csv_rows, import_counts
from steward_app.services.errors import Refused
from steward_app.store.vote_store import VoteStore
from tests.conftest import STEWARD


def reference_rows(source: io.StringIO) -> list[dict[str, str]]:
    reader = csv.DictReader(source)
    _check_columns(reader.fieldnames or [])  # unchanged, and shared
    header = reader.fieldnames or []
    names = {k: k.strip().lower() for k in reader.fieldnames or []}
    rows = []
    for number, row in enumerate(reader, start=2):
        if None in row:
            raise Refused(
                f"nothing was imported: row {number} has more cells than the {len(header)} "
                "columns the first line names; remove the extra cells or name their columns"
            )
        rows.append(
            {names.get(k) or (k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
        )
    return rows


def read(reader: object, text: str) -> object:
    """The rows, or the refusal's message."""
    try:
        return reader(io.StringIO(text, newline=""))  # type: ignore[operator]
    except Refused as refused:
        return str(refused)


column = st.sampled_from(CSV_COLUMNS).map(str) | st.sampled_from(["Unit", " yes ", "NO", "x"])
cell = st.sampled_from(["", " ", "12", " 3 ", "yes", "a1", '"quoted, with comma"', "é"])
row = st.lists(cell, max_size=8).map(",".join)
files = st.builds(
    lambda head, rows, end: "\n".join([",".join(head), *rows]) + end,
    st.lists(column, max_size=8),
    st.lists(row | st.just(""), max_size=6),  # "" is a blank line
    st.sampled_from(["", "\n", "\r\n"]),
)


@settings(max_examples=400, deadline=None)
@given(files)
@example("unit,yes,no\n\na1,1,2\n\n")  # blank lines are not rows
@example("unit,yes,no,Yes\na1,1,2,3\n")  # a name twice: the later column
@example("yes,unit,no,yes\na1,1,2\n")  # ... even when the row stops before it
@example("unit,yes,no\na1,1,2,3\n")  # a cell past the named columns
@example("")
def test_rows_are_read_as_dictreader_read_them(text: str) -> None:
    assert read(_csv_rows, text) == read(reference_rows, text)


@pytest.mark.parametrize("was_on", [True, False])
def test_an_import_leaves_the_collector_as_it_found_it(demo_store: VoteStore, was_on: bool) -> None:
    good = "unit,yes,no,void,final\nafscme-np4-391,900,700,5,yes\n"
    bad = "unit,yes,no\nnowhere,1,2\n"
    (gc.enable if was_on else gc.disable)()
    try:
        with pytest.raises(Refused):
            import_counts(demo_store, STEWARD, io.StringIO(bad))
        assert gc.isenabled() is was_on
        assert import_counts(demo_store, STEWARD, io.StringIO(good)).recorded == 1
        assert gc.isenabled() is was_on
    finally:
        gc.enable()
