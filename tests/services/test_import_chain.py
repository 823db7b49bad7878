"""A CSV import numbers its entries on from the steward's last one, held entries included, so
that the steward's chain stays whole and another PC verifies it from an exported file."""

from __future__ import annotations

import io
import itertools
from pathlib import Path

from steward_app.domain.authority import HoldReason
from steward_app.domain.entries import make_entry
from steward_app.services.counting import import_counts
from steward_app.services.roster import held_entries, my_key
from tests.small_vote import SLOTS, setup_text
from tests.sync.helpers import PC


def test_an_import_chains_its_entries_held_ones_included(tmp_path: Path) -> None:
    coord, one, other = (PC(tmp_path, name) for name in ("coordinator", "one", "other"))
    try:
        # steward one may report for union a only: a row for union b is held apart
        coord.create(
            setup_text(coordinator=coord.key(), stewards=[(one.key(), "steward one", ["a"])])
        )
        opening = coord.export()
        one.take(opening)
        other.take(opening)
        one.record(SLOTS[0], 5, 4)  # before the import: its entries go on from this one
        rows = "unit,part,yes,no\na1,y,3,3\nb1,,4,1\na2,,6,2\n"
        result = import_counts(
            one.store, one.author, io.StringIO(rows), confirm_warnings=True, clock=one.clock
        )
        assert (result.recorded, result.held) == (2, 1)

        origin = my_key(one.store, one.author).origin
        (held,) = held_entries(one.store)
        assert held.reason is HoldReason.NOT_ALLOWED and held.entry.key.unit == "b1"
        mine = sorted(
            [e for e in one.entries() if e.origin == origin] + [held.entry], key=lambda e: e.seq
        )
        assert [e.key.unit for e in mine] == ["a1", "a1", "b1", "a2"]  # the record, then rows
        assert [e.seq for e in mine] == [mine[0].seq + i for i in range(4)]
        for before, after in itertools.pairwise(mine):
            assert after.prev == before.id
        # each entry as make_entry writes it from the same fields
        for e in mine[1:]:
            assert e == make_entry(
                vote=e.vote,
                type=e.type,
                origin=e.origin,
                seq=e.seq,
                prev=e.prev,
                key=e.key,
                body=e.body,
                steward=one.author.steward,
                pc=one.author.pc,
                recorded_at=mine[1].recorded_at,
                supersedes=e.supersedes,
                reason=e.reason,
            )

        report = other.take(one.export())  # the chain verifies on another PC
        assert (report.outcome, report.new, report.held) == ("imported", 3, 1)
    finally:
        for pc in (coord, one, other):
            pc.close()
