"""What `steward-app import-counts` says about its rows' problems.

A few problems are listed one per row, as they always were. Many (a 100,000-row file repeats
some yes/no/void triple tens of thousands of times: `W_SAME_AS_OTHER_UNIT`) are summarised:
one line per check code with how many rows have it, the first few units and rows, and the
first row's message; `--verbose` lists every row (docs/counts-csv.md)."""

from __future__ import annotations

from collections.abc import Sequence

from steward_app.domain.checks import Problem, Severity
from steward_app.domain.language import _, ngettext, number
from steward_app.services.counting import RowsRefused
from steward_app.services.errors import Refused

EACH_UP_TO = 10  # this many problems or fewer: each is listed with its row
FIRST_UNITS = 3  # units named on a summary line


def severity_word(severity: Severity) -> str:
    """ "error" or "warning" in the current language (the check's code stays as it is)."""
    return {Severity.ERROR: _("error"), Severity.WARNING: _("warning")}[severity]


def summary_lines(items: Sequence[tuple[int, str, Problem]]) -> list[str]:
    """One line per check code, in order of first appearance."""
    by_code: dict[str, list[tuple[int, str, Problem]]] = {}
    for item in items:
        by_code.setdefault(item[2].code, []).append(item)
    lines = []
    for code, rows in by_code.items():
        first_row, _first_unit, first = rows[0]
        units: dict[str, list[int]] = {}  # the first few units, each with its rows
        for n, unit, _problem in rows:
            if unit not in units and len(units) == FIRST_UNITS:
                break
            units.setdefault(unit, []).append(n)
        listed = sum(len(numbers) for numbers in units.values())
        shown = ", ".join(
            ngettext("{unit} (row {rows})", "{unit} (rows {rows})", len(ns)).format(
                unit=unit or _("(no unit)"), rows=", ".join(map(str, ns))
            )
            for unit, ns in units.items()
        )
        more = ""
        if len(rows) > listed:
            more = _(" and {count} more").format(count=number(len(rows) - listed))
        lines.append(
            ngettext(
                "{severity} {code} ({field}) on {count} row: {shown}{more}; row {row}: {message}",
                "{severity} {code} ({field}) on {count} rows: {shown}{more}; row {row}: {message}",
                len(rows),
            ).format(
                severity=severity_word(first.severity),
                code=code,
                field=first.field,
                count=number(len(rows)),
                shown=shown,
                more=more,
                row=first_row,
                message=first.message,
            )
        )
    return lines


def problem_lines(items: Sequence[tuple[int, str, Problem]], verbose: bool) -> list[str]:
    """Each problem with its row (verbose, or only a few), else the summary."""
    if verbose or len(items) <= EACH_UP_TO:
        return [
            _("{severity} {code} ({field}): row {row}: {message}").format(
                severity=severity_word(p.severity),
                code=p.code,
                field=p.field,
                row=n,
                message=p.message,
            )
            for n, _unit, p in items
        ]
    return summary_lines(items) + [_("(one line per check; --verbose lists every row)")]


def summarised(refused: RowsRefused, verbose: bool) -> Refused:
    """The same refusal (its problems kept, so `needs_confirmation` holds), said shortly."""
    text = "\n".join(
        [refused.message] + [f"  {line}" for line in problem_lines(refused.rows, verbose)]
    )
    short = Refused(refused.message)
    short.problems = refused.problems
    short.args = (text,)
    return short


def confirmed_lines(
    warnings: Sequence[tuple[int, Problem]], units: Sequence[str], verbose: bool
) -> list[str]:
    """The warnings an import confirmed, as said after it."""
    if len(units) != len(warnings):  # a result made without its units
        units = [""] * len(warnings)
    items = [(n, unit, p) for (n, p), unit in zip(warnings, units, strict=True)]
    if verbose or len(items) <= EACH_UP_TO:
        return [
            _("confirmed on row {row}: {problem}").format(row=n, problem=p) for n, _u, p in items
        ]
    confirmed = ngettext("confirmed {count} warning:", "confirmed {count} warnings:", len(items))
    return [confirmed.format(count=number(len(items)))] + [
        f"  {line}" for line in problem_lines(items, verbose)
    ]
