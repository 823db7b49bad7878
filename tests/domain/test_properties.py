"""Properties of the vote engine checked against brute force on small votes.

(a) one more yes vote never turns an approval into a rejection (where that is true);
(b) for one tally, "decided" is exact: judge() says approval / rejection is still possible
    exactly when some completion of the unknown ballots leads there;
(c) for unions and a small coalition, a result reported as decided holds in every completion
    (and, where the engine is exact by design, a pending result can still go either way);
(d) standings do not depend on the order counts arrived in;
(e) updating standings for the changed units equals computing them from scratch.

A completion gives every unknown ballot one of its fates: a member still to vote votes yes, no,
void or not at all; a challenged ballot is upheld as yes, no or void, or rejected. A rule reads
only the totals, and every unknown ballot has the same four fates, so the completions of a
tally are exactly the totals (yes + a, no + b, void + d) with a + b + d <= unknown; we enumerate
those (for members still to vote and challenged ballots separately, then merge).
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from steward_app.domain.counts import (
    CountValues,
    Head,
    SlotKey,
    SlotState,
    UnitReport,
    slot_state,
    unit_report,
)
from steward_app.domain.rules import SIMPLE_MAJORITY, CoalitionRule, LowTurnout, TallyRule
from steward_app.domain.setup_file import parse_setup
from steward_app.domain.standings import Standings, compute_standings, update_standings
from steward_app.domain.tally import Numbers, Outcome, approves, judge
from steward_app.domain.threshold import Threshold
from steward_app.domain.vote import Vote

FAST = settings(max_examples=300, deadline=None)
SLOW = settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def thr(text: str) -> Threshold:
    return Threshold.parse(text)


MAJORITY = SIMPLE_MAJORITY
TWO_THIRDS = TallyRule(thr("at least 2/3"))
VOID_COUNTED = TallyRule(thr("more than 1/2"), void_counts=True)
QUORUM = TallyRule(thr("more than 1/2"), quorum=Fraction(1, 2))
TWO_THIRDS_COUNTED_QUORUM = TallyRule(thr("at least 2/3"), void_counts=True, quorum=Fraction(1, 3))
TEAMSTERS = TallyRule(
    thr("more than 1/2"), low_turnout=LowTurnout(Fraction(1, 2), thr("at least 2/3"))
)

MONOTONE_RULES = {
    "majority": MAJORITY,
    "two-thirds": TWO_THIRDS,
    "void-counted": VOID_COUNTED,
    "quorum": QUORUM,
    "two-thirds-void-counted-quorum": TWO_THIRDS_COUNTED_QUORUM,
}


@st.composite
def tally_rules(draw: st.DrawFn, low_turnout: bool = True) -> TallyRule:
    """Any combination of the rule kinds: threshold, void in or out, quorum, low-turnout clause."""
    approve = draw(
        st.sampled_from(
            ["more than 1/2", "at least 1/2", "at least 2/3", "more than 2/3", "at least 3/5"]
        )
    )
    quorum = draw(st.sampled_from([None, Fraction(1, 4), Fraction(1, 2), Fraction(2, 3)]))
    low = None
    if low_turnout:
        low = draw(
            st.sampled_from(
                [
                    None,
                    LowTurnout(Fraction(1, 2), thr("at least 2/3")),
                    LowTurnout(Fraction(2, 5), thr("more than 1/2")),
                ]
            )
        )
    return TallyRule(
        thr(approve),
        void_counts=draw(st.booleans()),
        quorum=quorum,
        low_turnout=low,
        turnout_valid_only=draw(st.booleans()),
    )


# --- (a) monotonicity ---------------------------------------------------------------------------


@st.composite
def tallies_with_room(draw: st.DrawFn, max_eligible: int = 300) -> tuple[int, int, int, int]:
    """(eligible, yes, no, void) with at least one member who has not voted."""
    eligible = draw(st.integers(1, max_eligible))
    yes = draw(st.integers(0, eligible - 1))
    no = draw(st.integers(0, eligible - 1 - yes))
    void = draw(st.integers(0, eligible - 1 - yes - no))
    return eligible, yes, no, void


@pytest.mark.parametrize("rule", MONOTONE_RULES.values(), ids=MONOTONE_RULES.keys())
@FAST
@given(tallies_with_room())
@example((1_000, 500, 500, 0))
@example((3_000, 1_999, 1_000, 0))
@example((1_000, 400, 99, 0))
def test_one_more_yes_never_hurts(rule: TallyRule, t: tuple[int, int, int, int]) -> None:
    """Without a turnout-conditional clause, an extra yes ballot never turns approve to reject."""
    eligible, yes, no, void = t
    if approves(rule, yes, no, void, eligible):
        assert approves(rule, yes + 1, no, void, eligible)


@FAST
@given(tally_rules(low_turnout=False), tallies_with_room(40))
def test_one_more_yes_never_hurts_any_rule_without_low_turnout(
    rule: TallyRule, t: tuple[int, int, int, int]
) -> None:
    eligible, yes, no, void = t
    if approves(rule, yes, no, void, eligible):
        assert approves(rule, yes + 1, no, void, eligible)


@FAST
@given(tally_rules(), tallies_with_room(60))
def test_a_no_turned_yes_never_hurts_any_rule(
    rule: TallyRule, t: tuple[int, int, int, int]
) -> None:
    """At a fixed turnout every rule, the turnout-conditional one included, is monotone."""
    eligible, yes, no, void = t
    if no and approves(rule, yes, no, void, eligible):
        assert approves(rule, yes + 1, no - 1, void, eligible)


def test_turnout_conditional_rule_is_not_monotone_in_one_more_yes() -> None:
    """Known behaviour of the Teamsters rule, not a bug: an extra yes can lift turnout to 50%,
    where the majority decides instead of the two-thirds-no veto.

    100 eligible, 22 yes 27 no: 49% turnout, 27/49 = 55% no < 2/3, the offer stands.
    One more yes: 50 ballots = 50% turnout, 23 yes < 27 no, rejected.
    """
    assert approves(TEAMSTERS, 22, 27, 0, 100)
    assert not approves(TEAMSTERS, 23, 27, 0, 100)
    # (a random search for more such cases was removed: the turnout line is a narrow target
    # and the search missed it one run in three; the next test states the property exactly)


@FAST
@given(tally_rules(), tallies_with_room(60))
@example(TEAMSTERS, (100, 22, 27, 0))
def test_turnout_conditional_one_more_yes_hurts_only_across_the_turnout_line(
    rule: TallyRule, t: tuple[int, int, int, int]
) -> None:
    """The precise statement for every rule: if one more yes turns approval into rejection,
    the rule has a low-turnout clause and that ballot is the one that brings turnout up to it."""
    eligible, yes, no, void = t
    if approves(rule, yes, no, void, eligible) and not approves(rule, yes + 1, no, void, eligible):
        assert rule.low_turnout is not None
        below = rule.low_turnout.below
        turnout = rule.turnout_ballots(yes, no, void)
        assert Fraction(turnout, eligible) < below <= Fraction(turnout + 1, eligible)


# --- (b) decided is exact for one tally ---------------------------------------------------------


def splits(k: int) -> Iterable[tuple[int, int, int]]:
    """(yes, no, void) for k unknown ballots, each yes, no, void or not counted at all."""
    for a in range(k + 1):
        for b in range(k + 1 - a):
            for d in range(k + 1 - a - b):
                yield a, b, d


@dataclass(frozen=True)
class State:
    """What a unit has reported: kind is final, provisional, unreported or conflict."""

    kind: str
    yes: int = 0
    no: int = 0
    void: int = 0
    challenged: int = 0

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.void

    def still_to_vote(self, eligible: int) -> int:
        if self.kind == "final":
            return 0
        return eligible - self.cast - self.challenged


def finals(eligible: int, state: State) -> list[tuple[int, int, int]]:
    """Every final (yes, no, void) a unit in this state can end with."""
    out = set()
    for ry, rn, rv in splits(state.still_to_vote(eligible)):
        for cy, cn, cv in splits(state.challenged):
            out.add((state.yes + ry + cy, state.no + rn + cn, state.void + rv + cv))
    return sorted(out)


@st.composite
def unit_states(draw: st.DrawFn, eligible: int, budget: int = 99, counted: bool = False) -> State:
    """A unit's report state with at most `budget` unknown ballots; `counted`: some count in."""
    kinds = ["final", "final", "provisional"]
    kind = draw(st.sampled_from(kinds if counted else [*kinds, "unreported", "conflict"]))
    if kind in ("unreported", "conflict"):
        if eligible <= budget:
            return State(kind)
        kind = "final"
    if kind == "provisional":
        cast = draw(st.integers(max(0, eligible - budget), eligible))
    else:
        cast = draw(st.integers(0, eligible))
    yes = draw(st.integers(0, cast))
    no = draw(st.integers(0, cast - yes))
    room = eligible - cast if kind == "provisional" else min(eligible - cast, budget)
    challenged = draw(st.integers(0, room))
    return State(kind, yes, no, cast - yes - no, challenged)


