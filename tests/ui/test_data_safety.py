"""The window's data safety: one window per database (a second start brings the first to the
front, or explains), restore from a backup, and a full disk that keeps the typed count."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QMessageBox
from pytestqt.qtbot import QtBot

from steward_app.domain.counts import SlotKey
from steward_app.domain.standings import Standings
from steward_app.services import backups
from steward_app.services.counting import record_count
from steward_app.store.backup import list_backups
from steward_app.store.errors import StoreError
from steward_app.ui import restore_dialog, window_start
from steward_app.ui.main_window import MainWindow
from steward_app.ui.single_instance import SingleInstance
from tests.conftest import STEWARD
from tests.store.test_lock import hold_in_process
from tests.store.test_write_failures import cap_at_current_size
from tests.ui.test_main_window import select_unit, type_count

SECOND_START = """
import sys
from PySide6.QtWidgets import QApplication
from steward_app.ui.window_start import claim_database
app = QApplication([])
claim = claim_database(sys.argv[1])
print(claim.instance is not None, claim.exit_code, flush=True)
"""


def test_a_second_start_brings_the_first_window_to_the_front(qtbot: QtBot, tmp_path: Path) -> None:
    db = tmp_path / "vote.sqlite"
    first = SingleInstance(db)
    assert first.claim()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    with qtbot.waitSignal(first.raise_requested, timeout=20000):
        second = subprocess.Popen(
            [sys.executable, "-c", SECOND_START, str(db)],
            stdout=subprocess.PIPE,
            text=True,
            env=env,
        )
    out, _ = second.communicate(timeout=30)
    assert out.split() == ["False", "0"]  # it did not open the database, and ended with 0
    first.release()


def test_a_holder_that_does_not_answer_is_explained(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "vote.sqlite"
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    holder = hold_in_process(db, "window")  # holds the lock, answers nothing (frozen)
    try:
        claim = window_start.claim_database(db, [tmp_path / "evening.tally"])
    finally:
        holder.kill()
        holder.wait()
    assert claim.instance is None and claim.exit_code == window_start.EXIT_REFUSED
    assert len(shown) == 1 and "already open" in shown[0] and str(holder.pid) in shown[0]
    assert "Not imported: evening.tally." in shown[0]  # the file it was to hand over
    # the holder was killed: its lock is stale and the next start takes it over
    claim = window_start.claim_database(db)
    assert claim.instance is not None
    claim.instance.release()


def test_a_database_on_a_network_drive_offers_a_local_place(
    qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    share = tmp_path / "share" / "vote.sqlite"
    local = tmp_path / "local" / "vote.sqlite"
    monkeypatch.setattr(
        window_start,
        "shared_place",
        lambda p: "a shared network folder" if "share" in str(p) else "",
    )
    monkeypatch.setattr(QMessageBox, "exec", lambda box: 0)
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.buttons()[0])
    monkeypatch.setattr(
        window_start.QFileDialog, "getSaveFileName", lambda *a, **k: (str(local), "")
    )
    assert window_start.local_place(share) == local
    monkeypatch.setattr(QMessageBox, "clickedButton", lambda box: box.buttons()[1])  # Quit
    assert window_start.local_place(share) is None


def yes_of(standings: Standings, unit: str) -> int:
    report = standings.questions["concessions"].units[unit].report
    assert report is not None
    return report.numbers.yes


def test_restore_from_the_window_brings_back_the_backup(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = demo_window
    saved = backups.back_up(w.db_path)
    select_unit(w, "afscme-np4-391")
    type_count(qtbot, w, yes="1340", no="500", void="4")
    with qtbot.waitSignal(w.standings_shown, timeout=10000):
        qtbot.keyClick(w.form.edits["void"], Qt.Key.Key_Return)
    assert w.standings is not None
    assert yes_of(w.standings, "afscme-np4-391") == 1340

    def choose(dialog: restore_dialog.RestoreDialog) -> int:
        listed = [dialog.list.item(i).text() for i in range(dialog.list.count())]
        assert any("made by a steward" in text for text in listed)
        dialog.chosen = saved
        return QDialog.DialogCode.Accepted.value

    told: list[str] = []
    monkeypatch.setattr(restore_dialog.RestoreDialog, "exec", choose)
    monkeypatch.setattr(QMessageBox, "question", lambda *a: QMessageBox.StandardButton.Yes)
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text: told.append(text))
    with qtbot.waitSignal(w.standings_shown, timeout=20000) as shown:
        w.data_safety.restore_action.trigger()
    assert yes_of(shown.args[0], "afscme-np4-391") == 0  # not reported in the backup
    assert told and "saved in" in told[0]
    assert [b.reason for b in list_backups(w.db_path)].count(backups.BEFORE_RESTORE) == 1


def test_a_full_disk_keeps_the_typed_count_in_the_form(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = demo_window
    assert w.session is not None
    store = w.session.store
    cap_at_current_size(store)
    slot = SlotKey("concessions", "afscme-p2")
    with pytest.raises(StoreError):  # fill what room is left
        for n in range(300):
            record_count(
                store, STEWARD, slot, {"yes": str(n), "no": "1"}, correct=True, reason="fill"
            )
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    select_unit(w, "afscme-np4-391")
    type_count(qtbot, w, yes="1340", no="500", void="4")
    with qtbot.waitSignal(w.lane.busy_changed, timeout=10000, check_params_cb=lambda b: not b):
        qtbot.keyClick(w.form.edits["void"], Qt.Key.Key_Return)
    assert "Not saved" in w.form.message.text() and "full" in w.form.message.text()
    assert [w.form.edits[k].text() for k in ("yes", "no", "void")] == ["1340", "500", "4"]
    assert len(shown) == 1 and "Free some space" in shown[0]
