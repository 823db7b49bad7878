"""Shared fixtures: real database files in a temp folder, the demo vote, a fixed clock."""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

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
