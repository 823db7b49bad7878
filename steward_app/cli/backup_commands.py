"""`steward-app backup [FILE]` and `steward-app restore FILE`: copies of the database, and
putting one back (services.backups)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from steward_app.cli.context import EXIT_OK, Cli
from steward_app.domain.language import _, number


def add_parsers(sub: Any) -> None:
    s = sub.add_parser(
        "backup",
        help=_("save a consistent copy of the database (runs beside an open window)"),
        description=_(
            "Save a consistent copy of the database with SQLite's backup API. "
            "Without FILE, a new file in the backups folder beside the database, which the "
            "automatic rotation never deletes."
        ),
    )
    s.add_argument("file", type=Path, nargs="?", help=_("where to save it (must not exist yet)"))
    s.set_defaults(handler=_backup)
    s = sub.add_parser(
        "restore",
        help=_("replace the database with a backup (the current one is backed up first)"),
        description=_(
            "Check FILE (a steward_app database of this version's schema or an "
            "older one, undamaged), back up the database as it is, then copy FILE into it."
        ),
    )
    s.add_argument("file", type=Path, help=_("the backup to restore"))
    s.set_defaults(handler=_restore)


def _backup(cli: Cli) -> int:
    from steward_app.services import backups  # only these two commands use it

    saved = backups.back_up(cli.db_path, cli.args.file)
    cli.say(_("Backed up {database} to {file}").format(database=cli.db_path, file=saved))
    return EXIT_OK


def _restore(cli: Cli) -> int:
    from steward_app.services import backups

    done = backups.restore(cli.db_path, cli.args.file)
    cli.say(
        _("Restored {file} ({entries} entries, schema {schema}) into {database}.").format(
            file=done.source,
            entries=number(done.entries),
            schema=done.revision,
            database=cli.db_path,
        )
    )
    if done.previous is not None:
        cli.say(_("The database as it was is saved in {file}").format(file=done.previous))
    cli.say(
        _(
            "Counts entered after that backup are not in it: import the latest tally files "
            "from the other PCs to get back what they hold."
        )
    )
    return EXIT_OK
