"""The coalition summary's tables of unions and units, what is missing, and declarations."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

from steward_app.domain.counts import ReportStatus
from steward_app.domain.declared import Declared, compare
from steward_app.domain.language import _, ngettext, number, pgettext
from steward_app.domain.standings import QuestionStandings, Standings, awaited_units
from steward_app.domain.vote import Vote
from steward_app.domain.wording import declared_word, outcome_word
from steward_app.reports import cell_text as ct
from steward_app.reports.document import (
    Align,
    Block,
    Column,
    Heading,
    Paragraph,
    Row,
    Table,
)

R = Align.RIGHT


def union_columns() -> tuple[Column, ...]:
    """The union table's columns, in the current language."""
    return (
        Column(_("Union"), 3.6),
        Column(_("Members"), 1.1, R),
        Column(_("Yes"), 1.0, R),
        Column(_("No"), 1.0, R),
        Column(_("Void"), 0.8, R),
        Column(_("Turnout"), 1.0, R),
        Column(_("Share yes"), 1.0, R),
        Column(_("Outcome"), 1.0),
        Column(_("Decided"), 0.5),
        Column(_("Units reported"), 1.1, R),
    )


UNION_CSV = (
    "union_id",
    "union",
    "members",
    "yes",
    "no",
    "void",
    "challenged",
    "turnout_percent",
    "yes_share_percent",
    "outcome",
    "decided",
    "units_reported",
    "units_total",
    "conflicts",
)


def unions_table(vote: Vote, q: QuestionStandings) -> Table:
    rows: list[Row] = []
    for union in vote.unions:
        s = q.unions.get(union.id)
        if s is None:
            continue
        n = s.numbers
        rule = vote.tally_rule_for(q.question, union)
        conflicts = ngettext("{count} conflict", "{count} conflicts", s.conflicts).format(
            count=number(s.conflicts)
        )
        name = union.name + (f" ({conflicts})" if s.conflicts else "")
        rows.append(
            Row(
                (
                    name,
                    ct.count(union.membership),
                    ct.count(n.yes),
                    ct.count(n.no),
                    ct.count(n.void),
                    ct.share(n.turnout),
                    ct.share(n.yes_share(rule)),
                    ct.outcome_cell(s.outcome),
                    ct.decided_cell(s.outcome, s.decided),
                    ct.x_of_y(s.units_reported, s.units_total),
                ),
                (
                    union.id,
                    union.name,
                    str(union.membership),
                    str(n.yes),
                    str(n.no),
                    str(n.void),
                    str(n.challenged),
                    ct.share_raw(n.turnout),
                    ct.share_raw(n.yes_share(rule)),
                    s.outcome.value,
                    ct.decided_raw(s.outcome, s.decided),
                    str(s.units_reported),
                    str(s.units_total),
                    str(s.conflicts),
                ),
            )
        )
    t = q.numbers
    members = sum(u.membership for u in vote.unions if u.id in q.unions)
    reported = sum(s.units_reported for s in q.unions.values())
    total = sum(s.units_total for s in q.unions.values())
    pooled_share = Fraction(t.yes, t.valid) if t.valid else None
    rows.append(
        Row(
            (
                _("All unions"),
                ct.count(members),
                ct.count(t.yes),
                ct.count(t.no),
                ct.count(t.void),
                ct.share(t.turnout),
                ct.share(pooled_share),
                "",
                "",
                ct.x_of_y(reported, total),
            ),
            (
                "",
                "All unions",
                str(members),
                str(t.yes),
                str(t.no),
                str(t.void),
                str(t.challenged),
                ct.share_raw(t.turnout),
                ct.share_raw(pooled_share),
                "",
                "",
                str(reported),
                str(total),
                str(sum(s.conflicts for s in q.unions.values())),
            ),
            strong=True,
        )
    )
    # ten columns across a portrait page: a little smaller type so names wrap less
    title = _("Unions ({question})").format(question=q.question.id)
    return Table(title, union_columns(), tuple(rows), UNION_CSV, scale=0.92)


def units_table(vote: Vote, q: QuestionStandings) -> Table:
    rows = []
    for uid, u in q.units.items():
        unit = vote.unit_by_id[uid]
        n = u.report.numbers
        rows.append(
            Row(
                (
                    unit.name,
                    vote.union_by_id[unit.union_id].name,
                    ct.count(n.yes),
                    ct.count(n.no),
                    ct.status_cell(u.status),
                    ct.outcome_cell(u.outcome),
                ),
                (
                    uid,
                    unit.name,
                    unit.union_id,
                    str(n.yes),
                    str(n.no),
                    u.status.value,
                    u.outcome.value,
                ),
            )
        )
    return Table(
        _("Units ({question})").format(question=q.question.id),
        (
            Column(_("Unit"), 3),
            Column(_("Union"), 3),
            Column(_("Yes"), 1, R),
            Column(_("No"), 1, R),
            Column(_("Count"), 1.3),
            Column(_("Outcome"), 1.3),
        ),
        tuple(rows),
        ("unit_id", "unit", "union_id", "yes", "no", "count", "outcome"),
    )


