"""What every command is handed: the `Cli` context (its arguments, its output, the author, the
store opened as the command needs it), and the type of a command's handler.

Each command's parser names its handler (`set_defaults(handler=...)`): a function taking the
context and returning the exit status. Exit status: 0 success, 2 usage error, 1 input refused
(the message on stderr; nothing changed).
"""

from __future__ import annotations

import argparse
import gc
import importlib
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from steward_app.domain.language import _
from steward_app.services.locations import default_db_path

# The parsers of every command are built for each run (and for the window's options), so this
# module imports what a command uses only when the command needs it, and a command's handler
# lives in a module imported when it runs (LazyHandler) or imports its services inside it: a
# `standings` then loads none of the services that write (docs/performance.md,
# tests/cli/test_read_imports.py).
if TYPE_CHECKING:
    from steward_app.domain.counts import SlotKey, SlotStatus
    from steward_app.services.authors import Author
    from steward_app.store.vote_store import VoteStore

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2


class Cli:
    """What a command's handler is given: its arguments, its output, who enters, the store."""

    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
        self.args = args
        self.out = out
        self.err = err
        self._store: VoteStore | None = None

    @cached_property
    def author(self) -> Author:
        """Who enters: --steward and --pc, else this PC's user and host names."""
        from steward_app.services.authors import Author, default_author

        base = default_author()
        return Author(self.args.steward or base.steward, self.args.pc or base.pc)

    @property
    def db_path(self) -> Path:
        return Path(self.args.db or default_db_path())

    @property
    def store(self) -> VoteStore:
        if self._store is None:
            from steward_app.cli import guard
            from steward_app.store.vote_store import VoteStore

            path = self.db_path
            self._store = VoteStore(path, read_only=guard.reads_only(self.args.command, path))
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()

    def say(self, text: str) -> None:
        print(text, file=self.out)

    def question_id(self, given: str | None) -> str:
        from steward_app.services.errors import NoVote, Refused

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
        from steward_app.domain.counts import SlotStatus

        line = f"{slot.describe()}: {note}"
        if status is SlotStatus.CONFLICT:
            line += (
                "; this place now has two different counts, and neither counts until one is "
                "kept (see `steward-app conflicts`)"
            )
        self.say(line)


Handler = Callable[[Cli], int]


def keep_imports() -> None:
    """Leave what was imported so far out of the garbage collector's passes (gc.freeze): the
    modules, classes and functions live as long as the process. A command calls it after
    importing a large library late (Qt, for a PDF); without it, the collector's first passes
    walk every object the imports made (15-25 ms at a command's start; docs/performance.md)."""
    gc.freeze()


class LazyHandler:
    """A command's handler named by its module and function, imported when the command runs
    (`resolve()`), so building every command's parser imports none of their modules."""

    def __init__(self, module: str, name: str) -> None:
        self.module = module
        self.name = name

    def resolve(self) -> Handler:
        handler: Handler = getattr(importlib.import_module(self.module), self.name)
        return handler
