"""The About box says what a coordinator asks a steward on the phone, and the window's icon is
the application's in every size."""

from __future__ import annotations

from pathlib import Path

import PySide6
import pytest
from platformdirs import user_log_dir
from PySide6.QtCore import QSize, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox

from steward_app import __version__
from steward_app.bundled import ICON_SIZES
from steward_app.ui.about import about_text
from steward_app.ui.app import app_icon
from steward_app.ui.main_window import MainWindow


def test_the_about_text_names_version_folders_and_licences(tmp_path: Path) -> None:
    db = tmp_path / "a folder" / "vote.sqlite"
    lines = about_text(db).splitlines()
    assert lines[0] == f"steward_app {__version__}"
    assert f"Database: {db}" in lines
    assert f"Backups: {tmp_path / 'a folder' / 'backups'}" in lines
    assert f"Logs: {user_log_dir('steward_app')}" in lines
    assert any(line.startswith("Data folder: ") and "steward_app" in line for line in lines)
    text = "\n".join(lines)
    assert "GPL-3.0-or-later" in text
    licence = text.split("public domain: ")[1].splitlines()[0]
    assert Path(licence).is_file() and "DejaVu" in Path(licence).read_text(encoding="utf-8")
    assert f"Qt {qVersion()}, PySide6 {PySide6.__version__}" in lines


def test_the_window_icon_has_every_size(qapp: QApplication) -> None:
    icon = app_icon()
    assert not icon.isNull()
    assert icon.availableSizes() == [QSize(s, s) for s in ICON_SIZES]


def test_help_about_shows_this_databases_text(
    demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[tuple[str, str]] = []
    monkeypatch.setattr(
        QMessageBox, "about", lambda _parent, title, text: shown.append((title, text))
    )
    demo_window._on_about_triggered()
    assert shown == [("About steward_app", about_text(demo_window.db_path))]
