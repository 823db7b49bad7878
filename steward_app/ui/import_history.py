"""The import history: every file imported into this vote, newest first, and undoing one.

Undo takes out what that one file brought and forgets it, so it can be imported again
(services.imports says when it is refused, and why). Reading and undoing run on the lane.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Slot,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QMessageBox,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from steward_app.domain.language import number
from steward_app.domain.standings import Standings
from steward_app.services.errors import NoVote
from steward_app.services.imports import ImportLine, Undone, import_history, undo_import
from steward_app.ui.lane_dialog import LaneDialog
from steward_app.ui.screen_fit import resize_within_screen

if TYPE_CHECKING:
    from steward_app.ui.window_context import WindowContext

# the headings, translated where shown (headerData)
HEADERS = (
    str(QT_TRANSLATE_NOOP("import_history", "Imported")),
    str(QT_TRANSLATE_NOOP("import_history", "File")),
    str(QT_TRANSLATE_NOOP("import_history", "From")),
    str(QT_TRANSLATE_NOOP("import_history", "New")),
    str(QT_TRANSLATE_NOOP("import_history", "Already here")),
    str(QT_TRANSLATE_NOOP("import_history", "Held apart")),
    str(QT_TRANSLATE_NOOP("import_history", "Can be undone")),
)

Index = QModelIndex | QPersistentModelIndex


class ImportHistoryModel(QAbstractTableModel):
    """The imported files as a table (plain ImportLine rows)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.lines: list[ImportLine] = []

    def set_lines(self, lines: list[ImportLine]) -> None:
        self.beginResetModel()
        self.lines = list(lines)
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if (
            role == Qt.ItemDataRole.DisplayRole
            and orientation == Qt.Orientation.Horizontal
            and 0 <= section < len(HEADERS)
        ):
            return QCoreApplication.translate("import_history", HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line, column = self.lines[index.row()], index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self._text(line, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return QCoreApplication.translate("import_history", "id {id}").format(
                id=line.id[:8]
            ) + (
                QCoreApplication.translate("import_history", "; cannot be undone: {why}").format(
                    why=line.why_not
                )
                if line.why_not
                else ""
            )
        if role == Qt.ItemDataRole.TextAlignmentRole and 3 <= column <= 5:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _text(line: ImportLine, column: int) -> str:
        values = (
            line.imported_at.replace("T", " ")[:19],
            line.name,
            line.sender,
            number(line.new),
            number(line.known),
            number(line.held),
            QCoreApplication.translate("import_history", "yes")
            if line.undoable
            else QCoreApplication.translate("import_history", "no: {why}").format(why=line.why_not),
        )
        return values[column]


class ImportHistoryDialog(LaneDialog):
    def __init__(self, context: WindowContext) -> None:
        super().__init__(context)
        self.setWindowTitle(self.tr("Import history — the files imported on this PC"))
        resize_within_screen(self, 1040, 460)
        self.model = ImportHistoryModel(self)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName(self.tr("Imported files, newest first"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(self._on_current_row_changed)
        self.undo = QPushButton(self.tr("&Undo this import…"))
        self.undo.setEnabled(False)
        self.undo.clicked.connect(self._on_undo_clicked)
        self.message.setText(
            self.tr(
                "Undo takes out what one file brought (its new and held entries) and forgets the "
                "file, so it can be imported again. Entries that were already here stay."
            )
        )
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.undo)
        row.addStretch(1)
        row.addWidget(buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(row)

    def reload(self) -> None:
        def work() -> list[ImportLine]:
            session = self.session()
            if session is None:
                return []
            try:
                return import_history(session.store)
            except NoVote:
                return []

        self.lane.submit(work, self._show_lines, self._on_failed)

    def _show_lines(self, lines: list[ImportLine]) -> None:
        self.model.set_lines(lines)
        if lines:
            self.table.selectRow(0)  # the newest: what a steward most likely wants to undo
        self._on_current_row_changed()

    def selected(self) -> ImportLine | None:
        row = self.table.currentIndex().row()
        return self.model.lines[row] if 0 <= row < len(self.model.lines) else None

    @Slot()
    def _on_current_row_changed(self) -> None:
        line = self.selected()
        self.undo.setEnabled(line is not None and line.undoable)

    @Slot()
    def _on_undo_clicked(self) -> None:
        line = self.selected()
        if line is None:
            return
        answer = QMessageBox.question(
            self,
            self.tr("Undo this import?"),
            self.tr(
                "Take out what {file} brought ({new} new and {held} held entries) and forget "
                "the file? It can be imported again later."
            ).format(file=line.name, new=number(line.new), held=number(line.held)),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.undo_line(line)

    def undo_line(self, line: ImportLine) -> None:
        def work() -> tuple[Undone, Standings | None]:
            session = self.session()
            assert session is not None
            done = undo_import(session.store, line.id)
            if done.changes.vote:
                return done, session.cache.refresh_all()
            return done, session.cache.refresh(done.changes)

        self.lane.submit(work, self._on_undone, self._on_failed)

    def _on_undone(self, result: tuple[Undone, Standings | None]) -> None:
        done, standings = result
        self._say(
            self.tr(
                "Undid the import of {file}: {removed} entries and {held} held entries taken "
                "out. The file can be imported again."
            ).format(file=done.name, removed=number(done.removed), held=number(done.held))
        )
        self.show_standings(standings)
        self.reload()
