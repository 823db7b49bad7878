"""What a steward sees before any vote: open the demo, create a vote from a setup file, or
join a vote by importing another PC's results file."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget


class StartPage(QWidget):
    demo_requested = Signal()
    setup_requested = Signal()
    import_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        title = QLabel(self.tr("<h1>steward_app</h1><p>No vote in this database yet.</p>"))
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        demo = QPushButton(self.tr("Open the &demo vote (a 15-union coalition, modelled on 2011)"))
        demo.clicked.connect(self.demo_requested)
        setup = QPushButton(self.tr("&Create a vote from the coordinator's setup file…"))
        setup.clicked.connect(self.setup_requested)
        join = QPushButton(self.tr("&Import a results file from another PC (to join its vote)…"))
        join.clicked.connect(self.import_requested)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(title)
        for widget in (demo, setup, join):
            layout.addWidget(widget, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)
