"""Conflicts: two counts for the same unit and part, neither replacing the other.

A conflicted slot has no value, so its unit has no total, until a steward resolves it with a
`count.resolved` entry that replaces every current count of the slot. The resolution is an
entry like any other: it travels in files, and if two stewards resolve the same conflict
differently without seeing each other, their two resolutions are a new conflict.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from steward_app.domain.counts import CountValues, SlotKey
from steward_app.domain.identity import fingerprint
from steward_app.domain.language import _
from steward_app.services.authors import Author, Clock, wall_clock
from steward_app.services.counting import Recorded, record_count
from steward_app.services.errors import NoVote, Refused
from steward_app.services.overrides import name_flag
from steward_app.store import slots
from steward_app.store.vote_store import VoteStore


@dataclass(frozen=True)
class ConflictHead:
    """One of the counts in conflict, with its origin."""

    entry_id: str
    values: CountValues
    steward: str
    pc: str
    origin: str  # fingerprint of the key that signed it
    recorded_at: str  # the PC's clock, as it reported it
    flag: str = ""  # set when the coordinator's list names that key otherwise (overrides.py)


@dataclass(frozen=True)
class Conflict:
    slot: SlotKey
    unit_name: str
    heads: tuple[ConflictHead, ...]


def conflict_count(store: VoteStore) -> int:
    """How many slots are in conflict (the status bar's number), without reading their heads."""
    with store.reading() as conn:
        if store.vote(conn) is None:
            raise NoVote()
        return slots.conflict_count(conn)


def list_conflicts(store: VoteStore, slot: SlotKey | None = None) -> list[Conflict]:
    """Every slot in conflict (or just `slot`), with all its current counts."""
    with store.reading() as conn:
        vote = store.vote(conn)
        if vote is None:
            raise NoVote()
        rows = slots.conflict_heads(conn, slot)
        authority = store.authority(conn)
    coordinator = authority.coordinator if authority else None
    grouped: dict[SlotKey, list[ConflictHead]] = {}
    for q, u, p, h, yes, no, void, ch, el, fin, steward, pc, origin, at in rows:
        values = CountValues(yes, no, void, ch, el, bool(fin))
        flag = name_flag(vote, coordinator, steward, origin)
        head = ConflictHead(h, values, steward, pc, fingerprint(origin), at, flag)
        grouped.setdefault(SlotKey(q, u, p), []).append(head)
    units = vote.unit_by_id
    return [
        Conflict(key, units[key.unit].name if key.unit in units else key.unit, tuple(heads))
        for key, heads in grouped.items()
    ]


def resolve_conflict(
    store: VoteStore,
    author: Author,
    slot: SlotKey,
    *,
    reason: str,
    take: str | None = None,
    numbers: Mapping[str, object] | None = None,
    final: bool = False,
    confirm_warnings: bool = False,
    clock: Clock = wall_clock,
) -> Recorded:
    """Resolve a conflict: keep one of its counts (`take`, an entry id or its first
    characters) or give new numbers. Raises Refused, changing nothing."""
    found = list_conflicts(store, slot)
    if not found:
        raise Refused(
            _("{where} is not in conflict; see `steward-app conflicts`").format(
                where=slot.describe()
            )
        )
    heads = found[0].heads
    if (take is None) == (numbers is None):
        raise Refused(
            _("resolve by keeping one of the counts (--take ID) or by giving the numbers")
        )
    if take is not None:
        chosen = [h for h in heads if h.entry_id.startswith(take.lower())]
        if len(chosen) != 1:
            ids = ", ".join(h.entry_id[:8] for h in heads)
            raise Refused(
                _('"{take}" names {count} of the counts in conflict ({ids})').format(
                    take=take, count=len(chosen), ids=ids
                )
            )
        v = chosen[0].values
        numbers = {
            "yes": v.yes,
            "no": v.no,
            "void": v.void,
            "challenged": v.challenged,
            "eligible": v.eligible,
        }
        final = v.final
        confirm_warnings = True  # the numbers were checked when they were entered
    assert numbers is not None
    return record_count(
        store,
        author,
        slot,
        numbers,
        final=final,
        correct=True,
        reason=reason,
        confirm_warnings=confirm_warnings,
        clock=clock,
    )
