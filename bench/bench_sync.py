"""Time exporting and importing tally files against plain sqlite3 in the same run.

    python -m bench.bench_sync [--entries 100000] [--pcs 12] [--repeat 3] [--phases]

A synthetic vote (units reported by parts) whose entries come from `--pcs` stewards' PCs,
each with its own Ed25519 key: first counts, confirmations, conflicting counts and
corrections, every PC's entries hash-chained and signed, in one tally file as an export would
write it (sync.bundle.build). Then, each on a fresh copy of an empty database:

first import     services.exchange.import_bytes of that file (every check, then one
                 transaction). Baseline: plain sqlite3 executemany of the same rows (the
                 entries table's columns, no index) into a new table, one transaction, WAL and
                 synchronous=FULL like the app, in the same folder. Goal: within 5x. Also
                 shown: the same rows into a table with the entries table's three indexes.
repeat import    the same file again (known by its sha256). Goal: under 0.3x of the baseline.
same content     a second export of the same entries (other bytes, nothing new): checked,
                 then recognised from its signed list of chain ends. Reported, no goal.
export           services.exchange.export_bytes from the database the first import filled,
                 then export_file's read-back check. Reported, no goal.

Each measurement runs in a fresh process (what is not timed, e.g. building the baseline's rows,
is done first), interleaved, `--repeat` times, in the opposite order every other time; ratios
are the median of each repetition's ratio to its own baseline, with their range. Everything
runs in bench/out/sync/ (gitignored).

`--phases`: instead, `--repeat` first imports (each in a fresh process) with a timer around
each phase (PHASES), and a table of where the time goes.
"""

from __future__ import annotations

import argparse
import contextlib
import hashlib
import json
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from steward_app.domain.counts import CountValues, SlotKey
from steward_app.domain.entries import (
    GENESIS,
    SETUP_KEY,
    Entry,
    EntryKey,
    EntryType,
    make_entry,
    values_body,
)
from steward_app.domain.identity import key_text
from steward_app.domain.setup_file import setup_hash
from steward_app.services import exchange, import_run
from steward_app.services.authors import Author
from steward_app.services.collector import collector_paused
from steward_app.store import entry_log
from steward_app.store.vote_store import VoteStore
from steward_app.sync import arrivals, bundle
from steward_app.sync.keys import Signer, signer_from_private

OUT = Path(__file__).resolve().parent / "out" / "sync"
QUESTION = "ratify"
READER = Author("bench reader", "bench reader PC")


