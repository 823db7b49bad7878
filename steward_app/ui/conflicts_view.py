"""The conflicts view: every count in conflict side by side, with who entered it where and
when, and resolving it by keeping one count or entering the agreed numbers, with a reason.

The resolution is an entry like any other (services.conflicts): it travels to other PCs in
the next export. Reading and resolving run on the database lane.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QEvent, QObject, Qt, Slot
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from steward_app.domain.counts import WHOLE_UNIT, SlotKey
from steward_app.domain.language import number
from steward_app.domain.standings import Standings
from steward_app.services.conflicts import Conflict, ConflictHead, list_conflicts, resolve_conflict
from steward_app.services.counting import Recorded
from steward_app.services.errors import Refused
from steward_app.ui.lane_dialog import LaneDialog
from steward_app.ui.screen_fit import resize_within_screen
from steward_app.ui.window_language import tr

if TYPE_CHECKING:
    from steward_app.ui.window_context import WindowContext

# the headings, translated where shown (ConflictsDialog)
COLUMNS = (
    "",
    str(QT_TRANSLATE_NOOP("conflicts_view", "Yes")),
    str(QT_TRANSLATE_NOOP("conflicts_view", "No")),
    str(QT_TRANSLATE_NOOP("conflicts_view", "Void")),
    str(QT_TRANSLATE_NOOP("conflicts_view", "Challenged")),
    str(QT_TRANSLATE_NOOP("conflicts_view", "Eligible")),
    str(QT_TRANSLATE_NOOP("conflicts_view", "Final")),
    str(QT_TRANSLATE_NOOP("conflicts_view", "Steward")),
    str(QT_TRANSLATE_NOOP("conflicts_view", "PC")),
    str(QT_TRANSLATE_NOOP("conflicts_view", "Key")),
    str(QT_TRANSLATE_NOOP("conflicts_view", "Time")),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("conflicts_view", text)


KEEP = 0  # the column of the "Keep this count" buttons: first, so it is never scrolled away
NUMBER_FIELDS = ("yes", "no", "void", "challenged", "eligible")


def slot_title(c: Conflict) -> str:
    part = (
        QCoreApplication.translate("conflicts_view", "whole unit")
        if c.slot.part == WHOLE_UNIT
        else QCoreApplication.translate("conflicts_view", "part {part}").format(part=c.slot.part)
    )
    return f"{c.unit_name}\n" + tr(
        "{part} ({question}): %n different counts", None, len(c.heads)
    ).format(part=part, question=c.slot.question)


def head_cells(h: ConflictHead) -> list[str]:
    v = h.values
    eligible = "" if v.eligible is None else number(v.eligible)
    return [
        number(v.yes),
        number(v.no),
        number(v.void),
        number(v.challenged),
        eligible,
        QCoreApplication.translate("conflicts_view", "final")
        if v.final
        else QCoreApplication.translate("conflicts_view", "provisional"),
        f"{h.steward} [! {h.flag}]" if h.flag else h.steward,
        h.pc,
        h.origin,
        recorded_when(h.recorded_at),  # the whole stamp is in the tooltip
    ]


def recorded_when(stamp: str) -> str:
    """ "2026-12-07 20:31:05" from the PC's ISO stamp: the date too, since a PC's clock (or
    a count entered the day before) can put two counts on different days."""
    return f"{stamp[:10]} {stamp[11:19]}".strip()


def differing_columns(heads: tuple[ConflictHead, ...]) -> set[int]:
    """The table columns (1-6: the numbers and final) whose values are not the same for all."""
    if len(heads) < 2:
        return set()
    cells = [head_cells(h) for h in heads]
    return {column + 1 for column in range(6) if len({row[column] for row in cells}) > 1}


DIFFERS = QColor("#FBE3C8")  # a light orange behind a differing number (with bold, not alone)


class ConflictsDialog(LaneDialog):
    """Non-modal: the steward can keep the window in view while deciding."""

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context)
        self.conflicts: list[Conflict] = []
        # told of each resolution recorded here (the window's Edit › Undo takes it back)
        self.on_recorded: Callable[[Recorded, SlotKey], None] | None = None
        self.setWindowTitle(self.tr("Conflicts — two different counts for one unit"))
        resize_within_screen(self, 1040, 540)
        self.intro = QLabel(
            self.tr(
                "Each of these units has two (or more) different counts, neither replacing "
                "the other, so it has no total. Compare them with the tally sheets, then keep "
                "the right one or enter the agreed numbers. Your decision goes to the other PCs "
                "with the next export."
            )
        )
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Units in conflict"))
        self.list.setWordWrap(True)
        self.list.setMinimumWidth(self.fontMetrics().averageCharWidth() * 24)
        self.list.currentRowChanged.connect(self._on_list_current_row_changed)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setAccessibleName(self.tr("The counts in conflict, side by side"))
        self.table.setHorizontalHeaderLabels([_tr(c) if c else "" for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # a row at a time, Enter keeps it (the buttons are for the mouse); Tab leaves the table
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setTabKeyNavigation(False)
        self.table.installEventFilter(self)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.reason = QLineEdit()
        self.reason.setAccessibleName(self.tr("Reason"))
        self.reason.setPlaceholderText(
            self.tr("why: e.g. recounted the mail tray with both stewards")
        )
        self.edits = {name: QLineEdit() for name in NUMBER_FIELDS}
        # each number under its heading, the choices below them: the dialog fits a 1024x600
        # screen in a language whose words run longer than English
        numbers = QVBoxLayout()
        fields = QGridLayout()
        digits = self.fontMetrics().horizontalAdvance("9,999,999") + 16  # frame and margins
        for column, (name, edit) in enumerate(self.edits.items()):
            shown = _tr(name.capitalize())  # the table's heading for it (COLUMNS)
            edit.setAccessibleName(shown)
            edit.setMinimumWidth(digits)  # a whole count shows (it showed "693" of "1693")
            edit.setMaximumWidth(digits * 3 // 2)
            heading = QLabel(shown)
            heading.setBuddy(edit)
            fields.addWidget(heading, 0, column)
            fields.addWidget(edit, 1, column)
        fields.setColumnStretch(len(self.edits), 1)
        numbers.addLayout(fields)
        choices = QHBoxLayout()
        self.final = QCheckBox(self.tr("&Final"))
        choices.addWidget(self.final)
        self.confirm = QCheckBox(self.tr("&Confirm the warnings"))
        self.confirm.hide()  # shown when the agreed numbers raise warnings
        choices.addWidget(self.confirm)
        self.save_numbers = QPushButton(self.tr("Save the &agreed numbers"))
        self.save_numbers.clicked.connect(self._on_save_numbers_clicked)
        choices.addWidget(self.save_numbers)
        choices.addStretch(1)
        numbers.addLayout(choices)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.table, 1)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.addRow(self.tr("&Reason (required):"), self.reason)
        form.addRow(self.tr("Or enter the agreed numbers:"), numbers)
        right_layout.addLayout(form)
        right_layout.addWidget(self.message)
        splitter = QSplitter()
        splitter.addWidget(self.list)
        splitter.addWidget(right)
        splitter.setSizes([230, 810])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)

    def reload(self) -> None:
        """Read the conflicts again (on the lane)."""

        def work() -> list[Conflict]:
            session = self.session()
            return [] if session is None else list_conflicts(session.store)

        self.lane.submit(work, self._show_conflicts, self._on_failed)

    def _show_conflicts(self, conflicts: list[Conflict]) -> None:
        current = self.current()
        self.conflicts = conflicts
        self.list.blockSignals(True)
        self.list.clear()
        for c in conflicts:
            self.list.addItem(QListWidgetItem(slot_title(c)))
        self.list.blockSignals(False)
        keys = [c.slot for c in conflicts]
        row = keys.index(current.slot) if current is not None and current.slot in keys else 0
        self.list.setCurrentRow(row if conflicts else -1)
        self._show_heads()
        if not conflicts:
            self.intro.setText(self.tr("No conflicts: every unit's counts agree."))

    def current(self) -> Conflict | None:
        row = self.list.currentRow()
        return self.conflicts[row] if 0 <= row < len(self.conflicts) else None

    @Slot(int)
    def _on_list_current_row_changed(self, _row: int) -> None:
        self._show_heads()

    def _show_heads(self) -> None:
        c = self.current()
        heads = c.heads if c is not None else ()
        self.table.setRowCount(len(heads))
        differ = differing_columns(heads)
        for row, head in enumerate(heads):
            for column, text in enumerate(head_cells(head), start=1):
                item = QTableWidgetItem(text)
                item.setToolTip(
                    self.tr("entered {time}, entry {entry}").format(
                        time=head.recorded_at, entry=head.entry_id[:8]
                    )
                )
                if column <= 5:
                    item.setTextAlignment(
                        Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
                    )
                if column in differ:  # what to compare with the tally sheet, at a glance
                    font = item.font()
                    font.setBold(True)
                    item.setFont(font)
                    item.setBackground(DIFFERS)
                    item.setForeground(QColor("#000000"))
                    item.setData(
                        Qt.ItemDataRole.AccessibleTextRole,
                        self.tr("{value}, differs").format(value=text),
                    )
                self.table.setItem(row, column, item)
            keep = QPushButton(self.tr("Keep this count"))
            keep.setAccessibleName(
                self.tr("Keep the count by {steward} on {pc}").format(
                    steward=head.steward, pc=head.pc
                )
            )
            keep.clicked.connect(lambda _=False, h=head: self.keep(h))
            self.table.setCellWidget(row, KEEP, keep)
        if heads:
            self.table.setCurrentCell(0, 1)  # Enter keeps the first count, arrows choose
        for widget in (self.reason, self.save_numbers, *self.edits.values(), self.final):
            widget.setEnabled(c is not None)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter on a row of the table keeps that count, as its button does."""
        if watched is self.table and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            c = self.current()
            row = self.table.currentRow()
            enter = event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            if enter and c is not None and 0 <= row < len(c.heads):
                self.keep(c.heads[row])
                return True
        return super().eventFilter(watched, event)

    def keep(self, head: ConflictHead) -> None:
        self._resolve(take=head.entry_id)

    @Slot()
    def _on_save_numbers_clicked(self) -> None:
        numbers: dict[str, object] = {
            name: edit.text().strip() or None for name, edit in self.edits.items()
        }
        numbers = {k: v for k, v in numbers.items() if v is not None}
        if "yes" not in numbers or "no" not in numbers:
            self._say(self.tr("Enter at least the yes and no counts you agreed on."), error=True)
            return
        self._resolve(numbers=numbers)

    def _resolve(
        self, *, take: str | None = None, numbers: dict[str, object] | None = None
    ) -> None:
        c = self.current()
        reason = self.reason.text().strip()
        if c is None:
            return
        if not reason:
            self._say(
                self.tr("Give a reason first (e.g. who recounted what): it stays in the history."),
                True,
            )
            self.reason.setFocus()
            return
        slot, author, final = c.slot, self.author, self.final.isChecked()
        confirm = self.confirm.isChecked()

        def work() -> tuple[Recorded, Standings | None]:
            session = self.session()
            assert session is not None
            result = resolve_conflict(
                session.store,
                author,
                slot,
                reason=reason,
                take=take,
                numbers=numbers,
                final=final,
                confirm_warnings=confirm,
            )
            return result, session.cache.refresh(result.changes)

        self.lane.submit(work, lambda done: self._on_resolved(slot, done), self._on_failed)

    def _on_resolved(self, slot: SlotKey, done: tuple[Recorded, Standings | None]) -> None:
        result, standings = done
        self.reason.clear()
        self.confirm.setChecked(False)
        self.confirm.hide()
        for edit in self.edits.values():
            edit.clear()
        self._say(
            self.tr("Resolved {slot}: {note}.").format(slot=slot.describe(), note=result.note)
        )
        if self.on_recorded is not None:
            self.on_recorded(result, slot)
        self.show_standings(standings)
        self.reload()

    def _on_failed(self, error: BaseException) -> None:
        if isinstance(error, Refused) and error.problems:
            self.confirm.setVisible(error.needs_confirmation)
            problems = "; ".join(str(p) for p in error.problems)
            self._say(f"{error.message} — {problems}", error=True)
            return
        super()._on_failed(error)
