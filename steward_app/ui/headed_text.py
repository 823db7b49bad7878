"""A heading in rich text with words in plain text: the sentences that change on every save.

The verdict, the union's sentence and each bar's title were one rich-text label each. Qt lays
rich text out through a whole text document: measuring the verdict's height took about 0.6 ms,
plain text of the same length 0.04 ms, and each save measures every sentence it changes. So the
part that changes with every count (the reason, the numbers) is plain text in a fenced label
(ui/fence), and the rich heading (the outcome in large coloured letters, a name in bold) is set
only when it changes, which is seldom.
"""

from __future__ import annotations

import re

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QBoxLayout, QLabel, QSizePolicy, QWidget

from steward_app.ui.fence import Fence

_TAG = re.compile(r"<[^>]*>")


class HeadedText(QWidget):
    """A heading above (or beside) its words."""

    def __init__(self, beside: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.heading = QLabel()
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        self.heading.setWordWrap(True)
        self.words = QLabel()
        self.words.setTextFormat(Qt.TextFormat.PlainText)
        self.words.setWordWrap(True)
        self.words.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        direction = QBoxLayout.Direction.LeftToRight if beside else QBoxLayout.Direction.TopToBottom
        layout = QBoxLayout(direction, self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4 if beside else 0)
        if beside:  # the heading on one line, the words wrap beside it
            self.heading.setWordWrap(False)
            self.heading.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
            self.heading.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.heading)
        layout.addWidget(Fence(self.words), 1)
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)  # as tall as its words need at the width it gets
        self.setSizePolicy(policy)

    def set(self, heading: str, words: str) -> None:
        """Rich `heading`, plain `words`; a label whose text is unchanged is not touched."""
        if heading == self.heading.text() and words == self.words.text():
            return
        if heading != self.heading.text():
            self.heading.setText(heading)
        if words != self.words.text():
            self.words.setText(words)
        self.setAccessibleDescription(f"{_TAG.sub('', heading)} {words}")

    def text(self) -> str:
        return f"{self.heading.text()}\n{self.words.text()}"
