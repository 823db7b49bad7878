"""Who enters: a steward on a PC. Each pair is an origin with its own numbered entries.

An origin is a signing key (services.identity): its id is derived from the public key, so a
file can prove which origin wrote what. Origins made before file exchange had random ids and
no key; a database that has one keeps using it (its entries cannot be exported).
"""

from __future__ import annotations

import base64
import datetime as dt
import getpass
import secrets
import socket
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection

from steward_app.domain.entries import GENESIS, Entry, EntryKey, EntryType, EntryWriter
from steward_app.domain.identity import key_text
from steward_app.domain.language import _
from steward_app.store import entry_log, exchange_log
from steward_app.store.vote_store import VOTE_KEY

Clock = Callable[[], str]


def wall_clock() -> str:
    """This PC's time with its offset; shown to people, never used to decide anything."""
    return dt.datetime.now().astimezone().isoformat(timespec="seconds")


@dataclass(frozen=True)
class Author:
    steward: str
    pc: str

    def __post_init__(self) -> None:
        if not self.steward.strip() or not self.pc.strip():
            raise ValueError(_("the steward's name and the PC's name must not be empty"))


def default_author() -> Author:
    try:
        steward = getpass.getuser()
    except (KeyError, OSError):
        steward = "steward"
    return Author(steward or "steward", socket.gethostname() or "this PC")


def new_origin_id() -> str:
    return base64.b32encode(secrets.token_bytes(10)).decode("ascii")  # 16 characters


@dataclass(frozen=True)
class OriginCursor:
    """Where an origin's next entry goes: its id, sequence number and previous entry."""

    origin: str
    next_seq: int
    prev: str

    def entry(
        self,
        author: Author,
        *,
        vote: str,
        type: EntryType,
        key: EntryKey,
        body: Mapping[str, Any],
        recorded_at: str,
        supersedes: Sequence[str] = (),
        reason: str | None = None,
    ) -> Entry:
        """The entry that goes next in this origin's chain, by `author`."""
        writer = self.writer(author, vote, recorded_at)
        return writer.write(self.next_seq, self.prev, type, key, body, supersedes, reason)

    def writer(self, author: Author, vote: str, recorded_at: str) -> EntryWriter:
        """A writer of this origin's entries by `author` at one time (an import's entries);
        the caller numbers them on from `next_seq` and `prev`."""
        return EntryWriter(vote, self.origin, author.steward, author.pc, recorded_at)


def origin_cursor(conn: Connection, author: Author) -> OriginCursor:
    """This author's origin on this database (made on first use) and its chain's end."""
    found = entry_log.find_origin(conn, author.steward, author.pc)
    if found is not None and found.public_key is None:
        origin = found.origin  # from before file exchange: no key, kept as it was
    else:
        from steward_app.services.identity import signer_for

        signer = signer_for(conn, author.steward, author.pc)
        origin = signer.origin
        if found is None or found.origin != origin:
            if found is not None:  # the key of a database this one was copied from
                entry_log.set_local(conn, found.origin, False)
            entry_log.add_origin(
                conn,
                origin,
                author.steward,
                author.pc,
                local=True,
                public_key=key_text(signer.public),
            )
            entry_log.set_local(conn, origin, True)
    vote = entry_log.get_setting(conn, VOTE_KEY) or ""
    last = exchange_log.chain_ends(conn, vote, [origin]).get(origin)
    if last is None:
        return OriginCursor(origin, 1, GENESIS)
    return OriginCursor(origin, last[0] + 1, last[1])
