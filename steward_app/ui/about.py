"""The About box's text: what a coordinator asks a steward to read out when helping on the phone
(which version, where the database, its backups and the logs are), and the licences.

The folders come from the functions the program writes with (services.locations,
services.logs), so the box names the folders that are really used."""

from __future__ import annotations

from pathlib import Path

import PySide6
from PySide6.QtCore import QCoreApplication, qVersion

from steward_app import __version__
from steward_app.bundled import licence_file, resource_path
from steward_app.services.locations import data_folder
from steward_app.services.logs import log_folder
from steward_app.store.backup import backup_folder

APP = "steward_app"


def about_text(db_path: Path) -> str:
    translate = QCoreApplication.translate
    return "\n".join(
        (
            f"{APP} {__version__}",
            "",
            translate("about", "Database: {path}").format(path=db_path),
            translate("about", "Backups: {folder}").format(folder=backup_folder(db_path)),
            translate("about", "Data folder: {folder}").format(folder=data_folder()),
            translate("about", "Logs: {folder}").format(folder=log_folder()),
            "",
            translate(
                "about",
                "Licence: GPL-3.0-or-later, free software with no warranty; the full text is "
                "in {file}",
            ).format(file=licence_file()),
            translate(
                "about",
                "The report font, DejaVu Sans, is under the Bitstream Vera licence with "
                "DejaVu's changes in the public domain: {file}",
            ).format(file=resource_path("fonts", "LICENSE-DejaVu.txt")),
            f"Qt {qVersion()}, PySide6 {PySide6.__version__}",
        )
    )
