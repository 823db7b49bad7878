"""What if the members still to vote turn out and vote a given way? Clearly a projection."""

from __future__ import annotations

from fractions import Fraction

from PySide6.QtCore import QEvent, Qt, Signal, Slot
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractButton,
    QBoxLayout,
    QFormLayout,
    QFrame,
    QHeaderView,
    QLabel,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from steward_app.domain.chart_data import coalition_bars
from steward_app.domain.language import number
from steward_app.domain.projection import Assumption, Scenario
from steward_app.domain.standings import Standings
from steward_app.domain.tally import Outcome
from steward_app.domain.vote import Vote
from steward_app.ui.bar_chart import BarChart
from steward_app.ui.palette import status_text

BANNER = "<b style='font-size:large;background:#FFF3B0'>&nbsp;{}&nbsp;</b>"
SIDE_BY_SIDE_CHARS = 75  # narrower (in average letters): assumptions above, projection below


def _spin(value: int, name: str) -> QSpinBox:
    spin = QSpinBox()
    spin.setRange(0, 100)
    spin.setSuffix(" %")
    spin.setValue(value)
    spin.setAccessibleName(name)
    return spin


class WhatIfPanel(QWidget):
    scenario_changed = Signal(object)  # Scenario

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.turnout = _spin(60, self.tr("Assumed turnout of members still to vote"))
        self.yes = _spin(50, self.tr("Assumed yes share of their votes"))
        form = QFormLayout()
        form.addRow(self.tr("Turnout of those still to vote"), self.turnout)
        form.addRow(self.tr("Their yes share"), self.yes)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(
            [self.tr("Union"), self.tr("Turnout %"), self.tr("Yes %")]
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.table.verticalHeader().setVisible(False)
        corner = self.table.findChild(QAbstractButton)  # the table's select-all corner
        if corner is not None:
            corner.setAccessibleName(self.tr("Select all assumptions"))
        self.table.setWordWrap(False)
        # Tab leaves the table (arrows move inside it): 58 Tabs through its cells was a trap
        self.table.setTabKeyNavigation(False)
        self.table.setAccessibleName(self.tr("Per-union assumptions (blank: the setting above)"))
        self.table.itemChanged.connect(self._on_changed)
        self.turnout.valueChanged.connect(self._on_changed)
        self.yes.valueChanged.connect(self._on_changed)
        self.banner = QLabel(BANNER.format(self.tr("PROJECTION — not a result")))
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.outcomes = QLabel()
        self.outcomes.setWordWrap(True)
        self.chart = BarChart(self.tr("Projected: the coalition against its rule"))
        per_union = QLabel(self.tr("Per union (leave blank to use the setting above):"))
        per_union.setWordWrap(True)
        left = QVBoxLayout()
        left.addLayout(form)
        left.addWidget(per_union)
        left.addWidget(self.table)
        self.banner.setWordWrap(True)
        projection = QWidget()
        right = QVBoxLayout(projection)
        right.setContentsMargins(0, 0, 0, 0)
        right.addWidget(self.banner)
        right.addWidget(self.verdict)
        right.addWidget(self.chart, 2)
        right.addWidget(self.outcomes, 1)
        # with large text (View > Zoom) the projection scrolls instead of squeezing its bars
        scroll = QScrollArea()
        scroll.setWidget(projection)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # its words and chart take no focus
        scroll.setAccessibleName(self.tr("The projection"))
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.addLayout(left, 5)
        self._layout.addWidget(scroll, 6)  # the projection's words and bars need the room
        self._size_columns()
        self._vote: Vote | None = None

    def _size_columns(self) -> None:
        """The percentage columns as wide as their headings in the present font."""
        metrics = self.table.fontMetrics()
        for column, title in ((1, self.tr("Turnout %")), (2, self.tr("Yes %"))):
            # the heading and a little room: the union's name gets the rest
            width = metrics.horizontalAdvance(title) + 2 * metrics.averageCharWidth()
            self.table.setColumnWidth(column, max(width, metrics.horizontalAdvance("100 %") + 8))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Side by side when there is room for both, one above the other when there is not
        (large text on a small screen)."""
        wide = self.width() >= SIDE_BY_SIDE_CHARS * self.fontMetrics().averageCharWidth()
        direction = QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.TopToBottom
        if self._layout.direction() != direction:
            self._layout.setDirection(direction)
        super().resizeEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.FontChange:  # View > Zoom
            self._size_columns()
        super().changeEvent(event)

    def set_vote(self, vote: Vote) -> None:
        if self._vote is not None and self._vote.setup_hash == vote.setup_hash:
            return
        self._vote = vote
        self.table.blockSignals(True)
        self.table.setRowCount(len(vote.unions))
        for row, union in enumerate(vote.unions):
            name = QTableWidgetItem(union.name)
            name.setFlags(name.flags() & ~name.flags().ItemIsEditable)
            self.table.setItem(row, 0, name)
            self.table.setItem(row, 1, QTableWidgetItem(""))
            self.table.setItem(row, 2, QTableWidgetItem(""))
        self.table.blockSignals(False)

    def scenario(self) -> Scenario:
        default = Assumption(Fraction(self.turnout.value(), 100), Fraction(self.yes.value(), 100))
        by_union = {}
        if self._vote is not None:
            for row, union in enumerate(self._vote.unions):
                t = self._percent(row, 1)
                y = self._percent(row, 2)
                if t is not None or y is not None:
                    by_union[union.id] = Assumption(
                        Fraction(t, 100) if t is not None else default.turnout,
                        Fraction(y, 100) if y is not None else default.yes_share,
                    )
        return Scenario(default, by_union)

    def _percent(self, row: int, column: int) -> int | None:
        item = self.table.item(row, column)
        text = item.text().strip().rstrip("%") if item else ""
        if not text:
            return None
        if text.isdigit() and 0 <= int(text) <= 100:
            return int(text)
        return None

    @Slot()
    def _on_changed(self) -> None:
        self.scenario_changed.emit(self.scenario())

    def show_projection(self, projected: Standings, question_id: str) -> None:
        q = projected.questions[question_id]
        c = q.coalition
        vote = projected.vote
        if c is not None:
            self.verdict.setText(
                "<b>{}</b> — {}".format(
                    self.tr("If so, the coalition: {outcome}").format(
                        outcome=status_text(c.outcome, True)
                    ),
                    c.reason,
                )
            )
            self.chart.set_bars(coalition_bars(vote, c, q))
        approving = [u for u, s in q.unions.items() if s.outcome is Outcome.APPROVED]
        others = [
            f"{vote.union_by_id[u].name}: {status_text(s.outcome, s.decided)}"
            for u, s in q.unions.items()
            if s.outcome is not Outcome.APPROVED
        ]
        text = self.tr("{approving} of {unions} unions would approve.").format(
            approving=number(len(approving)), unions=number(len(q.unions))
        )
        if others:
            text += "<br>" + self.tr("Not approving: ") + "<br>".join(others)
        self.outcomes.setText(text)
