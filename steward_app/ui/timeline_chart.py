"""The evening as it unfolded: a union's running margin and the coalition's approving share,
against the time each count was recorded."""

from __future__ import annotations

import datetime as dt
import math

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QDateTime, QLocale, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from steward_app.domain import language
from steward_app.domain.language import decimal, number, percent
from steward_app.services.timeline import Timeline
from steward_app.ui.chart_fonts import FontFollower, apply_font, title_size
from steward_app.ui.palette import APPROVE, REJECT, THRESHOLD

# counts further apart than this belong to another vote night (a vote's counting may run over
# a few evenings; a PC's clock set a year wrong, or a count tonight on an old demo, may not)
EVENING_GAP_S = 3 * 86400


def _seconds(stamp: str) -> float:
    return dt.datetime.fromisoformat(stamp).timestamp()


def evening_start(xs: list[float]) -> int:
    """Where the last evening begins in `xs` (recording times in order): the first of the
    counts that follow one another with no gap over EVENING_GAP_S up to the last one. A PC
    whose clock was wrong, or counts entered on another day, do not stretch the axis over
    years and squash the evening into a line."""
    order = sorted(range(len(xs)), key=lambda i: xs[i])
    if not order:
        return 0
    start = len(order) - 1
    while start > 0 and xs[order[start]] - xs[order[start - 1]] <= EVENING_GAP_S:
        start -= 1
    return start


def _day(seconds: float) -> str:
    """The day in the window's language: "Thu 23 Jun 2011", "jue 23 jun 2011"."""
    when = QDateTime.fromSecsSinceEpoch(int(seconds))
    return QLocale(language.current()).toString(when, "ddd dd MMM yyyy")


def _signed(n: int) -> str:
    """A margin with its sign, as the language writes numbers: +1,340 or +1.340."""
    return ("-" if n < 0 else "+") + number(abs(n))


def _span(first: float, last: float) -> str:
    """ "Thu 23 Jun 2011", or "Mon 20 Jun 2011 to Thu 23 Jun 2011" over several days."""
    a, b = _day(first), _day(last)
    return (
        a
        if a == b
        else QCoreApplication.translate("timeline_chart", "{first} to {last}").format(
            first=a, last=b
        )
    )


def _clock(seconds: float) -> str:
    return dt.datetime.fromtimestamp(seconds).strftime("%H:%M")


class NumberAxis(pg.AxisItem):  # type: ignore[misc]
    """An axis whose numbers are written as the window's language writes them (15,000 or
    15.000; 2.5 or 2,5), not as Python does."""

    def tickStrings(self, values: list[float], scale: float, spacing: float) -> list[str]:
        places = max(0, math.ceil(-math.log10(spacing * scale))) if spacing * scale > 0 else 0
        return [
            number(round(v * scale)) if places == 0 else decimal(v * scale, places) for v in values
        ]


