"""What a laid-out page is: drawing operations in points from the printable area's top left.

The layout (layout.py) produces them without any paint device; the renderer (renderer.py)
paints them on a PDF writer, a printer or a preview the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from steward_app.reports.document import Align, Tone

BLACK = "#000000"


@dataclass(frozen=True)
class TextOp:
    """One line of text in the box (x, y, w, h), aligned horizontally, top-aligned."""

    x: float
    y: float
    w: float
    h: float
    text: str
    size: float
    bold: bool = False
    align: Align = Align.LEFT
    color: str = BLACK


@dataclass(frozen=True)
class BoxOp:
    """A rectangle: filled with a tone's pattern and/or a plain colour, and/or framed."""

    x: float
    y: float
    w: float
    h: float
    tone: Tone | None = None
    fill: str | None = None
    border: float = 0.0  # line width in points; 0: no frame


@dataclass(frozen=True)
class LineOp:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float = 0.5
    dashed: bool = False
    color: str = BLACK


@dataclass(frozen=True)
class WatermarkOp:
    """A large outlined word across the page (drawn as a path, so it is not page text)."""

    text: str


Op = TextOp | BoxOp | LineOp | WatermarkOp


@dataclass(frozen=True)
class Page:
    ops: tuple[Op, ...]


@dataclass(frozen=True)
class PageGeometry:
    """The printable area of a page, in points."""

    width: float
    height: float


def shifted(op: Op, dx: float, dy: float) -> Op:
    if isinstance(op, LineOp):
        return replace(op, x1=op.x1 + dx, y1=op.y1 + dy, x2=op.x2 + dx, y2=op.y2 + dy)
    if isinstance(op, WatermarkOp):
        return op
    return replace(op, x=op.x + dx, y=op.y + dy)
