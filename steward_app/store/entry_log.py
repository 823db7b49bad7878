"""Append entries and read them back as plain data; keep the derived slot table in step.

Every function takes a Connection inside a transaction the caller opened, so a service
action (checks, insert, slot refresh) commits or rolls back as one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, text

from steward_app.domain.counts import CountValues, Head, SlotKey, UnitReport
from steward_app.domain.entries import Entry, EntryKey, EntryType, KeyKind, parse_entry
from steward_app.domain.tally import Numbers
from steward_app.domain.vote import Vote
from steward_app.store.schema import (
    keys_table,
    origins_table,
)

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


def last_of_origin(conn: Connection, origin_row: int) -> tuple[int, str] | None:
    """(seq, id) of an origin's latest entry here."""
    row = conn.execute(
        text("SELECT seq, hash FROM entries WHERE origin_id = :o ORDER BY seq DESC LIMIT 1"),
        {"o": origin_row},
    ).first()
    return (int(row[0]), bytes(row[1]).hex()) if row else None


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


def key_id(conn: Connection, key: EntryKey) -> int | None:
    row = conn.execute(
        select(keys_table.c.id).where(
            keys_table.c.kind == key.kind,
            keys_table.c.question == key.question,
            keys_table.c.unit == key.unit,
            keys_table.c.part == key.part,
        )
    ).first()
    return int(row[0]) if row else None


# --- appending ---------------------------------------------------------------------------


def known_hashes(conn: Connection, ids: Sequence[str]) -> set[str]:
    if not ids:
        return set()
    stmt = text("SELECT hash FROM entries WHERE hash IN :h").bindparams(
        bindparam("h", expanding=True)
    )
    found: set[str] = set()
    chunk = 500
    for i in range(0, len(ids), chunk):
        part = [bytes.fromhex(x) for x in ids[i : i + chunk]]
        found.update(bytes(r[0]).hex() for r in conn.execute(stmt, {"h": part}))
    return found


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
    if len(entries) > 1000 and _first_counts(conn, first):
        # the first counts of this database (a PC joining, a CSV import into a new vote):
        # every slot comes from this batch
        conn.exec_driver_sql("DELETE FROM slots")
        raw = conn.connection.driver_connection
        assert raw is not None
        raw.executemany(
            _SLOT_INSERT + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _batch_slots(entries, key_rows),
        )
    else:
        _refresh_touched(conn, count_keys)
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
    edges = _effective_edges(raw, entries, first, key_rows)
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
    if next_row(conn) - first > 1000 and _first_counts(conn, first):
        refresh_slots(conn, None)  # what append() works out in memory (test_batch_slots.py)
    else:
        _refresh_touched(conn, count_keys)


def _first_counts(conn: Connection, first: int) -> bool:
    """Whether the entries from row `first` on are the first counts of this database. (An
    empty slot table alone does not say so: a key whose every count was undone has entries
    but no head.)"""
    return first == 1 or (_no_slots(conn) and _no_counts_before(conn, first))


def _refresh_touched(conn: Connection, count_keys: set[int]) -> None:
    if len(count_keys) > 2000 and len(count_keys) * 2 > _key_count(conn):
        refresh_slots(conn, None)  # most slots touched: recompute them all
    else:
        refresh_slots(conn, count_keys)


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


_RETRACTED = EntryType.COUNT_RETRACTED
# a retraction arriving after its target: the target's own supersessions stop counting
_VOID_EARLIER = (
    "DELETE FROM supersessions WHERE by_entry IN (SELECT id FROM entries WHERE hash = ? "
    f"AND key_id = ? AND type != '{_RETRACTED.value}')"
)


def _retracted_pairs(entries: Sequence[Entry], key_rows: Sequence[int]) -> set[tuple[str, int]]:
    """(target id, key row) of what the retractions among these entries undo."""
    return {
        (t, k)
        for e, k in zip(entries, key_rows, strict=True)
        if e.type is _RETRACTED
        for t in e.supersedes
    }


# set (never cleared) once a retraction is stored: until then no stored entry is undone, and a
# batch of corrections needs no lookup (a first import brings 100,000 entries)
_RETRACTIONS_STORED = "retractions_stored"


def _retractions_stored(raw: Any) -> bool:
    row = raw.execute("SELECT 1 FROM settings WHERE name = ?", (_RETRACTIONS_STORED,)).fetchone()
    return row is not None


