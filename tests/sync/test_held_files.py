"""A file another program holds for a moment (antivirus, OneDrive, another PC on the share) is
tried again for about ten seconds; other permission errors only a few times.

Windows reports a held file as a PermissionError with winerror 32 (a sharing violation); the
fake holder here raises exactly that, so the waiting runs the same on Linux. The sleeps are
recorded, not slept."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from steward_app import durable
from steward_app.sync import files
from steward_app.sync.errors import ImportRefused, Refusal


def sharing_violation() -> PermissionError:
    exc = PermissionError(errno.EACCES, "The process cannot access the file")
    exc.winerror = 32  # type: ignore[attr-defined]  # what Windows sets
    return exc


class Holder:
    """Holds `path` (opening it, by Path.open or os.open, raises a sharing violation) until
    `lets_go_after` sleeps."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, path: Path, lets_go_after: float) -> None:
        self.slept: list[float] = []
        self.lets_go_after = lets_go_after
        self.opens = 0
        real_open = Path.open

        def open_(p: Path, *args: object, **kwargs: object) -> object:
            if p == path:
                self.opens += 1
                if sum(self.slept) < self.lets_go_after:
                    raise sharing_violation()
            return real_open(p, *args, **kwargs)  # type: ignore[call-overload]

        monkeypatch.setattr(Path, "open", open_)
        real_os_open = os.open

        def os_open(p: object, flags: int, *args: object) -> int:  # files.read_whole's way
            if Path(str(p)) == path:
                self.opens += 1
                if sum(self.slept) < self.lets_go_after:
                    raise sharing_violation()
            return real_os_open(p, flags, *args)  # type: ignore[arg-type]

        monkeypatch.setattr(os, "open", os_open)

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)


def test_a_file_held_for_seven_seconds_is_read_once_it_is_let_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "other.tally"
    path.write_bytes(b"the file")
    holder = Holder(monkeypatch, path, lets_go_after=7.0)
    assert files.read_whole(path, sleep=holder.sleep) == b"the file"
    assert 7.0 <= sum(holder.slept) < 8.0  # tried again until it was let go, not longer
    assert max(holder.slept) <= 1.0  # never more than a second between tries


def test_a_file_held_for_good_is_refused_after_about_ten_seconds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "other.tally"
    path.write_bytes(b"the file")
    holder = Holder(monkeypatch, path, lets_go_after=1e9)
    with pytest.raises(ImportRefused) as refused:
        files.read_whole(path, sleep=holder.sleep)
    assert refused.value.code is Refusal.UNREADABLE
    assert sum(holder.slept) == pytest.approx(durable.HELD_SECONDS)
    assert isinstance(refused.value.__cause__, PermissionError)


def test_a_plain_permission_error_is_tried_only_a_few_times(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "other.tally"
    path.write_bytes(b"the file")
    slept: list[float] = []

    def refuse(*_args: object, **_kwargs: object) -> object:
        raise PermissionError(errno.EACCES, "Permission denied")

    monkeypatch.setattr(Path, "open", refuse)
    monkeypatch.setattr(os, "open", refuse)  # files.read_whole opens with os.open
    with pytest.raises(ImportRefused):
        files.read_whole(path, sleep=slept.append)
    assert len(slept) == durable.RETRIES - 1 and sum(slept) < 2


def test_the_rename_onto_a_held_file_waits_for_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The export replaces this PC's file, which another PC may be reading."""
    target = tmp_path / "mine.tally"
    target.write_bytes(b"old")
    slept: list[float] = []
    real_replace = files.os.replace

    def replace(src: object, dst: object) -> None:
        if sum(slept) < 3.0:
            raise sharing_violation()
        real_replace(src, dst)  # type: ignore[arg-type]

    monkeypatch.setattr(files.os, "replace", replace)
    assert files.write_atomically(target, b"new", replace=True, sleep=slept.append) == target
    assert target.read_bytes() == b"new" and sum(slept) >= 3.0
    assert [p.name for p in tmp_path.iterdir()] == ["mine.tally"]  # no partial file left


def test_partial_names_are_short_whatever_the_target(tmp_path: Path) -> None:
    """A deep synced folder leaves little of Windows's 260 characters: the temporary name
    does not repeat the (long) final name."""
    seen: list[str] = []
    real_open = Path.open

    def spy(p: Path, *args: object, **kwargs: object) -> object:
        seen.append(p.name)
        return real_open(p, *args, **kwargs)  # type: ignore[call-overload]

    mp = pytest.MonkeyPatch()
    mp.setattr(Path, "open", spy)
    try:
        target = tmp_path / ("x" * 120 + ".tally")
        files.write_atomically(target, b"data", replace=True)
    finally:
        mp.undo()
    partials = [n for n in seen if n.endswith(files.PARTIAL)]
    assert partials and all(len(n) <= 20 and files.is_partial(Path(n)) for n in partials)
