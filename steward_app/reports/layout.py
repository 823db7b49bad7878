"""Pagination: a Document flowed onto pages of a given size, with a header and a footer on
every page (vote, as-of time, OFFICIAL / UNOFFICIAL / PRACTICE stamp, page x of y, data
fingerprint). Tables split between rows and repeat their header row; headings stay with what
follows them; banners, chart bars, forms and signature lines are never split.
"""

from __future__ import annotations

from collections.abc import Sequence

from steward_app import __version__
from steward_app.domain.language import _, number
from steward_app.reports import fixed_blocks as fb
from steward_app.reports.document import (
    Align,
    Banner,
    Block,
    Chart,
    Document,
    FillIn,
    Heading,
    KeyValues,
    PageBreak,
    Paragraph,
    RunningTitle,
    Signatures,
    Table,
)
from steward_app.reports.measure import Metrics, words
from steward_app.reports.page_ops import (
    BoxOp,
    LineOp,
    Op,
    Page,
    PageGeometry,
    TextOp,
    WatermarkOp,
    shifted,
)

HEADING_SCALE = {1: 1.7, 2: 1.3, 3: 1.1}
HEADER_SIZE = 9.0
FOOTER_SIZE = 8.5
CELL_PAD = 3.0
RULE = "#999999"
HEADER_FILL = "#DDDDDD"
ZEBRA = "#F3F3F3"


