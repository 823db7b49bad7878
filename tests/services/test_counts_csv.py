"""The counts CSV as `import-counts` reads it (docs/counts-csv.md): numbers in one form only,
each column once, cells of a bounded size, blank rows skipped and reported, `,` `;` or tab
between cells, with or without a byte order mark. A refused file records nothing."""

from __future__ import annotations

import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from steward_app.domain.counts import CSV_COLUMNS
from steward_app.services.counting import import_counts
from steward_app.services.counts_csv import MAX_CELL_CHARS, MAX_LINE_CHARS, read_counts_csv
from steward_app.services.errors import Refused
from steward_app.services.standings_cache import load_standings
from steward_app.store.vote_store import VoteStore
from tests.conftest import STEWARD

Q = "concessions"


def refused(store: VoteStore, text: str) -> Refused:
    """The refusal of importing `text`; checks the database did not change."""
    before = store.path.read_bytes()
    with pytest.raises(Refused) as caught:
        import_counts(store, STEWARD, io.StringIO(text, newline=""))
    assert store.path.read_bytes() == before
    return caught.value


def messages(r: Refused) -> list[str]:
    return [p.message for p in r.problems] or [str(r)]


@pytest.mark.parametrize(
    ("cell", "says"),
    [
        ('"1,5"', "a comma"),  # read as 15 before
        ('"12,34"', "a comma"),  # read as 1234 before
        ('"1,234"', "a comma"),  # a thousands separator: one form only
        ("1.5", "a point"),
        ("1.234", "a point"),
        ("+-5", "a sign"),  # read as 5 before
        ("+5", "a sign"),
        ("-5", "a sign"),
        ("1 234", "a space"),
        ("1_234", "not digits"),
        ("٣", "not digits"),  # an Arabic-Indic three: a digit to Python, not to us
        ("5e3", "not digits"),
    ],
)
def test_a_number_in_another_form_is_refused_with_its_row_and_column(
    demo_store: VoteStore, cell: str, says: str
) -> None:
    text = f"unit,no,yes\r\naru-p5,10,20\r\ncspu-troopers,5,{cell}\r\n"
    r = refused(demo_store, text)
    [problem] = r.problems
    assert problem.code == "E_NOT_PLAIN_NUMBER"
    assert problem.field == "yes"
    assert problem.message.startswith("row 3: yes (column C)")
    assert says in problem.message
    assert "digits only" in problem.message


def test_every_badly_written_number_is_listed(demo_store: VoteStore) -> None:
    text = 'unit,yes,no,void\naru-p5,"1,5",2,0\ncspu-troopers,5,5,-1\n'
    assert messages(refused(demo_store, text)) == [
        'row 2: yes (column B) is "1,5", which has a comma; write the number in digits only, '
        "with no thousands separator, comma, point, sign or space, e.g. 1234",
        'row 3: void (column D) is "-1", which has a sign; write the number in digits only, '
        "with no thousands separator, comma, point, sign or space, e.g. 1234",
    ]


def test_a_column_named_twice_is_refused(demo_store: VoteStore) -> None:
    r = refused(demo_store, "unit,yes,no,Yes \naru-p5,10,20,30\n")
    assert "yes" in str(r) and "columns B and D" in str(r) and "keep one" in str(r)


def test_a_huge_cell_is_refused_cleanly(demo_store: VoteStore) -> None:
    megabyte = "x" * 1_048_576  # past the csv module's own limit: a crash before
    r = refused(demo_store, f"unit,yes,no,reason\naru-p5,1,2,{megabyte}\n")
    assert "line 2 of the file is longer than 65,536 characters" in str(r)
    lines = "\n".join(["y" * 999] * 1_000)  # a quoted cell of short lines: the csv limit
    r = refused(demo_store, f'unit,yes,no,reason\naru-p5,1,2,"{lines}"\n')
    assert "row 2 cannot be read: a cell is longer than 131,072 characters" in str(r)
    long = "y" * (MAX_CELL_CHARS + 1)  # under the csv module's limit, over ours
    r = refused(demo_store, f"unit,yes,no,reason\naru-p5,1,2,{long}\n")
    assert f"row 2: reason (column D) has {MAX_CELL_CHARS + 1:,} characters" in str(r)


def test_a_huge_line_is_refused_before_it_is_read_whole(demo_store: VoteStore) -> None:
    commas = "," * (MAX_LINE_CHARS + 10)  # millions of empty cells would take gigabytes
    assert "line 2 of the file is longer than" in str(refused(demo_store, f"unit,yes,no\n{commas}"))
    assert "line 1 of the file is longer than" in str(refused(demo_store, f"unit,yes,no{commas}"))
    source = io.StringIO("unit,yes,no\n" + "x" * (3 * MAX_LINE_CHARS))
    with pytest.raises(Refused):
        read_counts_csv(source)
    assert source.tell() <= 12 + MAX_LINE_CHARS + 1  # stopped there


@pytest.mark.parametrize(
    "text",
    ["unit,yes,no\n", "unit,yes,no", "unit,yes,no\n\n,,\n , ,\n", "\ufeffunit;yes;no\r\n;;\r\n"],
)
def test_a_file_with_no_filled_row_says_so(demo_store: VoteStore, text: str) -> None:
    r = refused(demo_store, text)
    assert "nothing was imported" in str(r) and "no filled row" in str(r)


