"""Numbers and outcomes as printed in report cells, and as plain values for the CSV."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from steward_app.domain.counts import ReportStatus
from steward_app.domain.language import _, date_time, ngettext, number
from steward_app.domain.tally import Outcome
from steward_app.domain.threshold import format_share
from steward_app.domain.wording import outcome_word, status_word

SYMBOL = {
    Outcome.APPROVED: "✔",
    Outcome.REJECTED: "✘",
    Outcome.PENDING: "…",
    Outcome.ABSTAINED: "–",
    Outcome.SPLIT: "◐",
    Outcome.NOT_IN_EFFECT: "◌",
}


def count(n: int) -> str:
    """A count as the current language writes it: 14,200 or 14.200."""
    return number(n)


def share(value: Fraction | None) -> str:
    return format_share(value)


def share_raw(value: Fraction | None) -> str:
    """A share as a percentage with two decimals for spreadsheets ("" when there is none)."""
    return "" if value is None else f"{float(value) * 100:.2f}"


def figure_raw(value: Fraction, *, percent: bool) -> str:
    """A test's figure for spreadsheets: a share as a percentage with two decimals (2/3 ->
    "66.67"), else the count ("6"; a fraction of a vote with two decimals)."""
    if percent:
        return share_raw(value)
    return str(value.numerator) if value.denominator == 1 else f"{float(value):.2f}"


def outcome_cell(outcome: Outcome) -> str:
    """ "✔ approved", "✘ rejected", "… pending": a symbol and a word, never colour alone."""
    return f"{SYMBOL[outcome]} {outcome_word(outcome)}"


def decided_cell(outcome: Outcome, decided: bool) -> str:
    return _("yes") if decided and outcome is not Outcome.PENDING else _("no")


def decided_raw(outcome: Outcome, decided: bool) -> str:
    """The CSV's value: "yes" or "no", in English whatever the language."""
    return "yes" if decided and outcome is not Outcome.PENDING else "no"


def x_of_y(x: int, y: int) -> str:
    """ "3 of 5" ("3 de 5")."""
    return _("{x} of {y}").format(x=number(x), y=number(y))


def verdict(outcome: Outcome, decided: bool, *, coalition: bool = False) -> str:
    """ "RATIFIED · DECIDED", "REJECTED · DECIDED", "PENDING · NOT DECIDED"."""
    if outcome is Outcome.PENDING or not decided:
        return _("PENDING · NOT DECIDED")
    if coalition and outcome is Outcome.APPROVED:
        return _("RATIFIED · DECIDED")
    return _("{OUTCOME} · DECIDED").format(OUTCOME=outcome_word(outcome).upper())


def leaning(approves_now: bool) -> str:
    return _("leaning approve") if approves_now else _("leaning reject")


def status_cell(status: ReportStatus) -> str:
    if status is ReportStatus.CONFLICT:
        return status_word(status).upper()
    return status_word(status)


def units_text(n: int) -> str:
    """ "1 unit", "2 units" ("1 unidad", "2 unidades")."""
    return ngettext("{count} unit", "{count} units", n).format(count=number(n))


def moment(stamp: str) -> str:
    """An entry's ISO time as "2011-06-20 20:00" (its own clock time, written as the current
    language writes dates: "20/06/2011 20:00"); unparsable: as given."""
    try:
        return date_time(dt.datetime.fromisoformat(stamp))
    except ValueError:
        return stamp
