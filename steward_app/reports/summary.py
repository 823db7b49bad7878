"""The coalition summary: status banner, the rule test by test, the unions, the charts, what is
still missing (units not reported, open conflicts) and declared outcomes beside computed ones."""

from __future__ import annotations

from collections.abc import Sequence

from steward_app.domain.chart_data import coalition_bars
from steward_app.domain.coalition import CoalitionStanding
from steward_app.domain.declared import Declared, compare
from steward_app.domain.standings import QuestionStandings, Standings
from steward_app.domain.tally import Outcome
from steward_app.domain.vote import Vote
from steward_app.reports import cell_text as ct
from steward_app.reports.document import (
    CHART_LEGEND,
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
    blocks: list[Block] = [Heading("Coalition summary"), Paragraph(vote.coalition_name, bold=True)]
    several = len(st.questions) > 1
    for q in st.questions.values():
        blocks += _question(data, q, several)
    blocks.append(RunningTitle(""))
    if st.agreements:
        blocks.append(Heading("Agreements (every part must pass)", 2))
        blocks.append(
            Table(
                "Agreements",
                (Column("Agreement", 2), Column("Outcome", 1.2), Column("Why", 5)),
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
    blocks.append(Heading("Checked and certified", 2))
    blocks.append(
        Signatures(
            "I checked these figures against the tally sheets received and the entries "
            "in steward_app.",
            ("Prepared by", "Checked by"),
        )
    )
    official = coalition_official(st, data.declared)
    return Document("coalition", page_header(data, "Coalition summary", official), tuple(blocks))


def _question(data: ReportData, q: QuestionStandings, several: bool) -> list[Block]:
    vote = data.standings.vote
    out: list[Block] = []
    if several:
        out.append(Heading(f"Question {q.question.id}", 2))
        out.append(RunningTitle(f"Question {q.question.id}"))
    out.append(Paragraph(f"Question: {q.question.text}"))
    c = q.coalition
    if c is not None:
        out.append(_banner(c))
        out += _declared_note(data.standings, data.declared, q)
        out.append(Heading("The coalition rule, test by test", 3 if several else 2))
        out.append(_tests_table(c))
        out += _needs(c)
        bars = coalition_bars(vote, c, q)
        if bars:
            out.append(Chart("Coalition charts", tuple(ChartBar.of(b) for b in bars), CHART_LEGEND))
    else:
        out.append(
            Paragraph(
                "Each unit decides this question for itself under its own tally; there is "
                "no coalition result."
            )
        )
    out.append(Heading("Unions", 3 if several else 2))
    out.append(unions_table(vote, q))
    if c is not None:
        out += _pending_unions(vote, q)
    else:
        out.append(Heading("Units", 3 if several else 2))
        out.append(units_table(vote, q))
    out += missing_units(vote, q, several)
    return out


def _banner(c: CoalitionStanding) -> Banner:
    n = len(c.positions)
    counts = (
        f"{c.count(Outcome.APPROVED)} of {n} unions approved, {c.count(Outcome.REJECTED)} "
        f"rejected, {c.count(Outcome.PENDING)} pending."
    )
    if c.outcome is Outcome.PENDING:
        detail = (
            f"Not decided yet: {counts} On the counts so far the coalition is "
            f"{ct.leaning(c.approves_now)}."
        )
    elif c.outcome is Outcome.APPROVED:
        detail = f"Every test of the rule is met, whatever is still to come. {counts}"
    else:
        failed = "; ".join(t.description for t in c.tests if t.state == "failed")
        detail = f"Can no longer pass: {failed}. {counts}"
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
        who = f"{d.steward} on {d.pc}, {ct.moment(d.recorded_at)}"
        note = f" ({d.note})" if d.note else ""
        agrees = compare(st, d.question_id, None, d.outcome).agrees
        if agrees:
            text = (
                f"Declared by the coalition: {d.outcome.upper()}{note}; agrees with the "
                f"computed result. Entered by {who}."
            )
            out.append(Paragraph(text))
        elif agrees is None:  # e.g. imposed: it stands whatever the vote
            text = (
                f"Declared by the coalition: {d.outcome.upper()}{note}. The computed result, "
                f"for the record, is {computed.value.upper()}. Entered by {who}."
            )
            out.append(Paragraph(text, bold=True))
        else:
            text = (
                f"Declared by the coalition: {d.outcome.upper()}{note}. The computed result "
                f"is {computed.value.upper()}: they DIFFER; check before announcing. "
                f"Entered by {who}."
            )
            out.append(Paragraph(text, bold=True, boxed=True))
    return out


def _tests_table(c: CoalitionStanding) -> Table:
    state = {"met": "met (decided)", "failed": "failed (decided)", "open": "open"}
    rows = tuple(
        Row(
            (
                t.description,
                t.value_text,
                t.threshold_text,
                state[t.state],
                "passes" if t.passes_now else "fails",
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
        "Tests of the coalition rule",
        (
            Column("Test", 4.2),
            Column("So far (decided results)", 1.4, R),
            Column("Needed", 1.1, R),
            Column("State", 1.4),
            Column("As pending unions lean now", 1.5),
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
                "To ratify, these unions must all still approve: "
                + ", ".join(names[u] for u in c.needs.must_approve)
                + "."
            )
        )
    ways = c.needs.ways
    if ways and len(ways) <= 6 and any(set(w) != set(c.needs.must_approve) for w in ways):
        for way in ways:
            out.append(
                Paragraph("Ratifies if these approve: " + ", ".join(names[u] for u in sorted(way)))
            )
    if not c.judgement_can_approve:
        out.append(Paragraph("Ratification is out of reach whatever is still to come."))
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
        Heading("Unions not approved yet: where they stand and what is needed", 3),
        Table(
            f"Unions not approved yet ({q.question.id})",
            (Column("Union", 2.2), Column("Outcome", 1.1), Column("Where it stands", 6.5)),
            tuple(rows),
            ("union_id", "union", "outcome", "where_it_stands"),
        ),
    ]


def _overrides(data: ReportData) -> list[Block]:
    """The counts one steward replaced of another's (a correction or a resolution signed by
    another key than the count it replaced): always shown, with both keys."""
    return [
        Heading("Overrides: counts replaced by another steward", 2),
        Paragraph(
            "Each row is a count that a steward's key replaced although another key signed it "
            "(the setup's overrides setting allows it). Check each against the tally sheets."
        ),
        Table(
            "Overrides",
            (
                Column("Unit", 1.6),
                Column("Replaced by", 3),
                Column("Count of", 3),
                Column("Reason", 2.4),
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
