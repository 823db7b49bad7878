"""Command-line benchmarks: each command as a whole process against its floor, in
alternating pairs (the order flipped every pair), the verdict the median of pair-by-pair
ratios (docs/performance.md). On a shared, loaded machine either time moves by tens of
percent from one minute to the next; the ratio of two processes run back to back moves far
less.

    .venv/bin/python -m bench.bench_commands --demo [--pairs 15]
    .venv/bin/python -m bench.bench_commands --large DB [--csv FILE] [--pairs 7]

--demo: `standings` on the demo vote, against a process that imports SQLAlchemy's SQLite
dialect and reads one row. --large (a vote made by bench.generate, e.g. 10,000 units):
`standings --json`, against a process that groups the slots by unit in SQL and prints them as
JSON; and with --csv (bench.generate --csv), `import-counts --confirm-warnings` of it into a
fresh copy of the database, against a process that reads the CSV and inserts its rows with
executemany in one transaction; with its peak memory (ru_maxrss of the child).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

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


def load() -> str:
    """The load average (1, 5, 15 minutes), which Windows does not keep."""
    if not hasattr(os, "getloadavg"):
        return "n/a"
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


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
    goal: float,
    before_ours: Callable[[], None] | None = None,
    before_floor: Callable[[], None] | None = None,
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
        f"  ours median {statistics.median(a_times):8.0f} ms (min {min(a_times):.0f}), "
        f"floor median {statistics.median(b_times):6.0f} ms (min {min(b_times):.0f})"
    )
    print(
        f"  median of pair ratios {ratio:.2f}x (range {ratios[0]:.2f}-{ratios[-1]:.2f}); "
        f"goal {goal}x: {'met' if ratio <= goal else 'NOT met'}",
        flush=True,
    )


def main() -> None:
    folder = Path(tempfile.mkdtemp(prefix="bench-commands-"))
    try:
        measure(folder)
    finally:  # copies of a large vote: most of a gigabyte each
        shutil.rmtree(folder, ignore_errors=True)


def measure(folder: Path) -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--demo", action="store_true", help="standings on the demo vote")
    parser.add_argument("--large", type=Path, help="a vote made by bench.generate")
    parser.add_argument("--csv", type=Path, help="a counts CSV for --large (bench.generate)")
    parser.add_argument("--pairs", type=int, default=9)
    parser.add_argument("--skip-json", action="store_true")
    args = parser.parse_args()
    env = {**os.environ, "STEWARD_APP_LOG_DIR": str(folder / "logs")}
    app = [sys.executable, "-m", "steward_app"]
    py = [sys.executable, "-c"]
    print(f"command: {' '.join(sys.argv)}")
    if args.demo:
        demo = folder / "demo.sqlite"
        subprocess.run(app + ["--db", str(demo), "demo"], check=True, capture_output=True, env=env)
        pairs(
            "standings, demo vote",
            app + ["--db", str(demo), "standings"],
            py + [ONE_ROW, str(demo)],
            args.pairs,
            env,
            1.2,
        )
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


if __name__ == "__main__":
    main()
