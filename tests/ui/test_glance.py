"""Issue 12, reading at a glance: the verdict banner in words, the coalition rule test by test
as the printed summary has it, and the units reported with the missing ones a click away."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from steward_app.ui.glance import glance_text
from steward_app.ui.main_window import MainWindow


def test_the_banner_the_rule_tests_and_the_units_reported(demo_window: MainWindow) -> None:
    w = demo_window
    assert w.standings is not None
    q = w.standings.questions["concessions"]
    g = glance_text(w.standings.vote, q)
    assert g.banner.startswith("PENDING · NOT DECIDED · leaning reject")
    assert "PENDING · NOT DECIDED · leaning reject" in w.verdict.banner.text()
    c = q.coalition
    assert c is not None
    # each test as the domain has it: so far, needed, state
    assert [row[:3] for row in g.tests] == [
        (t.description, t.value_text, t.threshold_text) for t in c.tests
    ]
    assert {row[3] for row in g.tests} == {"open"}
    for t in c.tests:
        assert t.description in w.verdict.tests.text()
    reported = sum(1 for u in q.units.values() if u.report.reported)
    assert g.reported == f"{reported} of {len(q.units)} units reported"
    assert "Must still approve" in g.reason and "AFSCME Council 4" in g.reason
    assert "0 yes needed of 0" not in w.verdict.text()


def test_a_missing_unit_is_one_click_from_its_count(qtbot: QtBot, demo_window: MainWindow) -> None:
    w = demo_window
    w.activateWindow()
    qtbot.waitUntil(w.isActiveWindow, timeout=5000)
    assert w.standings is not None
    g = glance_text(w.standings.vote, w.standings.questions["concessions"])
    unit_id, name = g.missing[0]
    assert name in w.verdict.reported.text()
    w.verdict.reported.linkActivated.emit(unit_id)  # what a click (or Enter) on the link does
    assert w.form._unit == unit_id
    assert QApplication.focusWidget() is w.form.edits["yes"]  # ready for its count
    assert w.tree.currentIndex().data() == name
