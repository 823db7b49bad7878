"""The database of one vote: its engine, transactions, and the vote read from its setup."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from steward_app.domain.entries import EntryType
from steward_app.domain.setup_file import parse_setup
from steward_app.domain.vote import Vote
from steward_app.store import entry_log
from steward_app.store.database import open_engine
from steward_app.store.errors import StoreError

VOTE_KEY = "vote_key"


class VoteStore:
    """One database file. Open it once; every action runs in `transaction()`."""

    def __init__(self, path: Path, engine: Engine | None = None) -> None:
        self.path = Path(path)
        self.engine = engine or open_engine(self.path)
        self._vote: Vote | None = None

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction: all of it is on disk when the block ends, or none of it."""
        try:
            with self.engine.begin() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(_plain(exc, self.path)) from exc

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except OperationalError as exc:
            raise StoreError(_plain(exc, self.path)) from exc

    def vote(self, conn: Connection | None = None) -> Vote | None:
        """The vote this database holds (None before `init`), parsed once and kept."""
        if self._vote is not None:
            return self._vote
        if conn is None:
            with self.reading() as c:
                return self.vote(c)
        setups = entry_log.entries_of_type(conn, EntryType.SETUP)
        if not setups:
            return None
        self._vote = parse_setup(str(setups[-1].body["toml"]))
        return self._vote

    def forget_vote(self) -> None:
        self._vote = None

    def vote_key(self, conn: Connection) -> str | None:
        return entry_log.get_setting(conn, VOTE_KEY)


def _plain(exc: OperationalError, path: Path) -> str:
    text = str(exc.orig) if exc.orig is not None else str(exc)
    if "disk is full" in text or "database or disk is full" in text:
        return (
            f"the disk holding {path} is full; nothing was saved. Free some space (or move the "
            "database with --db) and enter it again"
        )
    if "readonly" in text or "read-only" in text:
        return (
            f"{path} is read-only; nothing was saved. Check the folder's permissions or choose "
            "another place with --db"
        )
    if "locked" in text:
        return f"{path} is busy in another steward_app window or program; close it and try again"
    return f"the database {path} reported an error: {text}"
