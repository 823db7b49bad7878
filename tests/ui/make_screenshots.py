"""Render the window's main states to docs/screenshots/ (run under Xvfb for a real window),
at the screen's size: 1366x768 gives NAME.png, any other size NAME-WIDTHxHEIGHT.png.

xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tests.ui.make_screenshots
xvfb-run -a -s "-screen 0 1024x600x24" .venv/bin/python -m tests.ui.make_screenshots

In Spanish (NAME-es.png, NAME-es-1024x600.png), or in the pseudo-translation that lengthens
every sentence by 40% (to look for cut-off text; written to a folder given with --out):

xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python -m tests.ui.make_screenshots --lang es
xvfb-run -a -s "-screen 0 1024x600x24" .venv/bin/python -m tests.ui.make_screenshots \
    --lang pseudo --out /some/folder
"""

from __future__ import annotations

import argparse
import gc
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QEventLoop, QSettings, QTimer
from PySide6.QtWidgets import QApplication

from steward_app.domain.counts import SlotKey
from steward_app.services.counting import record_count
from steward_app.services.exchange import export_file, import_file
from steward_app.services.vote_setup import load_demo
from steward_app.store.vote_store import VoteStore
from steward_app.ui.chart_fonts import apply_zoom
from steward_app.ui.database_lane import DatabaseLane
from steward_app.ui.main_window import MainWindow
from steward_app.ui.window_language import apply_language
from tests.conftest import SECOND, STEWARD
from tests.ui.pseudo_translation import install_pseudo

OUT = Path(__file__).resolve().parents[2] / "docs" / "screenshots"


def wait(ms: int) -> None:
    loop = QEventLoop()
    QTimer.singleShot(ms, loop.quit)
    loop.exec()


SUFFIX = [""]  # "" at 1366x768, "-1024x600" at that size; "-es" before it in Spanish


def shoot(window: MainWindow, name: str) -> None:
    wait(400)
    screen = QApplication.primaryScreen()
    image = screen.grabWindow(0) if QApplication.platformName() == "xcb" else window.grab()
    target = OUT_FOLDER[0] / f"{name}{SUFFIX[0]}.png"
    image.save(str(target))
    print(f"wrote {target}")


def window_on(path: Path, demo: bool) -> tuple[MainWindow, DatabaseLane]:
    lane = DatabaseLane()
    window = MainWindow(lane, path, STEWARD, demo=demo)
    screen = QApplication.primaryScreen().geometry()
    # the whole width, the height less a task bar's 28 pixels (at most 740, as it opens)
    window.setGeometry(0, 0, screen.width(), min(740, screen.height() - 28))
    window.show()
    shown: list[object] = []
    window.standings_shown.connect(shown.append)
    for _ in range(100):
        if shown:
            break
        wait(100)
    return window, lane


def state(path: Path, demo: bool, name: str, act: Callable[[MainWindow], None]) -> None:
    window, lane = window_on(path, demo)
    act(window)
    shoot(window, name)
    window.close()
    lane.shutdown()
    window.deleteLater()
    QApplication.processEvents()
    del window
    gc.collect()


OUT_FOLDER = [OUT]


