"""A logoff or shutdown (the session manager's commit-data request, Windows's
WM_QUERYENDSESSION) writes the shared-folder export a change still waits for, before the
request returns: Windows ends the process soon after, with no close event."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import SIGNAL
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from steward_app.services import exchange
from steward_app.sync import bundle, files
from steward_app.ui.end_session import write_on_session_end
from steward_app.ui.main_window import MainWindow
from tests.conftest import SECOND, STEWARD
from tests.ui.test_exchange_window import idle, on_lane, record, state_text


def state_in(path: Path) -> str:
    return bundle.open_file(path.read_bytes(), None, None).manifest.state_code


def test_the_end_of_the_session_writes_the_export_that_waits_for_its_delay(
    qtbot: QtBot, demo_window: MainWindow, tmp_path: Path
) -> None:
    w = demo_window
    shared = w.exchange.shared
    share = tmp_path / "share"
    share.mkdir()
    state_text(qtbot, w)
    w.exchange.use_shared_folder(share)
    idle(qtbot, w)
    (own,) = files.tally_files(share)
    before = state_in(own)
    record(qtbot, w, STEWARD, "1340", "500")
    qtbot.waitUntil(shared.debounce.isActive, timeout=20000)  # the export waits its 2 s
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    signal = SIGNAL("commitDataRequest(QSessionManager&)")
    listening = app.receivers(signal)
    ending = write_on_session_end(app, shared.flush)
    try:
        assert app.receivers(signal) == listening + 1  # connected to Qt's request
        # what that request runs (Qt emits it on WM_QUERYENDSESSION with a session manager,
        # which Python cannot construct: the slot is called as the signal would)
        ending.on_commit_data_request(None)
    finally:
        ending.remove()
    assert app.receivers(signal) == listening
    # written before the request returned: no event loop ran in between
    assert ending.requests == 1 and not shared.debounce.isActive()
    store = w.session.store if w.session else None
    assert store is not None
    now = on_lane(qtbot, w, lambda: exchange.state_code(store))
    assert state_in(own) == now.code != before
    # the logoff was cancelled elsewhere: the window goes on, the next change is exported
    idle(qtbot, w)
    record(qtbot, w, SECOND, "1341", "500")
    qtbot.waitUntil(shared.debounce.isActive, timeout=20000)
