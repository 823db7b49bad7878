"""Standings kept up to date in memory: loaded once, then refreshed for what an action changed."""

from __future__ import annotations

from steward_app.domain.counts import UnitReport
from steward_app.domain.declared import Declared
from steward_app.domain.standings import ReportKey, Standings, compute_standings, update_standings
from steward_app.services.changes import Changes
from steward_app.services.errors import NoVote
from steward_app.store import entry_reads
from steward_app.store.declarations import declared_outcomes
from steward_app.store.vote_store import VoteStore


class StandingsCache:
    """The window's (and a benchmark's) view of the standings.

    `refresh(changes)` re-reads only the changed units' reports from the database and
    recomputes those units, their unions and the coalition.
    """

    def __init__(self, store: VoteStore) -> None:
        self.store = store
        self.reports: dict[ReportKey, UnitReport] = {}
        self.standings: Standings | None = None
        self.declared: list[Declared] = []

    def load(self) -> Standings:
        with self.store.reading() as conn:
            vote = self.store.vote(conn)
            if vote is None:
                raise NoVote()
            self.reports = entry_reads.unit_reports(conn, vote)
            self.declared = declared_outcomes(conn)
        self.standings = compute_standings(vote, self.reports)
        return self.standings

    def refresh_all(self) -> Standings | None:
        """After a new vote: reload everything (None when there is no vote)."""
        self.store.forget_vote()
        self.standings = None
        try:
            return self.load()
        except NoVote:
            return None

    def refresh(self, changes: Changes) -> Standings:
        if self.standings is None or changes.vote:
            self.store.forget_vote()
            return self.load()
        vote = self.standings.vote
        if changes.units:
            with self.store.reading() as conn:
                fresh = entry_reads.unit_reports(conn, vote, changes.units)
            # the changed units' reports on the vote's questions, the ones unit_reports re-read
            # (looked up by key: walking 100,000 reports took a few ms per refresh)
            for question in vote.questions:
                for unit in changes.units:
                    self.reports.pop((question.id, unit), None)
            self.reports.update(fresh)
            self.standings = update_standings(vote, self.reports, self.standings, changes.units)
        if changes.declared:
            with self.store.reading() as conn:
                self.declared = declared_outcomes(conn)
        return self.standings


def load_standings(store: VoteStore) -> tuple[Standings, list[Declared]]:
    cache = StandingsCache(store)
    standings = cache.load()
    return standings, cache.declared
