"""What every command is handed: the `Cli` context (its arguments, its output, the author, the
store opened as the command needs it), and the type of a command's handler.

Each command's parser names its handler (`set_defaults(handler=...)`): a function taking the
context and returning the exit status. Exit status: 0 success, 2 usage error, 1 input refused
(the message on stderr; nothing changed).
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TextIO

from steward_app.cli import guard
from steward_app.domain.counts import SlotKey, SlotStatus
from steward_app.domain.language import _
from steward_app.services.authors import Author, default_author
from steward_app.services.errors import NoVote, Refused
from steward_app.services.locations import default_db_path
from steward_app.store.vote_store import VoteStore

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class Cli:
    """What a command's handler is given: its arguments, its output, who enters, the store."""

    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
        self.args = args
        self.out = out
        self.err = err
        base = default_author()
        self.author = Author(args.steward or base.steward, args.pc or base.pc)
        self._store: VoteStore | None = None

    @property
    def db_path(self) -> Path:
        return Path(self.args.db or default_db_path())

    @property
    def store(self) -> VoteStore:
        if self._store is None:
            path = self.db_path
            self._store = VoteStore(path, read_only=guard.reads_only(self.args.command, path))
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def say(self, text: str) -> None:
        print(text, file=self.out)

    def question_id(self, given: str | None) -> str:
        vote = self.store.vote()
        if vote is None:
            raise NoVote()
        if given:
            return given
        if len(vote.questions) == 1:
            return vote.questions[0].id
        ids = ", ".join(q.id for q in vote.questions)
        raise Refused(
            _("this ballot has several questions; name one with --question ({ids})").format(ids=ids)
        )

    def say_recorded(self, slot: SlotKey, note: str, status: SlotStatus) -> None:
        """ "q/unit: recorded", in words, with what a conflict now needs."""
        line = f"{slot.describe()}: {note}"
        if status is SlotStatus.CONFLICT:
            line += (
                "; this place now has two different counts, and neither counts until one is "
                "kept (see `steward-app conflicts`)"
            )
        self.say(line)


Handler = Callable[[Cli], int]
