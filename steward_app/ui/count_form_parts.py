"""The count form's small parts: the keys its fields let through to the window, the window's
wording of advice meant for the command line, and a draft of what was typed."""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QLineEdit

from steward_app.domain.checks import Problem
from steward_app.domain.counts import SlotKey
from steward_app.domain.language import number
from steward_app.services.counting import CurrentCount
from steward_app.ui.window_language import tr

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


def recorded_text(counts: list[CurrentCount]) -> str:
    """The counts recorded for a unit, in rich text: one per slot, or every side of a
    conflict (then what to do about it)."""
    translate = QCoreApplication.translate  # under the form's context, where it is shown

    lines = []
    by_slot: dict[SlotKey, list[CurrentCount]] = {}
    for c in counts:
        by_slot.setdefault(c.slot, []).append(c)
    for slot, heads in by_slot.items():
        where = f"{slot.part}: " if slot.part else ""
        differ = (
            len({(h.values.yes, h.values.no, h.values.void, h.values.challenged) for h in heads})
            > 1
        )
        if differ:
            conflict = translate(
                "CountForm",
                "{part}conflict, no total until resolved: Go › Conflicts… (Ctrl+Shift+C), "
                "or a correction with a reason:",
            ).format(part=where)
            lines.append(f"<b style='color:#D55E00'>⚠ {conflict}</b>")
        for h in heads:
            v = h.values
            state = (
                translate("CountForm", "final")
                if v.final
                else translate("CountForm", "provisional")
            )
            key = f" ({h.fingerprint})" if h.fingerprint else ""
            lines.append(
                ("" if differ else where)
                + translate(
                    "CountForm", "{yes} yes / {no} no / {void} void ({state}) by {steward} on {pc}"
                ).format(
                    yes=number(v.yes),
                    no=number(v.no),
                    void=number(v.void),
                    state=state,
                    steward=escape(h.steward),
                    pc=escape(h.pc),
                )
                + key
                + (
                    translate("CountForm", " <b>overrides</b> the count of {steward}").format(
                        steward=escape(h.replaced)
                    )
                    if h.replaced
                    else ""
                )
            )
        if len(heads) > 1 and not differ:
            lines.append(tr("✔ confirmed by %n steward(s)", None, len(heads)))
    return "<br>".join(lines)
