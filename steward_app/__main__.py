"""Entry point: with a command, the headless command line; without one, the window."""

from __future__ import annotations

import gc
import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    gc.disable()  # start-up: see steward_app/ui/start_up.py; the window switches it back on
    from steward_app.cli.main import build_parser, run

    parsed, _ = build_parser().parse_known_args(args)
    from steward_app.services.logs import log_start, setup_logging

    setup_logging()  # the user's log folder (services.logs); never ballot numbers
    log_start(parsed.command or "window", parsed.db)
    if parsed.command is not None or "-h" in args or "--help" in args or "--version" in args:
        gc.enable()  # a command may run long over many objects: collect as usual
        return run(args)
    from steward_app.ui.app import run_window

    return run_window(parsed)


if __name__ == "__main__":
    sys.exit(main())
