"""The Qt bindings must not lose references to None, True or False.

PySide6 6.12.0 drops a reference to None on every call of a method that returns nothing
(QObject.setObjectName, QPainter.setRenderHint...). On Python 3.11, where None is not immortal,
the window then crashes after a few thousand repaints ("deallocating None"). pyproject.toml pins
a release without the bug; this test fails on any release that brings it back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, QPointF
from PySide6.QtGui import QImage, QPainter
from PySide6.QtWidgets import QApplication


def test_void_calls_keep_none_alive(qapp: QApplication) -> None:
    obj = QObject()
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    before = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    for _ in range(500):
        obj.setObjectName("x")
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        QPointF(1, 2).setX(3)
    painter.end()
    after = sys.getrefcount(None), sys.getrefcount(True), sys.getrefcount(False)
    # other threads may hold a few references meanwhile; a leak would be thousands
    assert all(abs(a - b) < 100 for a, b in zip(after, before, strict=True)), (before, after)
