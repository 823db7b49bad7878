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

from PySide6.QtWidgets import QLabel, QWidget

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
    return f"{at:%H:%M}" if at.date() == today else f"{at:%d %b %H:%M}"


class SharedIndicator(QLabel):
    """Always in the status bar: the folder, each PC's last file, or the last problem."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.show_none()

    def show_none(self) -> None:
        self._set("no shared folder", "File › Shared folder… to share results with other PCs")

    def show_state(self, state: FolderState, today: dt.date | None = None) -> None:
        day = today or dt.date.today()
        if state.latest:
            shown = ", ".join(f"{pc} {_when(at, day)}" for pc, at in state.latest[:3])
            more = f" +{len(state.latest) - 3}" if len(state.latest) > 3 else ""
            text = f"shared: last file from {shown}{more}"
        else:
            text = "shared: no file from another PC yet"
        every = "\n".join(f"{pc}: {_when(at, day)}" for pc, at in state.latest)
        self._set(text, f"Shared folder {state.folder}\nLast file from each PC:\n{every}")

    def show_troubles(self, troubles: dict[str, str]) -> None:
        """Failures still being tried again: this PC's export ("") and other PCs' files."""
        own = troubles.get("")
        others = [name for name in troubles if name]
        if own:
            words = "this PC's file not written yet, trying again"
        else:
            words = (
                f"{len(others)} file{'s' if len(others) != 1 else ''} not read yet, trying again"
            )
        detail = "\n".join(f"{name or 'this PC'}: {text}" for name, text in troubles.items())
        self._set("⚠ shared folder: " + words, detail)
        self.setStyleSheet("color: #D55E00;")

    def show_problem(self, text: str) -> None:
        first = text.splitlines()[0] if text else "a problem"
        self._set("⚠ shared folder: " + (first if len(first) <= 60 else first[:59] + "…"), text)
        self.setStyleSheet("color: #D55E00;")

    def _set(self, text: str, tip: str) -> None:
        self.setStyleSheet("")
        self.setText(text)
        self.setToolTip(tip)
        self.setAccessibleName(text)
        self.setAccessibleDescription(tip)
