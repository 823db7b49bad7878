"""An empty database made once, copied for every simulated PC (migrations take a while)."""

from __future__ import annotations

from pathlib import Path

import pytest

from steward_app.store.vote_store import VoteStore


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "empty.sqlite"
    VoteStore(path).close()
    return path