def void_in_batch(
    raw: Any,
    entries: Sequence[Entry],
    key_rows: Sequence[int],
    undone: set[tuple[str, int]] | None = None,
) -> set[tuple[str, int]]:
    """(id, key row) of the entries of a batch (already stored) that a retraction undoes,
    in the batch or stored before it; with the targets of the batch's retractions
    (`undone`, when the caller has them)."""
    void = _retracted_pairs(entries, key_rows) if undone is None else set(undone)
    if _retractions_stored(raw):
        claims = [
            (e.id, key_rows[i])
            for i, e in enumerate(entries)
            if e.supersedes and e.type is not _RETRACTED
        ]
        void |= retracted_here(raw, claims)
    return void


def effective_claims(
    entries: Sequence[Entry], key_rows: Sequence[int], void: set[tuple[str, int]]
) -> list[tuple[int, str]]:
    """(index of an entry, id it supersedes in effect), as domain.entries.heads means it: a
    retracted entry (in `void`) supersedes nothing; a retraction supersedes its target and
    itself (so it is never a head)."""
    if not void:  # no retraction in the batch (it would void its target) and none applies
        return [(i, t) for i, e in enumerate(entries) if e.supersedes for t in e.supersedes]
    claims: list[tuple[int, str]] = []
    for i, e in enumerate(entries):
        if not e.supersedes:
            continue
        if e.type is _RETRACTED:
            claims.append((i, e.id))
        elif (e.id, key_rows[i]) in void:
            continue
        claims.extend((i, t) for t in e.supersedes)
    return claims


def _effective_edges(
    raw: Any, entries: Sequence[Entry], first: int, key_rows: Sequence[int]
) -> list[tuple[bytes, int, int]]:
    """The supersession rows of a batch in any arrival order (effective_claims); a stored
    entry that a retraction of the batch undoes loses its rows."""
    undone = _retracted_pairs(entries, key_rows)
    if undone:
        raw.executemany(_VOID_EARLIER, [(bytes.fromhex(t), k) for t, k in undone])
    void = void_in_batch(raw, entries, key_rows, undone)
    if undone:
        raw.execute(
            "INSERT OR IGNORE INTO settings (name, value) VALUES (?, '1')", (_RETRACTIONS_STORED,)
        )
    return [
        (bytes.fromhex(t), first + i, key_rows[i])
        for i, t in effective_claims(entries, key_rows, void)
    ]


def retracted_here(raw: Any, pairs: Sequence[tuple[str, int]]) -> set[tuple[str, int]]:
    """Of these (entry id, key row): the ones a stored retraction of the same key undoes."""
    found: set[tuple[str, int]] = set()
    for i in range(0, len(pairs), 500):
        chunk = pairs[i : i + 500]
        marks = ",".join("?" * len(chunk))
        found.update(
            (bytes(t).hex(), int(k))
            for t, k in raw.execute(
                "SELECT s.target, s.key_id FROM supersessions s JOIN entries r "
                f"ON r.id = s.by_entry WHERE s.target IN ({marks}) "
                f"AND r.type = '{_RETRACTED.value}'",
                [bytes.fromhex(t) for t, _ in chunk],
            )
        )
    return found.intersection(pairs)


def restore_supersessions(conn: Connection, targets: Iterable[tuple[bytes, int]]) -> None:
    """Put back the supersessions of entries (hash, key row) whose retraction has just been
    taken out (an import undone, an entry held apart), unless another retraction still
    undoes them."""
    raw = conn.connection.driver_connection
    assert raw is not None
    wanted = set(targets)
    if not wanted:
        return
    rows: list[tuple[str, int, int, bytes]] = []
    for h, k in wanted:
        found = raw.execute(
            "SELECT id, raw FROM entries WHERE hash = ? AND key_id = ? AND type != ?",
            (h, k, _RETRACTED.value),
        ).fetchone()
        if found is not None:
            rows.append((h.hex(), k, int(found[0]), bytes(found[1])))
    still = retracted_here(raw, [(h, k) for h, k, _, _ in rows])
    raw.executemany(
        "INSERT OR IGNORE INTO supersessions (target, by_entry, key_id) VALUES (?, ?, ?)",
        [
            (bytes.fromhex(t), row_id, k)
            for h, k, row_id, data in rows
            if (h, k) not in still
            for t in parse_entry(data).supersedes
        ],
    )


