"""Standings as text for a terminal: the verdict first, then the tests, unions and units.

Every line of a union, a unit or a sub-group carries its reason, approved ones too.
"""

from __future__ import annotations

from collections.abc import Sequence

from steward_app.domain.counts import ReportStatus
from steward_app.domain.declared import compare
from steward_app.domain.standings import (
    QuestionStandings,
    Standings,
    UnitStanding,
    awaited_units,
)
from steward_app.domain.tally import Outcome
from steward_app.domain.threshold import format_share
from steward_app.domain.vote import Scope
from steward_app.services.declarations import Declared

MARK = {
    Outcome.APPROVED: "+",
    Outcome.REJECTED: "x",
    Outcome.PENDING: "?",
    Outcome.ABSTAINED: "-",
    Outcome.SPLIT: "~",
    Outcome.NOT_IN_EFFECT: "!",
}


def _verdict(outcome: Outcome, decided: bool) -> str:
    word = outcome.value.upper()
    if outcome in (Outcome.PENDING, Outcome.ABSTAINED) or not decided:
        return word
    return f"{word} (DECIDED)"


def render(standings: Standings, declared: Sequence[Declared]) -> str:
    vote = standings.vote
    lines = [f"{vote.title}", f"{vote.coalition_name} · {vote.mode.value.upper()}", ""]
    if not vote.has_coalition_rule:
        lines += ["No coalition rule: each union (or unit) ratifies for itself.", ""]
    for q in standings.questions.values():
        lines += _question(standings, q)
    for a in standings.agreements.values():
        lines.append(f"Agreement {a.agreement_id}: {_verdict(a.outcome, a.decided)}: {a.reason}")
    for d in declared:
        lines.append(declared_line(standings, d))
    return "\n".join(lines).rstrip() + "\n"


def declared_line(standings: Standings, d: Declared) -> str:
    """One declaration beside the computed result, e.g. "... APPROVED (computed: rejected)"."""
    if d.agreement_id is not None:
        what = f"Declared for agreement {d.agreement_id}"
    else:
        scope = f"union {d.union_id}" if d.union_id else "coalition"
        what = f"Declared by the {scope} on {d.question_id}"
    comparison = compare(standings, d.question_id, d.union_id, d.outcome, d.agreement_id)
    differs = ""
    if comparison.computed is not None and not comparison.agrees:
        differs = f"  (computed: {comparison.computed.value})"
    return (
        f"{what}: {d.outcome.upper()}{differs}"
        f" — {d.note or 'no note'} ({d.steward} on {d.pc}, {d.recorded_at})"
    )


def _question(standings: Standings, q: QuestionStandings) -> list[str]:
    vote = standings.vote
    lines = [f"Question {q.question.id}: {q.question.text}"]
    c = q.coalition
    if c is not None:
        lines.append(f"  COALITION: {_verdict(c.outcome, c.decided)}")
        lines.append(f"  {c.reason}")
        for t in c.tests:
            lines.append(f"    [{t.state:>6}] {t.description}: {t.progress}")
        names = {u.id: u.name for u in vote.unions}
        if c.needs.ways and len(c.needs.ways) <= 6 and c.outcome is Outcome.PENDING:
            for way in c.needs.ways:
                lines.append(
                    "    ratifies if these approve: " + ", ".join(names[u] for u in sorted(way))
                )
    elif q.question.scope is Scope.UNIT:
        lines.append("  Each unit asked decides this for itself; there is no coalition result.")
    else:
        lines.append("  No coalition rule: each union's own result is its answer.")
    by_unit = q.question.scope is Scope.UNIT
    lines.append("")
    lines.append(
        f"  {'':2}{'union':<40}{'members':>8}{'yes':>8}{'no':>8}{'void':>6}"
        f"{'turnout':>9}{'share':>8}  {'units':>5}  outcome"
    )
    for union in vote.unions:
        s = q.unions.get(union.id)
        if s is None:
            continue
        n = s.numbers
        rule = vote.tally_rule_for(q.question, union)
        # on a unit-scope question each unit votes on its own agreement: no pooled share
        share = "by unit" if by_unit else format_share(n.yes_share(rule))
        lines.append(
            f"  {MARK[s.outcome]:<2}{union.name[:39]:<40}{union.membership:>8,}{n.yes:>8,}"
            f"{n.no:>8,}{n.void:>6,}{format_share(n.turnout):>9}"
            f"{share:>8}  {s.units_reported:>2}/{s.units_total:<2}  "
            f"{_verdict(s.outcome, s.decided)}"
        )
        lines.append(f"      {s.reason}")
        shown = union.unit_ids if by_unit else ()
        for uid in (*shown, *union.subgroup_ids):
            u = q.units.get(uid)
            if u is not None:
                lines += _unit_lines(standings, u)
    lines += _waiting(standings, q)
    lines.append("")
    return lines


def _unit_lines(standings: Standings, u: UnitStanding) -> list[str]:
    unit = standings.vote.unit_by_id[u.unit_id]
    n = u.report.numbers
    if unit.is_subgroup:
        kind = "advisory sub-group" if unit.advisory else "sub-group with a veto"
        label = f"{unit.name} ({kind})"
    else:
        label = unit.name
    verdict = _verdict(u.outcome, u.decided)
    if unit.advisory and u.status is ReportStatus.NOT_REPORTED:
        verdict = "NO COUNT OF ITS OWN"
    reason = u.reason
    if unit.advisory:
        reason = f"for information, no veto; {reason}"
    return [
        # the union table's columns, members and units left blank
        f"    {MARK[u.outcome]:<2}{label[:38]:<38}{'':>8}{n.yes:>8,}{n.no:>8,}{n.void:>6,}"
        f"{format_share(n.turnout):>9}{format_share(n.yes_share(u.rule)):>8}  {'':>5}  {verdict}",
        f"        {reason}",
    ]


def _waiting(standings: Standings, q: QuestionStandings) -> list[str]:
    """Units with no count yet, and conflicts. An advisory sub-group's ballots are already in
    its parent's count: it is not waited for."""
    waiting = [u.unit_id for u in awaited_units(standings.vote, q)]
    conflicts = [u.unit_id for u in q.units.values() if u.status is ReportStatus.CONFLICT]
    lines = []
    if conflicts:
        lines += ["", "  Conflicting counts to resolve: " + ", ".join(conflicts)]
    if waiting:
        lines += ["", f"  Units not yet reported ({len(waiting)}): " + ", ".join(waiting)]
    return lines
