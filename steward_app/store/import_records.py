"""The log of imported files (one row per file, so the same file is not imported twice) and
what each import brought and replaced (schema 0003), for the import history and for undoing
an import.

Every function takes a Connection inside the caller's transaction and returns plain data.
`vote` is the vote id (the first setup's hash).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from steward_app.store.exchange_log import StoredCheckpoint, by_hash, save_checkpoints, withdraw

# --- the import log ------------------------------------------------------------------------


@dataclass(frozen=True)
class ImportLogRow:
    name: str
    imported_at: str
    exporter: str
    new: int
    known: int
    held: int


def imported(conn: Connection, vote: str, file_hash: bytes) -> ImportLogRow | None:
    row = conn.exec_driver_sql(
        "SELECT name, imported_at, exporter, new, known, held FROM imports "
        "WHERE file_hash = ? AND vote = ?",
        (file_hash, vote),
    ).first()
    if row is None:
        return None
    return ImportLogRow(
        str(row[0]), str(row[1]), str(row[2]), int(row[3]), int(row[4]), int(row[5])
    )


def log_import(conn: Connection, vote: str, file_hash: bytes, row: ImportLogRow) -> None:
    conn.exec_driver_sql(
        "INSERT OR IGNORE INTO imports (file_hash, vote, name, imported_at, exporter, new, known, "
        "held) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (file_hash, vote, row.name, row.imported_at, row.exporter, row.new, row.known, row.held),
    )


# --- what each import brought (schema 0003), for undoing one ---------------------------------


def record_import(
    conn: Connection,
    file_hash: bytes,
    applied_from: int,
    held: bytes | bytearray,
    replaced: Iterable[tuple[str, StoredCheckpoint | None]],
) -> None:
    """Remember the entries an import brought: the ones applied (rows `applied_from` on, in
    order) then the ones held (`held`: their ids), 32 bytes each in one value; and, per
    origin, the checkpoint it replaced (None: the origin had none). The value is written a
    piece at a time: 250,000 ids are 8 MB."""
    raw = conn.connection.driver_connection
    assert raw is not None
    applied = raw.execute("SELECT COUNT(*) FROM entries WHERE id >= ?", (applied_from,))
    size = 32 * int(applied.fetchone()[0]) + len(held)
    row = raw.execute(
        "INSERT OR REPLACE INTO import_entries (file_hash, hashes) VALUES (?, zeroblob(?))",
        (file_hash, size),
    ).lastrowid
    with raw.blobopen("import_entries", "hashes", row) as blob:
        ids = raw.execute("SELECT hash FROM entries WHERE id >= ? ORDER BY id", (applied_from,))
        while rows := ids.fetchmany(10_000):
            blob.write(b"".join([r[0] for r in rows]))
        blob.write(held)
    raw.executemany(
        "INSERT OR REPLACE INTO import_checkpoints (file_hash, origin, public_key, seq, head, "
        "sig) VALUES (?, ?, ?, ?, ?, ?)",
        [
            (file_hash, origin, None, 0, None, None)
            if cp is None
            else (file_hash, origin, cp.public_key, cp.seq, cp.head, cp.sig)
            for origin, cp in replaced
        ],
    )


@dataclass(frozen=True)
class ImportRecord:
    """An imported file as the import history shows it."""

    file_hash: bytes
    name: str
    imported_at: str
    exporter: str  # origin
    steward: str  # the exporter's names as this PC knows them ("" when unknown)
    pc: str
    new: int
    known: int
    held: int
    recorded: int  # entries it brought that this PC still remembers (0: before schema 0003)
    joined: bool  # it brought the vote's first setup: this PC joined the vote from it


def import_records(conn: Connection, vote: str) -> list[ImportRecord]:
    """The files imported for this vote, newest first."""
    rows = conn.exec_driver_sql(
        "SELECT i.file_hash, i.name, i.imported_at, i.exporter, COALESCE(o.steward, ''), "
        "COALESCE(o.pc, ''), i.new, i.known, i.held, "
        "COALESCE((SELECT length(r.hashes) / 32 FROM import_entries r "
        "WHERE r.file_hash = i.file_hash), 0), "
        # the vote's first setup (a setup replacing none) among what it brought: joined by it
        "EXISTS (SELECT 1 FROM import_entries r JOIN entries e ON e.type = 'setup' "
        "AND instr(r.hashes, e.hash) % 32 = 1 WHERE r.file_hash = i.file_hash "
        "AND NOT EXISTS (SELECT 1 FROM supersessions s WHERE s.by_entry = e.id)) "
        "FROM imports i LEFT JOIN origins o ON o.origin = i.exporter WHERE i.vote = ? "
        "ORDER BY i.imported_at DESC, i.name",
        (vote,),
    )
    return [
        ImportRecord(
            bytes(h),
            str(n),
            str(at),
            str(ex),
            str(s),
            str(p),
            int(a),
            int(b),
            int(c),
            int(r),
            bool(j),
        )
        for h, n, at, ex, s, p, a, b, c, r, j in rows
    ]


def _split(blob: bytes) -> list[bytes]:
    return [blob[i : i + 32] for i in range(0, len(blob), 32)]


def brought_by(conn: Connection, file_hash: bytes) -> list[bytes]:
    """The ids of the entries an import brought ([]: no record of it)."""
    row = conn.exec_driver_sql(
        "SELECT hashes FROM import_entries WHERE file_hash = ?", (file_hash,)
    ).first()
    return _split(bytes(row[0])) if row else []


def import_of(conn: Connection, hashes: Iterable[bytes]) -> dict[bytes, bytes]:
    """For entries brought by an import: entry id -> the file hash of that import (reads
    every record: for the few entries an undo finds in its way)."""
    wanted = set(hashes)
    out: dict[bytes, bytes] = {}
    for file_hash, blob in conn.exec_driver_sql("SELECT file_hash, hashes FROM import_entries"):
        out.update((h, bytes(file_hash)) for h in wanted.intersection(_split(bytes(blob))))
    return out


def superseding(conn: Connection, hashes: Sequence[bytes]) -> list[bytes]:
    """The stored bytes of applied entries that supersede any of these entries."""
    return list(
        by_hash(
            conn,
            "SELECT b.hash, b.raw FROM supersessions s JOIN entries b ON b.id = s.by_entry "
            "WHERE s.target IN :h",
            hashes,
        ).values()
    )


def replaced_checkpoints(
    conn: Connection, file_hash: bytes
) -> list[tuple[str, StoredCheckpoint | None]]:
    rows = conn.exec_driver_sql(
        "SELECT origin, public_key, seq, head, sig FROM import_checkpoints WHERE file_hash = ?",
        (file_hash,),
    )
    return [
        (str(o), None if s == 0 else StoredCheckpoint(str(o), str(k), int(s), bytes(h), bytes(g)))
        for o, k, s, h, g in rows
    ]


def put_back_checkpoints(
    conn: Connection, vote: str, items: Iterable[tuple[str, StoredCheckpoint | None]]
) -> None:
    """Set each origin's checkpoint to the given one (None: remove it), even if lower."""
    for origin, cp in items:
        conn.exec_driver_sql(
            "DELETE FROM checkpoints WHERE vote = ? AND origin = ?", (vote, origin)
        )
        if cp is not None:
            save_checkpoints(conn, vote, [cp])


