"""Undo and redo of a steward's own counts (the window's Ctrl+Z / Ctrl+Shift+Z).

An undo is an entry like any other: a `count.retracted` entry naming the one count it voids.
It is signed, travels in files and stays in the history. The undone count is void on every
PC, whatever order the two arrive in: it is no longer current, and what it had replaced is
current again (undoing a correction brings the old count back, undoing a resolution brings
the conflict back). A redo is a fresh entry with the undone one's type, numbers and
replacements, never a retraction of the retraction (domain.entries.heads).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sqlalchemy import Connection

from steward_app.domain.counts import slot_state
from steward_app.domain.entries import Entry, EntryType
from steward_app.domain.language import _, number
from steward_app.services.authors import Author, Clock, OriginCursor, origin_cursor, wall_clock
from steward_app.services.changes import Changes
from steward_app.services.counting import Recorded
from steward_app.services.errors import NoVote, Refused
from steward_app.services.permissions import held_note, held_reason, hold
from steward_app.store import entry_log, entry_reads, exchange_log, supersessions
from steward_app.store.vote_store import VoteStore

UNDO_REASON = "undone"


def describe(e: Entry) -> str:
    """A count in words: what, where and its numbers ("the count for a2: 12 yes / 3 no")."""
    v = e.values
    what = {
        EntryType.COUNT_CORRECTED: _("the correction"),
        EntryType.COUNT_RESOLVED: _("the resolution"),
    }.get(e.type, _("the count"))
    return _("{what} for {where}: {yes} yes / {no} no").format(
        what=what, where=e.key.slot.describe(), yes=number(v.yes), no=number(v.no)
    )


# what to record: type, body, supersedes, reason, and the note in words
_Plan = tuple[EntryType, Mapping[str, Any], tuple[str, ...], str | None, str]


def undo_entry(
    store: VoteStore, author: Author, entry_id: str, *, clock: Clock = wall_clock
) -> Recorded:
    """Void one of this steward's own current counts with a retraction. Raises Refused,
    changing nothing, when it is not theirs, not a count, or no longer current."""

    def plan(conn: Connection, e: Entry, undone: bool, cursor: OriginCursor) -> _Plan:
        if undone:
            raise Refused(
                _("{count} is already undone; redo it to bring it back").format(count=describe(e))
            )
        if e.id not in {h.id for h, _ in entry_reads.heads_of(conn, e.key)}:
            raise Refused(
                _(
                    "{count} was replaced since (corrected or resolved, here or on another PC), "
                    "so it cannot be undone; correct the current count instead"
                ).format(count=describe(e))
            )
        return (
            EntryType.COUNT_RETRACTED,
            {},
            (e.id,),
            UNDO_REASON,
            _("undid {count}").format(count=describe(e)),
        )

    return _record(store, author, entry_id, "undo", plan, clock)


def redo_entry(
    store: VoteStore,
    author: Author,
    entry_id: str,
    *,
    redone: Mapping[str, str] | None = None,
    clock: Clock = wall_clock,
) -> Recorded:
    """Record an undone count again, as a fresh entry with its type, numbers and final flag,
    replacing what it replaced. `redone` maps earlier undone entries to their redos (a
    correction redone after its corrected count was undone and redone replaces the redo).
    Raises Refused, changing nothing, when the count changed since it was undone."""

    def plan(conn: Connection, e: Entry, undone: bool, cursor: OriginCursor) -> _Plan:
        if not undone:
            raise Refused(
                _("{count} is not undone: there is nothing to redo").format(count=describe(e))
            )
        targets = tuple(sorted(_latest(t, redone or {}) for t in e.supersedes))
        heads = entry_reads.heads_of(conn, e.key)
        current = {h.id for h, _ in heads}
        own_others = [h for h, _ in heads if h.origin == cursor.origin and h.id not in targets]
        if not current.issuperset(targets) or own_others:
            raise Refused(
                _(
                    "the count for {where} changed since {count} was undone, so it cannot be "
                    "redone; enter or correct the count instead"
                ).format(where=e.key.slot.describe(), count=describe(e))
            )
        return e.type, e.body, targets, e.reason, _("redid {count}").format(count=describe(e))

    return _record(store, author, entry_id, "redo", plan, clock)


def _record(
    store: VoteStore,
    author: Author,
    entry_id: str,
    verb: str,
    plan: Callable[[Connection, Entry, bool, OriginCursor], _Plan],
    clock: Clock,
) -> Recorded:
    """One transaction: find the steward's own count, plan the new entry, record it."""
    with store.transaction() as conn:
        vote_key = store.vote_key(conn)
        if vote_key is None:
            raise NoVote()
        cursor = origin_cursor(conn, author)
        e, key_row = _own_count(conn, vote_key, cursor, entry_id, verb)
        undone = bool(supersessions.retracted_here(_raw(conn), [(e.id, key_row)]))
        kind, body, supersedes, reason, note = plan(conn, e, undone, cursor)
        entry = cursor.entry(
            author,
            vote=vote_key,
            type=kind,
            key=e.key,
            body=body,
            recorded_at=clock(),
            supersedes=supersedes,
            reason=reason,
        )
        return _save(store, conn, vote_key, entry, note)


