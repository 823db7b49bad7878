"""The file exchange benchmark runs (at a small size) and its generated file is a valid vote."""

from __future__ import annotations

from pathlib import Path

from bench.bench_sync import run, signed_file
from steward_app.services import exchange
from steward_app.store.vote_store import VoteStore


def test_the_generated_file_imports_with_every_entry_applied(tmp_path: Path) -> None:
    data, _ = signed_file(600, 3, units=40)
    store = VoteStore(tmp_path / "v.sqlite")
    try:
        report = exchange.import_bytes(store, data)
        assert report.outcome == "joined" and report.held == 0
        assert report.new + report.superseded + report.conflicting == 600
        assert report.superseded > 0 and report.conflicting > 0
    finally:
        store.close()


def test_the_benchmark_runs_and_reports_every_measurement(tmp_path: Path) -> None:
    figures = run(entries=400, pcs=3, repeat=1, folder=tmp_path, fork=False)
    table = figures.table()
    for name in (
        "baseline",
        "strict reading",
        "floor",
        "first import",
        "repeated import",
        "export",
    ):
        assert name in table
    assert figures.export_bytes > 0 and figures.paired(figures.repeat) < 1
    assert "first import against the floor" in table and figures.over_floor()[0] > 1


def test_a_large_first_import_computes_the_same_slots_as_the_sql(tmp_path: Path) -> None:
    from steward_app.store import slot_refresh

    data, _ = signed_file(1_500, 3, units=40)  # over the in-memory threshold of a first batch
    store = VoteStore(tmp_path / "v.sqlite")
    try:
        exchange.import_bytes(store, data)
        query = "SELECT * FROM slots ORDER BY key_id"
        with store.reading() as conn:
            computed = [tuple(r) for r in conn.exec_driver_sql(query)]
        with store.transaction() as conn:
            slot_refresh.refresh_slots(conn, None)
            recomputed = [tuple(r) for r in conn.exec_driver_sql(query)]
        assert computed == recomputed and len(computed) == 100
    finally:
        store.close()


def test_the_phase_timing_covers_the_import_and_leaves_nothing_wrapped(tmp_path: Path) -> None:
    from bench.bench_sync import PHASES, phase_table, phases

    before = [getattr(owner, name) for _, _, owner, name in PHASES]
    (spent,) = phases(entries=400, pcs=3, repeat=1, folder=tmp_path, fork=False)
    assert [getattr(owner, name) for _, _, owner, name in PHASES] == before
    assert all(spent[label] > 0 for label in ("open", "read", "append", "transaction", "commit"))
    parts = spent["open"] + spent["transaction"] + spent["commit"]
    assert abs(parts - spent["total"]) < 1e-9 and spent["other"] >= 0
    table = phase_table([spent])
    assert all(f"| {label} |" in table for label in ("read", "append", "counts", "total"))
