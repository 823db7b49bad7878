"""What file exchange keeps in the database: chain ends, checkpoints, held entries (the log
of imported files and what each brought: store.import_records).

Every function takes a Connection inside the caller's transaction and returns plain data.
`vote` is the vote id (the first setup's hash): rows of an earlier vote on this database are
never read.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, text

from steward_app.domain.entries import EntryKey, EntryType
from steward_app.store.slot_refresh import refresh_slots
from steward_app.store.supersessions import restore_supersessions

_CHUNK = 500


def _chunks(items: Sequence[bytes]) -> Iterable[list[bytes]]:
    for i in range(0, len(items), _CHUNK):
        yield list(items[i : i + _CHUNK])


# --- what this PC holds ------------------------------------------------------------------


def all_hashes(conn: Connection, vote: str) -> set[bytes]:
    """The ids of every entry this PC holds, applied or held."""
    raw = _raw(conn)
    found = {r[0] for r in raw.execute("SELECT hash FROM entries")}
    found.update(r[0] for r in raw.execute("SELECT hash FROM held_entries WHERE vote = ?", (vote,)))
    return found


# An import's lines by id, in a table of the connection's own (SQLite's temporary store, on
# disk past its small cache): which of them this PC holds, without a set of every id this PC
# holds in memory (sync.arrivals.new_entries)
_LINES = "file_lines"


def index_lines(conn: Connection, ids: bytes) -> None:
    """Keep the lines' ids (32 bytes each, line 0 first) for known_lines()."""
    raw = _raw(conn)
    raw.execute(f"DROP TABLE IF EXISTS temp.{_LINES}")
    raw.execute(f"CREATE TEMP TABLE {_LINES} (line INTEGER PRIMARY KEY, hash BLOB NOT NULL)")
    raw.executemany(  # in line order, then indexed at once: faster than in the ids' order
        f"INSERT INTO {_LINES} (line, hash) VALUES (?, ?)",
        ((at // 32, ids[at : at + 32]) for at in range(0, len(ids), 32)),
    )
    raw.execute(f"CREATE INDEX temp.{_LINES}_hash ON {_LINES} (hash)")


def holds_nothing(conn: Connection, vote: str) -> bool:
    """Whether this PC holds no entry at all, applied or held (a PC joining a vote)."""
    raw = _raw(conn)
    return (
        raw.execute("SELECT 1 FROM entries LIMIT 1").fetchone() is None
        and raw.execute("SELECT 1 FROM held_entries WHERE vote = ? LIMIT 1", (vote,)).fetchone()
        is None
    )


def known_lines(conn: Connection, vote: str) -> tuple[list[int], int]:
    """The indexed lines whose entry this PC holds (applied or held), and how many different
    ids they have."""
    rows = _raw(conn).execute(
        f"SELECT l.line, l.hash FROM {_LINES} l WHERE EXISTS (SELECT 1 FROM entries e "
        "WHERE e.hash = l.hash) OR EXISTS (SELECT 1 FROM held_entries h WHERE h.vote = ? "
        "AND h.hash = l.hash) ORDER BY l.hash",
        (vote,),
    )
    lines: list[int] = []
    different, last = 0, None
    for line, digest in rows:
        lines.append(int(line))
        if digest != last:
            different, last = different + 1, digest
    return lines, different


def forget_lines(conn: Connection) -> None:
    _raw(conn).execute(f"DROP TABLE IF EXISTS temp.{_LINES}")


def holds_all(conn: Connection, vote: str, hashes: Sequence[bytes]) -> bool:
    """Whether this PC holds every one of these entries (applied or held)."""
    wanted = set(hashes)
    applied = text("SELECT hash FROM entries WHERE hash IN :h").bindparams(
        bindparam("h", expanding=True)
    )
    held = text("SELECT hash FROM held_entries WHERE vote = :v AND hash IN :h").bindparams(
        bindparam("h", expanding=True)
    )
    for part in _chunks(list(wanted)):
        wanted -= {bytes(r[0]) for r in conn.execute(applied, {"h": part})}
        wanted -= {bytes(r[0]) for r in conn.execute(held, {"v": vote, "h": part})}
    return not wanted


def chain_ends(conn: Connection, vote: str, origins: Iterable[str]) -> dict[str, tuple[int, str]]:
    """Per origin, (seq, hex id) of the last entry this PC holds of it, applied or held."""
    out: dict[str, tuple[int, str]] = {}
    for origin in origins:
        candidates = []
        row = conn.exec_driver_sql(
            "SELECT e.seq, e.hash FROM entries e JOIN origins o ON o.id = e.origin_id "
            "WHERE o.origin = ? ORDER BY e.seq DESC LIMIT 1",
            (origin,),
        ).first()
        if row:
            candidates.append((int(row[0]), bytes(row[1]).hex()))
        row = conn.exec_driver_sql(
            "SELECT seq, hash FROM held_entries WHERE vote = ? AND origin = ? "
            "ORDER BY seq DESC LIMIT 1",
            (vote, origin),
        ).first()
        if row:
            candidates.append((int(row[0]), bytes(row[1]).hex()))
        if candidates:
            out[origin] = max(candidates)
    return out


@dataclass(frozen=True)
class ExportLine:
    origin: str
    seq: int
    raw: bytes


def export_lines(conn: Connection, vote: str) -> list[ExportLine]:
    """Every entry this PC holds (applied and held), by origin then seq, as stored."""
    rows = _raw(conn).execute(
        "SELECT o.origin, e.seq, e.raw FROM entries e JOIN origins o ON o.id = e.origin_id "
        "UNION ALL SELECT origin, seq, raw FROM held_entries WHERE vote = ? "
        "ORDER BY 1, 2",
        (vote,),
    )
    return [ExportLine(str(o), int(s), bytes(r)) for o, s, r in rows]


def _raw(conn: Connection) -> Any:
    """The DB-API connection under `conn` (same transaction), for bulk reads without
    SQLAlchemy's per-row objects."""
    return conn.connection.driver_connection


STATE_PREFIX = b"steward_app/v1/state\0"


def state_digest(conn: Connection) -> tuple[bytes, int]:
    """sha256 over the sorted ids of the applied entries, and how many there are (read a
    part at a time: a list of a million ids would hold some 70 MB)."""
    sha, count = hashlib.sha256(STATE_PREFIX), 0
    cursor = _raw(conn).execute("SELECT hash FROM entries ORDER BY hash")
    while rows := cursor.fetchmany(10_000):
        sha.update(b"".join([r[0] for r in rows]))
        count += len(rows)
    return sha.digest(), count


def ids_after(conn: Connection, after: bytes, limit: int) -> list[bytes]:
    """The next `limit` ids of applied entries above `after`, in order (the state digest read
    a part at a time)."""
    query = "SELECT hash FROM entries WHERE hash > ? ORDER BY hash LIMIT ?"
    return [bytes(r[0]) for r in _raw(conn).execute(query, (after, limit))]


# --- origins and checkpoints ---------------------------------------------------------------


@dataclass(frozen=True)
class OriginRow:
    origin: str
    steward: str
    pc: str
    local: bool
    public_key: str | None
    entries: int
    last_seq: int


def origins(conn: Connection) -> list[OriginRow]:
    rows = conn.exec_driver_sql(
        "SELECT o.origin, o.steward, o.pc, o.local, o.public_key, COUNT(e.id), "
        "COALESCE(MAX(e.seq), 0) FROM origins o LEFT JOIN entries e ON e.origin_id = o.id "
        "GROUP BY o.id ORDER BY o.steward, o.pc"
    )
    return [
        OriginRow(str(o), str(s), str(p), bool(loc), k, int(n), int(last))
        for o, s, p, loc, k, n, last in rows
    ]


@dataclass(frozen=True)
class StoredCheckpoint:
    origin: str
    public_key: str
    seq: int
    head: bytes
    sig: bytes


def checkpoints(conn: Connection, vote: str) -> dict[str, StoredCheckpoint]:
    rows = conn.exec_driver_sql(
        "SELECT origin, public_key, seq, head, sig FROM checkpoints WHERE vote = ?", (vote,)
    )
    return {
        str(o): StoredCheckpoint(str(o), str(k), int(s), bytes(h), bytes(g))
        for o, k, s, h, g in rows
    }


def save_checkpoints(conn: Connection, vote: str, items: Iterable[StoredCheckpoint]) -> None:
    """Keep the highest checkpoint of each origin."""
    rows = [(vote, c.origin, c.public_key, c.seq, c.head, c.sig) for c in items]
    if rows:  # none: a file whose only new entries were a second history, left out
        conn.exec_driver_sql(
            "INSERT INTO checkpoints (vote, origin, public_key, seq, head, sig) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(vote, origin) DO UPDATE SET "
            "public_key = excluded.public_key, seq = excluded.seq, head = excluded.head, "
            "sig = excluded.sig WHERE excluded.seq > checkpoints.seq",
            rows,
        )


# --- held entries --------------------------------------------------------------------------


@dataclass(frozen=True)
class HeldRow:
    hash: bytes
    origin: str
    seq: int
    type: str
    raw: bytes
    reason: str
    detail: str
    held_at: str
    source: str


def add_held(conn: Connection, vote: str, rows: Sequence[HeldRow]) -> None:
    if rows:
        conn.exec_driver_sql(
            "INSERT INTO held_entries (vote, hash, origin, seq, type, raw, reason, detail, "
            "held_at, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                (
                    vote,
                    r.hash,
                    r.origin,
                    r.seq,
                    r.type,
                    r.raw,
                    r.reason,
                    r.detail,
                    r.held_at,
                    r.source,
                )
                for r in rows
            ],
        )


