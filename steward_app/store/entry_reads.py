"""Reads of the entry tables that the services need beside store.entry_log's, and the one
write that clears a vote: each takes a Connection inside the caller's transaction."""

from __future__ import annotations

from collections.abc import Iterator

from sqlalchemy import Connection

# every table a vote's data is in, children first (the foreign keys point up this list)
VOTE_TABLES = ("slots", "supersessions", "entries", "entry_keys", "origins", "settings")


def raw_after(conn: Connection, origin: str, seq: int) -> Iterator[bytes]:
    """The stored bytes of the origin's entries numbered after `seq`."""
    for (raw,) in conn.exec_driver_sql(
        "SELECT e.raw FROM entries e JOIN origins o ON o.id = e.origin_id "
        "WHERE o.origin = ? AND e.seq > ?",
        (origin, seq),
    ):
        yield bytes(raw)


def supersessions_through(conn: Connection, last_row: int) -> Iterator[tuple[str, int]]:
    """(id superseded, its key's row) of the supersessions made by entries up to row
    `last_row` of the entries table."""
    for target, key in conn.exec_driver_sql(
        "SELECT target, key_id FROM supersessions WHERE by_entry <= ?", (last_row,)
    ):
        yield bytes(target).hex(), int(key)


def clear_vote(conn: Connection) -> None:
    """Delete the vote: every entry, key, origin, slot and setting of the database."""
    for table in VOTE_TABLES:
        conn.exec_driver_sql(f"DELETE FROM {table}")
