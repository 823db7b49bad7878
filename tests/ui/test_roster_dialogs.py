"""This PC's key and the coordinator's roster work from the window: the same services the
commands call, refusals in words, nothing changed by a refusal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from pytestqt.qtbot import QtBot

from steward_app.domain.identity import key_text
from steward_app.services import roster
from steward_app.services.changes import Changes
from steward_app.services.counting import declared_outcomes
from steward_app.sync.keys import PcSecret
from steward_app.ui.main_window import MainWindow
from steward_app.ui.roster_dialogs import (
    AcceptDialog,
    DeclareDialog,
    KeyDialog,
    SetupChangeDialog,
    TrustDialog,
)
from tests.conftest import STEWARD
from tests.ui.test_exchange_window import on_lane


def said(qtbot: QtBot, dialog: Any, words: str) -> str:
    try:
        qtbot.waitUntil(lambda: words in dialog.message.text(), timeout=20000)
    except Exception:
        raise AssertionError(f"said instead: {dialog.message.text()}") from None
    return str(dialog.message.text())


def test_the_key_is_shown_in_help_with_the_lines_for_the_coordinator(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus[-2:] == ["Coordina&tor", "&Help"]  # Alt+T: C is Challenged/Create
    w.roster.show_key()
    dialog = w.roster.dialogs["key"]
    assert isinstance(dialog, KeyDialog)
    store = w.session.store if w.session else None
    assert store is not None
    mine = on_lane(qtbot, w, lambda: roster.my_key(store, STEWARD))
    text = said(qtbot, dialog, "Fingerprint")
    assert f"Fingerprint: {mine.fingerprint}" in text and "coordinator's key" in text
    qtbot.waitUntil(dialog.copy.isEnabled, timeout=5000)
    dialog.copy.click()
    assert f'key = "{mine.public_key}"' in QGuiApplication.clipboard().text()


def test_the_coordinator_lists_a_key_from_the_window(
    qtbot: QtBot, demo_window: MainWindow, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = demo_window
    other = PcSecret(Path("other.key"), "db", bytes(range(32))).signer("a new steward", "PC 7")
    w.roster.trust()
    dialog = w.roster.dialogs["trust"]
    assert isinstance(dialog, TrustDialog)
    dialog.key.setText(key_text(other.public))
    dialog.name.setText("a new steward, PC 7")
    dialog.ok.click()
    assert "at least one union" in said(qtbot, dialog, "at least one union")  # nothing sent
    dialog.unions.item(0).setCheckState(Qt.CheckState.Checked)
    dialog.reason.setText("joined tonight")
    store = w.session.store if w.session else None
    assert store is not None
    before = on_lane(qtbot, w, lambda: roster.roster_lines(store))
    # the demo's setup lists no keys: the service refuses, in its words, and nothing changes
    dialog.ok.click()
    said(qtbot, dialog, "lists no stewards' keys")
    assert on_lane(qtbot, w, lambda: roster.roster_lines(store)) == before
    # on a vote that lists keys, the dialog hands the service what the command would
    calls: list[tuple[Any, ...]] = []

    def trust(*args: Any, **kwargs: Any) -> tuple[str, Changes]:
        calls.append((*args[1:], kwargs))
        return "ABCD-EFGH-IJKL-MNOP", Changes()

    monkeypatch.setattr(roster, "trust_key", trust)
    dialog.ok.click()
    said(qtbot, dialog, "Listed a new steward, PC 7 (ABCD-EFGH-IJKL-MNOP)")
    first_union = w.standings.vote.unions[0].id if w.standings else ""
    assert calls == [
        (
            STEWARD,
            key_text(other.public),
            [first_union],
            "a new steward, PC 7",
            {"reason": "joined tonight"},
        )
    ]


def test_a_declared_outcome_is_recorded_and_a_bad_setup_changes_nothing(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    w = demo_window
    store = w.session.store if w.session else None
    assert store is not None
    w.roster.declare()
    declare = w.roster.dialogs["declare"]
    assert isinstance(declare, DeclareDialog)
    declare.outcome.setCurrentIndex(declare.outcome.findData("approved"))
    declare.note.setPlainText("announced at the hall")
    declare.ok.click()
    said(qtbot, declare, "Recorded the declared outcome: approved")

    def read() -> Any:
        with store.reading() as conn:
            return declared_outcomes(conn)

    (declared,) = on_lane(qtbot, w, read)
    assert declared.outcome == "approved" and declared.note == "announced at the hall"

    broken = tmp_path / "setup.toml"
    broken.write_text("[vote]\ntitle = \n", encoding="utf-8")
    w.roster.change_setup()
    change = w.roster.dialogs["setup"]
    assert isinstance(change, SetupChangeDialog)
    change.path.setText(str(broken))
    change.reason.setText("typo")
    before = on_lane(qtbot, w, store.vote)
    change.ok.click()
    text = said(qtbot, change, "nothing was changed")
    assert "problem" in text and change.message.styleSheet()  # shown as a refusal
    assert on_lane(qtbot, w, store.vote) == before


def test_accept_lists_the_held_entries(qtbot: QtBot, demo_window: MainWindow) -> None:
    w = demo_window
    w.roster.accept()
    dialog = w.roster.dialogs["accept"]
    assert isinstance(dialog, AcceptDialog)
    said(qtbot, dialog, "No entries are held apart.")
    assert not dialog.ok.isEnabled()


def test_a_held_entry_shows_its_reason_in_the_language_spoken(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """The stored code (held_entries.reason) is shown as hold_reason_text says it; the detail
    as it was stored."""
    from steward_app.domain.authority import HoldReason
    from steward_app.domain.counts import CountValues, SlotKey
    from steward_app.domain.entries import GENESIS, EntryKey, EntryType, make_entry, values_body
    from steward_app.domain.language import in_language
    from steward_app.services.roster import HeldEntry

    entry = make_entry(
        vote="ab" * 32,
        type=EntryType.COUNT_ENTERED,
        origin="A" * 16,
        seq=1,
        prev=GENESIS,
        key=EntryKey.count(SlotKey("q", "b1")),
        body=values_body(CountValues(4, 1)),
        steward="a steward",
        pc="a PC",
        recorded_at="2026-12-07T13:00:00+00:00",
    )
    held = HeldEntry(entry, HoldReason.UNKNOWN_KEY, "as stored", "2026-12-07", "steward3.tally")
    w = demo_window
    w.roster.accept()
    dialog = w.roster.dialogs["accept"]
    assert isinstance(dialog, AcceptDialog)
    said(qtbot, dialog, "No entries are held apart.")  # the lane's own load, done first
    with in_language("es"):
        dialog._show_held([held])
    assert "clave desconocida, as stored" in dialog.entries.item(0).text()
    dialog._show_held([held])
    assert "unknown key, as stored" in dialog.entries.item(0).text()
