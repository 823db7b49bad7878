"""`steward-app report ...` (parsers in cli/report_commands.py): the printable reports,
headless. Imported when the command runs, with the standings and the report data it always
needs; Qt only when a PDF is written, the CSV writer only for --csv, and each report's own
module only for that report (docs/performance.md).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from steward_app.cli.context import EXIT_OK, Cli, keep_imports
from steward_app.domain.language import SOURCE_LANGUAGE, _, in_language, ngettext, number
from steward_app.reports.document import Document, NotInVote, ReportData
from steward_app.services.errors import Refused
from steward_app.services.overrides import list_overrides
from steward_app.services.standings_cache import load_standings
from steward_app.services.state_code import state_code  # not file exchange's cryptography


def report(cli: Cli) -> int:
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

    keep_imports()  # Qt's modules, as start-up's are
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
