"""A read command imports only what it uses: no backups, no signing identity, no cryptography,
and no TOML parser once the database keeps its setup parsed (docs/performance.md)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from steward_app.services.vote_setup import load_demo
from steward_app.store.vote_store import VoteStore
from tests.conftest import STEWARD

NOT_LOADED = (
    "cryptography",
    "steward_app.services.backups",
    "steward_app.services.identity",
    "steward_app.sync.keys",
    "tomllib",
)

# runs a command through the real entry point, then lists what it loaded
PROBE = """
import contextlib, io, json, sys
from steward_app.__main__ import main
with contextlib.redirect_stdout(io.StringIO()) as out:
    status = main(sys.argv[1:])
print(json.dumps({"status": status, "out": out.getvalue(), "modules": sorted(sys.modules)}))
"""


def _loaded(tmp_path: Path, *args: str) -> dict[str, object]:
    env = {**os.environ, "STEWARD_APP_LOG_DIR": str(tmp_path / "logs")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    result: dict[str, object] = json.loads(done.stdout.splitlines()[-1])
    return result


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.sqlite"
    store = VoteStore(path)
    try:
        load_demo(store, STEWARD)
    finally:
        store.close()
    return path


@pytest.mark.parametrize(
    "command", [["standings"], ["standings", "--json"], ["units"], ["history"]]
)
def test_a_read_command_does_not_load_backups_identity_or_cryptography(
    tmp_path: Path, demo_db: Path, command: list[str]
) -> None:
    result = _loaded(tmp_path, "--db", str(demo_db), *command)
    assert result["status"] == 0 and result["out"]
    modules = set(result["modules"])  # type: ignore[call-overload]
    assert "steward_app.store.vote_store" in modules  # it did read the database
    assert not modules & set(NOT_LOADED)


def test_a_command_that_writes_still_backs_up_first(tmp_path: Path, demo_db: Path) -> None:
    result = _loaded(
        tmp_path, "--db", str(demo_db), "count", "afscme-np4-391", "--yes", "5", "--no", "3"
    )
    assert result["status"] == 0
    assert "steward_app.services.backups" in set(result["modules"])  # type: ignore[call-overload]
    assert list((demo_db.parent / "backups").glob("*.sqlite"))
