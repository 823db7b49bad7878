"""The steward's window: the coalition tree, the verdict and charts, and count entry.

The window builds nothing global: the entry point hands it the database lane and the path.
Every database call goes through the lane; results arrive as plain standings.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QMainWindow,
    QMenu,
    QMessageBox,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from steward_app import __version__
from steward_app.domain.standings import Standings
from steward_app.domain.vote import Mode
from steward_app.services.authors import Author
from steward_app.services.counting import CurrentCount, Recorded, current_counts, record_count
from steward_app.services.errors import Refused
from steward_app.ui.bar_chart import BarChart
from steward_app.ui.chart_actions import add_chart_actions, copy_chart, save_chart
from steward_app.ui.coalition_tree_model import ID_ROLE, KIND_ROLE, NodeKind
from steward_app.ui.count_form import CountForm, SaveRequest
from steward_app.ui.data_safety import DataSafety
from steward_app.ui.database_lane import DatabaseLane
from steward_app.ui.exchange_actions import ExchangeActions
from steward_app.ui.glance import Glance
from steward_app.ui.headed_text import HeadedText
from steward_app.ui.language_dialog import choose_window_language
from steward_app.ui.report_actions import ReportActions
from steward_app.ui.session import Session
from steward_app.ui.start_page import StartPage
from steward_app.ui.tree_keys import TreeKeys
from steward_app.ui.tree_pane import TreePane
from steward_app.ui.undo_actions import UndoActions
from steward_app.ui.vote_actions import VoteActions
from steward_app.ui.window_context import WindowContext
from steward_app.ui.window_layout import WindowLayout
from steward_app.ui.window_status import WindowStatus
from steward_app.ui.window_tabs import EVENING_TAB, WHAT_IF_TAB, WindowTabs, tab_label

if TYPE_CHECKING:
    from steward_app.services.changes import Changes
    from steward_app.ui.timeline_chart import TimelineChart
    from steward_app.ui.what_if_panel import WhatIfPanel


# a menu entry: its text, its keys, what it does (None in a list of them: a separator)
MenuEntry = tuple[str, QKeySequence | QKeySequence.StandardKey | None, Callable[[], object]] | None


class MainWindow(WindowTabs, WindowLayout, QMainWindow):
    standings_shown = Signal(object)  # Standings or None, after every refresh of the views

    def __init__(
        self, lane: DatabaseLane, db_path: Path, author: Author, demo: bool = False
    ) -> None:
        super().__init__()
        # the hub the controllers share (ui/window_context.py); connected first, the window
        # shows new standings before any controller hears of them
        self.context = WindowContext(self, lane, db_path, author)
        self.context.standings_changed.connect(self._on_standings_changed)
        self.question_id = ""
        self.selected_union = ""
        self.zoom = 0  # points added to the system font (View > Zoom), restored below
        self.setWindowTitle(f"steward_app {__version__}")
        self._build()
        self._restore_layout()
        self.statusBar().showMessage(self.tr("Opening {path}…").format(path=db_path))
        self.context.run(lambda: self._open_session(demo), self._on_session_opened)

    # what the window shares with its controllers lives in its context

    @property
    def lane(self) -> DatabaseLane:
        return self.context.lane

    @property
    def db_path(self) -> Path:
        return self.context.db_path

    @property
    def author(self) -> Author:
        return self.context.author

    @author.setter
    def author(self, author: Author) -> None:
        self.context.author = author

    @property
    def session(self) -> Session | None:
        return self.context.session

    @session.setter
    def session(self, session: Session | None) -> None:
        self.context.session = session

    @property
    def standings(self) -> Standings | None:
        return self.context.standings

    @standings.setter
    def standings(self, standings: Standings | None) -> None:
        self.context.standings = standings

    # --- layout --------------------------------------------------------------------------

    def _build(self) -> None:
        self._build_views()
        self._build_controllers()

    def _build_views(self) -> None:
        """The pages: the start page, and the tree, the standings and the form side by side."""
        self.pages = QStackedWidget()
        self.start_page = StartPage()
        self.pages.addWidget(self.start_page)

        left = TreePane()  # the tree, its union filter, next unreported (ui/tree_pane.py)
        self.tree_pane = left
        self.tree_model, self.tree = left.tree_model, left.tree
        self.union_filter, self.next_missing = left.union_filter, left.next_missing
        self.tree.selectionModel().currentChanged.connect(self._on_tree_current_changed)
        self.tree_keys = TreeKeys(self.tree, self._start_entry)  # Enter or a digit: enter
        self.tree_keys.resized.connect(self._fit_names)
        self._name_width = 0  # the names' own width, measured when a vote is shown
        self.union_filter.currentIndexChanged.connect(self._on_union_filter_changed)
        self.next_missing.clicked.connect(self._on_next_missing_clicked)

        self.verdict = Glance()  # the banner, the rule's tests, the units reported
        self.verdict.unit_chosen.connect(self._on_missing_unit_chosen)
        self.coalition_chart = BarChart(self.tr("The coalition against its rule"))
        self.union_chart = BarChart(self.tr("My union"))
        self.union_text = HeadedText(beside=True)
        self.union_text.setAccessibleName(self.tr("My union in words"))
        standings_tab = QWidget()
        standings_layout = QVBoxLayout(standings_tab)
        standings_layout.setContentsMargins(0, 0, 0, 0)
        standings_layout.addWidget(self.coalition_chart, 3)
        standings_layout.addWidget(self.union_text)
        standings_layout.addWidget(self.union_chart, 2)
        for chart, name in ((self.coalition_chart, "coalition"), (self.union_chart, "union")):
            add_chart_actions(chart, name)
        # the Evening and What-if tabs are built when first opened: start-up stays short
        self._timeline_chart: TimelineChart | None = None
        self._what_if: WhatIfPanel | None = None
        # with large text (View > Zoom) on a small screen the charts keep their height and the
        # tab scrolls, rather than squeezing the bars until their words are cut off
        standings_scroll = QScrollArea()
        standings_scroll.setWidget(standings_tab)
        standings_scroll.setWidgetResizable(True)
        standings_scroll.setFrameShape(QFrame.Shape.NoFrame)
        standings_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tabs = QTabWidget()
        standings_scroll.setAccessibleName(self.tr("Standings: the coalition and the union charts"))
        standings_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its charts and words take none
        self.tabs.setAccessibleName(self.tr("Standings, evening and what-if"))
        # no mnemonics on the tabs: Ctrl+3, 4 and 5 (Go menu) reach them, and Alt+letters stay
        # unique in the window (the form and the menus use them)
        self.tabs.addTab(standings_scroll, self.tr("Standings"))
        self.tabs.addTab(QWidget(), tab_label(EVENING_TAB))
        self.tabs.addTab(QWidget(), tab_label(WHAT_IF_TAB))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        middle = QWidget()
        middle_layout = QVBoxLayout(middle)
        middle_layout.addWidget(self.verdict)
        middle_layout.addWidget(self.tabs, 1)

        self.form = CountForm()
        self.form.save_requested.connect(self._on_form_save_requested)
        self.form.blind_changed.connect(self._on_form_blind_changed)
        self.hidden_unit = ""  # a blind second entry is open for it: its numbers are hidden
        self._saving_unit = ""  # a save's own refresh reloads the form's counts itself
        self.statusBar().messageChanged.connect(self._on_status_message_changed)

        self.splitter = QSplitter()
        self.splitter.addWidget(left)
        self.splitter.addWidget(middle)
        # on a short screen (1024x600) the form scrolls rather than squeezing its rows
        self.form_scroll = QScrollArea()
        self.form_scroll.setWidget(self.form)
        self.form_scroll.setWidgetResizable(True)
        self.form_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.form_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.form_scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.form_scroll.setAccessibleName(self.tr("Enter a count"))
        self.form.width_limited.connect(self._on_form_width_limited)
        self._on_form_width_limited(self.form.maximumWidth())
        self.splitter.addWidget(self.form_scroll)
        self.splitter.setStretchFactor(0, 4)  # the tree and the standings share a change
        self.splitter.setStretchFactor(1, 4)  # of the window's width; the form follows less
        self.splitter.setStretchFactor(2, 1)
        self.pages.addWidget(self.splitter)
        self.setCentralWidget(self.pages)

    def _build_controllers(self) -> None:
        """The feature controllers, each given the context, and the menus that reach them."""
        self.votes = VoteActions(self.context)  # a vote from a setup file, or the demo
        self.votes.replaced.connect(self._show_replaced)
        self.start_page.demo_requested.connect(self.votes.load_demo)
        self.start_page.setup_requested.connect(self.votes.open_setup)
        self.reports = ReportActions(self.context, lambda: self.selected_union)
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        report, keys, chart = self.reports.report, QKeySequence.StandardKey, self.coalition_chart
        self._actions(
            file_menu,
            (self.tr("&New vote from setup file…"), keys.Open, self.votes.open_setup),
            (self.tr("Load the &demo vote"), None, self.votes.load_demo),
            None,
            (self.tr("Print pre&view…"), None, partial(report, "preview")),
            (self.tr("&Print…"), keys.Print, partial(report, "print")),
            (self.tr("&Export PDF…"), None, partial(report, "pdf")),
            None,
            (
                self.tr("Save coalition chart as PN&G…"),
                None,
                partial(save_chart, chart, "coalition"),
            ),
            (self.tr("&Copy coalition chart"), None, partial(copy_chart, chart)),
            None,
        )
        # file exchange (ui/exchange_actions)
        self.exchange = ExchangeActions(self.context, self.start_page)
        self.exchange.fill_file_menu(file_menu)
        file_menu.addSeparator()
        quit_action = self._action(file_menu, self.tr("&Quit"), keys.Quit, self.close)
        # restore, names, backups (ui/data_safety.py)
        self.data_safety = DataSafety(self.context, file_menu, quit_action)
        self.undo = UndoActions(self.context)  # Edit › Undo / Redo of this window's saves
        self.undo.fill_edit_menu(self.menuBar().addMenu(self.tr("&Edit")))
        self.exchange.resolved.connect(self.undo.add)  # a resolution Ctrl+Z takes back
        view = self.menuBar().addMenu(self.tr("&View"))
        self._actions(
            view,
            (self.tr("Zoom &in"), keys.ZoomIn, lambda: self._zoom(1)),
            (self.tr("Zoom &out"), keys.ZoomOut, lambda: self._zoom(-1)),
            (self.tr("&Normal size"), QKeySequence("Ctrl+0"), lambda: self._zoom(0)),
            None,
            (self.tr("&Language…"), None, lambda: choose_window_language(self)),
        )
        go, seq, enter = self.menuBar().addMenu(self.tr("&Go")), QKeySequence, self._start_entry
        # Ctrl+U from anywhere in the window, a field included: the form's fields let it through
        # (a line edit would take Ctrl+U, delete to the start of the line; ui/count_form.py)
        self._actions(
            go,
            (self.tr("The &tree of unions and units"), seq("Ctrl+1"), partial(self.tree.setFocus)),
            (self.tr("&Enter a count (the selected unit)"), seq("Ctrl+2"), partial(enter, "")),
            (self.tr("Next &unreported unit"), seq("Ctrl+U"), self._on_next_missing_clicked),
            *(
                (label, seq(f"Ctrl+{page + 3}"), partial(self.tabs.setCurrentIndex, page))
                for page, label in enumerate(
                    (self.tr("&Standings"), self.tr("E&vening"), self.tr("&What if"))
                )
            ),
        )
        self.exchange.fill_go_menu(go)
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self._action(help_menu, self.tr("&About steward_app"), None, self._on_about_triggered)
        from steward_app.ui.roster_dialogs import RosterActions

        self.roster = RosterActions(self.context, help_menu)  # this PC's key, the Coordinator menu
        # the status bar's lasting parts, after the exchange's (ui/window_status.py)
        self.status_parts = WindowStatus(self.statusBar(), self.db_path)
        self.busy, self.last_save = self.status_parts.busy, self.status_parts.last_save
        self.lane.busy_changed.connect(self.status_parts.set_busy)
        self.context.saved_here.connect(self.status_parts.mark_saved)

    def _actions(self, menu: QMenu, *entries: MenuEntry) -> None:
        """Menu entries in order; None: a separator."""
        for entry in entries:
            if entry is None:
                menu.addSeparator()
            else:
                self._action(menu, *entry)

    def _action(
        self,
        menu: QMenu,
        text: str,
        shortcut: QKeySequence | QKeySequence.StandardKey | None,
        slot: Callable[[], object],
    ) -> QAction:
        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(shortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    # --- database lane -------------------------------------------------------------------

    def _open_session(self, demo: bool) -> Standings | None:
        self.session = Session(self.db_path)
        if demo and self.session.store.vote() is None:
            from steward_app.services.vote_setup import load_demo

            load_demo(self.session.store, self.author)
        return self.session.standings()

    @Slot(object)
    def _on_session_opened(self, standings: Standings | None) -> None:
        self.statusBar().showMessage(self.tr("Opened {path}").format(path=self.db_path), 4000)
        self.context.change(standings, None, self)

    @Slot(object, object, object)
    def _on_standings_changed(
        self, standings: Standings | None, changes: Changes | None, _initiator: object
    ) -> None:
        self._show(standings)
        unit = self.form.unit
        if changes is not None and unit and unit in changes.units:
            self._load_current(unit)  # its counts changed (an undo, a redo)

    def _show(self, standings: Standings | None) -> None:
        self.standings = standings
        if standings is None:
            self.pages.setCurrentWidget(self.start_page)
            self.standings_shown.emit(None)
            return
        vote = standings.vote
        self.setWindowTitle(
            f"{vote.title} — steward_app {__version__}"
            + (self.tr(" — PRACTICE") if vote.mode is Mode.PRACTICE else "")
        )
        if not self.question_id or self.question_id not in standings.questions:
            self.question_id = vote.questions[0].id
        new_vote = self.tree_model.set_standings(standings, self.question_id)
        if new_vote:
            self.form.forget_unit()  # a new vote: nothing of the old one stays in the form
            self.tree.expandToDepth(0)
            self._fit_columns()
        if self.union_filter.count() != len(vote.unions) + 1:
            self.union_filter.blockSignals(True)
            self.union_filter.clear()
            self.union_filter.addItem(self.tr("All unions"), "")
            self.tree_pane.keep_whole(self.tr("All unions"))
            for union in vote.unions:
                self.union_filter.addItem(union.name, union.id)
            self.union_filter.blockSignals(False)
        before = self.form.standings
        self.form.set_standings(standings, self.question_id)
        unit = self.form.unit
        if unit and unit != self._saving_unit and before is not None and not new_vote:
            q_before = before.questions.get(self.question_id)
            q_now = standings.questions[self.question_id]
            if q_before is None or q_before.units.get(unit) is not q_now.units.get(unit):
                self._load_current(unit)  # changed elsewhere (an import, a resolution)
        self._refresh_dashboard()
        if self.pages.currentWidget() is not self.splitter:  # setting it again lays it out again
            self.pages.setCurrentWidget(self.splitter)
        self.standings_shown.emit(standings)

    # --- slots ---------------------------------------------------------------------------

    def _show_replaced(self, standings: Standings | None) -> None:
        """A vote replaced (even by the same setup): nothing typed or shown for the old one
        stays in the form, and no unit is chosen."""
        self.form.forget_unit()
        self.tree.setCurrentIndex(QModelIndex())
        self.context.change(standings, None, self)

    @Slot(object)
    def _on_form_save_requested(self, request: SaveRequest) -> None:
        def work() -> tuple[Recorded, Author, Standings, list[CurrentCount]]:
            assert self.session is not None
            author = self.author
            if request.second_steward:
                author = Author(request.second_steward, self.author.pc)
            result = record_count(
                self.session.store,
                author,
                request.slot,
                request.numbers,
                final=request.final,
                correct=request.correct,
                reason=request.reason or None,
                confirm_warnings=request.confirm_warnings,
            )
            standings = self.session.cache.refresh(result.changes)
            # the unit's counts in the same trip: a second job would run beside the repaint
            return result, author, standings, current_counts(self.session.store, request.slot.unit)

        def done(result: tuple[Recorded, Author, Standings, list[CurrentCount]]) -> None:
            recorded, author, standings, counts = result
            note = recorded.note
            self.undo.saved(request, recorded, author)
            self.form.saved(note)
            self._saving_unit = request.slot.unit  # its counts come with the save
            try:
                self.context.change(standings, None, self)
            finally:
                self._saving_unit = ""
            self.form.show_current(request.slot.unit, counts)
            said = self.tr("Saved {slot}: {note}").format(slot=request.slot.describe(), note=note)
            self.statusBar().showMessage(said, 8000)
            self.context.saved_here.emit(self.tr("last save"))
            focus = QApplication.focusWidget()
            if focus is not None and self.form.isAncestorOf(focus):
                self.tree.setFocus()  # on to the next unit: browse, or Enter for another count

        def failed(error: BaseException) -> None:
            if isinstance(error, Refused):
                self.form.refused(error.message, error.problems)
            else:
                self.form.refused(str(error).splitlines()[0], [])
                self.context.failed(error)

        self.lane.submit(work, done, failed)

    def _start_entry(self, first: str) -> None:
        """Enter a count for the unit chosen in the tree: the focus goes to Yes, with `first`
        (a digit typed in the tree) as its first character."""
        if not self.form.isEnabled():
            self.statusBar().showMessage(self.tr("Choose a unit in the tree first."), 5000)
            return
        yes = self.form.edits["yes"]
        yes.setFocus()
        if first:
            yes.setText(first)

    @Slot(str)
    def _on_missing_unit_chosen(self, unit_id: str) -> None:
        index = self.tree_model.index_for(NodeKind.UNIT, unit_id)
        if index.isValid():
            self.union_filter.setCurrentIndex(0)  # the unit may be in a union filtered out
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
            self._start_entry("")

    @Slot()
    def _on_tree_current_changed(self) -> None:
        index = self.tree.currentIndex()
        kind = index.data(KIND_ROLE)
        key = index.data(ID_ROLE)
        if self.standings is None or not key:
            return
        if kind == NodeKind.UNIT:
            self.form.set_unit(key)  # browsing leaves the focus in the tree
            self.selected_union = self.standings.vote.unit_by_id[key].union_id
            self._load_current(key)
        elif kind == NodeKind.UNION:
            self.selected_union = key
        self._refresh_dashboard()

    def _load_current(self, unit_id: str) -> None:
        def work() -> list[CurrentCount]:
            assert self.session is not None
            return current_counts(self.session.store, unit_id)

        self.context.run(work, lambda counts: self.form.show_current(unit_id, counts))

    @Slot()
    def _on_union_filter_changed(self) -> None:
        union_id = self.tree_pane.filter_union()
        if union_id:
            self.selected_union = union_id
            self._refresh_dashboard()

    @Slot()
    def _on_next_missing_clicked(self) -> None:
        if not self.tree_pane.go_to_next_unreported():
            self.statusBar().showMessage(self.tr("Every unit has reported."), 5000)

    @Slot()
    def _on_about_triggered(self) -> None:
        from steward_app.ui.about import about_text

        QMessageBox.about(self, self.tr("About steward_app"), about_text(self.db_path))

    # --- settings ------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        settings = QSettings()
        settings.setValue("window/geometry", self.saveGeometry())
        settings.setValue("window/splitter", self.splitter.saveState())
        if self.session is not None:
            session = self.session
            self.lane.submit(session.store.close, lambda _: None, lambda _: None)
        QTimer.singleShot(0, self.lane.stop)  # ui/app.py waits for it once the loop ends
        super().closeEvent(event)
