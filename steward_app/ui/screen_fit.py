"""Sizes that fit the screen: a dialog never opens wider or taller than the screen it is on."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

# room left for the window frame and its title bar, which availableGeometry does not include
FRAME_MARGIN = 40


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize `widget` to width x height, or less where its screen is smaller (1024x600)."""
    parent = widget.parentWidget()
    screen = (parent or widget).screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width = min(width, max(available.width() - FRAME_MARGIN, 1))
        height = min(height, max(available.height() - FRAME_MARGIN, 1))
    widget.resize(width, height)
