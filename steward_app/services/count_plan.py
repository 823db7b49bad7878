"""A count checked against the slots it touches, ready to become an entry.

The slots' current heads and sums (`SlotIndex`), the plan of one count (`plan_count`: a first
entry, a correction, a confirmation or a conflict, or nothing when it is already recorded) and
the entry it becomes. Recording one count (services/counting.py) and importing a CSV
(services/count_import.py) both plan with it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from sqlalchemy import Connection

from steward_app.domain.checks import (
    CountContext,
    Problem,
    Severity,
    check_key,
    check_values,
    errors,
    parse_numbers,
    warnings,
)
from steward_app.domain.counts import CountValues, SlotKey, SlotStatus
from steward_app.domain.entries import Entry, EntryKey, EntryType, EntryWriter, values_body
from steward_app.domain.language import _, number
from steward_app.domain.vote import Vote
from steward_app.store import entry_reads, slots


@dataclass(slots=True)
class HeadInfo:
    entry_id: str
    values: CountValues
    steward: str
    pc: str
    origin: str


_NO_BALLOTS = (0, 0)  # (cast, challenged) of a unit with no value yet


class SlotIndex:
    """Current heads and sums of the slots an action looks at, held in memory."""

    def __init__(self, conn: Connection | None = None) -> None:
        # loaded for some units only: other units' numbers are asked of the database
        self.partial_conn = conn
        self.heads: dict[SlotKey, list[HeadInfo]] = defaultdict(list)
        self.unit_ballots: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        self.by_numbers: dict[tuple[str, int, int, int], set[str]] = defaultdict(set)

    @classmethod
    def load(
        cls,
        conn: Connection,
        units: Iterable[str] | None = None,
        questions: Iterable[str] | None = None,
    ) -> SlotIndex:
        """Every slot's heads, or only those of some units (and of some questions)."""
        index = cls(conn if units is not None else None)
        rows = slots.count_heads(conn, units, questions)
        for q, u, p, h, yes, no, void, ch, el, fin, steward, pc, origin in rows:
            values = CountValues(yes, no, void, ch, el, bool(fin))
            index.heads[SlotKey(q, u, p)].append(HeadInfo(h, values, steward, pc, origin))
        for slot, hs in index.heads.items():
            index._add(slot, hs, +1)
        return index

    def value_of(self, heads: Sequence[HeadInfo]) -> CountValues | None:
        if len(heads) == 1:  # most slots (an import asks for each of its rows)
            return heads[0].values
        if heads and all(h.values.same_numbers(heads[0].values) for h in heads[1:]):
            return heads[0].values
        return None

    def _add(self, slot: SlotKey, heads: Sequence[HeadInfo], sign: int) -> None:
        value = self.value_of(heads)
        if value is None:
            return
        sums = self.unit_ballots[(slot.question, slot.unit)]
        sums[0] += sign * value.cast
        sums[1] += sign * value.challenged
        numbers = (slot.question, value.yes, value.no, value.void)
        if sign > 0:
            self.by_numbers[numbers].add(slot.unit)
        else:
            self.by_numbers[numbers].discard(slot.unit)

    def replace(self, slot: SlotKey, heads: list[HeadInfo]) -> None:
        self._add(slot, self.heads.get(slot, []), -1)
        self.heads[slot] = heads
        self._add(slot, heads, +1)

    def context(self, slot: SlotKey, values: CountValues) -> CountContext:
        heads = self.heads.get(slot)
        own_value = self.value_of(heads) if heads else None
        cast, challenged = self.unit_ballots.get((slot.question, slot.unit), _NO_BALLOTS)
        if own_value is not None:  # this slot's current value is being replaced
            cast -= own_value.cast
            challenged -= own_value.challenged
        if self.partial_conn is not None:
            same = set(entry_reads.identical_units(self.partial_conn, slot, values))
        else:
            same = self.by_numbers.get((slot.question, values.yes, values.no, values.void), set())
        others = sorted(same)
        if slot.unit in same:
            others.remove(slot.unit)
        return CountContext(cast, challenged, others)


def _who(h: HeadInfo) -> str:
    return _("{steward} on {pc}").format(steward=h.steward, pc=h.pc)