def unknown_of(eligible: int, state: State) -> int:
    return state.still_to_vote(eligible) + state.challenged


@st.composite
def single_tallies(draw: st.DrawFn) -> tuple[int, State]:
    eligible = draw(st.integers(1, 8))
    state = draw(unit_states(eligible, counted=True))
    return eligible, state


def direct_report(unit_id: str, eligible: int, state: State, question: str = "q") -> UnitReport:
    if state.kind in ("unreported", "conflict"):
        numbers = Numbers(eligible)
    else:
        numbers = Numbers(eligible, state.yes, state.no, state.void, state.challenged)
    return UnitReport(
        unit_id,
        question,
        numbers,
        slots_with_value=0 if state.kind in ("unreported", "conflict") else 1,
        slots_final=1 if state.kind == "final" else 0,
        conflicts=1 if state.kind == "conflict" else 0,
        slots_expected=1,
    )


@settings(max_examples=600, deadline=None)
@given(tally_rules(), single_tallies())
@example(TEAMSTERS, (8, State("final", 1, 2, 0, 1)))
@example(QUORUM, (8, State("provisional", 3, 0, 0, 0)))
@example(TEAMSTERS, (8, State("provisional", 0, 3, 0, 0)))
def test_decided_is_exact_for_one_tally(rule: TallyRule, tally: tuple[int, State]) -> None:
    eligible, state = tally
    report = direct_report("u", eligible, state)
    assert report.unknown == unknown_of(eligible, state)
    result = judge(rule, report.numbers, report.unknown)
    ends = [approves(rule, y, n, v, eligible) for y, n, v in finals(eligible, state)]
    assert result.can_approve == any(ends)
    assert result.can_reject == (not all(ends))
    assert result.approves_now == approves(rule, state.yes, state.no, state.void, eligible)
    if result.decided:
        assert result.needed is None
    else:
        # yes_full: fewest yes among all unknown ballots cast validly that approves
        u = report.unknown
        ok = [
            y
            for y in range(u + 1)
            if approves(rule, state.yes + y, state.no + u - y, state.void, eligible)
        ]
        assert result.needed is not None
        assert result.needed.yes_full == (min(ok) if ok else None)


