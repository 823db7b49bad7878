"""Keep the derived `slots` table in step with the entries (store.entry_log appends them):
recomputed in SQL for the keys touched, or worked out in memory for a first, large batch.

Every function takes a Connection inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from operator import itemgetter
from typing import Any

from sqlalchemy import Connection

from steward_app.domain.entries import Entry, EntryKey, KeyKind
from steward_app.store.supersessions import effective_claims, retracted_pairs


def first_counts(conn: Connection, first: int) -> bool:
    """Whether the entries from row `first` on are the first counts of this database. (An
    empty slot table alone does not say so: a key whose every count was undone has entries
    but no head.)"""
    return first == 1 or (_no_slots(conn) and _no_counts_before(conn, first))


def refresh_touched(conn: Connection, count_keys: set[int]) -> None:
    if len(count_keys) > 2000 and len(count_keys) * 2 > _key_count(conn):
        refresh_slots(conn, None)  # most slots touched: recompute them all
    else:
        refresh_slots(conn, count_keys)


def batch_slots(entries: Sequence[Entry], key_rows: Sequence[int]) -> list[tuple[object, ...]]:
    """The slot rows of a batch that is all the database holds: what _SLOT_SELECT computes,
    in one pass in memory (tests/store/test_batch_slots.py checks they agree)."""
    void = retracted_pairs(entries, key_rows)
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
FROM entries e {join} entry_keys k ON k.id = e.key_id
WHERE {kind} = 'count' {where}
  AND NOT EXISTS (SELECT 1 FROM supersessions s WHERE s.target = e.hash AND s.key_id = e.key_id)
GROUP BY e.key_id
"""
_SLOT_INSERT = (
    "INSERT INTO slots (key_id, question, unit, part, status, heads, yes, no, void, challenged, "
    "eligible, final) "
)


def fill_from_batch(conn: Connection, entries: Sequence[Entry], key_rows: Sequence[int]) -> None:
    """Every slot from a batch that holds the first counts of this database (first_counts):
    the slot rows worked out in memory (batch_slots) replace the table's."""
    conn.exec_driver_sql("DELETE FROM slots")
    raw = conn.connection.driver_connection
    assert raw is not None
    raw.executemany(
        _SLOT_INSERT + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        batch_slots(entries, key_rows),
    )


def refresh_slots(conn: Connection, key_row_ids: Iterable[int] | None) -> None:
    """Recompute the slot rows of these keys (all slots when None) from their heads."""
    if key_row_ids is None:
        conn.exec_driver_sql("DELETE FROM slots")
        # every slot: the entries read in the order they are stored and grouped after, not
        # fetched key by key through their index (a first import of 100,000 entries: 0.25 s
        # against 0.5 s; the same rows)
        conn.exec_driver_sql(
            _SLOT_INSERT
            + _SLOT_SELECT.format(join="NOT INDEXED CROSS JOIN", kind="k.kind", where="")
        )
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
        + _SLOT_SELECT.format(
            join="JOIN", kind="+k.kind", where="AND e.key_id IN (SELECT key_id FROM touched)"
        )
    )
