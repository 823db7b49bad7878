"""Append entries and read them back as plain data; keep the derived slot table in step.

Every function takes a Connection inside a transaction the caller opened, so a service
action (checks, insert, slot refresh) commits or rolls back as one.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, insert, select, text

from steward_app.domain.counts import CountValues, Head, SlotKey, UnitReport
from steward_app.domain.entries import Entry, EntryKey, EntryType, KeyKind, parse_entry
from steward_app.domain.tally import Numbers
from steward_app.domain.vote import Vote
from steward_app.store.schema import (
    keys_table,
    origins_table,
    settings_table,
)

# --- settings ----------------------------------------------------------------------------


def get_setting(conn: Connection, name: str) -> str | None:
    row = conn.execute(select(settings_table.c.value).where(settings_table.c.name == name)).first()
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
    row = conn.execute(
        select(origins_table)
        .where(
            origins_table.c.steward == steward,
            origins_table.c.pc == pc,
            origins_table.c.local.is_(True),
        )
        .order_by(origins_table.c.id.desc())
    ).first()
    if row is None:
        return None
    return OriginInfo(row.id, row.origin, row.steward, row.pc, row.local, row.public_key)


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


def key_ids(conn: Connection, keys: Iterable[EntryKey]) -> dict[EntryKey, int]:
    """Row ids of keys, creating the missing ones."""
    wanted = set(keys)
    found: dict[EntryKey, int] = {}
    if not wanted:
        return found
    for r in conn.execute(select(keys_table)):
        k = EntryKey(r.kind, r.question, r.unit, r.part)
        if k in wanted:
            found[k] = r.id
    missing = [k for k in wanted if k not in found]
    if missing:
        conn.execute(
            insert(keys_table),
            [
                {"kind": k.kind, "question": k.question, "unit": k.unit, "part": k.part}
                for k in missing
            ],
        )
        for r in conn.execute(select(keys_table)):
            k = EntryKey(r.kind, r.question, r.unit, r.part)
            if k in wanted:
                found[k] = r.id
    return found


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


_COUNT_TYPES = frozenset(t.value for t in EntryType if t.is_count)


def _row(row_id: int, e: Entry, origin_row: int, key_row: int) -> tuple[object, ...]:
    kind = e.type._value_  # the plain attribute: imports build 100,000 rows here
    if kind in _COUNT_TYPES:
        b = e.body
        return (
            row_id,
            bytes.fromhex(e.id),
            origin_row,
            e.seq,
            kind,
            key_row,
            e.recorded_at,
            e.raw,
            b["yes"],
            b["no"],
            b.get("void", 0),
            b.get("challenged", 0),
            b.get("eligible"),
            bool(b.get("final", False)),
        )
    return (
        row_id,
        bytes.fromhex(e.id),
        origin_row,
        e.seq,
        kind,
        key_row,
        e.recorded_at,
        e.raw,
        None,
        None,
        None,
        None,
        None,
        None,
    )


def append(conn: Connection, entries: Sequence[Entry]) -> list[int]:
    """Insert entries (already checked) and refresh the slots they touch.

    Returns each entry's key row id, in order."""
    if not entries:
        return []
    origins = origin_ids(conn)
    # keys as plain tuples: a frozen dataclass hashes in Python, a tuple in C
    tuples = [(k.kind, k.question, k.unit, k.part) for k in [e.key for e in entries]]
    by_tuple = {
        (k.kind, k.question, k.unit, k.part): i
        for k, i in key_ids(conn, [EntryKey(*t) for t in set(tuples)]).items()
    }
    key_rows = [by_tuple[t] for t in tuples]
    raw = conn.connection.driver_connection
    assert raw is not None
    # row ids given here (the next ones after the largest), so supersessions need no lookup
    first = int(raw.execute("SELECT COALESCE(MAX(id), 0) FROM entries").fetchone()[0]) + 1
    raw.executemany(
        _INSERT_ENTRY,
        [_row(first + i, e, origins[e.origin], key_rows[i]) for i, e in enumerate(entries)],
    )
    edges = [
        (bytes.fromhex(t), first + i, key_rows[i])
        for i, e in enumerate(entries)
        for t in e.supersedes
    ]
    if edges:
        raw.executemany(
            "INSERT OR IGNORE INTO supersessions (target, by_entry, key_id) VALUES (?, ?, ?)",
            edges,
        )
    count = KeyKind.COUNT.value
    count_keys = {row for row, t in zip(key_rows, tuples, strict=True) if t[0] == count}
    if first == 1 and len(entries) > 1000:
        # the first entries of this database (a PC joining): every slot comes from this batch
        conn.exec_driver_sql("DELETE FROM slots")
        raw.executemany(
            _SLOT_INSERT + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            _batch_slots(entries, key_rows),
        )
    elif len(count_keys) > 2000 and len(count_keys) * 2 > len(keys_known(conn)):
        refresh_slots(conn, None)  # most slots touched: recompute them all
    else:
        refresh_slots(conn, count_keys)
    return key_rows


