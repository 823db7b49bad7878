"""`steward-app report coalition|union UNION|tally-sheets [UNIT...] (--pdf OUT.pdf | --csv
OUT.csv) [--page-size letter|a4] [--landscape]`: the printable reports, headless.

Qt is imported only when a PDF is written, so the other commands never load it.
"""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from steward_app.cli.context import EXIT_OK, Cli
from steward_app.cli.language_choice import lang_help
from steward_app.domain.language import SOURCE_LANGUAGE, _, in_language, ngettext, number
from steward_app.services.errors import Refused

if TYPE_CHECKING:
    from steward_app.reports.document import Document, ReportData


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
    p.set_defaults(handler=_report)
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


def _report(cli: Cli) -> int:
    from steward_app.reports.document import NotInVote

    args = cli.args
    if args.csv is not None:
        from steward_app.reports.csv_export import write_report_csv, write_tally_template_csv

        # CSV is for spreadsheets and programs: locale-free and in English (docs/exports.md)
        with in_language(SOURCE_LANGUAGE):
            data = _report_data(cli)
            try:
                if args.report_kind == "tally-sheets":
                    with _open_csv(args.csv) as f:
                        write_tally_template_csv(data.standings.vote, args.units, f)
                    said = _("Wrote a tally-sheet template to {path}").format(path=args.csv)
                else:
                    document = _document(data, args.report_kind, args)
                    with _open_csv(args.csv) as f:
                        write_report_csv(document, f)
                    title = document.header.report_title
            except NotInVote as exc:
                raise Refused(str(exc)) from exc
        if args.report_kind == "tally-sheets":
            cli.say(said)
        else:
            cli.say(
                _("Wrote the tables of the {report} to {path} ({label} {code})").format(
                    report=title,
                    path=args.csv,
                    label=_(data.fingerprint_label),
                    code=data.fingerprint,
                )
            )
        return EXIT_OK
    data = _report_data(cli)
    try:
        document = _document(data, args.report_kind, args)
    except NotInVote as exc:
        raise Refused(str(exc)) from exc
    pages = _write_pdf(args.pdf, document, args.page_size, args.landscape)
    cli.say(
        ngettext(
            "Wrote {report} to {path}: {pages} page, {stamp}, {label} {code}",
            "Wrote {report} to {path}: {pages} pages, {stamp}, {label} {code}",
            pages,
        ).format(
            report=document.header.report_title,
            path=args.pdf,
            pages=number(pages),
            stamp=document.header.stamp,
            label=document.header.fingerprint_label,
            code=data.fingerprint,
        )
    )
    return EXIT_OK


def _report_data(cli: Cli) -> ReportData:
    from steward_app.reports.document import ReportData
    from steward_app.services.overrides import list_overrides
    from steward_app.services.standings_cache import load_standings
    from steward_app.services.state_code import state_code  # not file exchange's cryptography

    store = cli.store
    standings, declared = load_standings(store)  # raises NoVote without a vote
    now = dt.datetime.now().astimezone()
    return ReportData(
        standings,
        declared,
        now,
        state_code(store).code,
        overrides=list_overrides(store),
    )


def _document(data: ReportData, kind: str, args: Any) -> Document:
    # each report's module only (a PDF's time is mostly start-up: docs/performance.md)
    if kind == "coalition":
        from steward_app.reports.summary import coalition_summary

        return coalition_summary(data)
    if kind == "union":
        from steward_app.reports.notice import union_notice

        return union_notice(data, args.union)
    from steward_app.reports.tally_sheet import tally_sheets

    return tally_sheets(data, args.units)


def _open_csv(path: Path) -> Any:
    try:
        return path.open("w", encoding="utf-8", newline="")
    except OSError as exc:
        raise Refused(_("cannot write {path}: {why}").format(path=path, why=exc.strerror)) from exc


def _write_pdf(path: Path, document: Document, page_size: str | None, landscape: bool) -> int:
    from steward_app.reports.fonts import FontMissing
    from steward_app.reports.printing import default_page_size, ensure_gui_application, write_pdf
    from steward_app.reports.renderer import RenderError

    try:
        with path.open("ab"):
            pass  # a clear message now rather than a refusal from Qt later
    except OSError as exc:
        raise Refused(_("cannot write {path}: {why}").format(path=path, why=exc.strerror)) from exc
    ensure_gui_application()
    try:
        return write_pdf(path, document, page_size or default_page_size(), landscape)
    except RenderError as exc:
        raise Refused(_("cannot write {path}: {why}").format(path=path, why=exc)) from exc
    except FontMissing as exc:
        raise Refused(str(exc)) from exc