class _Flow:
    def __init__(self, doc: Document, geometry: PageGeometry, metrics: Metrics) -> None:
        self.doc = doc
        self.m = metrics
        self.size = doc.type_size
        self.width = geometry.width
        self.height = geometry.height
        self.top = _header_ops(doc, metrics, geometry.width)[0] + 0.8 * self.size
        self.bottom = geometry.height - _footer_height(metrics) - 0.5 * self.size
        self.pages: list[list[Op]] = [[]]
        self.y = self.top
        self._table_widths: dict[int, list[float]] = {}
        self._table_sizes: dict[int, float] = {}
        self.running = ""
        self.top_of_body = self.top

    # --- the cursor ---------------------------------------------------------------------

    def room(self) -> float:
        return self.bottom - self.y

    def at_top(self) -> bool:
        return self.y <= self.top_of_body + 0.01

    def new_page(self) -> None:
        self.pages.append([])
        self.y = self.top
        self.top_of_body = self.top
        if self.running:
            ops, h = fb.text_lines(
                self.m,
                _("{title} (continued)").format(title=self.running),
                0,
                self.y,
                self.width,
                0.9 * self.size,
                bold=True,
                color=fb.GREY_TEXT,
            )
            self.pages[-1].extend(ops)
            self.y += h + 0.4 * self.size
            self.top_of_body = self.y

    def ensure(self, height: float) -> None:
        if height > self.room() and not self.at_top():
            self.new_page()

    def put(self, drawn: fb.Drawn, gap_after: float) -> None:
        self.ensure(drawn.height)
        self.pages[-1].extend(shifted(op, 0, self.y) for op in drawn.ops)
        self.y += drawn.height + gap_after

    # --- blocks -------------------------------------------------------------------------

    def flow(self, blocks: Sequence[Block]) -> None:
        for i, block in enumerate(blocks):
            following = blocks[i + 1] if i + 1 < len(blocks) else None
            self.block(block, following)

    def block(self, block: Block, following: Block | None) -> None:
        s, w, m = self.size, self.width, self.m
        if isinstance(block, RunningTitle):
            self.running = block.text
        elif isinstance(block, PageBreak):
            if not self.at_top():
                self.running = ""  # a part that starts on a fresh page is not continued
                self.new_page()
        elif isinstance(block, Heading):
            self.heading(block, following)
        elif isinstance(block, Paragraph):
            self.paragraph(block)
        elif isinstance(block, Banner):
            self.put(fb.banner(m, block, w, s), 0.8 * s)
        elif isinstance(block, KeyValues):
            self.key_values(block)
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            self.chart(block)
        elif isinstance(block, FillIn):
            self.put(fb.fill_in(m, block, w, s), 0.4 * s)
        elif isinstance(block, Signatures):
            self.put(fb.signatures(m, block, w, s), 0.6 * s)

    def first_height(self, block: Block | None) -> float:
        """The least of a block that must follow a heading on the same page."""
        s, w, m = self.size, self.width, self.m
        if block is None or isinstance(block, PageBreak | Heading | RunningTitle):
            return 0.0
        if isinstance(block, Paragraph):
            return 2 * m.line_height(s * block.scale, block.bold)
        if isinstance(block, Banner):
            return fb.banner(m, block, w, s).height
        if isinstance(block, Table):
            if not block.rows:
                return 2 * m.line_height(s)
            head = self._row(block, [c.title for c in block.columns], True, None, 1.0)
            return head.height + self._row(block, block.rows[0].cells, False, None, 0.3).height
        if isinstance(block, Chart):
            return 4 * m.line_height(s) + 2 * s
        if isinstance(block, FillIn):
            return fb.fill_in(m, block, w, s).height
        if isinstance(block, Signatures):
            return fb.signatures(m, block, w, s).height
        return 2 * m.line_height(s)

    def heading(self, h: Heading, following: Block | None) -> None:
        size = self.size * HEADING_SCALE.get(h.level, 1.0)
        before = 0.0 if self.at_top() else (0.9 if h.level <= 2 else 0.5) * self.size
        ops, height = fb.text_lines(self.m, h.text, 0, 0, self.width, size, bold=True)
        self.ensure(before + height + self.first_height(following))
        if not self.at_top():
            self.y += before
        if h.level <= 2:
            ops.append(LineOp(0, height + 1, self.width, height + 1, 0.8 if h.level == 1 else 0.5))
            height += 3
        self.pages[-1].extend(shifted(op, 0, self.y) for op in ops)
        self.y += height + 0.35 * self.size

    def paragraph(self, p: Paragraph) -> None:
        size = self.size * p.scale
        if p.boxed:
            self.put(fb.boxed_paragraph(self.m, p.text, self.width, size, p.bold), 0.6 * self.size)
            return
        lh = self.m.line_height(size, p.bold)
        lines = self.m.wrap(p.text, size, p.bold, self.width)
        # kept together on the next page when it does not fit here but fits on a page
        # (allowing for a "continued" line); a longer one runs on, a line at a time
        if len(lines) * lh <= self.bottom - self.top - 2 * lh:
            self.ensure(len(lines) * lh)
        for line in lines:
            self.ensure(lh)
            self.pages[-1].append(TextOp(0, self.y, self.width, lh, line, size, p.bold))
            self.y += lh
        self.y += 0.45 * self.size

    def key_values(self, kv: KeyValues) -> None:
        s, m = self.size, self.m
        label_w = min(
            0.38 * self.width, max((m.width(k, s, True) for k, _ in kv.pairs), default=0) + s
        )
        for key, value in kv.pairs:
            key_ops, kh = fb.text_lines(m, key, 0, 0, label_w - 0.5 * s, s, bold=True)
            val_ops, vh = fb.text_lines(m, value, label_w, 0, self.width - label_w, s)
            self.put(fb.Drawn(max(kh, vh), (*key_ops, *val_ops)), 0.15 * s)
        self.y += 0.5 * s

    def chart(self, c: Chart) -> None:
        s, w, m = self.size, self.width, self.m
        title_ops, th = fb.text_lines(m, c.title, 0, 0, w, 1.1 * s, bold=True)
        legend = fb.legend(m, c.legend, w, s)
        head = fb.Drawn(
            th + 0.2 * s + legend.height,
            (*title_ops, *(shifted(op, 0, th + 0.2 * s) for op in legend.ops)),
        )
        first = fb.chart_bar(m, c.bars[0], w, s).height if c.bars else 0.0
        self.ensure(0.4 * s + head.height + first)
        if not self.at_top():
            self.y += 0.4 * s
        self.put(head, 0.5 * s)
        for bar in c.bars:
            self.put(fb.chart_bar(m, bar, w, s), 0.4 * s)
        self.y += 0.4 * s

    # --- tables -------------------------------------------------------------------------

    def _widths(self, t: Table) -> list[float]:
        widths = self._table_widths.get(id(t))
        if widths is None:
            widths = column_widths(self.m, t, self.width, self._cell_size(t))
            self._table_widths[id(t)] = widths
        return widths

    def _cell_size(self, t: Table) -> float:
        size = self._table_sizes.get(id(t))
        if size is None:
            size = table_type_size(self.m, t, self.width, 0.92 * self.size * t.scale)
            self._table_sizes[id(t)] = size
        return size

    def _row(
        self, t: Table, cells: Sequence[str], bold: bool, fill: str | None, rule: float
    ) -> fb.Drawn:
        size = self._cell_size(t)
        x = 0.0
        ops: list[Op] = []
        height = 0.0
        for col, width, text in zip(t.columns, self._widths(t), cells, strict=False):
            cell_ops, h = fb.text_lines(
                self.m,
                text,
                x + CELL_PAD,
                CELL_PAD,
                width - 2 * CELL_PAD,
                size,
                bold,
                align=col.align,
            )
            ops += cell_ops
            height = max(height, h)
            x += width
        height += 2 * CELL_PAD
        back: list[Op] = [BoxOp(0, 0, self.width, height, fill=fill)] if fill else []
        rules: list[Op] = [LineOp(0, height, self.width, height, rule, color=RULE)]
        return fb.Drawn(height, (*back, *ops, *rules))

    def table(self, t: Table) -> None:
        s = self.size
        if not t.rows:
            self.paragraph(Paragraph(t.empty_text))
            return
        header = self._row(t, [c.title for c in t.columns], True, HEADER_FILL, 1.0)
        rows = [
            self._row(t, r.cells, r.strong, ZEBRA if i % 2 else None, 1.0 if r.strong else 0.3)
            for i, r in enumerate(t.rows)
        ]
        self.ensure(header.height + rows[0].height)
        self.put(header, 0)
        for row in rows:
            if row.height > self.room():
                self.new_page()
                cont_ops, ch = fb.text_lines(
                    self.m,
                    _("{title}, continued").format(title=t.title),
                    0,
                    0,
                    self.width,
                    0.9 * s,
                    bold=True,
                )
                self.put(fb.Drawn(ch, tuple(cont_ops)), 0.2 * s)
                self.put(header, 0)
            self.put(row, 0)
        self.y += 0.8 * s


