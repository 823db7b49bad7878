"""Checks on a count before it is recorded, all reported at once, each with a stable code.

Errors refuse the entry; warnings need an explicit confirmation. Codes never change meaning:
scripts and the window rely on them. The list is documented in docs/checks.md.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from steward_app.domain.bounds import MAX_BALLOTS
from steward_app.domain.counts import WHOLE_UNIT, CountValues, SlotKey
from steward_app.domain.language import _, number, pgettext
from steward_app.domain.threshold import format_share
from steward_app.domain.vote import Vote

VOID_SHARE_WARNING = Fraction(3, 100)
NUMBER_FIELDS = ("yes", "no", "void", "challenged", "eligible")


class Severity(enum.Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    code: str
    severity: Severity
    field: str  # the field to fix: yes, no, void, challenged, eligible, unit, part, question
    message: str  # what is wrong and what to do

    def __str__(self) -> str:
        severity = _("error") if self.severity is Severity.ERROR else _("warning")
        return f"{severity} {self.code} ({self.field}): {self.message}"


def field_word(field: str) -> str:
    """A count's field as people call it in the current language (the code stays "yes")."""
    # TRANSLATORS: the fields of a count, as named in a check's message
    words = {
        "yes": pgettext("field", "yes"),
        "no": pgettext("field", "no"),
        "void": pgettext("field", "void"),
        "challenged": pgettext("field", "challenged"),
        "eligible": pgettext("field", "eligible"),
    }
    return words.get(field, field)


def _error(code: str, field: str, message: str) -> Problem:
    return Problem(code, Severity.ERROR, field, message)


def _warning(code: str, field: str, message: str) -> Problem:
    return Problem(code, Severity.WARNING, field, message)


def parse_numbers(raw: Mapping[str, object]) -> tuple[dict[str, int], list[Problem]]:
    """Turn typed-in fields into whole numbers; yes and no are required, the rest default.

    Accepts ints and text of digits (with spaces or thousands separators "1,234").
    """
    numbers: dict[str, int] = {}
    problems: list[Problem] = []
    for field in NUMBER_FIELDS:
        value = raw.get(field)
        # the common case without a call, as _read_number reads it: plain digits (a CSV cell, a
        # typed field) or a whole number of at least 0 (an import checks 100,000 rows)
        if type(value) is str and value.isdecimal() and value.isascii() and len(value) < 12:
            numbers[field] = int(value)
        elif type(value) is int and 0 <= value <= MAX_BALLOTS:
            numbers[field] = value
        else:
            _read_number(field, value, numbers, problems)
    within_bounds(numbers, problems)
    return numbers, problems


def within_bounds(numbers: dict[str, int], problems: list[Problem]) -> None:
    """The last step of parse_numbers: a number above its bound (domain.bounds) moves from
    `numbers` to `problems`, and so do more ballots than the count's eligible members."""
    if max(numbers.values(), default=0) > MAX_BALLOTS:
        for field in [f for f, v in numbers.items() if v > MAX_BALLOTS]:
            problems.append(_too_large(field, numbers.pop(field)))
    problems += number_errors(numbers)


def _too_large(field: str, value: int | str) -> Problem:
    if isinstance(value, int):
        shown = number(value)
    else:
        shown = _("a number of {count} digits").format(count=number(len(value)))
    return _error(
        "E_TOO_LARGE",
        field,
        _(
            "{field} is {value}, more than {most}, the most one count may hold; check "
            "the number on the tally sheet"
        ).format(field=field_word(field), value=shown, most=number(MAX_BALLOTS)),
    )


def number_errors(numbers: Mapping[str, int]) -> list[Problem]:
    """The errors among whole numbers within the bounds: more ballots than the eligible
    members the same count gives."""
    eligible = numbers.get("eligible")
    if eligible is None:
        return []
    ballots = sum(numbers.get(f, 0) for f in ("yes", "no", "void", "challenged"))
    if ballots <= eligible:
        return []
    return [
        _error(
            "E_OVER_ELIGIBLE",
            "eligible",
            _(
                "{ballots} ballots (yes, no, void and challenged) but {eligible} eligible on "
                "this count; check both figures on the tally sheet, or leave eligible out"
            ).format(ballots=number(ballots), eligible=number(eligible)),
        )
    ]