def _batch_slots(entries: Sequence[Entry], key_rows: Sequence[int]) -> list[tuple[object, ...]]:
    """The slot rows of a batch that is all the database holds: what _SLOT_SELECT computes,
    in one pass in memory (tests/store/test_batch_slots.py checks they agree)."""
    void = _retracted_pairs(entries, key_rows)
    superseded = {(t, key_rows[i]) for i, t in effective_claims(entries, key_rows, void)}
    count = KeyKind.COUNT.value
    heads: dict[int, tuple[EntryKey, list[tuple[Any, ...]]]] = {}
    for e, k in zip(entries, key_rows, strict=True):
        if e.key.kind != count or (e.id, k) in superseded:
            continue
        b = e.body
        eligible = b.get("eligible")
        values = (
            b["yes"],
            b["no"],
            b.get("void", 0),
            b.get("challenged", 0),
            -1 if eligible is None else eligible,  # as COALESCE(eligible, -1) compares it
            bool(b.get("final", False)),
        )
        found = heads.get(k)
        if found is None:
            heads[k] = (e.key, [values])
        else:
            found[1].append(values)
    rows: list[tuple[object, ...]] = []
    for k, (key, rows_of_key) in heads.items():
        if len(rows_of_key) == 1:  # one head, the common case: its own numbers
            yes, no, void, challenged, eligible, final = rows_of_key[0]
            rows.append(
                (
                    k,
                    key.question,
                    key.unit,
                    key.part,
                    "value",
                    1,
                    yes,
                    no,
                    void,
                    challenged,
                    None if eligible < 0 else eligible,
                    final,
                )
            )
            continue
        columns = list(zip(*rows_of_key, strict=True))
        lo = [min(c) for c in columns[:5]]
        hi = [max(c) for c in columns[:5]]
        if len(rows_of_key) == 1:
            status = "value"
        elif lo == hi:
            status = "confirmed"
        else:
            status = "conflict"
        known = [v for v in columns[4] if v >= 0]  # MIN(eligible) leaves NULLs out
        eligible = min(known) if known else None
        rows.append(
            (
                k,
                key.question,
                key.unit,
                key.part,
                status,
                len(rows_of_key),
                *lo[:4],
                eligible,
                max(columns[5]),
            )
        )
    # in key order: SQLite then appends to the slot table and its (question, unit) index
    # instead of inserting all over them (a new batch's keys are numbered in sorted order)
    rows.sort(key=itemgetter(0))
    return rows


def _no_slots(conn: Connection) -> bool:
    return conn.exec_driver_sql("SELECT 1 FROM slots LIMIT 1").first() is None


def _no_counts_before(conn: Connection, first: int) -> bool:
    """No count entry (a retraction included) is stored before row `first`."""
    row = conn.exec_driver_sql(
        "SELECT 1 FROM entries WHERE id < ? AND type LIKE 'count.%' LIMIT 1", (first,)
    ).first()
    return row is None


def _key_count(conn: Connection) -> int:
    return int(conn.exec_driver_sql("SELECT COUNT(*) FROM entry_keys").scalar_one())


_SLOT_SELECT = """
SELECT e.key_id, k.question, k.unit, k.part,
  CASE WHEN COUNT(*) = 1 THEN 'value'
       WHEN MIN(e.yes) = MAX(e.yes) AND MIN(e.no) = MAX(e.no) AND MIN(e.void) = MAX(e.void)
        AND MIN(e.challenged) = MAX(e.challenged)
        AND MIN(COALESCE(e.eligible, -1)) = MAX(COALESCE(e.eligible, -1)) THEN 'confirmed'
       ELSE 'conflict' END,
  COUNT(*), MIN(e.yes), MIN(e.no), MIN(e.void), MIN(e.challenged), MIN(e.eligible),
  MAX(e.final)
FROM entries e JOIN entry_keys k ON k.id = e.key_id
WHERE {kind} = 'count' {where}
  AND NOT EXISTS (SELECT 1 FROM supersessions s WHERE s.target = e.hash AND s.key_id = e.key_id)
GROUP BY e.key_id
"""
_SLOT_INSERT = (
    "INSERT INTO slots (key_id, question, unit, part, status, heads, yes, no, void, challenged, "
    "eligible, final) "
)


