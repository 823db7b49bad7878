"""Blocks that are never split across pages: the banner, a chart bar, a fill-in form group,
signature lines, a framed notice. Each is drawn at y = 0 and moved into place by the layout.

Meaning never rests on colour alone: patterns (solid, dotted, hatched) and words carry it,
so a black-and-white printout reads the same.
"""

from __future__ import annotations

from dataclasses import dataclass

from steward_app.domain.bar_layout import Axis, LabelRule, label_x, spans, threshold_label_x
from steward_app.domain.language import _, decimal, number
from steward_app.reports.document import (
    Align,
    Banner,
    ChartBar,
    FillIn,
    Signatures,
    Tone,
)
from steward_app.reports.measure import Metrics
from steward_app.reports.page_ops import BoxOp, LineOp, Op, TextOp

GREY_TEXT = "#333333"
# a segment's words: 2 pt in, clear of the threshold line by 2 pt (moved 3 pt past it only
# when they then fit), 2 pt short of the segment's end
LABELS = LabelRule(inset=2, clear=2, after=3, margin=2, shift_only_if_fits=True)


@dataclass(frozen=True)
class Drawn:
    height: float
    ops: tuple[Op, ...]


def text_lines(
    m: Metrics,
    text: str,
    x: float,
    y: float,
    width: float,
    size: float,
    bold: bool = False,
    color: str = "#000000",
    align: Align = Align.LEFT,
) -> tuple[list[Op], float]:
    """Wrapped lines from (x, y); returns the ops and the height used."""
    lh = m.line_height(size, bold)
    ops: list[Op] = []
    for i, line in enumerate(m.wrap(text, size, bold, width)):
        ops.append(TextOp(x, y + i * lh, width, lh, line, size, bold, align, color))
    return ops, len(ops) * lh


def banner(m: Metrics, b: Banner, width: float, size: float) -> Drawn:
    pad = 0.8 * size
    strip = 2.6 * size
    inner_x = strip + pad
    inner_w = width - inner_x - pad
    title_ops, title_h = text_lines(m, b.text, inner_x, pad, inner_w, 2.0 * size, bold=True)
    detail_ops, detail_h = text_lines(
        m, b.detail, inner_x, pad + title_h + 0.2 * size, inner_w, size
    )
    height = pad + title_h + 0.2 * size + detail_h + pad
    ops: list[Op] = [
        BoxOp(0, 0, strip, height, tone=b.tone),
        LineOp(strip, 0, strip, height, 1.0),
        BoxOp(0, 0, width, height, border=2.0),
        *title_ops,
        *detail_ops,
    ]
    return Drawn(height, tuple(ops))


def boxed_paragraph(m: Metrics, text: str, width: float, size: float, bold: bool) -> Drawn:
    pad = 0.6 * size
    ops, h = text_lines(m, text, pad, pad, width - 2 * pad, size, bold)
    height = h + 2 * pad
    return Drawn(height, (BoxOp(0, 0, width, height, fill="#EEEEEE", border=2.0), *ops))


def legend(m: Metrics, items: tuple[tuple[Tone, str], ...], width: float, size: float) -> Drawn:
    """Swatches of each pattern with its meaning in words, on as many lines as needed."""
    s = 0.85 * size
    lh = m.line_height(s)
    sw, gap = 2.2 * s, 0.5 * s
    x = y = 0.0
    ops: list[Op] = []
    for tone, words in items:
        w = sw + gap + m.width(words, s) + 1.6 * s
        if x > 0 and x + w > width:
            x, y = 0.0, y + lh + 0.2 * s
        ops.append(BoxOp(x, y + 0.15 * lh, sw, 0.7 * lh, tone=tone, border=0.6))
        ops.append(TextOp(x + sw + gap, y, w, lh, words, s))
        x += w
    return Drawn(y + lh, tuple(ops))


def _fmt(value: float) -> str:
    """An axis figure as the current language writes it: 9,200 or 9200, 66.7 or 66,7."""
    return number(round(value)) if abs(value - round(value)) < 1e-9 else decimal(value, 1)


