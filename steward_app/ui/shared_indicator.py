"""The shared folder's lasting indicator in the status bar: which folder, and when the last file
from each other PC arrived there ("shared: Vote share · hall PC 20:31, office PC 20:29"), or
what went wrong. A passing status-bar message is gone before anyone reads it; this stays.

`folder_state` runs on the write lane (it lists and reads the share, which may stop answering:
never on the database lane); each file's exporter is read from its signed manifest once per
(name, size, modification time). Failures still being tried again (SharedFolder.troubles) show
until overcome.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import QWidget

from steward_app.domain import language
from steward_app.ui.elided_label import ElidedLabel

Marks = dict[str, tuple[tuple[int, int], str]]  # file name -> (size, mtime ns), its PC


@dataclass(frozen=True)
class FolderState:
    folder: Path
    latest: tuple[tuple[str, dt.datetime], ...]  # (PC, time of its newest file), newest first


def folder_state(folder: Path, own: str, marks: Marks) -> FolderState:
    """The other PCs' files in `folder`: each PC with the time of its newest file."""
    from steward_app.sync import bundle, files
    from steward_app.sync.errors import ImportRefused

    newest: dict[str, dt.datetime] = {}
    for path in files.tally_files(folder):
        if path.name == own:
            continue
        try:
            st = path.stat()
        except OSError:
            continue
        mark = (st.st_size, st.st_mtime_ns)
        known = marks.get(path.name)
        if known is None or known[0] != mark:
            try:
                pc = bundle.open_file(files.read_whole(path), None, None).manifest.exporter.pc
            except (OSError, ImportRefused):
                pc = path.stem  # unreadable: the import says why; its name stands for it
            marks[path.name] = (mark, pc)
        pc = marks[path.name][1]
        at = dt.datetime.fromtimestamp(st.st_mtime_ns / 1e9)
        if pc not in newest or at > newest[pc]:
            newest[pc] = at
    latest = tuple(sorted(newest.items(), key=lambda item: item[1], reverse=True))
    return FolderState(folder, latest)


def _when(at: dt.datetime, today: dt.date) -> str:
    if at.date() == today:
        return f"{at:%H:%M}"
    # the month's name in the window's language: "23 Jun 20:31", "23 jun 20:31"
    return QLocale(language.current()).toString(
        QDateTime(QDate(at.year, at.month, at.day), QTime(at.hour, at.minute)), "dd MMM HH:mm"
    )


class SharedIndicator(ElidedLabel):
    """Always in the status bar: the folder, each PC's last file, or the last problem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("", parent)
        self.show_none()

    def show_none(self) -> None:
        self._set(
            self.tr("no shared folder"),
            self.tr("File › Shared folder… to share results with other PCs"),
        )

    def show_state(self, state: FolderState, today: dt.date | None = None) -> None:
        day = today or dt.date.today()
        if state.latest:
            shown = ", ".join(f"{pc} {_when(at, day)}" for pc, at in state.latest[:3])
            more = f" +{len(state.latest) - 3}" if len(state.latest) > 3 else ""
            text = self.tr("shared: last file from {pcs}").format(pcs=shown + more)
        else:
            text = self.tr("shared: no file from another PC yet")
        every = "\n".join(f"{pc}: {_when(at, day)}" for pc, at in state.latest)
        self._set(
            text,
            self.tr("Shared folder {folder}\nLast file from each PC:\n{files}").format(
                folder=state.folder, files=every
            ),
        )

    def show_troubles(self, troubles: dict[str, str]) -> None:
        """Failures still being tried again: this PC's export ("") and other PCs' files."""
        own = troubles.get("")
        others = [name for name in troubles if name]
        if own:
            words = self.tr("this PC's file not written yet, trying again")
        else:
            words = self.tr("%n file(s) not read yet, trying again", None, len(others))
        this_pc = self.tr("this PC")
        detail = "\n".join(f"{name or this_pc}: {text}" for name, text in troubles.items())
        self._set(self.tr("⚠ shared folder: {problem}").format(problem=words), detail)
        self.setStyleSheet("color: #D55E00;")

    def show_problem(self, text: str) -> None:
        first = text.splitlines()[0] if text else self.tr("a problem")
        shown = first if len(first) <= 60 else first[:59] + "…"
        self._set(self.tr("⚠ shared folder: {problem}").format(problem=shown), text)
        self.setStyleSheet("color: #D55E00;")

    def _set(self, text: str, tip: str) -> None:
        self.setStyleSheet("")
        self.setText(text)
        self.setToolTip(tip)
        self.setAccessibleName(text)
        self.setAccessibleDescription(tip)