def refresh_slots(conn: Connection, key_row_ids: Iterable[int] | None) -> None:
    """Recompute the slot rows of these keys (all slots when None) from their heads."""
    if key_row_ids is None:
        conn.exec_driver_sql("DELETE FROM slots")
        conn.exec_driver_sql(_SLOT_INSERT + _SLOT_SELECT.format(kind="k.kind", where=""))
        return
    ids = list(key_row_ids)
    if not ids:
        return
    conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS touched(key_id INTEGER PRIMARY KEY)")
    conn.exec_driver_sql("DELETE FROM touched")
    conn.exec_driver_sql("INSERT INTO touched(key_id) VALUES (?)", [(i,) for i in ids])
    conn.exec_driver_sql("DELETE FROM slots WHERE key_id IN (SELECT key_id FROM touched)")
    # `+k.kind`: without it SQLite starts from the index on entry_keys' kind (every count key
    # of the vote) instead of from the few touched keys
    conn.exec_driver_sql(
        _SLOT_INSERT
        + _SLOT_SELECT.format(kind="+k.kind", where="AND e.key_id IN (SELECT key_id FROM touched)")
    )


# --- reading -----------------------------------------------------------------------------


def heads_of(conn: Connection, key: EntryKey) -> list[tuple[Entry, bool]]:
    """Current heads of a key, each with whether its origin is local to this database."""
    kid = key_id(conn, key)
    if kid is None:
        return []
    rows = conn.execute(
        text(
            "SELECT e.raw, o.local FROM entries e JOIN origins o ON o.id = e.origin_id "
            "WHERE e.key_id = :k AND NOT EXISTS (SELECT 1 FROM supersessions s "
            "WHERE s.target = e.hash AND s.key_id = e.key_id)"
        ),
        {"k": kid},
    ).all()
    return [(parse_entry(bytes(r[0])), bool(r[1])) for r in rows]


def count_heads(conn: Connection, slot: SlotKey) -> list[Head]:
    return [
        Head(e.id, e.values, e.steward, e.pc, e.recorded_at)
        for e, _ in heads_of(conn, EntryKey.count(slot))
    ]


def all_entries(conn: Connection) -> list[Entry]:
    rows = conn.execute(
        text(
            "SELECT e.raw FROM entries e JOIN origins o ON o.id = e.origin_id "
            "ORDER BY o.origin, e.seq"
        )
    )
    return [parse_entry(bytes(r[0])) for r in rows]


# the kind of key each type of entry has (domain.entries.read_entry refuses any other)
_KEY_KIND = {
    EntryType.SETUP: KeyKind.SETUP,
    EntryType.OUTCOME_DECLARED: KeyKind.DECLARED,
    EntryType.ENTRIES_ACCEPTED: KeyKind.ACCEPT,
}


def entries_of_type(conn: Connection, kind: EntryType) -> list[Entry]:
    """Every entry of one type, oldest first.

    The few setups, declarations and acceptances are found through their keys (the unique
    index on entry_keys, then ix_entries_key): `entries` has no index on `type`, and scanning
    a million count entries for them took about half a second."""
    key_kind = _KEY_KIND.get(kind)
    if key_kind is None:
        rows = conn.execute(
            text("SELECT raw FROM entries WHERE type = :t ORDER BY recorded_at, id"),
            {"t": kind.value},
        )
    else:
        rows = conn.execute(
            text(
                "SELECT e.raw FROM entry_keys k JOIN entries e ON e.key_id = k.id "
                "WHERE k.kind = :k AND e.type = :t ORDER BY e.recorded_at, e.id"
            ),
            {"k": key_kind.value, "t": kind.value},
        )
    return [parse_entry(bytes(r[0])) for r in rows]


def entry_by_id(conn: Connection, entry_id: str) -> tuple[Entry, int] | None:
    """An applied entry and its key's row id, by the entry's id (None: not applied here)."""
    try:
        digest = bytes.fromhex(entry_id)
    except ValueError:
        return None
    row = conn.exec_driver_sql("SELECT raw, key_id FROM entries WHERE hash = ?", (digest,)).first()
    return None if row is None else (parse_entry(bytes(row[0])), int(row[1]))


def entry_count(conn: Connection) -> int:
    return int(conn.execute(text("SELECT COUNT(*) FROM entries")).scalar_one())


_REPORT_SQL = """
SELECT question, unit,
  SUM(CASE WHEN status != 'conflict' THEN yes ELSE 0 END),
  SUM(CASE WHEN status != 'conflict' THEN no ELSE 0 END),
  SUM(CASE WHEN status != 'conflict' THEN void ELSE 0 END),
  SUM(CASE WHEN status != 'conflict' THEN challenged ELSE 0 END),
  SUM(status != 'conflict'),
  SUM(status != 'conflict' AND final),
  SUM(status = 'conflict')
FROM slots {where} GROUP BY question, unit
"""


