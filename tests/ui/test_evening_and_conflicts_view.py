"""Issue 12, reading at a glance: the Evening axis shows the evening (titled, dated), and the
conflicts view shows whole numbers, marks the ones that differ and dates its times."""

from __future__ import annotations

import datetime as dt

from pytestqt.qtbot import QtBot

from steward_app.domain.counts import CountValues
from steward_app.services.conflicts import ConflictHead
from steward_app.ui.conflicts_view import differing_columns, head_cells
from steward_app.ui.main_window import MainWindow
from steward_app.ui.timeline_chart import evening_start
from tests.ui.test_main_window import select_unit, type_count

UNIT = "afscme-np4-391"


def test_the_evening_starts_after_the_last_long_gap() -> None:
    day = dt.datetime(2011, 6, 20, 20, 0).timestamp()
    today = dt.datetime(2026, 12, 7, 21, 0).timestamp()
    xs = [day, day + 600, day + 86400, today - 1800, today]
    assert evening_start(xs) == 3  # the two counts of tonight
    assert evening_start([day, day + 60, day + 2 * 86400]) == 0  # a vote over three evenings
    assert evening_start([]) == 0


def test_a_count_tonight_does_not_stretch_the_axis_over_years(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    select_unit(w, UNIT)
    type_count(qtbot, w, yes="1340", no="500", void="4")
    from PySide6.QtCore import Qt

    with qtbot.waitSignal(w.standings_shown, timeout=10000):
        qtbot.keyClick(w.form.edits["void"], Qt.Key.Key_Return)
    w.tabs.setCurrentWidget(w.timeline_chart)
    chart = w.timeline_chart
    qtbot.waitUntil(
        lambda: chart.timeline is not None and len(chart.timeline.points) == 20, timeout=10000
    )
    low, high = chart.margin_plot.getPlotItem().getViewBox().viewRange()[0]
    assert high - low < 2 * 86400  # an evening, not 2011 to today
    axis = chart.margin_plot.getPlotItem().getAxis("bottom")
    assert "time recorded" in axis.labelText and str(dt.date.today().year) in axis.labelText
    assert "19 earlier counts" in chart.caption.text()


def _head(yes: int, stamp: str, steward: str) -> ConflictHead:
    values = CountValues(yes, 500, 4, 0, None, False)
    return ConflictHead("e" * 64, values, steward, "hall office PC", "ab12", stamp)


def test_the_conflicts_view_marks_what_differs_and_dates_the_times() -> None:
    heads = (
        _head(1693, "2026-12-07T20:31:05+00:00", "a steward"),
        _head(1639, "2026-12-07T20:45:10+00:00", "a second steward"),
    )
    assert differing_columns(heads) == {1}  # only Yes differs
    cells = head_cells(heads[0])
    assert cells[0] == "1,693" and cells[-1] == "2026-12-07 20:31:05"


def test_the_conflicts_views_number_fields_show_a_whole_count(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    w = demo_window
    w.exchange.open_conflicts()
    view = w.exchange._conflicts
    assert view is not None
    edit = view.edits["yes"]
    edit.setText("1,693,000")
    needed = edit.fontMetrics().horizontalAdvance("1,693,000")
    assert edit.width() >= needed and edit.minimumWidth() >= needed
    view.close()
