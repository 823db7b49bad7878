"""Window benchmarks: cold start, save-to-chart latency, peak memory, each against baselines
measured in the same run.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.bench_window [--runs 7] [--large DB]

Cold start is the wall time of a whole process, from launch to exit right after the moment
measured (first painted window, or the dashboard with data and charts), against a bare PySide6
window and a bare window that also imports pyqtgraph and SQLAlchemy (with its ORM, and without
it as steward_app), started the same way.
"""

from __future__ import annotations

import argparse
import compileall
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BARE = """
import resource, sys
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
{imports}
app = QApplication(sys.argv[:1])
w = QMainWindow(); w.setCentralWidget(QLabel("Hello")); w.resize(1366, 740); w.show()
app.processEvents()
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
"""

APP = """
import gc; gc.disable()  # as steward_app.__main__ does (ui/start_up.py)
import resource, sys, pathlib
# as steward_app.__main__ does, the services (and SQLAlchemy) come before Qt, with the command
# line: PySide6 does not scan them for `from __feature__` (see steward_app/ui/__init__.py)
from steward_app.services.authors import Author
from PySide6.QtWidgets import QApplication
from PySide6.QtCore import QTimer
app = QApplication(sys.argv[:1])
from steward_app.ui.database_lane import DatabaseLane
from steward_app.ui.main_window import MainWindow
from steward_app.ui.start_up import settle_after_first_view
lane = DatabaseLane()
w = MainWindow(lane, pathlib.Path(sys.argv[1]), Author("a steward", "bench PC"),
               demo=sys.argv[2] == "demo")
settle_after_first_view(w)
w.resize(1366, 740)
def done(*_):
    app.processEvents()
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
    app.exit(0)
if sys.argv[3] == "first-paint":
    w.show(); app.processEvents(); done()
else:
    w.standings_shown.connect(done); w.show(); app.exec()
lane.shutdown()
import os; os._exit(0)  # the benchmark measures start-up, not teardown
"""


def run_process(code: str, *args: str) -> tuple[float, int]:
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True
    )
    elapsed = time.perf_counter() - start
    rss_kb = int(done.stdout.strip().splitlines()[-1])
    return elapsed * 1000, rss_kb


def instructions(code: str, *args: str) -> int:
    """Instructions executed by the whole process under callgrind: repeatable whatever else
    the machine is doing (wall time on a shared 2-core machine varies by 15-30%)."""
    done = subprocess.run(
        [
            "valgrind",
            "--tool=callgrind",
            "--callgrind-out-file=/dev/null",
            sys.executable,
            "-c",
            code,
            *args,
        ],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "PYTHONHASHSEED": "0"},
    )
    match = re.search(r"Collected : (\d+)", done.stderr)
    assert match, done.stderr[-500:]
    return int(match.group(1))


def median_run(runs: int, code: str, *args: str) -> tuple[float, int]:
    results = [run_process(code, *args) for _ in range(runs)]
    return statistics.median(r[0] for r in results), max(r[1] for r in results)


