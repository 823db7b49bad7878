"""The About box says what a coordinator asks a steward on the phone, and the window's icon is
the application's in every size."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import platformdirs
import platformdirs.windows
import PySide6
import pytest
from platformdirs.testing import isolated_dirs
from PySide6.QtCore import QSize, qVersion
from PySide6.QtWidgets import QApplication, QMessageBox

from steward_app import __version__
from steward_app.bundled import ICON_SIZES
from steward_app.services import locations, logs
from steward_app.ui.about import about_text
from steward_app.ui.app import app_icon
from steward_app.ui.main_window import MainWindow


def test_the_about_text_names_version_folders_and_licences(tmp_path: Path) -> None:
    db = tmp_path / "a folder" / "vote.sqlite"
    lines = about_text(db).splitlines()
    assert lines[0] == f"steward_app {__version__}"
    assert f"Database: {db}" in lines
    assert f"Backups: {tmp_path / 'a folder' / 'backups'}" in lines
    assert f"Logs: {logs.log_folder()}" in lines
    assert f"Data folder: {locations.data_folder()}" in lines
    text = "\n".join(lines)
    assert "GPL-3.0-or-later" in text
    gpl = Path(text.split("the full text is in ")[1].splitlines()[0])
    assert gpl.name == "LICENSE"
    assert "GNU GENERAL PUBLIC LICENSE\n                       Version 3" in gpl.read_text("utf-8")
    licence = text.split("public domain: ")[1].splitlines()[0]
    assert Path(licence).is_file() and "DejaVu" in Path(licence).read_text(encoding="utf-8")
    assert f"Qt {qVersion()}, PySide6 {PySide6.__version__}" in lines


@pytest.fixture
def home_in(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """This user's folders under tmp_path (on every system: platformdirs's own isolation, not
    XDG variables, which Windows ignores), no $STEWARD_APP_LOG_DIR, no log open yet."""
    monkeypatch.delenv(logs.LOG_ENV, raising=False)
    logs.stop_logging()
    with isolated_dirs(tmp_path / "home") as home:
        yield home


def test_the_about_text_names_the_folder_the_log_is_written_to(
    home_in: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    try:
        written = logs.setup_logging()
        assert written is not None and written.is_file()
        assert written.is_relative_to(home_in)
        assert f"Logs: {written.parent}" in about_text(tmp_path / "vote.sqlite").splitlines()
        logs.stop_logging()
        monkeypatch.setenv(logs.LOG_ENV, str(tmp_path / "elsewhere"))  # the override, too
        written = logs.setup_logging()
        assert written == tmp_path / "elsewhere" / logs.LOG_NAME
        assert f"Logs: {written.parent}" in about_text(tmp_path / "vote.sqlite").splitlines()
    finally:
        logs.stop_logging()


def test_on_windows_the_logs_are_in_the_data_folder_with_no_vendor_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    local = str(tmp_path / "AppData" / "Local")
    monkeypatch.setattr(platformdirs.windows, "get_win_folder", lambda _csidl: local)
    for kind in ("user_data_dir", "user_log_dir"):
        monkeypatch.setattr(
            platformdirs,
            kind,
            lambda *a, kind=kind, **k: getattr(platformdirs.windows.Windows(*a, **k), kind),
        )
    monkeypatch.delenv(logs.LOG_ENV, raising=False)
    monkeypatch.delenv(locations.DB_ENV, raising=False)
    data = locations.data_folder()
    assert data == Path(local) / "steward_app"  # %LOCALAPPDATA%\steward_app
    assert locations.default_db_path().parent == data
    assert logs.log_folder() == data / "Logs"


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