def _batch_slots(entries: Sequence[Entry], key_rows: Sequence[int]) -> list[tuple[object, ...]]:
    """The slot rows of a batch that is all the database holds: what _SLOT_SELECT computes,
    in one pass in memory (tests/store/test_batch_slots.py checks they agree)."""
    superseded = {
        (t, k) for e, k in zip(entries, key_rows, strict=True) if e.supersedes for t in e.supersedes
    }
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
    return rows


def keys_known(conn: Connection) -> list[int]:
    return [int(r[0]) for r in conn.exec_driver_sql("SELECT id FROM entry_keys")]


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
WHERE k.kind = 'count' {where}
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
        conn.exec_driver_sql(_SLOT_INSERT + _SLOT_SELECT.format(where=""))
        return
    ids = list(key_row_ids)
    if not ids:
        return
    conn.exec_driver_sql("CREATE TEMP TABLE IF NOT EXISTS touched(key_id INTEGER PRIMARY KEY)")
    conn.exec_driver_sql("DELETE FROM touched")
    conn.exec_driver_sql("INSERT INTO touched(key_id) VALUES (?)", [(i,) for i in ids])
    conn.exec_driver_sql("DELETE FROM slots WHERE key_id IN (SELECT key_id FROM touched)")
    conn.exec_driver_sql(
        _SLOT_INSERT + _SLOT_SELECT.format(where="AND e.key_id IN (SELECT key_id FROM touched)")
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


def entries_of_type(conn: Connection, kind: EntryType) -> list[Entry]:
    rows = conn.execute(
        text("SELECT raw FROM entries WHERE type = :t ORDER BY recorded_at, id"),
        {"t": kind.value},
    )
    return [parse_entry(bytes(r[0])) for r in rows]


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
    domain.counts.unit_report). Units with no slot are left out: they have not reported."""
    params: dict[str, object] = {}
    where = ""
    if unit_ids is not None:
        where = "WHERE unit IN :units"
        params["units"] = list(unit_ids)
        stmt = text(_REPORT_SQL.format(where=where)).bindparams(bindparam("units", expanding=True))
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
    rows = conn.execute(
        text(
            "SELECT DISTINCT unit FROM slots WHERE question = :q AND yes = :y AND no = :n "
            "AND void = :v AND unit != :u AND status != 'conflict' LIMIT 5"
        ),
        {"q": slot.question, "y": values.yes, "n": values.no, "v": values.void, "u": slot.unit},
    )
    return [r[0] for r in rows]


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
            "SELECT e.raw, (SELECT group_concat(lower(hex(b.hash))) FROM supersessions s "
            "JOIN entries b ON b.id = s.by_entry WHERE s.target = e.hash AND s.key_id = e.key_id) "
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
