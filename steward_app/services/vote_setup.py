"""Create a vote from a setup file, or load the built-in demo vote."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from steward_app.bundled import resource_path
from steward_app.domain.entries import SETUP_KEY, EntryType
from steward_app.domain.identity import fingerprint, key_text
from steward_app.domain.language import _
from steward_app.domain.setup_file import parse_setup, setup_data, setup_hash
from steward_app.domain.vote import Mode, Vote
from steward_app.services.authors import Author, Clock, origin_cursor, wall_clock
from steward_app.services.changes import Changes
from steward_app.services.errors import Refused
from steward_app.services.identity import signer_for
from steward_app.store import entry_log, entry_reads
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

    A setup that names no `[coordinator]` gets one naming this PC's key for `author`, appended
    to the stored text: the vote id is the hash of that text, so the vote's identity binds its
    coordinator and no copy of the setup signed by another key is ever the vote
    (`coordinator_written` tells the caller, which says so). Raises SetupError (every mistake,
    with lines) before touching the database. An existing vote is replaced only with
    `replace`, after a backup copy whose path is returned.
    """
    data = setup_data(setup_text)
    vote = parse_setup(setup_text, data)
    backup: Path | None = None
    with store.transaction() as conn:
        existing = entry_log.get_setting(conn, VOTE_KEY)
        if existing is not None and not replace:
            current = store.vote(conn)
            title = current.title if current else "a vote"
            raise Refused(
                _(
                    'this database already holds "{title}"; add --replace to replace it (a backup '
                    "copy is made first) or use another --db"
                ).format(title=title)
            )
    if existing is not None:
        backup = backup_file(store.engine, backup_path(store.path, "before-replace"))
        with store.transaction() as conn:
            entry_reads.clear_vote(conn)
    store.forget_vote()
    # reading it back need not parse it again; its parsed data is kept with the entry
    store.remember_setup(setup_text, vote, data)
    with store.transaction() as conn:
        cursor = origin_cursor(conn, author)
        signer = signer_for(conn, author.steward, author.pc)  # after a replace: the new key
        # (an origin from before file exchange, with no key, signs no coordinator: the
        # benchmark's generator seeds one, for a setup entry the same from run to run)
        if vote.roster.coordinator_key is None and signer.origin == cursor.origin:
            setup_text = with_coordinator(setup_text, key_text(signer.public), author)
            data = setup_data(setup_text)
            vote = parse_setup(setup_text, data)
            store.remember_setup(setup_text, vote, data)  # kept when this transaction ends
        entry_log.set_setting(conn, VOTE_KEY, setup_hash(setup_text))
        entry = cursor.entry(
            author,
            vote=setup_hash(setup_text),
            type=EntryType.SETUP,
            key=SETUP_KEY,
            body={"toml": setup_text},
            recorded_at=clock(),
        )
        entry_log.append(conn, [entry])
    return vote, Changes(vote=True), backup


def with_coordinator(setup_text: str, public_key: str, author: Author) -> str:
    """The setup with a `[coordinator]` table naming `public_key` appended (the setup names
    none)."""
    name = json.dumps(f"{author.steward} on {author.pc}", ensure_ascii=False)
    return (
        setup_text.rstrip("\r\n")
        # the setup's own text, the same bytes whatever the language: not translated
        + "\n\n# written by steward-app init: the key that created this vote coordinates it\n"
        + f'[coordinator]\nkey = "{public_key}"\nname = {name}\n'
    )


def init_notes(given: Vote, created: Vote, author: Author) -> list[str]:
    """What `init` tells the coordinator about who may sign: the coordinator written into the
    setup, and an official vote that lists no stewards' keys."""
    notes = []
    coordinator = created.roster.coordinator_origin
    if given.roster.coordinator_key is None and coordinator is not None:
        notes.append(
            _(
                "The setup named no [coordinator], so this vote's setup now names this PC's key "
                "for {steward} on {pc} ({coordinator}) as its coordinator: only this key signs "
                "setup changes, acceptances and the coalition's outcome, and the vote's id "
                "depends on it. Read this fingerprint out to the stewards; they join with "
                "`steward-app import --coordinator {coordinator} FILE`. Keep this database and "
                "its key file (beside it) safe."
            ).format(
                steward=author.steward,
                pc=author.pc,
                coordinator=fingerprint(coordinator),
            )
        )
    if created.mode is Mode.OFFICIAL and created.roster.open:
        notes.append(
            _(
                "Warning: this official vote lists no stewards' keys ([[stewards]]), so every "
                "PC's counts count, for every union, whoever signed them. To allow only known "
                "PCs, collect each steward's key (`steward-app keys show` on their PC), list them "
                "as [[stewards]] tables in the setup (docs/setup-format.md) and run `steward-app "
                'setup-change SETUP --reason "stewards listed"`.'
            )
        )
    return notes


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

    vote, changes, _backup = create_vote(
        store, demo_setup_text(), author, replace=replace, clock=clock
    )
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