def held_rows(conn: Connection, vote: str) -> list[HeldRow]:
    rows = conn.exec_driver_sql(
        "SELECT hash, origin, seq, type, raw, reason, detail, held_at, source FROM held_entries "
        "WHERE vote = ? ORDER BY held_at, origin, seq",
        (vote,),
    )
    return [
        HeldRow(bytes(h), str(o), int(s), str(t), bytes(r), str(why), str(d), str(at), str(src))
        for h, o, s, t, r, why, d, at, src in rows
    ]


def release_held(conn: Connection, hashes: Sequence[bytes]) -> None:
    """Forget these held entries (they are being applied)."""
    if hashes:
        conn.exec_driver_sql("DELETE FROM held_entries WHERE hash = ?", [(h,) for h in hashes])


def update_held(conn: Connection, changes: Sequence[tuple[bytes, str, str]]) -> None:
    """New (reason, detail) for held entries whose reason changed: (hash, reason, detail)."""
    if changes:
        conn.exec_driver_sql(
            "UPDATE held_entries SET reason = ?, detail = ? WHERE hash = ?",
            [(r, d, h) for h, r, d in changes],
        )


@dataclass(frozen=True)
class AppliedFacts:
    """What judging an applied entry needs, without reading its bytes."""

    id: str
    origin: str
    type: EntryType
    key: EntryKey
    steward: str
    pc: str


