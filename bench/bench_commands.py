"""Command-line benchmarks: each command as a whole process against its floor, in
alternating pairs (the order flipped every pair), the verdict the median of pair-by-pair
ratios (docs/performance.md). On a shared, loaded machine either time moves by tens of
percent from one minute to the next; the ratio of two processes run back to back moves far
less.

    .venv/bin/python -m bench.bench_commands --demo [--pairs 15]
    .venv/bin/python -m bench.bench_commands --report [--versus OLD_CHECKOUT] [--pairs 15]
    .venv/bin/python -m bench.bench_commands --large DB [--csv FILE] [--pairs 7]

--demo: `standings` on the demo vote, against a process that imports SQLAlchemy's SQLite
dialect and reads one row. --report: `report coalition --pdf` on the demo vote, against a
process that writes a one-line PDF with Qt (ONE_LINE_PDF), and, for reference, against one
that also reads a row through SQLAlchemy (ONE_LINE_PDF_AND_ONE_ROW: the least a report made
with this stack does); with --versus, also against the same command of another checkout of
steward_app (e.g. `git archive main | tar -x -C OLD`), both started the same way.
--large (a vote made by bench.generate, e.g. 10,000 units): `standings --json`, against a
process that groups the slots by unit in SQL and prints them as JSON; and with --csv
(bench.generate --csv), `import-counts --confirm-warnings` of it into a fresh copy of the
database, against a process that reads the CSV and inserts its rows with
executemany in one transaction; with its peak memory (ru_maxrss of the child).
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from bench.bench_window import compile_package, load  # the same two for every benchmark

AUTHOR = ["--steward", "a bench steward", "--pc", "bench PC"]

ONE_ROW = """
import sys
import sqlalchemy.dialects.sqlite
from sqlalchemy import create_engine
engine = create_engine(f"sqlite:///{sys.argv[1]}")
with engine.connect() as conn:
    print(conn.exec_driver_sql("SELECT name, value FROM settings LIMIT 1").first())
"""

GROUP_BY_JSON = """
import json, sqlite3, sys
conn = sqlite3.connect(sys.argv[1])
rows = conn.execute(
    "SELECT question, unit, sum(yes), sum(no), sum(void), sum(challenged), count(*) "
    "FROM slots GROUP BY question, unit"
).fetchall()
keys = ("question", "unit", "yes", "no", "void", "challenged", "slots")
print(json.dumps([dict(zip(keys, r)) for r in rows], separators=(",", ":")))
"""

ONE_LINE_PDF = '''
"""The floor of a PDF report: what a minimal Qt program writing a PDF must do, no more,
no less.

It imports QtGui only (QtCore's module comes with it; the Qt namespace's enums, which aligned
text and styled pens need, are not touched: PySide6 builds all 93 of them at their first use),
creates a QGuiApplication offscreen, and draws one line of text with a QPainter on a
QPdfWriter, which finds the font and embeds it as a report's is.
"""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
from PySide6.QtGui import QGuiApplication, QPainter, QPdfWriter
app = QGuiApplication(["floor"])
writer = QPdfWriter(sys.argv[1])
painter = QPainter(writer)
painter.drawText(100, 300, "one line")
painter.end()
'''

ONE_LINE_PDF_AND_ONE_ROW = '''
"""The least a PDF report made with this stack does: ONE_LINE_PDF, its line read from the
database (argv[2]) through SQLAlchemy's SQLite dialect as ONE_ROW reads it."""
import os, sys
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
import sqlalchemy.dialects.sqlite
from sqlalchemy import create_engine
from PySide6.QtGui import QGuiApplication, QPainter, QPdfWriter
engine = create_engine(f"sqlite:///{sys.argv[2]}")
with engine.connect() as conn:
    row = conn.exec_driver_sql("SELECT name, value FROM settings LIMIT 1").first()
