"""A union's standing in words: why it stands where it does and what it still needs, in the
current language (domain/language.py). Cut from standings.py, which works the standings out."""

from __future__ import annotations

from collections.abc import Sequence

from steward_app.domain.coalition_tests import abstention_effect
from steward_app.domain.counts import ReportStatus
from steward_app.domain.language import _, ngettext, number
from steward_app.domain.rules import TallyRule, UnitsRequired
from steward_app.domain.standing_records import UnionStanding, UnitStanding
from steward_app.domain.tally import Outcome
from steward_app.domain.vote import Question, Scope, Union, Vote
from steward_app.domain.wording import outcome_word, tally_reason


def union_reason(
    vote: Vote,
    union: Union,
    s: UnionStanding,
    vetoes: Sequence[UnitStanding],
    question: Question,
    rule: TallyRule,
    regular: Sequence[UnitStanding],
    abstains: bool,
) -> str:
    """Why a union stands where it does, in words (`abstains`: it casts no vote on this
    question, as the setup says)."""
    n = s.numbers
    if question.scope is Scope.UNIT and not abstains:
        return each_unit_reason(s)
    if s.outcome is Outcome.ABSTAINED:
        why = (
            _("abstained: casts no vote on this question, as the setup says")
            if abstains
            else _("abstained: every count is final and no ballot was cast")
        )
        effect = abstention_effect(vote.coalition_rule) if vote.has_coalition_rule else ""
        return why + (f"; {effect}" if effect else "")
    if s.units_reported == 0 and s.conflicts == 0:
        units = ngettext("{count} unit", "{count} units", s.units_total).format(
            count=number(s.units_total)
        )
        return _("not reported: {units}, {eligible} eligible still to vote").format(
            units=units, eligible=number(n.eligible)
        )
    if s.pooled is not None:
        base = tally_reason(s.pooled, rule, pooled_status(s))
    else:
        base = ngettext(
            "{approved} of {total} unit approved, {rejected} rejected; {needed}",
            "{approved} of {total} units approved, {rejected} rejected; {needed}",
            s.units_total,
        ).format(
            approved=number(s.units_approved),
            total=number(s.units_total),
            rejected=number(s.units_rejected),
            needed=units_needed(union, regular),
        )
        if s.decided:
            verdict = _("{outcome} and decided").format(outcome=outcome_word(s.outcome))
        else:
            verdict = outcome_word(Outcome.PENDING)
        base = f"{verdict}: {base}"
    for v in vetoes:
        if v.result.can_reject and not v.result.can_approve:
            base += _("; the vetoing sub-group {unit} rejected").format(unit=v.unit_id)
    if s.conflicts:
        base += ngettext(
            "; {count} conflicting count to resolve",
            "; {count} conflicting counts to resolve",
            s.conflicts,
        ).format(count=number(s.conflicts))
    return base


def each_unit_reason(s: UnionStanding) -> str:
    """A union's line on a unit-scope question: how its units decided, each its own."""
    a, r, n = s.units_approved, s.units_rejected, s.units_total
    tally = ngettext(
        "{approved} of {total} unit approved its own, {rejected} rejected theirs",
        "{approved} of {total} units approved their own, {rejected} rejected theirs",
        n,
    ).format(approved=number(a), total=number(n), rejected=number(r))
    if s.outcome is Outcome.SPLIT:
        return _("split: {tally}; each unit's result is the answer for that unit").format(
            tally=tally
        )
    if s.outcome is Outcome.APPROVED:
        return _("approved: every unit approved its own ({tally})").format(tally=tally)
    if s.outcome is Outcome.REJECTED:
        return _("rejected: every unit rejected its own ({tally})").format(tally=tally)
    return _("pending: {tally}, {open} still open").format(tally=tally, open=number(n - a - r))


def units_needed(union: Union, regular: Sequence[UnitStanding]) -> str:
    """What a union deciding by units still needs, in words."""
    rule = union.rule
    approved = [s for s in regular if s.outcome is Outcome.APPROVED]
    if rule.required is UnitsRequired.ALL:
        return _("every unit must approve ({count})").format(count=number(len(regular)))
    if rule.required is UnitsRequired.AT_LEAST:
        more = max(0, rule.count - len(approved))
        text = ngettext(
            "needs {count} approving unit", "needs {count} approving units", rule.count
        ).format(count=number(rule.count))
        if more:
            text += _(", {more} more").format(more=number(more))
        return text
    assert rule.share is not None
    total = sum(s.report.numbers.eligible for s in regular)
    held = sum(s.report.numbers.eligible for s in approved)
    need = rule.share.min_part(total)
    text = ngettext(
        "approving units must hold {share} of {total} member ({need}); they hold {held}",
        "approving units must hold {share} of {total} members ({need}); they hold {held}",
        total,
    ).format(share=rule.share.describe(), total=number(total), need=number(need), held=number(held))
    if held < need:
        text += _(", {more} more needed").format(more=number(need - held))
    return text


def pooled_status(s: UnionStanding) -> ReportStatus:
    if s.conflicts:
        return ReportStatus.CONFLICT
    if s.units_reported == 0:
        return ReportStatus.NOT_REPORTED
    return ReportStatus.FINAL if s.complete else ReportStatus.PROVISIONAL
