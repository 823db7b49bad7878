"""Window benchmarks: cold start against its honest floor, and save-to-chart latency.

    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.bench_window [--pairs 15]
    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.bench_window --instructions
    QT_QPA_PLATFORM=offscreen .venv/bin/python -m bench.bench_window --latency-only [--large DB]

Cold start is the wall time of a whole process, launch to exit, through the real entry path:
`python -m steward_app --db DEMO --exit-after-paint` (the command line, logging, the icon, the
database's single-instance claim, the window, the database opened on the lane, the first
standings painted; steward_app/ui/exit_after_paint.py). Its floor is a bare window process that
imports exactly the modules the app has loaded at that first paint (read from the app itself
at the start of each run, so the floor follows the app), runs one SQLite query through
SQLAlchemy on the same database, shows a window with the answer and exits after Qt painted it.
The two run in alternating pairs (the order flipped every pair) and the verdict is the median
of the pair-by-pair ratios, which a loaded, shared machine disturbs far less than either time.
"""

from __future__ import annotations

import argparse
import compileall
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GOAL = 1.25  # the window's first painted data within 1.25x of its floor

# the modules in sys.modules when the app quits after its first paint, written to argv[1]
MODULES_AT_PAINT = """
import json, sys
import steward_app.ui.exit_after_paint as m  # the ui package: PySide6 scans nothing after it
quit = m._ExitAfterPaint._quit
def dump(self):
    with open(sys.argv[1], "w", encoding="utf-8") as f:
        json.dump(sorted(sys.modules), f)
    quit(self)
m._ExitAfterPaint._quit = dump
from steward_app.__main__ import main
sys.exit(main(sys.argv[2:]))
"""

# the floor: argv[1] the module list, argv[2] the database
FLOOR = """
import importlib, json, sys
names = json.load(open(sys.argv[1], encoding="utf-8"))
qt = [n for n in names if n.split(".")[0] in ("PySide6", "shiboken6", "shibokensupport")]
for name in [n for n in names if n not in qt] + qt:  # the app, too, imports Qt last
    try:
        importlib.import_module(name)
    except Exception:
        pass  # modules that only exist inside another's import (e.g. __feature__)
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
from sqlalchemy import create_engine
app = QApplication(sys.argv[:1])
engine = create_engine(f"sqlite:///{sys.argv[2]}")
with engine.connect() as conn:
    slots = conn.exec_driver_sql("SELECT count(*) FROM slots").scalar()
w = QMainWindow(); w.setCentralWidget(QLabel(f"{slots} slots")); w.resize(1366, 740)
class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            app.removeEventFilter(self); QTimer.singleShot(0, app.quit)
        return False
painted = Painted(); app.installEventFilter(painted)
w.show()
sys.exit(app.exec())
"""

SKIP = re.compile(r"^(__main__|__editable__|steward_app)")


def app_command(db: Path) -> list[str]:
    return [sys.executable, "-m", "steward_app", "--db", str(db)] + AUTHOR + ["--exit-after-paint"]


AUTHOR = ["--steward", "a bench steward", "--pc", "bench PC"]


def modules_at_paint(db: Path, out: Path) -> list[str]:
    """The modules the app has loaded when it has painted its first standings, without ours."""
    subprocess.run(
        [sys.executable, "-c", MODULES_AT_PAINT, str(out), "--db", str(db)]
        + AUTHOR
        + ["--exit-after-paint"],
        check=True,
        capture_output=True,
    )
    names = [n for n in json.loads(out.read_text(encoding="utf-8")) if not SKIP.match(n)]
    out.write_text(json.dumps(names), encoding="utf-8")
    return names


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return (time.perf_counter() - start) * 1000