def chart_bar(m: Metrics, bar: ChartBar, width: float, size: float) -> Drawn:
    """One bar: title and every label in words, the segments, the threshold line, an axis."""
    ops: list[Op] = []
    title_ops, y = text_lines(m, bar.title, 0, 0, width, size, bold=True)
    ops += title_ops
    parts = [s.label for s in bar.segments if s.value > 0]
    words = f"{bar.state}: " + " · ".join(parts) if parts else bar.state
    if bar.threshold is not None:
        words += f" · {bar.threshold_label}"
    line_ops, h = text_lines(m, words, 0, y, width, 0.9 * size, color=GREY_TEXT)
    ops += line_ops
    y += h
    small = 0.8 * size
    small_h = m.line_height(small)
    axis = Axis(0.0, width, bar.maximum)
    tx = axis.at(bar.threshold) if bar.threshold is not None else None
    if tx is not None:  # its label above the bar, beside the line
        label = bar.threshold_label
        lw = m.width(label, small, bold=True) + 4
        lx = threshold_label_x(tx, lw, width, left_first=False, gap=3, near=3)
        ops.append(TextOp(lx, y, lw, small_h, label, small, True))
        y += small_h + 1
    bar_h = 1.9 * size
    top = y
    labels: list[Op] = []
    for i, x0, x1 in spans(axis, [seg.value for seg in bar.segments]):
        seg = bar.segments[i]
        ops.append(BoxOp(x0, top, x1 - x0, bar_h, tone=seg.tone, border=0.6))
        lw = m.width(seg.label, small, bold=True) + 6
        found = label_x(LABELS, x0, x1, lw, tx)
        if found is not None:
            ly = top + (bar_h - small_h) / 2
            labels.append(BoxOp(found, ly, lw, small_h, fill="#FFFFFF"))
            labels.append(TextOp(found, ly, lw, small_h, seg.label, small, True, Align.CENTER))
    ops.append(BoxOp(0, top, width, bar_h, border=0.8))
    for q in (0.25, 0.5, 0.75):
        ops.append(LineOp(width * q, top + bar_h, width * q, top + bar_h + 3, 0.5))
    if tx is not None:
        ops.append(LineOp(tx, top - small_h - 1, tx, top + bar_h + 4, 2.2, dashed=True))
    ops += labels
    y = top + bar_h + 3
    ops.append(TextOp(0, y, width / 2, small_h, "0", small, color=GREY_TEXT))
    ops.append(
        TextOp(
            width / 2,
            y,
            width / 2,
            small_h,
            f"{_fmt(bar.maximum)}{'' if bar.unit.startswith('%') else ' '}{bar.unit}",
            small,
            color=GREY_TEXT,
            align=Align.RIGHT,
        )
    )
    return Drawn(y + small_h + 0.6 * size, tuple(ops))


def fill_in(m: Metrics, f: FillIn, width: float, size: float) -> Drawn:
    ops: list[Op] = []
    y = 0.0
    if f.title:
        title_ops, y = text_lines(m, f.title, 0, 0, width, 1.05 * size, bold=True)
        ops += title_ops
        y += 0.3 * size
    label_w = 0.42 * width
    box_x, box_w = label_w + 0.6 * size, width - label_w - 0.6 * size
    row_h = 2.15 * size
    small = 0.78 * size
    for field in f.fields:
        label_ops, lh = text_lines(m, field.label, 0, y + 0.2 * size, label_w, size, bold=True)
        ops += label_ops
        if field.hint:
            hint_ops, hh = text_lines(
                m, field.hint, 0, y + 0.2 * size + lh, label_w, small, color=GREY_TEXT
            )
            ops += hint_ops
            lh += hh
        h = max(row_h, lh + 0.4 * size)
        if field.choices:
            x = box_x
            for choice in field.choices:
                tick = 1.3 * size
                ops.append(BoxOp(x, y + (h - tick) / 2, tick, tick, border=1.2))
                cw = m.width(choice, size) + 2
                ops.append(
                    TextOp(
                        x + tick + 0.4 * size,
                        y + (h - m.line_height(size)) / 2,
                        cw,
                        m.line_height(size),
                        choice,
                        size,
                    )
                )
                x += tick + 0.4 * size + cw + 2.0 * size
        else:
            ops.append(BoxOp(box_x, y + 0.1 * size, box_w, h - 0.2 * size, border=1.2))
        y += h + 0.25 * size
    return Drawn(y + 0.4 * size, tuple(ops))


def fitted_size(m: Metrics, text: str, size: float, width: float, bold: bool = False) -> float:
    """The type size at which a one-line label fits its width: `size`, or smaller (down to
    60%) for a longer translation, rather than run out of its box."""
    natural = m.width(text, size, bold)
    if natural <= width:
        return size
    return max(size * width / natural * 0.99, 0.6 * size)


def signatures(m: Metrics, s: Signatures, width: float, size: float) -> Drawn:
    ops, y = text_lines(m, s.statement, 0, 0, width, size)
    y += 0.3 * size
    small = 0.75 * size
    small_h = m.line_height(small)
    role_w = 0.2 * width
    fields = ((_("Name (print)"), 0.33), (_("Signature"), 0.29), (_("Date and time"), 0.18))
    row_h = 2.7 * size
    for role in s.roles:
        role_ops, _height = text_lines(
            m, role, 0, y + row_h - m.line_height(size) - 2, role_w - 6, size, bold=True
        )
        ops += role_ops
        x = role_w
        for caption, share in fields:
            w = share * width - 8
            ops.append(LineOp(x, y + row_h, x + w, y + row_h, 0.8))
            fits = fitted_size(m, caption, small, w)
            ops.append(TextOp(x, y + row_h + 1, w, small_h, caption, fits, color=GREY_TEXT))
            x += share * width
        y += row_h + small_h + 0.3 * size
    return Drawn(y + 0.3 * size, tuple(ops))