# --- (c) unions and the coalition against every completion --------------------------------------

TALLY_RULES_TOML = """
[tally_rules.counted]
approve = "more than 1/2"
void = "counted"
[tally_rules.quorum]
approve = "more than 1/2"
quorum = "50%"
[tally_rules.teamsters]
approve = "more than 1/2"
low_turnout = { below = "50%", reject = "at least 2/3" }
[tally_rules.valid-quorum]
approve = "more than 1/2"
void = "counted"
quorum = "50%"
turnout = "valid"
[tally_rules.valid-teamsters]
approve = "more than 1/2"
void = "counted"
low_turnout = { below = "50%", reject = "at least 2/3" }
turnout = "valid"
"""
RULE_NAMES = [
    "majority",
    "two-thirds",
    "counted",
    "quorum",
    "teamsters",
    "valid-quorum",
    "valid-teamsters",
]


@dataclass(frozen=True)
class UnitSpec:
    id: str
    eligible: int
    subgroup_of: str | None = None
    advisory: bool = False
    parts: tuple[str, ...] = ()


@dataclass(frozen=True)
class UnionSpec:
    id: str
    membership: int
    tally: str
    decides: str
    units: tuple[UnitSpec, ...]


def vote_text(unions: Sequence[UnionSpec], rule: str, questions: str | None = None) -> str:
    lines = [
        'format = 1\n[vote]\nid = "p"\ntitle = "property"\nmode = "practice"\n',
        f'[coalition]\nname = "C"\n[coalition.rule]\n{rule}\n',
        TALLY_RULES_TOML,
        questions or '[[questions]]\nid = "q"\ntext = "Ratify?"\n',
    ]
    for u in unions:
        lines.append(
            f'[[unions]]\nid = "{u.id}"\nname = "{u.id.upper()}"\nmembership = {u.membership}\n'
            f'membership_source = "t"\nmembership_as_of = 2024-01-01\n'
            f'tally_rule = "{u.tally}"\n{u.decides}\n'
        )
        for n in u.units:
            lines.append(
                f'[[unions.units]]\nid = "{n.id}"\nname = "{n.id}"\neligible = {n.eligible}\n'
            )
            if n.subgroup_of:
                lines.append(f'subgroup_of = "{n.subgroup_of}"\n')
                lines.append(f"advisory = {'true' if n.advisory else 'false'}\n")
            if n.parts:
                lines.append("parts = [" + ", ".join(f'"{p}"' for p in n.parts) + "]\n")
    return "".join(lines)


