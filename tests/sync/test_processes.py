"""Real processes: an import killed at any moment leaves the database as it was before it;
two PCs' command lines, each on its own database, exchanging files through a folder."""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import sqlite3
import subprocess
import sys
import time
from functools import cache
from pathlib import Path

import pytest

from bench.bench_sync import signed_file
from steward_app.services import exchange
from steward_app.store.vote_store import VoteStore
from tests.sync.helpers import setup_text

REPO = Path(__file__).resolve().parents[2]
IMPORTER = """
import sys, time
from pathlib import Path
from steward_app.services import exchange
from steward_app.store.vote_store import VoteStore

store = VoteStore(Path(sys.argv[1]))
data = Path(sys.argv[2]).read_bytes()

def pause():
    print("written, not committed", flush=True)
    time.sleep(120)

print("started", flush=True)
exchange.import_bytes(store, data, before_commit=pause if sys.argv[3] == "pause" else None)
print("committed", flush=True)
"""


@cache
def _files() -> tuple[bytes, bytes]:
    """Two files of one vote: the second holds the first's entries and 12,000 more."""
    small, _ = signed_file(2_000, 4, seed=3, units=100)
    large, _ = signed_file(14_000, 4, seed=3, units=100)
    return small, large


def _content(path: Path) -> tuple[int, str]:
    raw = sqlite3.connect(path)
    try:
        assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        digest = hashlib.sha256()
        for table in ("entries", "supersessions", "slots", "origins", "held_entries", "imports"):
            for row in raw.execute(f"SELECT * FROM {table} ORDER BY 1, 2"):
                digest.update(repr(row).encode())
        count = raw.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    finally:
        raw.close()
    return int(count), digest.hexdigest()


@pytest.fixture
def prepared(tmp_path: Path, template: Path) -> tuple[Path, Path]:
    """A database holding the small file, closed (its log folded in), and the large file."""
    small, large = _files()
    db = tmp_path / "pc.sqlite"
    db.write_bytes(template.read_bytes())
    store = VoteStore(db)
    exchange.import_bytes(store, small, name="small.tally")
    store.close()
    assert not Path(str(db) + "-wal").exists()
    big = tmp_path / "large.tally"
    big.write_bytes(large)
    return db, big


def _start(db: Path, file: Path, mode: str) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    return subprocess.Popen(
        [sys.executable, "-c", IMPORTER, str(db), str(file), mode],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )


def test_a_kill_inside_the_import_transaction_leaves_the_database_as_before(
    prepared: tuple[Path, Path],
) -> None:
    db, big = prepared
    before_bytes = db.read_bytes()
    before = _content(db)
    proc = _start(db, big, "pause")
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "started"
    assert proc.stdout.readline().strip() == "written, not committed"
    proc.kill()  # SIGKILL; TerminateProcess on Windows
    proc.wait()
    assert db.read_bytes() == before_bytes  # everything written went to the log, uncommitted
    assert _content(db) == before
    store = VoteStore(db)
    try:
        report = exchange.import_bytes(store, big.read_bytes())
        assert report.new + report.superseded + report.conflicting == 12_000
    finally:
        store.close()


@pytest.mark.parametrize("seed", range(3))
def test_a_kill_at_a_random_moment_leaves_before_or_after_never_between(
    prepared: tuple[Path, Path], seed: int
) -> None:
    db, big = prepared
    before = _content(db)
    proc = _start(db, big, "go")
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "started"
    time.sleep(random.Random(seed).uniform(0.0, 1.5))
    proc.kill()  # SIGKILL; TerminateProcess on Windows
    proc.wait()
    count, _ = after = _content(db)
    assert after == before or count == 14_000


# --- two PCs, two processes, one shared folder -------------------------------------------

DRIVER = """
import io, json, sys
from steward_app.cli.main import run

for line in sys.stdin:  # one command line per line, as JSON; answers the same way
    out, err = io.StringIO(), io.StringIO()
    code = run(json.loads(line), out, err)
    print(json.dumps([code, out.getvalue(), err.getvalue()]), flush=True)
"""


