"""Colours and symbols: a colour-blind-safe palette (Okabe–Ito), never the only carrier of meaning.

Every status also has a word and a symbol; every bar has a text label.
"""

from __future__ import annotations

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


def status_text(outcome: Outcome, decided: bool) -> str:
    text = f"{SYMBOLS[outcome]} {outcome.value}"
    if outcome is not Outcome.PENDING and decided:
        text += ", decided"
    return text


def status_words(outcome: Outcome, decided: bool, provisional: int = 0, short: bool = False) -> str:
    """A status with what it rests on: a result on counts not final yet says so, and never
    "decided" (a provisional count can still change). `short` for the tree's column."""
    if not provisional:
        return status_text(outcome, decided)
    if outcome is not Outcome.PENDING and decided and not short:
        return f"{SYMBOLS[outcome]} {outcome.value} on provisional counts, not final"
    return f"{SYMBOLS[outcome]} {outcome.value} (provisional)"
