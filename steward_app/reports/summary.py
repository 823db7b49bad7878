"""The coalition summary: status banner, the rule test by test, the unions, the charts, what is
still missing (units not reported, open conflicts) and declared outcomes beside computed ones."""

from __future__ import annotations

from collections.abc import Sequence

from steward_app.domain.chart_data import coalition_bars
from steward_app.domain.coalition import CoalitionStanding
from steward_app.domain.declared import Declared, compare
from steward_app.domain.language import _, ngettext, number, pgettext
from steward_app.domain.standings import QuestionStandings, Standings
from steward_app.domain.tally import Outcome
from steward_app.domain.vote import Vote
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
from steward_app.reports.official import coalition_official
from steward_app.reports.summary_tables import (
    declarations,
    missing_units,
    unions_table,
    units_table,
)

R = Align.RIGHT


def coalition_summary(data: ReportData) -> Document:
    """Every question of the vote: the coalition's standing, its unions and what is missing."""
    st = data.standings
    vote = st.vote
    blocks: list[Block] = [
        Heading(_("Coalition summary")),
        Paragraph(vote.coalition_name, bold=True),
    ]
    several = len(st.questions) > 1
    for q in st.questions.values():
        blocks += _question(data, q, several)
    blocks.append(RunningTitle(""))
    if st.agreements:
        blocks.append(Heading(_("Agreements (every part must pass)"), 2))
        blocks.append(
            Table(
                _("Agreements"),
                (Column(_("Agreement"), 2), Column(_("Outcome"), 1.2), Column(_("Why"), 5)),
                tuple(
                    Row((a.agreement_id, ct.verdict(a.outcome, a.decided), a.reason))
                    for a in st.agreements.values()
                ),
            )
        )
    if data.declared:
        blocks += declarations(st, data.declared)
    if data.overrides:
        blocks += _overrides(data)
    blocks.append(Heading(_("Checked and certified"), 2))
    blocks.append(
        Signatures(
            _(
                "I checked these figures against the tally sheets received and the entries "
                "in steward_app."
            ),
            (_("Prepared by"), _("Checked by")),
        )
    )
    official = coalition_official(st, data.declared)
    header = page_header(data, _("Coalition summary"), official)
    return Document("coalition", header, tuple(blocks))


def _question(data: ReportData, q: QuestionStandings, several: bool) -> list[Block]:
    vote = data.standings.vote
    out: list[Block] = []
    if several:
        out.append(Heading(_("Question {question}").format(question=q.question.id), 2))
        out.append(RunningTitle(_("Question {question}").format(question=q.question.id)))
    out.append(Paragraph(_("Question: {text}").format(text=question_text(q.question))))
    c = q.coalition
    if c is not None:
        out.append(_banner(c))
        out += _declared_note(data.standings, data.declared, q)
        out.append(Heading(_("The coalition rule, test by test"), 3 if several else 2))
        out.append(_tests_table(c))
        out += _needs(c)
        bars = coalition_bars(vote, c, q)
        if bars:
            out.append(
                Chart(_("Coalition charts"), tuple(ChartBar.of(b) for b in bars), chart_legend())
            )
    else:
        out.append(
            Paragraph(
                _(
                    "Each unit decides this question for itself under its own tally; there is "
                    "no coalition result."
                )
            )
        )
    out.append(Heading(_("Unions"), 3 if several else 2))
    out.append(unions_table(vote, q))
    if c is not None:
        out += _pending_unions(vote, q)
    else:
        out.append(Heading(_("Units"), 3 if several else 2))
        out.append(units_table(vote, q))
    out += missing_units(vote, q, several)
    return out


def _banner(c: CoalitionStanding) -> Banner:
    n = len(c.positions)
    counts = ngettext(
        "{approved} of {n} union approved, {rejected} rejected, {pending} pending.",
        "{approved} of {n} unions approved, {rejected} rejected, {pending} pending.",
        n,
    ).format(
        approved=number(c.count(Outcome.APPROVED)),
        n=number(n),
        rejected=number(c.count(Outcome.REJECTED)),
        pending=number(c.count(Outcome.PENDING)),
    )
    if c.outcome is Outcome.PENDING:
        if c.approves_now:
            detail = _(
                "Not decided yet: {counts} On the counts so far the coalition is leaning approve."
            )
        else:
            detail = _(
                "Not decided yet: {counts} On the counts so far the coalition is leaning reject."
            )
        detail = detail.format(counts=counts)
    elif c.outcome is Outcome.APPROVED:
        detail = _("Every test of the rule is met, whatever is still to come. {counts}").format(
            counts=counts
        )
    else:
        failed = "; ".join(t.description for t in c.tests if t.state == "failed")
        detail = _("Can no longer pass: {failed}. {counts}").format(failed=failed, counts=counts)
    return Banner(
        ct.verdict(c.outcome, c.decided, coalition=True),
        detail,
        OUTCOME_TONE.get(c.outcome, Tone.PENDING),
    )


