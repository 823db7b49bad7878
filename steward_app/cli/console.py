"""The command line's output is UTF-8 when it goes to a file or a pipe.

On Windows, Python writes to a console in Unicode, but to a file or a pipe (`steward-app
standings > out.txt`, `| more`, a script) in the ANSI code page: cp1252 in Western Europe,
where a steward's or a local's name with ł, ś or Chinese characters raises UnicodeEncodeError
halfway through. Redirected output is made UTF-8 (what PowerShell 7, Notepad, Excel's text
import and every other platform read); a console is left as it is. A character that still
cannot be written (a file name's undecodable bytes) is written escaped, never an error.
"""

from __future__ import annotations

import io
import sys
from typing import TextIO


def utf8_when_redirected(stream: TextIO) -> None:
    """Make `stream` write UTF-8 unless it is a console (a terminal)."""
    if not isinstance(stream, io.TextIOWrapper):
        return  # a test's StringIO, or already replaced: left alone
    try:
        console = stream.isatty()
    except (OSError, ValueError):
        console = False
    if console:
        return
    if stream.encoding.lower().replace("-", "").replace("_", "") != "utf8":
        stream.flush()
        stream.reconfigure(encoding="utf-8", errors="backslashreplace")
    elif stream.errors == "strict":
        stream.reconfigure(errors="backslashreplace")


def utf8_output() -> None:
    """Standard output and standard error, UTF-8 when redirected (the command line's start)."""
    for stream in (sys.stdout, sys.stderr):
        if stream is not None:
            utf8_when_redirected(stream)
