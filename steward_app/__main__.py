"""Entry point: with a command, the headless command line; without one, the window."""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    from steward_app.cli.main import build_parser, run

    parsed, _ = build_parser().parse_known_args(args)
    if parsed.command is not None or "-h" in args or "--help" in args or "--version" in args:
        return run(args)
    from steward_app.ui.app import run_window

    return run_window(parsed)


if __name__ == "__main__":
    sys.exit(main())
