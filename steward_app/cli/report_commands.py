"""`steward-app report coalition|union UNION|tally-sheets [UNIT...] (--pdf OUT.pdf | --csv
OUT.csv) [--page-size letter|a4] [--landscape]`: the printable reports' parsers. The command
itself is in cli/report_run.py, imported when it runs (cli.context.LazyHandler).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from steward_app.cli.context import LazyHandler
from steward_app.cli.language_choice import lang_help
from steward_app.domain.language import _


def report_kinds() -> dict[str, str]:
    """The reports, each with its help, in the current language."""
    return {
        "coalition": _(
            "the coalition summary: status, each test of the rule, every union, charts, "
            "units not yet reported, open conflicts, declared outcomes"
        ),
        "union": _("a union's notice for the hall's board, unit by unit in large type"),
        "tally-sheets": _(
            "blank tally sheets for the tellers, one per unit (or part); every unit "
            "when none is named"
        ),
    }


def add_parsers(sub: Any) -> None:
    p = sub.add_parser(
        "report",
        help=_("print a report to PDF, or its tables to CSV"),
        description=_(
            "Print a report to PDF (Letter or A4; every page carries the vote, the "
            "as-of time, OFFICIAL/UNOFFICIAL/PRACTICE, page x of y and the state code), or "
            "write its tables as CSV for a spreadsheet (always in English: CSV is for "
            "programs and spreadsheets, docs/exports.md)."
        ),
    )
    p.set_defaults(handler=LazyHandler("steward_app.cli.report_run", "report"))
    kinds = p.add_subparsers(dest="report_kind", metavar="REPORT", parser_class=type(p))
    kinds.required = True
    for name, help_text in report_kinds().items():
        s = kinds.add_parser(name, help=help_text, description=help_text)
        if name == "union":
            s.add_argument("union", help=_("the union's id (see `steward-app units`)"))
        elif name == "tally-sheets":
            s.add_argument("units", nargs="*", metavar="UNIT", help=_("unit ids (default: all)"))
        out = s.add_mutually_exclusive_group(required=True)
        out.add_argument("--pdf", type=Path, metavar="OUT.pdf", help=_("write a PDF file"))
        csv_help = (
            _("write a CSV template in the import format (docs/counts-csv.md)")
            if name == "tally-sheets"
            else _("write the report's tables as CSV")
        )
        out.add_argument("--csv", type=Path, metavar="OUT.csv", help=csv_help)
        s.add_argument(
            "--page-size",
            type=str.lower,
            choices=("letter", "a4"),
            help=_("paper size (default: Letter in the US locale, else A4)"),
        )
        s.add_argument("--landscape", action="store_true", help=_("landscape pages"))
        # the same option as the global one (read before the parser is built,
        # cli/language_choice.py); SUPPRESS keeps the global value when it is not given here
        s.add_argument("--lang", metavar="CODE", default=argparse.SUPPRESS, help=lang_help())
