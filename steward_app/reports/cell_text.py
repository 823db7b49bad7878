"""Numbers and outcomes as printed in report cells, and as plain values for the CSV."""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from steward_app.domain.counts import ReportStatus
from steward_app.domain.tally import Outcome
from steward_app.domain.threshold import format_share

SYMBOL = {
    Outcome.APPROVED: "✔",
    Outcome.REJECTED: "✘",
    Outcome.PENDING: "…",
    Outcome.ABSTAINED: "–",
    Outcome.SPLIT: "◐",
    Outcome.NOT_IN_EFFECT: "◌",
}


def count(n: int) -> str:
    return f"{n:,}"


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
    return f"{SYMBOL[outcome]} {outcome.value}"


def decided_cell(outcome: Outcome, decided: bool) -> str:
    return "yes" if decided and outcome is not Outcome.PENDING else "no"


def verdict(outcome: Outcome, decided: bool, *, coalition: bool = False) -> str:
    """ "RATIFIED · DECIDED", "REJECTED · DECIDED", "PENDING · NOT DECIDED"."""
    if outcome is Outcome.PENDING or not decided:
        return "PENDING · NOT DECIDED"
    word = "RATIFIED" if coalition and outcome is Outcome.APPROVED else outcome.value.upper()
    return f"{word} · DECIDED"


def leaning(approves_now: bool) -> str:
    return "leaning approve" if approves_now else "leaning reject"


def status_cell(status: ReportStatus) -> str:
    return {
        ReportStatus.NOT_REPORTED: "not reported",
        ReportStatus.PROVISIONAL: "provisional",
        ReportStatus.FINAL: "final",
        ReportStatus.CONFLICT: "CONFLICT",
    }[status]


def plural(n: int, word: str, words: str | None = None) -> str:
    return f"{n:,} {word if n == 1 else (words or word + 's')}"


def moment(stamp: str) -> str:
    """An entry's ISO time as "2011-06-20 20:00" (its own clock time); unparsable: as given."""
    try:
        return f"{dt.datetime.fromisoformat(stamp):%Y-%m-%d %H:%M}"
    except ValueError:
        return stamp
