"""The UI tests' net for modal message boxes (tests/ui/conftest.py): a box nobody expects fails
the test with its words instead of waiting offscreen for a click that never comes."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget
from pytestqt.qtbot import QtBot


def test_an_unexpected_message_box_fails_with_its_words(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    with pytest.raises(AssertionError, match=r"\(warning\) would wait for a click: Title / Text"):
        QMessageBox.warning(parent, "Title", "Text")
    box = QMessageBox(parent)
    with pytest.raises(AssertionError, match=r"\(exec\)"):
        box.exec()
