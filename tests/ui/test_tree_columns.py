"""The tree's columns: names readable, and room for every status a line can come to have."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from steward_app.domain.tally import Outcome
from steward_app.ui.main_window import MainWindow
from steward_app.ui.palette import status_text


def test_columns_fit_names_and_every_status(qtbot: QtBot, demo_window: MainWindow) -> None:
    demo_window.resize(1366, 740)  # a laptop's screen: the names have their room
    tree = demo_window.tree
    qtbot.waitUntil(lambda: tree.viewport().width() > 450)
    metrics = tree.fontMetrics()
    for outcome in Outcome:  # a unit that reports later must not get a clipped status
        assert tree.columnWidth(1) >= metrics.horizontalAdvance(status_text(outcome, True))
    # a name of up to 26 letters is shown whole, longer ones are cut (their tooltip has them)
    assert tree.columnWidth(0) >= metrics.horizontalAdvance("AFSCME Council 4")
    assert tree.columnWidth(0) <= metrics.averageCharWidth() * 26 + tree.indentation() * 2
    # the numbers fit with room for one more digit than today
    yes = demo_window.tree_model.index(0, 2).data()
    assert tree.columnWidth(2) > metrics.horizontalAdvance(f"{yes}0")


def test_on_a_narrow_pane_the_names_give_way_to_the_numbers(
    qtbot: QtBot, demo_window: MainWindow
) -> None:
    """1024x600: the names shorten (down to 9 letters) so that Yes, No and Turnout stay in
    view, rather than the Turnout column hiding off the right edge."""
    w = demo_window
    w.resize(1366, 740)
    qtbot.waitUntil(lambda: w.tree.viewport().width() > 450)
    wide = w.tree.columnWidth(0)
    w.resize(1024, 572)
    w.splitter.setSizes([423, 440, 144])  # the tree's share at 1024 (main_window)
    tree = w.tree
    qtbot.waitUntil(lambda: tree.columnWidth(0) < wide)
    total = sum(tree.columnWidth(c) for c in range(5))
    assert total <= tree.viewport().width() + 1
