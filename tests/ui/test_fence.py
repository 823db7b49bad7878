"""A fenced label: new words of the same height stay inside; a new height reaches the layout."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from steward_app.ui.fence import Fence


class _LayoutRequests(QObject):
    count = 0

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:
        self.count += event.type() == QEvent.Type.LayoutRequest
        return False


def _window(qtbot: QtBot) -> tuple[QWidget, QLabel, Fence, _LayoutRequests]:
    window = QWidget()
    qtbot.addWidget(window)
    label = QLabel("12 of 15 unions approve")
    label.setWordWrap(True)
    fence = Fence(label)
    layout = QVBoxLayout(window)
    layout.addWidget(fence)
    layout.addWidget(QLabel("below"))
    layout.addStretch(1)  # the fence gets the height its words need, no more
    window.resize(300, 200)
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(50)  # the first layout is done
    requests = _LayoutRequests()
    window.installEventFilter(requests)
    return window, label, fence, requests


def test_same_height_words_do_not_lay_the_window_out(qtbot: QtBot) -> None:
    window, label, fence, requests = _window(qtbot)
    height = fence.height()
    label.setText("13 of 15 unions approve")
    qtbot.wait(50)
    assert requests.count == 0
    assert label.text() == "13 of 15 unions approve"
    assert label.geometry() == fence.rect() and fence.height() == height
    # without the fence the same change lays the window out: what the fence saves
    bare = QLabel("12 of 15")
    window.layout().addWidget(bare)
    qtbot.wait(50)
    requests.count = 0
    bare.setText("13 of 15")
    qtbot.wait(50)
    assert requests.count > 0


def test_taller_words_make_room(qtbot: QtBot) -> None:
    _, label, fence, requests = _window(qtbot)
    height = fence.height()
    label.setText(" ".join(["every union of the coalition must approve"] * 6))
    qtbot.waitUntil(lambda: fence.height() > height)
    assert requests.count > 0
    assert label.height() == fence.height()
    assert fence.height() == label.heightForWidth(fence.width())