def remove_entries(conn: Connection, hashes: Sequence[bytes]) -> set[int]:
    """Take entries out of this PC altogether (applied or held): an import being undone.
    Returns the count keys whose slots were recomputed."""
    conn.exec_driver_sql("DELETE FROM held_entries WHERE hash = ?", [(h,) for h in hashes])
    return withdraw(conn, hashes)


def forget_import(conn: Connection, vote: str, file_hash: bytes) -> None:
    """Forget an imported file (its records go with it, by trigger): it imports again."""
    conn.exec_driver_sql("DELETE FROM imports WHERE file_hash = ? AND vote = ?", (file_hash, vote))


def drop_unused_origins(conn: Connection, origins: Iterable[str]) -> None:
    """Remove these origins where nothing here names them any more (no entry, held entry or
    checkpoint) and they are not this database's own."""
    conn.exec_driver_sql(
        "DELETE FROM origins WHERE origin = ? AND NOT local "
        "AND NOT EXISTS (SELECT 1 FROM entries e WHERE e.origin_id = origins.id) "
        "AND NOT EXISTS (SELECT 1 FROM held_entries h WHERE h.origin = origins.origin) "
        "AND NOT EXISTS (SELECT 1 FROM checkpoints c WHERE c.origin = origins.origin)",
        [(o,) for o in origins],
    )
