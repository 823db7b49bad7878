"""The standing of a unit, a union and a question: the records `standings.py` computes and
every view reads (re-exported there). Apart from it so that agreements.py, which
standings.py imports, can read a question's standings too.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from steward_app.domain.coalition import CoalitionStanding
from steward_app.domain.counts import ReportStatus, UnitReport
from steward_app.domain.judgement import Judgement
from steward_app.domain.rules import TallyRule
from steward_app.domain.tally import Numbers, Outcome, TallyResult
from steward_app.domain.vote import Question


@dataclass(frozen=True)
class UnitStanding:
    unit_id: str
    question_id: str
    report: UnitReport
    result: TallyResult
    rule: TallyRule
    reason: str

    @property
    def status(self) -> ReportStatus:
        return self.report.status

    @property
    def outcome(self) -> Outcome:
        return self.result.outcome

    @property
    def decided(self) -> bool:
        return self.result.decided


@dataclass(frozen=True)
class UnionStanding:
    union_id: str
    question_id: str
    numbers: Numbers  # pooled ballots of its regular units (sub-groups are inside them)
    judgement: Judgement
    pooled: TallyResult | None  # the pooled tally when the union decides pooled
    units_total: int
    units_reported: int
    units_final: int
    units_approved: int  # decided approved
    units_rejected: int  # decided rejected
    conflicts: int
    reason: str

    @property
    def outcome(self) -> Outcome:
        return self.judgement.outcome

    @property
    def decided(self) -> bool:
        return self.judgement.decided

    @property
    def voted(self) -> bool:
        return self.numbers.cast > 0

    @property
    def complete(self) -> bool:
        return self.units_final == self.units_total and self.conflicts == 0


@dataclass(frozen=True)
class QuestionStandings:
    question: Question
    units: Mapping[str, UnitStanding]
    unions: Mapping[str, UnionStanding]
    coalition: CoalitionStanding | None  # None for a unit-scope question
    numbers: Numbers  # every regular unit's ballots pooled

    @property
    def outcome(self) -> Outcome | None:
        return self.coalition.outcome if self.coalition else None
