"""The window's data-safety actions: restore from a backup, the steward's and PC's names, and
the day's backup (when the window opens, then checked every hour for a window left open past
midnight). Everything that touches the database runs on the database lane.

The backup services are imported on the lane when the first backup is made, and the restore
dialog when it is opened: the window's cold start does not wait for them (bench/bench_window.py)."""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QTimer, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QMessageBox

from steward_app.ui.first_run import ask_names

if TYPE_CHECKING:
    from steward_app.domain.standings import Standings
    from steward_app.services import backups
    from steward_app.store.backup import Restorable
    from steward_app.ui.window_context import WindowContext

log = logging.getLogger(__name__)

DAILY_CHECK_MS = 3_600_000


class DataSafety(QObject):
    def __init__(self, context: WindowContext, menu: QMenu, before: QAction | None = None) -> None:
        super().__init__(context)
        self.context = context
        window = context.window
        self.restore_action = QAction(self.tr("Restore from a &backup…"), window)
        self.restore_action.triggered.connect(self._on_restore_triggered)
        self.names_action = QAction(self.tr("Steward and PC n&ames…"), window)
        self.names_action.triggered.connect(self._on_names_triggered)
        menu.insertActions(before, [self.restore_action, self.names_action])  # type: ignore[arg-type]
        menu.insertSeparator(before)  # type: ignore[arg-type]
        self.timer = QTimer(self)
        self.timer.setInterval(DAILY_CHECK_MS)
        self.timer.timeout.connect(self.daily_backup)
        self.timer.start()
        context.standings_changed.connect(self._on_first_standings)

    @Slot(object, object, object)
    def _on_first_standings(self, *_: object) -> None:
        self.context.standings_changed.disconnect(self._on_first_standings)
        self.daily_backup()

    @Slot()
    def daily_backup(self) -> None:
        path = self.context.db_path

        def done(saved: Path | None) -> None:
            if saved is not None:
                self.context.say(self.tr("Today's backup saved to {file}").format(file=saved), 6000)

        def failed(error: BaseException) -> None:
            log.error("the day's backup was not made: %s", error)
            self.context.say(
                self.tr("The day's backup was not made: {error}").format(error=error), 15000
            )

        def work() -> Path | None:
            from steward_app.services import backups

            return backups.daily_backup_if_due(path)

        self.context.run(work, done, failed)

    @Slot()
    def _on_names_triggered(self) -> None:
        author = ask_names(self.context.window, self.context.author, first_run=False)
        if author is not None:
            self.context.author = author
            self.context.say(
                self.tr("Entries from now on: {steward} on {pc}").format(
                    steward=author.steward, pc=author.pc
                ),
                6000,
            )

    @Slot()
    def _on_restore_triggered(self) -> None:
        from steward_app.ui.restore_dialog import RestoreDialog

        dialog = RestoreDialog(self.context.db_path, self.context.window)
        if dialog.exec() != RestoreDialog.DialogCode.Accepted or dialog.chosen is None:
            return
        from steward_app.services import backups

        chosen = dialog.chosen
        db_path = self.context.db_path
        self.context.run(lambda: backups.check(db_path, chosen), self._confirm)

    def _confirm(self, checked: Restorable) -> None:
        answer = QMessageBox.question(
            self.context.window,
            self.tr("Restore this backup?"),
            self.tr(
                "Replace the database with {file} (%Ln entry(s))?\n\nThe database as it is now "
                "is backed up first. Counts entered after this backup are not in it: import the "
                "latest tally files from the other PCs afterwards.",
                None,
                checked.entries,
            ).format(file=checked.path.name),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self.context.run(lambda: self.restore_on_lane(checked.path), self._on_restored)

    def restore_on_lane(self, chosen: Path) -> tuple[backups.Restored, Standings | None]:
        """Close the session, restore, open a new session (also when the restore failed)."""
        from steward_app.services import backups
        from steward_app.ui.session import Session

        context = self.context
        old, context.session = context.session, None
        if old is not None:
            old.store.close()
        try:
            restored = backups.restore(context.db_path, chosen)
        finally:
            context.session = Session(context.db_path)
        return restored, context.session.standings()

    def _on_restored(self, result: tuple[backups.Restored, Standings | None]) -> None:
        restored, standings = result
        self.context.change(standings, None, self)
        saved = ""
        if restored.previous is not None:
            saved = "\n\n" + self.tr("The database as it was is saved in {file}.").format(
                file=restored.previous
            )
        self.context.say(self.tr("Restored {file}").format(file=restored.source.name), 8000)
        QMessageBox.information(
            self.context.window,
            self.tr("Restored"),
            self.tr("Restored {file} (%Ln entry(s)) at {time}.", None, restored.entries).format(
                file=restored.source, time=f"{dt.datetime.now():%H:%M}"
            )
            + saved,
        )