class TimelineChart(FontFollower):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(self.tr("The evening as it unfolded"))
        self.caption = QLabel()
        self.caption.setWordWrap(True)
        self.margin_plot = pg.PlotWidget(
            background="w", axisItems={"bottom": pg.DateAxisItem(), "left": NumberAxis("left")}
        )
        self.share_plot = pg.PlotWidget(
            background="w", axisItems={"bottom": pg.DateAxisItem(), "left": NumberAxis("left")}
        )
        for plot, label in (
            (self.margin_plot, self.tr("margin (yes − no)")),
            (self.share_plot, self.tr("approving membership (%)")),
        ):
            plot.setMenuEnabled(False)
            plot.showGrid(x=True, y=True, alpha=0.25)
            plot.getPlotItem().getAxis("left").setLabel(label, color="k")
            plot.getPlotItem().getAxis("bottom").setLabel(self.tr("time recorded"), color="k")
        # a screen reader reads the charts as words: a name and a summary of what they draw
        self.margin_plot.setAccessibleName(self.tr("Running margin chart"))
        self.share_plot.setAccessibleName(self.tr("Coalition approving membership chart"))
        self.margin_curve = self.margin_plot.plot(
            [],
            [],
            stepMode=None,
            pen=pg.mkPen(APPROVE, width=2),
            symbol="o",
            symbolSize=6,
            symbolBrush=APPROVE,
        )
        self.tie = pg.InfiniteLine(
            pos=0,
            angle=0,
            pen=pg.mkPen(THRESHOLD, width=1, style=Qt.PenStyle.DashLine),
            label=self.tr("tie: yes = no"),
            labelOpts={"position": 0.15, "color": "k"},
        )
        self.margin_plot.addItem(self.tie)
        self.share_curve = self.share_plot.plot(
            [],
            [],
            pen=pg.mkPen(REJECT, width=2, style=Qt.PenStyle.DashDotLine),
            symbol="s",
            symbolSize=5,
            symbolBrush=REJECT,
        )
        self.share_line = pg.InfiniteLine(
            angle=0,
            pen=pg.mkPen(THRESHOLD, width=1, style=Qt.PenStyle.DashLine),
            label="",
            labelOpts={"position": 0.15, "color": "k"},
        )
        self.share_plot.addItem(self.share_line)
        self.last_margin = pg.TextItem("", color="k", anchor=(1, 1))
        self.margin_plot.addItem(self.last_margin)
        self.timeline: Timeline | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(self.caption)
        layout.addWidget(self.margin_plot, 3)
        layout.addWidget(self.share_plot, 2)
        self._titles = ("", "")
        self._apply_font()

    def _apply_font(self) -> None:
        """Axes, titles and line labels in the widget's font (View > Zoom)."""
        font = self.font()
        apply_font(self.margin_plot, font, [self.tie.label, self.last_margin])
        apply_font(self.share_plot, font, [self.share_line.label])
        self._set_titles(*self._titles)

    def _set_titles(self, margin_title: str, share_title: str) -> None:
        self._titles = (margin_title, share_title)
        size = title_size(self.font())
        for plot, title in ((self.margin_plot, margin_title), (self.share_plot, share_title)):
            if title:
                plot.setTitle(title, color="k", size=size)

    def set_timeline(
        self, timeline: Timeline, union_name: str, threshold: float | None, threshold_label: str
    ) -> None:
        self.timeline = timeline
        points = timeline.points
        xs = [_seconds(p.recorded_at) for p in points]
        margins = [p.margin for p in points]
        self.margin_curve.setData(xs, margins)
        self._set_titles(
            self.tr("{union}: running margin").format(union=union_name),
            self.tr("Coalition: membership of unions decided to approve"),
        )
        start = evening_start(xs)
        earlier = start
        if xs:
            shown = sorted(xs)[start:]
            pad = max(60.0, (shown[-1] - shown[0]) * 0.05)
            for plot in (self.margin_plot, self.share_plot):
                plot.setXRange(shown[0] - pad, shown[-1] + pad, padding=0)
                axis = plot.getPlotItem().getAxis("bottom")
                axis.setLabel(
                    self.tr("time recorded, {days}").format(days=_span(shown[0], shown[-1])),
                    color="k",
                )
        if points:
            self.last_margin.setText(_signed(margins[-1]))
            self.last_margin.setPos(xs[-1], margins[-1])
        shares = [float(p.approving_share) * 100 for p in points if p.approving_share is not None]
        self.share_plot.setVisible(timeline.coalition_included)
        if timeline.coalition_included:
            self.share_curve.setData(xs[: len(shares)], shares)
            if threshold is not None:
                self.share_line.setValue(threshold)
                self.share_line.label.setFormat(threshold_label)
                self.share_plot.setYRange(0, 100)
        before = (
            self.tr(
                " %Ln earlier count(s) (another day, or a PC's clock set wrong) lie left of the "
                "view.",
                None,
                earlier,
            )
            if earlier
            else ""
        )
        self.caption.setText(
            self.tr(
                "%Ln count(s) in the order they were recorded (the recording PC's clock).",
                None,
                len(points),
            )
            + before
            + (
                ""
                if timeline.coalition_included
                else self.tr(" The coalition line is left out for very large votes.")
            )
        )
        self._describe(union_name, xs, margins, shares, threshold_label)

    def _describe(
        self,
        union_name: str,
        xs: list[float],
        margins: list[int],
        shares: list[float],
        threshold_label: str,
    ) -> None:
        """The charts' text alternative, for a screen reader."""
        if not xs:
            words = self.tr("{union}: no counts recorded yet.").format(union=union_name)
            self.margin_plot.setAccessibleDescription(words)
            self.share_plot.setAccessibleDescription(self.tr("No counts recorded yet."))
            self.setAccessibleDescription(words)
            return
        low, high = min(margins), max(margins)
        margin_words = self.tr(
            "{union}, running margin of yes over no, %Ln count(s) from {first} to {last}, "
            "{days}: {now} now, lowest {low}, highest {high}.",
            None,
            len(xs),
        ).format(
            union=union_name,
            first=_clock(xs[0]),
            last=_clock(xs[-1]),
            days=_span(min(xs), max(xs)),
            now=_signed(margins[-1]),
            low=_signed(low),
            high=_signed(high),
        )
        share_words = (
            self.tr("Coalition membership of unions decided to approve: {share} now").format(
                share=percent(shares[-1], 1)
            )
            + (f", {threshold_label}" if threshold_label else "")
            + "."
            if shares
            else self.tr("Coalition membership of unions decided to approve: not shown.")
        )
        self.margin_plot.setAccessibleDescription(margin_words)
        self.share_plot.setAccessibleDescription(share_words)
        self.setAccessibleDescription(f"{margin_words} {share_words}")
