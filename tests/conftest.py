"""Shared fixtures: real database files in a temp folder, the demo vote, a fixed clock."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# the command line speaks the language of LANGUAGE/LC_ALL/LC_MESSAGES/LANG: the tests read its
# English whatever the machine's locale (tests of other languages set them, or --lang)
os.environ["LANGUAGE"] = "en"

from steward_app.domain import language
from steward_app.services.authors import Author
from steward_app.services.vote_setup import load_demo
from steward_app.store.vote_store import VoteStore

STEWARD = Author("a steward", "hall office PC")
SECOND = Author("a second steward", "hall office PC")
COORDINATOR = Author("the coordinator", "coordinator's laptop")


def ticking_clock() -> Callable[[], str]:
    """A clock that moves one second per call, so entries have distinct, ordered times."""
    counter = itertools.count()
    return lambda: f"2011-06-20T20:{next(counter) // 60 % 60:02d}:{next(counter) % 60:02d}+00:00"


@pytest.fixture(autouse=True)
def _english_by_default() -> Iterator[None]:
    """Each test starts in English; one that set another language (`--lang es` run in-process)
    does not leave it to the next."""
    language.set_default(language.SOURCE_LANGUAGE)
    yield
    language.set_default(language.SOURCE_LANGUAGE)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "vote.sqlite"


@pytest.fixture
def store(db_path: Path) -> Iterator[VoteStore]:
    s = VoteStore(db_path)
    yield s
    s.close()


@pytest.fixture
def demo_store(store: VoteStore) -> VoteStore:
    load_demo(store, STEWARD, clock=ticking_clock())
    return store
