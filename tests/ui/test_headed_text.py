"""A heading in rich text with its words in plain text, each label touched only when it changes."""

from __future__ import annotations

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from steward_app.ui.headed_text import HeadedText


def test_heading_is_rich_and_the_words_plain(qtbot: QtBot) -> None:
    text = HeadedText()
    qtbot.addWidget(text)
    text.set("<b>Coalition: PENDING</b>", "needs 14 of 15 <unions> & 80%")
    assert text.heading.textFormat() == Qt.TextFormat.RichText
    assert text.words.textFormat() == Qt.TextFormat.PlainText
    assert text.words.text() == "needs 14 of 15 <unions> & 80%"  # shown as typed, not markup
    assert text.text() == "<b>Coalition: PENDING</b>\nneeds 14 of 15 <unions> & 80%"
    assert text.accessibleDescription() == "Coalition: PENDING needs 14 of 15 <unions> & 80%"


def test_an_unchanged_heading_is_not_set_again(qtbot: QtBot) -> None:
    text = HeadedText(beside=True)
    qtbot.addWidget(text)
    text.set("<b>Unions approving</b>", "open: approved 6")
    changes: list[str] = []
    text.heading.setText = changes.append  # type: ignore[method-assign]
    text.set("<b>Unions approving</b>", "open: approved 7")
    assert changes == []
    assert text.words.text() == "open: approved 7"
    text.set("<b>Unions approving</b> (revised)", "open: approved 7")
    assert changes == ["<b>Unions approving</b> (revised)"]


def test_words_beside_the_heading_wrap_and_get_their_height(qtbot: QtBot) -> None:
    text = HeadedText(beside=True)
    qtbot.addWidget(text)
    text.set("<b>AFSCME Council 4: pending</b>", " ".join(["needs 1,326 yes of 1,850"] * 8))
    text.resize(400, 300)
    text.show()
    qtbot.waitExposed(text)
    assert text.words.wordWrap() and not text.heading.wordWrap()
    needed = text.words.heightForWidth(text.words.width())
    assert needed > 2 * text.heading.sizeHint().height()  # several lines
    assert text.heightForWidth(400) >= needed and text.words.height() >= needed  # all shown
