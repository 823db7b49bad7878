"""View > Zoom: every word grows, the charts' own text included, and the zoom is remembered."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QBoxLayout
from pytestqt.qtbot import QtBot

from steward_app.ui.chart_fonts import apply_zoom
from steward_app.ui.main_window import MainWindow
from tests.ui.conftest import open_window


@pytest.fixture(autouse=True)
def normal_size_after() -> Iterator[None]:
    yield
    apply_zoom(0)  # the application font outlives the window: leave it as found


def _size(font_owner: object) -> float:
    return float(font_owner.font().pointSizeF())  # type: ignore[attr-defined]


def _texts_in_charts(window: MainWindow) -> list[float]:
    """The point size of every word in the coalition chart: titles and the drawn bars."""
    sizes = []
    for plot in window.coalition_chart.plots:
        sizes.append(plot.title.font().pointSizeF())
        sizes.append(plot.canvas.font().pointSizeF())  # ticks, labels and the threshold's
    return sizes


def test_zoom_enlarges_widgets_and_chart_text_then_resets(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    normal = _size(QApplication.instance())
    assert set(_texts_in_charts(w)) == {normal}
    normal_height = w.coalition_chart.plots[0].canvas.minimumSizeHint().height()
    for _ in range(4):
        w._zoom(1)
    assert _size(QApplication.instance()) == normal + 4
    qtbot.waitUntil(lambda: _size(w.verdict) == normal + 4)  # widgets hear of it by events
    assert _size(w.verdict) == normal + 4
    assert _size(w.form.edits["yes"]) == normal + 4
    assert set(_texts_in_charts(w)) == {normal + 4}
    assert w.coalition_chart.plots[0].canvas.minimumSizeHint().height() > normal_height
    assert "font-size:x-large" in w.verdict.banner.text()  # the verdict stays larger than the rest
    w._zoom(0)
    qtbot.waitUntil(lambda: _size(w.verdict) == normal)
    assert set(_texts_in_charts(w)) == {normal}
    assert _size(w.verdict) == normal


def test_zoom_is_remembered_by_the_next_window(qtbot: QtBot, tmp_path: Path) -> None:
    first, lane = open_window(qtbot, tmp_path / "a.sqlite", demo=True)
    normal = _size(QApplication.instance())
    first._zoom(1)
    first._zoom(1)
    assert int(QSettings().value("window/zoom")) == 2
    first.close()
    lane.shutdown()
    apply_zoom(0)
    second, lane = open_window(qtbot, tmp_path / "b.sqlite", demo=True)
    assert _size(QApplication.instance()) == normal + 2
    qtbot.waitUntil(lambda: set(_texts_in_charts(second)) == {normal + 2})
    second.close()
    lane.shutdown()


def test_large_text_on_a_small_screen_scrolls_instead_of_squeezing(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """At a large zoom on a 1366x768 screen the bars keep the height their words need (the
    standings tab scrolls), and the what-if panel puts its projection under the assumptions."""
    w = demo_window
    w.resize(1366, 740)
    what_if = w.what_if
    w.tabs.setCurrentWidget(what_if)
    qtbot.waitUntil(lambda: what_if._layout.direction() == QBoxLayout.Direction.LeftToRight)
    for _ in range(5):
        w._zoom(1)
    qtbot.waitUntil(lambda: _size(w.verdict) == _size(QApplication.instance()))
    qtbot.waitUntil(lambda: what_if._layout.direction() == QBoxLayout.Direction.TopToBottom)
    w.tabs.setCurrentIndex(0)
    canvases = [p.canvas for p in w.coalition_chart.plots + w.union_chart.plots]
    qtbot.waitUntil(lambda: all(c.height() >= c.minimumSizeHint().height() for c in canvases))
    assert w.height() <= 768
    w._zoom(0)
    w.tabs.setCurrentWidget(what_if)
    qtbot.waitUntil(lambda: what_if._layout.direction() == QBoxLayout.Direction.LeftToRight)
