"""What if the members still to vote turn out and vote a given way? A projection, never a result.

Each unit that has not finished counting gets the ballots its remaining members would cast at
the assumed turnout, split by the assumed yes share; the projected reports are then judged like
real ones. Assumptions are exact fractions; ballots are rounded to whole votes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction

from steward_app.domain.counts import UnitReport, empty_report
from steward_app.domain.standings import ReportKey, Standings, compute_standings
from steward_app.domain.tally import Numbers
from steward_app.domain.vote import Vote


@dataclass(frozen=True)
class Assumption:
    turnout: Fraction  # share of the remaining eligible members who vote
    yes_share: Fraction  # share of their valid votes that are yes


@dataclass(frozen=True)
class Scenario:
    """One assumption for every union, with overrides for some unions."""

    default: Assumption
    by_union: Mapping[str, Assumption] = field(default_factory=dict)

    def for_union(self, union_id: str) -> Assumption:
        return self.by_union.get(union_id, self.default)


def _round(value: Fraction) -> int:
    """Round half up, so a projection does not depend on banker's rounding."""
    return int(value + Fraction(1, 2)) if value >= 0 else -int(-value + Fraction(1, 2))


def project_reports(
    vote: Vote, reports: Mapping[ReportKey, UnitReport], scenario: Scenario
) -> dict[ReportKey, UnitReport]:
    """Reports as if every unfinished unit had finished under the scenario."""
    out: dict[ReportKey, UnitReport] = {}
    for question in vote.questions:
        for unit in vote.units_asked(question):
            key = (question.id, unit.id)
            report = reports.get(key) or empty_report(unit, question.id)
            if report.complete:
                out[key] = report
                continue
            assume = scenario.for_union(unit.union_id)
            n = report.numbers
            remaining = max(0, n.eligible - n.cast - n.challenged)
            ballots = _round(remaining * assume.turnout)
            yes = _round(ballots * assume.yes_share)
            projected = Numbers(n.eligible, n.yes + yes, n.no + ballots - yes, n.void, 0)
            out[key] = replace(
                report,
                numbers=projected,
                slots_with_value=report.slots_expected,
                slots_final=report.slots_expected,
                conflicts=0,
            )
    return out


def project(vote: Vote, reports: Mapping[ReportKey, UnitReport], scenario: Scenario) -> Standings:
    """Standings as they would be under the scenario (label them as a projection)."""
    return compute_standings(vote, project_reports(vote, reports, scenario))
