"""The verdict at a glance: a banner in words and colour, the coalition rule test by test, and
how many units have reported, with the missing ones a click (or Tab and Enter) away.

It shows what the printed summary shows, from the same domain standings: the banner's words
("PENDING · NOT DECIDED · leaning reject"), each test's figure so far, what it needs and its
state. A decision that rests on counts not final yet says so in the banner.

Every label here is named by what it shows, not by what it is: a screen reader reads the
verdict, not "Coalition verdict".
"""

from __future__ import annotations

import html
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt, Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from steward_app.domain.language import number
from steward_app.domain.standings import QuestionStandings
from steward_app.domain.tally import Outcome
from steward_app.domain.vote import Vote
from steward_app.ui.fence import Fence
from steward_app.ui.palette import APPROVE, CONFLICT, REJECT, outcome_word, unit_tally
from steward_app.ui.window_language import tr

BANNER_COLORS = {Outcome.APPROVED: APPROVE, Outcome.REJECTED: REJECT, Outcome.PENDING: "#444444"}
STATE_WORDS = {
    "met": str(QT_TRANSLATE_NOOP("glance", "met (decided)")),
    "failed": str(QT_TRANSLATE_NOOP("glance", "failed (decided)")),
    "open": str(QT_TRANSLATE_NOOP("glance", "open")),
}


def _tr(text: str, n: int = -1) -> str:
    return QCoreApplication.translate("glance", text, None, n)


MISSING_LISTED = 8  # units named in the "missing" line; the rest as a count
MUST_LISTED = 4  # unions named as having still to approve; the rest as a count (tooltip: all)


@dataclass(frozen=True)
class GlanceText:
    banner: str
    banner_color: str
    tests: tuple[tuple[str, str, str, str], ...]  # test, so far, needed, state
    reported: str  # "12 of 19 units reported"
    missing: tuple[tuple[str, str], ...]  # (unit id, name) of units not reported
    more_missing: int
    reason: str  # shown: what the pending unions must do, or why it is decided
    detail: str  # the engine's whole sentence (the banner's tooltip)


def glance_text(vote: Vote, q: QuestionStandings) -> GlanceText:
    """The words of the glance for question `q` (plain data: tested without widgets)."""
    tally = unit_tally(q)
    provisional, conflicts = tally.provisional, tally.conflicts
    c = q.coalition
    if c is not None:
        outcome, decided, reason = c.outcome, c.decided, c.reason
        if outcome is Outcome.PENDING:
            names = {p.union_id: p.name for p in c.positions}
            must = [names.get(u, u) for u in c.needs.must_approve]
            shown = ", ".join(must[:MUST_LISTED]) + (
                tr(" and %n more", None, len(must) - MUST_LISTED) if len(must) > MUST_LISTED else ""
            )
            reason = (
                QCoreApplication.translate(
                    "glance", "Must still approve for the coalition to ratify: {unions}."
                ).format(unions=shown)
                if must
                else QCoreApplication.translate(
                    "glance", "No single union decides it alone: see the tests above."
                )
            )
        leaning = (
            QCoreApplication.translate("glance", "leaning approve")
            if c.approves_now
            else QCoreApplication.translate("glance", "leaning reject")
        )
        tests = tuple(
            (t.description, t.value_text, t.threshold_text, _tr(STATE_WORDS[t.state]))
            for t in c.tests
        )
    else:
        outcome = q.outcome if q.outcome is not None else Outcome.PENDING
        decided = outcome is not Outcome.PENDING
        reason = QCoreApplication.translate("glance", "each unit decides on its own")
        leaning, tests = "", ()
    counts = tr("%n provisional count(s)", None, provisional)
    if outcome is Outcome.PENDING or not decided:
        parts = [
            QCoreApplication.translate("glance", "PENDING"),
            QCoreApplication.translate("glance", "NOT DECIDED"),
        ] + ([leaning] if leaning else [])
        if provisional:
            parts.append(counts)
    else:
        word = (
            QCoreApplication.translate("glance", "RATIFIED")
            if c is not None and outcome is Outcome.APPROVED
            else outcome_word(outcome)
        )
        # "decided" only when no count it rests on can still change
        parts = (
            [
                word.upper(),
                QCoreApplication.translate("glance", "ON {counts}, NOT FINAL").format(
                    counts=counts.upper()
                ),
            ]
            if provisional
            else [
                word.upper(),
                QCoreApplication.translate("glance", "DECIDED"),
            ]
        )
    if conflicts:
        parts.append(tr("%n conflict(s) to resolve", None, conflicts))
    missing_ids = tally.missing
    units = vote.unit_by_id
    missing = tuple(
        (uid, units[uid].name if uid in units else uid) for uid in missing_ids[:MISSING_LISTED]
    )
    return GlanceText(
        banner=" · ".join(parts),
        banner_color=BANNER_COLORS.get(outcome, "#444444")
        if not provisional or not decided
        else CONFLICT,
        tests=tests,
        reported=QCoreApplication.translate(
            "glance", "{reported} of {units} units reported"
        ).format(reported=number(tally.reported), units=number(len(q.units))),
        missing=missing,
        more_missing=max(0, len(missing_ids) - MISSING_LISTED),
        reason=reason,
        detail=c.reason if c is not None else reason,
    )


