"""Append entries, and the origins, keys and settings they need; keep the derived slot table
in step (store.slot_refresh) and the supersessions (store.supersessions). The reads of what is
stored are in store.entry_reads.

Every function takes a Connection inside a transaction the caller opened, so a service
action (checks, insert, slot refresh) commits or rolls back as one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, insert, select, text

from steward_app.domain.entries import Entry, EntryKey, EntryType, KeyKind
from steward_app.store import slot_refresh, supersessions
from steward_app.store.schema import origins_table

# --- settings ----------------------------------------------------------------------------


def get_setting(conn: Connection, name: str) -> str | None:
    # plain SQL: building the select for every call cost ten times the query (a count reads
    # several settings)
    row = conn.exec_driver_sql("SELECT value FROM settings WHERE name = ?", (name,)).first()
    return row[0] if row else None


def set_setting(conn: Connection, name: str, value: str) -> None:
    conn.execute(
        text(
            "INSERT INTO settings(name, value) VALUES (:n, :v) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value"
        ),
        {"n": name, "v": value},
    )


def clear_setting(conn: Connection, name: str) -> None:
    conn.exec_driver_sql("DELETE FROM settings WHERE name = ?", (name,))


# --- origins and keys --------------------------------------------------------------------


@dataclass(frozen=True)
class OriginInfo:
    row_id: int
    origin: str
    steward: str
    pc: str
    local: bool
    public_key: str | None = None  # None: an origin from before file exchange, with no key


def find_origin(conn: Connection, steward: str, pc: str) -> OriginInfo | None:
    """This database's own origin for a steward on a PC (several: the newest)."""
    row = conn.exec_driver_sql(  # plain SQL: read on every count, the select cost more
        "SELECT id, origin, steward, pc, local, public_key FROM origins "
        "WHERE steward = ? AND pc = ? AND local = 1 ORDER BY id DESC LIMIT 1",
        (steward, pc),
    ).first()
    if row is None:
        return None
    return OriginInfo(row[0], row[1], row[2], row[3], bool(row[4]), row[5])


def add_origin(
    conn: Connection,
    origin: str,
    steward: str,
    pc: str,
    local: bool,
    public_key: str | None = None,
) -> int:
    """The row id of an origin, added when new (an existing one gets its key if it had none)."""
    existing = conn.execute(
        select(origins_table.c.id, origins_table.c.public_key).where(
            origins_table.c.origin == origin
        )
    ).first()
    if existing:
        if public_key is not None and existing[1] is None:
            conn.execute(
                origins_table.update()
                .where(origins_table.c.id == existing[0])
                .values(public_key=public_key)
            )
        return int(existing[0])
    result = conn.execute(
        insert(origins_table).values(
            origin=origin, steward=steward, pc=pc, local=local, public_key=public_key
        )
    )
    return int(result.inserted_primary_key[0])  # type: ignore[index]


def set_local(conn: Connection, origin: str, local: bool) -> None:
    conn.execute(origins_table.update().where(origins_table.c.origin == origin).values(local=local))


def origin_ids(conn: Connection) -> dict[str, int]:
    return {
        r.origin: r.id for r in conn.execute(select(origins_table.c.origin, origins_table.c.id))
    }


_FEW_KEYS = 64  # up to this many: one indexed lookup per key; more: one temp-table join
KeyFields = tuple[str, str, str, str]  # (kind, question, unit, part), as entry_keys holds them


def key_ids(conn: Connection, keys: Iterable[EntryKey]) -> dict[EntryKey, int]:
    """Row ids of keys, creating the missing ones."""
    wanted = set(keys)
    rows = _key_rows(conn, {(k.kind, k.question, k.unit, k.part) for k in wanted})
    return {k: rows[(k.kind, k.question, k.unit, k.part)] for k in wanted}


def _key_rows(conn: Connection, wanted: set[KeyFields]) -> dict[KeyFields, int]:
    """Row ids of keys given as plain tuples, creating the missing ones.

    Only the wanted keys are read, through the unique index on (kind, question, unit, part):
    the table holds a key per count slot (100,000 and more on a large vote), and a record
    names one of them. New keys get their row ids in sorted order, whatever the set's order.
    When no key of their kinds is stored yet (a CSV import into a new vote), many keys are
    inserted at once with no lookup (100,000: ~0.45 s against ~0.6-0.9 s through the join)."""
    if not wanted:
        return {}
    raw = conn.connection.driver_connection
    assert raw is not None
    ordered = sorted(wanted)
    if len(ordered) <= _FEW_KEYS:
        return {k: _one_key_row(raw, k) for k in ordered}
    if not _any_key_of_kinds(raw, {k[0] for k in ordered}):
        # none of them can be here yet (a first import): inserted at once, numbered in order
        before = raw.execute("SELECT COALESCE(MAX(id), 0) FROM entry_keys").fetchone()[0]
        raw.executemany(
            "INSERT INTO entry_keys (kind, question, unit, part) VALUES (?, ?, ?, ?)", ordered
        )
        new = raw.execute("SELECT id FROM entry_keys WHERE id > ? ORDER BY id", (before,))
        return dict(zip(ordered, [r[0] for r in new], strict=True))
    raw.execute(
        "CREATE TEMP TABLE IF NOT EXISTS wanted_keys (kind TEXT, question TEXT, unit TEXT, "
        "part TEXT)"
    )
    raw.execute("DELETE FROM wanted_keys")
    raw.executemany("INSERT INTO wanted_keys VALUES (?, ?, ?, ?)", ordered)
    raw.execute(
        "INSERT INTO entry_keys (kind, question, unit, part) "
        "SELECT w.kind, w.question, w.unit, w.part FROM wanted_keys w WHERE NOT EXISTS "
        f"(SELECT 1 FROM entry_keys k WHERE {_SAME_KEY}) ORDER BY w.rowid"
    )
    # each wanted key is there once now (the unique index), read in the order of `ordered`
    ids = raw.execute(
        f"SELECT k.id FROM wanted_keys w JOIN entry_keys k ON {_SAME_KEY} ORDER BY w.rowid"
    )
    found = dict(zip(ordered, [r[0] for r in ids], strict=True))
    raw.execute("DELETE FROM wanted_keys")
    return found


