"""The current declared outcomes, read from their entries (the reading half of
services.declarations, apart so that reading the standings loads none of the writing)."""

from __future__ import annotations

from sqlalchemy import Connection

from steward_app.domain.declaration_checks import AGREEMENT_PART
from steward_app.domain.declared import Declared
from steward_app.domain.entries import EntryType
from steward_app.store import entry_reads


def declared_outcomes(conn: Connection) -> list[Declared]:
    """The current declarations (several if two were made without seeing each other)."""
    out = []
    entries = entry_reads.entries_of_type(conn, EntryType.OUTCOME_DECLARED)
    superseded = {t for e in entries for t in e.supersedes}
    for e in entries:
        if e.id in superseded:
            continue
        agreement = e.key.part == AGREEMENT_PART
        out.append(
            Declared(
                "" if agreement else e.key.question,
                e.key.unit or None,
                str(e.body["outcome"]),
                str(e.body.get("note", "")),
                e.steward,
                e.pc,
                e.recorded_at,
                e.key.question if agreement else None,
            )
        )
    return out