@st.composite
def decides(draw: st.DrawFn, n_units: int) -> str:
    how = draw(st.sampled_from(["pooled", "all", "at_least", "share"]))
    if how == "pooled":
        return 'decides = "pooled"'
    if how == "all":
        return 'decides = "by_units"\nunits_required = "all"'
    if how == "at_least":
        k = draw(st.integers(1, n_units))
        return f'decides = "by_units"\nunits_required = {{ at_least = {k} }}'
    share = draw(st.sampled_from(["more than 1/2", "at least 1/2", "at least 2/3"]))
    return f'decides = "by_units"\nunits_required = {{ membership = "{share}" }}'


@st.composite
def union_specs(
    draw: st.DrawFn, uid: str, max_units: int = 2, max_eligible: int = 3, parts: bool = False
) -> UnionSpec:
    n_units = draw(st.integers(1, max_units))
    units = []
    for i in range(n_units):
        unit_parts: tuple[str, ...] = ()
        if parts and draw(st.booleans()):
            unit_parts = ("hall", "mail")
        units.append(UnitSpec(f"{uid}{i}", draw(st.integers(1, max_eligible)), parts=unit_parts))
    return UnionSpec(
        uid,
        draw(st.integers(1, 6)),
        draw(st.sampled_from(RULE_NAMES)),
        draw(decides(n_units)),
        tuple(units),
    )


@st.composite
def coalition_rules(draw: st.DrawFn, n: int, pooled: bool = True) -> str:
    kinds = ["min", "membership", "max_opposed", "block", "min_share", "opposed_share"]
    kinds += ["pooled"] if pooled else []
    chosen = draw(st.sets(st.sampled_from(kinds), min_size=1, max_size=3))
    lines = []
    if "min" in chosen:
        lines.append(f"min_unions = {draw(st.integers(1, n))}")
    if "membership" in chosen:
        share = draw(st.sampled_from(["at least 1/2", "more than 1/2", "at least 2/3"]))
        base = draw(st.sampled_from(["all", "voting"]))
        lines.append(f'membership = "{share}"\nmembership_base = "{base}"')
    if "max_opposed" in chosen:
        lines.append(f"max_opposed = {draw(st.integers(0, n - 1))}")
    if "block" in chosen:
        per = draw(st.integers(1, 4))
        approve = draw(st.sampled_from(["more than 1/2", "at least 1/2", "at least 2/3"]))
        lines.append(f'block_votes = {{ members_per_vote = {per}, approve = "{approve}" }}')
    if "min_share" in chosen:
        share = draw(st.sampled_from(["more than 1/2", "at least 1/2", "at least 2/3"]))
        lines.append(f'min_unions_share = "{share}"')
    if "opposed_share" in chosen:
        cap = draw(st.sampled_from(["at most 1/3", "less than 1/2", "at most 1/2"]))
        lines.append(f'max_opposed_share = "{cap}"')
    if chosen & {"min_share", "opposed_share"}:
        lines.append(f'unions_base = "{draw(st.sampled_from(["all", "voting"]))}"')
    if "pooled" in chosen:
        lines.append(f'pooled = "{draw(st.sampled_from(RULE_NAMES))}"')
    return "\n".join(lines)


