"""One running instance per database: a second window or a writing command is refused (or
waits for a command), a lock left by a killed process is taken over, and different databases
run side by side."""

from __future__ import annotations

import io
import subprocess
import sys
from pathlib import Path

import pytest

from steward_app.cli.main import EXIT_OK, EXIT_REFUSED, run
from steward_app.store.errors import StoreError
from steward_app.store.lock import COMMAND, WINDOW, DatabaseLock, hold_for_command, lock_path

HOLDER = """
import sys, time
from steward_app.store.lock import DatabaseLock
lock = DatabaseLock(sys.argv[1], sys.argv[2])
assert lock.acquire()
print("held", flush=True)
time.sleep(600)
"""


def hold_in_process(db: Path, role: str) -> subprocess.Popen[str]:
    proc = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db), role], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "held"
    return proc


def cli(db: Path, *args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(["--db", str(db), "--steward", "a steward", "--pc", "hall PC", *args], out, err)
    return code, out.getvalue(), err.getvalue()


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "demo.sqlite"
    assert cli(db, "demo")[0] == EXIT_OK
    return db


def test_a_second_holder_is_refused_while_the_first_runs(tmp_path: Path) -> None:
    db = tmp_path / "vote.sqlite"
    first = DatabaseLock(db, WINDOW)
    assert first.acquire()
    second = DatabaseLock(db, WINDOW)
    assert not second.acquire()
    holder = second.holder()
    assert holder is not None and holder.role == WINDOW
    first.release()
    assert second.acquire()
    second.release()


def test_commands_that_write_are_refused_under_an_open_window(demo_db: Path) -> None:
    window = hold_in_process(demo_db, WINDOW)
    try:
        before = demo_db.read_bytes()
        code, _, err = cli(demo_db, "count", "afscme-np4-391", "--yes", "1", "--no", "2")
        assert code == EXIT_REFUSED
        assert "open in the steward_app window" in err and f"process {window.pid}" in err
        assert demo_db.read_bytes() == before
        code, out, _ = cli(demo_db, "standings")  # reading is allowed beside the window
        assert code == EXIT_OK and out
        assert cli(demo_db, "backup")[0] == EXIT_OK
    finally:
        window.kill()
        window.wait()


def test_a_command_waits_for_another_command_then_gives_up(tmp_path: Path) -> None:
    db = tmp_path / "vote.sqlite"
    other = hold_in_process(db, COMMAND)
    waited: list[float] = []
    try:
        with pytest.raises(StoreError, match="busy in a steward-app command"):
            hold_for_command(db, wait=0.3, sleep=waited.append)
    finally:
        other.kill()
        other.wait()
    assert waited  # it waited before giving up
    hold_for_command(db, wait=0).release()  # the holder is gone: taken at once


def test_a_lock_left_by_a_killed_process_is_taken_over(demo_db: Path) -> None:
    window = hold_in_process(demo_db, WINDOW)
    assert f'"pid": {window.pid}' in lock_path(demo_db).read_text()
    window.kill()  # SIGKILL; TerminateProcess on Windows
    window.wait()
    lock = DatabaseLock(demo_db, WINDOW)
    assert lock.acquire()
    assert lock.taken_over is not None and lock.taken_over.pid == window.pid
    holder = lock.holder()
    assert holder is not None and holder.pid != window.pid
    lock.release()
    code, _, err = cli(demo_db, "count", "afscme-np4-391", "--yes", "1", "--no", "2")
    assert code == EXIT_OK, err


def test_different_databases_run_side_by_side(tmp_path: Path) -> None:
    first = hold_in_process(tmp_path / "a.sqlite", WINDOW)
    try:
        other = DatabaseLock(tmp_path / "b.sqlite", WINDOW)
        assert other.acquire()
        other.release()
    finally:
        first.kill()
        first.wait()
