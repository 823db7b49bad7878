"""Text measured in points with the bundled font, independent of any paint device.

The font is measured at a large pixel size (SCALE pixels a point), where hinting no longer
rounds advances, so a line breaks at the same word on a 300 dpi printer, in the preview and
in a 1200 dpi PDF: the same document gives the same pages everywhere.
"""

from __future__ import annotations

from PySide6.QtGui import QFontMetricsF

from steward_app.reports.fonts import ensure_fonts, measuring_font

SCALE = 64  # measuring pixels per point


class Metrics:
    """Widths, line heights and word wrapping in points (needs a QGuiApplication)."""

    def __init__(self) -> None:
        ensure_fonts()
        self._metrics: dict[tuple[float, bool], QFontMetricsF] = {}
        self._widths: dict[tuple[str, float, bool], float] = {}

    def _fm(self, size: float, bold: bool) -> QFontMetricsF:
        key = (size, bold)
        fm = self._metrics.get(key)
        if fm is None:
            fm = QFontMetricsF(measuring_font(size, bold, SCALE))
            self._metrics[key] = fm
        return fm

    def width(self, text: str, size: float, bold: bool = False) -> float:
        key = (text, size, bold)
        w = self._widths.get(key)
        if w is None:
            w = self._fm(size, bold).horizontalAdvance(text) / SCALE
            if len(self._widths) < 200_000:
                self._widths[key] = w
        return w

    def line_height(self, size: float, bold: bool = False) -> float:
        return self._fm(size, bold).lineSpacing() / SCALE

    def wrap(self, text: str, size: float, bold: bool, width: float) -> list[str]:
        """Greedy word wrap to `width` points; a word longer than a line is cut where it must.

        Explicit newlines start new lines; an empty text gives one empty line.
        """
        lines: list[str] = []
        for para in text.split("\n"):
            if self.width(para, size, bold) <= width:
                lines.append(para)
                continue
            line = ""
            for word in words(para):
                candidate = f"{line} {word}" if line else word
                if self.width(candidate, size, bold) <= width:
                    line = candidate
                    continue
                if line:
                    lines.append(line)
                rest = word
                while self.width(rest, size, bold) > width and len(rest) > 1:
                    cut = self._fit(rest, size, bold, width)
                    lines.append(rest[:cut])
                    rest = rest[cut:]
                line = rest
            lines.append(line)
        return lines

    def _fit(self, word: str, size: float, bold: bool, width: float) -> int:
        """The longest prefix of `word` (at least one character) that fits in `width`."""
        lo, hi = 1, len(word)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.width(word[:mid], size, bold) <= width:
                lo = mid
            else:
                hi = mid - 1
        return lo


def words(text: str) -> list[str]:
    """Words to wrap between; a lone symbol ("✔", "…") stays with the word after it."""
    out: list[str] = []
    glue = False
    for word in text.split(" "):
        if glue and out:
            out[-1] += " " + word
        else:
            out.append(word)
        glue = len(word) == 1 and not word.isalnum()
    return out