def regular_units(spec: UnionSpec) -> list[UnitSpec]:
    return [u for u in spec.units if u.subgroup_of is None]


@st.composite
def states_for(draw: st.DrawFn, units: Sequence[UnitSpec], budget: int) -> dict[str, State]:
    """A state per unit, with at most `budget` unknown ballots in all."""
    out = {}
    for unit in units:
        state = draw(unit_states(unit.eligible, budget))
        budget -= unknown_of(unit.eligible, state)
        out[unit.id] = state
    return out


def final_report(unit_id: str, eligible: int, ballots: tuple[int, int, int]) -> UnitReport:
    return UnitReport(unit_id, "q", Numbers(eligible, *ballots), 1, 1, 0, 1)


def entered_report(vote: Vote, unit_id: str, state: State, question: str = "q") -> UnitReport:
    """The report the store would build from count entries in this state."""
    unit = vote.unit_by_id[unit_id]
    key = SlotKey(question, unit_id)
    if state.kind == "unreported":
        return unit_report(unit, question, [])
    if state.kind == "conflict":
        heads = [
            Head("c1", CountValues(1, 0, final=True), "s1", "pc-1", "2024-01-01T10:00"),
            Head("c2", CountValues(0, 1, final=True), "s2", "pc-2", "2024-01-01T10:05"),
        ]
        return unit_report(unit, question, [slot_state(key, heads)])
    values = CountValues(
        state.yes, state.no, state.void, state.challenged, final=state.kind == "final"
    )
    head = Head(f"{question}-{unit_id}", values, "s1", "pc-1", "2024-01-01T10:00")
    return unit_report(unit, question, [slot_state(key, [head])])


def union_only(vote: Vote, union_id: str) -> Vote:
    """The vote cut down to one union (its standing depends on its own units only)."""
    union = vote.union_by_id[union_id]
    units = tuple(u for u in vote.units if u.union_id == union_id)
    return replace(
        vote,
        unions=(union,),
        units=units,
        coalition_rule=CoalitionRule(min_unions=1),
        agreements=(),
    )


@dataclass
class UnionEnding:
    """One way a union can end: its outcome, whether it cast any ballot, its ballots."""

    outcome: Outcome
    voted: bool
    ballots: tuple[int, int, int]
    reports: dict[tuple[str, str], UnitReport]


def union_endings(vote: Vote, spec: UnionSpec, states: Mapping[str, State]) -> list[UnionEnding]:
    """Every completion of the union's units, judged by the engine on the final numbers."""
    sub = union_only(vote, spec.id)
    units = regular_units(spec)
    out = []
    for combo in itertools.product(*(finals(u.eligible, states[u.id]) for u in units)):
        reports = {
            ("q", u.id): final_report(u.id, u.eligible, ballots)
            for u, ballots in zip(units, combo, strict=True)
        }
        standing = compute_standings(sub, reports).questions["q"].unions[spec.id]
        assert standing.decided, "a union with every count final and nothing challenged"
        totals = (sum(b[0] for b in combo), sum(b[1] for b in combo), sum(b[2] for b in combo))
        out.append(UnionEnding(standing.outcome, standing.voted, totals, reports))
    return out


def check(reported: Outcome, reachable: set[Outcome], exact: bool, what: str) -> None:
    assert reachable, what
    assert Outcome.PENDING not in reachable, f"{what}: a final result must be decided"
    if reported is not Outcome.PENDING:
        assert reachable == {reported}, f"{what} reported {reported} but can end {reachable}"
    elif exact:
        assert len(reachable) >= 2, f"{what} reported pending but can only end {reachable}"


@SLOW
@given(st.data())
def test_union_decided_is_exact(data: st.DataObject) -> None:
    spec = data.draw(union_specs("a", max_units=3))
    vote = parse_setup(vote_text([spec], "min_unions = 1"))
    states = data.draw(states_for(spec.units, budget=5))
    reports = {("q", u): entered_report(vote, u, s) for u, s in states.items()}
    union = compute_standings(vote, reports).questions["q"].unions["a"]
    endings = union_endings(vote, spec, states)
    event(f"union {union.outcome.value}")
    check(union.outcome, {e.outcome for e in endings}, exact=True, what="union")


