"""Start the window: show it first, then open the database on the lane."""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication

from steward_app.bundled import icon_files


def app_icon() -> QIcon:
    """The application icon in every size shipped, so each place Qt shows it gets a sharp one."""
    icon = QIcon()
    for path in icon_files():
        icon.addFile(str(path))
    return icon


def run_window(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("steward_app")
    app.setApplicationName("steward_app")
    app.setWindowIcon(app_icon())
    app.setDesktopFileName("steward-app")  # Wayland: the window belongs to steward-app.desktop
    from steward_app.services.locations import default_db_path
    from steward_app.ui.database_lane import DatabaseLane
    from steward_app.ui.first_run import window_author
    from steward_app.ui.main_window import MainWindow
    from steward_app.ui.start_up import settle_after_first_view
    from steward_app.ui.window_start import claim_database

    if args.demo:
        # a fresh copy each time: the demo never mixes with a real vote
        db_path = Path(tempfile.mkdtemp(prefix="steward-demo-")) / "demo.sqlite"
    else:
        db_path = args.db or default_db_path()
    claim = claim_database(db_path)  # on this PC's disk, and one window per database
    if claim.instance is None:
        return int(claim.exit_code or 0)
    db_path = claim.db_path
    author = window_author(args.steward, args.pc)  # asked once, kept in the settings
    lane = DatabaseLane()
    window = MainWindow(lane, db_path, author, demo=args.demo)
    claim.instance.follow(window)  # a second start on this database brings it to the front
    settle_after_first_view(window)
    window.show()
    code = app.exec()
    lane.shutdown()
    claim.instance.release()
    # tear the window down while Qt is still alive: letting interpreter shutdown collect it
    # after a grab() crashes inside the bindings (seen with PySide6 6.12 and pyqtgraph 0.14)
    window.deleteLater()
    app.processEvents()
    del window
    gc.collect()
    return int(code)