def load() -> str:
    """The load average (1, 5, 15 minutes), which Windows does not keep."""
    if not hasattr(os, "getloadavg"):
        return "n/a"
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def cold_start(db: Path, modules: Path, pairs: int, env: dict[str, str]) -> None:
    app = app_command(db)
    floor = [sys.executable, "-c", FLOOR, str(modules), str(db)]
    timed(app, env), timed(floor, env)  # warm the file cache; not counted
    before = load()
    ours: list[float] = []
    base: list[float] = []
    for i in range(pairs):
        if i % 2:
            b, a = timed(floor, env), timed(app, env)
        else:
            a, b = timed(app, env), timed(floor, env)
        ours.append(a)
        base.append(b)
    ratios = sorted(a / b for a, b in zip(ours, base, strict=True))
    ratio = statistics.median(ratios)
    print(f"cold start, {pairs} alternating pairs (load average before: {before}; after: {load()})")
    print(f"  steward_app to first painted standings  median {statistics.median(ours):7.0f} ms")
    print(f"  floor: bare window, same modules, 1 query median {statistics.median(base):7.0f} ms")
    print(
        f"  median of pair ratios {ratio:.2f}x (quartiles {ratios[len(ratios) // 4]:.2f}-"
        f"{ratios[3 * len(ratios) // 4]:.2f}); goal {GOAL}x: "
        f"{'met' if ratio <= GOAL else 'NOT met'}"
    )


def instructions(command: list[str], env: dict[str, str]) -> int:
    """Instructions executed by the whole process under callgrind (its threads included):
    repeatable whatever else the machine is doing."""
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        capture_output=True,
        text=True,
        check=True,
        env={**env, "PYTHONHASHSEED": "0"},
    )
    match = re.search(r"Collected : (\d+)", done.stderr)
    assert match, done.stderr[-500:]
    return int(match.group(1))


def count_instructions(db: Path, modules: Path, env: dict[str, str]) -> None:
    ours = instructions(app_command(db), env)
    base = instructions([sys.executable, "-c", FLOOR, str(modules), str(db)], env)
    print(f"cold start in instructions (callgrind, whole process; load average {load()}):")
    print(f"  steward_app to first painted standings  {ours / 1e6:9.1f} M")
    print(f"  floor: bare window, same modules, 1 query {base / 1e6:9.1f} M")
    ratio = ours / base
    print(f"  ratio {ratio:.2f}x; goal {GOAL}x: {'met' if ratio <= GOAL else 'NOT met'}")


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


def compile_package() -> None:
    """Bytecode for every module of steward_app, as an installed copy has (pip and the
    bundles compile it). Without it, a checkout run with PYTHONDONTWRITEBYTECODE, or after
    edits, compiles each changed module from source at every start, and the benchmark would
    count that compiling as start-up (it was 300 M instructions of the dashboard's, here)."""
    import steward_app

    compileall.compile_dir(Path(steward_app.__file__).parent, quiet=1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pairs", type=int, default=15, help="alternating pairs of processes")
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
    # the app's log goes to the run's folder, not the user's
    env = {**os.environ, "STEWARD_APP_LOG_DIR": str(folder / "logs")}
    demo_db = folder / "demo.sqlite"
    # make the demo database once so every timed start opens the same file
    subprocess.run(
        [sys.executable, "-m", "steward_app", "--db", str(demo_db), "demo"],
        check=True,
        capture_output=True,
        env=env,
    )
    if args.latency_only:
        print_latency(folder, args.large)
        return
    modules = folder / "modules.json"
    names = modules_at_paint(demo_db, modules)
    third_party = sorted({n.split(".")[0] for n in names if n.split(".")[0] in LIBRARIES})
    print(f"command: QT_QPA_PLATFORM={os.environ['QT_QPA_PLATFORM']} {' '.join(sys.argv)}")
    print(f"modules at first paint: {len(names)} besides ours; libraries: {', '.join(third_party)}")
    qt = sorted(n for n in names if n.startswith("PySide6.Qt"))
    print(f"  Qt modules: {', '.join(qt)}")
    if args.instructions:
        count_instructions(demo_db, modules, env)
        return
    cold_start(demo_db, modules, args.pairs, env)
    print_latency(folder, args.large)


# the libraries reported by name (the rest of the list is the standard library)
LIBRARIES = frozenset(
    {"PySide6", "shiboken6", "sqlalchemy", "cryptography", "platformdirs", "pyqtgraph"}
    | {"numpy", "alembic", "typing_extensions", "greenlet"}
)


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
