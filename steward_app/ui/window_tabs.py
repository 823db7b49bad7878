"""The window's middle: the verdict at a glance, the Standings, Evening and What-if tabs, and
what a blind second entry hides there.

A part of MainWindow (ui/main_window.py), kept apart: the window builds the widgets, this
fills them from the standings. The Evening and What-if tabs are built when first opened and
refresh only while shown.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Slot
from PySide6.QtWidgets import QMainWindow, QTabWidget, QWidget

from steward_app.domain.chart_data import coalition_bars, union_bars, union_needed_text
from steward_app.domain.standings import Standings, UnionStanding
from steward_app.domain.tally import Outcome
from steward_app.ui.bar_chart import BarChart
from steward_app.ui.chart_actions import add_chart_actions
from steward_app.ui.coalition_tree_model import CoalitionTreeModel
from steward_app.ui.glance import Glance, glance_text
from steward_app.ui.headed_text import HeadedText
from steward_app.ui.palette import FOCUS_RING, status_words

if TYPE_CHECKING:
    from steward_app.domain.projection import Scenario
    from steward_app.services.timeline import Timeline
    from steward_app.ui.timeline_chart import TimelineChart
    from steward_app.ui.what_if_panel import WhatIfPanel
    from steward_app.ui.window_context import WindowContext

    _Window = QMainWindow
else:
    _Window = object

# the tabs' labels, translated where they are shown (tab_label)
EVENING_TAB = (1, str(QT_TRANSLATE_NOOP("window_tabs", "Evening")))
WHAT_IF_TAB = (2, str(QT_TRANSLATE_NOOP("window_tabs", "What if")))


def tab_label(tab: tuple[int, str]) -> str:
    return QCoreApplication.translate("window_tabs", tab[1])


def union_words(s: UnionStanding) -> str:
    """The union's sentence: what it still needs while pending, else why it stands so."""
    if s.outcome is Outcome.PENDING and s.units_reported == 0:
        return QCoreApplication.translate("window_tabs", "no votes counted yet. ") + s.reason
    return union_needed_text(s) if s.outcome is Outcome.PENDING else s.reason


