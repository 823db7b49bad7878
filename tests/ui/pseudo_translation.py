"""A pseudo-translation of the window: every sentence about 40% longer and full of accented
letters, so a layout that cuts off a longer language shows it (tests/ui/test_layout_in_languages,
tests/ui/make_screenshots.py --lang pseudo).

Placeholders ({name}, %n, %Ln), HTML tags and entities, and the & of a keyboard accelerator
(with its letter) are kept as they are; so is text that is no sentence (a file filter's
pattern keeps its "(*.tally)")."""

from __future__ import annotations

import math
import re

from PySide6.QtCore import QCoreApplication, QObject, QTranslator

ACCENTED = str.maketrans(
    "aeiouAEIOUcnyCNY", "àéîõüÀÉÎÕÜçñýÇÑÝ"
)  # the same letters, so the text stays readable in a screenshot
KEPT = re.compile(r"\{\w*\}|%L?n|<[^>]*>|&[a-z]+;|&.|\(\*[^)]*\)|\n")


def pseudo(text: str) -> str:
    """`text` about 40% longer, its letters accented, its placeholders untouched."""
    if not text:
        return text
    out: list[str] = []
    last = 0
    for m in KEPT.finditer(text):
        out.append(text[last : m.start()].translate(ACCENTED))
        out.append(m.group(0))
        last = m.end()
    out.append(text[last:].translate(ACCENTED))
    visible = len(re.sub(KEPT, "", text))
    padding = math.ceil(visible * 0.4)
    # the padding a word of its own: a long language breaks lines at spaces too
    return "".join(out) + (" " + "·" * padding if padding else "")


class PseudoTranslator(QTranslator):
    def translate(
        self, context: str, source: str, disambiguation: str | None = None, n: int = -1
    ) -> str:
        return pseudo(source)

    def isEmpty(self) -> bool:
        return False


def install_pseudo(parent: QObject | None = None) -> PseudoTranslator:
    """Install the pseudo-translation over every other translator (remove it after use)."""
    translator = PseudoTranslator(parent)
    QCoreApplication.installTranslator(translator)
    return translator
