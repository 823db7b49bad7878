"""A tally file dragged straight out of an Outlook mail: no file on disk, only a
FILEGROUPDESCRIPTORW (names) and FileContents (bytes), as Qt hands them over on Windows.
The MIME data is built here as Qt builds it from Outlook's drag."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from pytestqt.qtbot import QtBot

from steward_app.ui import exchange_actions, virtual_drop
from steward_app.ui.main_window import MainWindow
from tests.ui.conftest import open_window
from tests.ui.test_exchange_window import export, results_text, state_text


@pytest.fixture(autouse=True)
def no_modal_boxes(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(exchange_actions.QMessageBox, "information", lambda *a, **k: None)


@pytest.fixture
def empty_window(qtbot: QtBot, tmp_path: Path) -> Iterator[MainWindow]:
    window, lane = open_window(qtbot, tmp_path / "second" / "vote.sqlite", demo=False)
    yield window
    window.close()
    lane.shutdown()


def outlook_drag(data: bytes, *names: str) -> QMimeData:
    mime = QMimeData()
    mime.setData(virtual_drop.DESCRIPTOR, QByteArray(virtual_drop.descriptor_of(*names)))
    mime.setData(virtual_drop.CONTENTS, QByteArray(data))
    return mime


def enter_accepted(window: MainWindow, mime: QMimeData) -> bool:
    enter = QDragEnterEvent(
        QPoint(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    enter.setAccepted(False)
    return window.exchange.eventFilter(window, enter) and enter.isAccepted()


def dropped(window: MainWindow, mime: QMimeData) -> bool:
    event = QDropEvent(
        QPointF(5, 5),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    event.setAccepted(False)
    return window.exchange.eventFilter(window, event) and event.isAccepted()


def test_the_descriptor_s_names_are_read() -> None:
    raw = virtual_drop.descriptor_of("evening – Łódź.tally", "notes.txt")
    assert virtual_drop.names_in(raw) == ("evening – Łódź.tally", "notes.txt")
    assert virtual_drop.names_in(raw[:100]) == ()  # cut short: no descriptor whole
    assert virtual_drop.names_in(b"") == ()


def test_a_tally_file_dragged_from_a_mail_is_imported(
    qtbot: QtBot, demo_window: MainWindow, empty_window: MainWindow, tmp_path: Path
) -> None:
    file = export(qtbot, demo_window, tmp_path / "out" / "evening.tally")
    mime = outlook_drag(file.read_bytes(), "hall office results.tally")
    assert enter_accepted(empty_window, mime)
    with qtbot.waitSignal(empty_window.standings_shown, timeout=20000):
        assert dropped(empty_window, mime)
    assert "hall office results.tally: joined the vote" in results_text(empty_window)
    assert state_text(qtbot, empty_window) == state_text(qtbot, demo_window)


def test_a_mail_attachment_that_is_no_tally_file_is_not_taken(empty_window: MainWindow) -> None:
    mime = outlook_drag(b"%PDF-1.7", "minutes.pdf")
    assert not enter_accepted(empty_window, mime)
    assert not dropped(empty_window, mime)


def test_of_several_attachments_the_first_is_taken_and_the_rest_named(
    qtbot: QtBot,
    demo_window: MainWindow,
    empty_window: MainWindow,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    said: list[str] = []
    say = empty_window.exchange._say
    monkeypatch.setattr(empty_window.exchange, "_say", lambda t, ms: (said.append(t), say(t, ms)))
    file = export(qtbot, demo_window, tmp_path / "out" / "evening.tally")
    mime = outlook_drag(file.read_bytes(), "first.tally", "second.tally")
    with qtbot.waitSignal(empty_window.standings_shown, timeout=20000):
        assert dropped(empty_window, mime)
    assert "first.tally: joined the vote" in results_text(empty_window)
    assert "second.tally" not in results_text(empty_window)
    assert any("drag the other attachments one at a time" in t for t in said)
