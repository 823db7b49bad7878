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
from steward_app.cli import backup_commands, guard, language_choice, report_commands, sync_commands
from steward_app.cli.context import EXIT_OK, EXIT_REFUSED, EXIT_USAGE, Cli, Handler
from steward_app.cli.standings_text import render
from steward_app.domain.counts import WHOLE_UNIT, SlotKey
from steward_app.domain.declared import DeclaredOutcome
from steward_app.domain.entries import EntryType
from steward_app.domain.identity import fingerprint
from steward_app.domain.language import SOURCE_LANGUAGE, in_language
from steward_app.domain.setup_file import SetupError, parse_setup
from steward_app.services.declarations import AGREEMENT_PART, declare_outcome
from steward_app.services.errors import NoVote, Refused
from steward_app.services.locations import DB_ENV
from steward_app.services.overrides import signer_text
from steward_app.services.standings_cache import load_standings
from steward_app.services.standings_json import standings_json
from steward_app.services.state_code import state_code
from steward_app.store import entry_log, signers
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
        print(f"{self.prog}: usage error: {message}", file=sys.stderr)
        raise SystemExit(EXIT_USAGE)


def build_parser() -> argparse.ArgumentParser:
    p = _Parser(
        prog="steward-app",
        description="Tally a contract ratification vote across a coalition of unions. With no "
        "command, opens the window; with tally files instead of a command (steward-app [--db "
        "PATH] FILE.tally ...), opens the window and imports them.",
    )
    p.add_argument("--version", action="version", version=f"steward-app {__version__}")
    add_global_options(p)
    sub = p.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    s = sub.add_parser("init", help="create the vote from a setup file")
    s.add_argument("setup", type=Path, help="the coordinator's setup file (TOML)")
    s.add_argument(
        "--replace",
        action="store_true",
        help="replace the vote this database holds (a backup copy is made first)",
    )
    s.set_defaults(handler=_init)

    s = sub.add_parser("check-setup", help="check a setup file without touching any database")
    s.add_argument("setup", type=Path)
    s.set_defaults(handler=_check_setup)

    s = sub.add_parser("demo", help="load the built-in demo vote")
    s.add_argument("--replace", action="store_true", help="replace the vote this database holds")
    s.set_defaults(handler=_demo)

    for name, help_text in (
        ("count", "record a count for a unit (or one part of it)"),
        ("correct", "correct a count, with a reason"),
    ):
        s = sub.add_parser(name, help=help_text)
        s.add_argument("unit", help="the unit's id from the setup (see `steward-app units`)")
        s.add_argument("--yes", required=True, metavar="N")
        s.add_argument("--no", required=True, metavar="N")
        s.add_argument("--void", metavar="N", default="0")
        s.add_argument("--challenged", metavar="N", default="0")
        s.add_argument("--eligible", metavar="N", help="eligible members on the tally sheet")
        s.add_argument(
            "--part", default=WHOLE_UNIT, help="the site or session, for units that report by part"
        )
        s.add_argument("--question", help="the question (needed when the ballot has several)")
        s.add_argument("--final", action="store_true", help="the count is final, not provisional")
        s.add_argument(
            "--confirm-warnings", action="store_true", help="record it although the checks warn"
        )
        if name == "correct":
            s.add_argument("--reason", required=True, help="why the count is corrected")
        s.set_defaults(handler=_correct if name == "correct" else _count)

    s = sub.add_parser("import-counts", help="import counts from a CSV file (all or nothing)")
    s.add_argument("file", type=Path)
    s.add_argument("--confirm-warnings", action="store_true")
    s.add_argument(
        "--verbose", action="store_true", help="list every row's problem, not one line per check"
    )
    s.set_defaults(handler=_import_counts)

    s = sub.add_parser("standings", help="where every unit, union and the coalition stand")
    s.add_argument("--json", action="store_true", help="print JSON (docs/standings-json.md)")
    s.set_defaults(handler=_standings)

    s = sub.add_parser("history", help="every entry, correction and confirmation, with origin")
    s.add_argument("unit", nargs="?", help="only this unit")
    s.set_defaults(handler=_history)

    s = sub.add_parser(
        "declare", help="record the outcome the coalition, a union or an agreement declares"
    )
    s.add_argument(
        "outcome",
        help="approved, rejected, pending, abstained (a union), imposed, "
        '"ratified after review" or "not in effect" (an agreement)',
    )
    s.add_argument("--question", help="the question (needed when the ballot has several)")
    s.add_argument("--union", help="a union's declaration (default: the coalition's)")
    s.add_argument("--agreement", help="an agreement's declaration (instead of a question's)")
    s.add_argument("--note", default="", help="e.g. where and when it was announced")
    s.set_defaults(handler=_declare)

    s = sub.add_parser("units", help="list the unions and units with their ids")
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
        help=f"the database file (default: ${DB_ENV} or the "
        "per-user data folder); created if missing",
    )
    p.add_argument("--steward", help="who is entering (default: this PC's user name)")
    p.add_argument("--lang", metavar="CODE", help=language_choice.lang_help())
    p.add_argument("--pc", help="this PC's name (default: its host name)")
    p.add_argument(
        "--demo",
        action="store_true",
        help="open the window on a fresh practice copy of the demo vote (not with --db)",
    )
    p.add_argument(
        "--exit-after-paint",
        action="store_true",
        help="open the window, paint the first standings and exit (to time start-up; "
        "docs/performance.md)",
    )


