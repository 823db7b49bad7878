"""The command line: `steward-app [--db PATH] COMMAND ...`, calling the same services as the window.

Exit status: 0 success, 2 usage error, 1 input refused (the message on stderr; nothing changed).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from steward_app import __version__
from steward_app.cli import (
    backup_commands,
    guard,
    history_command,
    language_choice,
    report_commands,
    sync_commands,
)
from steward_app.cli.context import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, Cli, Handler
from steward_app.cli.standings_text import render
from steward_app.domain.counts import WHOLE_UNIT, SlotKey
from steward_app.domain.declared import DeclaredOutcome
from steward_app.domain.language import SOURCE_LANGUAGE, _, in_language, ngettext, number
from steward_app.domain.setup_file import SetupError, parse_setup
from steward_app.services.declarations import declare_outcome
from steward_app.services.errors import NoVote, Refused
from steward_app.services.locations import DB_ENV
from steward_app.services.standings_cache import load_standings
from steward_app.services.standings_json import standings_json
from steward_app.services.state_code import state_code
from steward_app.store.errors import StoreError

# the exit statuses, and the context commands are run with, as the tests and callers know them
__all__ = [
    "EXIT_OK",
    "EXIT_REFUSED",
    "EXIT_USAGE",
    "Cli",
    "add_global_options",
    "build_parser",
    "run",
]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        print(
            _("{prog}: usage error: {message}").format(prog=self.prog, message=message),
            file=sys.stderr,
        )
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="steward-app",
        description=_(
            "Tally a contract ratification vote across a coalition of unions. With no command, "
            "opens the window; with tally files instead of a command (steward-app [--db PATH] "
            "FILE.tally ...), opens the window and imports them."
        ),
    )
    p.add_argument("--version", action="version", version=f"steward-app {__version__}")
    add_global_options(p)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    s = sub.add_parser("init", help=_("create the vote from a setup file"))
    s.add_argument("setup", type=Path, help=_("the coordinator's setup file (TOML)"))
    s.add_argument(
        "--replace",
        action="store_true",
        help=_("replace the vote this database holds (a backup copy is made first)"),
    )
    s.set_defaults(handler=_init)

    s = sub.add_parser("check-setup", help=_("check a setup file without touching any database"))
    s.add_argument("setup", type=Path)
    s.set_defaults(handler=_check_setup)

    s = sub.add_parser("demo", help=_("load the built-in demo vote"))
    s.add_argument("--replace", action="store_true", help=_("replace the vote this database holds"))
    s.set_defaults(handler=_demo)

    for name, help_text in (
        ("count", "record a count for a unit (or one part of it)"),
        ("correct", "correct a count, with a reason"),
    ):
        s = sub.add_parser(name, help=help_text)
        s.add_argument("unit", help=_("the unit's id from the setup (see `steward-app units`)"))
        s.add_argument("--yes", required=True, metavar="N")
        s.add_argument("--no", required=True, metavar="N")
        s.add_argument("--void", metavar="N", default="0")
        s.add_argument("--challenged", metavar="N", default="0")
        s.add_argument("--eligible", metavar="N", help=_("eligible members on the tally sheet"))
        s.add_argument(
            "--part",
            default=WHOLE_UNIT,
            help=_("the site or session, for units that report by part"),
        )
        s.add_argument("--question", help=_("the question (needed when the ballot has several)"))
        s.add_argument(
            "--final", action="store_true", help=_("the count is final, not provisional")
        )
        s.add_argument(
            "--confirm-warnings", action="store_true", help=_("record it although the checks warn")
        )
        if name == "correct":
            s.add_argument("--reason", required=True, help=_("why the count is corrected"))
        s.set_defaults(handler=_correct if name == "correct" else _count)

    s = sub.add_parser("import-counts", help=_("import counts from a CSV file (all or nothing)"))
    s.add_argument("file", type=Path)
    s.add_argument("--confirm-warnings", action="store_true")
    s.add_argument(
        "--verbose", action="store_true", help=_("list every row's problem, not one line per check")
    )
    s.set_defaults(handler=_import_counts)

    s = sub.add_parser("standings", help=_("where every unit, union and the coalition stand"))
    s.add_argument("--json", action="store_true", help=_("print JSON (docs/standings-json.md)"))
    s.set_defaults(handler=_standings)

    s = sub.add_parser("history", help=_("every entry, correction and confirmation, with origin"))
    s.add_argument("unit", nargs="?", help=_("only this unit"))
    s.set_defaults(handler=history_command.history)

    s = sub.add_parser(
        "declare", help=_("record the outcome the coalition, a union or an agreement declares")
    )
    s.add_argument(
        "outcome",
        help=_(
            'approved, rejected, pending, abstained (a union), imposed, "ratified after review" '
            'or "not in effect" (an agreement)'
        ),
    )
    s.add_argument("--question", help=_("the question (needed when the ballot has several)"))
    s.add_argument("--union", help=_("a union's declaration (default: the coalition's)"))
    s.add_argument("--agreement", help=_("an agreement's declaration (instead of a question's)"))
    s.add_argument("--note", default="", help=_("e.g. where and when it was announced"))
    s.set_defaults(handler=_declare)

    s = sub.add_parser("units", help=_("list the unions and units with their ids"))
    s.set_defaults(handler=_units)
    # the commands of other modules, in the order shown in --help
    report_commands.add_parsers(sub)
    sync_commands.add_parsers(sub)
    backup_commands.add_parsers(sub)
    return p


def add_global_options(p: argparse.ArgumentParser) -> None:
    """The options before the command, shared with the window's own arguments (cli.open_files)."""
    p.add_argument(
        "--db",
        type=Path,
        help=_(
            "the database file (default: ${db_env} or the per-user data folder); created if missing"
        ).format(db_env=DB_ENV),
    )
    p.add_argument("--steward", help=_("who is entering (default: this PC's user name)"))
    p.add_argument("--lang", metavar="CODE", help=language_choice.lang_help())
    p.add_argument("--pc", help=_("this PC's name (default: its host name)"))
    p.add_argument(
        "--demo",
        action="store_true",
        help=_("open the window on a fresh practice copy of the demo vote (not with --db)"),
    )
    p.add_argument(
        "--exit-after-paint",
        action="store_true",
        help=_(
            "open the window, paint the first standings and exit (to time start-up; "
            "docs/performance.md)"
        ),
    )


