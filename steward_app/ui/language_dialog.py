"""View › Language…: the window's language, kept in the settings for the next start."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMainWindow,
    QVBoxLayout,
    QWidget,
)

from steward_app.ui.window_language import (
    choose_language,
    chosen_language,
    language_names,
    system_language,
)


class LanguageDialog(QDialog):
    """A list of the shipped languages, each in its own words, and the system's."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Language"))
        layout = QVBoxLayout(self)
        label = QLabel(self.tr("The &language of the window and its reports:"))
        label.setWordWrap(True)
        layout.addWidget(label)
        self.choice = QComboBox()
        self.choice.setAccessibleName(self.tr("Language"))
        system = language_names()[system_language()]
        self.choice.addItem(
            self.tr("The system's language ({language})").format(language=system), ""
        )
        for code, name in language_names().items():
            self.choice.addItem(name, code)
        self.choice.setCurrentIndex(max(0, self.choice.findData(chosen_language())))
        label.setBuddy(self.choice)
        layout.addWidget(self.choice)
        note = QLabel(self.tr("The window changes language the next time steward_app starts."))
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> str:
        """The code chosen, "" for the system's language."""
        return str(self.choice.currentData() or "")


def choose_window_language(window: QMainWindow) -> None:
    """View › Language…: ask, keep, and say in the status bar when it applies."""
    chosen = ask_language(window)
    if chosen is not None:
        said = QCoreApplication.translate(
            "language_dialog", "The window will be in {language} the next time it starts."
        )
        window.statusBar().showMessage(said.format(language=language_names()[chosen]), 8000)


def ask_language(parent: QWidget | None) -> str | None:
    """Ask, keep the choice; the language the window will start in, None when cancelled."""
    dialog = LanguageDialog(parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    choose_language(dialog.chosen())
    return dialog.chosen() or system_language()
