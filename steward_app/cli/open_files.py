"""`steward-app [--db PATH] FILE.tally [FILE.tally ...]`: open the window and import tally files,
as a double-click on a .tally file does (the Windows installer's file type, the Linux menu
entry's MimeType).

Tally files stand where a command would: the arguments are read here first, with the options
that come before a command, and only when the first word that is not an option ends in
`.tally` are they files to open. Everything else (a command, `--help`, the window alone) goes
to the command line's parser untouched, so no command changes meaning. A command's name never
ends in `.tally`.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from steward_app.cli.context import EXIT_USAGE
from steward_app.cli.main import add_global_options
from steward_app.domain.language import _

TALLY_SUFFIX = ".tally"
USAGE = "steward-app [--db PATH] [--steward NAME] [--pc NAME] FILE.tally [FILE.tally ...]"


@dataclass(frozen=True)
class Opening:
    """The window's options (a namespace like the command line's, with no command) and the
    tally files to import, each an absolute path to an existing file."""

    args: argparse.Namespace
    files: list[Path]


class _NotFiles(Exception):
    """The arguments are not tally files to open: the command line's parser reads them."""


class _WindowParser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _NotFiles(message)


def files_to_open(argv: Sequence[str]) -> Opening | None:
    """The tally files to open and the window's options, or None when `argv` is not
    tally files (a command, or none). Files that are missing, or other words among them,
    are a usage error (exit 2) that opens nothing."""
    parser = _WindowParser(prog="steward-app", add_help=False, allow_abbrev=False)
    add_global_options(parser)
    parser.add_argument("words", nargs="*")
    try:
        args, unknown = parser.parse_known_intermixed_args(list(argv))
    except _NotFiles:
        return None  # e.g. an option missing its value: the command line says so
    words: list[str] = args.words
    if not words or not is_tally_name(words[0]):
        return None
    others = [w for w in [*words, *unknown] if not is_tally_name(w)]
    if others:
        _usage_error(
            f"{others[0]!r} cannot follow a tally file: give only tally files to open them "
            f"({USAGE}), or a command first (steward-app --help lists them)"
        )
    missing = [w for w in words if not Path(w).is_file()]
    if missing:
        _usage_error(
            f"there is no file {missing[0]!r}: check its name and folder; nothing was opened"
        )
    del args.words
    args.command = None
    return Opening(args, [Path(w).resolve() for w in words])


def is_tally_name(word: str) -> bool:
    return word.lower().endswith(TALLY_SUFFIX) and not word.startswith("-")


def _usage_error(message: str) -> None:
    print(_("usage: ") + USAGE, file=sys.stderr)
    print("steward-app: " + _("usage error: {message}").format(message=message), file=sys.stderr)
    raise SystemExit(EXIT_USAGE)
