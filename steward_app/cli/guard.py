"""Around every command: the database's lock for commands that write, the day's backup, and
the log (the command's name and outcome, never its numbers)."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator
from pathlib import Path
from typing import TextIO

from steward_app.domain.language import _
from steward_app.services.errors import Refused
from steward_app.store.errors import StoreError
from steward_app.store.lock import held_for_command

log = logging.getLogger(__name__)

# commands that only read the database: they run beside an open window. Every other command
# writes (or may), so it waits for the database's lock and is refused while a window has it.
READ_ONLY_COMMANDS = frozenset(
    {
        "check-setup",
        "units",
        "standings",
        "history",
        "report",
        "state",
        "conflicts",
        "held",
        "imports",
        "backup",
    }
)


def reads_only(command: str, path: Path) -> bool:
    """Whether `command` opens the database at `path` read-only: a reading command on a
    database that exists (store.database.open_read_only: no lock, no migration, nothing
    written, so it works on a read-only mount)."""
    return command in READ_ONLY_COMMANDS and path.exists()


def _check_writable(path: Path) -> None:
    """Refuse a command that writes, before anything, when the database cannot be written."""
    if path.exists() and not (os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)):
        raise StoreError(
            _(
                "{path} is read-only (the file or its folder cannot be written: a read-only "
                "drive, a write-protected stick or its permissions), so this command cannot save "
                "anything; nothing was changed. Commands that only read (standings, state, units, "
                "history, report...) work on it. To enter counts or import files, make it "
                "writable, or copy the database to a folder of this PC and use --db"
            ).format(path=path)
        )


@contextlib.contextmanager
def command(name: str, path: Path, err: TextIO) -> Iterator[None]:
    """Run the command `name` on the database at `path` under the lock it needs (saying on
    `err` when the day's backup could not be made); log how it ended."""
    log.info("command %s on %s", name, path)
    try:
        if name in READ_ONLY_COMMANDS:
            yield
        else:
            _check_writable(path)
            with held_for_command(path):
                _daily_backup(path, err)
                yield
    except Refused as exc:  # the message may quote numbers: only the check codes are logged
        log.info("command %s refused %s", name, [p.code for p in exc.problems])
        raise
    except StoreError as exc:
        log.error("command %s failed: %s", name, exc)
        raise
    except BrokenPipeError:  # the output's reader left (`| head`): not a failure
        raise
    except Exception:
        log.exception("command %s failed", name)
        raise


def _daily_backup(path: Path, err: TextIO) -> None:
    """The first command of the day that writes backs the database up first; a backup that
    cannot be made is said, and the command runs on (it may need no more room)."""
    # imported here: read commands never back up, so they do not load backups (nor identity
    # and cryptography below it)
    from steward_app.services.backups import daily_backup_if_due

    try:
        daily_backup_if_due(path)
    except StoreError as exc:
        note = _("note: the day's backup was not made: {why}").format(why=exc)
        print(f"steward-app: {note}", file=err)