class Glance(QWidget):
    """The banner, the tests, the units reported; `unit_chosen` when a missing one is chosen."""

    unit_chosen = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.RichText)  # x-large: it follows View › Zoom
        self.tests = QLabel()
        self.tests.setTextFormat(Qt.TextFormat.RichText)
        self.tests.setWordWrap(True)
        self.reported = QLabel()
        self.reported.setTextFormat(Qt.TextFormat.RichText)
        self.reported.setWordWrap(True)
        self.reported.setTextInteractionFlags(
            Qt.TextInteractionFlag.LinksAccessibleByMouse
            | Qt.TextInteractionFlag.LinksAccessibleByKeyboard
        )
        self.reported.linkActivated.connect(self.unit_chosen.emit)
        self.reason = QLabel()
        self.reason.setWordWrap(True)
        self.reason.setTextFormat(Qt.TextFormat.PlainText)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(4)
        # each label in a fence (ui/fence.py): words that change with a save do not lay the
        # whole window out again unless their height changes
        fences = [Fence(label) for label in (self.banner, self.tests, self.reported, self.reason)]
        for fence in fences:
            layout.addWidget(fence)
        self.tests_fence = fences[1]
        self._shown: GlanceText | None = None

    def show_text(self, g: GlanceText) -> None:
        if g == self._shown:
            return
        before, self._shown = self._shown, g
        if before is None or (g.banner, g.banner_color, g.detail) != (
            before.banner,
            before.banner_color,
            before.detail,
        ):
            self._show_banner(g)
        if before is None or g.tests != before.tests:
            self._show_tests(g)
        if before is None or (g.reported, g.missing, g.more_missing) != (
            before.reported,
            before.missing,
            before.more_missing,
        ):
            self._show_reported(g)
        if before is None or g.reason != before.reason:
            self.reason.setText(g.reason)
            self.reason.setAccessibleName(g.reason)
        self.reason.setToolTip(g.detail)  # the engine's whole sentence: every union named

    def _show_banner(self, g: GlanceText) -> None:
        self.banner.setText(f"<b style='font-size:x-large'>{html.escape(g.banner)}</b>")
        sheet = (
            f"QLabel {{ background: {g.banner_color}; color: white; padding: 4px 8px; "
            "border-radius: 3px; }"
        )
        if sheet != self.banner.styleSheet():  # a new style sheet polishes the label again
            self.banner.setStyleSheet(sheet)
        self.banner.setAccessibleName(
            self.tr("Coalition verdict: {banner}").format(banner=g.banner)
        )
        self.banner.setToolTip(g.detail)

    def _show_tests(self, g: GlanceText) -> None:
        if g.tests:
            rows = "".join(
                "<tr>" + "".join(f"<td>{html.escape(cell)}</td>" for cell in row) + "</tr>"
                for row in g.tests
            )
            heads = "".join(
                f"<th align='left'>{html.escape(head)}</th>"
                for head in (
                    self.tr("Test of the rule"),
                    self.tr("So far"),
                    self.tr("Needed"),
                    self.tr("State"),
                )
            )
            table = "<table width='100%' cellspacing='0' cellpadding='2'>"
            self.tests.setText(f"{table}<tr>{heads}</tr>{rows}</table>")
            spoken = "; ".join(
                self.tr("{test}: so far {so_far}, needed {needed}, {state}").format(
                    test=t, so_far=so_far, needed=needed, state=state
                )
                for t, so_far, needed, state in g.tests
            )
            self.tests.setAccessibleName(
                self.tr("Tests of the coalition rule: {tests}").format(tests=spoken)
            )
        self.tests_fence.setVisible(bool(g.tests))

    def _show_reported(self, g: GlanceText) -> None:
        links = ", ".join(
            f"<a href='{html.escape(uid)}'>{html.escape(name)}</a>" for uid, name in g.missing
        )
        more = self.tr(" and %n more", None, g.more_missing) if g.more_missing else ""
        missing = (
            self.tr(". Missing: {units}").format(units=links + more)
            if g.missing
            else self.tr(": every unit has reported")
        )
        self.reported.setText(f"<b>{html.escape(g.reported)}</b>{missing}")
        missing_names = ", ".join(name for _, name in g.missing)
        self.reported.setAccessibleName(
            g.reported
            + (
                self.tr("; missing: {units}").format(units=missing_names + more)
                if g.missing
                else ""
            )
        )

    def text(self) -> str:
        g = self._shown
        if g is None:
            return ""
        tests = "\n".join(" | ".join(row) for row in g.tests)
        missing = ", ".join(name for _, name in g.missing)
        return f"{g.banner}\n{tests}\n{g.reported}: {missing}\n{g.reason}"
