"""The benchmark generator: a setup parse_setup accepts, a database in the planned states."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pytest

from bench.generate import (
    CSV_HEADER,
    STATUS_CONFIRMED,
    STATUS_CONFLICT,
    STATUS_EMPTY,
    STATUS_VALUE,
    FillSpec,
    SetupSpec,
    all_slots,
    fill_database,
    setup_toml,
    write_counts_csv,
)
from steward_app.domain.setup_file import parse_setup
from steward_app.domain.vote import Scope
from steward_app.store.vote_store import VoteStore


def test_setup_has_the_requested_unions_and_units() -> None:
    spec = SetupSpec(unions=12, units=90, seed=3)
    vote = parse_setup(setup_toml(spec))
    assert len(vote.unions) == 12
    assert len(vote.units) == 90
    assert all(u.unit_ids for u in vote.unions)
    pooled = [u for u in vote.unions if u.rule.pooled]
    assert pooled and len(pooled) < len(vote.unions)  # a mix of pooled and by_units
    assert sum(1 for u in vote.units if len(u.parts) >= 4) > len(vote.units) // 2
    assert len(all_slots(vote)) > 4 * len(vote.units)
    rule = vote.coalition_rule
    assert rule.min_unions is not None and rule.min_unions <= 12
    assert rule.membership is not None
    assert [q.scope for q in vote.questions] == [Scope.COALITION]


def test_setup_is_deterministic() -> None:
    assert setup_toml(SetupSpec(5, 20, seed=1)) == setup_toml(SetupSpec(5, 20, seed=1))
    assert setup_toml(SetupSpec(5, 20, seed=1)) != setup_toml(SetupSpec(5, 20, seed=2))


def test_setup_rejects_impossible_shapes() -> None:
    with pytest.raises(ValueError):
        SetupSpec(unions=10, units=5)


def _db_facts(path: Path) -> tuple[int, int, Counter[str], int]:
    store = VoteStore(path)
    try:
        with store.reading() as conn:
            counts = conn.exec_driver_sql(
                "SELECT COUNT(*) FROM entries WHERE type LIKE 'count.%'"
            ).scalar_one()
            setups = conn.exec_driver_sql(
                "SELECT COUNT(*) FROM entries WHERE type = 'setup'"
            ).scalar_one()
            statuses: Counter[str] = Counter(
                {
                    str(s): int(n)
                    for s, n in conn.exec_driver_sql(
                        "SELECT status, COUNT(*) FROM slots GROUP BY status"
                    )
                }
            )
            supersessions = conn.exec_driver_sql("SELECT COUNT(*) FROM supersessions").scalar_one()
    finally:
        store.close()
    return int(counts), int(setups), statuses, int(supersessions)


def test_small_database_matches_the_plan(tmp_path: Path) -> None:
    text = setup_toml(SetupSpec(unions=4, units=12, seed=5))
    fill = FillSpec(entries=600, seed=9, origins=3, batch=150)
    stats = fill_database(tmp_path / "v.sqlite", text, fill)

    assert stats.entries == 600
    assert stats.batches == 4
    counts, setups, statuses, supersessions = _db_facts(tmp_path / "v.sqlite")
    assert counts == 600
    assert setups == 1
    assert supersessions == stats.supersessions > 0
    assert statuses[STATUS_CONFIRMED] == stats.statuses[STATUS_CONFIRMED] > 0
    assert statuses[STATUS_CONFLICT] == stats.statuses[STATUS_CONFLICT] > 0
    assert statuses[STATUS_VALUE] == stats.statuses[STATUS_VALUE] > 0
    assert sum(statuses.values()) == stats.reported
    assert stats.reported + stats.statuses[STATUS_EMPTY] == stats.slots
    assert {"count.entered", "count.corrected", "count.resolved"} <= set(stats.by_type)


def test_fill_is_deterministic(tmp_path: Path) -> None:
    text = setup_toml(SetupSpec(unions=2, units=4, seed=1))
    fill = FillSpec(entries=80, seed=2, batch=30)
    fill_database(tmp_path / "a.sqlite", text, fill)
    fill_database(tmp_path / "b.sqlite", text, fill)
    hashes = []
    for name in ("a.sqlite", "b.sqlite"):
        store = VoteStore(tmp_path / name)
        try:
            with store.reading() as conn:
                hashes.append(
                    [
                        bytes(r[0])
                        for r in conn.exec_driver_sql("SELECT hash FROM entries ORDER BY id")
                    ]
                )
        finally:
            store.close()
    assert hashes[0] == hashes[1]


def test_counts_csv_has_one_row_per_distinct_slot() -> None:
    vote = parse_setup(setup_toml(SetupSpec(unions=3, units=20, seed=4)))
    out = io.StringIO()
    assert write_counts_csv(out, vote, rows=50) == 50
    rows = list(csv.reader(io.StringIO(out.getvalue())))
    assert tuple(rows[0]) == CSV_HEADER
    assert len({(r[0], r[1]) for r in rows[1:]}) == 50
    with pytest.raises(ValueError):
        write_counts_csv(io.StringIO(), vote, rows=len(all_slots(vote)) + 1)
