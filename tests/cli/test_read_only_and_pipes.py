"""A database that cannot be written still reads; a closed output pipe ends a command quietly."""

from __future__ import annotations

import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from steward_app.cli.main import run
from tests.small_vote import setup_text

READS = (["standings"], ["standings", "--json"], ["state"], ["units"], ["history"], ["held"])
REPO = Path(__file__).resolve().parents[2]


def cli(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = run(list(args), out, err)
    return code, out.getvalue(), err.getvalue()


def a_vote(folder: Path) -> Path:
    folder.mkdir()
    setup = folder.parent / "setup.toml"
    setup.write_text(setup_text(), encoding="utf-8")
    db = folder / "v.sqlite"
    assert cli("--db", str(db), "init", str(setup))[0] == 0
    assert cli("--db", str(db), "count", "a2", "--yes", "5", "--no", "3")[0] == 0
    return db


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_reading_commands_write_nothing_in_a_folder_that_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = a_vote(tmp_path / "vote")
    before = files_of(db.parent)
    assert "v.sqlite-wal" not in before and "v.sqlite-shm" not in before  # closed cleanly
    real_access = os.access

    def access(path: object, mode: int, **kw: object) -> bool:
        if mode & os.W_OK and Path(str(path)) in (db, db.parent):
            return False  # as on a read-only drive (the tests may run as an administrator)
        return real_access(path, mode, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(os, "access", access)
    for args in READS:
        code, out, err = cli("--db", str(db), *args)
        assert code == 0 and out, (args, err)
    assert "State " in cli("--db", str(db), "state")[1]
    assert files_of(db.parent) == before  # no write-ahead log, no shared memory, no lock
    code, _, err = cli("--db", str(db), "count", "a1", "--yes", "1", "--no", "1")
    assert code == 1
    assert "is read-only" in err and "Commands that only read" in err and "--db" in err
    assert files_of(db.parent) == before


def _can_mount() -> bool:
    if sys.platform != "linux" or os.geteuid() != 0 or shutil.which("unshare") is None:
        return False
    probe = subprocess.run(
        ["unshare", "-m", "sh", "-c", "mount --bind / /mnt && mount -o remount,bind,ro /mnt"],
        capture_output=True,
        check=False,
    )
    return probe.returncode == 0


DRIVER = """
import io, json, sys
from steward_app.cli.main import run
db, commands = sys.argv[1], json.loads(sys.argv[2])
results = []
for args in commands:
    out, err = io.StringIO(), io.StringIO()
    results.append([run(["--db", db, *args], out, err), out.getvalue(), err.getvalue()])
print(json.dumps(results))
"""


@pytest.mark.skipif(
    sys.platform == "win32", reason="read-only folders are made with POSIX permissions or mounts"
)
def test_reading_commands_work_on_a_read_only_drive(tmp_path: Path) -> None:
    """A real read-only folder: a read-only bind mount when the tests run as root (who may
    write anything else), else the folder's and file's permissions."""
    db = a_vote(tmp_path / "vote")
    before = files_of(db.parent)
    commands = [*READS, ["count", "a1", "--yes", "1", "--no", "1"]]
    driver = [sys.executable, "-c", DRIVER, str(db), json.dumps(commands)]
    if os.geteuid() == 0:
        if not _can_mount():
            pytest.skip(
                "running as root without mount namespaces: no way to make a folder "
                "read-only for root (the other test covers the logic)"
            )
        folder = str(db.parent)
        script = (
            f"mount --bind '{folder}' '{folder}' && mount -o remount,bind,ro '{folder}' && "
            'exec "$@"'
        )
        command = ["unshare", "-m", "sh", "-c", script, "sh", *driver]
    else:
        for path in (db, db.parent):
            path.chmod(0o555 if path.is_dir() else 0o444)
        command = driver
    try:
        done = subprocess.run(command, capture_output=True, text=True, cwd=REPO, check=False)
    finally:
        db.parent.chmod(0o755)
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    for args, (code, out, err) in zip(commands[:-1], results[:-1], strict=True):
        assert code == 0, (args, err)
        assert out
    code, _, err = results[-1]
    assert code == 1 and "is read-only" in err
    assert files_of(db.parent) == before


@pytest.mark.skipif(sys.platform == "win32", reason="closing a pipe's reading end early is POSIX")
@pytest.mark.parametrize("args", [["history"], ["units"], ["import-counts", "COUNTS"]])
def test_a_closed_output_pipe_ends_any_command_quietly(tmp_path: Path, args: list[str]) -> None:
    """`steward-app ... | head -1`: the reader leaves; no traceback, exit 141 (as SIGPIPE)."""
    db = a_vote(tmp_path / "vote")
    counts = tmp_path / "counts.csv"
    counts.write_text("unit,yes,no\nb1,4,2\n", encoding="utf-8")
    args = [str(counts) if a == "COUNTS" else a for a in args]
    child = subprocess.Popen(
        [sys.executable, "-m", "steward_app", "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        cwd=REPO,
    )
    assert child.stdout is not None and child.stderr is not None
    child.stdout.close()  # before the command writes anything
    err = child.stderr.read().decode()
    assert child.wait(timeout=60) == 141, err
    assert "Traceback" not in err and "BrokenPipeError" not in err


def test_a_folder_that_looks_writable_but_is_not_is_read_as_immutable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Some drives say they may be written and are not (SQLite cannot make its shared-memory
    file there): the second try opens the database as immutable."""
    from steward_app.store import database
    from steward_app.store.errors import StoreError

    db = a_vote(tmp_path / "vote")
    tries: list[bool] = []
    real = database._read_only_engine

    def engine(path: Path, immutable: bool) -> object:
        tries.append(immutable)
        if not immutable:
            raise StoreError("unable to open database file")
        return real(path, immutable)

    monkeypatch.setattr(database, "_read_only_engine", engine)
    code, out, err = cli("--db", str(db), "state")
    assert code == 0 and "State " in out, err
    assert tries == [False, True]


def test_a_database_of_an_older_schema_is_upgraded_where_it_can_be_written_not_where_not(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reading command brings an older database up to date (backed up first) as before;
    on a read-only drive it says what to do instead."""
    from steward_app.store import database

    db = a_vote(tmp_path / "vote")
    current = database.HEAD_REVISION
    newer = f"{int(current) + 1:04d}"  # this database is now one schema behind
    monkeypatch.setattr(database, "HEAD_REVISION", newer)
    monkeypatch.setattr(database, "KNOWN_REVISIONS", (*database.KNOWN_REVISIONS, newer))
    real_access = os.access

    def read_only(path: object, mode: int, **kw: object) -> bool:
        if mode & os.W_OK and Path(str(path)) in (db, db.parent):
            return False
        return real_access(path, mode, **kw)  # type: ignore[arg-type]

    with monkeypatch.context() as m:
        m.setattr(os, "access", read_only)
        code, _, err = cli("--db", str(db), "state")
    assert code == 1 and f"older version (schema {current})" in err and "writable" in err

    called: list[str] = []
    monkeypatch.setattr(database, "migrate", lambda engine, path: called.append(str(path)))
    code, out, err = cli("--db", str(db), "state")
    assert code == 0 and "State " in out, err
    assert called == [str(db)]
