"""The count form's small parts: the keys its fields let through to the window, the window's
wording of advice meant for the command line, and a draft of what was typed."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

from steward_app.domain.checks import Problem

WINDOW_KEYS = (QKeySequence("Ctrl+U"),)  # the window's, even in a field (Go › Next unreported)


class TypingUndo(QObject):
    """Ctrl+Z (Ctrl+Shift+Z) in a field undoes (redoes) its own typing while it has some;
    otherwise the key goes on to the window's Edit › Undo (Redo) of the last save. A line edit
    would otherwise take the key whenever it has the focus, even with nothing to undo. The
    window's own keys (Ctrl+U) always go on to the window."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ShortcutOverride or not isinstance(watched, QLineEdit):
            return False
        assert isinstance(event, QKeyEvent)
        pressed = QKeySequence(event.keyCombination())
        exact = QKeySequence.SequenceMatch.ExactMatch
        if any(pressed.matches(key) == exact for key in WINDOW_KEYS):
            return True
        if event.matches(QKeySequence.StandardKey.Undo):
            return not watched.isUndoAvailable()
        if event.matches(QKeySequence.StandardKey.Redo):
            return not watched.isRedoAvailable()
        return False


CLI_ADVICE = "(steward-app correct ... --reason TEXT)"
WINDOW_ADVICE: str = QT_TRANSLATE_NOOP(  # type: ignore[assignment]
    "count_form_parts", "(tick “Correction of the current count” below and give the reason)"
)


def window_words(problem: Problem) -> Problem:
    """A problem as the window says it: advice meant for the command line becomes the
    window's way of doing the same."""
    if CLI_ADVICE not in problem.message:
        return problem
    return Problem(
        problem.code,
        problem.severity,
        problem.field,
        problem.message.replace(
            CLI_ADVICE, QCoreApplication.translate("count_form_parts", WINDOW_ADVICE)
        ),
    )


@dataclass(frozen=True)
class Draft:
    """What was typed for a unit and not saved, kept when another unit is chosen."""

    part: int
    numbers: dict[str, str]
    final: bool
    correction: bool
    reason: str