# a word in a text column longer than this many ems (a name with no spaces) does not widen
# its column: it wraps at any character instead, so the numbers beside it keep their room
LONG_WORD_EMS = 12.0


SMALLEST_TABLE_SCALE = 0.8  # a table's type may shrink this far so its words stay whole


def table_type_size(m: Metrics, t: Table, width: float, size: float) -> float:
    """The type size of a table's cells: `size`, or smaller (down to SMALLEST_TABLE_SCALE of
    it) when at `size` some text column's longest word could not get its width and would
    break ("pendient/e"): a longer language's headings and words take more room."""
    smallest = SMALLEST_TABLE_SCALE * size
    current = size
    while current > smallest:
        _hard, soft = _floors(m, t, current)
        if sum(soft) <= width:
            return current
        current *= 0.95
    return smallest


def _floors(m: Metrics, t: Table, size: float) -> tuple[list[float], list[float]]:
    """Each column's hard floor (numbers, title words) and soft floor (its longest word)."""
    pad = 2 * CELL_PAD + 0.5
    cap = LONG_WORD_EMS * size
    hard = []
    soft = []
    for i, col in enumerate(t.columns):
        need = max((m.width(w, size, True) for w in col.title.split(" ")), default=0.0)
        want = need
        for row in t.rows:
            cell = row.cells[i] if i < len(row.cells) else ""
            if col.align is Align.RIGHT:
                need = max(need, m.width(cell, size, row.strong))
            else:
                longest = max(m.width(w, size, row.strong) for w in words(cell))
                want = max(want, min(longest, cap))
        hard.append(need + pad)
        soft.append(max(need, want) + pad)
    return hard, soft


def column_widths(m: Metrics, t: Table, width: float, size: float) -> list[float]:
    """Each column's width, in three tiers.

    Right-aligned (number) columns get their natural width, as do the words of every column
    title: a number never breaks and "Members" never becomes "Mem/bers". Text columns share
    the rest by weight, each widened to fit its longest word (at the expense of the wider
    ones) unless that word is longer than LONG_WORD_EMS, which then wraps at any character.
    Too little room even so: text columns give way down to their titles' words first, and
    only when the numbers and titles alone are too wide does everything shrink in proportion.
    """
    # hard: never less (number cells, title words); soft: wanted (a text column's longest word)
    hard, soft = _floors(m, t, size)
    flexible = [i for i, c in enumerate(t.columns) if c.align is not Align.RIGHT]
    fixed = sum(hard[i] for i, c in enumerate(t.columns) if c.align is Align.RIGHT)
    if not flexible or fixed + sum(hard[i] for i in flexible) > width:
        used = sum(hard)  # numbers only: they share the width; too wide: all shrink alike
        return [w * width / used for w in hard]
    widths = list(hard)
    rest = width - fixed
    total = sum(t.columns[i].weight for i in flexible) or 1.0
    for i in flexible:
        widths[i] = rest * t.columns[i].weight / total
    for floor in (soft, hard):  # first every text column's longest word, else its title
        _widen(widths, flexible, floor)
        if all(widths[i] >= floor[i] - 1e-6 for i in flexible):
            break
    return widths


