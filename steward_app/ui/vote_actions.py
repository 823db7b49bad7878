"""File › New vote from setup file… and Load the demo vote (also the start page's buttons):
the database's vote created or replaced, after the steward confirms a replacement (a backup
copy is saved first, by the services).

The controller gets the window's context (ui/window_context.py); the window, told through
`replaced`, forgets what its form and tree held for the old vote.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

if TYPE_CHECKING:
    from steward_app.domain.standings import Standings
    from steward_app.ui.window_context import WindowContext


class VoteActions(QObject):
    """Creating the vote from a setup file, or loading the demo vote, in one main window."""

    replaced = Signal(object)  # Standings or None: the database holds a new vote

    def __init__(self, context: WindowContext) -> None:
        super().__init__(context)
        self.context = context

    @Slot()
    def load_demo(self) -> None:
        context = self.context
        if context.standings is not None:
            answer = QMessageBox.question(
                context.window,
                self.tr("Replace the vote with the demo?"),
                self.tr(
                    "This database holds the vote \u201c{title}\u201d. Replace it and its counts "
                    "with the demo vote (a practice vote)? A backup copy is saved first."
                ).format(title=context.standings.vote.title),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return

        def work() -> Standings | None:
            from steward_app.services.vote_setup import load_demo

            session = context.open_session()
            load_demo(session.store, context.author, replace=True)
            return session.cache.refresh_all()

        context.run(work, self.replaced.emit)

    @Slot()
    def open_setup(self) -> None:
        context = self.context
        name, _ = QFileDialog.getOpenFileName(
            context.window,
            self.tr("Create a vote from a setup file"),
            "",
            self.tr("Setup files (*.toml);;All files (*)"),
        )
        if not name:
            return
        replace = False
        if context.standings is not None:
            answer = QMessageBox.question(
                context.window,
                self.tr("Replace the vote?"),
                self.tr(
                    "This database already holds a vote. Replace it? A backup copy is saved first."
                ),
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
            replace = True

        def work() -> Standings | None:
            from steward_app.services.vote_setup import create_vote

            session = context.open_session()
            text = Path(name).read_text(encoding="utf-8-sig")
            create_vote(session.store, text, context.author, replace=replace)
            return session.cache.refresh_all()

        context.run(work, self.replaced.emit)
