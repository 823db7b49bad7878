"""Who signed the entries that others replace: what judging an override needs.

A correction, a resolution or an undo names the entries it replaces; whether it may depends
on whose they are (domain.authority.Authority.may_replace). They may be applied or held here.
"""

from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, text

from steward_app.domain.entries import Entry, EntryType, parse_entry

_CHUNK = 500
REPLACING = (
    EntryType.COUNT_CORRECTED.value,
    EntryType.COUNT_RESOLVED.value,
    EntryType.COUNT_RETRACTED.value,
)


def origins_of(conn: Connection, ids: Iterable[str]) -> dict[str, str]:
    """The signer's origin of each of these entries that this PC holds (applied or held)."""
    wanted = sorted({bytes.fromhex(i) for i in ids})
    out: dict[str, str] = {}
    for sql in (
        "SELECT e.hash, o.origin FROM entries e JOIN origins o ON o.id = e.origin_id "
        "WHERE e.hash IN :h",
        "SELECT hash, origin FROM held_entries WHERE hash IN :h",
    ):
        stmt = text(sql).bindparams(bindparam("h", expanding=True))
        for start in range(0, len(wanted), _CHUNK):
            part = wanted[start : start + _CHUNK]
            out.update((bytes(h).hex(), str(o)) for h, o in conn.execute(stmt, {"h": part}))
    return out


def applied_replacements(conn: Connection) -> list[Entry]:
    """The applied corrections, resolutions and undos (a few among many counts)."""
    marks = ", ".join(f"'{t}'" for t in REPLACING)
    return [
        parse_entry(bytes(raw))
        for (raw,) in conn.exec_driver_sql(f"SELECT raw FROM entries WHERE type IN ({marks})")
    ]


def awaiting_targets(conn: Connection, vote: str) -> bool:
    """Whether an entry is held for replacing one this PC does not hold."""
    row = conn.exec_driver_sql(
        "SELECT 1 FROM held_entries WHERE vote = ? AND reason = 'unknown target' LIMIT 1", (vote,)
    ).first()
    return row is not None
