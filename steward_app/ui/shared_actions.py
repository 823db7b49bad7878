"""File › Shared folder… and the folder's lasting indicator: choosing the folder (refused when
it holds the other mode's files), the vote's own folder when the database opens or its vote
changes (ui/shared_setting.py), and what arrives, is written or fails there.

A part of ExchangeActions (ui/exchange_actions.py), kept apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QSettings, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox

from steward_app.ui.exchange_work import Imported
from steward_app.ui.shared_folder import SharedFolder
from steward_app.ui.shared_indicator import Marks, SharedIndicator, folder_state
from steward_app.ui.write_lane import WriteLane

if TYPE_CHECKING:
    from PySide6.QtWidgets import QMainWindow

    from steward_app.ui.database_lane import DatabaseLane
    from steward_app.ui.session import Session
    from steward_app.ui.window_context import WindowContext

    _Actions = QObject
else:
    _Actions = object


class SharedFolderActions(_Actions):
    """ExchangeActions' shared-folder part (a mixin: ExchangeActions sets the attributes)."""

    context: WindowContext
    window: QMainWindow
    lane: DatabaseLane
    shared: SharedFolder
    shared_indicator: SharedIndicator
    shared_note: str
    writes: WriteLane
    _marks: Marks

    def _session(self) -> Session | None:
        raise NotImplementedError  # ExchangeActions'

    def _arrived(self, result: Imported) -> None:
        raise NotImplementedError  # ExchangeActions'

    def _say(self, text: str, ms: int) -> None:
        raise NotImplementedError  # ExchangeActions'

    @Slot()
    def choose_shared_folder(self) -> None:
        current = self.shared.folder
        box = QMessageBox(self.window)
        box.setWindowTitle(QCoreApplication.translate("SharedFolderActions", "Shared folder"))
        box.setText(
            QCoreApplication.translate("SharedFolderActions", "Shared folder: {folder}").format(
                folder=current
            )
            if current
            else QCoreApplication.translate("SharedFolderActions", "No shared folder is set.")
        )
        box.setInformativeText(
            QCoreApplication.translate(
                "SharedFolderActions",
                "With a shared folder (a network drive, a synced folder), this PC writes its "
                "results there after each change and imports the other PCs' files as they appear. "
                "The database itself stays on this PC.",
            )
        )
        choose = box.addButton(
            QCoreApplication.translate("SharedFolderActions", "&Choose a folder…"),
            QMessageBox.ButtonRole.AcceptRole,
        )
        clear = box.addButton(
            QCoreApplication.translate("SharedFolderActions", "&Stop sharing"),
            QMessageBox.ButtonRole.DestructiveRole,
        )
        clear.setEnabled(current is not None)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        if box.clickedButton() is choose:
            folder = QFileDialog.getExistingDirectory(
                self.window,
                QCoreApplication.translate("SharedFolderActions", "Choose the shared folder"),
                str(current or ""),
            )
            if folder:
                self.use_shared_folder(Path(folder))
        elif box.clickedButton() is clear:
            self.use_shared_folder(None)

    def use_shared_folder(self, folder: Path | None) -> None:
        if folder is not None and folder.resolve() == self.context.db_path.resolve().parent:
            QMessageBox.warning(
                self.window,
                QCoreApplication.translate("SharedFolderActions", "Shared folder"),
                QCoreApplication.translate(
                    "SharedFolderActions",
                    "This is the database's own folder. Choose another folder for sharing: the "
                    "database stays on this PC and only results files go to the shared folder.",
                ),
            )
            return
        if folder is None:
            self.shared.set_folder(None)
            self.shared_indicator.show_none()
            self._say(
                QCoreApplication.translate(
                    "SharedFolderActions",
                    "Shared folder cleared: results are no longer written or picked up.",
                ),
                8000,
            )
            return
        standings = self.context.standings
        vote = standings.vote if standings is not None else None

        def work() -> str:
            from steward_app.ui.shared_setting import foreign_files

            return foreign_files(folder, vote) if vote is not None else ""

        def done(foreign: str) -> None:
            if foreign:
                QMessageBox.warning(
                    self.window,
                    QCoreApplication.translate("SharedFolderActions", "Shared folder"),
                    QCoreApplication.translate(
                        "SharedFolderActions", "{folder} is not used: {reason}"
                    ).format(folder=folder, reason=foreign),
                )
                return
            self.shared.set_folder(folder)
            self._say(
                QCoreApplication.translate(
                    "SharedFolderActions", "Sharing results through {folder}"
                ).format(folder=folder),
                8000,
            )
            self.shared.export_now()
            self.shared.scan()
            self.refresh_indicator()

        self.writes.submit(work, done, self.context.failed)  # reads the share: off the lane

    def _load_shared_folder(self) -> None:
        """The vote's own shared folder (ui/shared_setting.py), when the database opens or its
        vote changes; the user's setting from before moves into an official vote's database."""
        from steward_app.ui.shared_setting import OLD_SETTING, Opened, open_folder

        old = QSettings().value(OLD_SETTING)
        old_setting = str(old) if old else None

        def work() -> Opened:
            session = self._session()
            assert session is not None
            return open_folder(session.store, old_setting)

        def done(opened: Opened) -> None:
            if opened.migrated:
                QSettings().remove(OLD_SETTING)
            if opened.note:
                self.shared_note = opened.note
                self._say(opened.note, 15000)
            if opened.folder != self.shared.folder:
                self.shared.set_folder(opened.folder, remember=False)
            self.shared.scan()
            self.refresh_indicator()

        self.lane.submit(work, done, self.context.failed)

    @Slot()
    def refresh_indicator(self) -> None:
        """The lasting indicator: each other PC's last file in the folder (read on the lane)."""
        folder = self.shared.folder
        if folder is None:
            self.shared_indicator.show_none()
            return
        own, marks = self.shared.own, self._marks

        def done(state: object) -> None:
            if self.shared.folder != folder:
                return  # another folder chosen meanwhile
            if isinstance(state, str):
                self.shared_indicator.show_problem(state)
            elif self.shared.troubles:
                self.shared_indicator.show_troubles(self.shared.troubles)
            else:
                self.shared_indicator.show_state(state)  # type: ignore[arg-type]

        def work() -> object:
            try:
                return folder_state(folder, own, marks)
            except OSError as exc:
                return QCoreApplication.translate(
                    "SharedFolderActions", "cannot read {folder}: {error}"
                ).format(folder=folder, error=exc.strerror or exc)

        # listing and reading the share run off the database lane: a share that stops
        # answering never holds a save
        self.writes.submit(work, done, lambda e: self.shared_indicator.show_problem(str(e)))

    @Slot(object)
    def _on_shared_troubles(self, troubles: dict[str, str]) -> None:
        """Failures still being tried again (ui/shared_folder.py) show until overcome."""
        if troubles:
            self.shared_indicator.show_troubles(troubles)
        else:
            self.refresh_indicator()

    @Slot(object)
    def _on_shared_arrived(self, result: Imported) -> None:
        self._arrived(result)
        self.refresh_indicator()

    @Slot(str)
    def _on_shared_exported(self, path: str) -> None:
        self._say(
            QCoreApplication.translate(
                "SharedFolderActions", "Results written to the shared folder ({file})"
            ).format(file=Path(path).name),
            5000,
        )
        self.refresh_indicator()

    @Slot(str)
    def _on_shared_failed(self, text: str) -> None:
        self._say(text, 15000)
        self.shared_indicator.show_problem(text)
