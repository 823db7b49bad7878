"""Two stewards' PCs, each a real window process of the app on its own database and in its own
user account (settings, logs), sharing results through one folder in watched-folder mode: each
window writes its export there on its own and picks up the other's, until both hold the same."""

from __future__ import annotations

import json
import os
import re
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.small_vote import setup_text
from tests.sync.test_processes import DRIVER, REPO, Steward, state_of

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(
        sys.platform == "win32",
        reason="the window's settings go through XDG_CONFIG_HOME and it is ended with SIGTERM "
        "(a logout on Linux); Windows has neither (ui/end_session.py is tested in tests/ui)",
    ),
]

SYNC_TIMEOUT = 90.0  # seconds: two windows starting on a loaded 2-core machine
POLL = 1.0


def user_env(home: Path) -> dict[str, str]:
    """A user account of its own: the window's settings, logs and data stay under `home`."""
    return dict(
        os.environ,
        PYTHONPATH=str(REPO),
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_STATE_HOME=str(home / "state"),
        XDG_CACHE_HOME=str(home / "cache"),
        STEWARD_APP_LOG_DIR=str(home / "log"),
        QT_QPA_PLATFORM="offscreen",
    )


class PC(Steward):
    """One steward's PC: the command line (one long-running process, as in test_processes)
    and, later, the window, both on this PC's database and settings."""

    def __init__(self, folder: Path, steward: str, share: Path) -> None:
        self.folder = folder
        self.db = folder / "v.sqlite"
        self.steward = steward
        self.env = user_env(folder / "home")
        self.prefix = ["--db", str(self.db), "--steward", steward, "--pc", f"{steward}'s PC"]
        self.window: subprocess.Popen[bytes] | None = None
        self.output = folder / "window-output.txt"
        self._share_through(share)
        self.proc = subprocess.Popen(
            [sys.executable, "-c", DRIVER],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env=self.env,
        )

    def _share_through(self, share: Path) -> None:
        """The shared folder as this PC's settings held it before it moved into the vote's
        database (ui.shared_setting.OLD_SETTING): the window moves it into the official vote
        it opens, so this also checks that migration end to end."""
        conf = Path(self.env["XDG_CONFIG_HOME"]) / "steward_app" / "steward_app.conf"
        conf.parent.mkdir(parents=True)
        conf.write_text(f"[exchange]\nshared_folder={share}\n", encoding="utf-8")

    def open_window(self) -> None:
        """The window, as `steward-app --db DB --steward NAME --pc NAME` opens it (the names
        given: no first-run dialog); its output goes to a file, never a pipe that could fill."""
        with self.output.open("w") as out:
            self.window = subprocess.Popen(
                [sys.executable, "-m", "steward_app", *self.prefix],
                stdout=out,
                stderr=subprocess.STDOUT,
                env=self.env,
            )

    def close_window(self) -> tuple[int, str]:
        """End the window as a session's logout does (SIGTERM): its exit status and output."""
        assert self.window is not None
        if self.window.poll() is None:
            self.window.send_signal(signal.SIGTERM)
        code = self.window.wait(timeout=60)
        return code, self.output.read_text(encoding="utf-8", errors="replace")

    def key(self) -> tuple[str, str]:
        """This PC's public key and fingerprint."""
        shown = self.ok("keys", "show")
        key = re.search(r"public key\s+(\S+)", shown)
        fingerprint = re.search(r"fingerprint\s+(\S+)", shown)
        assert key and fingerprint, shown
        return key.group(1), fingerprint.group(1)

    def counted(self) -> dict[str, tuple[int, int]]:
        """Yes and no votes per unit, from `standings --json`."""
        standings = json.loads(self.ok("standings", "--json"))
        units = standings["questions"][0]["units"]
        return {u["id"]: (u["numbers"]["yes"], u["numbers"]["no"]) for u in units}


