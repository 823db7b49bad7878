"""The coalition, its unions and their units as a tree, each line with its status and numbers.

The model holds ids plus a cache of each row's display data; a new vote resets it, new standings
only emit dataChanged for the rows whose data changed.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor

from steward_app.domain.counts import ReportStatus
from steward_app.domain.language import number
from steward_app.domain.standings import QuestionStandings, Standings
from steward_app.domain.tally import Numbers
from steward_app.domain.vote import Union, Unit, Vote
from steward_app.ui.palette import OUTCOME_COLORS, share_text, status_words, unit_tally

ID_ROLE = Qt.ItemDataRole.UserRole + 1
KIND_ROLE = Qt.ItemDataRole.UserRole + 2
SORT_ROLE = Qt.ItemDataRole.UserRole + 3
STATUS_ROLE = Qt.ItemDataRole.UserRole + 4  # "approved", "rejected", "pending", "conflict"...

# the headings, translated where shown (headerData)
COLUMNS = (
    str(QT_TRANSLATE_NOOP("coalition_tree_model", "Name")),
    str(QT_TRANSLATE_NOOP("coalition_tree_model", "Status")),
    str(QT_TRANSLATE_NOOP("coalition_tree_model", "Yes")),
    str(QT_TRANSLATE_NOOP("coalition_tree_model", "No")),
    str(QT_TRANSLATE_NOOP("coalition_tree_model", "Turnout")),
)
AnyIndex = QModelIndex | QPersistentModelIndex
# roles as the plain numbers a view passes to `data`
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_TOOLTIP = Qt.ItemDataRole.ToolTipRole.value
_ACCESSIBLE = Qt.ItemDataRole.AccessibleTextRole.value
_FOREGROUND = Qt.ItemDataRole.ForegroundRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)


class NodeKind(enum.StrEnum):
    """What a line of the tree stands for; its text is what KIND_ROLE gives."""

    COALITION = "coalition"
    UNION = "union"
    UNIT = "unit"


@dataclass(frozen=True)
class Row:
    name: str
    status: str  # words with a symbol, for people
    status_key: str
    numbers: Numbers | None
    tooltip: str


@dataclass
class _Node:
    node_id: int
    kind: NodeKind
    key: str
    parent: int  # node id of the parent; -1 for the top
    children: list[int]
    row: int


class CoalitionTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._nodes: dict[int, _Node] = {}
        self._top: list[int] = []
        self._rows: dict[int, Row] = {}
        self._cells: dict[int, dict[tuple[int, int], object]] = {}  # what `data` returns
        self._sources: dict[int, object | None] = {}  # what each row was last made from
        self._vote_key: tuple[str, str] | None = None
        self._vote: Vote | None = None  # the vote shown: its units' and unions' names
        self._hidden = ""  # a unit whose numbers are hidden (a blind second entry is open)
        self._hidden_rows: set[int] = set()  # its rows and those above them

    # --- filling ---------------------------------------------------------------------

    def set_standings(self, standings: Standings, question_id: str) -> bool:
        """Show these standings; True when the tree was rebuilt (a new vote or question)."""
        vote = standings.vote
        self._vote = vote  # its names are looked up by id when a row is made
        q = standings.questions[question_id]
        key = (vote.setup_hash, question_id)
        if key != self._vote_key:
            self.beginResetModel()
            self._build(standings, q)
            self._vote_key = key
            self._hidden, self._hidden_rows = "", set()
            self._rows = {n: self._row_for(q, self._nodes[n]) for n in self._nodes}
            self._cells = {}
            self._sources = {n: self._source(q, self._nodes[n]) for n in self._nodes}
            self.endResetModel()
            return True
        for node_id, node in self._nodes.items():
            # a refresh keeps the standing objects of units and unions it did not touch: their
            # rows cannot have changed (10,000 units on the largest synthetic vote)
            source = self._source(q, node)
            if source is not None and source is self._sources.get(node_id):
                continue
            self._sources[node_id] = source
            row = self._row_for(q, node)
            if self._rows.get(node_id) != row:
                self._rows[node_id] = row
                self._cells.pop(node_id, None)
                parent = self._index_of(node.parent) if node.parent >= 0 else QModelIndex()
                self.dataChanged.emit(
                    self.index(node.row, 0, parent), self.index(node.row, len(COLUMNS) - 1, parent)
                )
        return False

    def _build(self, standings: Standings, q: QuestionStandings) -> None:
        self._nodes = {}
        ids = iter(range(1, 1_000_000))
        top = _Node(next(ids), NodeKind.COALITION, "", -1, [], 0)
        self._nodes[top.node_id] = top
        self._top = [top.node_id]
        vote = standings.vote
        for union in vote.unions:
            if union.id not in q.unions:
                continue
            un = _Node(next(ids), NodeKind.UNION, union.id, top.node_id, [], len(top.children))
            self._nodes[un.node_id] = un
            top.children.append(un.node_id)
            for unit_id in union.unit_ids + union.subgroup_ids:
                if unit_id not in q.units:
                    continue
                nn = _Node(next(ids), NodeKind.UNIT, unit_id, un.node_id, [], len(un.children))
                self._nodes[nn.node_id] = nn
                un.children.append(nn.node_id)

    @staticmethod
    def _source(q: QuestionStandings, node: _Node) -> object | None:
        """What a row is made from (None: the coalition's line, made afresh every time)."""
        if node.kind is NodeKind.UNION:
            return q.unions[node.key]
        if node.kind is NodeKind.UNIT:
            return q.units[node.key]
        return None

    def _row_for(self, q: QuestionStandings, node: _Node) -> Row:
        if node.kind is NodeKind.COALITION:
            c = q.coalition
            if c is None:
                each = QCoreApplication.translate("coalition_tree_model", "each unit decides")
                return Row(q.question.text, each, "", q.numbers, "")
            provisional = unit_tally(q).provisional
            return Row(
                q.question.id,
                status_words(c.outcome, c.decided, provisional, short=True),
                c.outcome.value,
                q.numbers,
                c.reason,
            )
        if node.kind is NodeKind.UNION:
            s = q.unions[node.key]
            vote_union = s.union_id
            status = status_words(
                s.outcome, s.decided, s.units_reported - s.units_final, short=True
            )
            key = s.outcome.value
            if s.conflicts:
                status, key = _conflict_words(), "conflict"
            elif s.units_reported == 0:
                status, key = _not_reported_words(), "not reported"
            return Row(
                self._name(self._union_of(vote_union), vote_union),
                status,
                key,
                s.numbers,
                s.reason,
            )
        u = q.units[node.key]
        if u.status is ReportStatus.CONFLICT:
            status, key = _conflict_words(), "conflict"
        elif u.status is ReportStatus.NOT_REPORTED:
            status, key = _not_reported_words(), "not reported"
        else:
            provisional = int(u.status is ReportStatus.PROVISIONAL)
            status = status_words(u.outcome, u.decided, provisional, short=True)
            key = u.outcome.value
        return Row(
            self._name(self._unit_of(node.key), node.key),
            status,
            key,
            u.report.numbers,
            u.reason,
        )

    def hide_unit(self, unit_id: str) -> None:
        """Hide `unit_id`'s numbers and status, and the totals they are in (its union, the
        coalition), while a blind second entry of it is open ("": show everything again)."""
        if unit_id == self._hidden:
            return
        before, self._hidden = self._hidden, unit_id
        self._hidden_rows = set(self._lineage(unit_id)) if unit_id else set()
        for key in (before, unit_id):
            if not key:
                continue
            for node_id in self._lineage(key):
                self._cells.pop(node_id, None)
                node = self._nodes[node_id]
                parent = self._index_of(node.parent) if node.parent >= 0 else QModelIndex()
                self.dataChanged.emit(
                    self.index(node.row, 0, parent), self.index(node.row, len(COLUMNS) - 1, parent)
                )

    def _lineage(self, unit_id: str) -> list[int]:
        """The unit's rows and every row above them."""
        out: list[int] = []
        for node in self._nodes.values():
            if node.kind is NodeKind.UNIT and node.key == unit_id:
                n: _Node | None = node
                while n is not None:
                    out.append(n.node_id)
                    n = self._nodes.get(n.parent)
        return out

    def _unit_of(self, unit_id: str) -> Unit | None:
        return self._vote.unit_by_id.get(unit_id) if self._vote else None

    def _union_of(self, union_id: str) -> Union | None:
        return self._vote.union_by_id.get(union_id) if self._vote else None

    @staticmethod
    def _name(found: Unit | Union | None, key: str) -> str:
        return found.name if found is not None else key

    # --- lookups ---------------------------------------------------------------------

    def _index_of(self, node_id: int) -> QModelIndex:
        node = self._nodes[node_id]
        return self.createIndex(node.row, 0, node_id)

    def index_for(self, kind: NodeKind, key: str) -> QModelIndex:
        for node_id, node in self._nodes.items():
            if node.kind == kind and node.key == key:
                return self._index_of(node_id)
        return QModelIndex()

    def node_keys(self) -> list[tuple[NodeKind, str, str]]:
        """(kind, key, status_key) of every row, in tree order."""
        out = []
        for top in self._top:
            stack = [top]
            while stack:
                node_id = stack.pop(0)
                node = self._nodes[node_id]
                out.append((node.kind, node.key, self._rows[node_id].status_key))
                stack[0:0] = node.children
        return out

    # --- QAbstractItemModel --------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if column < 0 or column >= len(COLUMNS) or row < 0:
            return QModelIndex()
        children = self._top if not parent.isValid() else self._nodes[parent.internalId()].children
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, column, children[row])

    def parent(self, child: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not child.isValid():
            return QModelIndex()
        node = self._nodes.get(child.internalId())
        if node is None or node.parent < 0:
            return QModelIndex()
        return self._index_of(node.parent)

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        if not parent.isValid():
            return len(self._top)
        return len(self._nodes[parent.internalId()].children)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (
                QCoreApplication.translate("coalition_tree_model", COLUMNS[section])
                if 0 <= section < len(COLUMNS)
                else None
            )
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        # the view asks for about nine roles of every cell it paints: one dictionary lookup
        # each, from a table a row builds when first asked (a third of the tree's painting
        # time was spent here when each call walked through the roles)
        node_id = index.internalId()
        cells = self._cells.get(node_id)
        if cells is None:
            if not index.isValid() or node_id not in self._nodes:
                return None
            cells = self._cells[node_id] = self._cells_of(self._nodes[node_id])
        return cells.get((index.column(), role))

    def _cells_of(self, node: _Node) -> dict[tuple[int, int], object]:
        """Every (column, role) of a row that has a value."""
        row = self._rows[node.node_id]
        if node.node_id in self._hidden_rows:
            hidden = QCoreApplication.translate("coalition_tree_model", "hidden: blind entry open")
            row = Row(row.name, hidden, "", None, "")
        cells: dict[tuple[int, int], object] = {}
        color = OUTCOME_COLORS.get(row.status_key)
        for column in range(len(COLUMNS)):
            cells[column, ID_ROLE] = node.key
            cells[column, KIND_ROLE] = node.kind.value
            cells[column, STATUS_ROLE] = row.status_key
            cells[column, _TOOLTIP] = row.tooltip
            shown = self._cell(row, column, sort=False)
            cells[column, _DISPLAY] = shown
            # each cell says its own text (a screen reader reads a cell at a time, under its
            # column's heading): no accessible text of its own, but for a cell with none
            if shown is None:
                cells[column, _ACCESSIBLE] = QCoreApplication.translate(
                    "coalition_tree_model", "none"
                )
            cells[column, SORT_ROLE] = self._cell(row, column, sort=True)
            if column >= 2:
                cells[column, _ALIGNMENT] = _RIGHT
        if color:
            cells[1, _FOREGROUND] = QBrush(QColor(color))
        return {key: value for key, value in cells.items() if value is not None}

    def _cell(self, row: Row, column: int, sort: bool) -> object:
        if column == 0:
            return row.name
        if column == 1:
            return row.status
        n = row.numbers
        if n is None:
            return None
        if column == 4:
            return float(n.turnout or 0) if sort else share_text(n.turnout) if n.cast else "–"
        value = (n.yes, n.no)[column - 2]
        return value if sort else number(value)


def _conflict_words() -> str:
    return QCoreApplication.translate("coalition_tree_model", "⚠ conflict")


def _not_reported_words() -> str:
    return QCoreApplication.translate("coalition_tree_model", "○ not reported")
