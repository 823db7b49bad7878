"""The engine benchmark's storage floor: it times putting back exactly what an import stored."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

from bench.bench_engine import _STORED_BY_IMPORT, BENCH_AUTHOR, COORDINATOR, storage_floor_sample
from bench.generate import SetupSpec, setup_toml, write_counts_csv
from steward_app.domain.setup_file import parse_setup
from steward_app.services.counting import import_counts
from steward_app.services.vote_setup import create_vote
from steward_app.store.vote_store import VoteStore


def _rows(db: Path) -> dict[str, list[tuple[object, ...]]]:
    with sqlite3.connect(db) as con:
        return {
            table: sorted(con.execute(f"SELECT * FROM {table}").fetchall())
            for table in ("entry_keys", "entries", "slots", "supersessions", "origins")
        }


def test_storage_floor_puts_back_every_row_the_import_stored(tmp_path: Path) -> None:
    setup_text = setup_toml(SetupSpec(unions=3, units=20, seed=4))
    counts = io.StringIO()
    write_counts_csv(counts, parse_setup(setup_text), rows=40)
    db = tmp_path / "import.sqlite"
    store = VoteStore(db)
    try:
        create_vote(store, setup_text, COORDINATOR)
        counts.seek(0)
        assert import_counts(store, BENCH_AUTHOR, counts, confirm_warnings=True).recorded == 40
    finally:
        store.close()
    before = _rows(db)
    with sqlite3.connect(db) as con:
        taken = {
            table: con.execute(f"SELECT COUNT(*) FROM {table} WHERE {where}").fetchone()[0]
            for table, where in _STORED_BY_IMPORT
        }
    assert taken["entries"] == 40 and taken["slots"] == 40  # the import's rows are the ones timed

    seconds = storage_floor_sample(db)

    assert seconds > 0
    assert _rows(db) == before