def test_an_empty_file_says_so(demo_store: VoteStore) -> None:
    assert "empty" in str(refused(demo_store, ""))


def test_unfilled_template_rows_are_skipped_and_listed(demo_store: VoteStore) -> None:
    text = (
        "unit,part,question,eligible,yes,no,void,challenged,final\n"
        "aft-ct-staff,,concessions,,,,,,\n"
        "aru-p5,,concessions,,100,50,1,0,yes\n"
        "seiu-1199-health,day-1,concessions,,,,,,\n"
        "seiu-1199-health,day-2,concessions,,,,,,\n"
        ",,,,,,,,\n"  # a wholly empty row: not a count, not listed
        "cspu-troopers,,concessions,,70,30,0,0,\n"
    )
    result = import_counts(demo_store, STEWARD, io.StringIO(text))
    assert result.recorded == 2
    assert result.not_filled == (2, 4, 5)
    standings, _ = load_standings(demo_store)
    assert standings.questions[Q].units["aru-p5"].report.numbers.yes == 100
    assert not standings.questions[Q].units["aft-ct-staff"].report.reported


def test_a_half_filled_row_is_still_an_error(demo_store: VoteStore) -> None:
    r = refused(demo_store, "unit,yes,no\naru-p5,10,\n")
    assert [p.code for p in r.problems] == ["E_MISSING"]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_comma_semicolon_and_tab_are_each_read(demo_store: VoteStore, delimiter: str) -> None:
    rows = [["unit", "part", "yes", "no", "reason"], ["aru-p5", "", "10", "20", "a, b; c"]]
    text = "\r\n".join(delimiter.join(f'"{c}"' if c[:1] == "a" else c for c in r) for r in rows)
    parsed = read_counts_csv(io.StringIO(text))
    assert parsed.delimiter == delimiter
    assert [r.cells for r in parsed.rows] == [
        {"unit": "aru-p5", "part": "", "yes": "10", "no": "20", "reason": "a, b; c"}
    ]


@pytest.mark.parametrize("mark", ["\ufeff", "\u00ef\u00bb\u00bf"])
def test_a_byte_order_mark_is_read(demo_store: VoteStore, mark: str) -> None:
    # the second: the BOM of our template after LibreOffice's headless default read it as
    # Latin-1 and saved the sheet as UTF-8 (seen in the check with LibreOffice 7.4)
    for text in (f"{mark}Unit,yes,no\naru-p5,1,2\n", f'"{mark}Unit";"yes";"no"\naru-p5;1;2\n'):
        parsed = read_counts_csv(io.StringIO(text))
        assert parsed.rows[0].cells == {"unit": "aru-p5", "yes": "1", "no": "2"}


def test_an_unknown_column_names_the_columns_as_read(demo_store: VoteStore) -> None:
    r = refused(demo_store, "unit|yes|no\naru-p5|1|2\n")
    assert "unknown column(s): unit|yes|no" in str(r)


def test_rows_are_numbered_as_a_spreadsheet_numbers_them(demo_store: VoteStore) -> None:
    # a blank line is an empty row in a spreadsheet: it keeps its number
    r = refused(demo_store, "unit,yes,no\n\naru-p5,x,1\n")
    assert messages(r)[0].startswith("row 3: yes (column B)")


def test_trailing_empty_cells_past_the_columns_are_ignored(demo_store: VoteStore) -> None:
    parsed = read_counts_csv(io.StringIO("unit,yes,no\naru-p5,1,2,,\n"))
    assert parsed.rows[0].cells == {"unit": "aru-p5", "yes": "1", "no": "2"}
    r = refused(demo_store, "unit,yes,no\naru-p5,1,2,,3\n")
    assert "row 2 has more cells than the 3 columns" in str(r)


column = st.sampled_from(CSV_COLUMNS).map(str) | st.sampled_from(["Unit", " yes ", "x", ""])
cell = st.sampled_from(["", " ", "12", "1,2", "-1", "yes", '"a,b"', '"', "é", "\ufeff", "\x00"])
separator = st.sampled_from([",", ";", "\t"])
files = st.builds(
    lambda sep, head, rows, end: "\n".join([sep.join(head), *(sep.join(r) for r in rows)]) + end,
    separator,
    st.lists(column, max_size=8),
    st.lists(st.lists(cell, max_size=9), max_size=5),
    st.sampled_from(["", "\n", "\r\n"]),
)


@settings(max_examples=300, deadline=None)
@given(files)
def test_any_file_gives_rows_or_a_refusal(text: str) -> None:
    try:
        parsed = read_counts_csv(io.StringIO(text, newline=""))
    except Refused as r:
        assert str(r)
        return
    for row in parsed.rows:
        assert set(row.cells) <= set(CSV_COLUMNS)
        assert {"unit", "yes", "no"} <= set(row.cells)
        for name in ("yes", "no", "void", "challenged", "eligible"):
            value = row.cells.get(name, "")
            assert value == "" or (value.isascii() and value.isdigit()) or row.problems
