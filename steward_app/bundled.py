"""Where the files shipped in resources/ are: beside the package, or inside a frozen bundle.

From source they are in resources/ at the project root. In the PyInstaller bundle
(packaging/steward-app.spec) they are in resources/ under sys._MEIPASS, the bundle's `_internal`
folder; the Alembic migrations travel as steward_app/store/migrations/ there, beside the frozen
modules' own `__file__`, so steward_app.store.database.MIGRATIONS needs nothing of this.
"""

from __future__ import annotations

import sys
from pathlib import Path

# the application icon's sizes, as resources/icons/steward-app-SIZE.png (packaging/make_icons.py)
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def resource_path(*parts: str) -> Path:
    return _root().joinpath("resources", *parts)


def licence_file() -> Path:
    """The GPL-3.0 text: LICENSE at the project root, or in the bundle's `_internal` folder."""
    return _root() / "LICENSE"


def _root() -> Path:
    """The bundle's `_internal` folder when frozen, else the project folder."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    return Path(frozen_root) if frozen_root else Path(__file__).resolve().parent.parent


def icon_files() -> list[Path]:
    """The application icon's PNG files, smallest first."""
    return [resource_path("icons", f"steward-app-{size}.png") for size in ICON_SIZES]
