"""Time the vote engine on a large synthetic vote against plain-SQLite baselines of the same run.

    python -m bench.bench_engine [--scale small|large] [--only a,b,c,demo] [--profile a|b|c|demo]
                                 [--json PATH] [--keep]

a. record one count and refresh the standings (services.counting.record_count, then
   StandingsCache.refresh with its changes; the cache loaded beforehand), on distinct empty
   slots. Baseline: one plain sqlite3 INSERT + COMMIT (WAL, synchronous=FULL) in bench/out/.
b. full standings from scratch: StandingsCache(store).load() on a fresh VoteStore each time.
   Baseline: SELECT unit_id, SUM(yes), SUM(no), SUM(void) ... GROUP BY unit_id over a plain
   table holding the same count rows (one per entry), in a separate file.
c. import a counts CSV into a fresh database holding the same setup (import_counts). Baseline:
   plain sqlite3 executemany of the same rows into a plain table, one transaction.
demo. (a) on the built-in demo vote (services.vote_setup.load_demo).

Each baseline sample is taken right after the matching sample of ours, so both see the same
load on a shared machine; the table gives medians. The generated database is cached under
bench/out/ (gitignored) and reused when its parameters and the schema match; measurements run
on a copy, so runs do not change it. docs/performance.md has the current verdict;
docs/dev/performance-notebook.md the history of the figures and how to read them.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import io
import json
import os
import platform
import pstats
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench.generate import (
    COORDINATOR,
    FillSpec,
    SetupSpec,
    all_slots,
    cache_name,
    cached_database,
    counts_csv_rows,
    setup_toml,
    write_csv_rows,
)
from steward_app.domain.counts import SlotKey
from steward_app.domain.setup_file import parse_setup
from steward_app.domain.vote import Vote
from steward_app.services.authors import Author
from steward_app.services.counting import import_counts, record_count
from steward_app.services.standings_cache import StandingsCache
from steward_app.services.vote_setup import create_vote, load_demo
from steward_app.store.vote_store import VoteStore

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"
BENCH_AUTHOR = Author("bench-steward", "bench-pc")


@dataclass(frozen=True)
class Scale:
    setup: SetupSpec
    fill: FillSpec
    csv_rows: int
    records: int = 20  # (a): timed records, each on its own slot
    loads: int = 7  # (b): timed loads
    imports: int = 3  # (c): timed imports


SCALES = {
    "small": Scale(SetupSpec(20, 200), FillSpec(20_000), csv_rows=2_000),
    "large": Scale(SetupSpec(500, 10_000), FillSpec(1_000_000), csv_rows=100_000),
}


# --- results -------------------------------------------------------------------------------


@dataclass
class Result:
    key: str
    name: str
    ours: list[float]  # seconds, one per repetition
    baseline: list[float]
    max_ratio: float
    max_ms: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def ours_ms(self) -> float:
        return statistics.median(self.ours) * 1000

    @property
    def baseline_ms(self) -> float:
        return statistics.median(self.baseline) * 1000

    @property
    def ratio(self) -> float:
        return self.ours_ms / self.baseline_ms if self.baseline_ms else float("inf")

    @property
    def goal(self) -> str:
        if self.max_ms is not None:
            return f"< {self.max_ms:g} ms and < {self.max_ratio:g}x"
        return f"<= {self.max_ratio:g}x"

    @property
    def met(self) -> bool:
        ok_ms = self.max_ms is None or self.ours_ms < self.max_ms
        ok_ratio = (
            self.ratio < self.max_ratio
            if self.max_ms is not None
            else (self.ratio <= self.max_ratio)
        )
        return ok_ms and ok_ratio


def _spread(values: Sequence[float]) -> str:
    return f"{min(values) * 1000:,.1f}-{max(values) * 1000:,.1f}"


def format_table(results: Sequence[Result]) -> str:
    header = ("measurement", "ours (ms)", "baseline (ms)", "ratio", "goal", "met")
    rows = [header] + [
        (
            f"{r.key}. {r.name}",
            f"{r.ours_ms:,.1f}",
            f"{r.baseline_ms:,.2f}",
            f"{r.ratio:,.1f}x",
            r.goal,
            "yes" if r.met else "no",
        )
        for r in results
    ]
    widths = [max(len(row[i]) for row in rows) for i in range(len(header))]
    lines = []
    for n, row in enumerate(rows):
        lines.append("| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |")
        if n == 0:
            lines.append("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


# --- helpers -------------------------------------------------------------------------------


class Profiler:
    """cProfile switched on only around the timed calls of the chosen measurement."""

    def __init__(self, target: str | None) -> None:
        self.target = target
        self.profile = cProfile.Profile() if target else None

    @contextmanager
    def around(self, key: str) -> Iterator[None]:
        if self.profile is not None and key == self.target:
            self.profile.enable()
            try:
                yield
            finally:
                self.profile.disable()
        else:
            yield

    def report(self, top: int = 30) -> str:
        if self.profile is None:
            return ""
        out = io.StringIO()
        stats = pstats.Stats(self.profile, stream=out)
        stats.strip_dirs()
        stats.sort_stats("cumulative").print_stats(top)
        stats.sort_stats("tottime").print_stats(top)
        return out.getvalue()


def _remove_db(path: Path) -> None:
    """A benchmark database and what lies beside it: WAL files and the PC signing key file
    the app makes for a steward's first entry (`<database>.key`)."""
    for suffix in ("", "-wal", "-shm", ".key"):
        p = path.with_name(path.name + suffix)
        if p.exists():
            p.unlink()


