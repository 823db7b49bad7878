"""Issue 12, item 1: the shared folder belongs to the vote (its database), not to the user;
a practice window never reads from or writes to a real vote's folder; --demo with --db is
refused, not silently ignored."""

from __future__ import annotations

import argparse
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QMessageBox
from pytestqt.qtbot import QtBot

from steward_app.services import exchange
from steward_app.services.vote_setup import create_vote
from steward_app.store.vote_store import VoteStore
from steward_app.ui import app
from steward_app.ui.main_window import MainWindow
from steward_app.ui.shared_indicator import SharedIndicator, folder_state
from steward_app.ui.shared_setting import OLD_SETTING
from tests.conftest import STEWARD
from tests.small_vote import setup_text
from tests.ui.conftest import open_window


def idle(qtbot: QtBot, window: MainWindow) -> None:
    qtbot.waitUntil(lambda: not window.lane.busy and not window.exchange.writing, timeout=20000)


def official_db(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    store = VoteStore(path)
    create_vote(store, setup_text("official"), STEWARD)
    store.close()
    return path


def close(window: MainWindow) -> None:
    window.close()
    window.lane.shutdown()


def test_the_folder_is_kept_in_the_votes_database_not_in_the_users_settings(
    qtbot: QtBot, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    db = official_db(tmp_path / "real" / "vote.sqlite")
    window, _ = open_window(qtbot, db, demo=False)
    idle(qtbot, window)
    window.exchange.use_shared_folder(share)
    qtbot.waitUntil(lambda: window.exchange.shared.folder == share, timeout=20000)
    idle(qtbot, window)
    assert QSettings().value(OLD_SETTING) is None  # nothing in the user's settings
    close(window)
    # the same database opens on its folder again
    again, _ = open_window(qtbot, db, demo=False)
    qtbot.waitUntil(lambda: again.exchange.shared.folder == share, timeout=20000)
    idle(qtbot, again)
    close(again)
    # a practice window on a fresh database, same user: no folder, nothing read or written
    before = sorted(p.name for p in share.iterdir())
    demo, _ = open_window(qtbot, tmp_path / "demo" / "demo.sqlite", demo=True)
    idle(qtbot, demo)
    assert demo.exchange.shared.folder is None
    demo.exchange.shared.export_now()
    idle(qtbot, demo)
    assert sorted(p.name for p in share.iterdir()) == before
    close(demo)


def test_a_practice_vote_cannot_take_a_folder_holding_real_counts(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    real = VoteStore(official_db(tmp_path / "real" / "vote.sqlite"))
    exchange.export_file(real, STEWARD, share / "real-pc.tally")
    real.close()
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: warned.append(text))
    demo, _ = open_window(qtbot, tmp_path / "demo" / "demo.sqlite", demo=True)
    idle(qtbot, demo)
    demo.exchange.use_shared_folder(share)
    qtbot.waitUntil(lambda: bool(warned), timeout=20000)
    assert "real (official) counts" in warned[0] and "real-pc.tally" in warned[0]
    assert demo.exchange.shared.folder is None
    idle(qtbot, demo)
    assert [p.name for p in share.iterdir()] == ["real-pc.tally"]  # nothing written there
    close(demo)


def test_the_users_old_setting_moves_into_an_official_vote_not_a_practice_one(
    qtbot: QtBot, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    QSettings().setValue(OLD_SETTING, str(share))
    demo, _ = open_window(qtbot, tmp_path / "demo" / "demo.sqlite", demo=True)
    qtbot.waitUntil(lambda: "practice vote" in demo.exchange.shared_note, timeout=20000)
    idle(qtbot, demo)
    assert demo.exchange.shared.folder is None
    assert QSettings().value(OLD_SETTING) == str(share)  # left for the real vote
    close(demo)
    db = official_db(tmp_path / "real" / "vote.sqlite")
    real, _ = open_window(qtbot, db, demo=False)
    qtbot.waitUntil(lambda: real.exchange.shared.folder == share, timeout=20000)
    assert "now belongs to this vote" in real.exchange.shared_note
    assert QSettings().value(OLD_SETTING) is None
    idle(qtbot, real)
    close(real)


def test_loading_the_demo_into_a_real_database_drops_the_real_folder(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    db = official_db(tmp_path / "real" / "vote.sqlite")
    window, _ = open_window(qtbot, db, demo=False)
    idle(qtbot, window)
    window.exchange.use_shared_folder(share)
    qtbot.waitUntil(lambda: window.exchange.shared.folder == share, timeout=20000)
    idle(qtbot, window)
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    with qtbot.waitSignal(window.standings_shown, timeout=20000):
        window.votes.load_demo()
    qtbot.waitUntil(lambda: window.exchange.shared.folder is None, timeout=20000)
    close(window)


def test_demo_with_db_is_refused_with_a_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    said: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a: said.append(text))
    args = argparse.Namespace(demo=True, db=tmp_path / "mine.sqlite", steward=None, pc=None)
    assert app.start_window(args) == 2
    assert "--demo" in said[0] and "--db" in said[0]
    assert "cannot be combined" in capsys.readouterr().err
    assert not (tmp_path / "mine.sqlite").exists()


def test_the_lasting_indicator_names_each_pcs_last_file_and_the_troubles(
    qtbot: QtBot, tmp_path: Path
) -> None:
    share = tmp_path / "share"
    share.mkdir()
    real = VoteStore(official_db(tmp_path / "real" / "vote.sqlite"))
    exchange.export_file(real, STEWARD, share / "hall.tally")
    real.close()
    state = folder_state(share, "", {})
    assert [pc for pc, _ in state.latest] == [STEWARD.pc]
    indicator = SharedIndicator()
    indicator.show_state(state)
    assert f"last file from {STEWARD.pc}" in indicator.text()
    assert indicator.accessibleName() == indicator.text()
    # a window: a failure still being tried again shows until it is overcome
    db = official_db(tmp_path / "other" / "vote.sqlite")
    window, _ = open_window(qtbot, db, demo=False)
    idle(qtbot, window)
    shared = window.exchange.shared
    shared.troubles_changed.emit({"": "could not write: the file is held by another program"})
    assert "not written yet" in window.exchange.shared_indicator.text()
    assert "held by another program" in window.exchange.shared_indicator.toolTip()
    shared.troubles_changed.emit({})
    assert window.exchange.shared_indicator.text() == "no shared folder"
    close(window)