def setup_text(units: int, coordinator: Signer) -> str:
    """A vote of 20 unions and `units` units, most reporting by four parts."""
    lines = [
        "format = 1",
        "",
        "[vote]",
        'id = "bench-sync"',
        'title = "File exchange benchmark"',
        "",
        "[coordinator]",
        f'key = "{key_text(coordinator.public)}"',
        "",
        "[coalition]",
        'name = "Benchmark coalition"',
        "",
        "[coalition.rule]",
        "min_unions = 10",
        "",
        "[[questions]]",
        f'id = "{QUESTION}"',
        'text = "Ratify?"',
    ]
    per_union = max(1, units // 20)
    for u in range(20):
        lines += [
            "",
            "[[unions]]",
            f'id = "union-{u}"',
            f'name = "Union {u}"',
            "membership = 5000",
            'membership_source = "bench"',
            "membership_as_of = 2024-01-01",
        ]
        for n in range(per_union):
            parts = json.dumps([f"site-{p}" for p in range(4)])
            lines += [
                "",
                "[[unions.units]]",
                f'id = "unit-{u}-{n}"',
                f'name = "Unit {u}.{n}"',
                "eligible = 400",
                f"parts = {parts}" if n % 5 else "",
            ]
    return "\n".join(lines) + "\n"


def _slots(units: int) -> list[SlotKey]:
    per_union = max(1, units // 20)
    out = []
    for u in range(20):
        for n in range(per_union):
            if n % 5:
                out += [SlotKey(QUESTION, f"unit-{u}-{n}", f"site-{p}") for p in range(4)]
            else:
                out.append(SlotKey(QUESTION, f"unit-{u}-{n}"))
    return out


@dataclass
class _Chain:
    signer: Signer
    steward: str
    pc: str
    seq: int = 0
    prev: str = GENESIS


def signed_file(
    entries: int, pcs: int, seed: int = 7, units: int = 1000, order: str = "stored"
) -> tuple[bytes, str]:
    """The bytes of a tally file holding `entries` entries from `pcs` PCs, and its setup.
    `order`: "stored" (by origin then seq, as every version writes them), or, for a hostile
    file signed as it is (bench/hostile_files.py), "shuffled" or "last-swapped" (its last
    two lines swapped)."""
    rng = random.Random(seed)
    keys = [
        signer_from_private(
            Ed25519PrivateKey.from_private_bytes(hashlib.sha256(f"pc-{seed}-{i}".encode()).digest())
        )
        for i in range(pcs)
    ]
    chains = [_Chain(k, f"steward {i + 1}", f"PC {i + 1}") for i, k in enumerate(keys)]
    text = setup_text(units, keys[0])
    vote = setup_hash(text)
    made: list[Entry] = []

    def add(chain: _Chain, **kw: object) -> Entry:
        chain.seq += 1
        e = make_entry(
            vote=vote,
            origin=chain.signer.origin,
            seq=chain.seq,
            prev=chain.prev,
            steward=chain.steward,
            pc=chain.pc,
            recorded_at=f"2024-05-14T20:{chain.seq // 60 % 60:02d}:{chain.seq % 60:02d}-04:00",
            **kw,  # type: ignore[arg-type]
        )
        chain.prev = e.id
        made.append(e)
        return e

    add(chains[0], type=EntryType.SETUP, key=SETUP_KEY, body={"toml": text})
    slots = _slots(units)
    heads: dict[SlotKey, list[tuple[str, int, dict[str, object]]]] = {}  # (id, pc, body)
    while len(made) < entries:
        pc = rng.randrange(pcs)
        slot = rng.choice(slots)
        current = heads.get(slot, [])
        yes, no = rng.randrange(400), rng.randrange(200)
        values = values_body(CountValues(yes, no, rng.randrange(5), final=rng.random() < 0.5))
        mine = [h for h, p, _ in current if p == pc]
        if mine:  # a correction of this PC's own count
            e = add(
                chains[pc],
                type=EntryType.COUNT_CORRECTED,
                key=EntryKey.count(slot),
                body=values,
                supersedes=mine,
                reason="recounted",
            )
            heads[slot] = [h for h in current if h[1] != pc] + [(e.id, pc, values)]
        else:  # a first count, or a second steward's: confirming (mostly) or conflicting
            if current and rng.random() < 0.7:
                values = current[0][2]
            e = add(chains[pc], type=EntryType.COUNT_ENTERED, key=EntryKey.count(slot), body=values)
            heads[slot] = [*current, (e.id, pc, values)]
    made.sort(key=lambda e: (e.origin, e.seq))
    if order == "shuffled":
        rng.shuffle(made)
    elif order == "last-swapped":
        made[-2:] = made[:-3:-1]
    checkpoints = [bundle.sign_checkpoint(c.signer, vote, c.seq, c.prev) for c in chains if c.seq]
    data = bundle.build(
        vote=vote,
        title="File exchange benchmark",
        mode="official",
        exporter=keys[0],
        steward=chains[0].steward,
        pc=chains[0].pc,
        created="2024-05-14T23:00:00-04:00",
        lines=[e.raw for e in made],
        checkpoints=checkpoints,
        state_code="",
    )
    return data, text


# --- the measurements ----------------------------------------------------------------------


def _plain_rows(data: bytes) -> list[tuple[object, ...]]:
    """The entries table's rows for the file's entries (what the baseline inserts)."""
    from steward_app.domain.entries import parse_entry

    opened = bundle.open_file(data, None, None)
    rows = []
    for line in opened.read_lines():
        e = parse_entry(line)
        b = e.body
        numbers = (
            (
                b["yes"],
                b["no"],
                b.get("void", 0),
                b.get("challenged", 0),
                b.get("eligible"),
                b.get("final", False),
            )
            if e.type.is_count
            else (None,) * 6
        )
        key = f"{e.key.kind}|{e.key.question}|{e.key.unit}|{e.key.part}"
        rows.append(
            (
                bytes.fromhex(e.id),
                e.origin,
                e.seq,
                e.type.value,
                key,
                e.recorded_at,
                e.raw,
                *numbers,
            )
        )
    return rows


def plain_insert(folder: Path, rows: Sequence[tuple[object, ...]], indexed: bool = False) -> float:
    """executemany into a plain table; `indexed`: with the entries table's three indexes."""
    path = folder / "plain.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    con = sqlite3.connect(path, isolation_level=None)
    con.execute("PRAGMA journal_mode=WAL")
    con.execute("PRAGMA synchronous=FULL")
    con.execute(
        "CREATE TABLE entries(hash BLOB, origin TEXT, seq INTEGER, type TEXT, key TEXT, "
        "recorded_at TEXT, raw BLOB, yes INTEGER, no INTEGER, void INTEGER, challenged INTEGER, "
        "eligible INTEGER, final INTEGER)"
    )
    if indexed:
        con.execute("CREATE UNIQUE INDEX h ON entries(hash)")
        con.execute("CREATE INDEX os ON entries(origin, seq)")
        con.execute("CREATE INDEX k ON entries(key)")
    t0 = time.perf_counter()
    con.execute("BEGIN")
    con.executemany("INSERT INTO entries VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    con.execute("COMMIT")
    took = time.perf_counter() - t0
    con.close()
    return took


def _fresh(template: Path, target: Path) -> VoteStore:
    for suffix in ("", "-wal", "-shm", ".key"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copy(template, target)
    return VoteStore(target)


def _timed(fn: Callable[[], object]) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


@dataclass
class Figures:
    entries: int
    pcs: int
    file_bytes: int
    generate_s: float
    baseline: list[float]
    indexed: list[float]
    read: list[float]
    first: list[float]
    repeat: list[float]
    same_content: list[float]
    export: list[float]
    export_bytes: int

    def median(self, values: list[float]) -> float:
        return statistics.median(values)

    def paired(self, values: list[float]) -> float:
        """The median of each run's ratio to the baseline measured just before it."""
        return statistics.median(v / b for v, b in zip(values, self.baseline, strict=True))

    def spread(self, values: list[float]) -> tuple[float, float]:
        """The lowest and highest of the runs' ratios to their baselines."""
        ratios = [v / b for v, b in zip(values, self.baseline, strict=True)]
        return min(ratios), max(ratios)

    def floor(self) -> list[float]:
        """Per repetition, the least any first import does: the indexed inserts, then one
        strict reading of every line (checked before anything is written)."""
        return [i + r for i, r in zip(self.indexed, self.read, strict=True)]

    def over_floor(self) -> tuple[float, float, float]:
        """The first import against the floor of the same repetition: median, lowest, highest."""
        ratios = [f / b for f, b in zip(self.first, self.floor(), strict=True)]
        return statistics.median(ratios), min(ratios), max(ratios)

    def table(self) -> str:
        rows = [
            ("plain sqlite3 executemany (baseline)", self.baseline, "1", ""),
            ("same, into a table with the entries table's 3 indexes", self.indexed, "", "-"),
            (
                "one strict reading of the file, no database (open_file, new_entries)",
                self.read,
                "",
                "-",
            ),
            ("floor: the two above, added", self.floor(), "", "-"),
            ("first import (all checks, one transaction)", self.first, "", "<= 5x"),
            ("repeated import of the same file", self.repeat, "", "< 0.3x"),
            ("import of a re-export, nothing new", self.same_content, "", "-"),
            ("export (write, read back, verify)", self.export, "", "-"),
        ]
        out = [
            "| measurement | median (ms) | runs (ms) | vs baseline: median of run ratios (range) "
            "| goal |",
            "|---|---:|---|---:|---|",
        ]
        for name, values, ratio, goal in rows:
            runs = ", ".join(f"{v * 1000:,.0f}" for v in values)
            low, high = self.spread(values)
            shown = ratio or f"{self.paired(values):.3g}x ({low:.3g}-{high:.3g})"
            out.append(
                f"| {name} | {self.median(values) * 1000:,.0f} | {runs} | {shown} | {goal} |"
            )
        median, low, high = self.over_floor()
        out.append(f"\nfirst import against the floor: {median:.3g}x ({low:.3g}-{high:.3g})")
        return "\n".join(out)


def _read_only(data: bytes) -> None:
    """What every import does before writing: the file checked and every line read strictly
    (the collector paused, as an import pauses it)."""
    with collector_paused():
        opened = bundle.open_file(data, None, None)
        arrivals.new_entries(opened, lambda ids: ([], 0), lambda origins: {})


def measure(kind: str, file: Path, folder: Path, template: Path, n: int) -> dict[str, float]:
    """One measurement, in the calling process: what is not timed is done first."""
    data = file.read_bytes()
    if kind in ("baseline", "indexed"):
        rows = _plain_rows(data)
        return {kind: plain_insert(folder, rows, indexed=kind == "indexed")}
    if kind == "read":
        return {kind: _timed(partial(_read_only, data))}
    store = _fresh(template, folder / f"import-{n}.sqlite")
    if kind == "phases":
        try:
            return phase_times(store, data)
        finally:
            store.close()
    try:
        out = {"first": _timed(partial(exchange.import_bytes, store, data, name="bench.tally"))}
        out["repeat"] = _timed(partial(exchange.import_bytes, store, data, name="bench (2).tally"))
        again = exchange.export_bytes(store, READER).data
        out["same_content"] = _timed(partial(exchange.import_bytes, store, again, name="re.tally"))
        out["export_bytes"] = float(len(again))
        (folder / "share").mkdir(exist_ok=True)
        target = folder / "share" / f"export-{n}.tally"
        out["export"] = _timed(partial(exchange.export_file, store, READER, target))
        return out
    finally:
        store.close()


# (label, what it covers, where the import calls it from, its name there); the transaction's
# phases nest inside "transaction", whose rest is judging, origins, checkpoints and the log
PHASES: tuple[tuple[str, str, object, str], ...] = (
    ("open", "container, manifest, signature, hashes of the file and lines", bundle, "open_file"),
    (
        "read",
        "the new entries read strictly, chains, checkpoint signatures",
        arrivals,
        "new_entries",
    ),
    ("setups", "the setup in force parsed, the list of keys", import_run, "resolve_setups"),
    (
        "append",
        "judged and written a part at a time: rows, supersessions, held entries, then slots",
        import_run.ImportRun,
        "_write",
    ),
    (
        "counts",
        "superseded and conflicting counts for the report",
        entry_log,
        "arrival_counts_from",
    ),
    ("transaction", "everything inside the import's transaction", import_run.ImportRun, "run"),
)


@contextlib.contextmanager
def _phase_timers(spent: dict[str, float]) -> Iterator[None]:
    """Each of PHASES wrapped with a timer adding to spent[label], for one import."""
    saved = []
    for label, _, owner, name in PHASES:
        original = getattr(owner, name)
        saved.append((owner, name, original))

        def timed(*args: object, _f: Callable[..., object] = original, _l: str = label) -> object:
            t0 = time.perf_counter()
            try:
                return _f(*args)
            finally:
                spent[_l] = spent.get(_l, 0.0) + time.perf_counter() - t0

        setattr(owner, name, timed)
    try:
        yield
    finally:
        for owner, name, original in saved:
            setattr(owner, name, original)


def phase_times(store: VoteStore, data: bytes) -> dict[str, float]:
    """One first import with its phases timed (seconds): PHASES, then "other" (the rest of
    the transaction) and "commit" (the backup check, the commit), which add up to "total"."""
    spent: dict[str, float] = {}
    with _phase_timers(spent):
        spent["total"] = _timed(partial(exchange.import_bytes, store, data, name="bench.tally"))
    inside = sum(spent.get(label, 0.0) for label in ("read", "setups", "append", "counts"))
    spent["other"] = spent["transaction"] - inside
    spent["commit"] = spent["total"] - spent["open"] - spent["transaction"]
    return spent


def phase_table(runs: list[dict[str, float]]) -> str:
    """Where a first import's time goes: the median of each phase over the runs."""
    described = {label: what for label, what, _, _ in PHASES}
    described["other"] = "origins, checkpoints, import log, state code"
    described["commit"] = "the backup check, the commit (synchronous=FULL, WAL checkpoint)"
    out = ["| phase | what | median (s) | runs (s) |", "|---|---|---:|---|"]
    for label in ("open", "read", "setups", "append", "counts", "other", "commit", "total"):
        values = [r.get(label, 0.0) for r in runs]
        shown = ", ".join(f"{v:.2f}" for v in values)
        what = described.get(label, "the whole import")
        out.append(f"| {label} | {what} | {statistics.median(values):.2f} | {shown} |")
    return "\n".join(out)


def _child(kind: str, file: Path, folder: Path, template: Path, n: int) -> dict[str, float]:
    """`measure` in a fresh process, so no measurement inherits another's heap or caches."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.bench_sync", "--measure", kind, "--file", str(file)]
        + ["--folder", str(folder), "--template", str(template), "--n", str(n)],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parent.parent,
    )
    result: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def _prepare(entries: int, pcs: int, folder: Path) -> tuple[Path, Path, bytes, float]:
    """The tally file and an empty database to copy, in `folder`; with the file's bytes and
    the seconds it took to make."""
    folder.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    data, _ = signed_file(entries, pcs)
    generate_s = time.perf_counter() - t0
    file = folder / "bench.tally"
    file.write_bytes(data)
    template = folder / "empty.sqlite"
    for suffix in ("", "-wal", "-shm"):
        Path(str(template) + suffix).unlink(missing_ok=True)
    VoteStore(template).close()
    return file, template, data, generate_s


def phases(
    entries: int, pcs: int, repeat: int, folder: Path = OUT, fork: bool = True
) -> list[dict[str, float]]:
    """`repeat` first imports with their phases timed, each in its own process."""
    file, template, _, _ = _prepare(entries, pcs, folder)
    go = _child if fork else measure
    return [go("phases", file, folder, template, n) for n in range(repeat)]


def run(entries: int, pcs: int, repeat: int, folder: Path = OUT, fork: bool = True) -> Figures:
    """Each repetition: the baselines, then the import and the rest, each in its own process
    (`fork=False`: all in this one, for tests)."""
    file, template, data, generate_s = _prepare(entries, pcs, folder)
    go = _child if fork else measure
    got: dict[str, list[float]] = {}
    for n in range(repeat):
        kinds = ("indexed", "read", "baseline", "import")
        for kind in kinds if n % 2 == 0 else kinds[::-1]:  # the order flipped each time
            for key, value in go(kind, file, folder, template, n).items():
                got.setdefault(key, []).append(value)
    return Figures(
        entries,
        pcs,
        len(data),
        generate_s,
        got["baseline"],
        got["indexed"],
        got["read"],
        got["first"],
        got["repeat"],
        got["same_content"],
        got["export"],
        int(got["export_bytes"][-1]),
    )


def main(argv: Sequence[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--entries", type=int, default=100_000)
    p.add_argument("--pcs", type=int, default=12)
    p.add_argument("--repeat", type=int, default=3)
    p.add_argument("--phases", action="store_true", help="time a first import's phases instead")
    p.add_argument("--measure", help=argparse.SUPPRESS)  # one measurement, in a child
    for name in ("--file", "--folder", "--template"):
        p.add_argument(name, type=Path, help=argparse.SUPPRESS)
    p.add_argument("--n", type=int, default=0, help=argparse.SUPPRESS)
    a = p.parse_args(argv)
    if a.measure:
        print(json.dumps(measure(a.measure, a.file, a.folder, a.template, a.n)))
        return 0
    if a.phases:
        print(phase_table(phases(a.entries, a.pcs, a.repeat)))
        return 0
    figures = run(a.entries, a.pcs, a.repeat)
    print(
        f"{figures.entries:,} entries from {figures.pcs} PCs; file {figures.file_bytes:,} bytes "
        f"(generated in {figures.generate_s:.1f} s); "
        f"an export of it: {figures.export_bytes:,} bytes"
    )
    print(figures.table())
    met = figures.paired(figures.first) <= 5 and figures.paired(figures.repeat) < 0.3
    print("goals met" if met else "GOALS NOT MET")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