def applied_facts(conn: Connection) -> list[AppliedFacts]:
    rows = conn.exec_driver_sql(
        "SELECT lower(hex(e.hash)), o.origin, e.type, k.kind, k.question, k.unit, k.part, "
        "o.steward, o.pc FROM entries e JOIN origins o ON o.id = e.origin_id "
        "JOIN entry_keys k ON k.id = e.key_id"
    )
    return [
        AppliedFacts(str(h), str(o), EntryType(t), EntryKey(k, q, u, p), str(s), str(pc))
        for h, o, t, k, q, u, p, s, pc in rows
    ]


def withdraw(conn: Connection, hashes: Sequence[bytes]) -> set[int]:
    """Take applied entries out of `entries` (the caller holds them); returns touched keys."""
    if not hashes:
        return set()
    conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS withdrawn(hash BLOB PRIMARY KEY)")
    conn.exec_driver_sql("DELETE FROM withdrawn")
    conn.exec_driver_sql("INSERT INTO withdrawn VALUES (?)", [(h,) for h in hashes])
    keys = {
        int(r[0])
        for r in conn.exec_driver_sql(
            "SELECT DISTINCT e.key_id FROM entries e JOIN entry_keys k ON k.id = e.key_id "
            "WHERE k.kind = 'count' AND e.hash IN (SELECT hash FROM withdrawn)"
        )
    }
    # what the withdrawn retractions undid counts again once they are gone
    undone = [
        (bytes(t), int(k))
        for t, k in conn.exec_driver_sql(
            "SELECT s.target, s.key_id FROM supersessions s JOIN entries r ON r.id = s.by_entry "
            f"WHERE r.type = '{EntryType.COUNT_RETRACTED.value}' AND s.target != r.hash "
            "AND r.hash IN (SELECT hash FROM withdrawn)"
        )
    ]
    conn.exec_driver_sql(
        "DELETE FROM supersessions WHERE by_entry IN "
        "(SELECT id FROM entries WHERE hash IN (SELECT hash FROM withdrawn))"
    )
    conn.exec_driver_sql("DELETE FROM entries WHERE hash IN (SELECT hash FROM withdrawn)")
    restore_supersessions(conn, undone)
    refresh_slots(conn, keys)
    return keys


def by_hash(conn: Connection, sql: str, hashes: Sequence[bytes]) -> dict[bytes, bytes]:
    """hash -> value for a query of (hash, value) rows `WHERE hash IN :h`, in chunks."""
    stmt = text(sql).bindparams(bindparam("h", expanding=True))
    out: dict[bytes, bytes] = {}
    for part in _chunks(list(hashes)):
        out.update((bytes(h), bytes(v)) for h, v in conn.execute(stmt, {"h": part}))
    return out


def raw_of(conn: Connection, hashes: Sequence[bytes]) -> dict[bytes, bytes]:
    """The stored bytes of applied entries."""
    return by_hash(conn, "SELECT hash, raw FROM entries WHERE hash IN :h", hashes)
