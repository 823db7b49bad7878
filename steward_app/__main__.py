"""Entry point: with a command, the headless command line; without one, the window; with tally
files instead of a command, the window importing them (steward_app.cli.open_files)."""

from __future__ import annotations

import contextlib
import gc
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    gc.disable()  # start-up: on again in ui/start_up.py (window), cli.main.collect_from_here
    from steward_app.cli import language_choice
    from steward_app.cli.main import build_parser, run

    with contextlib.suppress(ValueError):  # an unknown --lang: run() says so
        language_choice.choose(args)  # before any parser is built, so --help is in it too
    from steward_app.cli.open_files import files_to_open

    opening = files_to_open(args)  # `steward-app [--db PATH] FILE.tally ...`, else None
    parser = None
    if opening is not None:
        parsed = opening.args
    else:
        parser = build_parser()  # built once: run() parses the command with it again
        parsed = parser.parse_known_args(args)[0]
    from steward_app.services.logs import log_start, setup_logging

    setup_logging()  # the user's log folder (services.logs); never ballot numbers
    mode = f"window, importing {len(opening.files)} tally file(s)" if opening else "window"
    log_start(parsed.command or mode, parsed.db)
    if opening is None and (
        parsed.command is not None or "-h" in args or "--help" in args or "--version" in args
    ):
        from steward_app.cli.console import utf8_output

        utf8_output()  # a file or a pipe gets UTF-8, never the ANSI code page (Windows)
        try:
            status = run(args, parser=parser)
            sys.stdout.flush()  # a closed pipe shows here, not later at exit
            return status
        except BrokenPipeError:
            return _output_closed()
    from steward_app.ui.app import run_window

    return run_window(parsed, opening.files if opening else ())


EXIT_OUTPUT_CLOSED = 141  # as a command stopped by SIGPIPE: the reader (`| head -1`) left


def _output_closed() -> int:
    """The reader of the output went away: end quietly, as Python's documentation advises
    (what is left to print goes nowhere, so the exit flush raises nothing again)."""
    import logging
    import os

    logging.getLogger(__name__).info("the output was closed by its reader; stopped quietly")
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return EXIT_OUTPUT_CLOSED


if __name__ == "__main__":
    sys.exit(main())
