"""Read the entries back as plain data (heads, history, unit reports summed over the slots),
and the one write that clears a vote: each takes a Connection inside the caller's
transaction. store.entry_log appends them."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass

from sqlalchemy import Connection, bindparam, select, text

from steward_app.domain.counts import CountValues, Head, SlotKey, UnitReport
from steward_app.domain.entries import Entry, EntryKey, EntryType, KeyKind, parse_entry
from steward_app.domain.tally import Numbers
from steward_app.domain.vote import Vote
from steward_app.store.schema import keys_table

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
