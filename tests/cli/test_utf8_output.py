"""Output redirected to a file or a pipe is UTF-8, whatever the code page (Windows writes
redirected output in cp1252, where ł, ś and Chinese characters raise UnicodeEncodeError)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

from steward_app.cli.console import utf8_when_redirected

NAME = "Łucja Śliwa"
PC = "事務所 PC"


def test_a_command_piped_under_a_cp1252_code_page_writes_utf8(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONIOENCODING="cp1252", STEWARD_APP_LOG_DIR=str(tmp_path / "log"))
    done = subprocess.run(
        [sys.executable, "-m", "steward_app", "--db", str(tmp_path / "v.sqlite")]
        + ["--steward", NAME, "--pc", PC, "keys", "show"],
        capture_output=True,
        env=env,
        check=False,
    )
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert f'"{NAME}" on "{PC}"' in done.stdout.decode("utf-8")


def test_a_redirected_stream_becomes_utf8_and_never_raises() -> None:
    raw = io.BytesIO()
    stream = io.TextIOWrapper(raw, encoding="cp1252")
    utf8_when_redirected(stream)
    stream.write(f"{NAME} {PC} \udcff")  # the last: an undecodable byte of a file name
    stream.flush()
    assert raw.getvalue() == f"{NAME} {PC} \\udcff".encode()


class Console(io.TextIOWrapper):
    def isatty(self) -> bool:
        return True


def test_a_console_is_left_as_it_is() -> None:
    stream = Console(io.BytesIO(), encoding="cp1252")
    utf8_when_redirected(stream)
    assert stream.encoding == "cp1252"
    utf8_when_redirected(io.StringIO())  # not a real stream (a test's): nothing to do
