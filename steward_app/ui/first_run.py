"""The steward's name and this PC's name: asked once, kept in the settings, the origin of
every entry made in the window (unless --steward / --pc say otherwise for one start)."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from steward_app.services.authors import Author, default_author

STEWARD_KEY = "identity/steward"
PC_KEY = "identity/pc"


def stored_author() -> Author | None:
    """The names saved by an earlier start, or None on the first start."""
    settings = QSettings()
    steward = str(settings.value(STEWARD_KEY, "") or "")
    pc = str(settings.value(PC_KEY, "") or "")
    if not steward.strip() or not pc.strip():
        return None
    return Author(steward.strip(), pc.strip())


def store_author(author: Author) -> None:
    settings = QSettings()
    settings.setValue(STEWARD_KEY, author.steward)
    settings.setValue(PC_KEY, author.pc)
    settings.sync()


class NamesDialog(QDialog):
    """Two names, prefilled; OK only when neither is empty."""

    def __init__(self, prefill: Author, first_run: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Steward and PC names"))
        intro = QLabel(
            self.tr(
                "Every count you enter carries your name and this PC's name, so other stewards "
                "see who entered it and where."
            )
            + (
                self.tr(" You can change them later in File › Steward and PC names…")
                if first_run
                else ""
            )
        )
        intro.setWordWrap(True)
        self.steward = QLineEdit(prefill.steward)
        self.steward.setAccessibleName(self.tr("Your name"))
        self.pc = QLineEdit(prefill.pc)
        self.pc.setAccessibleName(self.tr("This PC's name"))
        form = QFormLayout()
        form.addRow(self.tr("&Your name:"), self.steward)
        form.addRow(self.tr("This &PC's name:"), self.pc)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        for edit in (self.steward, self.pc):
            edit.textChanged.connect(self._on_text_changed)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self._on_text_changed()

    def _on_text_changed(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.steward.text().strip() and self.pc.text().strip()))

    def author(self) -> Author:
        return Author(self.steward.text().strip(), self.pc.text().strip())


def ask_names(parent: QWidget | None, prefill: Author, first_run: bool) -> Author | None:
    """Show the dialog; the names (saved) when accepted, None when cancelled."""
    dialog = NamesDialog(prefill, first_run, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    author = dialog.author()
    store_author(author)
    return author


def window_author(steward: str | None, pc: str | None) -> Author:
    """Who enters in this window: --steward/--pc when given, else the saved names, asked
    for on the first start (the user's and host's names when the steward cancels)."""
    if steward and pc:
        return Author(steward, pc)
    base = stored_author()
    if base is None:
        base = ask_names(None, default_author(), first_run=True) or default_author()
    return Author(steward or base.steward, pc or base.pc)
