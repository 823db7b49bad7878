"""The store on real files: a kill at any moment keeps every acknowledged count, intact."""

from __future__ import annotations

import random
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from steward_app.domain.counts import SlotKey
from steward_app.store import entry_reads
from steward_app.store.errors import StoreError
from steward_app.store.vote_store import VoteStore

WRITER = """
import sys
from steward_app.domain.counts import SlotKey
from steward_app.services.authors import Author
from steward_app.services.counting import record_count
from steward_app.store.vote_store import VoteStore

store = VoteStore(sys.argv[1])
author = Author("a steward", "hall office PC")
slot = SlotKey("concessions", "afscme-np4-391")
record_count(store, author, slot, {"yes": "100", "no": "50"})
n = 100
while True:
    n += 1
    record_count(store, author, slot, {"yes": str(n), "no": "50"}, correct=True, reason="recount")
    print(n, flush=True)
"""


@pytest.mark.parametrize("seed", range(4))
def test_kill_during_writes_keeps_acknowledged_counts(demo_store: VoteStore, seed: int) -> None:
    path = demo_store.path
    demo_store.close()
    rng = random.Random(seed)
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None
    acknowledged = []
    wanted = rng.randint(3, 25)
    while len(acknowledged) < wanted:
        line = proc.stdout.readline()
        assert line, "the writer stopped early"
        acknowledged.append(int(line))
    time.sleep(rng.uniform(0, 0.05))  # kill at an arbitrary point of a later write
    proc.kill()  # SIGKILL; TerminateProcess on Windows
    proc.wait()
    last = acknowledged[-1]
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    reopened = VoteStore(path)
    with reopened.reading() as conn:
        heads = entry_reads.count_heads(conn, SlotKey("concessions", "afscme-np4-391"))
        yes_values = {item.entry.body.get("yes") for item in entry_reads.history(conn)}
    reopened.close()
    assert len(heads) == 1
    assert heads[0].values.yes >= last  # the newest acknowledged count, or a later one
    assert set(acknowledged) <= yes_values  # nothing acknowledged was lost


def test_a_file_that_is_not_a_database_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "notes.sqlite"
    path.write_bytes(b"these are a steward's notes, not a database\n" * 20)
    before = path.read_bytes()
    with pytest.raises(StoreError) as refused:
        VoteStore(path)
    assert "not a steward_app database" in str(refused.value)
    assert path.read_bytes() == before


def test_wal_and_foreign_keys_are_on(store: VoteStore) -> None:
    with store.reading() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
