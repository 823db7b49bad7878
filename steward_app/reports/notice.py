"""The union notice for the hall's board: one union, unit by unit, in large type, with its
outcome and what is still needed, and where the coalition stands."""

from __future__ import annotations

from steward_app.domain.chart_data import union_bars
from steward_app.domain.coalition import CoalitionStanding
from steward_app.domain.language import _, ngettext, number
from steward_app.domain.standings import QuestionStandings, UnionStanding
from steward_app.domain.tally import Outcome
from steward_app.domain.vote import Union, Vote
from steward_app.domain.wording import declared_word, outcome_word, question_text
from steward_app.reports import cell_text as ct
from steward_app.reports.document import (
    OUTCOME_TONE,
    Align,
    Banner,
    Block,
    Chart,
    ChartBar,
    Column,
    Document,
    Heading,
    KeyValues,
    NotInVote,
    Paragraph,
    ReportData,
    Row,
    RunningTitle,
    Signatures,
    Table,
    Tone,
    chart_legend,
    page_header,
)
from steward_app.reports.official import union_official

NOTICE_TYPE_SIZE = 14.0  # points: readable from a few steps away
R = Align.RIGHT


def union_notice(data: ReportData, union_id: str) -> Document:
    """Raises NotInVote for a union id the vote does not have."""
    st = data.standings
    vote = st.vote
    union = vote.union_by_id.get(union_id)
    if union is None:
        known = ", ".join(u.id for u in vote.unions)
        raise NotInVote(
            _('there is no union "{union}" in this vote; unions: {known}').format(
                union=union_id, known=known
            )
        )
    questions = [q for q in st.questions.values() if union_id in q.unions]
    blocks: list[Block] = [Heading(union.name)]
    for q in questions:
        blocks += _question(data, union, q, several=len(questions) > 1)
    blocks.append(
        # TRANSLATORS: steward: the union's shop steward ("delegado/a sindical")
        Signatures(_("Posted on the board by:"), (_("Steward"),)),
    )
    official = union_official(st, data.declared, union_id)
    header = page_header(data, _("Notice: {union}").format(union=union.name), official)
    return Document("union", header, tuple(blocks), type_size=NOTICE_TYPE_SIZE)


def _question(data: ReportData, union: Union, q: QuestionStandings, several: bool) -> list[Block]:
    vote = data.standings.vote
    s = q.unions[union.id]
    out: list[Block] = []
    if several:
        out.append(Heading(_("Question {question}").format(question=q.question.id), 2))
        out.append(
            RunningTitle(
                _("{union}, question {question}").format(union=union.name, question=q.question.id)
            )
        )
    out.append(Paragraph(_("Question: {text}").format(text=question_text(q.question)), scale=0.85))
    out.append(
        Banner(
            ct.verdict(s.outcome, s.decided),
            _detail(s),
            OUTCOME_TONE.get(s.outcome, Tone.PENDING),
        )
    )
    out += _declared(data, q, union.id, s)
    out.append(_totals(vote, union, q, s))
    out.append(Heading(_("Unit by unit"), 2))
    out.append(_units(vote, union, q))
    if s.pooled is not None:
        out.append(
            Paragraph(
                _(
                    "{union} decides on the pooled ballots of all its units; a unit's own "
                    "result is shown for information."
                ).format(union=union.name),
                scale=0.8,
            )
        )
    bars = union_bars(vote, s, q)
    if bars:
        chart = Chart(_("Ballots so far"), tuple(ChartBar.of(b) for b in bars), chart_legend())
        out.append(chart)
    if q.coalition is not None:
        out.append(Heading(_("The coalition"), 2))
        out.append(Paragraph(_coalition_line(vote, q.coalition), scale=0.9))
    return out


def _detail(s: UnionStanding) -> str:
    reason = s.reason
    if s.outcome is Outcome.PENDING:
        lean = ct.leaning(s.judgement.approves_now)
        if not reason.startswith(outcome_word(Outcome.PENDING)):
            reason = f"{lean}; {reason}"
    return reason[:1].upper() + reason[1:] + "."


def _declared(
    data: ReportData, q: QuestionStandings, union_id: str, s: UnionStanding
) -> list[Block]:
    out: list[Block] = []
    for d in data.declared:
        if d.question_id != q.question.id or d.union_id != union_id:
            continue
        note = f" ({d.note})" if d.note else ""
        declared = declared_word(d.outcome).upper()
        if d.outcome == s.outcome:
            text = _("Declared by the union: {declared}{note}.")
            out.append(Paragraph(text.format(declared=declared, note=note), bold=True))
        else:
            text = _(
                "Declared by the union: {declared}{note}. The computed result is {computed}: "
                "they DIFFER."
            )
            computed = outcome_word(s.outcome).upper()
            out.append(
                Paragraph(
                    text.format(declared=declared, note=note, computed=computed),
                    bold=True,
                    boxed=True,
                )
            )
    return out


