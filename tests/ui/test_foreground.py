"""A second start lets the window's process take the foreground before asking it to come
forward (Windows lets only the foreground process hand the foreground over)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from steward_app.ui import single_instance
from steward_app.ui.single_instance import SingleInstance, allow_foreground


class User32:
    def __init__(self, answer: int) -> None:
        self.answer = answer
        self.calls: list[int] = []

    def AllowSetForegroundWindow(self, pid: int) -> int:
        self.calls.append(pid)
        return self.answer


def test_the_holder_s_process_is_allowed_the_foreground_before_the_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "vote.sqlite"
    first = SingleInstance(db)
    assert first.claim()
    allowed: list[int] = []
    monkeypatch.setattr(single_instance, "allow_foreground", allowed.append)
    try:
        # nobody runs the first one's event loop here: the request itself goes unanswered
        SingleInstance(db).forward(timeout_ms=100)
    finally:
        first.release()
    assert allowed == [os.getpid()]  # the lock holder's process


def test_allow_foreground_calls_windows_with_the_pid() -> None:
    user32 = User32(answer=1)
    assert allow_foreground(4321, user32) is True and user32.calls == [4321]
    assert allow_foreground(4321, User32(answer=0)) is False  # refused: said in the log only


@pytest.mark.skipif(os.name == "nt", reason="checks the other systems' no-op")
def test_elsewhere_nothing_is_called() -> None:
    assert allow_foreground(os.getpid()) is False
