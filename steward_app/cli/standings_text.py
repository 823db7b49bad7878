"""Standings as text for a terminal: the verdict first, then the tests, unions and units.

Every line of a union, a unit or a sub-group carries its reason, approved ones too.
"""

from __future__ import annotations

from collections.abc import Sequence

from steward_app.domain.counts import ReportStatus
from steward_app.domain.declared import Declared, compare
from steward_app.domain.language import _, ngettext, number
from steward_app.domain.standings import (
    QuestionStandings,
    Standings,
    UnitStanding,
    awaited_units,
)
from steward_app.domain.tally import Outcome
from steward_app.domain.threshold import format_share
from steward_app.domain.vote import Scope
from steward_app.domain.wording import declared_word, outcome_word, question_text

MARK = {
    Outcome.APPROVED: "+",
    Outcome.REJECTED: "x",
    Outcome.PENDING: "?",
    Outcome.ABSTAINED: "-",
    Outcome.SPLIT: "~",
    Outcome.NOT_IN_EFFECT: "!",
}


def _verdict(outcome: Outcome, decided: bool) -> str:
    word = outcome_word(outcome).upper()
    if outcome in (Outcome.PENDING, Outcome.ABSTAINED) or not decided:
        return word
    return _("{OUTCOME} (DECIDED)").format(OUTCOME=word)


def _mode(vote_mode: str) -> str:
    # TRANSLATORS: the vote's mode, printed in capitals under its title
    return {"official": _("OFFICIAL"), "practice": _("PRACTICE")}.get(vote_mode, vote_mode)


def render(standings: Standings, declared: Sequence[Declared]) -> str:
    vote = standings.vote
    lines = [f"{vote.title}", f"{vote.coalition_name} · {_mode(vote.mode.value)}", ""]
    if not vote.has_coalition_rule:
        lines += [_("No coalition rule: each union (or unit) ratifies for itself."), ""]
    for q in standings.questions.values():
        lines += _question(standings, q)
    for a in standings.agreements.values():
        lines.append(
            _("Agreement {agreement}: {verdict}: {reason}").format(
                agreement=a.agreement_id, verdict=_verdict(a.outcome, a.decided), reason=a.reason
            )
        )
    for d in declared:
        lines.append(declared_line(standings, d))
    return "\n".join(lines).rstrip() + "\n"


def declared_line(standings: Standings, d: Declared) -> str:
    """One declaration beside the computed result, e.g. "... APPROVED (computed: rejected)"."""
    if d.agreement_id is not None:
        what = _("Declared for agreement {agreement}").format(agreement=d.agreement_id)
    elif d.union_id:
        what = _("Declared by the union {union} on {question}").format(
            union=d.union_id, question=d.question_id
        )
    else:
        what = _("Declared by the coalition on {question}").format(question=d.question_id)
    comparison = compare(standings, d.question_id, d.union_id, d.outcome, d.agreement_id)
    differs = ""
    if comparison.computed is not None and not comparison.agrees:
        differs = "  " + _("(computed: {outcome})").format(
            outcome=outcome_word(comparison.computed)
        )
    who = _("{steward} on {pc}, {moment}").format(steward=d.steward, pc=d.pc, moment=d.recorded_at)
    return f"{what}: {declared_word(d.outcome).upper()}{differs} — {d.note or _('no note')} ({who})"


