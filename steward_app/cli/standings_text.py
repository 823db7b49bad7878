"""Standings as text for a terminal: the verdict first, then the tests, unions and units."""

from __future__ import annotations

from collections.abc import Sequence

from steward_app.domain.counts import ReportStatus
from steward_app.domain.standings import QuestionStandings, Standings
from steward_app.domain.tally import Outcome
from steward_app.domain.threshold import format_share
from steward_app.services.counting import Declared

MARK = {Outcome.APPROVED: "+", Outcome.REJECTED: "x", Outcome.PENDING: "?"}


def _verdict(outcome: Outcome, decided: bool) -> str:
    word = outcome.value.upper()
    if outcome is not Outcome.PENDING and decided:
        return f"{word} (DECIDED)"
    return word


def render(standings: Standings, declared: Sequence[Declared]) -> str:
    vote = standings.vote
    lines = [f"{vote.title}", f"{vote.coalition_name} · {vote.mode.value.upper()}", ""]
    for q in standings.questions.values():
        lines += _question(standings, q)
    for a in standings.agreements.values():
        lines.append(f"Agreement {a.agreement_id}: {_verdict(a.outcome, a.decided)}: {a.reason}")
    for d in declared:
        scope = f"union {d.union_id}" if d.union_id else "coalition"
        computed = standings.questions[d.question_id].outcome
        differs = ""
        if computed is not None and d.union_id is None and computed.value != d.outcome:
            differs = f"  (computed: {computed.value})"
        lines.append(
            f"Declared by the {scope} on {d.question_id}: {d.outcome.upper()}{differs}"
            f" — {d.note or 'no note'} ({d.steward} on {d.pc}, {d.recorded_at})"
        )
    return "\n".join(lines).rstrip() + "\n"


def _question(standings: Standings, q: QuestionStandings) -> list[str]:
    vote = standings.vote
    lines = [f"Question {q.question.id}: {q.question.text}"]
    c = q.coalition
    if c is not None:
        lines.append(f"  COALITION: {_verdict(c.outcome, c.decided)}")
        lines.append(f"  {c.reason}")
        for t in c.tests:
            lines.append(
                f"    [{t.state:>6}] {t.description}: {t.value_text} so far, "
                f"needs {t.threshold_text}"
            )
        names = {u.id: u.name for u in vote.unions}
        if c.needs.ways and len(c.needs.ways) <= 6 and c.outcome is Outcome.PENDING:
            for way in c.needs.ways:
                lines.append(
                    "    ratifies if these approve: " + ", ".join(names[u] for u in sorted(way))
                )
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
        outcome = _verdict(s.outcome, s.decided)
        lines.append(
            f"  {MARK[s.outcome]:<2}{union.name[:39]:<40}{union.membership:>8,}{n.yes:>8,}"
            f"{n.no:>8,}{n.void:>6,}{format_share(n.turnout):>9}"
            f"{format_share(n.yes_share(rule)):>8}  {s.units_reported:>2}/{s.units_total:<2}  "
            f"{outcome}"
        )
        if not s.decided or s.outcome is not Outcome.APPROVED:
            lines.append(f"      {s.reason}")
    waiting = [u for u in q.units.values() if u.status is ReportStatus.NOT_REPORTED]
    conflicts = [u for u in q.units.values() if u.status is ReportStatus.CONFLICT]
    if conflicts:
        lines.append("")
        lines.append("  Conflicting counts to resolve: " + ", ".join(u.unit_id for u in conflicts))
    if waiting:
        lines.append("")
        lines.append(
            f"  Units not yet reported ({len(waiting)}): " + ", ".join(u.unit_id for u in waiting)
        )
    lines.append("")
    return lines
