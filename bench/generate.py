"""Large synthetic votes for the benchmarks, built with the project's own code.

* `setup_toml(spec)`: a setup file with N unions and M units (most units report by part, so
  there are many count slots), a mix of pooled and by-units unions and a coalition rule with
  `min_unions` and a membership share. One coalition question, so a counts CSV needs no
  question column.
* `fill_database(path, setup_text, fill)`: a database holding that vote (services.vote_setup.
  create_vote) and `fill.entries` count entries appended in batches with
  store.entry_log.append inside VoteStore.transaction(). Entries come from several origins:
  first entries, independent confirmations by a second origin with equal numbers, conflicts
  (different numbers), and corrections that supersede every current head of their slot. The
  final state of each slot (value / confirmed / conflict / empty) is planned and returned, so
  a test can compare it with the database's slot table.
* `write_counts_csv(...)`: a CSV in the format services.counting.import_counts reads, one row
  per distinct slot.

Everything is deterministic for a given seed: the same arguments give byte-identical entries.

    python -m bench.generate --unions 500 --units 10000 --entries 1000000 --db PATH
"""

from __future__ import annotations

import argparse
import base64
import csv
import datetime as dt
import hashlib
import json
import math
import os
import random
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import IO

from steward_app.domain.counts import WHOLE_UNIT, CountValues, SlotKey
from steward_app.domain.entries import (
    ENTRY_VERSION,
    GENESIS,
    HASH_PREFIX,
    Entry,
    EntryKey,
    EntryType,
    make_entry,
    values_body,
)
from steward_app.domain.setup_file import parse_setup, setup_hash
from steward_app.domain.vote import Unit, Vote
from steward_app.services.authors import Author
from steward_app.services.vote_setup import create_vote
from steward_app.store import entry_log
from steward_app.store.vote_store import VoteStore

GENERATOR_VERSION = 1  # bump when the output for the same arguments changes (invalidates caches)
QUESTION = "ratify"
COORDINATOR = Author("coordinator", "setup-pc")
CSV_HEADER = ("unit", "part", "yes", "no", "void", "challenged", "final")
_BASE_TIME = dt.datetime(2024, 5, 14, 18, 0, 0, tzinfo=dt.timezone(dt.timedelta(hours=-4)))

# codes of the events of one slot, in order
_FIRST = 0  # a first entry (round 0) or a correction superseding every current head
_CONFIRM = 1  # a second origin enters equal numbers
_CONFLICT = 2  # a second origin enters different numbers

STATUS_VALUE = "value"
STATUS_CONFIRMED = "confirmed"
STATUS_CONFLICT = "conflict"
STATUS_EMPTY = "empty"


# --- the setup file ----------------------------------------------------------------------


@dataclass(frozen=True)
class SetupSpec:
    """The shape of a synthetic vote."""

    unions: int
    units: int
    seed: int = 2024
    min_parts: int = 4  # units reporting by part have this many parts or more ...
    max_parts: int = 20  # ... and at most this many
    whole_unit_share: float = 0.05  # units reporting one whole-unit count
    by_units_share: float = 0.3  # unions deciding by their units (the rest pool ballots)

    def __post_init__(self) -> None:
        if not 1 <= self.unions <= self.units:
            raise ValueError("need at least one union and at least one unit per union")
        if not 1 <= self.min_parts <= self.max_parts <= 99:
            raise ValueError("parts must satisfy 1 <= min_parts <= max_parts <= 99")


def _units_per_union(spec: SetupSpec, rng: random.Random) -> list[int]:
    """Every union gets one unit; the rest go to unions in proportion to skewed weights."""
    counts = [1] * spec.unions
    weights = [min(rng.paretovariate(1.3), 40.0) for _ in range(spec.unions)]
    for i in rng.choices(range(spec.unions), weights=weights, k=spec.units - spec.unions):
        counts[i] += 1
    return counts


def _toml_list(items: Sequence[str]) -> str:
    return "[" + ", ".join(f'"{s}"' for s in items) + "]"


