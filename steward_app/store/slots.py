"""Queries on the count slots: a slot's state, the heads (current counts) of slots, conflicts.

The `slots` table is derived (store.entry_log.append keeps it); a head is a count entry of a
slot that no entry of the same key supersedes. Each function takes a Connection inside the
caller's transaction. The head queries return their rows as they come, for the callers that
read 100,000 of them (an import): (question, unit, part, entry id, yes, no, void, challenged,
eligible, final, steward, pc, origin), plus the wall time for conflicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection, text

from steward_app.domain.counts import SlotKey, SlotStatus

HeadRow = Sequence[Any]

# CROSS JOIN keeps SQLite starting from the few slots in conflict: left to itself it walked
# every entry (11 s against 1.9 s on the 1,000,000-entry vote of bench/)
_CONFLICT_HEADS = """
SELECT k.question, k.unit, k.part, lower(hex(e.hash)), e.yes, e.no, e.void, e.challenged,
  e.eligible, e.final, o.steward, o.pc, o.origin, e.recorded_at
FROM slots sl CROSS JOIN entries e ON e.key_id = sl.key_id JOIN entry_keys k ON k.id = e.key_id
JOIN origins o ON o.id = e.origin_id
WHERE sl.status = 'conflict' {where}
  AND NOT EXISTS (SELECT 1 FROM supersessions s WHERE s.target = e.hash AND s.key_id = e.key_id)
ORDER BY k.question, k.unit, k.part, e.recorded_at, e.hash
"""


def slot_status(conn: Connection, slot: SlotKey) -> SlotStatus:
    """The slot's state as the slots table holds it (EMPTY when it has no row)."""
    row = conn.execute(
        text("SELECT status FROM slots WHERE question = :q AND unit = :u AND part = :p"),
        {"q": slot.question, "u": slot.unit, "p": slot.part},
    ).first()
    return SlotStatus(row[0]) if row else SlotStatus.EMPTY


def conflict_count(conn: Connection) -> int:
    """How many slots are in conflict, without reading their heads."""
    return int(
        conn.execute(text("SELECT COUNT(*) FROM slots WHERE status = 'conflict'")).scalar_one()
    )


def conflicted_keys(conn: Connection) -> set[int]:
    """The entry_keys rows of the slots in conflict."""
    return {
        int(r[0])
        for r in conn.exec_driver_sql("SELECT key_id FROM slots WHERE status = 'conflict'")
    }


def head_totals(conn: Connection) -> tuple[int, int]:
    """(heads of every slot, heads of the slots in conflict), summed over the slots table."""
    heads, in_conflict = conn.exec_driver_sql(
        "SELECT COALESCE(SUM(heads), 0), "
        "COALESCE(SUM(CASE WHEN status = 'conflict' THEN heads ELSE 0 END), 0) FROM slots"
    ).one()
    return int(heads), int(in_conflict)


def conflict_heads(conn: Connection, slot: SlotKey | None = None) -> list[HeadRow]:
    """The heads of every slot in conflict (or of `slot` only, if it is), by slot, then by
    wall time: each row as the module's docstring says, with the wall time last."""
    where, params = "", {}
    if slot is not None:
        where = "AND k.question = :q AND k.unit = :u AND k.part = :p"
        params = {"q": slot.question, "u": slot.unit, "p": slot.part}
    return list(conn.execute(text(_CONFLICT_HEADS.format(where=where)), params).all())


def count_heads(
    conn: Connection,
    units: Iterable[str] | None = None,
    questions: Iterable[str] | None = None,
) -> Iterable[HeadRow]:
    """The heads of every count slot, or only of some units (and of some questions).

    Naming the questions as well as the units lets SQLite use the unique index on
    entry_keys (kind, question, unit, part) instead of reading every count key."""
    where = ""
    params: dict[str, object] = {}
    if units is not None:
        names = sorted(set(units))
        where = "AND k.unit IN (" + ",".join(f":u{i}" for i in range(len(names))) + ")"
        params = {f"u{i}": n for i, n in enumerate(names)}
    if questions is not None:
        ids = sorted(set(questions))
        where += " AND k.question IN (" + ",".join(f":q{i}" for i in range(len(ids))) + ")"
        params.update({f"q{i}": q for i, q in enumerate(ids)})
    return conn.execute(
        text(
            "SELECT k.question, k.unit, k.part, lower(hex(e.hash)), e.yes, e.no, e.void, "
            "e.challenged, e.eligible, e.final, o.steward, o.pc, o.origin "
            "FROM entries e JOIN entry_keys k ON k.id = e.key_id "
            "JOIN origins o ON o.id = e.origin_id "
            f"WHERE k.kind = 'count' {where} AND NOT EXISTS (SELECT 1 FROM supersessions s "
            "WHERE s.target = e.hash AND s.key_id = e.key_id)"
        ),
        params,
    )
