"""The drawn bars: ticks, where segments, words and the threshold go, and the pixels they make."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QImage
from pytestqt.qtbot import QtBot

from steward_app.domain.chart_data import Bar, Segment
from steward_app.ui.bar_chart import BarChart, _BarCanvas, bar_geometry, nice_ticks, tick_text
from steward_app.ui.palette import APPROVE, REJECT


def _bar(
    values: tuple[float, ...] = (6, 8, 1),
    threshold: float | None = 14,
    maximum: float = 15,
    unit: str = "unions",
) -> Bar:
    kinds = ("approved", "pending", "rejected")
    segments = tuple(
        Segment(f"{kind} {value:g}", value, kind)
        for kind, value in zip(kinds, values, strict=False)
    )
    return Bar(
        "Unions approving",
        segments,
        maximum,
        threshold,
        f"needs {threshold:g}" if threshold is not None else "",
        "open",
        unit,
    )


def _metrics(qapp: object) -> QFontMetricsF:
    return QFontMetricsF(QFont())


@pytest.mark.parametrize(
    ("maximum", "room", "expected"),
    [
        (15, 20, [float(v) for v in range(16)]),
        (100, 10, [float(v) for v in range(0, 101, 10)]),
        (9200, 5, [0.0, 2000.0, 4000.0, 6000.0, 8000.0]),
        (3, 10, [0.0, 1.0, 2.0, 3.0]),  # never closer than one member or union
        (0, 10, [0.0]),
    ],
)
def test_ticks_step_by_one_two_or_five(maximum: float, room: int, expected: list[float]) -> None:
    assert nice_ticks(maximum, room) == expected


@given(st.floats(min_value=1, max_value=5_000_000), st.integers(min_value=1, max_value=60))
def test_ticks_fit_their_room_and_the_axis(maximum: float, room: int) -> None:
    ticks = nice_ticks(maximum, room)
    assert ticks[0] == 0
    assert ticks[-1] <= maximum + 1e-6
    assert len(ticks) - 1 <= max(room, 1) or ticks[1] == 1.0  # only a step of 1 may crowd
    step = ticks[1] - ticks[0] if len(ticks) > 1 else 1.0
    mantissa = step / 10 ** int(f"{step:e}".split("e")[1])
    assert round(mantissa, 6) in (1.0, 2.0, 5.0)


def test_tick_text_groups_thousands() -> None:
    assert tick_text(8000) == "8,000"
    assert tick_text(2.5) == "2.5"


def test_segments_are_proportional_and_contiguous(qapp: object) -> None:
    g = bar_geometry(_bar(), 600, 120, _metrics(qapp))
    rects = [rect for rect, _kind in g.segments]
    assert [kind for _r, kind in g.segments] == ["approved", "pending", "rejected"]
    assert rects[0].left() == pytest.approx(g.frame.left())
    for before, after in itertools.pairwise(rects):
        assert after.left() == pytest.approx(before.right())
    per_union = g.frame.width() / 15
    assert [r.width() for r in rects] == pytest.approx([6 * per_union, 8 * per_union, per_union])
    assert rects[-1].right() == pytest.approx(g.frame.right())


def test_words_only_inside_segments_that_hold_them(qapp: object) -> None:
    g = bar_geometry(_bar(), 600, 120, _metrics(qapp))
    shown = {label.text for label in g.labels}
    assert shown == {"approved 6", "pending 8"}  # "rejected 1" does not fit in 1/15 of the bar
    for label in g.labels:
        holder = next(r for r, _k in g.segments if r.contains(label.box.center()))
        assert holder.left() <= label.box.left() and label.box.right() <= holder.right()


def test_words_step_aside_from_the_threshold_line(qapp: object) -> None:
    bar = _bar(values=(4200, 5000), threshold=4601, maximum=9200, unit="votes")
    g = bar_geometry(bar, 460, 150, _metrics(qapp))
    assert g.threshold is not None
    x = g.threshold[0]
    for label in g.labels:
        assert not (label.box.left() < x < label.box.right()), label.text


@pytest.mark.parametrize("threshold", [0, 0.5, 7, 14.9, 15])
def test_threshold_label_stays_on_the_canvas(qapp: object, threshold: float) -> None:
    g = bar_geometry(_bar(threshold=threshold), 300, 120, _metrics(qapp))
    assert g.threshold is not None
    x, label = g.threshold
    assert g.frame.left() <= x <= g.frame.right()
    assert label.box.left() >= 0 and label.box.right() <= 300
    assert label.box.bottom() <= g.frame.top()  # above the bar, never over the segments


def test_no_threshold_no_line(qapp: object) -> None:
    g = bar_geometry(_bar(threshold=None), 300, 120, _metrics(qapp))
    assert g.threshold is None
    assert g.frame.top() < 5  # the bar takes the room the label would have


def _color_near(image: QImage, x: float, y: float, color: str) -> bool:
    """Whether a pixel in a 7x7 square around (x, y) has this colour."""
    want = QColor(color)
    return any(
        image.pixelColor(round(x) + dx, round(y) + dy) == want
        for dx in range(-3, 4)
        for dy in range(-3, 4)
    )


def test_canvas_paints_colours_patterns_and_the_line(qtbot: QtBot) -> None:
    canvas = _BarCanvas()
    qtbot.addWidget(canvas)
    canvas.resize(600, 140)
    canvas.show_bar(_bar(values=(6, 8, 1)))
    image = canvas.grab().toImage()
    g = canvas.geometry_now()
    assert g is not None
    approved, _pending, rejected = (rect for rect, _kind in g.segments)
    # the solid approved segment, below its label
    assert image.pixelColor(round(approved.center().x()), round(approved.bottom() - 4)) == QColor(
        APPROVE
    )
    # the rejected segment is hatched: some pixels in its colour, some white between them
    assert _color_near(image, rejected.center().x(), rejected.center().y(), REJECT)
    assert _color_near(image, rejected.center().x(), rejected.center().y(), "#ffffff")
    assert g.threshold is not None
    x = g.threshold[0]
    column = [
        image.pixelColor(round(x), round(y))
        for y in range(int(g.frame.top()), int(g.frame.bottom()))
    ]
    assert sum(c == QColor("black") for c in column) > len(column) / 3  # dashed, mostly drawn


def test_chart_describes_every_bar_for_screen_readers(qtbot: QtBot) -> None:
    chart = BarChart("The coalition against its rule")
    qtbot.addWidget(chart)
    chart.set_bars([_bar(), _bar(values=(20, 70, 10), threshold=80, maximum=100, unit="%")])
    assert len(chart.plots) == 2
    description = chart.accessibleDescription()
    assert "approved 6" in description and "needs 80" in description
    chart.set_bars([_bar()])
    assert len(chart.plots) == 1
