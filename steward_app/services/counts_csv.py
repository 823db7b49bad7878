"""Reading a counts CSV (`steward-app import-counts`; the rules in docs/counts-csv.md).

What a spreadsheet saves is read as it is: UTF-8 with or without a byte order mark; `,`, `;`
or a tab between cells (worked out from the first line, which must name the columns); CRLF or
LF line ends; rows with no count in them (a template row not filled in, an empty row) skipped.
What could be read two ways is refused instead of guessed: a number in any form but plain
digits ("1,5" is not 15, "+-5" is not 5), a column named twice, a cell past MAX_CELL_CHARS.
Problems of a row are returned with it, so the import lists every row's problems at once;
problems of the file as a whole refuse it here.
"""

from __future__ import annotations

import csv
import itertools
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO, NamedTuple

from steward_app.domain.checks import NUMBER_FIELDS, Problem, Severity
from steward_app.domain.counts import CSV_COLUMNS
from steward_app.domain.language import N_, _
from steward_app.domain.language import number as write_number
from steward_app.services.errors import Refused

MAX_CELL_CHARS = 1_000  # ids, part names and reasons are far shorter; anything longer is a slip
MAX_LINE_CHARS = 65_536  # a row of ten full cells is about 10,000: bounds the memory a line takes
DELIMITERS = (",", ";", "\t")
REQUIRED = ("unit", "yes", "no")
# a count's own cells: a row with all of these empty is a row not filled in, not a count
COUNT_CELLS = frozenset(NUMBER_FIELDS) | {"final", "reason"}
PLAIN_NUMBER = N_(
    "write the number in digits only, with no thousands separator, comma, point, sign or "
    "space, e.g. 1234"
)
# a byte order mark as read without utf-8-sig, and as a spreadsheet that read the file as
# Latin-1 (LibreOffice's headless default) saves it back: "\u00ef\u00bb\u00bf" in UTF-8
BYTE_ORDER_MARKS = ("\ufeff", "\u00ef\u00bb\u00bf")


class CsvRow(NamedTuple):
    number: int  # the row as a spreadsheet numbers it: the first line (column names) is 1
    cells: dict[str, str]  # column name -> trimmed cell, for every column the file names
    problems: tuple[Problem, ...] = ()  # how its cells are written (see plain_number)


@dataclass(frozen=True)
class CountsCsv:
    rows: list[CsvRow]  # the rows with a count in them, in file order
    not_filled: tuple[int, ...]  # rows that name a count but hold none of its cells
    delimiter: str


