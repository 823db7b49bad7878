"""Who enters: a steward on a PC. Each pair is an origin with its own numbered entries."""

from __future__ import annotations

import base64
import datetime as dt
import getpass
import secrets
import socket
from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import Connection

from steward_app.domain.entries import GENESIS
from steward_app.store import entry_log

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
            raise ValueError("the steward's name and the PC's name must not be empty")


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


def origin_cursor(conn: Connection, author: Author) -> OriginCursor:
    """This author's origin on this database (made on first use) and its chain's end."""
    found = entry_log.find_origin(conn, author.steward, author.pc)
    if found is None:
        origin = new_origin_id()
        entry_log.add_origin(conn, origin, author.steward, author.pc, local=True)
        return OriginCursor(origin, 1, GENESIS)
    last = entry_log.last_of_origin(conn, found.row_id)
    if last is None:
        return OriginCursor(found.origin, 1, GENESIS)
    return OriginCursor(found.origin, last[0] + 1, last[1])
