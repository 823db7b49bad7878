"""Where the parts of one chart bar go along its length: one geometry for the window's bars
(ui/bar_chart.py, in pixels) and the printed ones (reports/fixed_blocks.py, in points).

A bar (domain/chart_data.Bar) runs from 0 to its maximum over a given width. Its segments
follow one another from 0; a segment's words sit inside it, stepping past the threshold line
when they would cover it, and are left out when they do not fit; the threshold's own label
sits beside the line. Everything here is along the bar (x); the caller measures the words
and lays out the rest (rows, axis, colours) in its own units.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Axis:
    """The bar's length: `value` 0 at `left`, the maximum at `left + width`."""

    left: float
    width: float
    maximum: float  # a bar whose maximum is 0 or less is drawn as if it were 1

    @property
    def scale(self) -> float:
        return self.width / (self.maximum if self.maximum > 0 else 1.0)

    def at(self, value: float) -> float:
        """The x of `value`, kept on the bar."""
        return self.left + max(0.0, min(self.width, value * self.scale))


def spans(axis: Axis, values: Sequence[float]) -> list[tuple[int, float, float]]:
    """(index, x0, x1) of each segment with a value above 0, one after another from 0."""
    out = []
    start = 0.0
    for i, value in enumerate(values):
        if value <= 0:
            continue
        out.append((i, axis.at(start), axis.at(start + value)))
        start += value
    return out


@dataclass(frozen=True)
class LabelRule:
    """How a segment's words are placed: `inset` from the segment's start, kept `clear` of
    the threshold line on either side (or moved to `after` past it), and `margin` short of
    the segment's end. `shift_only_if_fits`: the words move past the line only when they
    then fit; else they stay (the window leaves them out instead)."""

    inset: float
    clear: float
    after: float
    margin: float
    shift_only_if_fits: bool


def label_x(
    rule: LabelRule, x0: float, x1: float, words: float, line_x: float | None
) -> float | None:
    """Where words `words` long start in the segment from x0 to x1 (None: they do not fit)."""
    x = x0 + rule.inset
    if line_x is not None and x - rule.clear < line_x < x + words + rule.clear:
        moved = line_x + rule.after
        if not rule.shift_only_if_fits or moved + words <= x1 - rule.margin:
            x = moved
    return x if x + words <= x1 - rule.margin else None


def threshold_label_x(
    line_x: float, words: float, width: float, *, left_first: bool, gap: float, near: float
) -> float:
    """Where the threshold's label starts, beside its line at `line_x`, within 0..width:
    ending `near` before the line when `left_first` and there is room (else after it, `gap`
    past it); starting `gap` past the line otherwise when there is room (else ending `gap`
    before it)."""
    if left_first:
        x = line_x - words - near
        return x if x >= 0 else max(0.0, min(line_x + gap, width - words))
    x = line_x + gap
    return x if x + words <= width else max(0.0, line_x - gap - words)
