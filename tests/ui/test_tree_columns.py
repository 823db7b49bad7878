"""The tree's columns: names readable, and room for every status a line can come to have."""

from __future__ import annotations

from steward_app.domain.tally import Outcome
from steward_app.ui.main_window import MainWindow
from steward_app.ui.palette import status_text


def test_columns_fit_names_and_every_status(demo_window: MainWindow) -> None:
    tree = demo_window.tree
    metrics = tree.fontMetrics()
    for outcome in Outcome:  # a unit that reports later must not get a clipped status
        assert tree.columnWidth(1) >= metrics.horizontalAdvance(status_text(outcome, True))
    # a name of up to 26 letters is shown whole, longer ones are cut (their tooltip has them)
    assert tree.columnWidth(0) >= metrics.horizontalAdvance("AFSCME Council 4")
    assert tree.columnWidth(0) <= metrics.averageCharWidth() * 26 + tree.indentation() * 2
    # the numbers fit with room for one more digit than today
    yes = demo_window.tree_model.index(0, 2).data()
    assert tree.columnWidth(2) > metrics.horizontalAdvance(f"{yes}0")
