"""How long a save waits behind a shared-folder export on the database lane.

    .venv/bin/python -m bench.bench_export_lane [--repeat 5] [--database FILE]

The window runs all database work on one thread, the database lane (ui/database_lane.py). In
shared-folder mode (ui/shared_folder.py) this PC's whole tally file is exported there after
each change; a count a steward saves meanwhile waits for whatever of the export runs on the
lane. This runs the window's SharedFolder on a copy of the database bench_sync's first import
fills (100,000 entries from 12 PCs; `python -m bench.bench_sync --entries 100000 --pcs 12
--repeat 1` makes it), starts an export as the debounce timer does, submits a small lane job
right after it (a short transaction reading the vote's key) and reports:

probe wait   from submitting the probe until its result is back on the GUI thread
export       from starting the export until `exported` (the file written, read back, checked)

One warm-up export first (modules, the signing key, the first checkpoints); then `--repeat`
exports, each on the same copy. Everything runs in a temporary folder.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEventLoop, QSettings, QTimer

from steward_app.store.vote_store import VoteStore
from steward_app.ui.database_lane import DatabaseLane
from steward_app.ui.session import Session
from steward_app.ui.shared_folder import SharedFolder

DATABASE = Path(__file__).resolve().parent / "out" / "sync" / "import-0.sqlite"


def _until(done: Callable[[], bool], timeout_ms: int = 300_000) -> None:
    """Run the event loop, idle as the window's is, until `done()` (checked every 1 ms)."""
    loop = QEventLoop()
    check = QTimer()
    check.setInterval(1)
    check.timeout.connect(lambda: loop.quit() if done() else None)
    check.start()
    QTimer.singleShot(timeout_ms, loop.quit)
    loop.exec()
    check.stop()
    if not done():
        raise TimeoutError("the export did not finish")


def _probe(store: VoteStore) -> str | None:
    """A short transaction, as a save opens one: the vote's key read from the database."""
    with store.transaction() as conn:
        return store.vote_key(conn)


def one_export(shared: SharedFolder, lane: DatabaseLane, store: VoteStore) -> tuple[float, float]:
    """(probe wait, export) in seconds for one export started as the debounce timer does."""
    written: list[str] = []
    failed: list[str] = []
    shared.exported.connect(written.append)
    shared.failed.connect(failed.append)
    probe: list[float] = []
    t0 = time.perf_counter()
    shared.export_now()
    submitted = time.perf_counter()
    lane.submit(
        partial(_probe, store),
        lambda _v: probe.append(time.perf_counter() - submitted),
        lambda e: failed.append(str(e)),
    )
    _until(lambda: bool(written or failed) and bool(probe))
    export = time.perf_counter() - t0
    shared.exported.disconnect(written.append)
    shared.failed.disconnect(failed.append)
    if failed:
        raise RuntimeError(failed[0])
    return probe[0], export


def main(argv: list[str] | None = None) -> int:
    from bench.bench_sync import READER

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database", type=Path, default=DATABASE)
    args = parser.parse_args(argv)
    if not args.database.exists():
        print(f"{args.database} is missing: run python -m bench.bench_sync first", file=sys.stderr)
        return 2
    app = QCoreApplication.instance() or QCoreApplication(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="bench-export-lane-") as tmp:
        folder = Path(tmp)
        QSettings.setDefaultFormat(QSettings.Format.IniFormat)
        QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(folder))
        db = folder / "db" / "vote.sqlite"
        db.parent.mkdir()
        for suffix in ("", ".key"):
            source = Path(str(args.database) + suffix)
            if source.exists():
                shutil.copy(source, str(db) + suffix)
        share = folder / "share"
        share.mkdir()
        session = Session(db)
        store = session.store
        lane = DatabaseLane()
        shared = SharedFolder(lane, lambda: session, READER)
        shared.set_folder(share, remember=False)
        try:
            one_export(shared, lane, store)  # warm-up
            runs = [one_export(shared, lane, store) for _ in range(args.repeat)]
        finally:
            lane.submit(store.close, lambda _: None, lambda _: None)
            lane.shutdown()
    del app
    waits = [w for w, _ in runs]
    totals = [t for _, t in runs]
    print(f"probe wait: median {statistics.median(waits) * 1000:,.0f} ms ", end="")
    print("(" + ", ".join(f"{w * 1000:,.0f}" for w in waits) + ")")
    print(f"export:     median {statistics.median(totals) * 1000:,.0f} ms ", end="")
    print("(" + ", ".join(f"{t * 1000:,.0f}" for t in totals) + ")")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
