"""The log: what happened to which file, never the ballot numbers; rotated at 1 MB x 5."""

from __future__ import annotations

import io
import logging
import re
from collections.abc import Iterator
from logging.handlers import RotatingFileHandler
from pathlib import Path

import pytest

from steward_app.cli.main import EXIT_OK, EXIT_REFUSED, run
from steward_app.services import logs


@pytest.fixture
def log_file(tmp_path: Path) -> Iterator[Path]:
    logs.stop_logging()
    path = logs.setup_logging(tmp_path / "logs")
    assert path is not None
    yield path
    logs.stop_logging()


def cli(db: Path, *args: str) -> int:
    return run(
        ["--db", str(db), "--steward", "a steward", "--pc", "hall PC", *args],
        io.StringIO(),
        io.StringIO(),
    )


def test_a_count_is_logged_without_its_numbers(log_file: Path, tmp_path: Path) -> None:
    db = tmp_path / "vote.sqlite"
    assert cli(db, "demo") == EXIT_OK
    assert cli(db, "count", "afscme-np4-391", "--yes", "98761", "--no", "43217") == EXIT_REFUSED
    assert cli(db, "count", "afscme-np4-391", "--yes", "1283", "--no", "517", "--void", "9") == 0
    # refused with a message that quotes the numbers already entered (690 yes / 760 no)
    assert cli(db, "count", "afscme-np2", "--yes", "691", "--no", "761") == EXIT_REFUSED
    text = log_file.read_text(encoding="utf-8")
    assert "command count on" in text and str(db) in text
    assert "E_ALREADY_ENTERED" in text  # the check's code says what happened
    assert "backup written" in text  # the day's backup before the first write
    messages = " ".join(line.split("]: ", 1)[-1] for line in text.splitlines())  # no pids
    for number in ("98761", "43217", "1283", "517", "690", "760", "691", "761"):
        assert not re.search(rf"\b{number}\b", messages), number


def test_the_log_rotates_at_a_megabyte_keeping_five(log_file: Path) -> None:
    handler = next(h for h in logs.log.handlers if isinstance(h, RotatingFileHandler))
    assert (handler.maxBytes, handler.backupCount) == (1_000_000, 5)
    assert Path(handler.baseFilename) == log_file
    record = "x" * 1000
    for _ in range(2500):
        logging.getLogger("steward_app.test").info(record)
    assert log_file.with_name(log_file.name + ".1").exists()
    assert log_file.stat().st_size <= 1_000_000
    assert logs.setup_logging() == log_file  # set up once: a second call changes nothing


def test_a_rotation_another_process_blocks_loses_no_record(log_file: Path) -> None:
    """Windows cannot rename a log another process holds open: the records go on in the same
    file, and the rotation happens once the other process lets go."""
    handler = next(h for h in logs.log.handlers if isinstance(h, RotatingFileHandler))
    held = [True]

    def rename(source: str, dest: str) -> None:
        if held:
            raise PermissionError(13, "The process cannot access the file", source)
        Path(source).rename(dest)

    handler.rotator = rename
    say = logging.getLogger("steward_app.test").info
    for n in range(1500):  # 1.5 MB, past the limit
        say("record %05d %s", n, "x" * 1000)
    text = log_file.read_text(encoding="utf-8")
    assert "record 00000" in text and "record 01499" in text  # every one kept
    assert not log_file.with_name(log_file.name + ".1").exists()
    held.clear()  # the other process closed it
    for n in range(1500, 1700):
        say("record %05d %s", n, "x" * 1000)
    rotated = log_file.with_name(log_file.name + ".1").read_text(encoding="utf-8")
    assert "record 00000" in rotated and "record 01699" in log_file.read_text(encoding="utf-8")
