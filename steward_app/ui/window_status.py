"""The status bar's lasting parts: the "Working" indicator, the last change made here, and the
database's name. A view: it shows what the lane and the window tell it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtWidgets import QProgressBar, QStatusBar

from steward_app.ui.elided_label import ElidedLabel

BUSY_SHOWN_AFTER_MS = 400  # the status bar's "Working" indicator, for work longer than this


class WindowStatus(QObject):
    """The window's status bar parts after the passing message."""

    def __init__(self, bar: QStatusBar, db_path: Path) -> None:
        super().__init__(bar)
        self.busy = QProgressBar()
        self.busy.setRange(0, 0)  # busy, no percentage
        self.busy.setMaximumWidth(120)
        self.busy.setAccessibleName(self.tr("Working"))
        # the indicator shows only for work that lasts, and the status bar is tall enough for
        # it: a save takes milliseconds, and an indicator flashing on and off made the status
        # bar taller and shorter again, so Qt laid out and repainted the whole window twice
        self.busy.hide()
        self._busy_due = QTimer(self)
        self._busy_due.setSingleShot(True)
        self._busy_due.setInterval(BUSY_SHOWN_AFTER_MS)
        self._busy_due.timeout.connect(self.busy.show)
        self.last_save = ElidedLabel(self.tr("no save yet"))
        self.last_save.setAccessibleName(self.tr("no save yet"))
        # the file's name: the whole path (in the tooltip, and Help › About) would push the
        # messages off a small screen's status bar
        self.db_label = ElidedLabel(self.tr("database: {name}").format(name=db_path.name))
        self.db_label.setToolTip(str(db_path))
        for widget in (self.busy, self.last_save, self.db_label):
            bar.addPermanentWidget(widget)
        # a line between the passing message and each lasting part: a message never runs
        # into the state code or the save time
        bar.setStyleSheet(
            "QStatusBar QLabel { border: none; border-left: 1px solid #999999; padding-left: 6px; }"
        )
        bar.setMinimumHeight(max(bar.sizeHint().height(), self.busy.sizeHint().height() + 4))

    @Slot(bool)
    def set_busy(self, busy: bool) -> None:
        """The lane at work (or idle): the indicator shows once the work has lasted a while."""
        if busy:
            self._busy_due.start()
        else:
            self._busy_due.stop()
            self.busy.hide()

    @Slot(str)
    def mark_saved(self, what: str) -> None:
        """The lasting note of the last change made here (a save, an undo)."""
        text = f"{what} {dt.datetime.now():%H:%M:%S}"
        self.last_save.setText(text)
        self.last_save.setAccessibleName(text)
