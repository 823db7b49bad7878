"""Keys and the coordinator's list: this PC's key, the roster, setup changes, held entries.

The roster lives in the setup (`[coordinator]`, `[[stewards]]`, docs/setup-format.md), so
changing it is a setup change: a new setup entry signed by the coordinator that replaces the
one in force, travels in files and stays in the history. Accepting held entries is an
`entries.accepted` entry, also signed by the coordinator, so every PC applies them alike.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from steward_app.domain.authority import Authority, HoldReason
from steward_app.domain.entries import (
    ACCEPT_KEY,
    SETUP_KEY,
    Entry,
    EntryKey,
    EntryType,
    parse_entry,
)
from steward_app.domain.identity import (
    fingerprint,
    fingerprint_origin,
    key_bytes,
    key_text,
    origin_of,
)
from steward_app.domain.language import _
from steward_app.domain.setup_file import parse_setup
from steward_app.domain.vote import EVERY_UNION, StewardKey
from steward_app.services.authors import Author, Clock, origin_cursor, wall_clock
from steward_app.services.changes import Changes
from steward_app.services.errors import NoVote, Refused
from steward_app.services.identity import signer_for
from steward_app.services.merge import reconcile
from steward_app.services.overrides import name_flag
from steward_app.store import entry_log, exchange_log
from steward_app.store.vote_store import VoteStore
from steward_app.sync.keys import key_file_path


@dataclass(frozen=True)
class MyKey:
    """This PC's key for a steward, and what the vote's setup says about it."""

    steward: str
    pc: str
    origin: str
    fingerprint: str
    public_key: str
    key_file: str
    coordinator: bool
    listed: StewardKey | None
    roster_open: bool
    has_vote: bool


def my_key(store: VoteStore, author: Author) -> MyKey:
    """This steward's key on this PC (made on first use)."""
    with store.transaction() as conn:
        signer = signer_for(conn, author.steward, author.pc)
        authority = store.authority(conn)
        vote = store.vote(conn)
    roster = vote.roster if vote else None
    return MyKey(
        author.steward,
        author.pc,
        signer.origin,
        fingerprint(signer.origin),
        key_text(signer.public),
        str(key_file_path(store.path.resolve())),
        authority is not None and authority.coordinator == signer.origin,
        roster.by_origin.get(signer.origin) if roster else None,
        roster.open if roster else True,
        vote is not None,
    )


@dataclass(frozen=True)
class RosterLine:
    role: str  # "coordinator", "steward", or "not listed" (a key seen in files)
    name: str
    fingerprint: str
    unions: tuple[str, ...]
    applied: int  # entries of this key applied here
    held: int  # entries of this key held apart here
    seen_as: str = ""  # the names this key signs with, when they differ from the list's name


def roster_lines(store: VoteStore) -> tuple[bool, list[RosterLine]]:
    """(open roster?, the coordinator, the listed stewards and any other key seen)."""
    with store.reading() as conn:
        authority = store.authority(conn)
        if authority is None:
            raise NoVote()
        vote = authority.vote
        applied = {o.origin: o.entries for o in exchange_log.origins(conn)}
        seen = {o.origin: o for o in exchange_log.origins(conn)}
        names = {o: f"{x.steward} on {x.pc}" for o, x in seen.items()}
        held: dict[str, int] = {}
        vote_key = store.vote_key(conn) or ""
        for row in exchange_log.held_rows(conn, vote_key):
            held[row.origin] = held.get(row.origin, 0) + 1
    roster = vote.roster
    coord = authority.coordinator
    lines = [
        RosterLine(
            "coordinator",
            roster.coordinator_name or names.get(coord, ""),
            fingerprint(coord),
            (EVERY_UNION,),
            applied.get(coord, 0),
            held.get(coord, 0),
        )
    ]
    for s in roster.stewards:
        signer = seen.get(s.origin)
        differs = signer is not None and name_flag(vote, coord, signer.steward, s.origin)
        lines.append(
            RosterLine(
                "steward",
                s.name,
                fingerprint(s.origin),
                s.unions,
                applied.get(s.origin, 0),
                held.get(s.origin, 0),
                names[s.origin] if differs else "",
            )
        )
    listed = {coord} | set(roster.by_origin)
    for origin in sorted((set(applied) | set(held)) - listed):
        role = "open roster" if roster.open else "not listed"
        lines.append(
            RosterLine(
                role,
                names.get(origin, ""),
                fingerprint(origin),
                (),
                applied.get(origin, 0),
                held.get(origin, 0),
            )
        )
    return roster.open, lines