def wait_for_same_state(pcs: list[PC]) -> str:
    """Poll both databases' state codes (the command line reads beside an open window) until
    they agree; a window that ends on its own meanwhile fails the test at once."""
    deadline = time.monotonic() + SYNC_TIMEOUT
    states: list[str] = []
    while time.monotonic() < deadline:
        for pc in pcs:
            assert pc.window is not None
            if pc.window.poll() is not None:
                code, out = pc.close_window()
                pytest.fail(f"{pc.steward}'s window ended on its own ({code}):\n{out}")
        states = [state_of(pc.ok("state")) for pc in pcs]
        if len(set(states)) == 1:
            return states[0]
        time.sleep(POLL)
    pytest.fail(f"the two PCs never agreed within {SYNC_TIMEOUT:.0f} s: states {states}")


def test_two_windows_exchange_results_through_a_watched_shared_folder(tmp_path: Path) -> None:
    share = tmp_path / "share"
    share.mkdir()
    coord = PC(tmp_path / "coord", "coord", share)
    steward = PC(tmp_path / "steward2", "steward2", share)
    pcs = [coord, steward]
    try:
        # before the windows: the coordinator creates the vote and counts; the steward's PC
        # joins from the coordinator's file and counts another unit; the coordinator counts
        # one more: each PC holds a count the other lacks
        key, fingerprint = coord.key()
        steward_key, _ = steward.key()
        setup = tmp_path / "setup.toml"
        setup.write_text(
            setup_text(coordinator=key, stewards=[(steward_key, "a steward", ["a"])]),
            encoding="utf-8",
        )
        coord.ok("init", str(setup))
        coord.ok("count", "a2", "--yes", "6", "--no", "3")
        joining = tmp_path / "from-the-coordinator.tally"
        coord.ok("export", str(joining))
        assert "joined the vote" in steward.ok("import", str(joining), "--coordinator", fingerprint)
        steward.ok("count", "a1", "--part", "x", "--yes", "2", "--no", "1")
        coord.ok("count", "b1", "--yes", "4", "--no", "5")
        before = [state_of(pc.ok("state")) for pc in pcs]
        assert before[0] != before[1]
        assert not list(share.iterdir())

        for pc in pcs:
            pc.open_window()
        same = wait_for_same_state(pcs)
        assert same not in before

        # each window wrote its own one file into the folder (beside it at most a hidden
        # temporary file of an export still being written)
        written = sorted(p.name for p in share.iterdir() if not p.name.startswith("."))
        assert len(written) == 2, written
        assert all(name.endswith(".tally") for name in written), written
        assert any("coord's PC" in name for name in written), written
        assert any("steward2's PC" in name for name in written), written

        # SIGTERM, as a logout sends it: the window closes as File > Quit does (ui/termination)
        for pc in pcs:
            code, out = pc.close_window()
            assert code == 0, out
            assert "Traceback" not in out, out

        # each window's log: it imported the other PC's file from the folder, and no error
        for pc, other in ((coord, steward), (steward, coord)):
            log = (Path(pc.env["STEWARD_APP_LOG_DIR"]) / "steward_app.log").read_text("utf-8")
            assert re.search(rf"importing \S*{other.steward}'s PC\S*\.tally", log), log
            assert " ERROR " not in log and " CRITICAL " not in log, log

        # both databases intact, holding both PCs' counts with their origins, and the same
        for pc in pcs:
            raw = sqlite3.connect(pc.db)
            try:
                assert raw.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            finally:
                raw.close()
            assert state_of(pc.ok("state")) == same
            assert pc.counted() == {"a1": (2, 1), "a2": (6, 3), "b1": (4, 5)}
            history = pc.ok("history")
            assert "by coord on coord's PC" in history
            assert "by steward2 on steward2's PC" in history

        # the windows' locks are gone with them: the command line writes again
        steward.ok("count", "a1", "--part", "y", "--yes", "1", "--no", "2")
        assert state_of(steward.ok("state")) != same
    finally:
        for pc in pcs:
            if pc.window is not None and pc.window.poll() is None:
                pc.window.kill()
                pc.window.wait()
            pc.close()