def _plain_db(path: Path) -> sqlite3.Connection:
    """A plain sqlite3 connection with the app's durability: WAL, synchronous=FULL."""
    _remove_db(path)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    return con


_PLAIN_COUNTS = (
    "CREATE TABLE counts(unit TEXT, part TEXT, yes INTEGER, no INTEGER, "
    "void INTEGER, challenged INTEGER, final INTEGER)"
)
_PLAIN_INSERT = "INSERT INTO counts VALUES (?, ?, ?, ?, ?, ?, ?)"


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def empty_slots(store: VoteStore, vote: Vote, wanted: int) -> list[SlotKey]:
    """`wanted` slots with no entry, from as many different units as possible, spread out."""
    with store.reading() as conn:
        filled = {
            (q, u, p) for q, u, p in conn.exec_driver_sql("SELECT question, unit, part FROM slots")
        }
    free = [s for s in all_slots(vote) if (s.question, s.unit, s.part) not in filled]
    picked: list[SlotKey] = []
    seen_units: set[str] = set()
    step = max(1, len(free) // (wanted * 2))
    for s in free[::step] + free:
        if len(picked) == wanted:
            break
        if s.unit not in seen_units:
            picked.append(s)
            seen_units.add(s.unit)
    for s in free:  # fewer units than wanted: allow several slots of one unit
        if len(picked) == wanted:
            break
        if s not in picked:
            picked.append(s)
    if len(picked) < wanted:
        raise RuntimeError(f"only {len(picked)} empty slots; the benchmark needs {wanted}")
    return picked


def _numbers_for(vote: Vote, slot: SlotKey, n: int) -> dict[str, object]:
    unit = vote.unit_by_id[slot.unit]
    cap = max(4, unit.eligible // max(1, len(unit.parts)))
    yes = cap // 3 + n % 7
    no = cap // 4 + n % 5
    return {"yes": min(yes, cap - 2), "no": min(no, cap // 2), "void": 1}


# --- baselines, one sample per call (interleaved with ours: both see the same noise) ------


class InsertBaseline:
    """(a) One plain INSERT + COMMIT into a WAL, synchronous=FULL database in bench/out/."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "baseline-insert.sqlite"
        self.con = _plain_db(self.path)
        self.con.execute(_PLAIN_COUNTS)
        self.n = 0
        self.sample()  # the first one creates the WAL file

    def sample(self) -> float:
        self.n += 1
        row = (f"unit-{self.n}", "p01", 100 + self.n, 80, 2, 0, 0)
        t0 = time.perf_counter()
        self.con.execute("BEGIN")
        self.con.execute(_PLAIN_INSERT, row)
        self.con.execute("COMMIT")
        return time.perf_counter() - t0

    def close(self) -> None:
        self.con.close()
        _remove_db(self.path)


_BASELINE_QUERY = "SELECT unit_id, SUM(yes), SUM(no), SUM(void) FROM counts GROUP BY unit_id"


def group_by_sample(path: Path) -> float:
    """(b) The plain GROUP BY over the copied count rows, on a fresh connection."""
    con = sqlite3.connect(path)
    try:
        t0 = time.perf_counter()
        con.execute(_BASELINE_QUERY).fetchall()
        return time.perf_counter() - t0
    finally:
        con.close()


def executemany_sample(folder: Path, data: list[tuple[str, str, int, int, int, int, int]]) -> float:
    """(c) executemany of the same rows into a plain table of a new WAL, synchronous=FULL file,
    one transaction (rows already parsed: CSV reading is not in the baseline)."""
    return _timed_executemany(folder / "baseline-import.sqlite", _PLAIN_COUNTS, _PLAIN_INSERT, data)


def _timed_executemany(path: Path, create: str, insert: str, rows: Sequence[Any]) -> float:
    """Seconds to executemany `rows` in one transaction into the table `create` makes, in a
    new WAL, synchronous=FULL file that is removed afterwards."""
    con = _plain_db(path)
    try:
        con.execute(create)
        t0 = time.perf_counter()
        con.execute("BEGIN")
        con.executemany(insert, rows)
        con.execute("COMMIT")
        return time.perf_counter() - t0
    finally:
        con.close()
        _remove_db(path)


# --- a. record one count and refresh -------------------------------------------------------


@dataclass
class RecordTimes:
    total: list[float] = field(default_factory=list)
    record: list[float] = field(default_factory=list)
    refresh: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)


def _record_plan(
    store: VoteStore, vote: Vote, wanted: int, confirm_existing: bool
) -> list[tuple[SlotKey, dict[str, object]]]:
    if not confirm_existing:
        return [
            (s, _numbers_for(vote, s, i)) for i, s in enumerate(empty_slots(store, vote, wanted))
        ]
    with store.reading() as conn:
        rows = conn.exec_driver_sql(
            "SELECT question, unit, part, status, yes, no, void, challenged FROM slots"
        ).all()
    values = {SlotKey(q, u, p): (st, y, n, v, c) for q, u, p, st, y, n, v, c in rows}
    plan: list[tuple[SlotKey, dict[str, object]]] = []
    for i, slot in enumerate(all_slots(vote)):
        got = values.get(slot)
        if got is None:
            plan.append((slot, _numbers_for(vote, slot, i)))
        elif got[0] == "value":  # a second steward confirms it with the same numbers
            plan.append((slot, {"yes": got[1], "no": got[2], "void": got[3], "challenged": got[4]}))
    if len(plan) < wanted:
        raise RuntimeError(f"the vote has only {len(plan)} usable slots; {wanted} needed")
    return plan[:wanted]


def measure_record(
    db: Path, records: int, profiler: Profiler, key: str, confirm_existing: bool = False
) -> RecordTimes:
    """Record counts on distinct slots, each followed by a refresh of the loaded cache, each
    paired with one baseline INSERT + COMMIT.

    With `confirm_existing` (the demo vote, which has few empty slots) slots that hold one
    value are confirmed by a second steward with the same numbers; the others are empty ones.
    """
    store = VoteStore(db)
    baseline = InsertBaseline(db.parent)
    try:
        vote = store.vote()
        assert vote is not None
        cache = StandingsCache(store)
        cache.load()
        times = RecordTimes()
        plan = _record_plan(store, vote, records + 1, confirm_existing)
        for n, (slot, numbers) in enumerate(plan):
            with profiler.around(key if n else ""):
                t0 = time.perf_counter()
                result = record_count(store, BENCH_AUTHOR, slot, numbers, confirm_warnings=True)
                t1 = time.perf_counter()
                cache.refresh(result.changes)
                t2 = time.perf_counter()
            assert result.entry_id is not None, result.note
            if n == 0:
                continue  # the first record also creates the bench steward's origin
            times.record.append(t1 - t0)
            times.refresh.append(t2 - t1)
            times.total.append(t2 - t0)
            times.baseline.append(baseline.sample())
        return times
    finally:
        baseline.close()
        store.close()


# --- b. full standings from scratch --------------------------------------------------------


def measure_load(
    db: Path, plain: Path, n: int, profiler: Profiler
) -> tuple[list[float], list[float]]:
    """(ours, baseline): a fresh VoteStore and StandingsCache(store).load() each time, then the
    plain GROUP BY. The first pair warms the file cache and is not counted."""
    ours: list[float] = []
    base: list[float] = []
    for i in range(n + 1):
        store = VoteStore(db)
        try:
            cache = StandingsCache(store)
            with profiler.around("b" if i else ""):
                elapsed = _timed(cache.load)
        finally:
            store.close()
        plain_elapsed = group_by_sample(plain)
        if i:
            ours.append(elapsed)
            base.append(plain_elapsed)
    return ours, base


def plain_counts_db(source: Path, target: Path) -> int:
    """A separate file with one plain row (unit_id, yes, no, void) per count entry of `source`.

    Built once per generated database (cached beside it); returns its row count."""
    if not target.exists():
        partial = target.with_name(target.name + ".partial")
        _remove_db(partial)
        con = sqlite3.connect(partial, isolation_level=None)
        try:
            con.execute("ATTACH DATABASE ? AS src", (str(source),))
            con.execute("CREATE TABLE counts(unit_id TEXT, yes INTEGER, no INTEGER, void INTEGER)")
            con.execute("BEGIN")
            con.execute(
                "INSERT INTO counts SELECT k.unit, e.yes, e.no, e.void "
                "FROM src.entries e JOIN src.entry_keys k ON k.id = e.key_id "
                "WHERE k.kind = 'count' ORDER BY e.id"
            )
            con.execute("COMMIT")
            con.execute("DETACH DATABASE src")
        finally:
            con.close()
        partial.replace(target)
    con = sqlite3.connect(target)
    try:
        return int(con.execute("SELECT COUNT(*) FROM counts").fetchone()[0])
    finally:
        con.close()


# --- c. import a CSV -----------------------------------------------------------------------


@dataclass
class ImportTimes:
    ours: list[float] = field(default_factory=list)
    baseline: list[float] = field(default_factory=list)  # executemany of the CSV's rows
    stored: list[float] = field(default_factory=list)  # of the entry rows stored, no index
    floor: list[float] = field(default_factory=list)  # of every row stored, in our tables


def measure_import(
    folder: Path,
    setup_text: str,
    csv_path: Path,
    data: list[tuple[str, str, int, int, int, int, int]],
    n: int,
    profiler: Profiler,
) -> ImportTimes:
    """import_counts into a new database holding the setup (create_vote is not timed), then
    the plain executemany of the same rows, then two readings of what the import stored: the
    entry rows into a plain table (the file-exchange bench's baseline), and every row it
    stored put back into the app's own tables (`storage_floor_sample`)."""
    times = ImportTimes()
    ours, base, stored = times.ours, times.baseline, times.stored
    for _ in range(n):
        db = folder / "import.sqlite"
        _remove_db(db)
        store = VoteStore(db)
        try:
            create_vote(store, setup_text, COORDINATOR)
            with csv_path.open(encoding="utf-8", newline="") as f, profiler.around("c"):
                t0 = time.perf_counter()
                result = import_counts(store, BENCH_AUTHOR, f, confirm_warnings=True)
                ours.append(time.perf_counter() - t0)
            assert result.recorded == len(data), result
        finally:
            store.close()
        try:
            stored.append(stored_rows_sample(folder, db))
            times.floor.append(storage_floor_sample(db))
        finally:
            _remove_db(db)
        base.append(executemany_sample(folder, data))
    return times


# what an import into a new vote writes: its count keys, count entries and slots (a CSV
# import writes no supersession unless a row corrects another, which the bench's rows do not)
_STORED_BY_IMPORT = (
    ("entry_keys", "kind = 'count'"),
    ("entries", "type LIKE 'count.%'"),
    ("slots", "1"),
    ("supersessions", "1"),
)


def storage_floor_sample(db: Path) -> float:
    """Every row an import stored, taken out of its database and put back by executemany in
    one transaction, with the app's pragmas (store.database: WAL, synchronous=FULL, foreign
    keys checked): what SQLite alone needs to store them in our tables and indexes, nothing
    computed. The database is then as the import left it, rows and all."""
    con = sqlite3.connect(db, isolation_level=None)
    try:
        taken: list[tuple[str, list[tuple[Any, ...]]]] = []
        con.execute("BEGIN")
        for table, where in _STORED_BY_IMPORT:
            rows = con.execute(f"SELECT * FROM {table} WHERE {where}").fetchall()
            con.execute(f"DELETE FROM {table} WHERE {where}")
            taken.append((table, rows))
        con.execute("COMMIT")
        con.execute("VACUUM")  # no free pages left for the rows to go back into
        con.execute("PRAGMA journal_mode=WAL")
        con.execute("PRAGMA synchronous=FULL")
        con.execute("PRAGMA foreign_keys=ON")
        t0 = time.perf_counter()
        con.execute("BEGIN")
        for table, rows in taken:
            if rows:
                marks = ", ".join("?" * len(rows[0]))
                con.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)
        con.execute("COMMIT")
        return time.perf_counter() - t0
    finally:
        con.close()


def stored_rows_sample(folder: Path, db: Path) -> float:
    """executemany of the entry rows an import stored (every column, its JSON text included)
    into a plain table with no index, in a new WAL, synchronous=FULL file, one transaction."""
    with contextlib.closing(sqlite3.connect(db)) as source:
        cursor = source.execute("SELECT * FROM entries")
        rows = cursor.fetchall()
        columns = [d[0] for d in cursor.description]
    return _timed_executemany(
        folder / "baseline-stored.sqlite",
        f"CREATE TABLE stored ({', '.join(columns)})",
        f"INSERT INTO stored VALUES ({', '.join('?' * len(columns))})",
        rows,
    )


def _typed_rows(cells: list[tuple[str, ...]]) -> list[tuple[str, str, int, int, int, int, int]]:
    return [
        (u, p, int(y), int(no), int(v), int(c), 1 if f == "yes" else 0)
        for u, p, y, no, v, c, f in cells
    ]


# --- the run -------------------------------------------------------------------------------


def code_version() -> str:
    """The commit measured, and whether steward_app/ had uncommitted changes (read-only git)."""

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", "--no-optional-locks", *args],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        return done.stdout.strip()

    try:
        head = git("rev-parse", "--short", "HEAD")
        dirty = git("status", "--porcelain", "--", "steward_app")
    except (OSError, subprocess.SubprocessError):
        return "unknown"
    if not head:
        return "unknown"
    return head + (" with uncommitted changes in steward_app/" if dirty else "")


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


MEASUREMENTS = ("a", "b", "c", "demo")


def run(
    scale_name: str, profiler: Profiler, keep: bool, only: Sequence[str] = MEASUREMENTS
) -> tuple[list[Result], dict[str, object]]:
    scale = SCALES[scale_name]
    OUT.mkdir(parents=True, exist_ok=True)
    info: dict[str, object] = {
        "scale": scale_name,
        "python": sys.version.split()[0],
        "sqlite": sqlite3.sqlite_version,
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "code": code_version(),
    }
    started = time.perf_counter()

    _say(f"generated database ({scale_name}) ...")
    t0 = time.perf_counter()
    cached, stats, reused = cached_database(OUT, scale.setup, scale.fill, progress=sys.stderr)
    info["generation"] = {
        "reused": reused,
        "seconds": round(time.perf_counter() - t0, 1),
        "fill_seconds": round(stats.seconds, 1),
        "stats": asdict(stats),
    }
    _say(
        f"  {'reused' if reused else 'generated'} {cached.name} ({time.perf_counter() - t0:.1f} s)"
    )
    setup_text = setup_toml(scale.setup)
    vote = parse_setup(setup_text)
    results: list[Result] = []
    plain = OUT / f"{cache_name(scale.setup, scale.fill)}-plain.sqlite"
    if not reused:  # derived from the old database: build it again
        _remove_db(plain)

    if "a" in only or "b" in only:
        work = OUT / f"work-{scale_name}.sqlite"
        _remove_db(work)
        shutil.copyfile(cached, work)
        try:
            if "b" in only:  # before a: the work copy is then exactly the generated database
                _say("b. full standings from scratch ...")
                plain_rows = plain_counts_db(cached, plain)
                loads, group_by = measure_load(work, plain, scale.loads, profiler)
                results.append(
                    Result(
                        "b",
                        f"full standings (load), {plain_rows:,} count entries",
                        loads,
                        group_by,
                        max_ratio=3,
                    )
                )
            if "a" in only:
                _say("a. record one count + refresh ...")
                rec = measure_record(work, scale.records, profiler, "a")
                a = Result(
                    "a",
                    "record one count + refresh",
                    rec.total,
                    rec.baseline,
                    max_ratio=20,
                    max_ms=50,
                )
                a.notes = [
                    f"record_count median {statistics.median(rec.record) * 1000:,.1f} ms "
                    f"(spread {_spread(rec.record)}), refresh median "
                    f"{statistics.median(rec.refresh) * 1000:,.1f} ms "
                    f"(spread {_spread(rec.refresh)})"
                ]
                results.insert(0, a)
        finally:
            if not keep:
                _remove_db(work)

    if "c" in only:
        _say(f"c. import {scale.csv_rows:,} counts from CSV ...")
        csv_path = OUT / f"{cache_name(scale.setup, scale.fill)}-counts-{scale.csv_rows}.csv"
        cells = counts_csv_rows(vote, scale.csv_rows)
        write_csv_rows(csv_path, cells)
        times = measure_import(
            OUT, setup_text, csv_path, _typed_rows(cells), scale.imports, profiler
        )
        c = Result(
            "c",
            f"import {scale.csv_rows:,} counts from CSV",
            times.ours,
            times.baseline,
            max_ratio=5,
        )
        stored_ms = statistics.median(times.stored) * 1000
        floor_ms = statistics.median(times.floor) * 1000
        c.notes = [
            f"per row: ours {c.ours_ms * 1000 / scale.csv_rows:,.1f} µs, baseline "
            f"{c.baseline_ms * 1000 / scale.csv_rows:,.2f} µs (medians)",
            f"against executemany of the entry rows the import stored (their JSON text "
            f"included, no index; file exchange's baseline): {stored_ms:,.1f} ms, "
            f"{c.ours_ms / stored_ms:.1f}x",
            f"storage floor: every row the import stored put back into our tables and indexes "
            f"by executemany, nothing computed: {floor_ms:,.1f} ms, "
            f"{floor_ms / c.baseline_ms:.1f}x the baseline (ours is {c.ours_ms / floor_ms:.1f}x "
            f"the floor)",
        ]
        results.append(c)

    if "demo" in only:
        _say("demo. record one count + refresh on the demo vote ...")
        demo_db = OUT / "demo.sqlite"
        _remove_db(demo_db)
        demo_store = VoteStore(demo_db)
        try:
            load_demo(demo_store, COORDINATOR)
        finally:
            demo_store.close()
        demo = measure_record(demo_db, 20, profiler, "demo", confirm_existing=True)
        d = Result(
            "demo",
            "demo vote: record one count + refresh",
            demo.total,
            demo.baseline,
            max_ratio=20,
            max_ms=50,
        )
        d.notes = [
            f"record_count median {statistics.median(demo.record) * 1000:,.1f} ms, "
            f"refresh median {statistics.median(demo.refresh) * 1000:,.1f} ms"
        ]
        results.append(d)
        _remove_db(demo_db)
    info["seconds_total"] = round(time.perf_counter() - started, 1)
    return results, info


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.bench_engine",
        description=__doc__.split("\n\n")[0] if __doc__ else None,
    )
    parser.add_argument("--scale", choices=sorted(SCALES), default="small")
    parser.add_argument(
        "--profile",
        choices=("a", "b", "c", "demo"),
        help="profile the timed calls of one measurement (its times inflate)",
    )
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--keep", action="store_true", help="keep the work copy in bench/out")
    parser.add_argument("--only", help="comma-separated subset of a,b,c,demo (default: all)")
    args = parser.parse_args(argv)
    only = tuple(args.only.split(",")) if args.only else MEASUREMENTS
    unknown = [m for m in only if m not in MEASUREMENTS]
    if unknown:
        parser.error(f"unknown measurement(s) {', '.join(unknown)}; choose from a,b,c,demo")

    profiler = Profiler(args.profile)
    results, info = run(args.scale, profiler, args.keep, only)
    python = Path(sys.executable)
    if python.is_relative_to(Path.cwd()):
        python = python.relative_to(Path.cwd())
    command = " ".join(
        [str(python), "-m", "bench.bench_engine", *(sys.argv[1:] if argv is None else list(argv))]
    )
    print(f"command: {command}  (from {Path.cwd()})")
    print(
        f"code: {info['code']}; python {info['python']}, sqlite {info['sqlite']}, "
        f"{info['cpus']} cpus, {info['platform']}"
    )
    print(f"scale {args.scale}; medians; whole run {info['seconds_total']} s")
    gen = info["generation"]
    assert isinstance(gen, dict)
    print(
        f"generated database: {'reused' if gen['reused'] else 'generated'} "
        f"(generation {gen['fill_seconds']} s)"
    )
    print()
    print(format_table(results))
    print()
    for r in results:
        print(
            f"{r.key}: ours {_spread(r.ours)} ms over {len(r.ours)} runs; baseline "
            f"{_spread(r.baseline)} ms over {len(r.baseline)} runs"
        )
        for note in r.notes:
            print(f"   {note}")
    if args.profile:
        print()
        print(f"profile of {args.profile} (timed calls only; times above are inflated):")
        print(profiler.report())
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "command": command,
                    "info": info,
                    "results": [
                        {
                            "key": r.key,
                            "name": r.name,
                            "ours_ms": r.ours_ms,
                            "baseline_ms": r.baseline_ms,
                            "ratio": r.ratio,
                            "goal": r.goal,
                            "met": r.met,
                            "ours": r.ours,
                            "baseline": r.baseline,
                            "notes": r.notes,
                        }
                        for r in results
                    ],
                },
                indent=2,
            ),
            encoding="utf-8",
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
