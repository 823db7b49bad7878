"""Where this PC keeps the database: --db, $STEWARD_APP_DB, or the per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "STEWARD_APP_DB"


APP_DIR_NAME = "steward_app"  # the per-user folders' name, with no vendor folder above it


def data_folder() -> Path:
    """This user's data folder (on Windows %LOCALAPPDATA%\\steward_app, no vendor level)."""
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_DIR_NAME, appauthor=False))


def log_dir() -> Path:
    """This user's log folder, named as the data folder is (services.logs writes there)."""
    from platformdirs import user_log_dir

    return Path(user_log_dir(APP_DIR_NAME, appauthor=False))


def default_db_path() -> Path:
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    return data_folder() / "steward.sqlite"
