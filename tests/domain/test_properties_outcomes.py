"""The newer outcomes against brute force on small votes: a union on a unit-scope question
(approved, rejected or split), an abstaining union, and an agreement with a master part
(approved, rejected or not in effect).

As in test_properties.py, every completion of the units still counting is judged from final
numbers; a result reported decided must be the only one reachable, and a pending one must
have at least two reachable outcomes.
"""

from __future__ import annotations

import itertools

from hypothesis import event, given
from hypothesis import strategies as st

from steward_app.domain.counts import UnitReport
from steward_app.domain.judgement import Outcome
from steward_app.domain.setup_file import parse_setup
from steward_app.domain.standings import compute_standings
from steward_app.domain.tally import Numbers
from tests.domain.test_properties import (
    SLOW,
    State,
    check,
    entered_report,
    finals,
    states_for,
    union_specs,
    vote_text,
)

UNIT_QUESTION = '[[questions]]\nid = "q"\ntext = "Your own?"\nscope = "unit"\n'


def final(unit_id: str, eligible: int, ballots: tuple[int, int, int], q: str) -> UnitReport:
    return UnitReport(unit_id, q, Numbers(eligible, *ballots), 1, 1, 0, 1)


@SLOW
@given(st.data())
def test_union_on_a_unit_scope_question_is_exact(data: st.DataObject) -> None:
    spec = data.draw(union_specs("a", max_units=3))
    vote = parse_setup(vote_text([spec], "min_unions = 1", UNIT_QUESTION))
    states = data.draw(states_for(spec.units, budget=5))
    reports = {("q", u): entered_report(vote, u, s) for u, s in states.items()}
    union = compute_standings(vote, reports).questions["q"].unions["a"]
    seen = set()
    choices = [finals(u.eligible, states[u.id]) for u in spec.units]
    for combo in itertools.product(*choices):
        ends = {
            ("q", u.id): final(u.id, u.eligible, b, "q")
            for u, b in zip(spec.units, combo, strict=True)
        }
        seen.add(compute_standings(vote, ends).questions["q"].unions["a"].outcome)
    event(f"union {union.outcome.value}")
    check(union.outcome, seen, exact=True, what="union on a unit-scope question")
    if len(spec.units) == 1:
        assert Outcome.SPLIT not in seen


AGREEMENT = (
    '[[questions]]\nid = "q"\ntext = "Master?"\n'
    '[[questions]]\nid = "s"\ntext = "Supplement?"\nscope = "{scope}"\n'
    '[[agreements]]\nid = "deal"\nname = "Deal"\nparts = ["q", "s"]\nmaster = "q"\n'
)


@SLOW
@given(st.data())
def test_agreement_with_a_master_part_is_exact(data: st.DataObject) -> None:
    """Every completion of both questions' units, against the agreement's reported outcome.

    The parts are decided by different ballots, so the agreement's reachable outcomes are the
    combinations of each part's: the engine is exact when each part's judgement is."""
    specs = [data.draw(union_specs(f"u{i}", max_units=1, max_eligible=2)) for i in range(2)]
    scope = data.draw(st.sampled_from(["coalition", "unit"]))
    vote = parse_setup(vote_text(specs, "min_unions = 2", AGREEMENT.format(scope=scope)))
    units = [u for spec in specs for u in spec.units]
    budget = 3
    states: dict[tuple[str, str], State] = {}
    for q in ("q", "s"):
        drawn = data.draw(states_for(units, budget))
        states.update({(q, u): s for u, s in drawn.items()})
    reports = {(q, u): entered_report(vote, u, s, question=q) for (q, u), s in states.items()}
    agreement = compute_standings(vote, reports).agreements["deal"]
    eligible = {u.id: u.eligible for u in units}
    keys = sorted(states)
    seen = set()
    for combo in itertools.product(*(finals(eligible[u], states[q, u]) for q, u in keys)):
        ends = {(q, u): final(u, eligible[u], b, q) for (q, u), b in zip(keys, combo, strict=True)}
        seen.add(compute_standings(vote, ends).agreements["deal"].outcome)
    event(f"agreement {agreement.outcome.value}")
    check(agreement.outcome, seen, exact=True, what="agreement with a master part")