def _question(standings: Standings, q: QuestionStandings) -> list[str]:
    vote = standings.vote
    lines = [
        _("Question {question}: {text}").format(
            question=q.question.id, text=question_text(q.question)
        )
    ]
    c = q.coalition
    if c is not None:
        lines.append(
            "  " + _("COALITION: {verdict}").format(verdict=_verdict(c.outcome, c.decided))
        )
        lines.append(f"  {c.reason}")
        width = max(len(t.state_text) for t in c.tests) if c.tests else 0
        for t in c.tests:
            lines.append(f"    [{t.state_text:>{max(width, 6)}}] {t.description}: {t.progress}")
        names = {u.id: u.name for u in vote.unions}
        if c.needs.ways and len(c.needs.ways) <= 6 and c.outcome is Outcome.PENDING:
            for way in c.needs.ways:
                lines.append(
                    "    "
                    + _("ratifies if these approve: {unions}").format(
                        unions=", ".join(names[u] for u in sorted(way))
                    )
                )
    elif q.question.scope is Scope.UNIT:
        lines.append(
            "  " + _("Each unit asked decides this for itself; there is no coalition result.")
        )
    else:
        lines.append("  " + _("No coalition rule: each union's own result is its answer."))
    by_unit = q.question.scope is Scope.UNIT
    lines.append("")
    heads, w = _columns()
    lines.append(
        f"  {'':2}{heads['union']:<40}{heads['members']:>{w['members']}}"
        f"{heads['yes']:>{w['yes']}}{heads['no']:>{w['no']}}{heads['void']:>{w['void']}}"
        f"{heads['turnout']:>{w['turnout']}}{heads['share']:>{w['share']}}  "
        f"{heads['units']:>{w['units']}}  {heads['outcome']}"
    )
    for union in vote.unions:
        s = q.unions.get(union.id)
        if s is None:
            continue
        n = s.numbers
        rule = vote.tally_rule_for(q.question, union)
        # on a unit-scope question each unit votes on its own agreement: no pooled share
        share = _("by unit") if by_unit else format_share(n.yes_share(rule))
        lines.append(
            f"  {MARK[s.outcome]:<2}{union.name[:39]:<40}{number(union.membership):>{w['members']}}"
            f"{number(n.yes):>{w['yes']}}{number(n.no):>{w['no']}}{number(n.void):>{w['void']}}"
            f"{format_share(n.turnout):>{w['turnout']}}{share:>{w['share']}}  "
            f"{'':>{w['units'] - 5}}{s.units_reported:>2}/{s.units_total:<2}  "
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


# the narrowest each column of the table is (English fits them); a longer heading widens it
WIDTHS = {"members": 8, "yes": 8, "no": 8, "void": 6, "turnout": 9, "share": 8, "units": 5}


def _columns() -> tuple[dict[str, str], dict[str, int]]:
    """The table's column heads in the current language, and each column's width."""
    # TRANSLATORS: column heads of the standings table in a terminal; short words keep the
    # table narrow (a longer one widens its column)
    heads = {
        "union": _("union"),
        "members": _("members"),
        "yes": _("yes"),
        "no": _("no"),
        "void": _("void"),
        "turnout": _("turnout"),
        "share": _("share"),
        "units": _("units"),
        "outcome": _("outcome"),
    }
    widths = {k: max(v, len(heads[k]) + (0 if k == "units" else 1)) for k, v in WIDTHS.items()}
    return heads, widths


def _unit_lines(standings: Standings, u: UnitStanding) -> list[str]:
    unit = standings.vote.unit_by_id[u.unit_id]
    n = u.report.numbers
    _heads, w = _columns()
    if unit.is_subgroup:
        kind = _("advisory sub-group") if unit.advisory else _("sub-group with a veto")
        label = f"{unit.name} ({kind})"
    else:
        label = unit.name
    verdict = _verdict(u.outcome, u.decided)
    if unit.advisory and u.status is ReportStatus.NOT_REPORTED:
        verdict = _("NO COUNT OF ITS OWN")
    reason = u.reason
    if unit.advisory:
        reason = _("for information, no veto; {reason}").format(reason=reason)
    return [
        # the union table's columns, members and units left blank
        f"    {MARK[u.outcome]:<2}{label[:38]:<38}{'':>{w['members']}}{number(n.yes):>{w['yes']}}"
        f"{number(n.no):>{w['no']}}{number(n.void):>{w['void']}}"
        f"{format_share(n.turnout):>{w['turnout']}}"
        f"{format_share(n.yes_share(u.rule)):>{w['share']}}  {'':>{w['units']}}  {verdict}",
        f"        {reason}",
    ]


def _waiting(standings: Standings, q: QuestionStandings) -> list[str]:
    """Units with no count yet, and conflicts. An advisory sub-group's ballots are already in
    its parent's count: it is not waited for."""
    waiting = [u.unit_id for u in awaited_units(standings.vote, q)]
    conflicts = [u.unit_id for u in q.units.values() if u.status is ReportStatus.CONFLICT]
    lines = []
    if conflicts:
        lines += [
            "",
            "  " + _("Conflicting counts to resolve: {units}").format(units=", ".join(conflicts)),
        ]
    if waiting:
        lines += [
            "",
            "  "
            + ngettext(
                "Units not yet reported ({count}): {units}",
                "Units not yet reported ({count}): {units}",
                len(waiting),
            ).format(count=number(len(waiting)), units=", ".join(waiting)),
        ]
    return lines
