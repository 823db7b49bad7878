"""Choose a backup to restore: the backups folder's files with their date and reason, newest
first, or any file chosen from the disk."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from steward_app.domain.language import number
from steward_app.store.backup import Backup, backup_folder, list_backups
from steward_app.ui.screen_fit import resize_within_screen

# why a backup was made, translated where shown (describe)
REASONS = {
    "daily": QT_TRANSLATE_NOOP("restore_dialog", "daily"),
    "manual": QT_TRANSLATE_NOOP("restore_dialog", "made by a steward"),
    "before-import": QT_TRANSLATE_NOOP("restore_dialog", "before an import"),
    "before-restore": QT_TRANSLATE_NOOP("restore_dialog", "before a restore"),
    "before-replace": QT_TRANSLATE_NOOP("restore_dialog", "before the vote was replaced"),
}


def describe(b: Backup) -> str:
    reason = REASONS.get(b.reason)
    if reason is None and b.reason.startswith("before-migration"):
        reason = QT_TRANSLATE_NOOP("restore_dialog", "before an upgrade")
    if reason is not None:
        reason = QCoreApplication.translate("restore_dialog", str(reason))
    try:
        size = QCoreApplication.translate("restore_dialog", "{size} KB").format(
            size=number(round(b.path.stat().st_size / 1024))
        )
    except OSError:
        size = "?"
    return f"{b.made:%Y-%m-%d %H:%M:%S}  —  {reason or b.reason}  —  {size}"


class RestoreDialog(QDialog):
    """`chosen` is the file to restore once accepted."""

    def __init__(self, db_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db_path = Path(db_path)
        self.chosen: Path | None = None
        self.setWindowTitle(self.tr("Restore from a backup"))
        intro = QLabel(
            self.tr(
                "Backups of {file} in {folder}, newest first. The database as it is now is "
                "backed up before it is replaced."
            ).format(file=self.db_path.name, folder=backup_folder(self.db_path))
        )
        intro.setWordWrap(True)
        self.list = QListWidget()
        self.list.setAccessibleName(self.tr("Backups"))
        for b in reversed(list_backups(self.db_path)):
            item = QListWidgetItem(describe(b))
            item.setData(Qt.ItemDataRole.UserRole, str(b.path))
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        else:
            self.list.addItem(self.tr("(no backups yet in this folder)"))
            self.list.setEnabled(False)
        self.list.itemDoubleClicked.connect(lambda _item: self._accept_selected())
        choose = QPushButton(self.tr("Choose a &file…"))
        choose.clicked.connect(self._on_choose_clicked)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.buttons.addButton(
            self.tr("&Restore"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.restore_button.setEnabled(self.list.isEnabled())
        self.buttons.accepted.connect(self._accept_selected)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list, 1)
        layout.addWidget(choose, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.buttons)
        resize_within_screen(self, 560, 380)

    def _accept_selected(self) -> None:
        item = self.list.currentItem()
        path = item.data(Qt.ItemDataRole.UserRole) if item is not None else None
        if path:
            self.chosen = Path(path)
            self.accept()

    def _on_choose_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Choose a backup"),
            str(backup_folder(self.db_path)),
            self.tr("steward_app databases (*.sqlite);;All files (*)"),
        )
        if name:
            self.chosen = Path(name)
            self.accept()
