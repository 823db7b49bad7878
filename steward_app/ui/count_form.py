"""Entering a count with the keyboard alone: type, Tab, Enter saves, Esc cancels.

Checks run as the steward types and list every error and warning at once (the engine's codes
and sentences); a click on one jumps to its field. The checks that need the database (the same
numbers as another unit) run again when saving, on the database lane.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from steward_app.domain.checks import (
    CountContext,
    Problem,
    Severity,
    check_key,
    check_values,
    parse_numbers,
)
from steward_app.domain.counts import WHOLE_UNIT, CountValues, SlotKey
from steward_app.domain.language import number
from steward_app.domain.standings import Standings
from steward_app.services.counting import CurrentCount
from steward_app.ui.count_form_parts import Draft, TypingUndo, recorded_text, window_words
from steward_app.ui.palette import FOCUS_RING

FIELDS = ("eligible", "yes", "no", "void", "challenged")
# Alt+letter for each, unique in the window: the menus take F, E, V, G and H (File, Edit,
# View, Go, Help), the form's boxes B, A, O, W, its buttons S, the tree's button U
# translated where shown (CountForm); the Spanish keys keep the same rule
FIELD_LABELS = {
    "eligible": str(QT_TRANSLATE_NOOP("CountForm", "E&ligible")),
    "yes": str(QT_TRANSLATE_NOOP("CountForm", "&Yes")),
    "no": str(QT_TRANSLATE_NOOP("CountForm", "&No")),
    "void": str(QT_TRANSLATE_NOOP("CountForm", "Vo&id")),
    "challenged": str(QT_TRANSLATE_NOOP("CountForm", "&Challenged")),
}


@dataclass(frozen=True)
class SaveRequest:
    slot: SlotKey
    numbers: dict[str, object]
    final: bool
    correct: bool
    reason: str
    confirm_warnings: bool
    second_steward: str | None = None  # a blind second entry, by this steward


def choose_words() -> str:
    return QCoreApplication.translate(
        "CountForm",
        "Choose a unit in the tree (arrow keys), then Enter or a digit to enter its count",
    )


class CountForm(QGroupBox):
    save_requested = Signal(object)  # SaveRequest
    cancelled = Signal()
    blind_changed = Signal(str)  # the unit a blind second entry is open for ("" when closed)
    width_limited = Signal(int)  # the widest it needs now (a scroll area holding it follows)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Enter a count"))
        self._standings: Standings | None = None
        self._current_counts: list[CurrentCount] = []
        self._question = ""
        self._unit = ""
        self.drafts: dict[str, Draft] = {}  # unit id -> typed, not saved
        self.unit_label = QLabel(choose_words())
        self.unit_label.setWordWrap(True)
        self.current = QLabel("")
        self.current.setWordWrap(True)
        self.current.setTextFormat(Qt.TextFormat.RichText)
        self.part = QComboBox()
        self.part.setAccessibleName(self.tr("Part (site or session)"))
        self.edits: dict[str, QLineEdit] = {}
        form = QFormLayout()
        form.addRow(self.tr("Unit"), self.unit_label)
        form.addRow(self.tr("Recorded"), self.current)
        form.addRow(self.tr("&Part"), self.part)
        for name in FIELDS:
            edit = QLineEdit()
            edit.setAccessibleName(self.tr(FIELD_LABELS[name]).replace("&", ""))
            edit.setPlaceholderText("0" if name in ("void", "challenged") else "")
            edit.textChanged.connect(self._on_field_text_changed)
            self.edits[name] = edit
            form.addRow(self.tr(FIELD_LABELS[name]), edit)
        self.blind = QCheckBox(self.tr("&Blind second entry"))
        self.blind.setToolTip(
            self.tr(
                "A second person enters the same tally sheet without seeing the "
                "first entry; equal numbers confirm it, different ones are shown "
                "side by side to settle"
            )
        )
        self.second_name = QLineEdit()
        self.second_name.setAccessibleName(self.tr("Name of the steward making the second entry"))
        self.second_name.setPlaceholderText(self.tr("the second steward's name"))
        self.second_name.setEnabled(False)
        self.blind.toggled.connect(self._on_blind_toggled)
        self.final = QCheckBox(self.tr("Fin&al (not provisional)"))
        self.correction = QCheckBox(self.tr("C&orrection of the current count"))
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason for the correction"))
        self.reason.setPlaceholderText(self.tr("why it changes, e.g. recounted the mail ballots"))
        self.reason.setEnabled(False)
        self.correction.toggled.connect(self.reason.setEnabled)
        self.correction.toggled.connect(self._on_field_text_changed)
        self.reason.textChanged.connect(self._on_field_text_changed)
        # the boxes span the form: the label column stays as narrow as "Challenged"
        form.addRow(self.blind)
        second = QLabel(self.tr("Second"))
        second.setBuddy(self.second_name)
        form.addRow(second, self.second_name)
        form.addRow(self.final)
        form.addRow(self.correction)
        form.addRow(self.tr("&Reason"), self.reason)
        self.problems = QListWidget()
        self.problems.setAccessibleName(self.tr("Problems with this count"))
        self.problems.setMaximumHeight(110)
        self.problems.setWordWrap(True)
        self.problems.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.problems.itemActivated.connect(self._on_problems_item_activated)
        self.problems.itemClicked.connect(self._on_problems_item_activated)
        self.confirm = QCheckBox(self.tr("I checked the &warnings: record it anyway"))
        self.confirm.setVisible(False)
        self.save = QPushButton(self.tr("&Save (Enter)"))
        self.save.setDefault(True)
        self.save.clicked.connect(self._on_save_clicked)
        self.cancel = QPushButton(self.tr("Cancel (Esc)"))
        self.cancel.clicked.connect(self.clear)
        self.message = QLabel("")
        self.message.setWordWrap(True)
        self.drafts_label = QLabel("")
        self.drafts_label.setWordWrap(True)
        self.drafts_label.setStyleSheet("color: #D55E00;")
        self.drafts_label.hide()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save)
        buttons.addWidget(self.cancel)
        self.body = QWidget()  # the fields: hidden while no unit is chosen
        body = QVBoxLayout(self.body)
        body.setContentsMargins(0, 0, 0, 0)
        body.addLayout(form)
        body.addWidget(self.problems)
        body.addWidget(self.confirm)
        body.addLayout(buttons)
        body.addWidget(self.message)
        self.hint = QLabel(choose_words())
        self.hint.setWordWrap(True)
        self.hint.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.body)
        layout.addWidget(self.drafts_label)
        layout.addStretch(1)
        self.setEnabled(False)
        self._narrow(True)
        self.setStyleSheet(FOCUS_RING)
        self._typing_undo = TypingUndo(self)
        for edit in [*self.edits.values(), self.reason, self.second_name]:
            edit.installEventFilter(self._typing_undo)

    # --- state from the window -----------------------------------------------------------

    def set_standings(self, standings: Standings, question_id: str) -> None:
        self._standings = standings
        self._question = question_id
        self._on_field_text_changed()

    @property
    def unit(self) -> str:  # the unit the form enters counts for ("" when none is chosen)
        return self._unit

    @property
    def standings(self) -> Standings | None:  # the standings it checks the numbers against
        return self._standings

    def forget_unit(self) -> None:
        """No unit chosen (a new vote): nothing of the old one stays in the form."""
        self.blind.setChecked(False)
        self._unit = ""
        self._current_counts = []
        self.drafts.clear()
        self.unit_label.setText(choose_words())
        self.current.setText("")
        self.part.clear()
        self.clear()
        self._forget_typing()
        self._show_drafts()
        self.setEnabled(False)
        self._narrow(True)

    def _narrow(self, on: bool) -> None:
        """With no unit chosen the form is a short hint, not a column of greyed fields: it
        leaves the room to the tree and the standings rather than taking a third of the
        window."""
        self.body.setVisible(not on)
        self.hint.setVisible(on)
        letters = 24 if on else 46  # a count's fields need no more than that
        width = self.fontMetrics().averageCharWidth() * letters
        if not on:  # a language with longer words: its check boxes whole (their least width)
            width = max(width, self.minimumSizeHint().width())
        self.setMaximumWidth(width)
        self.width_limited.emit(self.maximumWidth())

    def typed(self) -> bool:
        """Something typed for the current unit that is not saved."""
        return bool(self._unit) and (
            any(edit.text().strip() for edit in self.edits.values())
            or bool(self.reason.text().strip())
        )

    def set_unit(self, unit_id: str, *, focus: bool = False) -> None:
        """Show `unit_id` in the form; what was typed for the unit before is kept as a draft
        and comes back when it is chosen again. The focus moves only with `focus`: browsing
        the tree leaves it in the tree."""
        if self._standings is None:
            return
        unit = self._standings.vote.unit_by_id.get(unit_id)
        if unit is None:
            return
        if unit_id == self._unit:
            if focus:
                self.edits["yes"].setFocus()
            return
        if self.typed():
            self.drafts[self._unit] = Draft(
                self.part.currentIndex(),
                {name: edit.text() for name, edit in self.edits.items()},
                self.final.isChecked(),
                self.correction.isChecked(),
                self.reason.text(),
            )
        self._unit = unit_id
        self.unit_label.setText(
            self.tr("{unit} ({unit_id}), {eligible} eligible").format(
                unit=unit.name, unit_id=unit.id, eligible=number(unit.eligible)
            )
        )
        self.part.clear()
        if unit.parts:
            self.part.addItems(list(unit.parts))
        else:
            self.part.addItem(self.tr("whole unit"), WHOLE_UNIT)
        self.part.setEnabled(bool(unit.parts))
        self.current.setText("…")
        self.setEnabled(True)
        self._narrow(False)
        self.clear()
        self._forget_typing()
        draft = self.drafts.pop(unit_id, None)
        if draft is not None:
            self.part.setCurrentIndex(draft.part)
            for name, text in draft.numbers.items():
                self.edits[name].setText(text)
            self.final.setChecked(draft.final)
            self.correction.setChecked(draft.correction)
            self.reason.setText(draft.reason)
            self.message.setText(
                self.tr("What you typed earlier for this unit is back: not saved yet.")
            )
        self._show_drafts()
        if self.blind.isChecked():
            self.blind_changed.emit(unit_id)
        if focus:
            self.edits["yes"].setFocus()

    def _show_drafts(self) -> None:
        if self._standings is None or not self.drafts:
            self.drafts_label.hide()
            return
        names = self._standings.vote.unit_by_id
        listed = ", ".join(names[u].name if u in names else u for u in self.drafts)
        self.drafts_label.setText(
            self.tr("Typed and not saved yet: {units}. Choose it to finish.").format(units=listed)
        )
        self.drafts_label.show()

    @Slot(bool)
    def _on_blind_toggled(self, on: bool) -> None:
        self.second_name.setEnabled(on)
        self.current.setVisible(not on)
        if on:
            self.message.clear()  # it may show the first entry's numbers
            self.second_name.setFocus()
        self.blind_changed.emit(self._unit if on else "")
        self._on_field_text_changed()

    def show_current(self, unit_id: str, counts: list[CurrentCount]) -> None:
        """The counts already recorded for the unit: one per slot, or every side of a conflict."""
        if unit_id != self._unit:
            return
        self._current_counts = counts
        if not counts:
            self._set_current(self.tr("nothing yet"))
            return
        self._set_current(recorded_text(counts))

    def _set_current(self, text: str) -> None:
        """The recorded counts, named by what they say (a screen reader reads the counts)."""
        self.current.setText(text)
        plain = re.sub(r"<[^>]*>", "", text.replace("<br>", "; "))
        self.current.setAccessibleName(self.tr("Recorded: {counts}").format(counts=plain))

    def slot(self) -> SlotKey:
        part = self.part.currentData()
        if part is None:
            part = self.part.currentText()
        return SlotKey(self._question, self._unit, str(part))

    def numbers(self) -> dict[str, object]:
        return {name: edit.text() for name, edit in self.edits.items()}

    # --- checks --------------------------------------------------------------------------

    def live_problems(self, *, saving: bool = False) -> list[Problem]:
        """The problems with what is typed; none while nothing is typed, unless `saving`."""
        if self._standings is None or not self._unit:
            return []
        if not saving and not self.typed():
            return []  # an empty form (just saved, or just chosen) is not an error
        vote = self._standings.vote
        slot = self.slot()
        problems = check_key(vote, slot)
        parsed, number_problems = parse_numbers(self.numbers())
        problems += number_problems
        second = self.second_name.text().strip()
        if self.blind.isChecked() and not second:
            problems.append(
                Problem(
                    "E_SECOND_STEWARD_NAME",
                    Severity.ERROR,
                    "second",
                    self.tr("a blind second entry needs the second steward's name"),
                )
            )
        elif self.blind.isChecked():
            first = {c.steward.casefold() for c in self._current_counts if c.slot == slot}
            if second.casefold() in first:
                problems.append(
                    Problem(
                        "E_SAME_STEWARD",
                        Severity.ERROR,
                        "second",
                        self.tr(
                            "{steward} made the first entry: the second entry must be made by "
                            "another steward"
                        ).format(steward=second),
                    )
                )
        if self.correction.isChecked() and not self.reason.text().strip():
            problems.append(
                Problem(
                    "E_REASON_REQUIRED",
                    Severity.ERROR,
                    "reason",
                    self.tr("a correction needs a reason"),
                )
            )
        if any(p.severity is Severity.ERROR for p in problems) or not parsed:
            return problems
        values = CountValues(
            parsed["yes"],
            parsed["no"],
            parsed.get("void", 0),
            parsed.get("challenged", 0),
            parsed.get("eligible"),
            self.final.isChecked(),
        )
        report = self._standings.questions[slot.question].units[slot.unit].report
        others = report.numbers.cast if slot.part != WHOLE_UNIT else 0
        return problems + check_values(vote, slot, values, CountContext(others, 0, ()))

    def show_problems(self, problems: list[Problem]) -> None:
        self.problems.clear()
        for p in problems:
            mark = self.tr("✘ error") if p.severity is Severity.ERROR else self.tr("⚠ warning")
            item = QListWidgetItem(f"{mark} {p.code}: {p.message}")
            item.setData(Qt.ItemDataRole.UserRole, p.field)
            item.setToolTip(p.message)
            self.problems.addItem(item)
        warnings_only = bool(problems) and all(p.severity is Severity.WARNING for p in problems)
        self.confirm.setVisible(warnings_only)
        if not warnings_only:
            self.confirm.setChecked(False)

    @Slot()
    def _on_field_text_changed(self) -> None:
        problems = self.live_problems()
        self.show_problems(problems)
        if self.message.text().startswith("Not saved") and not any(
            p.severity is Severity.ERROR for p in problems
        ):
            self.message.clear()  # the errors it named are fixed

    @Slot(QListWidgetItem)
    def _on_problems_item_activated(self, item: QListWidgetItem) -> None:
        field = item.data(Qt.ItemDataRole.UserRole)
        targets: dict[str, QWidget] = {
            "reason": self.reason,
            "part": self.part,
            "second": self.second_name,
        }
        target = targets.get(field) or self.edits.get(field)
        if target is not None:
            target.setFocus()

    # --- saving --------------------------------------------------------------------------

    @Slot()
    def _on_save_clicked(self) -> None:
        problems = self.live_problems(saving=True)
        if any(p.severity is Severity.ERROR for p in problems):
            self.show_problems(problems)
            self.message.setText(self.tr("Not saved: fix the errors listed above."))
            return
        if problems and not self.confirm.isChecked():
            self.show_problems(problems)
            self.message.setText(
                self.tr("Not saved: check the warnings, then tick the box to confirm.")
            )
            self.confirm.setFocus()
            return
        self.save_requested.emit(
            SaveRequest(
                self.slot(),
                self.numbers(),
                self.final.isChecked(),
                self.correction.isChecked(),
                self.reason.text().strip(),
                self.confirm.isChecked(),
                self.second_name.text().strip() if self.blind.isChecked() else None,
            )
        )

    def saved(self, note: str) -> None:
        self.message.setText(self.tr("Saved: {note}").format(note=note))
        self.clear(keep_message=True)
        self._forget_typing()  # Ctrl+Z now undoes the save, not the clearing of the fields
        if self.blind.isChecked():  # reveal both entries side by side to settle
            self.blind.setChecked(False)

    def refused(self, message: str, problems: list[Problem]) -> None:
        """The database refused: show why and keep everything typed."""
        self.show_problems([window_words(p) for p in problems])
        self.message.setText(self.tr("Not saved: {message}").format(message=message))

    @Slot()
    def clear(self, keep_message: bool = False) -> None:
        for edit in self.edits.values():
            edit.clear()
        self.reason.clear()
        self.final.setChecked(False)
        self.correction.setChecked(False)
        self.confirm.setChecked(False)
        if not keep_message:
            self.message.clear()
        self.show_problems([])

    def _forget_typing(self) -> None:
        """Empty fields with no typing to undo (setText clears a line edit's undo history;
        Esc keeps it, so Ctrl+Z after Esc brings the typing back)."""
        for edit in [*self.edits.values(), self.reason]:
            edit.setText("")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self._on_save_clicked()
            return
        if event.key() == Qt.Key.Key_Escape:
            self.clear()
            self.cancelled.emit()
            return
        super().keyPressEvent(event)
