"""Recording, confirming, conflicting, correcting and importing counts through the services."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from steward_app.domain.counts import SlotKey, SlotStatus
from steward_app.domain.tally import Outcome
from steward_app.services.counting import declare_outcome, import_counts, record_count
from steward_app.services.errors import Refused
from steward_app.services.standings_cache import StandingsCache, load_standings
from steward_app.store.vote_store import VoteStore
from tests.conftest import COORDINATOR, SECOND, STEWARD

Q = "concessions"
LOCAL_391 = SlotKey(Q, "afscme-np4-391")


def test_demo_matches_the_public_figures(demo_store: VoteStore) -> None:
    standings, _ = load_standings(demo_store)
    q = standings.questions[Q]
    afscme = q.unions["afscme"]
    # 800 behind with Local 391's 1,850 to vote: more than (1,850 + 800) / 2 yes needed
    assert afscme.numbers.margin == -800
    assert afscme.pooled is not None and afscme.pooled.needed is not None
    assert afscme.pooled.needed.remaining == 1850
    assert afscme.pooled.needed.yes_full == 1326
    assert q.units["afscme-p2"].report.numbers.margin == -150
    assert q.unions["ceui-511"].numbers.margin == -194
    assert q.unions["ceui-511"].outcome is Outcome.REJECTED and q.unions["ceui-511"].decided
    assert q.coalition is not None
    assert q.coalition.outcome is Outcome.PENDING
    assert q.coalition.count(Outcome.APPROVED) == 6
    # with one union rejected under 14 of 15, every pending union must approve
    assert set(q.coalition.needs.must_approve) == set(q.coalition.needs.pending)
    assert len(q.coalition.needs.pending) == 8


def test_second_entry_confirms_and_different_numbers_conflict(demo_store: VoteStore) -> None:
    numbers = {"yes": "1300", "no": "500", "void": "3"}
    first = record_count(demo_store, STEWARD, LOCAL_391, numbers, final=True)
    assert first.status is SlotStatus.VALUE
    second = record_count(demo_store, SECOND, LOCAL_391, numbers, final=True)
    assert second.status is SlotStatus.CONFIRMED
    assert "confirms" in second.note
    third = record_count(
        demo_store, COORDINATOR, LOCAL_391, {"yes": "1301", "no": "500", "void": "3"}, final=True
    )
    assert third.status is SlotStatus.CONFLICT
    standings, _ = load_standings(demo_store)
    unit = standings.questions[Q].units["afscme-np4-391"]
    assert unit.report.conflicts == 1
    assert unit.report.numbers.cast == 0  # no total while in conflict
    assert standings.questions[Q].unions["afscme"].outcome is Outcome.PENDING


def test_own_count_is_corrected_not_entered_twice(demo_store: VoteStore) -> None:
    record_count(demo_store, STEWARD, LOCAL_391, {"yes": "900", "no": "800"})
    with pytest.raises(Refused) as refused:
        record_count(demo_store, STEWARD, LOCAL_391, {"yes": "901", "no": "800"})
    assert [p.code for p in refused.value.problems] == ["E_ALREADY_ENTERED"]
    same = record_count(demo_store, STEWARD, LOCAL_391, {"yes": "900", "no": "800"})
    assert same.entry_id is None and "already recorded" in same.note
    with pytest.raises(Refused) as no_reason:
        record_count(demo_store, STEWARD, LOCAL_391, {"yes": "901", "no": "800"}, correct=True)
    assert [p.code for p in no_reason.value.problems] == ["E_REASON_REQUIRED"]
    fixed = record_count(
        demo_store,
        STEWARD,
        LOCAL_391,
        {"yes": "901", "no": "800"},
        correct=True,
        reason="one ballot found in the mail tray",
    )
    assert fixed.status is SlotStatus.VALUE
    standings, _ = load_standings(demo_store)
    assert standings.questions[Q].units["afscme-np4-391"].report.numbers.yes == 901


def test_marking_final_later_supersedes_the_provisional_count(demo_store: VoteStore) -> None:
    record_count(demo_store, STEWARD, LOCAL_391, {"yes": "1400", "no": "400"})
    standings, _ = load_standings(demo_store)
    assert not standings.questions[Q].units["afscme-np4-391"].report.complete
    done = record_count(demo_store, STEWARD, LOCAL_391, {"yes": "1400", "no": "400"}, final=True)
    assert done.entry_id is not None and "final" in done.note
    standings, _ = load_standings(demo_store)
    assert standings.questions[Q].units["afscme-np4-391"].report.complete


def test_every_problem_is_reported_at_once(demo_store: VoteStore) -> None:
    with pytest.raises(Refused) as refused:
        record_count(
            demo_store,
            STEWARD,
            SlotKey(Q, "no-such-unit"),
            {"yes": "-4", "no": "12.5", "void": "abc"},
        )
    codes = sorted(p.code for p in refused.value.problems)
    assert codes == ["E_NEGATIVE", "E_NOT_WHOLE_NUMBER", "E_NOT_WHOLE_NUMBER", "E_UNKNOWN_UNIT"]


def test_warnings_need_confirmation(demo_store: VoteStore) -> None:
    huge = {"yes": "1500", "no": "500", "void": "100"}  # 2,100 > 1,850 eligible, void 4.8%
    with pytest.raises(Refused) as refused:
        record_count(demo_store, STEWARD, LOCAL_391, huge)
    assert refused.value.needs_confirmation
    assert {p.code for p in refused.value.problems} == {"W_TURNOUT_OVER_100", "W_VOID_SHARE_HIGH"}
    done = record_count(demo_store, STEWARD, LOCAL_391, huge, confirm_warnings=True)
    assert {p.code for p in done.confirmed_warnings} == {"W_TURNOUT_OVER_100", "W_VOID_SHARE_HIGH"}


def test_identical_to_another_unit_and_all_zero_warn(demo_store: VoteStore) -> None:
    with pytest.raises(Refused) as same:
        record_count(
            demo_store,
            STEWARD,
            LOCAL_391,
            {"yes": "1420", "no": "1570", "void": "21"},
            confirm_warnings=False,
        )
    assert "W_SAME_AS_OTHER_UNIT" in {p.code for p in same.value.problems}
    assert "afscme-p2" in str(same.value)
    with pytest.raises(Refused) as zero:
        record_count(demo_store, STEWARD, LOCAL_391, {"yes": "0", "no": "0"})
    assert [p.code for p in zero.value.problems] == ["W_ALL_ZERO"]


def test_parts_must_be_declared(demo_store: VoteStore) -> None:
    with pytest.raises(Refused) as whole:
        record_count(demo_store, STEWARD, SlotKey(Q, "seiu-1199-health"), {"yes": "1", "no": "1"})
    assert [p.code for p in whole.value.problems] == ["E_PART_REQUIRED"]
    with pytest.raises(Refused) as unknown:
        record_count(
            demo_store, STEWARD, SlotKey(Q, "seiu-1199-health", "day-9"), {"yes": "1", "no": "1"}
        )
    assert [p.code for p in unknown.value.problems] == ["E_UNKNOWN_PART"]


def test_parts_add_up_and_the_last_final_part_completes_the_unit(demo_store: VoteStore) -> None:
    record_count(
        demo_store,
        STEWARD,
        SlotKey(Q, "seiu-1199-health", "day-2"),
        {"yes": "700", "no": "300"},
        final=True,
    )
    standings, _ = load_standings(demo_store)
    unit = standings.questions[Q].units["seiu-1199-health"]
    assert unit.report.numbers.yes == 900 + 700
    assert unit.report.complete
    assert unit.outcome is Outcome.APPROVED and unit.decided


def test_csv_import_is_all_or_nothing_and_idempotent(store: VoteStore, tmp_path: Path) -> None:
    from steward_app.services.vote_setup import create_vote, demo_setup_text

    create_vote(store, demo_setup_text(), COORDINATOR)
    good = "unit,part,yes,no,void,final\nafscme-p2,,1420,1570,21,yes\ncfepe-p4,,1210,540,11,yes\n"
    bad = good + "nope,,1,2,0,yes\nafscme-np2,,x,1,0,maybe\n"
    before = store.path.read_bytes()
    with pytest.raises(Refused) as refused:
        import_counts(store, STEWARD, io.StringIO(bad))
    messages = [p.message for p in refused.value.problems]
    assert any(m.startswith("row 4:") for m in messages)
    assert any(m.startswith("row 5:") for m in messages)
    assert store.path.read_bytes() == before
    first = import_counts(store, STEWARD, io.StringIO(good))
    assert (first.recorded, first.already) == (2, 0)
    again = import_counts(store, STEWARD, io.StringIO(good))
    assert (again.recorded, again.already) == (0, 2)
    assert again.changes.units == frozenset()
    # every reference the import stored holds, and the connection still checks them
    with store.reading() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_a_csv_row_with_more_cells_than_columns_is_refused(demo_store: VoteStore) -> None:
    text = "unit,yes,no\nafscme-p2,1425,1570\nafscme-np2,5,6,7\n"
    before = demo_store.path.read_bytes()
    with pytest.raises(Refused) as refused:
        import_counts(demo_store, STEWARD, io.StringIO(text))
    assert "row 3 has more cells than the 3 columns" in str(refused.value)
    assert demo_store.path.read_bytes() == before


def test_csv_rows_with_a_reason_correct_this_stewards_counts(demo_store: VoteStore) -> None:
    text = "unit,yes,no,void,final,reason\nafscme-p2,1425,1570,21,yes,late mail ballots\n"
    result = import_counts(demo_store, STEWARD, io.StringIO(text))
    assert result.corrected == 1
    standings, _ = load_standings(demo_store)
    assert standings.questions[Q].units["afscme-p2"].report.numbers.yes == 1425


def test_cache_refresh_equals_a_fresh_load(demo_store: VoteStore) -> None:
    cache = StandingsCache(demo_store)
    cache.load()
    result = record_count(demo_store, STEWARD, LOCAL_391, {"yes": "1340", "no": "500"}, final=True)
    refreshed = cache.refresh(result.changes)
    fresh, _ = load_standings(demo_store)
    for qid, q in fresh.questions.items():
        r = refreshed.questions[qid]
        assert {u: (s.outcome, s.decided, s.numbers) for u, s in q.unions.items()} == {
            u: (s.outcome, s.decided, s.numbers) for u, s in r.unions.items()
        }
        assert q.coalition is not None and r.coalition is not None
        assert q.coalition.reason == r.coalition.reason
    afscme = refreshed.questions[Q].unions["afscme"]
    assert afscme.outcome is Outcome.APPROVED and afscme.decided  # 5,540 yes to 5,500 no


def test_declared_outcome_is_kept_beside_the_computed_one(demo_store: VoteStore) -> None:
    declare_outcome(demo_store, STEWARD, Q, "approved", note="announced at the hall")
    declare_outcome(demo_store, STEWARD, Q, "pending", note="announcement withdrawn")
    standings, declared = load_standings(demo_store)
    assert [(d.outcome, d.note) for d in declared] == [("pending", "announcement withdrawn")]
    assert standings.questions[Q].outcome is Outcome.PENDING
    with pytest.raises(Refused):
        declare_outcome(demo_store, STEWARD, Q, "ratified-ish")
