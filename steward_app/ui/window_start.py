"""Before the window opens: its database must be on this PC's own disk and not open in
another window. A second start on the same database brings the first window to the front, hands
it the tally files it was started with, and ends; when the first does not answer, the steward
is told what to do."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QFileDialog, QMessageBox

from steward_app.services.locations import default_db_path
from steward_app.store.database import shared_place
from steward_app.store.errors import StoreError
from steward_app.ui.single_instance import SingleInstance

log = logging.getLogger(__name__)

EXIT_OK, EXIT_REFUSED = 0, 1


@dataclass(frozen=True)
class Claim:
    """The database this window may open (`instance` holds it), or the exit status."""

    db_path: Path
    instance: SingleInstance | None
    exit_code: int | None


def claim_database(db_path: Path, files: Sequence[Path] = ()) -> Claim:
    """Claim `db_path` for this window, or hand `files` (absolute paths) to the window that
    has it."""
    local = local_place(Path(db_path))
    if local is None:
        return Claim(Path(db_path), None, EXIT_REFUSED)
    instance = SingleInstance(local)
    try:
        claimed = instance.claim_waiting()
    except StoreError as exc:
        QMessageBox.warning(None, "steward_app", str(exc))
        return Claim(local, None, EXIT_REFUSED)
    if claimed:
        log.info("window opened on %s", local)
        return Claim(local, instance, None)
    if instance.forward(files):
        log.info(
            "%s is open in another window: brought it to the front, %d file(s) handed over",
            local,
            len(files),
        )
        return Claim(local, None, EXIT_OK)
    holder = instance.holder()
    who = (
        holder.describe()
        if holder is not None
        else QCoreApplication.translate("window_start", "another steward_app")
    )
    log.warning("%s is held by %s, which does not answer", local, who)
    QMessageBox.warning(
        None,
        QCoreApplication.translate("window_start", "steward_app is already open"),
        QCoreApplication.translate(
            "window_start",
            "The database {database} is already open in {program}, which does not answer.\n\n"
            "Switch to that window. If it is frozen, close it (or end it in the Task Manager) "
            "and start steward_app again. To open another vote side by side, start it with "
            "--db and another database file.",
        ).format(database=local, program=who)
        + (
            "\n\n"
            + QCoreApplication.translate(
                "window_start",
                "Not imported: {files}. Import them in that window with File › Import "
                "results… once it answers.",
            ).format(files=", ".join(f.name for f in files))
            if files
            else ""
        ),
    )
    return Claim(local, None, EXIT_REFUSED)


def local_place(db_path: Path) -> Path | None:
    """`db_path`, or a place on this PC's disk the steward chooses when it is on a network
    drive (None: the steward chose to quit). The database never lives on a share: SQLite's
    locks and its log need the PC's own disk; shared folders carry tally files."""
    while place := shared_place(db_path):
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            QCoreApplication.translate("window_start", "Database on a network drive"),
            QCoreApplication.translate(
                "window_start",
                "{database} is in {place}. The database must stay on this PC's own disk, in a "
                "folder nothing else copies: on a network drive a dropped connection or two PCs "
                "at once can damage it, and a sync client can copy it half-written.\n\n"
                "Choose a place on this PC for it. To share results with other PCs, use File › "
                "Export into the shared folder instead.",
            ).format(database=db_path, place=place),
        )
        choose = box.addButton(
            QCoreApplication.translate("window_start", "Choose a &local place…"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        box.addButton(
            QCoreApplication.translate("window_start", "&Quit"), QMessageBox.ButtonRole.RejectRole
        )
        box.exec()
        if box.clickedButton() is not choose:
            return None
        name, _ = QFileDialog.getSaveFileName(
            None,
            QCoreApplication.translate("window_start", "A place on this PC for the database"),
            str(default_db_path()),
            QCoreApplication.translate("window_start", "steward_app databases (*.sqlite)"),
            options=QFileDialog.Option.DontConfirmOverwrite,
        )
        if not name:
            return None
        db_path = Path(name)
    return db_path