@dataclass(slots=True)  # 100,000 of them in an import: no __dict__ each
class Plan:
    """A checked count, ready to become an entry."""

    slot: SlotKey
    values: CountValues
    type: EntryType
    supersedes: tuple[str, ...]
    reason: str | None
    note: str
    warnings: list[Problem]
    skip: bool = False  # already recorded: nothing to write


def plan_count(
    vote: Vote,
    index: SlotIndex,
    origin: str,
    slot: SlotKey,
    raw: Mapping[str, object],
    final: bool,
    reason: str | None,
    correct: bool,
) -> tuple[Plan | None, list[Problem]]:
    problems = check_key(vote, slot)
    numbers, number_problems = parse_numbers(raw)
    problems += number_problems
    if correct and not (reason and reason.strip()):
        problems.append(
            Problem(
                "E_REASON_REQUIRED",
                Severity.ERROR,
                "reason",
                _('a correction needs a reason, e.g. "recounted the mail ballots"'),
            )
        )
    if errors(problems):
        return None, problems
    values = CountValues.of(numbers, final)
    heads = index.heads.get(slot, [])
    own = [h for h in heads if h.origin == origin]
    supersedes: tuple[str, ...] = ()
    if correct:
        if not heads:
            return None, [
                Problem(
                    "E_NOTHING_TO_CORRECT",
                    Severity.ERROR,
                    "unit",
                    _("there is no count for {where} to correct; enter it as a new count").format(
                        where=slot.describe()
                    ),
                )
            ]
        supersedes = tuple(h.entry_id for h in heads)
        differs = (
            len(
                {
                    (
                        h.values.yes,
                        h.values.no,
                        h.values.void,
                        h.values.challenged,
                        h.values.eligible,
                    )
                    for h in heads
                }
            )
            > 1
        )
        kind = EntryType.COUNT_RESOLVED if differs else EntryType.COUNT_CORRECTED
        others = [h for h in heads if h.origin != origin]
        note = "resolves the conflict" if differs else "corrects the count"
        if others and not differs:
            note += f" entered by {_who(others[0])}"
        plan = Plan(slot, values, kind, supersedes, reason, note, [])
    elif own:
        mine = own[0]
        if mine.values.same_numbers(values) and mine.values.final == values.final:
            return Plan(
                slot,
                values,
                EntryType.COUNT_ENTERED,
                (),
                None,
                "already recorded; nothing changed",
                [],
                skip=True,
            ), []
        if mine.values.same_numbers(values) and values.final and not mine.values.final:
            plan = Plan(
                slot,
                values,
                EntryType.COUNT_CORRECTED,
                (mine.entry_id,),
                "marked final, numbers unchanged",
                "marks the count final",
                [],
            )
        else:
            return None, [
                Problem(
                    "E_ALREADY_ENTERED",
                    Severity.ERROR,
                    "unit",
                    _(
                        "you already entered {yes} yes / {no} no for {where}; to change it, "
                        "correct it with a reason (steward-app correct ... --reason TEXT)"
                    ).format(
                        yes=number(mine.values.yes),
                        no=number(mine.values.no),
                        where=slot.describe(),
                    ),
                )
            ]
    else:
        same = [h for h in heads if h.values.same_numbers(values)]
        if heads and len(same) == len(heads):
            note = f"confirms the count entered by {_who(heads[0])}"
        elif heads:
            note = (
                f"differs from the count entered by {_who(heads[0])} "
                f"({heads[0].values.yes:,} yes / {heads[0].values.no:,} no): a conflict to "
                "resolve"
            )
        else:
            note = "recorded"
        plan = Plan(slot, values, EntryType.COUNT_ENTERED, (), None, note, [])
    plan.warnings = warnings(check_values(vote, slot, values, index.context(slot, values)))
    return plan, []


def count_entry(writer: EntryWriter, seq: int, prev: str, plan: Plan) -> Entry:
    """A checked count's entry, numbered `seq` after `prev` in the writer's origin."""
    key = EntryKey.count(plan.slot)
    body = values_body(plan.values)
    return writer.write(seq, prev, plan.type, key, body, plan.supersedes, plan.reason)


def slot_status(index: SlotIndex, slot: SlotKey) -> SlotStatus:
    heads = index.heads.get(slot, [])
    if not heads:
        return SlotStatus.EMPTY
    if len(heads) == 1:
        return SlotStatus.VALUE
    return SlotStatus.CONFIRMED if index.value_of(heads) else SlotStatus.CONFLICT
