"""A dialog whose work runs on the database lane: the window's context (ui/window_context.py)
for the open session and to show new standings, and a message line for outcomes and refusals
in words."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QLabel

from steward_app.services.errors import Refused

if TYPE_CHECKING:
    from steward_app.domain.standings import Standings
    from steward_app.services.authors import Author
    from steward_app.ui.session import Session
    from steward_app.ui.window_context import WindowContext


class LaneDialog(QDialog):
    def __init__(self, context: WindowContext) -> None:
        super().__init__(context.window)
        self.context = context
        self.lane = context.lane
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Message"))

    @property
    def author(self) -> Author:
        """The steward and PC of what this dialog records: the names set now (File › Steward
        and PC names…), not those of when it was first opened."""
        return self.context.author

    def session(self) -> Session | None:
        """The open session (on the lane), or None before the database is open."""
        return self.context.session

    def show_standings(self, standings: Standings | None) -> None:
        """New standings this dialog brought: the window and its controllers see them."""
        self.context.change(standings, None, self)

    def _on_failed(self, error: BaseException) -> None:
        self._say(error.message if isinstance(error, Refused) else str(error), error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #B00020;" if error else "")
        self.message.setText(text)