def _init(cli: Cli) -> int:
    # with the signing identity (and cryptography) under it: commands that write only
    from steward_app.services.vote_setup import create_vote, init_notes

    text = _read_text(cli.args.setup)
    given = parse_setup(text)  # a setup with mistakes is refused before any database is touched
    vote, _changes, backup = create_vote(cli.store, text, cli.author, replace=cli.args.replace)
    if backup:
        cli.say(_("The previous vote was saved to {backup}").format(backup=backup))
    cli.say(
        _(
            'Created "{title}": {unions} unions, {units} units, {questions} question(s), in {path}'
        ).format(
            title=vote.title,
            unions=len(vote.unions),
            units=len(vote.units),
            questions=len(vote.questions),
            path=cli.store.path,
        )
    )
    for line in init_notes(given, vote, cli.author):
        cli.say(line)
    return EXIT_OK


def _check_setup(cli: Cli) -> int:
    vote = parse_setup(_read_text(cli.args.setup))
    cli.say(
        _('The setup is usable: "{title}", {unions} unions, {units} units.').format(
            title=vote.title, unions=len(vote.unions), units=len(vote.units)
        )
    )
    return EXIT_OK


def _demo(cli: Cli) -> int:
    from steward_app.services.vote_setup import load_demo

    vote, _changes = load_demo(cli.store, cli.author, replace=cli.args.replace)
    cli.say(
        _('Loaded the demo vote "{title}" into {path}').format(
            title=vote.title, path=cli.store.path
        )
    )
    return EXIT_OK


def _count(cli: Cli) -> int:
    return _record(cli, correct=False)


def _correct(cli: Cli) -> int:
    return _record(cli, correct=True)


def _record(cli: Cli, correct: bool) -> int:
    a = cli.args
    slot = SlotKey(cli.question_id(a.question), a.unit, a.part)
    numbers = {
        "yes": a.yes,
        "no": a.no,
        "void": a.void,
        "challenged": a.challenged,
        "eligible": a.eligible,
    }
    from steward_app.services.counting import record_count  # commands that write only

    result = record_count(
        cli.store,
        cli.author,
        slot,
        numbers,
        final=a.final,
        correct=correct,
        reason=getattr(a, "reason", None),
        confirm_warnings=a.confirm_warnings,
    )
    for w in result.confirmed_warnings:
        cli.say(_("confirmed {w}").format(w=w))
    cli.say_recorded(slot, result.note, result.status)
    return EXIT_OK


def _import_counts(cli: Cli) -> int:
    from steward_app.cli import import_summary as summary
    from steward_app.services.counting import RowsRefused, import_counts
    from steward_app.services.counts_csv import spans

    try:
        with cli.args.file.open(encoding="utf-8-sig", newline="") as f:
            r = import_counts(cli.store, cli.author, f, confirm_warnings=cli.args.confirm_warnings)
    except RowsRefused as exc:  # a line per check, unless --verbose
        raise summary.summarised(exc, cli.args.verbose) from exc
    except OSError as exc:
        raise Refused(
            _("cannot read {file}: {strerror}").format(file=cli.args.file, strerror=exc.strerror)
        ) from exc
    except UnicodeDecodeError as exc:
        raise Refused(
            _("{file} is not UTF-8 text; save it as CSV UTF-8").format(file=cli.args.file)
        ) from exc
    cli.say(
        _(
            "Imported from {file}: {recorded} new, {confirmed} confirming, {conflicts} "
            "conflicting, {corrected} corrected, {already} already recorded"
        ).format(
            file=cli.args.file,
            recorded=r.recorded,
            confirmed=r.confirmed,
            conflicts=r.conflicts,
            corrected=r.corrected,
            already=r.already,
        )
    )
    if r.not_filled:
        cli.say(
            ngettext(
                "Skipped {count} row not filled: row {rows}",
                "Skipped {count} rows not filled: rows {rows}",
                len(r.not_filled),
            ).format(count=len(r.not_filled), rows=spans(list(r.not_filled)))
        )
    for line in summary.confirmed_lines(r.warnings, r.warning_units, cli.args.verbose):
        cli.say(line)
    return EXIT_OK


