"""The database of one vote: its engine, transactions, and the vote read from its setup."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import OperationalError

from steward_app.domain.authority import Authority, SetupChain, resolve_setups
from steward_app.domain.entries import Entry, EntryType
from steward_app.domain.setup_file import SetupError, parse_setup, parsed_already, setup_data
from steward_app.domain.vote import Vote
from steward_app.store import entry_log, entry_reads, setup_cache
from steward_app.store.database import open_engine
from steward_app.store.errors import StoreError, explain_sqlite_error

VOTE_KEY = "vote_key"
# the coordinator's origin for a vote whose first setup names none (made before schema 0004):
# pinned at the upgrade, or when joining such a vote with `import --coordinator`
COORDINATOR_PIN = "coordinator_pin"
# set by the upgrade to schema 0004: the entries were judged by older rules; the next import
# judges them all again (services.exchange) and clears it
REJUDGE = "rejudge_entries"
# an import's page cache: 64 MB held that much more at the peak and imported no faster, now
# that the entries are written a part at a time (docs/sync-format.md, "Hostile files")
BULK_CACHE_KB = 16_384
REMEMBERED_SETUPS = 2  # parsed setups kept (by their exact text) after they were recorded


class VoteStore:
    """One database file. Open it once; every action runs in `transaction()`."""

    def __init__(
        self, path: Path, engine: Engine | None = None, *, read_only: bool = False
    ) -> None:
        """`read_only`: only reading (an existing database; store.database.open_read_only)."""
        self.path = Path(path)
        self.read_only = read_only
        self.engine = engine or open_engine(self.path, read_only=read_only)
        self._vote: Vote | None = None
        self._authority: Authority | None = None
        self._parsed: dict[str, Vote] = {}  # setup text -> its vote, see remember_setup()
        # setups parsed from their text, to keep in parsed_setups when the connection that
        # read them ends (text key -> data as JSON)
        self._unsaved: dict[str, str] = {}

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def transaction(self) -> Iterator[Connection]:
        """One write transaction: all of it is on disk when the block ends, or none of it."""
        try:
            with self.engine.begin() as conn:
                before = _changes(conn)
                yield conn
                self._keep_parsed(conn, before)
        except (OperationalError, sqlite3.OperationalError) as exc:
            raise StoreError(_plain(exc, self.path)) from exc

    @contextmanager
    def bulk_transaction(self) -> Iterator[Connection]:
        """A write transaction for importing many entries at once: a 16 MB page cache and no
        foreign-key checks (the caller adds origins and keys before the entries that name
        them), both as before once it ends. All of it is on disk, or none of it."""
        try:
            with self.engine.connect() as conn:
                raw = conn.connection.driver_connection
                assert raw is not None
                # outside a transaction: SQLite ignores foreign_keys inside one
                raw.execute("PRAGMA foreign_keys=OFF")
                raw.execute(f"PRAGMA cache_size=-{BULK_CACHE_KB}")
                try:
                    with conn.begin():
                        before = _changes(conn)
                        yield conn
                        self._keep_parsed(conn, before)
                finally:
                    raw.execute("PRAGMA foreign_keys=ON")
                    raw.execute("PRAGMA cache_size=-2000")
        except (OperationalError, sqlite3.OperationalError) as exc:
            raise StoreError(_plain(exc, self.path)) from exc

    @contextmanager
    def reading(self) -> Iterator[Connection]:
        try:
            with self.engine.connect() as conn:
                yield conn
        except (OperationalError, sqlite3.OperationalError) as exc:
            raise StoreError(_plain(exc, self.path)) from exc

    def vote(self, conn: Connection | None = None) -> Vote | None:
        """The vote this database holds (None before `init`): its setup in force, parsed once
        and kept until `forget_vote()`."""
        if self._vote is not None:
            return self._vote
        if conn is None:
            with self.reading() as c:
                return self.vote(c)
        setups = entry_reads.entries_of_type(conn, EntryType.SETUP)
        if not setups:
            return None
        vote_key = self.vote_key(conn)
        with parsed_already(self._known_setups(conn, setups)):
            chain = resolve_setups(vote_key, setups, self.pinned(conn)) if vote_key else None
            if chain is None or chain.vote is None:
                # a setup no key vouches for (e.g. recorded by another PC than the
                # coordinator's it names): still this PC's vote, but file exchange refuses it
                self._vote = parse_setup(str(setups[-1].body["toml"]))
                return self._vote
        self._vote = chain.vote
        if chain.coordinator is not None:
            accepted = frozenset(
                target
                for e in entry_reads.entries_of_type(conn, EntryType.ENTRIES_ACCEPTED)
                for target in e.body["entries"]
            )
            self._authority = Authority(chain.vote, chain.coordinator, accepted)
        return self._vote

    def setup_chain(self, conn: Connection) -> SetupChain | None:
        """The vote's setups sorted out (None before `init`)."""
        vote_key = self.vote_key(conn)
        if vote_key is None:
            return None
        setups = entry_reads.entries_of_type(conn, EntryType.SETUP)
        with parsed_already(self._known_setups(conn, setups)):
            return resolve_setups(vote_key, setups, self.pinned(conn))

    def authority(self, conn: Connection) -> Authority | None:
        """Who may sign what under the setup in force (None: no vote, or no coordinator)."""
        if self._vote is None:
            self.vote(conn)
        return self._authority

    def forget_vote(self) -> None:
        self._vote = None
        self._authority = None

    def remember_setup(self, text: str, vote: Vote, data: dict[str, Any] | None = None) -> None:
        """Keep the vote just parsed from a setup this store records, so that `vote()` does
        not parse the same text again when it reads the setup back (it still resolves which
        setup is in force, from the database, as always). With the parsed `data`
        (`setup_data(text)`), the next transaction also keeps it in the database
        (store.setup_cache), for the commands that read the setup later."""
        self._parsed.pop(text, None)
        self._parsed[text] = vote
        while len(self._parsed) > REMEMBERED_SETUPS:
            del self._parsed[next(iter(self._parsed))]
        encoded = None if data is None else setup_cache.encode(data)
        if encoded is not None:
            self._unsaved[setup_cache.text_key(text)] = encoded

    def _known_setups(self, conn: Connection, setups: list[Entry]) -> dict[str, Vote]:
        """The votes of these setup entries' texts, as far as they parse: remembered, built
        from the data kept in the database, or parsed from the text (and then kept when the
        connection ends). A text that does not parse is left to `resolve_setups`, which
        says why."""
        texts = {str(e.body.get("toml", "")) for e in setups}
        known = {t: v for t, v in self._parsed.items() if t in texts}
        missing = texts - known.keys()
        kept = setup_cache.cached(conn, missing) if missing else {}
        for text in missing:
            data = kept.get(text)
            if data is not None:
                try:
                    known[text] = parse_setup(text, data)
                    continue
                except (SetupError, TypeError, ValueError, AttributeError, KeyError):
                    pass  # kept by another version, or damaged: parse the text itself
            try:
                data = setup_data(text)
                encoded = setup_cache.encode(data)  # before the vote is built from it
                known[text] = parse_setup(text, data)
            except SetupError:
                continue
            if encoded is not None:
                self._unsaved[setup_cache.text_key(text)] = encoded
        return known

    def _keep_parsed(self, conn: Connection, changes_before: int) -> None:
        """Write the parsed setups waiting to be kept, in the transaction of `conn`, and
        drop the rows of setups the database no longer holds (a replaced vote's).

        Only in a transaction that wrote something: a read, or an action refused after its
        checks, leaves the file exactly as it was (the rows wait for the next write)."""
        if self._unsaved and _changes(conn) != changes_before:
            setups = entry_reads.entries_of_type(conn, EntryType.SETUP)
            live = {setup_cache.text_key(str(e.body.get("toml", ""))) for e in setups}
            setup_cache.keep(conn, {k: v for k, v in self._unsaved.items() if k in live}, live)
            self._unsaved = {}

    def vote_key(self, conn: Connection) -> str | None:
        return entry_log.get_setting(conn, VOTE_KEY)

    def pinned(self, conn: Connection) -> str | None:
        """The coordinator kept for a vote whose first setup names none (see COORDINATOR_PIN)."""
        return entry_log.get_setting(conn, COORDINATOR_PIN)


def _changes(conn: Connection) -> int:
    """Rows the connection has written since it was opened (SQLite's total_changes)."""
    raw = conn.connection.driver_connection
    assert isinstance(raw, sqlite3.Connection)
    return raw.total_changes


def _plain(exc: OperationalError | sqlite3.OperationalError, path: Path) -> str:
    """Also for errors of the driver's connection itself (bulk writes go through it)."""
    orig = getattr(exc, "orig", None)
    return explain_sqlite_error(str(orig) if orig is not None else str(exc), path)