class Steward:
    """A steward's PC: one long-running process of the app on its own database, running
    command lines as `steward-app` would (so the test does not pay a start-up per command)."""

    def __init__(self, db: Path, name: str) -> None:
        self.prefix = ["--db", str(db), "--steward", name, "--pc", f"{name}'s PC"]
        self.proc = subprocess.Popen(
            [sys.executable, "-c", DRIVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=dict(os.environ, PYTHONPATH=str(REPO)),
        )

    def send(self, *args: str) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(json.dumps([*self.prefix, *args]) + "\n")
        self.proc.stdin.flush()

    def answer(self) -> tuple[int, str, str]:
        assert self.proc.stdout is not None
        code, out, err = json.loads(self.proc.stdout.readline())
        return int(code), str(out), str(err)

    def ok(self, *args: str) -> str:
        self.send(*args)
        code, out, err = self.answer()
        assert code == 0, err
        return out

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


def state_of(output: str) -> str:
    found = re.search(r"State (?:now )?(\S+)", output)
    assert found is not None, output
    return found.group(1)


def test_two_pcs_exchange_results_through_a_folder(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    coord = Steward(tmp_path / "coord" / "v.sqlite", "coord")
    listed = Steward(tmp_path / "steward2" / "v.sqlite", "steward2")
    try:
        shown = coord.ok("keys", "show")
        listed_shown = listed.ok("keys", "show")
        key = re.search(r"public key\s+(\S+)", shown)
        jo_key = re.search(r"public key\s+(\S+)", listed_shown)
        fingerprint = re.search(r"fingerprint\s+(\S+)", shown)
        assert key and jo_key and fingerprint
        setup = tmp_path / "setup.toml"
        setup.write_text(
            setup_text(coordinator=key.group(1), stewards=[(jo_key.group(1), "a steward", ["a"])]),
            encoding="utf-8",
        )
        coord.ok("init", str(setup))
        coord.ok("count", "a2", "--yes", "6", "--no", "3")
        assert "verified" in coord.ok("export", str(share))

        # the listed steward's PC has no vote: it joins from the coordinator's file, then counts
        out = listed.ok("import", str(share), "--coordinator", fingerprint.group(1))
        assert "joined the vote" in out and "2 new" in out
        listed.ok("count", "a2", "--yes", "6", "--no", "4")  # disagrees with the coordinator
        listed.ok("count", "a1", "--part", "x", "--yes", "2", "--no", "1")

        # both export into the folder at the same moment, then both read it at once
        for pc in (coord, listed):
            pc.send("export", str(share))
        assert [pc.answer()[0] for pc in (coord, listed)] == [0, 0]
        for pc in (coord, listed):
            pc.send("import", str(share))
        answers = [pc.answer() for pc in (coord, listed)]
        assert [a[0] for a in answers] == [0, 0], answers
        assert "1 conflicting" in answers[0][1]
        assert state_of(answers[0][1]) == state_of(answers[1][1])
        assert not list(share.glob(".*partial"))

        conflicts = coord.ok("conflicts")
        assert "a2 (q)" in conflicts and "by steward2 on steward2's PC" in conflicts
        jo_count = re.search(r"  (\w{8})  6 yes, 4 no", conflicts)
        assert jo_count is not None
        coord.ok("resolve", "a2", "--take", jo_count.group(1), "--reason", "recounted")
        exported = coord.ok("export", str(share / "after-resolving.tally"))
        out = listed.ok("import", str(share / "after-resolving.tally"))
        assert "1 new" in out
        assert state_of(out) == state_of(exported)
        assert "No conflicts." in listed.ok("conflicts")
    finally:
        coord.close()
        listed.close()

    # the installed entry point: a damaged copy is refused with its cause and exit status 1
    damaged = share / "damaged.tally"
    damaged.write_bytes((share / "after-resolving.tally").read_bytes()[:-30])
    done = subprocess.run(
        [sys.executable, "-m", "steward_app", "--db", str(tmp_path / "steward2" / "v.sqlite")]
        + ["import", str(damaged)],
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(REPO)),
        check=False,
    )
    assert done.returncode == 1 and "refused (incomplete)" in done.stderr
