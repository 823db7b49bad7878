"""Colours and symbols: a colour-blind-safe palette (Okabe–Ito), never the only carrier of meaning.

Every status also has a word and a symbol; every bar has a text label.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from PySide6.QtCore import QCoreApplication

from steward_app.domain.counts import ReportStatus
from steward_app.domain.language import percent
from steward_app.domain.standings import QuestionStandings
from steward_app.domain.tally import Outcome

APPROVE = "#0072B2"  # blue
REJECT = "#D55E00"  # vermillion
PENDING = "#999999"  # grey
CONFLICT = "#E69F00"  # orange
THRESHOLD = "#000000"

OUTCOME_COLORS = {
    "approved": APPROVE,
    "rejected": REJECT,
    "pending": "#555555",
    "abstained": "#777777",
    "split": "#555555",
    "not in effect": REJECT,
    "conflict": CONFLICT,
    "not reported": "#777777",
}

# a focus ring that shows: a field, list or table with the keyboard focus gets a 2-pixel
# border in the palette's blue (the style's own ring is a faint 1-pixel line)
FOCUS_RING = (
    "QLineEdit:focus, QComboBox:focus, QListWidget:focus, QAbstractSpinBox:focus, "
    "QTableWidget:focus { border: 2px solid #0072B2; }"
)

SYMBOLS = {
    Outcome.APPROVED: "✔",
    Outcome.REJECTED: "✘",
    Outcome.PENDING: "…",
    Outcome.ABSTAINED: "–",
    Outcome.SPLIT: "◐",
    Outcome.NOT_IN_EFFECT: "◌",
}


def share_text(value: Fraction | None) -> str:
    """A share as a percentage in the window's language: 66.7% or 66,7 %."""
    return "–" if value is None else percent(float(value) * 100, 1)


def outcome_word(outcome: Outcome) -> str:
    """An outcome's word in the window's language."""
    words = {
        Outcome.APPROVED: QCoreApplication.translate("palette", "approved"),
        Outcome.REJECTED: QCoreApplication.translate("palette", "rejected"),
        Outcome.PENDING: QCoreApplication.translate("palette", "pending"),
        Outcome.ABSTAINED: QCoreApplication.translate("palette", "abstained"),
        Outcome.SPLIT: QCoreApplication.translate("palette", "split"),
        Outcome.NOT_IN_EFFECT: QCoreApplication.translate("palette", "not in effect"),
    }
    return words.get(outcome, outcome.value)


def status_text(outcome: Outcome, decided: bool) -> str:
    word = outcome_word(outcome)
    if outcome is not Outcome.PENDING and decided:
        return QCoreApplication.translate("palette", "{symbol} {outcome}, decided").format(
            symbol=SYMBOLS[outcome], outcome=word
        )
    return f"{SYMBOLS[outcome]} {word}"


def status_words(outcome: Outcome, decided: bool, provisional: int = 0, short: bool = False) -> str:
    """A status with what it rests on: a result on counts not final yet says so, and never
    "decided" (a provisional count can still change). `short` for the tree's column."""
    if not provisional:
        return status_text(outcome, decided)
    if outcome is not Outcome.PENDING and decided and not short:
        return QCoreApplication.translate(
            "palette", "{symbol} {outcome} on provisional counts, not final"
        ).format(symbol=SYMBOLS[outcome], outcome=outcome_word(outcome))
    return QCoreApplication.translate("palette", "{symbol} {outcome} (provisional)").format(
        symbol=SYMBOLS[outcome], outcome=outcome_word(outcome)
    )


@dataclass(frozen=True)
class UnitTally:
    """How a question's units stand, counted in one pass."""

    reported: int
    provisional: int
    conflicts: int
    missing: tuple[str, ...]  # unit ids not reported, in the vote's order


_last: list[tuple[QuestionStandings, UnitTally]] = []


def unit_tally(q: QuestionStandings) -> UnitTally:
    """Counted once per standings object: the tree's top line and the verdict both ask, on
    every save (10,000 units on the largest synthetic vote)."""
    if _last and _last[0][0] is q:
        return _last[0][1]
    reported = provisional = conflicts = 0
    missing: list[str] = []
    for u in q.units.values():
        status = u.status
        if status is ReportStatus.NOT_REPORTED:
            missing.append(u.unit_id)
            continue
        reported += 1
        if status is ReportStatus.PROVISIONAL:
            provisional += 1
        elif status is ReportStatus.CONFLICT:
            conflicts += 1
    tally = UnitTally(reported, provisional, conflicts, tuple(missing))
    _last[:] = [(q, tally)]
    return tally
