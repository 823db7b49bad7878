"""Agreements: parts (questions) that must all pass, or a master part with supplements.

An agreement is approved when every part passes. Without a master part it is rejected as soon
as one part cannot pass; with one, it is rejected when the master part cannot pass, and NOT IN
EFFECT when the master part passes while a supplement does not.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from steward_app.domain.judgement import Judgement, Outcome
from steward_app.domain.language import _, ngettext, number
from steward_app.domain.standing_records import QuestionStandings
from steward_app.domain.vote import Agreement, Scope, Vote


@dataclass(frozen=True)
class AgreementStanding:
    agreement_id: str
    outcome: Outcome
    decided: bool
    reason: str


def _part_judgement(vote: Vote, q: QuestionStandings) -> tuple[Judgement, str]:
    """Whether one part of an agreement passes, and why it fails when it cannot pass."""
    if q.coalition is not None:
        c = q.coalition
        said = {
            Outcome.APPROVED: _("the coalition approved it: {reason}"),
            Outcome.REJECTED: _("the coalition rejected it: {reason}"),
        }.get(c.outcome, _("the coalition has not decided it: {reason}"))
        return c.judgement, said.format(reason=c.reason)
    if vote.has_coalition_result(q.question) or q.question.scope is Scope.UNIT:
        places = [(u.unit_id, u.result.judgement) for u in q.units.values()]
        abstaining = {u.id for u in vote.unions if q.question.id in u.abstains}
        places = [
            (i, j)
            for i, j in places
            if not vote.unit_by_id[i].is_subgroup and vote.unit_by_id[i].union_id not in abstaining
        ]
        by_unit = True
    else:  # no coalition rule: every union asked ratifies for itself
        places = [(i, u.judgement) for i, u in q.unions.items()]
        by_unit = False
    judgement = Judgement(
        can_approve=all(j.can_approve for _, j in places),
        can_reject=any(j.can_reject for _, j in places),
        approves_now=all(j.approves_now for _, j in places),
    )
    rejected = [i for i, j in places if j.outcome is Outcome.REJECTED]
    short = [i for i, j in places if not j.can_approve and j.outcome is not Outcome.REJECTED]
    why = []
    if rejected:
        text = _("unit {ids} rejected it") if by_unit else _("union {ids} rejected it")
        why.append(text.format(ids=", ".join(rejected)))
    if short:  # abstained, or pending with approval out of reach
        text = _("unit {ids} cannot approve it") if by_unit else _("union {ids} cannot approve it")
        why.append(text.format(ids=", ".join(short)))
    return judgement, "; ".join(why)


def judge_agreement(
    vote: Vote, agreement: Agreement, questions: Mapping[str, QuestionStandings]
) -> AgreementStanding:
    parts = {qid: _part_judgement(vote, questions[qid]) for qid in agreement.part_ids}
    failed = [qid for qid, (j, _) in parts.items() if not j.can_approve]
    waiting = [qid for qid, (j, _) in parts.items() if not j.decided]
    named = "; ".join(
        _("part {part} cannot pass: {why}").format(part=qid, why=parts[qid][1]) for qid in failed
    )
    approves_now = all(j.approves_now for j, _ in parts.values())
    master = agreement.master
    if master is None:
        judgement = Judgement(
            can_approve=all(j.can_approve for j, _ in parts.values()),
            can_reject=any(j.can_reject for j, _ in parts.values()),
            approves_now=approves_now,
        )
    else:
        head = parts[master][0]
        supplements = [j for qid, (j, _) in parts.items() if qid != master]
        judgement = Judgement(
            can_approve=head.can_approve and all(j.can_approve for j in supplements),
            can_reject=head.can_reject,
            approves_now=approves_now,
            others=(
                frozenset({Outcome.NOT_IN_EFFECT})
                if head.can_approve and any(j.can_reject for j in supplements)
                else frozenset()
            ),
        )
    outcome = judgement.outcome
    if outcome is Outcome.NOT_IN_EFFECT:
        reason = _(
            "not in effect: the master part {master} is approved, but the agreement takes "
            "effect only when every supplement passes; {named}"
        ).format(master=master, named=named)
    elif outcome is Outcome.REJECTED:
        reason = _("rejected: {named}; every part must pass").format(named=named)
        if master is not None:
            reason = _("rejected: {named}; the master part must pass").format(named=named)
    elif outcome is Outcome.APPROVED:
        reason = ngettext(
            "approved: the {count} part passed", "approved: all {count} parts passed", len(parts)
        ).format(count=number(len(parts)))
    else:
        reason = _("pending: waiting on {parts}; every part must pass").format(
            parts=", ".join(waiting)
        )
        if failed:
            reason += f"; {named}"
    return AgreementStanding(agreement.id, outcome, judgement.decided, reason)
