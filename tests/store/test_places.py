"""A database in a folder OneDrive, Dropbox or iCloud keeps in sync is refused like one on a
network share: found from the variables and files the clients leave on a PC."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from steward_app.store import database
from steward_app.store.errors import NetworkShareError
from steward_app.store.places import MNT_LOCAL, mac_network_volume, synced_by


def test_onedrive_folders_are_found_from_windows_s_variables(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = {"OneDriveCommercial": str(home / "OneDrive - County Labor Council")}
    inside = home / "OneDrive - County Labor Council" / "Documents" / "vote.sqlite"
    assert synced_by(inside, env, home) == "OneDrive"
    assert synced_by(home / "AppData" / "Local" / "vote.sqlite", env, home) == ""
    # a folder whose name only starts the same is another folder
    assert synced_by(home / "OneDrive - County Labor Council 2" / "v.sqlite", env, home) == ""


def test_dropbox_folders_are_found_from_its_info_file(tmp_path: Path) -> None:
    home, appdata = tmp_path / "home", tmp_path / "AppData" / "Local"
    team = tmp_path / "D" / "Dropbox (Labor Council)"
    (appdata / "Dropbox").mkdir(parents=True)
    (appdata / "Dropbox" / "info.json").write_text(
        json.dumps({"business": {"path": str(team), "host": 1}}), encoding="utf-8"
    )
    env = {"LOCALAPPDATA": str(appdata)}
    assert synced_by(team / "vote" / "vote.sqlite", env, home) == "Dropbox"
    assert synced_by(home / "Dropbox" / "vote.sqlite", env, home) == "Dropbox"  # the default
    (appdata / "Dropbox" / "info.json").write_text("not json", encoding="utf-8")
    assert synced_by(team / "vote.sqlite", env, home) == ""  # a broken file: not trusted


def test_macos_file_provider_folders_are_found(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / "Library" / "CloudStorage" / "GoogleDrive-steward@example.org").mkdir(parents=True)
    inside = home / "Library" / "CloudStorage" / "GoogleDrive-steward@example.org" / "v.sqlite"
    assert synced_by(inside, {}, home) == "GoogleDrive"
    assert synced_by(home / "Library" / "Mobile Documents" / "v.sqlite", {}, home) == (
        "iCloud Drive"
    )


def test_opening_a_database_in_a_synced_folder_is_refused_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    synced = tmp_path / "OneDrive"
    monkeypatch.setenv("OneDrive", str(synced))
    db = synced / "Documents" / "vote.sqlite"
    with pytest.raises(NetworkShareError) as refused:
        database.open_engine(db)
    assert "a folder OneDrive keeps in sync" in str(refused.value)
    assert not synced.exists()


def fake_statfs(kind: bytes, flags: int) -> Any:
    asked: list[bytes] = []

    def statfs(path: bytes, out: Any) -> int:
        asked.append(path)
        info = out._obj
        info.f_fstypename = kind
        info.f_flags = flags
        return 0

    statfs.asked = asked  # type: ignore[attr-defined]
    return statfs


def test_macos_network_volumes_are_found_by_statfs(tmp_path: Path) -> None:
    """macOS has no /proc/self/mounts: the file system's flags and name say it."""
    db = tmp_path / "not yet" / "vote.sqlite"
    assert mac_network_volume(db, fake_statfs(b"smbfs", 0x0)) is True
    assert mac_network_volume(db, fake_statfs(b"apfs", MNT_LOCAL)) is False
    assert mac_network_volume(db, fake_statfs(b"webdav", MNT_LOCAL)) is True
    assert mac_network_volume(db, fake_statfs(b"weird", 0x0)) is True  # not local
    statfs = fake_statfs(b"apfs", MNT_LOCAL)
    mac_network_volume(db, statfs)
    assert statfs.asked == [str(tmp_path).encode()]  # the nearest folder that exists

    def failing(_path: bytes, _out: Any) -> int:
        return -1

    assert mac_network_volume(db, failing) is False