class WindowTabs(_Window):
    """MainWindow's middle part (a mixin: the window sets the attributes below)."""

    context: WindowContext
    standings: Standings | None
    question_id: str
    selected_union: str
    hidden_unit: str
    verdict: Glance
    coalition_chart: BarChart
    union_chart: BarChart
    union_text: HeadedText
    tree_model: CoalitionTreeModel
    tabs: QTabWidget
    _timeline_chart: TimelineChart | None
    _what_if: WhatIfPanel | None

    def _refresh_dashboard(self) -> None:
        if self.standings is None:
            return
        vote = self.standings.vote
        q = self.standings.questions[self.question_id]
        c = q.coalition
        self.verdict.show_text(glance_text(vote, q))
        if c is not None:
            self.coalition_chart.set_bars(coalition_bars(vote, c, q))
        union_id = self.selected_union or vote.unions[0].id
        s = q.unions.get(union_id)
        hidden = self.hidden_unit
        if s is not None and hidden and vote.unit_by_id[hidden].union_id == union_id:
            union = vote.union_by_id[union_id]
            self.union_text.set(
                "<b>{}</b>".format(
                    QCoreApplication.translate("window_tabs", "{union}: hidden").format(
                        union=union.name
                    )
                ),
                QCoreApplication.translate(
                    "window_tabs",
                    "A blind second entry is open for one of its units: its numbers are hidden "
                    "until that entry is saved or cancelled.",
                ),
            )
            self.union_chart.set_bars([])
        elif s is not None:
            union = vote.union_by_id[union_id]
            # the sentence above and each bar's title name the union: no caption of its own
            self.union_chart.set_caption("")
            provisional = s.units_reported - s.units_final
            self.union_text.set(
                f"<b>{union.name}: {status_words(s.outcome, s.decided, provisional)}</b>",
                union_words(s),
            )
            self.union_chart.set_bars(union_bars(vote, s, q))
        if self._what_if is not None:
            self._what_if.set_vote(vote)
        self._refresh_hidden_tab()

    def _put_tab(self, tab: tuple[int, str], widget: QWidget) -> None:
        index, label = tab[0], tab_label(tab)
        current = self.tabs.currentIndex()
        self.tabs.blockSignals(True)
        self.tabs.removeTab(index)
        self.tabs.insertTab(index, widget, label)
        self.tabs.setCurrentIndex(current)
        self.tabs.blockSignals(False)

    @property
    def timeline_chart(self) -> TimelineChart:
        if self._timeline_chart is None:
            from steward_app.ui.timeline_chart import TimelineChart  # built when first opened

            self._timeline_chart = TimelineChart()
            add_chart_actions(self._timeline_chart, "evening")
            self._put_tab(EVENING_TAB, self._timeline_chart)
        return self._timeline_chart

    @property
    def what_if(self) -> WhatIfPanel:
        if self._what_if is None:
            from steward_app.ui.what_if_panel import WhatIfPanel  # built when first opened

            self._what_if = WhatIfPanel()
            self._what_if.scenario_changed.connect(self._on_what_if_scenario_changed)
            self._what_if.setStyleSheet(FOCUS_RING)
            if self.standings is not None:
                self._what_if.set_vote(self.standings.vote)
            self._put_tab(WHAT_IF_TAB, self._what_if)
        return self._what_if

    def _refresh_hidden_tab(self) -> None:
        """The Evening and What-if tabs refresh only while shown (they cost more)."""
        current = self.tabs.currentIndex()
        if current == EVENING_TAB[0]:
            self.timeline_chart.setEnabled(True)  # built on first opening
            self._load_timeline()
        elif current == WHAT_IF_TAB[0]:
            self._on_what_if_scenario_changed(self.what_if.scenario())

    def _load_timeline(self) -> None:
        if self.standings is None:
            return
        vote = self.standings.vote
        union_id = self.selected_union or vote.unions[0].id
        question = self.question_id
        context = self.context

        def work() -> Timeline:
            from steward_app.services.timeline import timeline

            return timeline(context.open_session().store, question, union_id)

        def done(result: Timeline) -> None:
            rule = vote.coalition_rule
            threshold = float(rule.membership.share * 100) if rule.membership else None
            label = (
                QCoreApplication.translate("window_tabs", "needs {rule}").format(
                    rule=rule.membership.describe()
                )
                if rule.membership
                else ""
            )
            self.timeline_chart.set_timeline(
                result, vote.union_by_id[union_id].name, threshold, label
            )

        context.run(work, done)

    @Slot(int)
    def _on_tabs_current_changed(self, _index: int) -> None:
        self._refresh_hidden_tab()

    @Slot(object)
    def _on_what_if_scenario_changed(self, scenario: Scenario) -> None:
        if self.standings is None or self.tabs.currentIndex() != WHAT_IF_TAB[0]:
            return
        vote = self.standings.vote
        question = self.question_id
        context = self.context

        def work() -> Standings:
            from steward_app.domain.projection import project

            return project(vote, dict(context.open_session().cache.reports), scenario)

        context.run(work, lambda projected: self.what_if.show_projection(projected, question))

    @Slot(str)
    def _on_form_blind_changed(self, unit_id: str) -> None:
        """A blind second entry opened (closed) for `unit_id`: its numbers are hidden (shown
        again) everywhere in the window: the tree, the union's words and chart, the status
        bar, the Evening and What-if tabs."""
        self.hidden_unit = unit_id
        self.tree_model.hide_unit(unit_id)
        for index in (EVENING_TAB[0], WHAT_IF_TAB[0]):
            self.tabs.setTabEnabled(index, not unit_id)
        if unit_id:
            self.tabs.setCurrentIndex(0)
            self.statusBar().clearMessage()
        self._refresh_dashboard()

    @Slot(str)
    def _on_status_message_changed(self, text: str) -> None:
        """While a blind second entry is open, no message shows its unit's numbers."""
        unit_id = self.hidden_unit
        if not unit_id or not text or self.standings is None:
            return
        unit = self.standings.vote.unit_by_id.get(unit_id)
        names = [unit_id] + ([unit.name] if unit is not None else [])
        yes = QCoreApplication.translate("window_tabs", " yes", "after a number of yes votes")
        if any(name in text for name in names) or " yes" in text or yes in text:
            self.statusBar().showMessage(
                QCoreApplication.translate(
                    "WindowTabs",
                    "(a message about the counts is hidden during the blind second entry)",
                ),
                8000,
            )
