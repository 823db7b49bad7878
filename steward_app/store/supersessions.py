"""The supersessions table as domain.entries.heads means it: which stored entries a batch
supersedes in effect, and what a retraction undoes or, taken out, puts back.

Used by store.entry_log (appending) and store.exchange_log (an import undone); each function
takes a Connection, or its driver connection, inside the caller's transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import Connection

from steward_app.domain.entries import Entry, EntryType, parse_entry

_RETRACTED = EntryType.COUNT_RETRACTED
# a retraction arriving after its target: the target's own supersessions stop counting
_VOID_EARLIER = (
    "DELETE FROM supersessions WHERE by_entry IN (SELECT id FROM entries WHERE hash = ? "
    f"AND key_id = ? AND type != '{_RETRACTED.value}')"
)


def retracted_pairs(entries: Sequence[Entry], key_rows: Sequence[int]) -> set[tuple[str, int]]:
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
    void = retracted_pairs(entries, key_rows) if undone is None else set(undone)
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


def effective_edges(
    raw: Any, entries: Sequence[Entry], first: int, key_rows: Sequence[int]
) -> list[tuple[bytes, int, int]]:
    """The supersession rows of a batch in any arrival order (effective_claims); a stored
    entry that a retraction of the batch undoes loses its rows."""
    undone = retracted_pairs(entries, key_rows)
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
