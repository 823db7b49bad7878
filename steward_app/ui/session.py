"""The open database as the window's parts share it: the store and its standings cache.

A Session lives on the database lane (ui/database_lane.py): it is made, used and closed there
only. The window and its feature controllers reach it through the window context
(ui/window_context.py); none of them imports the main window for it.
"""

from __future__ import annotations

from pathlib import Path

from steward_app.domain.standings import Standings
from steward_app.services.errors import NoVote
from steward_app.services.standings_cache import StandingsCache
from steward_app.store.vote_store import VoteStore


class Session:
    """Lives on the database lane: the open database and its standings cache."""

    def __init__(self, path: Path) -> None:
        self.store = VoteStore(path)
        self.cache = StandingsCache(self.store)

    def standings(self) -> Standings | None:
        try:
            return self.cache.load()
        except NoVote:
            return None