def save_latency(db: Path, demo: bool, saves: int) -> list[tuple[float, float]]:
    """Milliseconds from a save request to the views repainted with the new numbers: wall
    time, and the CPU time the process used meanwhile (both threads). On a shared machine the
    wall time includes waiting for a core; the CPU time is what the save itself costs."""
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from steward_app.domain.counts import WHOLE_UNIT, SlotKey
    from steward_app.services.authors import Author
    from steward_app.ui.count_form import SaveRequest
    from steward_app.ui.database_lane import DatabaseLane
    from steward_app.ui.main_window import MainWindow

    app = QApplication.instance() or QApplication(sys.argv[:1])
    lane = DatabaseLane()
    window = MainWindow(lane, db, Author("a bench steward", "bench PC"), demo=demo)
    window.resize(1366, 740)
    shown: list[float] = []
    window.standings_shown.connect(lambda _s: shown.append(time.perf_counter()))
    window.show()
    while not shown:
        app.processEvents()
    while window.lane.busy:  # start-up work queued behind the first view (a daily backup)
        app.processEvents()
    standings = window.standings
    assert standings is not None
    question = standings.vote.questions[0].id
    q = standings.questions[question]
    targets = [
        u
        for u in standings.vote.units
        if not u.parts and not u.is_subgroup and not q.units[u.id].report.reported
    ]
    latencies = []
    for unit in targets[:saves]:
        request = SaveRequest(
            SlotKey(question, unit.id, WHOLE_UNIT),
            {"yes": str(unit.eligible // 3), "no": str(unit.eligible // 4)},
            True,
            False,
            "",
            True,
        )
        before = len(shown)
        start, cpu = time.perf_counter(), time.process_time()
        window._on_form_save_requested(request)
        if len(shown) == before:  # wait without spinning, so the CPU time is the save's own
            waiting = QEventLoop()
            window.standings_shown.connect(waiting.quit)
            window.lane.busy_changed.connect(waiting.quit)
            waiting.exec()
            window.standings_shown.disconnect(waiting.quit)
            window.lane.busy_changed.disconnect(waiting.quit)
        if len(shown) == before:
            raise RuntimeError(f"the save was refused: {window.form.message.text()}")
        # the frame that shows the new numbers: Qt paints what the update marked as changed
        app.processEvents()
        latencies.append(((time.perf_counter() - start) * 1000, (time.process_time() - cpu) * 1000))
        # a steward types for seconds between two saves: what a save leaves to do afterwards
        # (the state code after a pause, the form's own repaint) happens then, not in the next
        # save's time
        pause = QEventLoop()
        QTimer.singleShot(SETTLE_MS, pause.quit)
        pause.exec()
    window.close()
    lane.shutdown()
    return latencies


SETTLE_MS = 500  # between two saves in the latency measurement (longer than STATUS_PAUSE_MS)
SCAN_OFF = "import shibokensupport.feature as f; f._mod_uses_pyside = lambda m: False"
LIBS = "import pyqtgraph, sqlalchemy, sqlalchemy.orm"
# steward_app declares its tables in SQLAlchemy Core (store/schema.py) and never loads the ORM
LIBS_CORE = "import pyqtgraph, sqlalchemy"
BASE, BASE_CORE, DASHBOARD = 2, 3, 5  # rows of `variants` the ratios are taken against


def variants(demo_db: Path) -> list[tuple[str, str, tuple[str, ...]]]:
    """The processes compared: (name, code, arguments)."""
    return [
        ("bare PySide6 window", BARE.format(imports=""), ()),
        ("bare window + pyqtgraph + SQLAlchemy", BARE.format(imports=LIBS), ()),
        (
            "  the same, import scan off (as the app)",
            BARE.format(imports=f"{SCAN_OFF}\n{LIBS}"),
            (),
        ),
        (
            "  the same without SQLAlchemy's ORM",
            BARE.format(imports=f"{SCAN_OFF}\n{LIBS_CORE}"),
            (),
        ),
        ("steward_app: first painted window", APP, (str(demo_db), "existing", "first-paint")),
        (
            "steward_app: dashboard with data and charts",
            APP,
            (str(demo_db), "existing", "dashboard"),
        ),
    ]


def print_goal(values: list[float]) -> None:
    for base, libraries in ((BASE, "with the ORM"), (BASE_CORE, "without the ORM")):
        ratio = values[DASHBOARD] / values[base]
        print(
            f"  goal: dashboard within 1.25x of the bare window with pyqtgraph and SQLAlchemy "
            f"({libraries}): {ratio:.2f}x -> {'met' if ratio <= 1.25 else 'NOT met'}"
        )


def count_instructions(demo_db: Path) -> None:
    counts = [(name, instructions(code, *a)) for name, code, a in variants(demo_db)]
    base = counts[BASE][1]
    print(
        f"command: QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']} "
        f"{sys.executable} -m bench.bench_window --instructions"
    )
    print("\ncold start in instructions (callgrind, whole process):")
    for name, n in counts:
        print(
            f"  {name:<46} {n / 1e6:9.1f} M  {n / counts[0][1]:5.2f}x bare  "
            f"{n / base:5.2f}x bare+libs (scan off)"
        )
    print_goal([n for _, n in counts])


def compile_package() -> None:
    """Bytecode for every module of steward_app, as an installed copy has (pip and the
    bundles compile it). Without it, a checkout run with PYTHONDONTWRITEBYTECODE, or after
    edits, compiles each changed module from source at every start, and the benchmark would
    count that compiling as start-up (it was 300 M instructions of the dashboard's, here)."""
    import steward_app

    compileall.compile_dir(Path(steward_app.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--large", type=Path, help="a large vote's database (bench.generate)")
    parser.add_argument(
        "--latency-only", action="store_true", help="only the save-to-repaint latency"
    )
    parser.add_argument(
        "--instructions",
        action="store_true",
        help="count instructions under callgrind instead of timing (slow)",
    )
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    compile_package()
    folder = Path(tempfile.mkdtemp(prefix="bench-window-"))
    demo_db = folder / "demo.sqlite"
    # make the demo database once so every timed start opens the same file
    subprocess.run(
        [sys.executable, "-m", "steward_app", "--db", str(demo_db), "demo"],
        check=True,
        capture_output=True,
    )

    if args.instructions:
        count_instructions(demo_db)
        return
    if args.latency_only:
        print_latency(folder, args.large)
        return
    rows = [(name, median_run(args.runs, code, *a)) for name, code, a in variants(demo_db)]
    bare, base = rows[0][1][0], rows[BASE][1][0]
    print(
        f"command: QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']} "
        f"{sys.executable} -m bench.bench_window --runs {args.runs}"
    )
    print(f"\ncold start, median of {args.runs} processes (launch to exit), peak RSS:")
    for name, (ms, rss) in rows:
        print(
            f"  {name:<46} {ms:8.0f} ms  {ms / bare:5.2f}x bare  "
            f"{ms / base:5.2f}x bare+libs (scan off)  {rss / 1024:6.1f} MB"
        )
    print_goal([ms for _, (ms, _rss) in rows])

    print_latency(folder, args.large)


def _say_latency(what: str, latencies: list[tuple[float, float]], goal_ms: int) -> None:
    wall = statistics.median(w for w, _ in latencies)
    cpu = statistics.median(c for _, c in latencies)
    print(
        f"save to repainted views, {what}: median {wall:.1f} ms wall "
        f"(max {max(w for w, _ in latencies):.1f}), {cpu:.1f} ms CPU; goal {goal_ms} ms: "
        f"{'met' if wall <= goal_ms else 'met in CPU time only' if cpu <= goal_ms else 'NOT met'}"
    )


def print_latency(folder: Path, large: Path | None) -> None:
    print()
    _say_latency("demo vote", save_latency(folder / "fresh-demo.sqlite", True, 8), 16)
    if large and large.exists():
        copy = folder / large.name  # the saves go into a copy: the cached vote stays as made
        shutil.copyfile(large, copy)
        _say_latency(f"large vote ({large.name})", save_latency(copy, False, 8), 100)
    else:
        print("large vote: pass --large with a database made by bench.generate")


if __name__ == "__main__":
    main()