@st.composite
def coalitions(
    draw: st.DrawFn, pooled: bool, budget: int
) -> tuple[list[UnionSpec], str, dict[str, State]]:
    n = draw(st.integers(2, 4))
    specs = [draw(union_specs(f"u{i}")) for i in range(n)]
    rule = draw(coalition_rules(n, pooled=pooled))
    units = [unit for spec in specs for unit in spec.units]
    return specs, rule, draw(states_for(units, budget))


def coalition_endings(
    vote: Vote, specs: Sequence[UnionSpec], states: Mapping[str, State], pooled: bool
) -> set[Outcome]:
    """The coalition's outcome in every completion, grouped by what the coalition reads of
    each union: its outcome, whether it voted and (for a pooled test) its ballots."""
    per_union = []
    for spec in specs:
        kinds: dict[tuple[object, ...], UnionEnding] = {}
        for e in union_endings(vote, spec, states):
            kinds.setdefault((e.outcome, e.voted, e.ballots if pooled else None), e)
        per_union.append(list(kinds.values()))
    seen: set[Outcome] = set()
    for combo in itertools.product(*per_union):
        reports: dict[tuple[str, str], UnitReport] = {}
        for e in combo:
            reports.update(e.reports)
        coalition = compute_standings(vote, reports).questions["q"].coalition
        assert coalition is not None
        seen.add(coalition.outcome)
    return seen


@SLOW
@given(coalitions(pooled=False, budget=6))
def test_coalition_decided_is_exact(case: tuple[list[UnionSpec], str, dict[str, State]]) -> None:
    specs, rule, states = case
    vote = parse_setup(vote_text(specs, rule))
    reports = {("q", u): entered_report(vote, u, s) for u, s in states.items()}
    qs = compute_standings(vote, reports).questions["q"]
    for spec in specs:
        reachable = {e.outcome for e in union_endings(vote, spec, states)}
        check(qs.unions[spec.id].outcome, reachable, exact=True, what=f"union {spec.id}")
    assert qs.coalition is not None
    reachable = coalition_endings(vote, specs, states, pooled=False)
    event(f"coalition {qs.coalition.outcome.value}")
    check(qs.coalition.outcome, reachable, exact=True, what="coalition")


@SLOW
@given(coalitions(pooled=True, budget=4))
def test_coalition_with_pooled_test_decided_is_sound(
    case: tuple[list[UnionSpec], str, dict[str, State]],
) -> None:
    specs, rule, states = case
    vote = parse_setup(vote_text(specs, rule))
    reports = {("q", u): entered_report(vote, u, s) for u, s in states.items()}
    coalition = compute_standings(vote, reports).questions["q"].coalition
    assert coalition is not None
    reachable = coalition_endings(vote, specs, states, pooled=True)
    event(f"coalition {coalition.outcome.value}, {len(reachable)} reachable")
    # the pooled test is judged apart from the unions' tests: sound, not necessarily exact
    exact = "pooled" not in rule
    check(coalition.outcome, reachable, exact=exact, what="coalition")


@st.composite
def veto_cases(draw: st.DrawFn) -> tuple[UnionSpec, dict[str, State], State, State]:
    """A union whose first unit a0 holds a sub-group a0s; a0's count includes a0s's ballots.

    Returns the spec, the states of the units other than a0 and a0s, and the states of the
    sub-group and of the rest of a0 (a0 reports their sum)."""
    sub_e = draw(st.integers(1, 2))
    rest_e = draw(st.integers(1, 2))
    advisory = draw(st.booleans())
    others = [UnitSpec("a1", draw(st.integers(1, 2)))] if draw(st.booleans()) else []
    units = (
        UnitSpec("a0", sub_e + rest_e),
        UnitSpec("a0s", sub_e, subgroup_of="a0", advisory=advisory),
        *others,
    )
    spec = UnionSpec(
        "a",
        draw(st.integers(1, 6)),
        draw(st.sampled_from(RULE_NAMES)),
        draw(decides(1 + len(others))),
        units,
    )
    # both parts of a0 report at the same time: both counted, or neither
    if draw(st.booleans()):
        sub = draw(unit_states(sub_e, 3, counted=True))
        rest = draw(unit_states(rest_e, 3, counted=True))
    else:
        sub, rest = State("unreported"), State("unreported")
    other_states = draw(states_for(others, 3))
    return spec, other_states, sub, rest