def _declared_note(
    st: Standings, declared: Sequence[Declared], q: QuestionStandings
) -> list[Block]:
    out: list[Block] = []
    computed = q.outcome
    for d in declared:
        if d.question_id != q.question.id or d.union_id is not None or computed is None:
            continue
        who = _("{steward} on {pc}, {moment}").format(
            steward=d.steward, pc=d.pc, moment=ct.moment(d.recorded_at)
        )
        note = f" ({d.note})" if d.note else ""
        agrees = compare(st, d.question_id, None, d.outcome).agrees
        fields = {
            "declared": declared_word(d.outcome).upper(),
            "note": note,
            "computed": outcome_word(computed).upper(),
            "who": who,
        }
        if agrees:
            text = _(
                "Declared by the coalition: {declared}{note}; agrees with the computed result. "
                "Entered by {who}."
            )
            out.append(Paragraph(text.format(**fields)))
        elif agrees is None:  # e.g. imposed: it stands whatever the vote
            text = _(
                "Declared by the coalition: {declared}{note}. The computed result, for the "
                "record, is {computed}. Entered by {who}."
            )
            out.append(Paragraph(text.format(**fields), bold=True))
        else:
            text = _(
                "Declared by the coalition: {declared}{note}. The computed result is "
                "{computed}: they DIFFER; check before announcing. Entered by {who}."
            )
            out.append(Paragraph(text.format(**fields), bold=True, boxed=True))
    return out


def _tests_table(c: CoalitionStanding) -> Table:
    state = {
        "met": _("met (decided)"),
        "failed": _("failed (decided)"),
        "open": pgettext("test", "open"),
    }
    rows = tuple(
        Row(
            (
                t.description,
                t.value_text,
                t.threshold_text,
                state[t.state],
                _("passes") if t.passes_now else _("fails"),
            ),
            (
                t.kind.value,
                t.description,
                ct.figure_raw(t.value, percent=t.value_text.endswith("%")),
                ct.figure_raw(t.threshold, percent=t.value_text.endswith("%")),
                "percent" if t.value_text.endswith("%") else "count",
                t.state,
                "yes" if t.passes_now else "no",
            ),
        )
        for t in c.tests
    )
    return Table(
        _("Tests of the coalition rule"),
        (
            Column(_("Test"), 4.2),
            Column(_("So far (decided results)"), 1.4, R),
            Column(_("Needed"), 1.1, R),
            Column(_("State"), 1.4),
            Column(_("As pending unions lean now"), 1.5),
        ),
        rows,
        ("test", "description", "so_far", "needed", "figure", "state", "passes_as_they_lean"),
    )


def _needs(c: CoalitionStanding) -> list[Block]:
    if c.outcome is not Outcome.PENDING:
        return []
    names = {p.union_id: p.name for p in c.positions}
    out: list[Block] = []
    if c.needs.must_approve:
        out.append(
            Paragraph(
                _("To ratify, these unions must all still approve: {unions}.").format(
                    unions=", ".join(names[u] for u in c.needs.must_approve)
                )
            )
        )
    ways = c.needs.ways
    if ways and len(ways) <= 6 and any(set(w) != set(c.needs.must_approve) for w in ways):
        for way in ways:
            out.append(
                Paragraph(
                    _("Ratifies if these approve: {unions}").format(
                        unions=", ".join(names[u] for u in sorted(way))
                    )
                )
            )
    if not c.judgement_can_approve:
        out.append(Paragraph(_("Ratification is out of reach whatever is still to come.")))
    return out


def _pending_unions(vote: Vote, q: QuestionStandings) -> list[Block]:
    rows = []
    for union in vote.unions:
        s = q.unions.get(union.id)
        if s is None or (s.decided and s.outcome is Outcome.APPROVED):
            continue
        rows.append(
            Row(
                (union.name, ct.outcome_cell(s.outcome), s.reason),
                (union.id, union.name, s.outcome.value, s.reason),
            )
        )
    if not rows:
        return []
    return [
        Heading(_("Unions not approved yet: where they stand and what is needed"), 3),
        Table(
            _("Unions not approved yet ({question})").format(question=q.question.id),
            (Column(_("Union"), 2.2), Column(_("Outcome"), 1.1), Column(_("Where it stands"), 6.5)),
            tuple(rows),
            ("union_id", "union", "outcome", "where_it_stands"),
        ),
    ]


def _overrides(data: ReportData) -> list[Block]:
    """The counts one steward replaced of another's (a correction or a resolution signed by
    another key than the count it replaced): always shown, with both keys."""
    return [
        Heading(_("Overrides: counts replaced by another steward"), 2),
        Paragraph(
            _(
                "Each row is a count that a steward's key replaced although another key signed "
                "it (the setup's overrides setting allows it). Check each against the tally "
                "sheets."
            )
        ),
        Table(
            _("Overrides"),
            (
                Column(_("Unit"), 1.6),
                Column(_("Replaced by"), 3),
                Column(_("Count of"), 3),
                Column(_("Reason"), 2.4),
            ),
            tuple(
                Row(
                    (
                        o.slot.unit + (f"/{o.slot.part}" if o.slot.part else ""),
                        o.by,
                        "; ".join(o.replaced),
                        o.reason,
                    )
                )
                for o in data.overrides
            ),
        ),
    ]