# --- setup changes -------------------------------------------------------------------------


def _coordinator_only(store: VoteStore, conn: Connection, author: Author, what: str) -> Authority:
    authority = store.authority(conn)
    if authority is None:
        raise NoVote()
    origin = origin_cursor(conn, author).origin
    if origin != authority.coordinator:
        raise Refused(
            _(
                "only the coordinator can {what}: this vote's coordinator key is {coordinator}, "
                "yours is {origin}"
            ).format(
                what=what,
                coordinator=fingerprint(authority.coordinator),
                origin=fingerprint(origin),
            )
        )
    return authority


def change_setup(
    store: VoteStore, author: Author, setup_text: str, reason: str, *, clock: Clock = wall_clock
) -> Changes:
    """Replace the setup in force (coordinator only): a signed entry that syncs like a count.

    Raises SetupError for a setup with mistakes, Refused for anything else; changes nothing
    then."""
    vote = parse_setup(setup_text)
    if not reason.strip():
        raise Refused(_('a setup change needs a reason, e.g. "Local 12 membership corrected"'))
    with store.transaction() as conn:
        _coordinator_only(store, conn, author, _("change the setup"))
        chain = store.setup_chain(conn)
        current = store.vote(conn)
        vote_key = store.vote_key(conn)
        assert chain is not None and chain.current is not None and current is not None
        assert vote_key is not None
        if (vote.id, vote.mode) != (current.id, current.mode):
            raise Refused(
                _(
                    "a setup change keeps the vote's id and mode; for another vote use "
                    "`steward-app init --replace`"
                )
            )
        if setup_text == chain.current.body["toml"]:
            raise Refused(_("this is the setup already in force; nothing changed"))
        changes = _append_and_reconcile(
            store,
            conn,
            author,
            vote_key,
            EntryType.SETUP,
            SETUP_KEY,
            {"toml": setup_text},
            (chain.current.id,),
            reason,
            clock(),
        )
    store.forget_vote()
    return changes | Changes(vote=True)


def _append_and_reconcile(
    store: VoteStore,
    conn: Connection,
    author: Author,
    vote_key: str,
    kind: EntryType,
    key: EntryKey,
    body: dict[str, object],
    supersedes: Sequence[str],
    reason: str,
    now: str,
) -> Changes:
    cursor = origin_cursor(conn, author)
    entry = cursor.entry(
        author,
        vote=vote_key,
        type=kind,
        key=key,
        body=body,
        recorded_at=now,
        supersedes=supersedes,
        reason=reason,
    )
    entry_log.append(conn, [entry])
    store.forget_vote()
    chain = store.setup_chain(conn)
    authority = store.authority(conn)
    assert chain is not None and authority is not None
    released, withdrawn = reconcile(conn, vote_key, chain, authority, now, "this PC")
    moved = [*released, *withdrawn]
    return Changes(
        units=frozenset(e.key.unit for e in moved if e.type.is_count),
        declared=any(e.type is EntryType.OUTCOME_DECLARED for e in moved),
    )