def _read_number(
    field: str, value: object, numbers: dict[str, int], problems: list[Problem]
) -> None:
    """One field of parse_numbers, any value: its whole number into `numbers`, or what is
    wrong with it into `problems` (nothing for an empty optional field)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        if field in ("yes", "no"):
            problems.append(
                _error(
                    "E_MISSING",
                    field,
                    _(
                        "{field} is empty; type the number of {field} ballots (0 if there were "
                        "none)"
                    ).format(field=field_word(field)),
                )
            )
        return
    if isinstance(value, str) and len(value) > 40:  # int() of it is slow, or refused
        text = value.strip().replace(",", "").replace(" ", "").replace("_", "")
        digits = text.lstrip("+-")
        if digits.isdecimal() and digits.isascii():
            if text.startswith("-"):
                problems.append(
                    _error(
                        "E_NEGATIVE",
                        field,
                        _("{field} is below zero").format(field=field_word(field)),
                    )
                )
            else:
                problems.append(_too_large(field, digits))
            return
    parsed = _whole_number(value)
    if parsed is None:
        problems.append(
            _error(
                "E_NOT_WHOLE_NUMBER",
                field,
                _("{field} is {value}, not a whole number; type digits only, e.g. 412").format(
                    field=field_word(field), value=repr(value)
                ),
            )
        )
    elif parsed < 0:
        problems.append(
            _error(
                "E_NEGATIVE",
                field,
                _("{field} is {value}; a count cannot be negative").format(
                    field=field_word(field), value=parsed
                ),
            )
        )
    else:
        numbers[field] = parsed


def _whole_number(value: object) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        text = value.strip().replace(",", "").replace(" ", "").replace("_", "")
        sign = -1 if text.startswith("-") else 1
        digits = text.lstrip("+-")
        if digits.isdigit() and digits.isascii():
            return sign * int(digits)
    return None


def check_key(vote: Vote, key: SlotKey) -> list[Problem]:
    """Errors in where a count goes: the question, the unit, the part."""
    problems: list[Problem] = []
    question = vote.question_by_id.get(key.question)
    if question is None:
        ids = ", ".join(q.id for q in vote.questions)
        problems.append(
            _error(
                "E_UNKNOWN_QUESTION",
                "question",
                _('there is no question "{question}"; the questions are: {ids}').format(
                    question=key.question, ids=ids
                ),
            )
        )
    unit = vote.unit_by_id.get(key.unit)
    if unit is None:
        problems.append(
            _error(
                "E_UNKNOWN_UNIT",
                "unit",
                _(
                    'there is no unit "{unit}" in this vote; use a unit id from '
                    "the setup (steward-app units lists them)"
                ).format(unit=key.unit),
            )
        )
        return problems
    asked = question.unit_ids if question is not None else ()  # empty: every unit is asked
    if asked and unit.id not in asked:
        problems.append(
            _error(
                "E_QUESTION_NOT_ASKED",
                "question",
                _('unit "{unit}" does not vote on question "{question}"').format(
                    unit=unit.id, question=key.question
                ),
            )
        )
    if unit.parts and key.part == WHOLE_UNIT:
        problems.append(
            _error(
                "E_PART_REQUIRED",
                "part",
                _('unit "{unit}" reports by part; give one of: {parts}').format(
                    unit=unit.id, parts=", ".join(unit.parts)
                ),
            )
        )
    elif key.part != WHOLE_UNIT and key.part not in unit.parts:
        where = (
            _("its parts are: {parts}").format(parts=", ".join(unit.parts))
            if unit.parts
            else _("it reports as a whole; leave the part out")
        )
        problems.append(
            _error(
                "E_UNKNOWN_PART",
                "part",
                _(
                    'unit "{unit}" has no part "{part}"; {where}. Ask the '
                    "coordinator to add a part to the setup if one is missing"
                ).format(unit=unit.id, part=key.part, where=where),
            )
        )
    return problems


@dataclass(frozen=True)
class CountContext:
    """What the checks need to know of the counts already recorded."""

    other_parts_cast: int = 0  # ballots in the unit's other slots on this question
    other_parts_challenged: int = 0
    identical_units: Sequence[str] = ()  # other units with exactly these yes/no/void


def check_values(vote: Vote, key: SlotKey, values: CountValues, ctx: CountContext) -> list[Problem]:
    """Warnings on plausible-looking but suspicious numbers (call after check_key passes)."""
    problems: list[Problem] = []
    unit = vote.unit_by_id[key.unit]
    cast = values.cast
    in_hand = cast + values.challenged + ctx.other_parts_cast + ctx.other_parts_challenged
    if in_hand > unit.eligible:
        problems.append(
            _warning(
                "W_TURNOUT_OVER_100",
                "yes",
                _(
                    "the unit would have {ballots} ballots for {eligible} eligible members "
                    "({turnout} turnout); check the numbers against the tally sheet, and confirm "
                    "only if the eligible figure is out of date"
                ).format(
                    ballots=number(in_hand),
                    eligible=number(unit.eligible),
                    turnout=format_share(Fraction(in_hand, unit.eligible)),
                ),
            )
        )
    if values.eligible is not None and key.part == WHOLE_UNIT and values.eligible != unit.eligible:
        problems.append(
            _warning(
                "W_ELIGIBLE_DIFFERS",
                "eligible",
                _(
                    "this count says {count} eligible, the setup says {setup}; standings use "
                    "the setup's figure. Confirm to record it; ask the coordinator to correct "
                    "the setup if the count's figure is right"
                ).format(count=number(values.eligible), setup=number(unit.eligible)),
            )
        )
    if cast > 0 and values.void * VOID_SHARE_WARNING.denominator > (
        VOID_SHARE_WARNING.numerator * cast
    ):
        problems.append(
            _warning(
                "W_VOID_SHARE_HIGH",
                "void",
                _(
                    "{void} void of {cast} ballots ({share}) is more than {most}; check the "
                    "void pile and the tally sheet"
                ).format(
                    void=number(values.void),
                    cast=number(cast),
                    share=format_share(Fraction(values.void, cast)),
                    most=format_share(VOID_SHARE_WARNING, 0),
                ),
            )
        )
    if cast == 0 and values.challenged == 0:
        problems.append(
            _warning(
                "W_ALL_ZERO",
                "yes",
                _(
                    "every number is zero; confirm only if nobody voted here (a count not yet "
                    "made should not be entered)"
                ),
            )
        )
    if ctx.identical_units and cast > 0:
        others = ", ".join(ctx.identical_units[:5])
        problems.append(
            _warning(
                "W_SAME_AS_OTHER_UNIT",
                "yes",
                _(
                    "the same yes/no/void as {others}; check that this is not the other unit's "
                    "sheet"
                ).format(others=others),
            )
        )
    return problems


def errors(problems: Sequence[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def warnings(problems: Sequence[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.WARNING]