def missing_units(vote: Vote, q: QuestionStandings, several: bool) -> list[Block]:
    level = 3 if several else 2
    waiting = awaited_units(vote, q)  # advisory sub-groups' ballots are in their parent's
    conflicts = [u for u in q.units.values() if u.status is ReportStatus.CONFLICT]
    out: list[Block] = [
        Heading(_("Units not yet reported ({count})").format(count=number(len(waiting))), level)
    ]

    def where(uid: str) -> tuple[str, str]:
        unit = vote.unit_by_id[uid]
        return unit.name, vote.union_by_id[unit.union_id].name

    out.append(
        Table(
            _("Units not yet reported ({question})").format(question=q.question.id),
            (
                Column(_("Unit id"), 2.2),
                Column(_("Unit"), 3),
                Column(_("Union"), 3),
                Column(_("Eligible"), 1, R),
            ),
            tuple(
                Row(
                    (u.unit_id, *where(u.unit_id), ct.count(u.report.numbers.eligible)),
                    (u.unit_id, *where(u.unit_id), str(u.report.numbers.eligible)),
                )
                for u in waiting
            ),
            ("unit_id", "unit", "union", "eligible"),
            empty_text=_("Every unit has reported."),
        )
    )
    out.append(Heading(_("Open conflicts ({count})").format(count=number(len(conflicts))), level))
    out.append(
        Table(
            _("Open conflicts ({question})").format(question=q.question.id),
            (
                Column(_("Unit id"), 2.2),
                Column(_("Unit"), 3),
                Column(_("Union"), 3),
                Column(_("Counts in conflict"), 1.2, R),
            ),
            tuple(
                Row(
                    (u.unit_id, *where(u.unit_id), str(u.report.conflicts)),
                    (u.unit_id, *where(u.unit_id), str(u.report.conflicts)),
                )
                for u in conflicts
            ),
            ("unit_id", "unit", "union", "counts_in_conflict"),
            empty_text=_(
                "No open conflicts. (Two stewards' counts that differ show here until "
                "one of them is corrected.)"
            ),
        )
    )
    if conflicts:
        out.append(
            Paragraph(
                _(
                    "Until a conflict is resolved its ballots count as not yet reported. "
                    "See each unit's history (steward-app history UNIT) and correct the count "
                    "that is wrong."
                ),
                scale=0.9,
            )
        )
    return out


def declarations(st: Standings, declared: Sequence[Declared]) -> list[Block]:
    vote = st.vote
    several = len(st.questions) > 1
    rows = []
    for d in declared:
        q = st.questions.get(d.question_id)
        if q is None:
            continue
        if d.union_id is None:
            by = _("the coalition")
            computed = q.outcome
        else:
            union = vote.union_by_id.get(d.union_id)
            by = union.name if union else d.union_id
            s = q.unions.get(d.union_id)
            computed = s.outcome if s else None
        if several:
            by += f" ({d.question_id})"
        comp = computed.value if computed else "–"
        # "ratified after review" agrees with approved; "imposed" has nothing to compare
        verdict = compare(st, d.question_id, d.union_id, d.outcome).agrees
        agrees = {True: "agrees", False: "DIFFERS", None: "–"}[verdict]
        shown = {
            True: pgettext("declared", "agrees"),
            False: pgettext("declared", "DIFFERS"),
            None: "–",
        }[verdict]
        rows.append(
            Row(
                (
                    by,
                    declared_word(d.outcome).upper(),
                    outcome_word(computed).upper() if computed else "–",
                    shown,
                    d.note,
                    f"{d.steward}, {d.pc}, {ct.moment(d.recorded_at)}",
                ),
                (
                    d.union_id or "",
                    by,
                    d.question_id,
                    d.outcome,
                    comp,
                    agrees.lower(),
                    d.note,
                    d.steward,
                    d.pc,
                    d.recorded_at,
                ),
                strong=agrees == "DIFFERS",
            )
        )
    return [
        Heading(_("Declared outcomes beside the computed ones"), 2),
        Table(
            _("Declared outcomes"),
            (
                Column(_("Declared by"), 2.0),
                Column(_("Declared"), 1.1),
                Column(_("Computed"), 1.1),
                Column("", 1.0),
                Column(_("Note"), 2.4),
                Column(_("Entered by"), 2.6),
            ),
            tuple(rows),
            (
                "union_id",
                "declared_by",
                "question",
                "declared",
                "computed",
                "agrees",
                "note",
                "steward",
                "pc",
                "recorded_at",
            ),
        ),
    ]
