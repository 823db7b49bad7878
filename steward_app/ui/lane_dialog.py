"""A dialog whose work runs on the database lane: the open session, how to show new
standings in the window, and a message line for outcomes and refusals in words."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QDialog, QLabel, QWidget

from steward_app.domain.standings import Standings
from steward_app.services.errors import Refused
from steward_app.ui.database_lane import DatabaseLane

if TYPE_CHECKING:
    from steward_app.ui.session import Session


class LaneDialog(QDialog):
    def __init__(
        self,
        lane: DatabaseLane,
        session: Callable[[], Session | None],
        show: Callable[[Standings | None], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.lane = lane
        self.session = session
        self.show_standings = show
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setAccessibleName("Message")

    def _on_failed(self, error: BaseException) -> None:
        self._say(error.message if isinstance(error, Refused) else str(error), error=True)

    def _say(self, text: str, error: bool = False) -> None:
        self.message.setStyleSheet("color: #B00020;" if error else "")
        self.message.setText(text)
