"""Where this PC keeps the database: --db, $STEWARD_APP_DB, or the per-user data folder."""

from __future__ import annotations

import os
from pathlib import Path

DB_ENV = "STEWARD_APP_DB"


def default_db_path() -> Path:
    if os.environ.get(DB_ENV):
        return Path(os.environ[DB_ENV])
    from platformdirs import user_data_dir

    return Path(user_data_dir("steward_app", appauthor=False)) / "steward.sqlite"