def trust_key(
    store: VoteStore,
    author: Author,
    key: str,
    unions: Sequence[str],
    name: str,
    *,
    reason: str = "",
    clock: Clock = wall_clock,
) -> tuple[str, Changes]:
    """Add a steward's key to the coordinator's list (a setup change); returns its
    fingerprint. `key` is the public key, or the fingerprint of a key seen in a file."""
    public = _find_key(store, key)
    origin = origin_of(key_bytes(public))
    with store.reading() as conn:
        chain = store.setup_chain(conn)
        vote = store.vote(conn)
    if chain is None or chain.current is None or vote is None:
        raise NoVote()
    if vote.roster.open:
        raise Refused(
            _(
                "this vote's setup lists no stewards' keys, so any key may report; listing one "
                "would hold every other key's entries apart. List every steward's key in the "
                "setup and use `steward-app setup-change`"
            )
        )
    if origin in vote.roster.by_origin:
        raise Refused(
            _(
                "{origin} is already listed; to change its unions, edit the setup and use "
                "`steward-app setup-change`"
            ).format(origin=fingerprint(origin))
        )
    if not unions:
        raise Refused(
            _('name the unions this key may report for, or "{every_union}"').format(
                every_union=EVERY_UNION
            )
        )
    listed = json.dumps(EVERY_UNION if list(unions) == [EVERY_UNION] else list(unions))
    text = str(chain.current.body["toml"]).rstrip("\n") + (
        f'\n\n[[stewards]]\nkey = "{public}"\nname = {json.dumps(name)}\nunions = {listed}\n'
    )
    changes = change_setup(store, author, text, reason or f"listed the key of {name}", clock=clock)
    return fingerprint(origin), changes


def _find_key(store: VoteStore, given: str) -> str:
    try:
        return key_text(key_bytes(given))
    except ValueError:
        pass
    try:
        origin = fingerprint_origin(given)
    except ValueError as exc:
        raise Refused(
            _('"{given}" is neither a key (52 characters) nor a fingerprint (16)').format(
                given=given
            )
        ) from exc
    with store.reading() as conn:
        vote_key = store.vote_key(conn) or ""
        known = {c.origin: c.public_key for c in exchange_log.checkpoints(conn, vote_key).values()}
        known.update((o.origin, o.public_key) for o in exchange_log.origins(conn) if o.public_key)
    if origin not in known:
        raise Refused(
            _(
                "no file imported here was signed by {origin}; give the whole key (the steward's "
                "`steward-app keys show` prints it)"
            ).format(origin=fingerprint(origin))
        )
    return known[origin]


# --- held entries ----------------------------------------------------------------------------


@dataclass(frozen=True)
class HeldEntry:
    entry: Entry
    reason: HoldReason
    detail: str
    held_at: str
    source: str


def held_entries(store: VoteStore) -> list[HeldEntry]:
    """The entries this PC holds apart (quarantine), with why."""
    with store.reading() as conn:
        vote_key = store.vote_key(conn)
        if vote_key is None:
            raise NoVote()
        rows = exchange_log.held_rows(conn, vote_key)
    return [
        HeldEntry(parse_entry(r.raw), HoldReason(r.reason), r.detail, r.held_at, r.source)
        for r in rows
    ]


def accept_held(
    store: VoteStore,
    author: Author,
    ids: Sequence[str],
    reason: str,
    *,
    clock: Clock = wall_clock,
) -> tuple[int, Changes]:
    """Apply held entries (coordinator only), by id or its first characters ("all": every
    one): an `entries.accepted` entry that every PC applies alike. Returns how many."""
    if not reason.strip():
        raise Refused(_("accepting held entries needs a reason"))
    held = held_entries(store)
    chosen: list[str] = []
    for given in ids:
        if given == "all":
            chosen.extend(h.entry.id for h in held if h.entry.type is not EntryType.SETUP)
            continue
        match = [h.entry.id for h in held if h.entry.id.startswith(given.lower())]
        if len(match) != 1:
            raise Refused(
                _('"{given}" names {count} held entries; see `steward-app held`').format(
                    given=given, count=len(match)
                )
            )
        chosen.extend(match)
    chosen = sorted(set(chosen))
    if not chosen:
        raise Refused(_("there is no held entry to accept"))
    with store.transaction() as conn:
        _coordinator_only(store, conn, author, _("accept held entries"))
        vote_key = store.vote_key(conn)
        assert vote_key is not None
        changes = _append_and_reconcile(
            store,
            conn,
            author,
            vote_key,
            EntryType.ENTRIES_ACCEPTED,
            ACCEPT_KEY,
            {"entries": chosen},
            (),
            reason,
            clock(),
        )
    store.forget_vote()
    return len(chosen), changes