def combined(sub: State, rest: State) -> State:
    if sub.kind == "unreported":
        return State("unreported")
    kind = "final" if sub.kind == rest.kind == "final" else "provisional"
    return State(
        kind,
        sub.yes + rest.yes,
        sub.no + rest.no,
        sub.void + rest.void,
        sub.challenged + rest.challenged,
    )


@SLOW
@given(veto_cases())
def test_union_with_subgroup_decided_is_sound(
    case: tuple[UnionSpec, dict[str, State], State, State],
) -> None:
    spec, others, sub, rest = case
    vote = parse_setup(vote_text([spec], "min_unions = 1"))
    e = {u.id: u.eligible for u in spec.units}
    states = {**others, "a0": combined(sub, rest), "a0s": sub}
    reports = {("q", u): entered_report(vote, u, s) for u, s in states.items()}
    reported = compute_standings(vote, reports).questions["q"].unions["a"].outcome

    rest_e = e["a0"] - e["a0s"]
    seen = set()
    choices = [finals(e["a0s"], sub), finals(rest_e, rest)]
    choices += [finals(e[u], others[u]) for u in others]
    for s_end, r_end, *other_ends in itertools.product(*choices):
        a0 = (s_end[0] + r_end[0], s_end[1] + r_end[1], s_end[2] + r_end[2])
        final = {
            ("q", "a0"): final_report("a0", e["a0"], a0),
            ("q", "a0s"): final_report("a0s", e["a0s"], s_end),
        }
        for uid, ballots in zip(others, other_ends, strict=True):
            final["q", uid] = final_report(uid, e[uid], ballots)
        seen.add(compute_standings(vote, final).questions["q"].unions["a"].outcome)
    event(f"union {reported.value}")
    # A vetoing sub-group is judged apart from its parent: sound, not necessarily exact.
    # With an advisory one the union is exact too, when a0's count knows what we know: if one
    # part of a0 is final and the other not, a0's provisional count still expects ballots from
    # members of the final part who did not vote (sound, not exact).
    vetoing = not spec.units[1].advisory
    check(reported, seen, exact=not vetoing and sub.kind == rest.kind, what="union with sub-group")


# --- (d) order of arrival -----------------------------------------------------------------------

VALUES = [
    CountValues(3, 1),
    CountValues(3, 1, final=True),
    CountValues(2, 2, 1),
    CountValues(3, 1, 0, 1),
]


@st.composite
def heads(draw: st.DrawFn, prefix: str = "e") -> list[Head]:
    n = draw(st.integers(0, 4))
    return [
        Head(
            f"{prefix}{i}",
            draw(st.sampled_from(VALUES)),
            draw(st.sampled_from(["ann", "bob"])),
            draw(st.sampled_from(["pc-1", "pc-2"])),
            f"2024-01-01T10:0{draw(st.integers(0, 2))}",  # equal times happen
        )
        for i in range(n)
    ]


@FAST
@given(st.data())
def test_slot_state_ignores_head_order(data: st.DataObject) -> None:
    hs = data.draw(heads())
    shuffled = data.draw(st.permutations(hs))
    key = SlotKey("q", "u1")
    a, b = slot_state(key, hs), slot_state(key, shuffled)
    assert a == b
    # and the state is what the heads say, whatever their order
    distinct = {(h.values.yes, h.values.no, h.values.void, h.values.challenged) for h in hs}
    if not hs:
        assert a.values is None
    elif len(distinct) == 1:
        assert a.values is not None
        assert a.final == any(h.values.final for h in hs)
    else:
        assert a.values is None and not a.final


@st.composite
def votes_with_heads(
    draw: st.DrawFn,
) -> tuple[Vote, dict[tuple[str, str], list[tuple[SlotKey, list[Head]]]]]:
    n = draw(st.integers(1, 3))
    specs = [draw(union_specs(f"u{i}", max_eligible=9, parts=True)) for i in range(n)]
    vote = parse_setup(vote_text(specs, draw(coalition_rules(n))))
    slots: dict[tuple[str, str], list[tuple[SlotKey, list[Head]]]] = {}
    for unit in vote.units:
        parts = unit.parts or ("",)
        slots["q", unit.id] = [
            (SlotKey("q", unit.id, p), draw(heads(f"{unit.id}-{p}-"))) for p in parts
        ]
    return vote, slots