def _standings(cli: Cli) -> int:
    if cli.args.json:
        # JSON is for programs: locale-free, its sentences in English whatever --lang says
        with in_language(SOURCE_LANGUAGE):
            standings, declared = load_standings(cli.store)
            code = state_code(cli.store).code  # what `state` prints, and the reports
            # compact, one line: json's C encoder (indent= takes its pure-Python one, 5x the
            # time on a 10,000-unit vote); docs/standings-json.md
            data = standings_json(standings, declared, code)
        cli.say(json.dumps(data, separators=(",", ":")))
    else:
        standings, declared = load_standings(cli.store)
        cli.out.write(render(standings, declared))
    return EXIT_OK


def _declare(cli: Cli) -> int:
    a = cli.args
    question = "" if a.agreement else cli.question_id(a.question)
    declare_outcome(
        cli.store,
        cli.author,
        question,
        a.outcome,
        union_id=a.union,
        agreement_id=a.agreement,
        note=a.note,
    )
    cli.say(
        _("Recorded the declared outcome: {value}").format(
            value=DeclaredOutcome.parse(a.outcome).value
        )
    )
    return EXIT_OK


def _units(cli: Cli) -> int:
    vote = cli.store.vote()
    if vote is None:
        raise NoVote()
    for union in vote.unions:
        cli.say(
            _("{id}  {name}  ({membership} members; {rule})").format(
                id=union.id,
                name=union.name,
                membership=number(union.membership),
                rule=union.rule.describe(),
            )
        )
        for uid in union.unit_ids + union.subgroup_ids:
            unit = vote.unit_by_id[uid]
            parts = ""
            if unit.parts:
                parts = "  " + _("parts: {parts}").format(parts=", ".join(unit.parts))
            sub = ""
            if unit.subgroup_of:
                kind = (
                    _("sub-group of {unit} (advisory)")
                    if unit.advisory
                    else _("sub-group of {unit} (veto)")
                )
                sub = "  " + kind.format(unit=unit.subgroup_of)
            cli.say(
                _("    {uid}  {name}  {eligible} eligible{parts}{sub}").format(
                    uid=uid, name=unit.name, eligible=number(unit.eligible), parts=parts, sub=sub
                )
            )
    return EXIT_OK


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise Refused(_("there is no file {path}").format(path=path)) from exc
    except OSError as exc:
        raise Refused(
            _("cannot read {path}: {strerror}").format(path=path, strerror=exc.strerror)
        ) from exc
    except UnicodeDecodeError as exc:
        raise Refused(_("{path} is not UTF-8 text; save it as UTF-8").format(path=path)) from exc


def run(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run one command; returns the exit status (used by tests and the entry point)."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        language_choice.choose(sys.argv[1:] if argv is None else argv)
    except ValueError as exc:
        print("steward-app: " + _("usage error: {message}").format(message=exc), file=err)
        return EXIT_USAGE
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = build_parser().parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        return EXIT_USAGE
    cli = Cli(args, out, err)
    handler: Handler = args.handler
    try:
        # the lock for commands that write, the day's backup, the log
        with guard.command(args.command, cli.db_path, err):
            return handler(cli)
    except SetupError as exc:
        print(
            "steward-app: "
            + ngettext(
                "the setup file {file} has {count} problem; nothing was changed:",
                "the setup file {file} has {count} problems; nothing was changed:",
                len(exc.problems),
            ).format(file=getattr(args, "setup", ""), count=len(exc.problems)),
            file=err,
        )
        for problem in exc.problems:
            print(f"  {problem}", file=err)
        return EXIT_REFUSED
    except Refused as exc:
        print(f"steward-app: {exc}", file=err)
        if exc.needs_confirmation:
            print(
                "steward-app: "
                + _("check the numbers; add --confirm-warnings to record them anyway"),
                file=err,
            )
        return EXIT_REFUSED
    except StoreError as exc:
        print(f"steward-app: {exc}", file=err)
        return EXIT_REFUSED
    except ValueError as exc:  # e.g. an empty --steward
        print(f"steward-app: {exc}", file=err)
        return EXIT_USAGE
    finally:
        cli.close()
