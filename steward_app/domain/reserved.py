"""Reserved words of the setup and the command line, apart so that building the command
line's parsers imports no more of the domain than these."""

from __future__ import annotations

WHOLE_UNIT = ""  # the part name of a count for the whole unit
EVERY_UNION = "all"  # `unions = "all"` in the setup: a key that may report for every union