app = QGuiApplication(["floor"])
writer = QPdfWriter(sys.argv[1])
painter = QPainter(writer)
painter.drawText(100, 300, str(row))
painter.end()
'''

# `python -m steward_app` from a given checkout (argv[1]), whatever the current folder is
FROM_CHECKOUT = """
import runpy, sys
sys.path.insert(0, sys.argv.pop(1))
runpy.run_module("steward_app", run_name="__main__", alter_sys=True)
"""

CSV_EXECUTEMANY = """
import csv, sqlite3, sys
conn = sqlite3.connect(sys.argv[2], isolation_level=None)
conn.execute("PRAGMA journal_mode=WAL"); conn.execute("PRAGMA synchronous=FULL")
conn.execute("CREATE TABLE IF NOT EXISTS counts (unit TEXT, part TEXT, yes INTEGER, "
             "no INTEGER, void INTEGER, challenged INTEGER, final TEXT)")
with open(sys.argv[1], encoding="utf-8-sig", newline="") as f:
    reader = csv.reader(f); next(reader)
    conn.execute("BEGIN IMMEDIATE")
    conn.executemany("INSERT INTO counts VALUES (?, ?, ?, ?, ?, ?, ?)", reader)
    conn.execute("COMMIT")
"""


def run(command: list[str], env: dict[str, str], before: Callable[[], None] | None) -> float:
    """Milliseconds of one whole process (`before` runs first, untimed)."""
    if before is not None:
        before()
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env)
    return (time.perf_counter() - start) * 1000


def peak_mib(command: list[str], env: dict[str, str]) -> float:
    """Peak resident memory of one run of `command` (a child of a fresh Python process)."""
    probe = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True, "
        "capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe, *command], check=True, capture_output=True, text=True, env=env
    )
    return int(done.stdout.strip()) / 1024


def pairs(
    name: str,
    ours: list[str],
    floor: list[str],
    count: int,
    env: dict[str, str],
    goal: float | None,
    before_ours: Callable[[], None] | None = None,
    before_floor: Callable[[], None] | None = None,
    names: tuple[str, str] = ("ours", "floor"),
) -> None:
    run(ours, env, before_ours), run(floor, env, before_floor)  # warm-up, not counted
    started = load()
    a_times: list[float] = []
    b_times: list[float] = []
    for i in range(count):
        if i % 2:
            b, a = run(floor, env, before_floor), run(ours, env, before_ours)
        else:
            a, b = run(ours, env, before_ours), run(floor, env, before_floor)
        a_times.append(a)
        b_times.append(b)
    ratios = sorted(a / b for a, b in zip(a_times, b_times, strict=True))
    ratio = statistics.median(ratios)
    print(f"{name}: {count} alternating pairs, load average {started} -> {load()}")
    print(
        f"  {names[0]} median {statistics.median(a_times):8.0f} ms (min {min(a_times):.0f}), "
        f"{names[1]} median {statistics.median(b_times):6.0f} ms (min {min(b_times):.0f})"
    )
    verdict = "for reference" if goal is None else f"goal {goal}x: "
    if goal is not None:
        verdict += "met" if ratio <= goal else "NOT met"
    print(
        f"  median of pair ratios {ratio:.2f}x (range {ratios[0]:.2f}-{ratios[-1]:.2f}); {verdict}",
        flush=True,
    )


def main() -> None:
    compile_package()
    folder = Path(tempfile.mkdtemp(prefix="bench-commands-"))
    try:
        measure(folder)
    finally:  # copies of a large vote: most of a gigabyte each
        shutil.rmtree(folder, ignore_errors=True)


def measure(folder: Path) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--demo", action="store_true", help="standings on the demo vote")
    parser.add_argument(
        "--report", action="store_true", help="report coalition --pdf on the demo vote"
    )
    parser.add_argument(
        "--versus", type=Path, help="with --report: another checkout's steward_app (e.g. main)"
    )
    parser.add_argument("--large", type=Path, help="a vote made by bench.generate")
    parser.add_argument("--csv", type=Path, help="a counts CSV for --large (bench.generate)")
    parser.add_argument("--pairs", type=int, default=9)
    parser.add_argument("--skip-json", action="store_true")
    args = parser.parse_args()
    env = {**os.environ, "STEWARD_APP_LOG_DIR": str(folder / "logs")}
    app = [sys.executable, "-m", "steward_app"]
    py = [sys.executable, "-c"]
    print(f"command: {' '.join(sys.argv)}")
    demo = folder / "demo.sqlite"
    if args.demo or args.report:
        subprocess.run(app + ["--db", str(demo), "demo"], check=True, capture_output=True, env=env)
    if args.demo:
        pairs(
            "standings, demo vote",
            app + ["--db", str(demo), "standings"],
            py + [ONE_ROW, str(demo)],
            args.pairs,
            env,
            1.2,
        )
    if args.report:
        report(folder, demo, args.versus, args.pairs, env)
    if args.large and not args.skip_json:
        db = folder / "large.sqlite"
        shutil.copyfile(args.large, db)  # its parsed setup is kept there by the first run
        pairs(
            f"standings --json, {args.large.name}",
            app + ["--db", str(db), "standings", "--json"],
            py + [GROUP_BY_JSON, str(db)],
            args.pairs,
            env,
            3.0,
        )
    if args.large and args.csv:
        db = folder / "import.sqlite"
        plain = folder / "plain.sqlite"

        def fresh_copy() -> None:  # same name each time: the day's backup is made only once
            for p in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
                p.unlink(missing_ok=True)
            shutil.copyfile(args.large, db)

        def fresh_plain() -> None:
            for p in (plain, plain.with_name(plain.name + "-wal")):
                p.unlink(missing_ok=True)

        ours = app + ["--db", str(db), *AUTHOR, "import-counts", str(args.csv)]
        ours += ["--confirm-warnings"]
        floor = py + [CSV_EXECUTEMANY, str(args.csv), str(plain)]
        fresh_copy()
        if os.name != "nt":  # ru_maxrss: the resource module is POSIX only
            print(f"import-counts peak memory: {peak_mib(ours, env):.0f} MiB (load {load()})")
        pairs(
            f"import-counts, {args.csv.name} into {args.large.name}",
            ours,
            floor,
            args.pairs,
            env,
            10.0,
            fresh_copy,
            fresh_plain,
        )


def report(folder: Path, demo: Path, versus: Path | None, count: int, env: dict[str, str]) -> None:
    """`report coalition --pdf` on the demo vote against its floors (and another checkout)."""
    env = {**env, "QT_QPA_PLATFORM": "offscreen"}  # the same platform for every process
    py = [sys.executable, "-c"]
    command = ["--db", str(demo), "report", "coalition", "--pdf", str(folder / "ours.pdf")]
    ours = [sys.executable, "-m", "steward_app", *command]  # the real entry point
    one_line = py + [ONE_LINE_PDF, str(folder / "floor.pdf")]
    pairs("report coalition --pdf, demo vote", ours, one_line, count, env, 2.0)
    with_row = py + [ONE_LINE_PDF_AND_ONE_ROW, str(folder / "floor-row.pdf"), str(demo)]
    pairs("  the same, against a one-line PDF + one row read", ours, with_row, count, env, None)
    if versus is not None:
        compileall.compile_dir(versus / "steward_app", quiet=1)
        here = Path(__file__).resolve().parents[1]
        pairs(
            f"  the same, this checkout / {versus}",
            [*py, FROM_CHECKOUT, str(here), *command],  # both started the same way
            [*py, FROM_CHECKOUT, str(versus), *command],
            count,
            env,
            None,
            names=("this checkout", versus.name),
        )


if __name__ == "__main__":
    main()
