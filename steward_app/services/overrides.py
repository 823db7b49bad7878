"""Who signed what, for people: the signer beside the names an entry carries, and overrides.

Names prove nothing: an entry carries the steward's and the PC's names as typed, and only its
key is checked. So every place that names who entered something also shows the key's short
fingerprint, and flags an entry whose names differ from the name the coordinator's list gives
that key. An override is a correction or a resolution that replaced a count signed by another
key ([vote] overrides, docs/setup-format.md): always listed as such.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from steward_app.domain.counts import SlotKey
from steward_app.domain.identity import fingerprint
from steward_app.domain.language import _
from steward_app.domain.vote import Vote
from steward_app.services.errors import NoVote
from steward_app.store import entry_reads, signers
from steward_app.store.vote_store import VoteStore


def listed_name(vote: Vote, coordinator: str | None, origin: str) -> str | None:
    """The name the setup's list gives this key (None: not listed)."""
    if origin == coordinator:
        return vote.roster.coordinator_name or None
    listed = vote.roster.by_origin.get(origin)
    return listed.name if listed is not None else None


def name_flag(vote: Vote, coordinator: str | None, steward: str, origin: str) -> str:
    """A warning when the list names this key and not the steward the entry names ("" when
    the list's name mentions that steward, or does not list the key)."""
    listed = listed_name(vote, coordinator, origin)
    if listed is None or steward.strip().casefold() in listed.casefold():
        return ""
    return _("signed by key {origin}, which the list names {listed}").format(
        origin=fingerprint(origin), listed=repr(listed)
    )


def signer_text(
    vote: Vote | None, coordinator: str | None, steward: str, pc: str, origin: str
) -> str:
    """ "steward on PC (FINGERPRINT)", flagged when the list names that key otherwise."""
    text = _("{steward} on {pc} ({origin})").format(
        steward=steward, pc=pc, origin=fingerprint(origin)
    )
    flag = name_flag(vote, coordinator, steward, origin) if vote is not None else ""
    return f"{text} [! {flag}]" if flag else text


@dataclass(frozen=True)
class Override:
    """A count that replaced another key's count."""

    entry_id: str
    kind: str  # count.corrected, count.resolved
    slot: SlotKey
    by: str  # signer_text of who replaced
    replaced: tuple[str, ...]  # signer_text of each other key whose count it replaced
    reason: str
    recorded_at: str


def overrides_of(conn: Connection, vote: Vote, coordinator: str | None) -> list[Override]:
    """The applied corrections and resolutions that replaced another key's count."""
    replacing = [e for e in signers.applied_replacements(conn) if e.type.has_numbers]
    targets = {t for e in replacing for t in e.supersedes}
    found = {t: entry_reads.entry_by_id(conn, t) for t in targets}
    out = []
    for e in replacing:
        theirs = []
        for t in e.supersedes:
            hit = found.get(t)
            if hit is not None and hit[0].origin != e.origin:
                x = hit[0]
                theirs.append(signer_text(vote, coordinator, x.steward, x.pc, x.origin))
        if theirs:
            out.append(
                Override(
                    e.id,
                    e.type.value,
                    e.key.slot,
                    signer_text(vote, coordinator, e.steward, e.pc, e.origin),
                    tuple(sorted(set(theirs))),
                    e.reason or "",
                    e.recorded_at,
                )
            )
    return sorted(out, key=lambda o: (o.recorded_at, o.entry_id))


def list_overrides(store: VoteStore) -> list[Override]:
    with store.reading() as conn:
        vote = store.vote(conn)
        if vote is None:
            raise NoVote()
        authority = store.authority(conn)
        return overrides_of(conn, vote, authority.coordinator if authority else None)
