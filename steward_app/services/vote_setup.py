"""Create a vote from a setup file, or load the built-in demo vote."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from steward_app.bundled import resource_path
from steward_app.domain.entries import SETUP_KEY, EntryType
from steward_app.domain.setup_file import parse_setup, setup_hash
from steward_app.domain.vote import Vote
from steward_app.services.authors import Author, Clock, origin_cursor, wall_clock
from steward_app.services.changes import Changes
from steward_app.services.errors import Refused
from steward_app.store import entry_log
from steward_app.store.database import backup_file, backup_path
from steward_app.store.vote_store import VOTE_KEY, VoteStore


def create_vote(
    store: VoteStore,
    setup_text: str,
    author: Author,
    *,
    replace: bool = False,
    clock: Clock = wall_clock,
) -> tuple[Vote, Changes, Path | None]:
    """Record the setup as the vote of this database.

    Raises SetupError (every mistake, with lines) before touching the database. An existing vote
    is replaced only with `replace`, after a backup copy whose path is returned.
    """
    vote = parse_setup(setup_text)
    backup: Path | None = None
    with store.transaction() as conn:
        existing = entry_log.get_setting(conn, VOTE_KEY)
        if existing is not None and not replace:
            current = store.vote(conn)
            title = current.title if current else "a vote"
            raise Refused(
                f'this database already holds "{title}"; add --replace to replace '
                "it (a backup copy is made first) or use another --db"
            )
    if existing is not None:
        backup = backup_file(store.engine, backup_path(store.path, "before-replace"))
        with store.transaction() as conn:
            for table in ("slots", "supersessions", "entries", "entry_keys", "origins", "settings"):
                conn.exec_driver_sql(f"DELETE FROM {table}")
    store.forget_vote()
    with store.transaction() as conn:
        entry_log.set_setting(conn, VOTE_KEY, setup_hash(setup_text))
        cursor = origin_cursor(conn, author)
        entry = cursor.entry(
            author,
            vote=setup_hash(setup_text),
            type=EntryType.SETUP,
            key=SETUP_KEY,
            body={"toml": setup_text},
            recorded_at=clock(),
        )
        entry_log.append(conn, [entry])
    store.remember_setup(setup_text, vote)  # reading it back need not parse it again
    return vote, Changes(vote=True), backup


def demo_setup_text() -> str:
    return resource_path("demo", "setup.toml").read_text(encoding="utf-8")


def demo_counts_text() -> str:
    return resource_path("demo", "counts.csv").read_text(encoding="utf-8")


DEMO_SETUP_TIME = "2011-06-13T09:00:00-04:00"


def load_demo(
    store: VoteStore,
    author: Author,
    *,
    replace: bool = False,
    clock: Clock = lambda: DEMO_SETUP_TIME,
) -> tuple[Vote, Changes]:
    """The demo vote with the counts of its evenings so far.

    Each demo count is recorded at the (illustrative) time its row gives, so the timeline of
    the evening has a shape; `clock` times the setup entry only.
    """
    from steward_app.domain.counts import SlotKey
    from steward_app.services.counting import record_count

    vote, changes, _ = create_vote(store, demo_setup_text(), author, replace=replace, clock=clock)
    question = vote.questions[0].id
    units: set[str] = set()
    for row in demo_rows():
        numbers = {k: row[k] for k in ("yes", "no", "void", "challenged")}
        record_count(
            store,
            author,
            SlotKey(question, row["unit"], row["part"]),
            numbers,
            final=row["final"] == "yes",
            confirm_warnings=True,
            clock=_at(row["recorded_at"]),
        )
        units.add(row["unit"])
    return vote, changes | Changes(units=frozenset(units))


def _at(stamp: str) -> Clock:
    return lambda: stamp


def demo_rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(demo_counts_text())))
