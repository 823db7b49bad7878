"""Which shared folder a vote uses: a setting of the vote, kept in its database.

The folder belongs to the vote, not to the person at the PC: a practice window (`--demo`, a
fresh database each time) never inherits the real vote's folder, and File › Load the demo vote
in a real database does not carry the real folder over to the practice vote. The setting names
the vote (its id and mode) it was chosen for, and is used only by that vote.

A folder whose tally files hold the other mode (practice beside official counts, read from
each file's signed manifest) is refused: practice and real counts never share a folder.

Before this, the folder was a setting of the user (QSettings "exchange/shared_folder"). The
first official vote opened moves that value into its database and removes it from the user's
settings; a practice vote never takes it.

Every function here runs on the database lane (it reads the database and the folder).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from steward_app.domain.vote import Mode
from steward_app.store import entry_log
from steward_app.ui.window_language import tr

if TYPE_CHECKING:
    from steward_app.domain.vote import Vote
    from steward_app.store.vote_store import VoteStore

SETTING = "shared_folder"  # in the database's settings table
OLD_SETTING = "exchange/shared_folder"  # in the user's QSettings, before it moved


@dataclass(frozen=True)
class Opened:
    """The folder a vote shares through, found when its database opens."""

    folder: Path | None
    note: str = ""  # said in the status bar: a migration, or a setting not used
    migrated: bool = False  # the user's old setting is now in the database: remove it


def _binding(vote: Vote | None) -> tuple[str | None, str | None]:
    return (vote.id, vote.mode.value) if vote is not None else (None, None)


def stored_folder(store: VoteStore) -> Path | None:
    """The folder this database's vote shares through (None: none, or chosen for another vote
    or before this vote arrived and holding files of the other mode)."""
    with store.reading() as conn:
        raw = entry_log.get_setting(conn, SETTING)
    if not raw:
        return None
    try:
        saved = json.loads(raw)
        folder = Path(str(saved["folder"]))
        bound = (saved.get("vote"), saved.get("mode"))
    except (ValueError, KeyError, TypeError):
        return None
    vote = store.vote()
    if bound == _binding(vote):
        return folder
    if bound == (None, None) and vote is not None:
        # chosen before this PC had a vote (it joined from the folder): now it is this vote's
        if foreign_files(folder, vote):
            return None
        remember_folder(store, folder)
        return folder
    return None  # chosen for a vote this database no longer holds


def remember_folder(store: VoteStore, folder: Path | None) -> None:
    """Keep `folder` as this vote's shared folder (None: stop sharing)."""
    with store.transaction() as conn:
        if folder is None:
            conn.exec_driver_sql("DELETE FROM settings WHERE name = ?", (SETTING,))
            return
        vote_id, mode = _binding(store.vote(conn))
        value = json.dumps({"folder": str(folder), "vote": vote_id, "mode": mode})
        entry_log.set_setting(conn, SETTING, value)


def open_folder(store: VoteStore, old_setting: str | None) -> Opened:
    """The vote's folder at opening; `old_setting` (the user's setting from before) moves into
    an official vote's database that has none."""
    folder = stored_folder(store)
    if folder is not None or not old_setting:
        return Opened(folder)
    vote = store.vote()
    if vote is None:
        return Opened(None)  # no vote yet: the old setting waits for one
    old = Path(old_setting)
    if vote.mode is Mode.PRACTICE:
        return Opened(
            None,
            QCoreApplication.translate(
                "shared_setting",
                "The shared folder {folder} set on this PC is not used for a practice vote "
                "(File › Shared folder… to choose one for it).",
            ).format(folder=old),
        )
    foreign = foreign_files(old, vote)
    if foreign:
        return Opened(
            None,
            QCoreApplication.translate(
                "shared_setting", "The shared folder {folder} was not used: {reason}"
            ).format(folder=old, reason=foreign),
            migrated=True,
        )
    remember_folder(store, old)
    return Opened(
        old,
        QCoreApplication.translate(
            "shared_setting",
            "The shared folder {folder} now belongs to this vote (kept in its database).",
        ).format(folder=old),
        migrated=True,
    )


def foreign_files(folder: Path, vote: Vote) -> str:
    """Why `folder` cannot serve `vote` ("" when it can): it holds tally files of the other
    mode, practice beside official counts. Files that cannot be read are left to the import."""
    from steward_app.sync import bundle, files
    from steward_app.sync.errors import ImportRefused

    mode = vote.mode.value
    others: list[str] = []
    try:
        paths = files.tally_files(folder)
    except OSError:
        return ""  # the folder is not there now: the import says so when it looks
    for path in paths:
        try:
            manifest = bundle.open_file(files.read_whole(path), None, None).manifest
        except (OSError, ImportRefused):
            continue
        if manifest.mode != mode:
            others.append(f"{path.name} ({manifest.mode}, {manifest.title})")
    if not others:
        return ""
    listed = ", ".join(others[:3]) + (
        tr(" and %n more", None, len(others) - 3) if len(others) > 3 else ""
    )
    if vote.mode is Mode.PRACTICE:
        return QCoreApplication.translate(
            "shared_setting",
            "it holds real (official) counts: {files}. A practice vote never shares a folder "
            "with real (official) counts: choose another folder.",
        ).format(files=listed)
    return QCoreApplication.translate(
        "shared_setting",
        "it holds practice counts: {files}. An official vote never shares a folder with "
        "practice counts: choose another folder.",
    ).format(files=listed)