def setup_toml(spec: SetupSpec) -> str:
    """The setup text of a synthetic vote (parse_setup accepts it)."""
    rng = random.Random(f"setup-{spec.seed}")
    counts = _units_per_union(spec, rng)
    min_unions = max(1, math.ceil(spec.unions * 3 / 4))
    out = [
        "# Synthetic vote made by bench/generate.py; every name and figure is invented.",
        "format = 1",
        "",
        "[vote]",
        f'id = "bench-{spec.unions}-{spec.units}-{spec.seed}"',
        f'title = "Synthetic benchmark vote: {spec.unions} unions, {spec.units} units"',
        'mode = "practice"',
        f'note = "bench/generate.py v{GENERATOR_VERSION}, seed {spec.seed}"',
        "",
        "[coalition]",
        'name = "Synthetic coalition"',
        "",
        "[coalition.rule]",
        f"min_unions = {min_unions}",
        'membership = "at least 2/3"',
        'membership_base = "all"',
        "",
        "[[questions]]",
        f'id = "{QUESTION}"',
        'text = "Do you approve the synthetic agreement?"',
        'scope = "coalition"',
    ]
    unit_no = 0
    for u, n_units in enumerate(counts, start=1):
        union_id = f"un{u:04d}"
        units: list[str] = []
        membership = 0
        for _ in range(n_units):
            unit_no += 1
            if rng.random() < spec.whole_unit_share:
                parts: list[str] = []
            else:
                n_parts = rng.randint(spec.min_parts, spec.max_parts)
                parts = [f"p{k:02d}" for k in range(1, n_parts + 1)]
            eligible = max(1, len(parts)) * rng.randint(40, 400)
            membership += eligible
            units += [
                "",
                "[[unions.units]]",
                f'id = "{union_id}-u{unit_no:05d}"',
                f'name = "Unit {unit_no}"',
                f"eligible = {eligible}",
            ]
            if parts:
                units.append(f"parts = {_toml_list(parts)}")
        out += [
            "",
            "[[unions]]",
            f'id = "{union_id}"',
            f'name = "Union {u}"',
            f"membership = {membership}",
            'membership_source = "synthetic"',
            "membership_as_of = 2024-05-01",
        ]
        if rng.random() < 0.1:
            out.append('tally_rule = "two-thirds"')
        if rng.random() < spec.by_units_share:
            out.append('decides = "by_units"')
            kind = rng.randrange(3)
            if kind == 0:
                out.append('units_required = "all"')
            elif kind == 1:
                out.append(f"units_required = {{ at_least = {max(1, (n_units + 1) // 2)} }}")
            else:
                out.append('units_required = { membership = "more than 1/2" }')
        else:
            out.append('decides = "pooled"')
        out += units
    return "\n".join(out) + "\n"


def all_slots(vote: Vote) -> list[SlotKey]:
    """Every count slot of the vote's first question, in setup order."""
    question = vote.questions[0].id
    return [
        SlotKey(question, unit.id, part)
        for unit in vote.units
        for part in (unit.parts or (WHOLE_UNIT,))
    ]


# --- numbers -----------------------------------------------------------------------------


