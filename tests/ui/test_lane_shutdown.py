"""Closing: the lane runs every job handed over before it stops, says when a job outlasts its
wait, and the application then leaves at once rather than let Qt abort on a running thread."""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import pytest
from pytestqt.qtbot import QtBot

from steward_app.ui.app import leave
from steward_app.ui.database_lane import DatabaseLane


def test_shutdown_runs_every_job_handed_over_first(qtbot: QtBot) -> None:
    lane = DatabaseLane()
    ran: list[int] = []

    def job(n: int) -> None:
        time.sleep(0.05)
        ran.append(n)

    for n in range(3):
        lane.submit(lambda n=n: job(n), lambda _r: None, lambda _e: None)  # type: ignore[misc]
    assert lane.shutdown() is True
    assert ran == [0, 1, 2]


def test_jobs_handed_over_while_another_runs_still_run_before_it_stops(qtbot: QtBot) -> None:
    """The window closing: its last export and the database's closing are handed over while
    the lane is busy, then it is told to stop; they must not be dropped."""
    lane = DatabaseLane()
    ran: list[str] = []
    lane.submit(lambda: ran.append("first"), lambda _r: None, lambda _e: None)
    qtbot.waitUntil(lambda: ran == ["first"], timeout=5000)  # the lane's loop is running
    running, release = threading.Event(), threading.Event()

    def busy() -> None:
        running.set()
        release.wait(20)
        ran.append("busy")

    lane.submit(busy, lambda _r: None, lambda _e: None)
    assert running.wait(5)
    lane.submit(lambda: ran.append("last export"), lambda _r: None, lambda _e: None)
    lane.submit(lambda: ran.append("close the database"), lambda _r: None, lambda _e: None)
    lane.stop()  # while "busy" still runs
    release.set()
    assert lane.shutdown() is True
    assert ran == ["first", "busy", "last export", "close the database"]


def test_shutdown_says_when_a_job_outlasts_its_wait(qtbot: QtBot) -> None:
    lane = DatabaseLane()
    release = threading.Event()
    lane.submit(lambda: release.wait(20), lambda _r: None, lambda _e: None)
    try:
        assert lane.shutdown(wait_ms=50) is False
    finally:
        release.set()
        assert lane.shutdown() is True  # never leave a running thread to Qt's destructor


class _Held:
    def __init__(self, stopped: bool) -> None:
        self.stopped = stopped

    def close(self) -> bool:
        return self.stopped


@pytest.mark.parametrize("stopped", [True, False])
def test_leave_exits_at_once_only_when_the_lane_is_still_at_work(
    stopped: bool, caplog: pytest.LogCaptureFixture
) -> None:
    exits: list[Any] = []
    with caplog.at_level(logging.ERROR):
        leave(_Held(stopped), 3, hard_exit=exits.append)  # type: ignore[arg-type]
    assert exits == ([] if stopped else [3])
    assert ("still at work" in caplog.text) is not stopped
