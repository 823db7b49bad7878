"""`steward-app backup [FILE]` and `steward-app restore FILE`: copies of the database, and
putting one back (services.backups)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from steward_app.cli.guard import db_path

if TYPE_CHECKING:
    from steward_app.cli.main import Cli

EXIT_OK = 0


def add_parsers(sub: Any) -> None:
    s = sub.add_parser(
        "backup",
        help="save a consistent copy of the database (runs beside an open window)",
        description="Save a consistent copy of the database with SQLite's backup API. "
        "Without FILE, a new file in the backups folder beside the database, which the "
        "automatic rotation never deletes.",
    )
    s.add_argument("file", type=Path, nargs="?", help="where to save it (must not exist yet)")
    s = sub.add_parser(
        "restore",
        help="replace the database with a backup (the current one is backed up first)",
        description="Check FILE (a steward_app database of this version's schema or an "
        "older one, undamaged), back up the database as it is, then copy FILE into it.",
    )
    s.add_argument("file", type=Path, help="the backup to restore")


def run_command(cli: Cli) -> int | None:
    if cli.args.command not in ("backup", "restore"):
        return None
    from steward_app.services import backups  # only these two commands use it

    if cli.args.command == "backup":
        saved = backups.back_up(db_path(cli), cli.args.file)
        cli.say(f"Backed up {db_path(cli)} to {saved}")
        return EXIT_OK
    if cli.args.command == "restore":
        done = backups.restore(db_path(cli), cli.args.file)
        cli.say(
            f"Restored {done.source} ({done.entries:,} entries, schema {done.revision}) into "
            f"{db_path(cli)}."
        )
        if done.previous is not None:
            cli.say(f"The database as it was is saved in {done.previous}")
        cli.say(
            "Counts entered after that backup are not in it: import the latest tally files "
            "from the other PCs to get back what they hold."
        )
        return EXIT_OK
    return None
