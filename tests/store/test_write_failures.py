"""A full disk or a read-only database: a plain message saying what happened and what to do,
the transaction rolled back, and nothing saved before lost.

The full disk is real: SQLite's own SQLITE_FULL, from `PRAGMA max_page_count` set at the
database's current size on every connection. Read-only uses chmod on the folder and file
when the tests run as an ordinary user; as root (CI containers), where chmod does not stop
writes, a read-only connection (`mode=ro`) gives SQLite's own SQLITE_READONLY instead."""

from __future__ import annotations

import os
import sqlite3
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, event

from steward_app.domain.counts import SlotKey
from steward_app.services.counting import record_count
from steward_app.store import entry_reads
from steward_app.store.errors import StoreError
from steward_app.store.vote_store import VoteStore
from tests.conftest import STEWARD

SLOT = SlotKey("concessions", "afscme-np4-391")


def cap_at_current_size(store: VoteStore) -> None:
    """Every new connection may not grow the database past its present size."""
    with store.reading() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()

    def cap(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA max_page_count={pages}")

    event.listen(store.engine, "connect", cap)
    store.engine.dispose()


def current_yes(path: Path) -> list[int]:
    store = VoteStore(path)
    try:
        with store.reading() as conn:
            return [h.values.yes for h in entry_reads.count_heads(conn, SLOT)]
    finally:
        store.close()


def test_a_full_disk_refuses_the_write_plainly_and_keeps_what_was_saved(
    demo_store: VoteStore,
) -> None:
    record_count(demo_store, STEWARD, SLOT, {"yes": "1340", "no": "500"})
    cap_at_current_size(demo_store)
    with pytest.raises(StoreError) as refused:
        for n in range(200):  # until a page more is needed
            record_count(
                demo_store, STEWARD, SLOT, {"yes": str(n), "no": "50"}, correct=True, reason="r"
            )
    message = str(refused.value)
    assert "is full; nothing was saved" in message and "Free some space" in message
    assert "--db" in message
    path = demo_store.path
    demo_store.close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    raw.close()
    saved = current_yes(path)
    assert len(saved) == 1 and saved[0] in {1340, *range(200)}  # the last acknowledged one


@pytest.fixture
def read_only(demo_store: VoteStore) -> Iterator[VoteStore]:
    path = demo_store.path
    record_count(demo_store, STEWARD, SLOT, {"yes": "1340", "no": "500"})
    demo_store.close()
    if os.name == "posix" and os.geteuid() != 0:  # Windows, root: a read-only connection
        folder_mode = path.parent.stat().st_mode
        path.chmod(stat.S_IRUSR)
        path.parent.chmod(stat.S_IRUSR | stat.S_IXUSR)
        store = VoteStore(path, engine=create_engine(f"sqlite:///{path}"))
        yield store
        store.close()
        path.parent.chmod(folder_mode)
        path.chmod(stat.S_IRUSR | stat.S_IWUSR)
    else:
        uri = f"{path.as_uri()}?mode=ro"
        engine = create_engine(
            f"sqlite:///{path}",
            creator=lambda: sqlite3.connect(uri, uri=True, check_same_thread=False),
        )
        store = VoteStore(path, engine=engine)
        yield store
        store.close()


def test_a_read_only_database_refuses_the_write_plainly(read_only: VoteStore) -> None:
    with pytest.raises(StoreError) as refused:
        record_count(
            read_only, STEWARD, SLOT, {"yes": "1", "no": "2"}, correct=True, reason="recount"
        )
    message = str(refused.value)
    assert "nothing was saved" in message and "choose another place with --db" in message
    assert current_yes(read_only.path) == [1340]


def test_a_folder_that_cannot_be_made_is_said_plainly(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(StoreError, match=r"cannot create the folder .* choose another place"):
        VoteStore(blocker / "vote.sqlite")
