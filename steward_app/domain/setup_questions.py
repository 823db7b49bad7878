"""A question's text in the setup: `text = "..."`, or the text in several languages,
`text.en = "..."`, `text.es = "..."` (docs/setup-format.md)."""

from __future__ import annotations

import re
from typing import Any

from steward_app.domain.setup_reader import Path, Reader, describe

LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2,3}$")


def question_text(
    r: Reader, qt: dict[str, Any], path: Path
) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """The text as written (the English one, else the first given) and every language's text,
    for reports and standings in those languages. Mistakes go to `r` with their keys."""
    value = qt.get("text")
    if not isinstance(value, dict):
        return r.get(qt, path, "text", str, "the question as printed on the ballot"), ()
    texts: list[tuple[str, str]] = []
    for code, text in value.items():
        where = path + ("text", code)
        if not LANGUAGE_CODE_RE.match(code):
            r.problem(where, f'"{code}" is not a language code; write e.g. text.es for Spanish')
        elif not isinstance(text, str) or not text.strip():
            r.problem(where, f"is {describe(text)}; expected the question's text in that language")
        else:
            texts.append((code, text))
    if not value:
        r.problem(path + ("text",), 'is empty; expected the question\'s text, e.g. text.en = "..."')
    if not texts:
        return None, ()
    written = dict(texts).get("en", texts[0][1])
    return written, tuple(texts)