def _init(cli: Cli) -> int:
    # with the signing identity (and cryptography) under it: commands that write only
    from steward_app.services.vote_setup import create_vote, init_notes

    text = _read_text(cli.args.setup)
    given = parse_setup(text)  # a setup with mistakes is refused before any database is touched
    vote, _, backup = create_vote(cli.store, text, cli.author, replace=cli.args.replace)
    if backup:
        cli.say(f"The previous vote was saved to {backup}")
    cli.say(
        f'Created "{vote.title}": {len(vote.unions)} unions, {len(vote.units)} units, '
        f"{len(vote.questions)} question(s), in {cli.store.path}"
    )
    for line in init_notes(given, vote, cli.author):
        cli.say(line)
    return EXIT_OK


def _check_setup(cli: Cli) -> int:
    vote = parse_setup(_read_text(cli.args.setup))
    cli.say(
        f'The setup is usable: "{vote.title}", {len(vote.unions)} unions, {len(vote.units)} units.'
    )
    return EXIT_OK


def _demo(cli: Cli) -> int:
    from steward_app.services.vote_setup import load_demo

    vote, _ = load_demo(cli.store, cli.author, replace=cli.args.replace)
    cli.say(f'Loaded the demo vote "{vote.title}" into {cli.store.path}')
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
        cli.say(f"confirmed {w}")
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
        raise Refused(f"cannot read {cli.args.file}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise Refused(f"{cli.args.file} is not UTF-8 text; save it as CSV UTF-8") from exc
    cli.say(
        f"Imported from {cli.args.file}: {r.recorded} new, {r.confirmed} confirming, "
        f"{r.conflicts} conflicting, {r.corrected} corrected, {r.already} already "
        "recorded"
    )
    if r.not_filled:
        cli.say(f"Skipped {len(r.not_filled)} row(s) not filled: rows {spans(list(r.not_filled))}")
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


def _history(cli: Cli) -> int:
    with cli.store.reading() as conn:
        vote = cli.store.vote(conn)
        if vote is None:
            raise NoVote()
        if cli.args.unit and cli.args.unit not in vote.unit_by_id:
            raise Refused(f'there is no unit "{cli.args.unit}"; see `steward-app units`')
        items = entry_log.history(conn, cli.args.unit)
        authority = cli.store.authority(conn)
        coordinator = authority.coordinator if authority else None
        named = {i.entry.id: i.entry for i in items}
        wanted = {t for i in items for t in i.entry.supersedes if t not in named}
        signed = {**signers.origins_of(conn, wanted), **{i: e.origin for i, e in named.items()}}
    undo = EntryType.COUNT_RETRACTED
    undone = {t: i.entry.id for i in items if i.entry.type is undo for t in i.entry.supersedes}
    for item in items:
        e = item.entry
        state = "current" if item.current else f"superseded by {item.superseded_by[0][:8]}"
        if e.id in undone:
            state = f"undone by {undone[e.id][:8]}"
        where = e.key.unit + (f"/{e.key.part}" if e.key.part else "")
        if e.type is EntryType.SETUP:
            what = "setup recorded"
        elif e.type is undo:
            what = f"{e.type.value} {where} ({e.key.question}): an undo"
        elif e.type is EntryType.OUTCOME_DECLARED:
            what = f"declared {e.body['outcome']} ({e.key.question}, {where or 'coalition'})"
            if e.key.part == AGREEMENT_PART:
                what = f"declared {e.body['outcome']} (agreement {e.key.question})"
        else:
            v = e.values
            what = (
                f"{e.type.value} {where} ({e.key.question}): {v.yes} yes {v.no} no "
                f"{v.void} void {v.challenged} challenged"
                + (f" eligible {v.eligible}" if v.eligible is not None else "")
                + (" FINAL" if v.final else " provisional")
            )
        by = signer_text(vote, coordinator, e.steward, e.pc, e.origin)
        line = f"{e.recorded_at}  {e.id[:8]}  {what}  by {by}  [{state}]"
        if e.supersedes:
            verb = "undoes" if e.type is undo else "replaces"
            line += f"  {verb} {', '.join(s[:8] for s in e.supersedes)}"
            others = sorted({signed[t] for t in e.supersedes if t in signed} - {e.origin})
            if others and e.type is not undo:
                theirs = named.get(e.supersedes[0])
                whose = f"{theirs.steward} on {theirs.pc}, " if theirs else ""
                line += (
                    f"  OVERRIDE: {e.steward} ({fingerprint(e.origin)}) replaced the count of "
                    f"{whose}key {', '.join(fingerprint(o) for o in others)}"
                )
        if e.reason:
            line += f"  reason: {e.reason}"
        cli.say(line)
    if not items:
        cli.say("No entries yet.")
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
    cli.say(f"Recorded the declared outcome: {DeclaredOutcome.parse(a.outcome).value}")
    return EXIT_OK


def _units(cli: Cli) -> int:
    vote = cli.store.vote()
    if vote is None:
        raise NoVote()
    for union in vote.unions:
        cli.say(
            f"{union.id}  {union.name}  ({union.membership:,} members; {union.rule.describe()})"
        )
        for uid in union.unit_ids + union.subgroup_ids:
            unit = vote.unit_by_id[uid]
            parts = f"  parts: {', '.join(unit.parts)}" if unit.parts else ""
            sub = ""
            if unit.subgroup_of:
                sub = f"  sub-group of {unit.subgroup_of}" + (
                    " (advisory)" if unit.advisory else " (veto)"
                )
            cli.say(f"    {uid}  {unit.name}  {unit.eligible:,} eligible{parts}{sub}")
    return EXIT_OK


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise Refused(f"there is no file {path}") from exc
    except OSError as exc:
        raise Refused(f"cannot read {path}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise Refused(f"{path} is not UTF-8 text; save it as UTF-8") from exc


def run(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    """Run one command; returns the exit status (used by tests and the entry point)."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        language_choice.choose(sys.argv[1:] if argv is None else argv)
    except ValueError as exc:
        print(f"steward-app: usage error: {exc}", file=err)
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
            f"steward-app: the setup file {getattr(args, 'setup', '')} has "
            f"{len(exc.problems)} problem(s); nothing was changed:",
            file=err,
        )
        for problem in exc.problems:
            print(f"  {problem}", file=err)
        return EXIT_REFUSED
    except Refused as exc:
        print(f"steward-app: {exc}", file=err)
        if exc.needs_confirmation:
            print(
                "steward-app: check the numbers; add --confirm-warnings to record them anyway",
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