def _latest(entry_id: str, redone: Mapping[str, str]) -> str:
    seen = {entry_id}
    while entry_id in redone and redone[entry_id] not in seen:
        entry_id = redone[entry_id]
        seen.add(entry_id)
    return entry_id


def _verb(verb: str) -> str:
    return _("undo") if verb == "undo" else _("redo")


def _own_count(
    conn: Connection, vote_key: str, cursor: OriginCursor, entry_id: str, verb: str
) -> tuple[Entry, int]:
    """The applied count `entry_id` if this steward on this PC entered it, else Refused."""
    found = entry_reads.entry_by_id(conn, entry_id)
    if found is None:
        if _is_hex(entry_id) and exchange_log.holds_all(conn, vote_key, [bytes.fromhex(entry_id)]):
            raise Refused(
                _("that entry is held apart, not counted: there is nothing to {verb}").format(
                    verb=_verb(verb)
                )
            )
        raise Refused(
            _('there is no entry "{entry_id}" here to {verb}').format(
                entry_id=entry_id[:12], verb=_verb(verb)
            )
        )
    e, key_row = found
    if not e.type.has_numbers:
        if verb == "undo":
            only = _("only a count can be undone; this is a {kind} entry")
        else:
            only = _("only a count can be redone; this is a {kind} entry")
        raise Refused(only.format(kind=e.type.value))
    if e.origin != cursor.origin:
        if verb == "undo":
            own = _(
                "{count} was entered by {steward} on {pc}: only your own counts can be undone; "
                "correct it with a reason instead"
            )
        else:
            own = _(
                "{count} was entered by {steward} on {pc}: only your own counts can be redone; "
                "correct it with a reason instead"
            )
        raise Refused(own.format(count=describe(e), steward=e.steward, pc=e.pc))
    return e, key_row


def _is_hex(text: str) -> bool:
    return len(text) == 64 and all(c in "0123456789abcdef" for c in text)


def _save(store: VoteStore, conn: Connection, vote_key: str, entry: Entry, note: str) -> Recorded:
    slot = entry.key.slot
    held = held_reason(store, conn, entry)
    if held is not None:
        hold(conn, vote_key, [(entry, held)], entry.recorded_at)
        note = held_note(held)
    else:
        entry_log.append(conn, [entry])
    status = slot_state(slot, entry_reads.count_heads(conn, slot)).status
    return Recorded(slot, entry.id, status, note, changes=Changes(units=frozenset({slot.unit})))


def _raw(conn: Connection) -> Any:
    return conn.connection.driver_connection
