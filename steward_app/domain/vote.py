"""The vote as the coordinator's setup describes it: coalition, unions, units, questions."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from functools import cached_property

from steward_app.domain.identity import origin_of_text
from steward_app.domain.reserved import EVERY_UNION as EVERY_UNION  # noqa: PLC0414
from steward_app.domain.rules import CoalitionRule, TallyRule, UnionRule


class Mode(enum.Enum):
    OFFICIAL = "official"
    PRACTICE = "practice"


class Overrides(enum.Enum):
    """Who may replace a count signed by another key (`[vote] overrides`, docs/setup-format.md).
    A steward always corrects their own counts; the coordinator may always replace any."""

    COORDINATOR = "coordinator"  # only the coordinator
    UNION = "union"  # any key that may report the unit's union (every key, with no list)


class Scope(enum.Enum):
    COALITION = "coalition"  # decided by the coalition rule, binding everyone
    UNIT = "unit"  # each unit decides its own by its own tally


@dataclass(frozen=True)
class Unit:
    """A bargaining unit, or a sub-group tallied apart (its ballots are inside its parent's)."""

    id: str
    name: str
    union_id: str
    eligible: int
    parts: tuple[str, ...] = ()  # sites or sessions reported apart; empty: whole-unit counts
    subgroup_of: str | None = None
    advisory: bool = False  # a sub-group reported for information, with no veto

    @property
    def is_subgroup(self) -> bool:
        return self.subgroup_of is not None


@dataclass(frozen=True)
class Union:
    id: str
    name: str
    membership: int
    membership_source: str
    membership_as_of: str
    rule: UnionRule
    unit_ids: tuple[str, ...]  # regular units, in setup order
    subgroup_ids: tuple[str, ...] = ()
    abstains: tuple[str, ...] = ()  # questions on which the union casts no vote, by the setup


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    scope: Scope
    tally_rule: TallyRule | None = None  # replaces the unions' tally rule for this question
    unit_ids: tuple[str, ...] = ()  # the units asked; empty: all
    # the text in other languages (`text.es = "..."` in the setup): (language code, text)
    texts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Agreement:
    """Parts (questions) that must all pass for any of it to take effect."""

    id: str
    name: str
    part_ids: tuple[str, ...]
    master: str | None = None  # the master part; the others are supplements to it


@dataclass(frozen=True)
class StewardKey:
    """A steward's PC key the coordinator lists, and the unions it may report for."""

    key: str  # the public key, base32 (52 characters), normalised
    name: str  # a label: the steward and the PC, as the coordinator wrote it
    unions: tuple[str, ...]  # union ids; (EVERY_UNION,) for every union

    @cached_property
    def origin(self) -> str:
        return origin_of_text(self.key)

    def may_report(self, union_id: str) -> bool:
        return EVERY_UNION in self.unions or union_id in self.unions


@dataclass(frozen=True)
class Roster:
    """Who may sign what. With no stewards listed the roster is open: any key may report."""

    coordinator_key: str | None = None  # None: the key that signed the vote's first setup
    coordinator_name: str = ""
    stewards: tuple[StewardKey, ...] = ()

    @property
    def open(self) -> bool:
        return not self.stewards

    @cached_property
    def coordinator_origin(self) -> str | None:
        return origin_of_text(self.coordinator_key) if self.coordinator_key else None

    @cached_property
    def by_origin(self) -> dict[str, StewardKey]:
        return {s.origin: s for s in self.stewards}


@dataclass(frozen=True)
class Vote:
    id: str
    title: str
    mode: Mode
    coalition_name: str
    coalition_rule: CoalitionRule
    unions: tuple[Union, ...]
    units: tuple[Unit, ...]
    questions: tuple[Question, ...]
    agreements: tuple[Agreement, ...] = ()
    note: str = ""
    setup_hash: str = field(default="", compare=False)
    roster: Roster = field(default_factory=Roster)
    overrides: Overrides = Overrides.UNION

    @cached_property
    def unit_by_id(self) -> dict[str, Unit]:
        return {u.id: u for u in self.units}

    @cached_property
    def union_by_id(self) -> dict[str, Union]:
        return {u.id: u for u in self.unions}

    @cached_property
    def question_by_id(self) -> dict[str, Question]:
        return {q.id: q for q in self.questions}

    @cached_property
    def total_membership(self) -> int:
        return sum(u.membership for u in self.unions)

    @property
    def has_coalition_rule(self) -> bool:
        """False when the setup has no `[coalition.rule]`: each union ratifies for itself."""
        return not self.coalition_rule.is_empty()

    def has_coalition_result(self, question: Question) -> bool:
        return question.scope is Scope.COALITION and self.has_coalition_rule

    def units_asked(self, question: Question) -> tuple[Unit, ...]:
        """The units (sub-groups included) whose members answer this question."""
        if question.unit_ids:
            return tuple(self.unit_by_id[i] for i in question.unit_ids)
        return self.units

    def membership_asked(self, question: Question) -> int:
        """The membership of the unions with a unit asked this question."""
        if not question.unit_ids:
            return self.total_membership
        asked = {self.unit_by_id[i].union_id for i in question.unit_ids}
        return sum(u.membership for u in self.unions if u.id in asked)

    def tally_rule_for(self, question: Question, union: Union) -> TallyRule:
        return question.tally_rule or union.rule.tally