def _widen(widths: list[float], flexible: list[int], floor: list[float]) -> None:
    """Raise each flexible column to its floor, taking the room from the columns above theirs
    in proportion to what they have to spare; stops when none has any to spare."""
    for _round in flexible:
        short = [i for i in flexible if widths[i] < floor[i] - 1e-6]
        if not short:
            return
        slack = {i: widths[i] - floor[i] for i in flexible if widths[i] > floor[i] + 1e-6}
        room = sum(slack.values())
        if room <= 0:
            return
        deficit = sum(floor[i] - widths[i] for i in short)
        take = min(deficit, room)
        for i in short:
            widths[i] += take * (floor[i] - widths[i]) / deficit
        for i, extra in slack.items():
            widths[i] -= take * extra / room


def _stamp_size(doc: Document) -> float:
    return max(11.0, doc.type_size)


def _header_ops(doc: Document, m: Metrics, width: float) -> tuple[float, list[Op]]:
    """The header's height and its ops (the same on every page)."""
    h = doc.header
    stamp_size = _stamp_size(doc)
    stamp_w = m.width(h.stamp, stamp_size, True) + 1.2 * stamp_size
    stamp_h = m.line_height(stamp_size, True) + 0.5 * stamp_size
    ops: list[Op] = [
        BoxOp(width - stamp_w, 0, stamp_w, stamp_h, border=1.8),
        TextOp(
            width - stamp_w,
            0.25 * stamp_size,
            stamp_w,
            stamp_h,
            h.stamp,
            stamp_size,
            True,
            Align.CENTER,
        ),
    ]
    left_w = width - stamp_w - 12
    title_ops, y = fb.text_lines(m, h.vote_title, 0, 0, left_w, HEADER_SIZE + 1, bold=True)
    ops += title_ops
    line2 = f"{h.report_title} · {h.coalition}"
    more, dy = fb.text_lines(m, line2, 0, y, left_w, HEADER_SIZE)
    ops += more
    y += dy
    more, dy = fb.text_lines(
        m, _("as of {moment}").format(moment=h.as_of), 0, y, left_w, HEADER_SIZE, bold=True
    )
    ops += more
    y = max(y + dy, stamp_h) + 3
    ops.append(LineOp(0, y, width, y, 1.0))
    return y + 1, ops


def _footer_height(m: Metrics) -> float:
    return m.line_height(FOOTER_SIZE, True) + 5


def _footer_ops(
    doc: Document, m: Metrics, geometry: PageGeometry, page: int, pages: int
) -> list[Op]:
    h = doc.header
    lh = m.line_height(FOOTER_SIZE, True)
    top = geometry.height - lh
    w = geometry.width
    left = f"{h.fingerprint_label} {h.fingerprint}"
    centre = f"{h.stamp} · steward_app {__version__}"
    right = _("page {page} of {pages}").format(page=number(page), pages=number(pages))
    box = w * 0.4
    return [
        LineOp(0, top - 4, w, top - 4, 0.8),
        TextOp(0, top, box, lh, left, fb.fitted_size(m, left, FOOTER_SIZE, box, True), True),
        TextOp(
            w * 0.3,
            top,
            box,
            lh,
            centre,
            fb.fitted_size(m, centre, FOOTER_SIZE, box),
            align=Align.CENTER,
        ),
        TextOp(
            w * 0.6,
            top,
            box,
            lh,
            right,
            fb.fitted_size(m, right, FOOTER_SIZE, box, True),
            True,
            Align.RIGHT,
        ),
    ]


def lay_out(doc: Document, geometry: PageGeometry, metrics: Metrics | None = None) -> list[Page]:
    """The document's pages for a printable area of this size (points)."""
    m = metrics or Metrics()
    flow = _Flow(doc, geometry, m)
    flow.flow(doc.blocks)
    pages = [p for p in flow.pages if p] or [[]]
    n = len(pages)
    header = _header_ops(doc, m, geometry.width)[1]
    out = []
    for i, body in enumerate(pages, start=1):
        ops: list[Op] = [WatermarkOp(_("PRACTICE"))] if doc.header.practice else []
        ops += header
        ops += body
        ops += _footer_ops(doc, m, geometry, i, n)
        out.append(Page(tuple(ops)))
    return out