def build_reports(
    vote: Vote, slots: Mapping[tuple[str, str], list[tuple[SlotKey, list[Head]]]]
) -> dict[tuple[str, str], UnitReport]:
    out = {}
    for (q, uid), unit_slots in slots.items():
        states: list[SlotState] = [slot_state(key, hs) for key, hs in unit_slots]
        out[q, uid] = unit_report(vote.unit_by_id[uid], q, states)
    return out


@SLOW
@given(votes_with_heads(), st.randoms(use_true_random=False))
def test_standings_ignore_arrival_order(
    case: tuple[Vote, dict[tuple[str, str], list[tuple[SlotKey, list[Head]]]]],
    rnd: random.Random,
) -> None:
    vote, slots = case
    shuffled_keys = list(slots)
    rnd.shuffle(shuffled_keys)
    shuffled = {}
    for k in shuffled_keys:
        unit_slots = [(key, rnd.sample(hs, len(hs))) for key, hs in slots[k]]
        rnd.shuffle(unit_slots)
        shuffled[k] = unit_slots
    a = compute_standings(vote, build_reports(vote, slots))
    b = compute_standings(vote, build_reports(vote, shuffled))
    assert a == b
    qa, qb = a.questions["q"], b.questions["q"]
    assert qa.numbers == qb.numbers
    assert qa.outcome == qb.outcome
    for uid in qa.unions:
        assert qa.unions[uid].numbers == qb.unions[uid].numbers
        assert qa.unions[uid].outcome == qb.unions[uid].outcome


# --- (e) incremental update equals computing from scratch ---------------------------------------


@st.composite
def update_cases(draw: st.DrawFn) -> tuple[Vote, list[dict[tuple[str, str], State]]]:
    n = draw(st.integers(1, 3))
    specs = [draw(union_specs(f"u{i}", max_eligible=6)) for i in range(n)]
    if draw(st.booleans()):  # a sub-group in the first union's first unit
        first = specs[0]
        parent = first.units[0]
        sub = UnitSpec(f"{parent.id}s", 1, subgroup_of=parent.id, advisory=draw(st.booleans()))
        specs[0] = replace(first, units=(*first.units, sub))
    all_units = [u.id for s in specs for u in s.units]
    asked = draw(st.lists(st.sampled_from(all_units), min_size=1, unique=True))
    master = 'master = "q"\n' if draw(st.booleans()) else ""
    questions = (
        '[[questions]]\nid = "q"\ntext = "Ratify?"\n'
        '[[questions]]\nid = "local"\ntext = "Local side letter?"\nscope = "unit"\n'
        "units = [" + ", ".join(f'"{u}"' for u in asked) + "]\n"
        '[[questions]]\nid = "supp"\ntext = "Supplement for some locals?"\n'
        "units = [" + ", ".join(f'"{u}"' for u in asked) + "]\n"
        '[[agreements]]\nid = "deal"\nname = "Deal"\nparts = ["q", "local", "supp"]\n'
        f"{master}"
    )
    # min_unions must be reachable by the unions the supplement asks
    reached = len({spec.id for spec in specs for u in spec.units if u.id in asked})
    vote = parse_setup(vote_text(specs, draw(coalition_rules(reached)), questions))
    eligible = {u.id: u.eligible for u in vote.units}
    keys = [(q, u) for q in ("q", "local", "supp") for u in all_units]
    rounds = []
    for _ in range(draw(st.integers(2, 4))):
        changed = draw(st.lists(st.sampled_from(keys), max_size=4, unique=True))
        rounds.append({k: draw(unit_states(eligible[k[1]])) for k in changed})
    return vote, rounds


@SLOW
@given(update_cases())
def test_update_equals_compute_from_scratch(
    case: tuple[Vote, list[dict[tuple[str, str], State]]],
) -> None:
    vote, rounds = case
    reports: dict[tuple[str, str], UnitReport] = {}
    previous: Standings | None = None
    for changes in rounds:
        for (q, uid), state in changes.items():
            reports[q, uid] = entered_report(vote, uid, state, question=q)
        changed_units = {uid for _, uid in changes}
        updated = update_standings(vote, reports, previous, changed_units)
        assert updated == compute_standings(vote, reports)
        previous = updated
