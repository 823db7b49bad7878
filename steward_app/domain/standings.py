"""Standings of every unit, union and the coalition, per question, computed from unit reports.

Everything the window, the reports and the command line show comes from here. Units are
judged on their own numbers; a union pools its units' ballots or counts its approving units;
the coalition applies each test of its rule. Whether a result is decided is exact for a tally
and for rules built from unions' or units' results (they are monotone); where a pooled count
crosses levels (a vetoing sub-group, the coalition's pooled test) a result is declared decided
only when it surely is, never early.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction

from steward_app.domain.agreements import AgreementStanding as AgreementStanding  # noqa: PLC0414
from steward_app.domain.agreements import judge_agreement
from steward_app.domain.coalition import CoalitionStanding, UnionPosition, judge_coalition
from steward_app.domain.counts import ReportStatus, UnitReport, empty_report
from steward_app.domain.judgement import Judgement
from steward_app.domain.rules import UnitsRequired
from steward_app.domain.standing_records import QuestionStandings as QuestionStandings  # noqa: PLC0414
from steward_app.domain.standing_records import UnionStanding as UnionStanding  # noqa: PLC0414
from steward_app.domain.standing_records import UnitStanding as UnitStanding  # noqa: PLC0414
from steward_app.domain.tally import Numbers, Outcome, TallyResult, judge
from steward_app.domain.threshold import format_share
from steward_app.domain.union_reasons import union_reason
from steward_app.domain.vote import Question, Scope, Union, Vote
from steward_app.domain.wording import tally_reason


@dataclass(frozen=True)
class Standings:
    vote: Vote
    questions: Mapping[str, QuestionStandings]
    agreements: Mapping[str, AgreementStanding] = field(default_factory=dict)


ReportKey = tuple[str, str]  # (question id, unit id)


def compute_standings(vote: Vote, reports: Mapping[ReportKey, UnitReport]) -> Standings:
    """Standings from scratch. Reports missing from `reports` count as not reported."""
    return update_standings(vote, reports, previous=None, changed_units=None)


def update_standings(
    vote: Vote,
    reports: Mapping[ReportKey, UnitReport],
    previous: Standings | None,
    changed_units: Iterable[str] | None,
) -> Standings:
    """Recompute only what `changed_units` touch: those units, their unions, the coalition.

    With no previous standings (or `changed_units` None) everything is computed.
    """
    changed = None if previous is None or changed_units is None else set(changed_units)
    questions: dict[str, QuestionStandings] = {}
    for question in vote.questions:
        before = previous.questions.get(question.id) if previous else None
        questions[question.id] = _question_standings(vote, question, reports, before, changed)
    agreements = {a.id: judge_agreement(vote, a, questions) for a in vote.agreements}
    return Standings(vote, questions, agreements)


def _question_standings(
    vote: Vote,
    question: Question,
    reports: Mapping[ReportKey, UnitReport],
    before: QuestionStandings | None,
    changed: set[str] | None,
) -> QuestionStandings:
    units: dict[str, UnitStanding] = dict(before.units) if before and changed is not None else {}
    if before is not None and changed is not None:
        # the changed units this question asks (before.units holds every unit it asks)
        todo = [vote.unit_by_id[u] for u in sorted(changed) if u in before.units]
    else:
        todo = list(vote.units_asked(question))
    for unit in todo:
        report = reports.get((question.id, unit.id)) or empty_report(unit, question.id)
        union = vote.union_by_id[unit.union_id]
        rule = vote.tally_rule_for(question, union)
        result = judge(rule, report.numbers, report.unknown, _turnout_seen([report]))
        units[unit.id] = UnitStanding(
            unit.id, question.id, report, result, rule, tally_reason(result, rule, report.status)
        )
    touched_unions = None if changed is None else {vote.unit_by_id[u].union_id for u in changed}
    unions: dict[str, UnionStanding] = dict(before.unions) if before and changed is not None else {}
    for union in vote.unions:
        if before is not None and touched_unions is not None and union.id not in touched_unions:
            continue
        asked = [u for u in union.unit_ids if u in units]
        if not asked:
            continue
        unions[union.id] = _union_standing(vote, question, union, units)
    numbers = _question_total(vote, units, before, changed)
    coalition = None
    if vote.has_coalition_result(question):
        kept = before.coalition if before is not None else None
        coalition = _coalition(vote, question, units, unions, kept, touched_unions)
    return QuestionStandings(question, units, unions, coalition, numbers)


def _question_total(
    vote: Vote,
    units: Mapping[str, UnitStanding],
    before: QuestionStandings | None,
    changed: set[str] | None,
) -> Numbers:
    """Every regular unit's ballots pooled. After a change, the previous total with the changed
    units' old numbers taken out and their new ones added (exact: integers), instead of adding
    up 10,000 units again on every refresh."""
    if before is None or changed is None:
        return _sum(units[u].report.numbers for u in units if not vote.unit_by_id[u].is_subgroup)
    regular = [u for u in changed if not vote.unit_by_id[u].is_subgroup]
    gone = _sum(before.units[u].report.numbers for u in regular if u in before.units)
    came = _sum(units[u].report.numbers for u in regular if u in units)
    t = before.numbers
    return Numbers(
        t.eligible - gone.eligible + came.eligible,
        t.yes - gone.yes + came.yes,
        t.no - gone.no + came.no,
        t.void - gone.void + came.void,
        t.challenged - gone.challenged + came.challenged,
    )


def _sum(items: Iterable[Numbers]) -> Numbers:
    """Numbers added up as plain ints (a new Numbers per item made a question's total over
    10,000 units cost several ms on every refresh)."""
    eligible = yes = no = void = challenged = 0
    for n in items:
        eligible += n.eligible
        yes += n.yes
        no += n.no
        void += n.void
        challenged += n.challenged
    return Numbers(eligible, yes, no, void, challenged)


def _turnout_seen(reports: Iterable[UnitReport]) -> Fraction | None:
    """Turnout where counting is over: ballots over the eligible members of complete units.

    Units still counting (or reporting part by part) would make turnout look low, so they are
    left out; with no complete unit there is no estimate.
    """
    cast = eligible = 0
    for r in reports:
        if r.complete:
            cast += r.numbers.cast + r.numbers.challenged
            eligible += r.numbers.eligible
    return Fraction(cast, eligible) if eligible else None


def _union_standing(
    vote: Vote, question: Question, union: Union, units: Mapping[str, UnitStanding]
) -> UnionStanding:
    regular = [units[u] for u in union.unit_ids if u in units]
    reports = [s.report for s in regular]
    numbers = _sum(r.numbers for r in reports)
    rule = vote.tally_rule_for(question, union)
    pooled: TallyResult | None = None
    if question.scope is Scope.UNIT:
        # each unit decides alone; the union line only summarises
        judgement = _each_unit_its_own(regular)
    elif union.rule.pooled:
        unknown = sum(r.unknown for r in reports)
        pooled = judge(rule, numbers, unknown, _turnout_seen(reports))
        judgement = pooled.judgement
    else:
        judgement = _by_units(union, regular)
    vetoes = [
        units[s] for s in union.subgroup_ids if s in units and not vote.unit_by_id[s].advisory
    ]
    if vetoes and question.scope is Scope.COALITION:
        judgement = Judgement(
            can_approve=judgement.can_approve and all(v.result.can_approve for v in vetoes),
            can_reject=judgement.can_reject or any(v.result.can_reject for v in vetoes),
            approves_now=judgement.approves_now and all(v.result.approves_now for v in vetoes),
        )
    if question.scope is Scope.COALITION or abstains_by_setup(union, question):
        judgement = _with_abstention(union, question, judgement, numbers, reports)
    standing = UnionStanding(
        union_id=union.id,
        question_id=question.id,
        numbers=numbers,
        judgement=judgement,
        pooled=pooled,
        units_total=len(regular),
        units_reported=sum(1 for r in reports if r.reported),
        units_final=sum(1 for r in reports if r.complete),
        units_approved=sum(1 for s in regular if s.result.outcome is Outcome.APPROVED),
        units_rejected=sum(1 for s in regular if s.result.outcome is Outcome.REJECTED),
        conflicts=sum(r.conflicts for r in reports),
        reason="",
    )
    abstains = abstains_by_setup(union, question)
    reason = union_reason(vote, union, standing, vetoes, question, rule, regular, abstains)
    return replace(standing, reason=reason)


def _each_unit_its_own(regular: list[UnitStanding]) -> Judgement:
    """A union on a unit-scope question: approved when every unit approves its own, rejected
    when every unit rejects its own, split when some units approve and others reject."""
    approvers = [s.unit_id for s in regular if s.result.can_approve]
    rejecters = [s.unit_id for s in regular if s.result.can_reject]
    # a split needs one unit that can approve and another that can reject
    split = (
        bool(approvers) and bool(rejecters) and not (approvers == rejecters and len(approvers) == 1)
    )
    return Judgement(
        can_approve=len(approvers) == len(regular),
        can_reject=len(rejecters) == len(regular),
        approves_now=all(s.result.approves_now for s in regular),
        others=frozenset({Outcome.SPLIT}) if split else frozenset(),
    )


def abstains_by_setup(union: Union, question: Question) -> bool:
    return question.id in union.abstains


def _settled(numbers: Numbers, reports: list[UnitReport]) -> bool:
    """Nothing more can come: every count final and no challenged ballot left."""
    return all(r.complete for r in reports) and numbers.challenged == 0


def _with_abstention(
    union: Union,
    question: Question,
    judgement: Judgement,
    numbers: Numbers,
    reports: list[UnitReport],
) -> Judgement:
    """A union that casts no vote (by the setup, or with every count final and no ballot)
    abstained; one with no ballot yet may still end so."""
    if abstains_by_setup(union, question):
        return Judgement.final(Outcome.ABSTAINED)
    if numbers.cast > 0:
        return judgement
    if _settled(numbers, reports):
        return Judgement.final(Outcome.ABSTAINED)
    return replace(judgement, others=judgement.others | {Outcome.ABSTAINED})


def _by_units(union: Union, regular: list[UnitStanding]) -> Judgement:
    rule = union.rule
    approvable = [s for s in regular if s.result.can_approve]
    certain = [s for s in regular if not s.result.can_reject]  # will approve whatever comes
    now = [s for s in regular if s.result.approves_now]
    if rule.required is UnitsRequired.ALL:
        return Judgement(
            can_approve=len(approvable) == len(regular),
            can_reject=len(certain) < len(regular),
            approves_now=len(now) == len(regular),
        )
    if rule.required is UnitsRequired.AT_LEAST:
        k = rule.count
        return Judgement(len(approvable) >= k, len(certain) < k, len(now) >= k)
    assert rule.share is not None
    total = sum(s.report.numbers.eligible for s in regular)

    def weight(group: list[UnitStanding]) -> int:
        return sum(s.report.numbers.eligible for s in group)

    return Judgement(
        can_approve=rule.share.met(weight(approvable), total),
        can_reject=not rule.share.met(weight(certain), total),
        approves_now=rule.share.met(weight(now), total),
    )


def _coalition(
    vote: Vote,
    question: Question,
    units: Mapping[str, UnitStanding],
    unions: Mapping[str, UnionStanding],
    before: CoalitionStanding | None = None,
    touched_unions: set[str] | None = None,
) -> CoalitionStanding:
    """The coalition's standing; with `before` and `touched_unions`, the other unions'
    positions are taken from `before` as they were."""
    kept = (
        {p.union_id: p for p in before.positions}
        if before is not None and touched_unions is not None
        else {}
    )
    positions = []
    for union in vote.unions:
        standing = unions.get(union.id)
        if standing is None:
            continue
        position = kept.get(union.id)
        if position is None or union.id in (touched_unions or ()):
            position = _position(union, standing)
        positions.append(position)
    pooled_result = None
    rule = vote.coalition_rule
    if rule.pooled is not None:
        abstaining = {u.id for u in vote.unions if abstains_by_setup(u, question)}
        regular = [
            s.report
            for s in units.values()
            if not vote.unit_by_id[s.unit_id].is_subgroup
            and vote.unit_by_id[s.unit_id].union_id not in abstaining
        ]
        pooled_numbers = _sum(r.numbers for r in regular)
        pooled_result = judge(
            rule.pooled, pooled_numbers, sum(r.unknown for r in regular), _turnout_seen(regular)
        )
    return judge_coalition(rule, positions, vote.membership_asked(question), pooled_result)


def _position(union: Union, standing: UnionStanding) -> UnionPosition:
    if standing.outcome is Outcome.ABSTAINED:
        return UnionPosition(
            union.id, union.name, union.membership, False, False, False, abstained=True
        )
    # nothing more can come once every count is final and no challenged ballot is left
    settled = standing.complete and standing.numbers.challenged == 0
    return UnionPosition(
        union_id=union.id,
        name=union.name,
        membership=union.membership,
        can_approve=standing.judgement.can_approve,
        can_reject=standing.judgement.can_reject,
        approves_now=standing.judgement.approves_now,
        # a union with no ballot yet may end with none: it abstains
        can_abstain=not standing.voted and not settled,
        abstained=not standing.voted and settled,
    )


def awaited_units(vote: Vote, q: QuestionStandings) -> list[UnitStanding]:
    """The units whose count is still awaited: not reported, leaving out advisory sub-groups
    (their ballots are already in the parent's count) and the units of a union that casts no
    vote on this question by the setup."""
    abstaining = {u.id for u in vote.unions if abstains_by_setup(u, q.question)}
    out = []
    for u in q.units.values():
        unit = vote.unit_by_id[u.unit_id]
        if (
            u.status is ReportStatus.NOT_REPORTED
            and not unit.advisory
            and unit.union_id not in abstaining
        ):
            out.append(u)
    return out


def percent(value: Fraction | None) -> str:
    return format_share(value)
