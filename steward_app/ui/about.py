"""The About box's text: what a coordinator asks a steward to read out when helping on the phone
(which version, where the database, its backups and the logs are), and the licences."""

from __future__ import annotations

from pathlib import Path

import PySide6
from platformdirs import user_data_dir, user_log_dir
from PySide6.QtCore import qVersion

from steward_app import __version__
from steward_app.bundled import resource_path
from steward_app.store.backup import backup_folder

APP = "steward_app"


def about_text(db_path: Path) -> str:
    return "\n".join(
        (
            f"{APP} {__version__}",
            "",
            f"Database: {db_path}",
            f"Backups: {backup_folder(db_path)}",
            f"Data folder: {user_data_dir(APP, appauthor=False)}",
            f"Logs: {user_log_dir(APP)}",
            "",
            "Licence: GPL-3.0-or-later. The report font, DejaVu Sans, is under the Bitstream "
            "Vera licence with DejaVu's changes in the public domain: "
            f"{resource_path('fonts', 'LICENSE-DejaVu.txt')}",
            f"Qt {qVersion()}, PySide6 {PySide6.__version__}",
        )
    )
