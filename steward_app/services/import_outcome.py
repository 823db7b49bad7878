"""What an imported file did, as `ImportReport.outcome` says it (services/exchange.py).

A StrEnum: each member is the very text the report has always carried, so a report's outcome
compares equal to its member and prints the same words.
"""

from __future__ import annotations

import enum


class ImportOutcome(enum.StrEnum):
    IMPORTED = "imported"
    JOINED = "joined"  # the file brought this PC its first setup: it joined the vote
    NOTHING_NEW = "nothing new"
    ALREADY_IMPORTED = "already imported"