def read_counts_csv(source: IO[str]) -> CountsCsv:
    """The rows of a counts CSV. Raises Refused for a file that is empty, whose first line does
    not name the columns (or names one twice), that a CSV reader cannot read, with a row wider
    than its columns, or with no filled row."""
    first = _without_mark(_line(source, 1))
    if not first.strip():
        raise Refused(
            _(
                "nothing was imported: the file is empty; its first line must name the columns "
                "(at least {required})"
            ).format(required=", ".join(REQUIRED))
        )
    delimiter = _delimiter(first)
    reader = csv.reader(itertools.chain([first], _lines(source)), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise _unreadable(1, exc) from exc
    rows = _Rows(_check_columns(header))
    number = 1
    try:
        for cells in reader:
            number += 1
            rows.add(number, cells)
    except csv.Error as exc:
        raise _unreadable(number + 1, exc) from exc
    if not rows.rows:
        which = f" (rows not filled: {spans(rows.not_filled)})" if rows.not_filled else ""
        raise Refused(
            _(
                "nothing was imported: the file names its columns but has no filled row{which}; "
                "type each count's numbers in its row, then import the file again"
            ).format(which=which)
        )
    return CountsCsv(rows.rows, tuple(rows.not_filled), delimiter)


class _Rows:
    """The records of a file after its first line, sorted into counts and rows not filled."""

    def __init__(self, names: list[str]) -> None:
        self.names = names
        self.width = len(names)
        self.count_cells = [i for i, n in enumerate(names) if n in COUNT_CELLS]
        self.number_cells = [i for i, n in enumerate(names) if n in NUMBER_FIELDS]
        self.rows: list[CsvRow] = []
        self.not_filled: list[int] = []

    def add(self, number: int, cells: list[str]) -> None:
        width = self.width
        if len(cells) != width:
            if len(cells) < width:
                cells.extend([""] * (width - len(cells)))
            elif any(c.strip() for c in cells[width:]):
                raise Refused(
                    _(
                        "nothing was imported: row {number} has more cells than the {width} "
                        "columns the first line names; remove the extra cells or name their "
                        "columns"
                    ).format(number=number, width=width)
                )
            else:
                del cells[width:]
        values = [c.strip() for c in cells]
        if not any([values[i] for i in self.count_cells]):
            if any(values):
                self.not_filled.append(number)  # a template row: named, not filled in
            return
        # the common case at little cost: every number plain digits, no cell too long
        plain = all(
            [((v := values[i]).isdigit() and v.isascii()) or not v for i in self.number_cells]
        )
        row = dict(zip(self.names, values, strict=True))
        if plain and max(map(len, values)) <= MAX_CELL_CHARS:
            self.rows.append(CsvRow(number, row))
        else:
            self.rows.append(CsvRow(number, row, _cell_problems(self.names, row)))


def _line(source: IO[str], number: int) -> str:
    """One line of text, refused when longer than MAX_LINE_CHARS (read no further than that)."""
    line = source.readline(MAX_LINE_CHARS + 1)
    if len(line) > MAX_LINE_CHARS:
        raise Refused(
            _(
                "nothing was imported: line {number} of the file is longer than {most} "
                "characters; a counts CSV has one short row per line"
            ).format(number=number, most=write_number(MAX_LINE_CHARS))
        )
    return line


def _lines(source: IO[str]) -> Iterator[str]:
    """The lines after the first, each bounded as _line bounds it."""
    for number in itertools.count(2):
        line = _line(source, number)
        if not line:
            return
        yield line


def _without_mark(first: str) -> str:
    """The first line without a byte order mark, also one inside the first cell's quotes."""
    for mark in BYTE_ORDER_MARKS:
        if first.startswith(mark):
            return first[len(mark) :]
        if first.startswith('"' + mark):
            return '"' + first[1 + len(mark) :]
    return first


def _delimiter(first: str) -> str:
    """The delimiter that reads the first line as known column names: a spreadsheet in a
    European locale saves with `;`, a copy from a table with tabs. None does: the comma, so
    the refusal names the columns as a comma reads them."""
    best, best_known = ",", -1
    for d in DELIMITERS:
        if d not in first:
            continue
        header = [h.strip().lower() for h in next(csv.reader([first], delimiter=d), [])]
        known = sum(h in CSV_COLUMNS for h in header)
        if known == len(header):
            return d
        if known > best_known:
            best, best_known = d, known
    return best


def _unreadable(number: int, exc: csv.Error) -> Refused:
    """The csv module's error (a cell past its own limit, a stray quote or NUL in some
    Pythons) as a refusal naming the row."""
    detail = str(exc)
    if "field larger than field limit" in detail:
        detail = f"a cell is longer than {csv.field_size_limit():,} characters"
    return Refused(
        _(
            "nothing was imported: row {number} cannot be read: {detail}; a cell may hold at most "
            "{most} characters. Check the row in a spreadsheet and save it again as CSV"
        ).format(number=number, detail=detail, most=write_number(MAX_CELL_CHARS))
    )


def _check_columns(fieldnames: list[str]) -> list[str]:
    """The column names as read (trimmed, lower case). Refuses a first line that does not name
    unit, yes and no, names an unknown column, or names one twice."""
    header = [h.strip().lower() for h in fieldnames]
    missing = [c for c in REQUIRED if c not in header]
    unknown = [c for c in header if c not in CSV_COLUMNS]
    twice = sorted({c for c in header if header.count(c) > 1 and c in CSV_COLUMNS})
    if missing or unknown:
        parts = []
        if missing:
            parts.append(_("missing column(s): {missing}").format(missing=", ".join(missing)))
        if unknown:
            parts.append(_("unknown column(s): {unknown}").format(unknown=", ".join(unknown)))
        raise Refused(
            _(
                "the file's first line must name the columns; {parts}. Known columns: {csv_columns}"
            ).format(parts="; ".join(parts), csv_columns=", ".join(CSV_COLUMNS))
        )
    if twice:
        where = "; ".join(
            f"{c} in columns "
            + " and ".join(column_letter(i) for i, h in enumerate(header) if h == c)
            for c in twice
        )
        raise Refused(
            _(
                "nothing was imported: the first line names a column twice ({where}); keep one of "
                "each and import the file again"
            ).format(where=where)
        )
    return header


def _cell_problems(names: list[str], row: dict[str, str]) -> tuple[Problem, ...]:
    problems: list[Problem] = []
    for i, name in enumerate(names):
        value = row[name]
        if len(value) > MAX_CELL_CHARS:
            problems.append(
                Problem(
                    "E_CELL_TOO_LONG",
                    Severity.ERROR,
                    name,
                    _(
                        "{name} (column {column}) has {length} characters; a cell may hold at "
                        "most {most}"
                    ).format(
                        name=name,
                        column=column_letter(i),
                        length=write_number(len(value)),
                        most=write_number(MAX_CELL_CHARS),
                    ),
                )
            )
        elif name in NUMBER_FIELDS and value and not (value.isascii() and value.isdigit()):
            problems.append(
                Problem(
                    "E_NOT_PLAIN_NUMBER",
                    Severity.ERROR,
                    name,
                    _('{name} (column {column}) is "{value}", which {what}; {advice}').format(
                        name=name,
                        column=column_letter(i),
                        value=value,
                        what=plain_number(value),
                        advice=_(PLAIN_NUMBER),
                    ),
                )
            )
    return tuple(problems)


def plain_number(value: str) -> str:
    """What keeps a cell from being a plain number, in words."""
    if value[:1] in "+-" or value[-1:] in "+-":
        return _("has a sign")
    if "," in value:
        return _("has a comma")
    if "." in value:
        return _("has a point")
    if any(c.isspace() for c in value):
        return _("has a space")
    return _("is not digits")


def column_letter(index: int) -> str:
    """A spreadsheet's name of the column at `index` (0: A, 25: Z, 26: AA)."""
    letters = ""
    n = index + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(ord("A") + r) + letters
    return letters


def spans(numbers: list[int]) -> str:
    """ "2, 4-9, 12": row numbers in order, runs joined."""
    out: list[str] = []
    for _step, run in itertools.groupby(enumerate(numbers), key=lambda p: p[1] - p[0]):
        group = [n for _, n in run]
        out.append(str(group[0]) if len(group) == 1 else f"{group[0]}-{group[-1]}")
    return ", ".join(out)
