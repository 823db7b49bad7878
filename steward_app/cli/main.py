"""The command line: `steward-app [--db PATH] COMMAND ...`, calling the same services as the window.

Exit status: 0 success, 2 usage error, 1 input refused (the message on stderr; nothing changed).
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from steward_app import __version__
from steward_app.cli import (
    backup_commands,
    language_choice,
    report_commands,
    sync_commands,
)
from steward_app.cli.context import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    Cli,
    Handler,
    LazyHandler,
    keep_imports,
)
from steward_app.domain.language import _, ngettext
from steward_app.domain.reserved import WHOLE_UNIT
from steward_app.services.errors import Refused
from steward_app.services.locations import DB_ENV
from steward_app.store.errors import StoreError

# The parsers name their handlers; the modules with the handlers and what they use are imported
# when their command runs (cli.context.LazyHandler): every command and the window's start build
# these parsers, and the window needs none of the commands' modules.


def _vote_command(name: str) -> LazyHandler:
    return LazyHandler("steward_app.cli.vote_commands", name.replace("-", "_"))


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
    s.set_defaults(handler=_vote_command("init"))

    s = sub.add_parser("check-setup", help=_("check a setup file without touching any database"))
    s.add_argument("setup", type=Path)
    s.set_defaults(handler=_vote_command("check_setup"))

    s = sub.add_parser("demo", help=_("load the built-in demo vote"))
    s.add_argument("--replace", action="store_true", help=_("replace the vote this database holds"))
    s.set_defaults(handler=_vote_command("demo"))

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
        s.set_defaults(handler=_vote_command(name))

    s = sub.add_parser("import-counts", help=_("import counts from a CSV file (all or nothing)"))
    s.add_argument("file", type=Path)
    s.add_argument("--confirm-warnings", action="store_true")
    s.add_argument(
        "--verbose", action="store_true", help=_("list every row's problem, not one line per check")
    )
    s.set_defaults(handler=_vote_command("import_counts"))

    s = sub.add_parser("standings", help=_("where every unit, union and the coalition stand"))
    s.add_argument("--json", action="store_true", help=_("print JSON (docs/standings-json.md)"))
    s.set_defaults(handler=_vote_command("standings"))

    s = sub.add_parser("history", help=_("every entry, correction and confirmation, with origin"))
    s.add_argument("unit", nargs="?", help=_("only this unit"))
    s.set_defaults(handler=LazyHandler("steward_app.cli.history_command", "history"))

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
    s.set_defaults(handler=_vote_command("declare"))

    s = sub.add_parser("units", help=_("list the unions and units with their ids"))
    s.set_defaults(handler=_vote_command("units"))
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


def collect_from_here() -> None:
    """Turn the garbage collector back on (the entry point starts with it off), leaving out
    every object start-up made (cli.context.keep_imports). A command may then run long over
    many objects: they are collected as usual."""
    if not gc.isenabled():
        keep_imports()
        gc.enable()


def run(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
    *,
    parser: argparse.ArgumentParser | None = None,
) -> int:
    """Run one command; returns the exit status (used by tests and the entry point).
    `parser`: the one build_parser() made already, if any."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        language_choice.choose(sys.argv[1:] if argv is None else argv)
    except ValueError as exc:
        print("steward-app: " + _("usage error: {message}").format(message=exc), file=err)
        return EXIT_USAGE
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = (parser or build_parser()).parse_args(argv)
    except SystemExit as exc:
        return int(exc.code) if isinstance(exc.code, int) else EXIT_USAGE
    if args.command is None:
        return EXIT_USAGE
    from steward_app.cli import guard
    from steward_app.domain.setup_file import SetupError

    named: Handler | LazyHandler = args.handler
    # a handler named by module: its module, and what it uses, imported here
    handler = named.resolve() if isinstance(named, LazyHandler) else named
    collect_from_here()
    cli = Cli(args, out, err)
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