def _totals(vote: Vote, union: Union, q: QuestionStandings, s: UnionStanding) -> KeyValues:
    n = s.numbers
    rule = vote.tally_rule_for(q.question, union)
    pairs = [
        (_("Yes"), ct.count(n.yes)),
        (_("No"), ct.count(n.no)),
        (_("Void"), ct.count(n.void)),
    ]
    if n.challenged:
        # TRANSLATORS: challenged ballots: set aside until ruled on ("votos impugnados")
        challenged = _("{count} (not yet ruled on)").format(count=ct.count(n.challenged))
        pairs.append((_("Challenged"), challenged))
    pairs += [
        (_("Share yes"), _("{share} of valid votes").format(share=ct.share(n.yes_share(rule)))),
        (
            _("Turnout"),
            ngettext(
                "{share} of {eligible} eligible", "{share} of {eligible} eligible", n.eligible
            ).format(share=ct.share(n.turnout), eligible=ct.count(n.eligible)),
        ),
        (
            _("Units reported"),
            ngettext(
                "{reported} of {total} ({final} final)",
                "{reported} of {total} ({final} final)",
                s.units_final,
            ).format(
                reported=number(s.units_reported),
                total=number(s.units_total),
                final=number(s.units_final),
            ),
        ),
        (_("Rule"), union.rule.describe()),
    ]
    raw = (
        ("yes", str(n.yes)),
        ("no", str(n.no)),
        ("void", str(n.void)),
        ("challenged", str(n.challenged)),
        ("eligible", str(n.eligible)),
        ("yes_share_percent", ct.share_raw(n.yes_share(rule))),
        ("turnout_percent", ct.share_raw(n.turnout)),
        ("units_reported", str(s.units_reported)),
        ("units_total", str(s.units_total)),
        ("units_final", str(s.units_final)),
        ("rule", union.rule.describe()),
    )
    return KeyValues(tuple(pairs), f"{union.name} ({q.question.id})", raw)


def _units(vote: Vote, union: Union, q: QuestionStandings) -> Table:
    rows = []
    for uid in union.unit_ids + union.subgroup_ids:
        u = q.units.get(uid)
        if u is None:
            continue
        unit = vote.unit_by_id[uid]
        n = u.report.numbers
        name = unit.name
        if unit.subgroup_of:
            name += " " + (_("(sub-group, advisory)") if unit.advisory else _("(sub-group, veto)"))
        reported = u.report.reported
        rows.append(
            Row(
                (
                    name,
                    ct.count(n.yes) if reported else "–",
                    ct.count(n.no) if reported else "–",
                    ct.share(n.turnout) if reported else "–",
                    ct.status_cell(u.status),
                    ct.outcome_cell(u.outcome) if reported else "",
                ),
                (
                    uid,
                    unit.name,
                    str(n.eligible),
                    str(n.yes),
                    str(n.no),
                    str(n.void),
                    str(n.challenged),
                    ct.share_raw(n.turnout),
                    u.status.value,
                    u.outcome.value,
                    "yes" if u.decided else "no",
                ),
            )
        )
    return Table(
        _("{union}, unit by unit ({question})").format(union=union.name, question=q.question.id),
        (
            Column(_("Unit"), 4.6),
            Column(_("Yes"), 1.0, R),
            Column(_("No"), 1.0, R),
            Column(_("Turnout"), 1.1, R),
            Column(_("Count"), 1.3),
            Column(_("Result"), 1.4),
        ),
        tuple(rows),
        (
            "unit_id",
            "unit",
            "eligible",
            "yes",
            "no",
            "void",
            "challenged",
            "turnout_percent",
            "count",
            "outcome",
            "decided",
        ),
    )


def _coalition_line(vote: Vote, c: CoalitionStanding) -> str:
    n = len(c.positions)
    rule = "; ".join(t.description for t in c.tests)
    return ngettext(
        "{verdict}: {approved} of {n} union approved, {rejected} rejected, {pending} pending. "
        "To ratify: {rule}.",
        "{verdict}: {approved} of {n} unions approved, {rejected} rejected, {pending} pending. "
        "To ratify: {rule}.",
        n,
    ).format(
        verdict=ct.verdict(c.outcome, c.decided, coalition=True),
        approved=number(c.count(Outcome.APPROVED)),
        n=number(n),
        rejected=number(c.count(Outcome.REJECTED)),
        pending=number(c.count(Outcome.PENDING)),
        rule=rule,
    )
