"""Edit › Undo and Redo (Ctrl+Z, Ctrl+Shift+Z) of the counts saved in this window.

The stack holds this window session's own saves (a count, a correction, a blind second entry,
a resolution) and lives as long as the window: it is not kept in the database or between
runs. An undo records a retraction entry and a redo a fresh entry (services.undo), on the
database lane like a save; the views refresh as after a save. A new save empties the redo
stack. When a field of the count form has typing of its own to undo, Ctrl+Z undoes that
typing instead (ui.count_form).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Slot
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from steward_app.domain.checks import parse_numbers
from steward_app.domain.counts import SlotKey
from steward_app.domain.language import number
from steward_app.domain.standings import Standings
from steward_app.services.authors import Author
from steward_app.services.changes import Changes
from steward_app.services.counting import Recorded
from steward_app.services.errors import Refused
from steward_app.ui.count_form import SaveRequest

if TYPE_CHECKING:
    from steward_app.ui.window_context import WindowContext


@dataclass(frozen=True)
class Step:
    """One save that Ctrl+Z can take back: the entry, who saved it, and it in words."""

    entry_id: str
    author: Author
    slot: SlotKey
    text: str  # "correction of Local 391 (afscme-np4-391): 1,340 yes / 500 no"


def step_text(request: SaveRequest, recorded: Recorded, unit_name: str) -> str:
    """A save in words, naming the unit and the numbers, for the menu and the status bar."""
    numbers, _ = parse_numbers(request.numbers)
    translate = QCoreApplication.translate
    what = translate("undo_actions", "count")
    if request.second_steward:
        what = translate("undo_actions", "second entry by {steward}").format(
            steward=request.second_steward
        )
    elif request.correct:
        what = (
            translate("undo_actions", "resolution")
            if recorded.note.startswith("resolves")
            else translate("undo_actions", "correction")
        )
    part = f", {request.slot.part}" if request.slot.part else ""
    return translate(
        "undo_actions", "{what} of {unit} ({unit_id}{part}): {yes} yes / {no} no"
    ).format(
        what=what,
        unit=unit_name,
        unit_id=request.slot.unit,
        part=part,
        yes=number(numbers.get("yes", 0)),
        no=number(numbers.get("no", 0)),
    )


class UndoActions(QObject):
    """The window's undo and redo stacks and their two actions."""

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context)
        self.context = context
        self.done: list[Step] = []
        self.undone: list[Step] = []
        self.redone: dict[str, str] = {}  # undone entry -> the entry that redid it
        self.working = False
        self.vote_id: str | None = None
        self.undo_action = self._action(QKeySequence.StandardKey.Undo, self.undo)
        self.redo_action = self._action(QKeySequence.StandardKey.Redo, self.redo)
        self._update()
        context.standings_changed.connect(self._on_standings_changed)

    @Slot(object, object, object)
    def _on_standings_changed(self, standings: Standings | None, *_: object) -> None:
        """Another vote (or none) in the window: its saves are not this vote's to undo."""
        vote_id = None if standings is None else standings.vote.id
        if vote_id != self.vote_id:
            self.vote_id = vote_id
            self.done.clear()
            self.undone.clear()
            self._update()

    def _action(self, keys: QKeySequence.StandardKey, slot: Callable[[], None]) -> QAction:
        action = QAction(self.context.window)
        action.setShortcuts(keys)  # every binding of the platform (Ctrl+Shift+Z and Ctrl+Y)
        action.triggered.connect(slot)
        return action

    def fill_edit_menu(self, menu: QMenu) -> None:
        menu.addAction(self.undo_action)
        menu.addAction(self.redo_action)

    def _update(self) -> None:
        for action, verb, stack in (
            (self.undo_action, self.tr("&Undo"), self.done),
            (self.redo_action, self.tr("&Redo"), self.undone),
        ):
            action.setText(f"{verb} {stack[-1].text}" if stack else verb)
            action.setEnabled(bool(stack) and not self.working)

    def saved(self, request: SaveRequest, recorded: Recorded, author: Author) -> None:
        """A save went through: it can be undone, and what was undone before can no longer
        be redone."""
        if recorded.entry_id is None:
            return  # already recorded: nothing new to take back
        unit_name = request.slot.unit
        if self.context.standings is not None:
            unit = self.context.standings.vote.unit_by_id.get(request.slot.unit)
            unit_name = unit.name if unit is not None else unit_name
        self.add(recorded, author, request.slot, step_text(request, recorded, unit_name))

    def add(self, recorded: Recorded, author: Author, slot: SlotKey, text: str) -> None:
        """A change made here (a save, a resolution in the conflicts view) Ctrl+Z takes back."""
        if recorded.entry_id is None:
            return
        self.done.append(Step(recorded.entry_id, author, slot, text))
        self.undone.clear()
        self._update()

    @Slot()
    def undo(self) -> None:
        if self.done and not self.working:
            self._run(self.done[-1], redo=False)

    @Slot()
    def redo(self) -> None:
        if self.undone and not self.working:
            self._run(self.undone[-1], redo=True)

    def _run(self, step: Step, redo: bool) -> None:
        context = self.context
        redone = dict(self.redone)

        def work() -> tuple[Recorded, Standings]:
            from steward_app.services.undo import redo_entry, undo_entry  # first used here

            session = context.open_session()
            if redo:
                result = redo_entry(session.store, step.author, step.entry_id, redone=redone)
            else:
                result = undo_entry(session.store, step.author, step.entry_id)
            return result, session.cache.refresh(result.changes)

        def done(result: tuple[Recorded, Standings]) -> None:
            recorded, standings = result
            self.working = False
            _discard(self.undone if redo else self.done, step)
            if redo:
                assert recorded.entry_id is not None
                self.redone[step.entry_id] = recorded.entry_id
                self.done.append(Step(recorded.entry_id, step.author, step.slot, step.text))
            else:
                self.undone.append(step)
            self._update()
            # the step's unit's counts changed: the window shows them again if the form has it
            context.change(
                standings, recorded.changes | Changes(units=frozenset({step.slot.unit})), self
            )
            said = self.tr("Redone: {step}") if redo else self.tr("Undone: {step}")
            context.say(said.format(step=step.text), 8000)
            context.saved_here.emit(
                self.tr("last redo") if redo else self.tr("last undo")
            )  # the database changed

        def failed(error: BaseException) -> None:
            self.working = False
            if isinstance(error, Refused):  # replaced since: it can no longer be taken back
                _discard(self.undone if redo else self.done, step)
            self._update()
            context.failed(error)

        self.working = True
        self._update()
        context.run(work, done, failed)


def _discard(stack: list[Step], step: Step) -> None:
    """Take a step off its stack (a save made meanwhile may sit above it)."""
    if step in stack:
        stack.remove(step)
