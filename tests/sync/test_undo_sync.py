"""An undo is an entry that travels in files: every PC ends with the same counts whether the
undo arrives with, after or long after the count it undoes."""

from __future__ import annotations

from pathlib import Path

import pytest

from steward_app.domain.counts import ReportStatus
from steward_app.domain.entries import EntryType
from tests.sync.helpers import PC, SLOTS, setup_text

A2 = SLOTS[2]


@pytest.fixture
def pcs(tmp_path: Path, template: Path) -> list[PC]:
    """A coordinator (0) who created an open vote, and two PCs (1, 2) that joined it."""
    made = [PC(tmp_path, f"p{i}", template) for i in range(3)]
    made[0].create(setup_text())
    made[0].join(made[1:])
    yield made
    for pc in made:
        pc.close()


def test_an_undone_correction_travels_and_brings_the_old_count_back_everywhere(
    pcs: list[PC],
) -> None:
    coord, b, c = pcs
    b.record(A2, 7, 2)
    fixed = b.record(A2, 8, 2, correct=True)
    assert fixed is not None and fixed.entry_id is not None
    with_correction = b.export()
    coord.take(with_correction)  # coord sees the correction first, the undo later
    assert coord.reports()[("q", "a2")].numbers.yes == 8
    assert b.undo(fixed.entry_id) is not None
    with_undo = b.export()
    report = coord.take(with_undo)
    assert report.new == 0 and report.superseded == 1  # the undo: applied, never current
    c.take(with_undo)  # c gets the count, its correction and the undo at once
    for pc in pcs:
        got = pc.reports()[("q", "a2")]
        assert (got.numbers.yes, got.numbers.no) == (7, 2), pc.name
        assert got.status is ReportStatus.PROVISIONAL
    assert coord.state() == b.state() == c.state()
    assert coord.content() == b.content() == c.content()
    undo_entries = [e for e in c.entries() if e.type is EntryType.COUNT_RETRACTED]
    assert [e.supersedes for e in undo_entries] == [(fixed.entry_id,)]
    assert undo_entries[0].steward == b.author.steward


def test_a_count_undone_on_one_pc_while_another_confirmed_it(pcs: list[PC]) -> None:
    """b enters, c confirms it blind, b undoes its own count: c's count stands alone."""
    _, b, c = pcs
    first = b.record(A2, 5, 5)
    c.take(b.export())
    c.record(A2, 5, 5)
    assert first is not None and first.entry_id is not None
    b.undo(first.entry_id)
    b.take(c.export())
    c.take(b.export())
    for pc in (b, c):
        got = pc.reports()[("q", "a2")]
        assert (got.numbers.yes, got.slots_with_value) == (5, 1)
    assert b.content() == c.content()
