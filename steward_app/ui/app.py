"""Start the window: show it first, then open the database on the lane."""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from steward_app.services.authors import Author, default_author


def run_window(args: argparse.Namespace) -> int:
    app = QApplication.instance() or QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setOrganizationName("steward_app")
    app.setApplicationName("steward_app")
    from steward_app.services.locations import default_db_path
    from steward_app.ui.database_lane import DatabaseLane
    from steward_app.ui.main_window import MainWindow
    from steward_app.ui.start_up import settle_after_first_view

    if args.demo:
        # a fresh copy each time: the demo never mixes with a real vote
        db_path = Path(tempfile.mkdtemp(prefix="steward-demo-")) / "demo.sqlite"
    else:
        db_path = args.db or default_db_path()
    base = default_author()
    author = Author(args.steward or base.steward, args.pc or base.pc)
    lane = DatabaseLane()
    window = MainWindow(lane, db_path, author, demo=args.demo)
    settle_after_first_view(window)
    window.show()
    code = app.exec()
    lane.shutdown()
    # tear the window down while Qt is still alive: letting interpreter shutdown collect it
    # after a grab() crashes inside the bindings (seen with PySide6 6.12 and pyqtgraph 0.14)
    window.deleteLater()
    app.processEvents()
    del window
    gc.collect()
    return int(code)