def _capacity(unit: Unit) -> int:
    """Ballots one slot of the unit may hold, so that a unit's slots never exceed its members."""
    return max(1, unit.eligible // max(1, len(unit.parts)))


@dataclass(frozen=True)
class _Lean:
    yes_share: float
    turnout: float


def _lean(seed: int, unit_id: str) -> _Lean:
    rng = random.Random(f"lean-{seed}-{unit_id}")
    return _Lean(min(0.92, max(0.15, rng.gauss(0.58, 0.12))), rng.uniform(0.35, 0.85))


def _fresh_values(rng: random.Random, cap: int, lean: _Lean, final: bool) -> CountValues:
    cast = min(cap, max(0, round(cap * lean.turnout * rng.uniform(0.85, 1.0))))
    void = min(cast, int(cast * rng.uniform(0.0, 0.02)))
    valid = cast - void
    yes = min(valid, max(0, round(valid * (lean.yes_share + rng.uniform(-0.05, 0.05)))))
    challenged = rng.randint(1, 3) if rng.random() < 0.05 else 0
    challenged = min(challenged, cap - cast)
    return CountValues(yes, valid - yes, void, challenged, None, final)


def _changed_values(rng: random.Random, before: CountValues, cap: int, final: bool) -> CountValues:
    """Different numbers (a miscount or the recount's): yes and no moved, within the cap."""
    room = cap - before.cast - before.challenged
    while True:
        yes = max(0, before.yes + rng.randint(-6, 6))
        no = max(0, before.no + rng.randint(-6, 6))
        extra = yes + no - before.yes - before.no
        if extra > room:
            continue
        if (yes, no) != (before.yes, before.no):
            return CountValues(yes, no, before.void, before.challenged, None, final)
        if room <= 0 and before.yes == 0 and before.no == 0:
            # nothing can move without exceeding the unit: change the challenged pile instead
            challenged = 1 if before.challenged == 0 else before.challenged - 1
            return CountValues(0, 0, before.void, challenged, None, final)


# --- filling a database ------------------------------------------------------------------


@dataclass(frozen=True)
class FillSpec:
    """How many count entries, from how many origins, ending in which slot states."""

    entries: int
    seed: int = 7
    origins: int = 6
    reported_share: float = 0.9  # slots with at least one entry (if `entries` allows)
    final_share: float = 0.6  # slots whose latest round is marked final
    state_weights: tuple[float, float, float] = (0.25, 0.6, 0.15)  # value, confirmed, conflict
    earlier_conflict_share: float = 0.3  # earlier rounds that ended in a (resolved) conflict
    batch: int = 20_000


@dataclass
class FillStats:
    """What a fill wrote, and the slot states it planned (the database must agree)."""

    entries: int = 0  # count entries appended (the setup entry not included)
    slots: int = 0
    reported: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    by_type: dict[str, int] = field(default_factory=dict)
    supersessions: int = 0
    batches: int = 0
    seconds: float = 0.0


@dataclass(frozen=True)
class _OriginInfo:
    origin: str
    steward: str
    pc: str


def _origin_id(seed: int, index: int) -> str:
    digest = hashlib.sha256(f"bench-origin-{seed}-{index}".encode()).digest()
    return base64.b32encode(digest[:10]).decode("ascii")  # 16 characters, like new_origin_id


def _plan_codes(rng: random.Random, budget: int, state: str, conflict_share: float) -> bytes:
    """The event codes of one slot: `budget` entries ending in `state`."""
    last = {
        STATUS_VALUE: [_FIRST],
        STATUS_CONFIRMED: [_FIRST, _CONFIRM],
        STATUS_CONFLICT: [_FIRST, _CONFLICT],
    }[state]
    pairs, single = divmod(budget - len(last), 2)
    codes = [_FIRST] * single
    for _ in range(pairs):
        codes += [_FIRST, _CONFLICT if rng.random() < conflict_share else _CONFIRM]
    return bytes(codes + last)


@dataclass
class _SlotPlan:
    slot: SlotKey
    codes: bytes
    final: bool
    primary: int  # origin of the first entry
    secondary: int  # the other origin confirming or disputing
    cap: int
    lean: _Lean
    heads: list[tuple[str, CountValues]] = field(default_factory=list)
    round_origin: int = 0


def plan_slots(vote: Vote, fill: FillSpec) -> tuple[list[_SlotPlan], FillStats]:
    """Decide each reported slot's events and final state (deterministic for the seed)."""
    rng = random.Random(f"fill-{fill.seed}")
    slots = all_slots(vote)
    stats = FillStats(slots=len(slots))
    if fill.origins < 2:
        raise ValueError("confirmations need at least two origins")
    reported_n = min(len(slots), fill.entries, round(len(slots) * fill.reported_share))
    if reported_n == 0 and fill.entries > 0:
        reported_n = min(len(slots), fill.entries)
    if fill.entries > 0 and reported_n == 0:
        raise ValueError("the vote has no slot to fill")
    order = list(range(len(slots)))
    rng.shuffle(order)
    chosen = sorted(order[:reported_n])
    budgets = [1] * reported_n
    for i in rng.choices(range(reported_n), k=fill.entries - reported_n) if reported_n else []:
        budgets[i] += 1
    units = vote.unit_by_id
    unit_index = {u.id: i for i, u in enumerate(vote.units)}
    plans: list[_SlotPlan] = []
    statuses = {STATUS_VALUE: 0, STATUS_CONFIRMED: 0, STATUS_CONFLICT: 0}
    for slot_no, budget in zip(chosen, budgets, strict=True):
        slot = slots[slot_no]
        if budget == 1:
            state = STATUS_VALUE
        else:
            state = rng.choices(
                (STATUS_VALUE, STATUS_CONFIRMED, STATUS_CONFLICT), weights=fill.state_weights
            )[0]
        statuses[state] += 1
        primary = unit_index[slot.unit] % fill.origins
        secondary = (primary + 1 + rng.randrange(fill.origins - 1)) % fill.origins
        unit = units[slot.unit]
        plans.append(
            _SlotPlan(
                slot,
                _plan_codes(rng, budget, state, fill.earlier_conflict_share),
                rng.random() < fill.final_share,
                primary,
                secondary,
                _capacity(unit),
                _lean(fill.seed, slot.unit),
            )
        )
    stats.reported = reported_n
    statuses[STATUS_EMPTY] = len(slots) - reported_n
    stats.statuses = statuses
    return plans, stats


def _events(plans: list[_SlotPlan], rng: random.Random) -> Iterator[tuple[_SlotPlan, int, int]]:
    """(plan, position, code) wave by wave: every slot's n-th event comes after all (n-1)-th."""
    longest = max((len(p.codes) for p in plans), default=0)
    for wave in range(longest):
        active = [p for p in plans if len(p.codes) > wave]
        rng.shuffle(active)
        for p in active:
            yield p, wave, p.codes[wave]


def _timestamp(n: int) -> str:
    return (_BASE_TIME + dt.timedelta(seconds=n // 8)).isoformat(timespec="seconds")


def fill_database(
    path: Path, setup_text: str, fill: FillSpec, *, progress: IO[str] | None = None
) -> FillStats:
    """Create the vote in a new database at `path` and append `fill.entries` count entries."""
    started = time.perf_counter()
    path = Path(path)
    if path.exists():
        raise FileExistsError(f"{path} exists; the generator only fills a new database")
    vote = parse_setup(setup_text)
    plans, stats = plan_slots(vote, fill)
    store = VoteStore(path)
    try:
        with store.transaction() as conn:
            # the coordinator's origin made here with a seeded id (create_vote would draw a
            # random one), so the setup entry too is the same from run to run
            entry_log.add_origin(
                conn, _origin_id(fill.seed, -1), COORDINATOR.steward, COORDINATOR.pc, local=True
            )
        create_vote(store, setup_text, COORDINATOR, clock=lambda: _timestamp(0))
        origins = [
            _OriginInfo(_origin_id(fill.seed, i), f"steward-{i + 1}", f"pc-{i + 1}")
            for i in range(fill.origins)
        ]
        with store.transaction() as conn:
            vote_key = entry_log.get_setting(conn, "vote_key")
            for o in origins:
                entry_log.add_origin(conn, o.origin, o.steward, o.pc, local=False)
        assert vote_key == setup_hash(setup_text)
        seqs = [1] * fill.origins
        prevs = [GENESIS] * fill.origins
        rng = random.Random(f"events-{fill.seed}")
        batch: list[Entry] = []
        written = 0

        def flush() -> None:
            nonlocal written
            with store.transaction() as conn:
                # a bigger page cache for this bulk load only; the app's own pragmas stay
                conn.exec_driver_sql("PRAGMA cache_size=-262144")
                entry_log.append(conn, batch)
            written += len(batch)
            stats.batches += 1
            batch.clear()
            if progress is not None:
                print(
                    f"  {written:,} / {fill.entries:,} entries, "
                    f"{time.perf_counter() - started:.0f} s",
                    file=progress,
                    flush=True,
                )

        for plan, position, code in _events(plans, rng):
            last_round = position >= len(plan.codes) - (1 if plan.codes[-1] == _FIRST else 2)
            final = plan.final and last_round
            supersedes: tuple[str, ...] = ()
            reason: str | None = None
            if code == _FIRST:
                if position == 0:
                    who = plan.primary
                    values = _fresh_values(rng, plan.cap, plan.lean, final)
                    kind = EntryType.COUNT_ENTERED
                else:
                    who = plan.primary if rng.random() < 0.5 else plan.secondary
                    supersedes = tuple(h for h, _ in plan.heads)
                    differs = len({(v.yes, v.no, v.void, v.challenged) for _, v in plan.heads}) > 1
                    kind = EntryType.COUNT_RESOLVED if differs else EntryType.COUNT_CORRECTED
                    reason = "recounted" if differs else "corrected after checking the sheet"
                    values = _changed_values(rng, plan.heads[0][1], plan.cap, final)
                plan.round_origin = who
                plan.heads = []
            else:
                who = plan.secondary if plan.round_origin == plan.primary else plan.primary
                first = plan.heads[0][1]
                kind = EntryType.COUNT_ENTERED
                if code == _CONFIRM:
                    values = CountValues(
                        first.yes, first.no, first.void, first.challenged, None, final
                    )
                else:
                    values = _changed_values(rng, first, plan.cap, final)
            o = origins[who]
            entry = make_entry(
                vote=vote_key,
                type=kind,
                origin=o.origin,
                seq=seqs[who],
                prev=prevs[who],
                key=EntryKey.count(plan.slot),
                body=values_body(values),
                steward=o.steward,
                pc=o.pc,
                recorded_at=_timestamp(written + len(batch) + 1),
                supersedes=supersedes,
                reason=reason,
            )
            seqs[who] += 1
            prevs[who] = entry.id
            plan.heads.append((entry.id, values))
            stats.supersessions += len(supersedes)
            stats.by_type[kind.value] = stats.by_type.get(kind.value, 0) + 1
            batch.append(entry)
            if len(batch) >= fill.batch:
                flush()
        if batch:
            flush()
        stats.entries = written
    finally:
        store.close()
    stats.seconds = time.perf_counter() - started
    return stats


# --- a counts CSV --------------------------------------------------------------------------


def counts_csv_rows(vote: Vote, rows: int, seed: int = 11) -> list[tuple[str, ...]]:
    """`rows` counts on distinct slots (seeded choice), with plausible numbers, as CSV cells."""
    slots = all_slots(vote)
    if rows > len(slots):
        raise ValueError(f"the vote has {len(slots):,} slots; cannot write {rows:,} distinct rows")
    rng = random.Random(f"csv-{seed}")
    chosen = sorted(rng.sample(range(len(slots)), rows))
    units = vote.unit_by_id
    out: list[tuple[str, ...]] = []
    for i in chosen:
        slot = slots[i]
        unit = units[slot.unit]
        final = rng.random() < 0.5
        v = _fresh_values(rng, _capacity(unit), _lean(seed, slot.unit), final)
        out.append(
            (
                slot.unit,
                slot.part,
                str(v.yes),
                str(v.no),
                str(v.void),
                str(v.challenged),
                "yes" if final else "no",
            )
        )
    return out


def write_counts_csv(
    target: Path | IO[str], vote: Vote, rows: int = 100_000, seed: int = 11
) -> int:
    """Write a CSV with columns unit,part,yes,no,void,challenged,final; returns the row count."""
    data = counts_csv_rows(vote, rows, seed)
    write_csv_rows(target, data)
    return len(data)


def write_csv_rows(target: Path | IO[str], data: Sequence[tuple[str, ...]]) -> None:
    """Write rows made by counts_csv_rows, under the header import_counts reads."""
    if isinstance(target, Path):
        with target.open("w", encoding="utf-8", newline="") as f:
            write_csv_rows(f, data)
        return
    writer = csv.writer(target, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    writer.writerows(data)


# --- a cached database for the benchmarks ------------------------------------------------


def cache_name(setup: SetupSpec, fill: FillSpec) -> str:
    return (
        f"vote-g{GENERATOR_VERSION}-un{setup.unions}-u{setup.units}-e{fill.entries}"
        f"-s{setup.seed}-{fill.seed}"
    )


def schema_fingerprint() -> str:
    """What a cached database depends on besides the generator: the schema a new database gets
    (every table and index, as SQLite stores it) and the entry format. A cached database made
    under another schema or entry format is not reused."""
    with tempfile.TemporaryDirectory() as folder:
        store = VoteStore(Path(folder) / "probe.sqlite")
        try:
            with store.reading() as conn:
                rows = conn.exec_driver_sql(
                    "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name"
                ).all()
        finally:
            store.close()
    digest = hashlib.sha256(repr([tuple(r) for r in rows]).encode())
    digest.update(f"entry v{ENTRY_VERSION}".encode() + HASH_PREFIX)
    return digest.hexdigest()[:16]


def _params(setup: SetupSpec, fill: FillSpec) -> dict[str, object]:
    return {
        "generator": GENERATOR_VERSION,
        "schema": schema_fingerprint(),
        "setup": asdict(setup),
        "fill": asdict(fill),
    }


def cached_database(
    folder: Path, setup: SetupSpec, fill: FillSpec, *, progress: IO[str] | None = None
) -> tuple[Path, FillStats, bool]:
    """The generated database for these parameters under `folder`: reused when its sidecar
    JSON names the same parameters, else (re)generated. Returns (path, stats, reused)."""
    folder.mkdir(parents=True, exist_ok=True)
    name = cache_name(setup, fill)
    db = folder / f"{name}.sqlite"
    meta = folder / f"{name}.json"
    params = json.loads(json.dumps(_params(setup, fill)))  # tuples become lists, as on disk
    if db.exists() and meta.exists():
        saved = json.loads(meta.read_text(encoding="utf-8"))
        if saved.get("params") == params:
            return db, FillStats(**saved["stats"]), True
    partial = folder / f"{name}.partial.sqlite"
    for leftover in (db, meta, partial, *_sidecars(partial)):
        if leftover.exists():
            leftover.unlink()
    stats = fill_database(partial, setup_toml(setup), fill, progress=progress)
    for sidecar in _sidecars(partial):
        if sidecar.exists():  # the store was closed, so these are empty or gone
            sidecar.unlink()
    os.replace(partial, db)
    meta.write_text(
        json.dumps({"params": params, "stats": asdict(stats)}, indent=2), encoding="utf-8"
    )
    return db, stats, False


def _sidecars(db: Path) -> tuple[Path, Path]:
    return db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")


# --- command line --------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate",
        description="Generate a large synthetic vote database (and optionally a counts CSV).",
    )
    parser.add_argument("--unions", type=int, default=500)
    parser.add_argument("--units", type=int, default=10_000)
    parser.add_argument("--entries", type=int, default=1_000_000)
    parser.add_argument("--db", type=Path, required=True, help="the new database file")
    parser.add_argument("--seed", type=int, default=2024, help="seed of the setup")
    parser.add_argument("--fill-seed", type=int, default=7, help="seed of the entries")
    parser.add_argument("--force", action="store_true", help="replace --db if it exists")
    parser.add_argument("--setup-out", type=Path, help="also write the setup TOML here")
    parser.add_argument("--csv", type=Path, help="also write a counts CSV here")
    parser.add_argument("--csv-rows", type=int, default=100_000)
    parser.add_argument("--quiet", action="store_true", help="no progress lines")
    args = parser.parse_args(argv)

    setup = SetupSpec(args.unions, args.units, seed=args.seed)
    fill = FillSpec(args.entries, seed=args.fill_seed)
    if args.db.exists():
        if not args.force:
            print(f"{args.db} exists; add --force to replace it", file=sys.stderr)
            return 2
        for p in (args.db, *_sidecars(args.db)):
            if p.exists():
                p.unlink()
    started = time.perf_counter()
    text = setup_toml(setup)
    if args.setup_out:
        args.setup_out.write_text(text, encoding="utf-8")
    stats = fill_database(args.db, text, fill, progress=None if args.quiet else sys.stderr)
    if args.csv:
        write_counts_csv(args.csv, parse_setup(text), args.csv_rows)
    elapsed = time.perf_counter() - started
    print(
        f"{args.db}: {stats.entries:,} count entries on {stats.reported:,} of {stats.slots:,} "
        f"slots ({args.unions} unions, {args.units} units) in {elapsed:.1f} s"
    )
    print("slot states: " + ", ".join(f"{k} {v:,}" for k, v in stats.statuses.items()))
    print("entry types: " + ", ".join(f"{k} {v:,}" for k, v in sorted(stats.by_type.items())))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