def main() -> None:
    parser = argparse.ArgumentParser(description="the window's screenshots")
    parser.add_argument("--lang", default="en", help="en, es, or pseudo (40%% longer text)")
    parser.add_argument("--out", type=Path, default=OUT, help="where (default docs/screenshots)")
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    OUT_FOLDER[0] = args.out
    apply_language("en" if args.lang == "pseudo" else args.lang)
    if args.lang == "pseudo":
        install_pseudo(app)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    folder = Path(tempfile.mkdtemp())
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
    OUT_FOLDER[0].mkdir(parents=True, exist_ok=True)
    size = QApplication.primaryScreen().geometry()
    language = "" if args.lang == "en" else f"-{args.lang}"
    sized = (
        "" if (size.width(), size.height()) == (1366, 768) else f"-{size.width()}x{size.height()}"
    )
    SUFFIX[0] = language + sized

    state(folder / "empty.sqlite", False, "start-page", lambda w: None)

    def dashboard(w: MainWindow) -> None:
        w.tree.setCurrentIndex(w.tree_model.index_for("union", "afscme"))

    state(folder / "demo.sqlite", True, "demo-dashboard", dashboard)

    def entry_with_errors(w: MainWindow) -> None:
        w.tree.setCurrentIndex(w.tree_model.index_for("unit", "afscme-np4-391"))
        w.form.edits["yes"].setText("1,300")
        w.form.edits["no"].setText("5OO")
        w.form.edits["void"].setText("-2")

    state(folder / "demo.sqlite", True, "entry-with-errors", entry_with_errors)

    def blind_entry(w: MainWindow) -> None:
        w.tree.setCurrentIndex(w.tree_model.index_for("unit", "afscme-p2"))
        wait(300)
        w.form.blind.setChecked(True)
        w.form.second_name.setText("a second steward")
        w.form.edits["yes"].setText("1421")

    state(folder / "demo.sqlite", True, "blind-entry", blind_entry)

    def large_font(w: MainWindow) -> None:
        for _ in range(4):
            w._zoom(1)
        w.tree.setCurrentIndex(w.tree_model.index_for("union", "afscme"))
        wait(600)

    state(folder / "demo.sqlite", True, "large-font", large_font)
    QSettings().remove("window/zoom")  # the next states at the normal size
    apply_zoom(0)

    def evening(w: MainWindow) -> None:
        w.tree.setCurrentIndex(w.tree_model.index_for("union", "afscme"))
        w.tabs.setCurrentWidget(w.timeline_chart)
        wait(800)

    state(folder / "demo.sqlite", True, "evening-timeline", evening)

    def what_if(w: MainWindow) -> None:
        w.tabs.setCurrentWidget(w.what_if)
        w.what_if.turnout.setValue(65)
        w.what_if.yes.setValue(58)
        wait(800)

    state(folder / "demo.sqlite", True, "what-if", what_if)

    # a conflict: two stewards entered different numbers for Local 391
    conflict_db = folder / "conflict.sqlite"
    window, lane = window_on(conflict_db, True)
    window.close()
    lane.shutdown()
    assert window.session is not None
    store = window.session.store
    slot = SlotKey("concessions", "afscme-np4-391")
    record_count(store, STEWARD, slot, {"yes": "1340", "no": "500", "void": "4"}, final=True)
    record_count(store, SECOND, slot, {"yes": "1304", "no": "500", "void": "4"}, final=True)
    store.close()

    def conflict(w: MainWindow) -> None:
        w.tree.setCurrentIndex(w.tree_model.index_for("unit", "afscme-np4-391"))

    state(conflict_db, False, "conflict", conflict)

    def conflicts_view(w: MainWindow) -> None:
        w.exchange.open_conflicts()
        wait(800)

    state(conflict_db, False, "conflicts-view", conflicts_view)

    # file exchange: a second PC joined from the first one's file, then got a later file
    files_folder = folder / "files"
    files_folder.mkdir()
    first = VoteStore(folder / "first" / "first.sqlite")
    load_demo(first, STEWARD)
    opening = export_file(first, STEWARD, files_folder / "opening.tally")
    second_db = folder / "second" / "second.sqlite"
    second = VoteStore(second_db)
    assert opening.path is not None
    import_file(second, opening.path)
    record_count(first, STEWARD, slot, {"yes": "1340", "no": "500", "void": "4"}, final=True)
    later = export_file(first, STEWARD, files_folder / "hall office, 21h.tally")
    assert later.path is not None
    import_file(second, later.path)
    first.close()
    second.close()

    def history(w: MainWindow) -> None:
        w.exchange.open_history()
        wait(800)

    state(second_db, False, "import-history", history)
    app.quit()


if __name__ == "__main__":
    main()
