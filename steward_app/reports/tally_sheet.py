"""Tally sheets: a blank form per unit (one per part for a unit counted by part) that the
tellers fill in by hand at the count and sign; printed before counting."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from steward_app.domain.counts import WHOLE_UNIT
from steward_app.domain.language import _, ngettext, number, pgettext
from steward_app.domain.vote import Mode, Question, Unit, Vote
from steward_app.domain.wording import question_text
from steward_app.reports import cell_text as ct
from steward_app.reports.document import (
    Block,
    Document,
    FillIn,
    FillInField,
    Heading,
    KeyValues,
    NotInVote,
    PageBreak,
    Paragraph,
    ReportData,
    RunningTitle,
    Signatures,
    page_header,
)

SHEET_TYPE_SIZE = 11.0


def tellers() -> tuple[str, ...]:
    """The signature lines of a tally sheet, in the current language."""
    # TRANSLATORS: tellers: the members who count the ballots ("escrutadores")
    return (_("Teller 1"), _("Teller 2"), _("Teller 3 or observer"))


@dataclass(frozen=True)
class Sheet:
    """One form: a unit, or one part of it, and the questions its members answer."""

    unit: Unit
    part: str
    questions: tuple[Question, ...]


def sheets_for(vote: Vote, unit_ids: Sequence[str] | None) -> list[Sheet]:
    """The forms for these units in the order given (none named: every unit, in setup order).

    Raises NotInVote naming every unknown unit id.
    """
    wanted = list(dict.fromkeys(unit_ids or ()))
    unknown = [u for u in wanted if u not in vote.unit_by_id]
    if unknown:
        names = ", ".join(f'"{u}"' for u in unknown)
        raise NotInVote(
            ngettext(
                "there is no unit {names} in this vote; `steward-app units` lists the unit ids",
                "there are no units {names} in this vote; `steward-app units` lists the unit ids",
                len(unknown),
            ).format(names=names)
        )
    chosen = wanted or _setup_order(vote)
    out = []
    for uid in chosen:
        unit = vote.unit_by_id[uid]
        questions = tuple(q for q in vote.questions if unit in vote.units_asked(q))
        for part in unit.parts or (WHOLE_UNIT,):
            out.append(Sheet(unit, part, questions))
    return out


def _setup_order(vote: Vote) -> list[str]:
    """Unions in setup order, each unit followed by its sub-groups."""
    children: dict[str, list[str]] = {}
    for u in vote.units:
        if u.subgroup_of is not None:
            children.setdefault(u.subgroup_of, []).append(u.id)
    out: list[str] = []
    for union in vote.unions:
        for uid in union.unit_ids:
            out.append(uid)
            out += children.get(uid, [])
    seen = set(out)
    return out + [u.id for u in vote.units if u.id not in seen]


def tally_sheets(data: ReportData, unit_ids: Sequence[str] | None = None) -> Document:
    vote = data.standings.vote
    sheets = sheets_for(vote, unit_ids)
    blocks: list[Block] = []
    for n, sheet in enumerate(sheets, start=1):
        if n > 1:
            blocks.append(PageBreak())
        blocks += _sheet(vote, sheet, n, len(sheets))
    header = page_header(data, _("Tally sheet"), official=vote.mode is Mode.OFFICIAL)
    return Document("tally-sheets", header, tuple(blocks), type_size=SHEET_TYPE_SIZE)


def _sheet(vote: Vote, sheet: Sheet, n: int, total: int) -> list[Block]:
    unit = sheet.unit
    union = vote.union_by_id[unit.union_id]
    pairs = [(_("Union"), union.name), (_("Unit id"), unit.id)]
    if sheet.part:
        pairs.append((_("Part (site or session)"), sheet.part))
    pairs += [
        (
            _("Eligible in the setup"),
            _("{count} (whole unit)").format(count=ct.count(unit.eligible)),
        ),
        (
            _("Sheet"),
            _("{n} of {total}; fill it in by hand at the count, in ink").format(
                n=number(n), total=number(total)
            ),
        ),
    ]
    if unit.subgroup_of:
        if unit.advisory:
            sub = _("{unit} (advisory); counted on its own")
        else:
            sub = _("{unit} (with a veto); counted on its own")
        pairs.append((_("Sub-group of"), sub.format(unit=unit.subgroup_of)))
    title = _("Tally sheet: {unit}").format(unit=unit.name) + (
        f" — {sheet.part}" if sheet.part else ""
    )
    blocks: list[Block] = [
        Heading(title),
        RunningTitle(f"{title} ({unit.id})"),
        KeyValues(tuple(pairs)),
        FillIn(
            "",
            (
                FillInField(_("Eligible members on the voting list"), _("as the list shows")),
                FillInField(_("Count started at"), _("time")),
            ),
        ),
    ]
    for q in sheet.questions:
        text = question_text(q)
        if len(sheet.questions) > 1:
            label = _("Question {question}: {text}").format(question=q.id, text=text)
        else:
            label = text
        blocks.append(
            FillIn(
                label,
                (
                    FillInField(_("YES ballots")),
                    FillInField(_("NO ballots")),
                    FillInField(_("VOID ballots"), _("spoilt or blank")),
                    FillInField(_("CHALLENGED ballots"), _("set aside, not yet ruled on")),
                    FillInField(_("Total ballots"), _("yes + no + void + challenged")),
                ),
            )
        )
    blocks.append(
        FillIn(
            "",
            (
                FillInField(_("Count finished at"), _("time")),
                FillInField(
                    _("This count is"),
                    "",
                    (pgettext("count", "provisional"), pgettext("count", "final")),
                ),
            ),
        )
    )
    blocks.append(
        Signatures(
            _("We, the tellers, certify that the numbers above are the ballots we counted."),
            tellers(),
        )
    )
    part = f" --part {sheet.part}" if sheet.part else ""
    question = " --question Q" if len(vote.questions) > 1 else ""
    blocks.append(
        Paragraph(
            _("For the steward entering it: {command}").format(
                command=f"steward-app count {unit.id}{part}{question} "
                "--yes N --no N --void N --challenged N [--final]"
            ),
            scale=0.75,
        )
    )
    return blocks