def unit_reports(
    conn: Connection, vote: Vote, unit_ids: Iterable[str] | None = None
) -> dict[tuple[str, str], UnitReport]:
    """Each unit's report per question, summed in SQL over its slots (matches
    domain.counts.unit_report). Units with no slot are left out: they have not reported.

    With `unit_ids`, only those units' reports on the vote's questions (the ones standings
    read) are summed: naming the questions lets SQLite use ix_slots_question_unit instead of
    reading every slot."""
    params: dict[str, object] = {}
    where = ""
    if unit_ids is not None:
        where = "WHERE question IN :questions AND unit IN :units"
        params["questions"] = [q.id for q in vote.questions]
        params["units"] = list(unit_ids)
        stmt = text(_REPORT_SQL.format(where=where)).bindparams(
            bindparam("questions", expanding=True), bindparam("units", expanding=True)
        )
    else:
        stmt = text(_REPORT_SQL.format(where=where))
    units = vote.unit_by_id
    out: dict[tuple[str, str], UnitReport] = {}
    for q, u, yes, no, void, challenged, with_value, final, conflicts in conn.execute(stmt, params):
        unit = units.get(u)
        if unit is None:
            continue  # a unit no longer in the setup; its entries stay in the history
        out[(q, u)] = UnitReport(
            u,
            q,
            Numbers(unit.eligible, yes, no, void, challenged),
            int(with_value),
            int(final or 0),
            int(conflicts),
            max(1, len(unit.parts)),
        )
    return out


def other_parts(conn: Connection, slot: SlotKey) -> tuple[int, int]:
    """Ballots (cast, challenged) in the unit's other slots on the same question."""
    row = conn.execute(
        text(
            "SELECT COALESCE(SUM(yes + no + void), 0), COALESCE(SUM(challenged), 0) FROM slots "
            "WHERE question = :q AND unit = :u AND part != :p AND status != 'conflict'"
        ),
        {"q": slot.question, "u": slot.unit, "p": slot.part},
    ).one()
    return int(row[0]), int(row[1])


def identical_units(conn: Connection, slot: SlotKey, values: CountValues) -> list[str]:
    """Up to five other units (the first by name) with a slot holding these yes/no/void.

    Without DISTINCT or LIMIT in the SQL: with them SQLite walks ix_slots_question_unit in
    unit order over every slot of the question, instead of looking the numbers up in
    ix_slots_numbers (about 90 ms against 0.3 ms on a 100,000-slot vote)."""
    rows = conn.execute(
        text(
            "SELECT unit FROM slots WHERE question = :q AND yes = :y AND no = :n "
            "AND void = :v AND unit != :u AND status != 'conflict'"
        ),
        {"q": slot.question, "y": values.yes, "n": values.no, "v": values.void, "u": slot.unit},
    )
    return sorted({r[0] for r in rows})[:5]


@dataclass(frozen=True)
class HistoryItem:
    entry: Entry
    current: bool  # no entry supersedes it
    superseded_by: tuple[str, ...]


def history(conn: Connection, unit: str | None = None) -> list[HistoryItem]:
    """Every entry (of one unit, or all), oldest first, with what superseded it."""
    params: Mapping[str, object] = {}
    where = f"WHERE k.kind != '{KeyKind.ACCEPT.value}'"  # acceptances: services.roster lists them
    if unit is not None:
        where = "WHERE k.unit = :u AND k.kind IN ('count', 'declared')"
        params = {"u": unit}
    rows = conn.execute(
        text(
            # what supersedes it in effect (a retraction's row on itself left out)
            "SELECT e.raw, (SELECT group_concat(lower(hex(b.hash))) FROM supersessions s "
            "JOIN entries b ON b.id = s.by_entry WHERE s.target = e.hash AND s.key_id = e.key_id "
            "AND s.by_entry != e.id) "
            f"FROM entries e JOIN entry_keys k ON k.id = e.key_id {where} "
            "ORDER BY e.recorded_at, e.id"
        ),
        params,
    )
    out = []
    for raw, by in rows:
        superseded_by = tuple(by.split(",")) if by else ()
        out.append(HistoryItem(parse_entry(bytes(raw)), not superseded_by, superseded_by))
    return out
