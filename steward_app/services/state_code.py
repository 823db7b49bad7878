"""The state code: a short code of the entries this database applies. Equal codes, identical
entries and standings (docs/sync-format.md). Apart from services.exchange so a read command
(`standings --json`, `state`) does not import file exchange and its cryptography."""

from __future__ import annotations

import base64
from dataclasses import dataclass

from sqlalchemy import Connection

from steward_app.domain.language import _, number
from steward_app.store import exchange_log
from steward_app.store.vote_store import VoteStore


@dataclass(frozen=True)
class StateCode:
    """A short code of the applied entries: equal codes, identical entries and standings."""

    code: str
    entries: int

    def __str__(self) -> str:
        return _("{code} ({entries} entries)").format(code=self.code, entries=number(self.entries))


def _code(digest: bytes, count: int) -> StateCode:
    letters = base64.b32encode(digest).decode("ascii")[:8]
    return StateCode(f"{letters[:4]}-{letters[4:]}", count)


def state_code_of(conn: Connection) -> StateCode:
    return _code(*exchange_log.state_digest(conn))


def state_code(store: VoteStore) -> StateCode:
    with store.reading() as conn:
        return state_code_of(conn)