def _any_key_of_kinds(raw: Any, kinds: set[str]) -> bool:
    marks = ",".join("?" * len(kinds))
    query = f"SELECT 1 FROM entry_keys WHERE kind IN ({marks}) LIMIT 1"
    return raw.execute(query, sorted(kinds)).fetchone() is not None


_SAME_KEY = "k.kind = w.kind AND k.question = w.question AND k.unit = w.unit AND k.part = w.part"


def _one_key_row(raw: Any, key: KeyFields) -> int:
    row = raw.execute(
        "SELECT id FROM entry_keys WHERE kind = ? AND question = ? AND unit = ? AND part = ?", key
    ).fetchone()
    if row is not None:
        return int(row[0])
    cursor = raw.execute(
        "INSERT INTO entry_keys (kind, question, unit, part) VALUES (?, ?, ?, ?)", key
    )
    return int(cursor.lastrowid)


# --- appending ---------------------------------------------------------------------------


_INSERT_ENTRY = (
    "INSERT INTO entries (id, hash, origin_id, seq, type, key_id, recorded_at, raw, yes, no, "
    "void, challenged, eligible, final) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)


_COUNT_TYPES = frozenset(t.value for t in EntryType if t.has_numbers)  # a retraction has none


_NO_NUMBERS = (None,) * 6  # yes, no, void, challenged, eligible, final of a non-count


def _row(row_id: int, e: Entry, origin_row: int, key_row: int) -> tuple[object, ...]:
    kind = e.type._value_  # the plain attribute: imports build 100,000 rows here
    head = (row_id, bytes.fromhex(e.id), origin_row, e.seq, kind, key_row, e.recorded_at, e.raw)
    if kind not in _COUNT_TYPES:
        return head + _NO_NUMBERS
    b = e.body
    return head + (
        b["yes"],
        b["no"],
        b.get("void", 0),
        b.get("challenged", 0),
        b.get("eligible"),
        bool(b.get("final", False)),
    )


def append(conn: Connection, entries: Sequence[Entry]) -> list[int]:
    """Insert entries (already checked) and refresh the slots they touch.

    Returns each entry's key row id, in order."""
    if not entries:
        return []
    first = next_row(conn)
    key_rows, count_keys = append_part(conn, entries)
    if len(entries) > 1000 and slot_refresh.first_counts(conn, first):
        # the first counts of this database (a PC joining, a CSV import into a new vote):
        # every slot comes from this batch
        slot_refresh.fill_from_batch(conn, entries, key_rows)
    else:
        slot_refresh.refresh_touched(conn, count_keys)
    return key_rows


def next_row(conn: Connection) -> int:
    """The row id the next entry appended gets."""
    return int(conn.exec_driver_sql("SELECT COALESCE(MAX(id), 0) FROM entries").scalar_one()) + 1


def append_part(
    conn: Connection, entries: Sequence[Entry], known_keys: Mapping[KeyFields, int] | None = None
) -> tuple[list[int], set[int]]:
    """Insert entries (already checked) without refreshing any slot: one part of a larger
    append, whose slots refresh_appended() refreshes once every part is in (an import of
    100,000 entries writes them a few thousand at a time). The parts, in order, store what
    one append() of them all stores: supersessions work out the same in any arrival order.

    `known_keys`: key row ids already looked up (add_keys()), the others are looked up here.
    Returns each entry's key row id, in order, and the key rows of counts among them."""
    if not entries:
        return [], set()
    origins = origin_ids(conn)
    # keys as plain tuples: a frozen dataclass hashes in Python, a tuple in C
    tuples = [(k.kind, k.question, k.unit, k.part) for k in [e.key for e in entries]]
    by_tuple = known_keys or {}
    missing = set(tuples).difference(by_tuple)
    if missing:
        by_tuple = {**by_tuple, **_key_rows(conn, missing)}
    key_rows = [by_tuple[t] for t in tuples]
    raw = conn.connection.driver_connection
    assert raw is not None
    # row ids given here (the next ones after the largest), so supersessions need no lookup
    first = next_row(conn)
    raw.executemany(
        _INSERT_ENTRY,
        [_row(first + i, e, origins[e.origin], key_rows[i]) for i, e in enumerate(entries)],
    )
    edges = supersessions.effective_edges(raw, entries, first, key_rows)
    if edges:
        raw.executemany(
            "INSERT OR IGNORE INTO supersessions (target, by_entry, key_id) VALUES (?, ?, ?)",
            edges,
        )
    count = KeyKind.COUNT.value
    return key_rows, {row for row, t in zip(key_rows, tuples, strict=True) if t[0] == count}


def add_keys(conn: Connection, keys: Iterable[KeyFields]) -> tuple[int, dict[KeyFields, int]]:
    """Create the missing ones of these keys ((kind, question, unit, part)), numbered in
    sorted order as append() numbers the keys of its entries, before parts are appended
    with append_part(); returns the largest key row id there was before, and every key's
    row id. The keys of the entries that were not appended in the end are taken out by
    drop_unused_keys()."""
    before = int(conn.exec_driver_sql("SELECT COALESCE(MAX(id), 0) FROM entry_keys").scalar_one())
    return before, _key_rows(conn, set(keys))


def drop_unused_keys(conn: Connection, before: int) -> dict[int, int]:
    """Take out the keys created after row `before` that no entry has (the keys add_keys()
    created for entries held apart), numbering the others as if they alone were created. In
    a bulk_transaction (keys are numbered again under the entries naming them). Returns the
    new number of each key numbered again."""
    raw = conn.connection.driver_connection
    assert raw is not None
    unused = [
        int(r[0])
        for r in raw.execute(
            "SELECT k.id FROM entry_keys k WHERE k.id > ? AND NOT EXISTS "
            "(SELECT 1 FROM entries e WHERE e.key_id = k.id)",
            (before,),
        )
    ]
    if not unused:  # every import whose entries all apply
        return {}
    raw.executemany("DELETE FROM entry_keys WHERE id = ?", [(i,) for i in unused])
    kept = [
        int(r[0])
        for r in raw.execute("SELECT id FROM entry_keys WHERE id > ? ORDER BY id", (before,))
    ]
    moved = {old: new for new, old in enumerate(kept, before + 1) if new != old}
    for old, new in moved.items():  # in order: each new id is free by then
        for sql in (
            "UPDATE entry_keys SET id = ? WHERE id = ?",
            "UPDATE entries SET key_id = ? WHERE key_id = ?",
            "UPDATE supersessions SET key_id = ? WHERE key_id = ?",
        ):
            raw.execute(sql, (new, old))
    return moved


def refresh_appended(conn: Connection, first: int, count_keys: set[int]) -> None:
    """Refresh the slots of the parts appended by append_part() from row `first` on (the
    count keys they touched), as append() of them all at once does."""
    if next_row(conn) - first > 1000 and slot_refresh.first_counts(conn, first):
        # what append() works out in memory (test_batch_slots.py)
        slot_refresh.refresh_slots(conn, None)
    else:
        slot_refresh.refresh_touched(conn, count_keys)


def arrival_counts_from(conn: Connection, first: int) -> tuple[int, int]:
    """Of the entries appended from row `first` on: how many are superseded (a retraction
    always is), and how many are current counts of a slot in conflict. The same as
    services.merge.arrival_counts, worked out in SQL once the slots are refreshed, so the
    entries need not be in memory (tests/sync/test_arrival_counts.py compares them)."""
    if first == 1:  # nothing stored before: as services.merge._counts_of_first works it out
        heads, in_conflict = conn.exec_driver_sql(
            "SELECT COALESCE(SUM(heads), 0), "
            "COALESCE(SUM(CASE WHEN status = 'conflict' THEN heads ELSE 0 END), 0) FROM slots"
        ).one()
        arrived, others, others_gone = conn.exec_driver_sql(
            "SELECT (SELECT COUNT(*) FROM entries), COUNT(*), COALESCE(SUM(EXISTS (SELECT 1 "
            "FROM supersessions x WHERE x.target = e.hash AND x.key_id = e.key_id)), 0) "
            "FROM entry_keys k JOIN entries e ON e.key_id = k.id WHERE k.kind != 'count'"
        ).one()
        return int(arrived) - int(others) - int(heads) + int(others_gone), int(in_conflict)
    superseded, conflicting = conn.exec_driver_sql(
        "SELECT COALESCE(SUM(s.gone), 0), COALESCE(SUM(NOT s.gone AND s.conflict), 0) FROM ("
        "SELECT EXISTS (SELECT 1 FROM supersessions x WHERE x.target = e.hash "
        "AND x.key_id = e.key_id) AS gone, "
        "(k.kind = 'count' AND EXISTS (SELECT 1 FROM slots c WHERE c.key_id = e.key_id "
        "AND c.status = 'conflict')) AS conflict "
        "FROM entries e JOIN entry_keys k ON k.id = e.key_id WHERE e.id >= ?) s",
        (first,),
    ).one()
    return int(superseded), int(conflicting)
