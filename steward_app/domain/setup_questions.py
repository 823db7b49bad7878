"""A question's text in the setup: `text = "..."`, or the text in several languages,
`text.en = "..."`, `text.es = "..."` (docs/setup-format.md)."""

from __future__ import annotations

import re
from typing import Any

from steward_app.domain.language import _
from steward_app.domain.setup_reader import Path, Reader, describe

LANGUAGE_CODE_RE = re.compile(r"^[a-z]{2,3}$")


def question_text(
    r: Reader, qt: dict[str, Any], path: Path
) -> tuple[str | None, tuple[tuple[str, str], ...]]:
    """The text as written (the English one, else the first given) and every language's text,
    for reports and standings in those languages. Mistakes go to `r` with their keys."""
    value = qt.get("text")
    if not isinstance(value, dict):
        return r.get(qt, path, "text", str, _("the question as printed on the ballot")), ()
    texts: list[tuple[str, str]] = []
    for code, text in value.items():
        where = path + ("text", code)
        if not LANGUAGE_CODE_RE.match(code):
            r.problem(
                where,
                _('"{code}" is not a language code; write e.g. text.es for Spanish').format(
                    code=code
                ),
            )
        elif not isinstance(text, str) or not text.strip():
            r.problem(
                where,
                _("is {text}; expected the question's text in that language").format(
                    text=describe(text)
                ),
            )
        else:
            texts.append((code, text))
    if not value:
        r.problem(
            path + ("text",), _('is empty; expected the question\'s text, e.g. text.en = "..."')
        )
    if not texts:
        return None, ()
    written = dict(texts).get("en", texts[0][1])
    return written, tuple(texts)
