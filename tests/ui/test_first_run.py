"""The steward's and PC's names: asked on the first start only, kept, used for every entry."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox
from pytestqt.qtbot import QtBot

from steward_app.services.authors import default_author
from steward_app.store import entry_reads
from steward_app.store.vote_store import VoteStore
from steward_app.ui import first_run
from steward_app.ui.database_lane import DatabaseLane
from steward_app.ui.main_window import MainWindow
from tests.ui.test_main_window import select_unit, type_count


class Answers:
    """Stands in for the steward at the dialog: records it was shown, types the names."""

    def __init__(self, steward: str, pc: str) -> None:
        self.shown: list[tuple[str, str]] = []
        self.names = (steward, pc)

    def exec(self, dialog: first_run.NamesDialog) -> int:
        self.shown.append((dialog.steward.text(), dialog.pc.text()))
        dialog.steward.setText(self.names[0])
        dialog.pc.setText(self.names[1])
        return QDialog.DialogCode.Accepted.value


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> Answers:
    a = Answers("a steward at the hall", "front desk PC")
    monkeypatch.setattr(first_run.NamesDialog, "exec", lambda dialog: a.exec(dialog))  # noqa: PLW0108
    return a


def test_the_names_are_asked_on_the_first_start_only(qtbot: QtBot, answers: Answers) -> None:
    assert first_run.stored_author() is None
    author = first_run.window_author(None, None)
    base = default_author()
    assert answers.shown == [(base.steward, base.pc)]  # prefilled with the user and host
    assert (author.steward, author.pc) == answers.names
    again = first_run.window_author(None, None)
    assert again == author and len(answers.shown) == 1  # not asked again
    # --steward / --pc win for one start, without asking or changing what is kept
    assert first_run.window_author("a second steward", None).steward == "a second steward"
    assert first_run.stored_author() == author


def test_both_names_given_on_the_command_line_skip_the_dialog(answers: Answers) -> None:
    author = first_run.window_author("a steward", "hall PC")
    assert (author.steward, author.pc) == ("a steward", "hall PC") and answers.shown == []


def test_ok_needs_both_names(qtbot: QtBot) -> None:
    dialog = first_run.NamesDialog(default_author(), first_run=True)
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    dialog.pc.setText("   ")
    assert not ok.isEnabled()
    dialog.pc.setText("hall PC")
    assert ok.isEnabled()


def test_the_names_are_the_origin_of_the_next_entry(
    qtbot: QtBot, answers: Answers, tmp_path: Path
) -> None:
    author = first_run.window_author(None, None)
    lane = DatabaseLane()
    window = MainWindow(lane, tmp_path / "demo.sqlite", author, demo=True)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.standings_shown, timeout=20000):
        window.show()
    # renamed later from the menu: the next entry carries the new names
    answers.names = ("a second steward", "back office PC")
    window.data_safety.names_action.trigger()
    assert window.author.steward == "a second steward"
    select_unit(window, "afscme-np4-391")
    type_count(qtbot, window, yes="1340", no="500", void="4")
    with qtbot.waitSignal(window.standings_shown, timeout=10000):
        qtbot.keyClick(window.form.edits["void"], Qt.Key.Key_Return)
    window.close()
    lane.shutdown()
    store = VoteStore(tmp_path / "demo.sqlite")
    with store.reading() as conn:
        last = [i.entry for i in entry_reads.history(conn, "afscme-np4-391")][-1]
    store.close()
    assert (last.steward, last.pc) == ("a second steward", "back office PC")
