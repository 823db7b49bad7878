"""`steward-app [--db PATH] FILE.tally ...` opens the window on tally files, and every command
keeps its meaning: the files are told apart before the command line's parser reads anything."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from pathlib import Path

import pytest

from steward_app import __main__ as entry
from steward_app.cli.main import EXIT_USAGE
from steward_app.cli.open_files import files_to_open
from steward_app.services import logs


@pytest.fixture(autouse=True)
def main_cleaned_up(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """main() logs to a folder of this test's, and turns the collector off for the window."""
    monkeypatch.setenv(logs.LOG_ENV, str(tmp_path / "logs"))
    logs.stop_logging()
    yield
    logs.stop_logging()
    gc.enable()


@pytest.fixture
def tally_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    monkeypatch.chdir(tmp_path)
    files = [tmp_path / "evening.tally", tmp_path / "hall PC (2).TALLY"]
    for f in files:
        f.write_bytes(b"not read here")
    return files


def test_tally_files_open_the_window_with_the_options_before_or_among_them(
    tally_files: list[Path],
) -> None:
    opening = files_to_open(
        ["--db", "vote.sqlite", "evening.tally", "--steward", "a steward", "hall PC (2).TALLY"]
    )
    assert opening is not None
    assert opening.files == tally_files  # absolute: a second start hands them to another folder
    assert all(f.is_absolute() for f in opening.files)
    args = opening.args
    assert (args.db, args.steward, args.pc, args.demo) == (
        Path("vote.sqlite"),
        "a steward",
        None,
        False,
    )
    assert args.command is None


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["--demo"],
        ["--db", "x.tally"],  # a database may be named anything: it is --db's value
        ["import", "evening.tally"],
        ["--db", "vote.sqlite", "export", "out.tally"],
        ["count", "afscme-np2", "--yes", "3", "--no", "2"],
        ["--help"],
        ["--version"],
        ["--db"],  # the command line's parser gives its own usage error
    ],
)
def test_commands_and_the_window_alone_are_left_to_the_command_line(
    argv: list[str], tally_files: list[Path]
) -> None:
    assert files_to_open(argv) is None


@pytest.mark.parametrize(
    ("argv", "said"),
    [
        (["missing.tally"], "there is no file 'missing.tally'"),
        (["evening.tally", "gone.tally"], "there is no file 'gone.tally'"),
        (["evening.tally", "import"], "'import' cannot follow a tally file"),
        (["evening.tally", "--yes", "3"], "'--yes' cannot follow a tally file"),
    ],
)
def test_a_missing_file_or_another_word_is_a_usage_error_that_opens_nothing(
    argv: list[str],
    said: str,
    tally_files: list[Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    opened: list[object] = []
    monkeypatch.setattr("steward_app.ui.app.run_window", lambda *a: opened.append(a) or 0)
    with pytest.raises(SystemExit) as exit_info:
        entry.main(["--db", str(tmp_path / "vote.sqlite"), *argv])
    assert exit_info.value.code == EXIT_USAGE
    err = capsys.readouterr().err
    assert said in err and "usage: steward-app [--db PATH]" in err
    assert opened == [] and not (tmp_path / "vote.sqlite").exists()


def test_the_entry_point_hands_the_files_to_the_window(
    tally_files: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened: list[tuple[object, object]] = []
    monkeypatch.setattr(
        "steward_app.ui.app.run_window", lambda args, files: opened.append((args, files)) or 0
    )
    assert entry.main(["--pc", "hall PC", "evening.tally"]) == 0
    [(args, files)] = opened
    assert files == tally_files[:1]
    assert getattr(args, "pc", None) == "hall PC" and getattr(args, "db", "") is None
    # without files the window is started as before, with none
    opened.clear()
    assert entry.main(["--pc", "hall PC"]) == 0
    assert opened[0][1] == ()
