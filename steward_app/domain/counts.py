"""Counts as entered, the state of each count slot, and a unit's report built from its slots.

A slot is one count: (question, unit, part). Its entries supersede one another; the entries no
other entry supersedes are its heads (an undone count and its undo are never heads:
domain.entries.heads). One head gives the value; several heads with equal numbers are a
confirmed value; several heads that differ are a conflict, with no value until resolved.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from steward_app.domain.reserved import WHOLE_UNIT as WHOLE_UNIT  # noqa: PLC0414
from steward_app.domain.tally import Numbers
from steward_app.domain.vote import Unit

# the columns of a counts CSV (`steward-app import-counts`); the printed template leaves out
# the reason, which only a correction needs
CSV_COLUMNS = (
    "unit",
    "part",
    "question",
    "eligible",
    "yes",
    "no",
    "void",
    "challenged",
    "final",
    "reason",
)


@dataclass(frozen=True, order=True)
class SlotKey:
    question: str
    unit: str
    part: str = WHOLE_UNIT

    def describe(self) -> str:
        where = f"{self.unit}/{self.part}" if self.part else self.unit
        return f"{where} ({self.question})"


@dataclass(frozen=True)
class CountValues:
    """The numbers of one count entry. `eligible` is the figure the tellers gave, if any."""

    yes: int
    no: int
    void: int = 0
    challenged: int = 0
    eligible: int | None = None
    final: bool = False

    @classmethod
    def of(cls, numbers: Mapping[str, Any], final: bool) -> CountValues:
        """From a count's numbers by name (an entry's body, a checked row): void and challenged
        0 and eligible unknown where absent."""
        return cls(
            yes=numbers["yes"],
            no=numbers["no"],
            void=numbers.get("void", 0),
            challenged=numbers.get("challenged", 0),
            eligible=numbers.get("eligible"),
            final=final,
        )

    @property
    def cast(self) -> int:
        return self.yes + self.no + self.void

    def same_numbers(self, other: CountValues) -> bool:
        """Equal counts confirm each other; the provisional/final flag is not a number."""
        return (self.yes, self.no, self.void, self.challenged, self.eligible) == (
            other.yes,
            other.no,
            other.void,
            other.challenged,
            other.eligible,
        )


@dataclass(frozen=True)
class Head:
    """A current (unsuperseded) entry of a slot, with its origin."""

    entry_id: str
    values: CountValues
    steward: str
    pc: str
    recorded_at: str


class SlotStatus(enum.Enum):
    EMPTY = "empty"
    VALUE = "value"
    CONFIRMED = "confirmed"  # two or more heads with the same numbers
    CONFLICT = "conflict"


@dataclass(frozen=True)
class SlotState:
    key: SlotKey
    status: SlotStatus
    heads: tuple[Head, ...]

    @property
    def values(self) -> CountValues | None:
        """The slot's numbers, or None when empty or in conflict."""
        if self.status in (SlotStatus.VALUE, SlotStatus.CONFIRMED):
            return self.heads[0].values
        return None

    @property
    def final(self) -> bool:
        # a confirmed slot is final when any confirming entry says so
        return self.values is not None and any(h.values.final for h in self.heads)


def slot_state(key: SlotKey, heads: Sequence[Head]) -> SlotState:
    """The state of a slot from its heads, independent of their order."""
    ordered = tuple(sorted(heads, key=lambda h: (h.recorded_at, h.entry_id)))
    if not ordered:
        return SlotState(key, SlotStatus.EMPTY, ())
    first = ordered[0].values
    if len(ordered) == 1:
        return SlotState(key, SlotStatus.VALUE, ordered)
    if all(h.values.same_numbers(first) for h in ordered[1:]):
        return SlotState(key, SlotStatus.CONFIRMED, ordered)
    return SlotState(key, SlotStatus.CONFLICT, ordered)


class ReportStatus(enum.Enum):
    NOT_REPORTED = "not reported"
    PROVISIONAL = "provisional"
    FINAL = "final"
    CONFLICT = "conflict"


@dataclass(frozen=True)
class UnitReport:
    """What a unit has reported on one question, summed over its resolved slots."""

    unit_id: str
    question_id: str
    numbers: Numbers  # eligible from the setup; yes/no/void/challenged summed
    slots_with_value: int
    slots_final: int
    conflicts: int
    slots_expected: int  # 1 for whole-unit counts, else the number of parts

    @property
    def status(self) -> ReportStatus:
        if self.conflicts:
            return ReportStatus.CONFLICT
        if self.slots_with_value == 0:
            return ReportStatus.NOT_REPORTED
        if self.complete:
            return ReportStatus.FINAL
        return ReportStatus.PROVISIONAL

    @property
    def complete(self) -> bool:
        """Every expected slot has a final value: no more ballots will come but challenged ones."""
        return self.conflicts == 0 and self.slots_final >= self.slots_expected

    @property
    def reported(self) -> bool:
        return self.slots_with_value > 0

    @property
    def unknown(self) -> int:
        """Ballots that may still change the result: members yet to vote, challenged ballots."""
        n = self.numbers
        if self.complete:
            return n.challenged
        return max(0, n.eligible - n.cast - n.challenged) + n.challenged


def empty_report(unit: Unit, question_id: str) -> UnitReport:
    return UnitReport(
        unit.id, question_id, Numbers(eligible=unit.eligible), 0, 0, 0, max(1, len(unit.parts))
    )


def unit_report(unit: Unit, question_id: str, slots: Iterable[SlotState]) -> UnitReport:
    """Sum a unit's slots on one question (the reference the store's SQL must agree with)."""
    yes = no = void = challenged = with_value = final = conflicts = 0
    for slot in slots:
        if slot.status is SlotStatus.CONFLICT:
            conflicts += 1
            continue
        values = slot.values
        if values is None:
            continue
        with_value += 1
        final += 1 if slot.final else 0
        yes += values.yes
        no += values.no
        void += values.void
        challenged += values.challenged
    return UnitReport(
        unit.id,
        question_id,
        Numbers(unit.eligible, yes, no, void, challenged),
        with_value,
        final,
        conflicts,
        max(1, len(unit.parts)),
    )
