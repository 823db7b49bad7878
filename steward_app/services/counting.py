"""Record, correct and import counts; declare an outcome. Each is one transaction.

A steward's own count for a slot is entered once and then corrected (with a reason). A count
for a slot that another steward already entered is an independent second entry: equal numbers
confirm it, different numbers are a conflict that stays visible until someone corrects it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, TypeVar

from sqlalchemy import Connection, text

from steward_app.domain.authority import Held
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
from steward_app.domain.counts import WHOLE_UNIT, CountValues, SlotKey, SlotStatus
from steward_app.domain.entries import Entry, EntryKey, EntryType, EntryWriter, values_body
from steward_app.domain.identity import fingerprint
from steward_app.domain.vote import Vote
from steward_app.services.authors import Author, Clock, OriginCursor, origin_cursor, wall_clock
from steward_app.services.changes import Changes
from steward_app.services.collector import collector_paused
from steward_app.services.counts_csv import CsvRow, read_counts_csv

# declared outcomes lived here: still importable from this module
from steward_app.services.declarations import DECLARABLE as DECLARABLE  # noqa: PLC0414
from steward_app.services.declarations import Declared as Declared  # noqa: PLC0414
from steward_app.services.declarations import declare_outcome as declare_outcome  # noqa: PLC0414
from steward_app.services.declarations import (
    declared_outcomes as declared_outcomes,  # noqa: PLC0414
)
from steward_app.services.errors import NoVote, Refused
from steward_app.services.permissions import HELD_ADVICE, held_reason, hold
from steward_app.store import entry_log
from steward_app.store.vote_store import VoteStore


@dataclass(frozen=True)
class Recorded:
    """What became of one count."""

    slot: SlotKey
    entry_id: str | None  # None when nothing new was needed (already recorded)
    status: SlotStatus  # the slot's state afterwards
    note: str  # in words: recorded / confirms ... / conflicts with ... / already recorded
    confirmed_warnings: tuple[Problem, ...] = ()
    changes: Changes = field(default_factory=Changes)


@dataclass(slots=True)
class _HeadInfo:
    entry_id: str
    values: CountValues
    steward: str
    pc: str
    origin: str


_NO_BALLOTS = (0, 0)  # (cast, challenged) of a unit with no value yet


class _SlotIndex:
    """Current heads and sums of the slots an action looks at, held in memory."""

    def __init__(self, conn: Connection | None = None) -> None:
        # loaded for some units only: other units' numbers are asked of the database
        self.partial_conn = conn
        self.heads: dict[SlotKey, list[_HeadInfo]] = defaultdict(list)
        self.unit_ballots: dict[tuple[str, str], list[int]] = defaultdict(lambda: [0, 0])
        self.by_numbers: dict[tuple[str, int, int, int], set[str]] = defaultdict(set)

    @classmethod
    def load(
        cls,
        conn: Connection,
        units: Iterable[str] | None = None,
        questions: Iterable[str] | None = None,
    ) -> _SlotIndex:
        """Every slot's heads, or only those of some units (and of some questions).

        Naming the questions as well as the units lets SQLite use the unique index on
        entry_keys (kind, question, unit, part) instead of reading every count key."""
        index = cls(conn if units is not None else None)
        where = ""
        params: dict[str, object] = {}
        if units is not None:
            names = sorted(set(units))
            where = "AND k.unit IN (" + ",".join(f":u{i}" for i in range(len(names))) + ")"
            params = {f"u{i}": n for i, n in enumerate(names)}
        if questions is not None:
            ids = sorted(set(questions))
            where += " AND k.question IN (" + ",".join(f":q{i}" for i in range(len(ids))) + ")"
            params.update({f"q{i}": q for i, q in enumerate(ids)})
        rows = conn.execute(
            text(
                "SELECT k.question, k.unit, k.part, lower(hex(e.hash)), e.yes, e.no, e.void, "
                "e.challenged, e.eligible, e.final, o.steward, o.pc, o.origin "
                "FROM entries e JOIN entry_keys k ON k.id = e.key_id "
                "JOIN origins o ON o.id = e.origin_id "
                f"WHERE k.kind = 'count' {where} AND NOT EXISTS (SELECT 1 FROM supersessions s "
                "WHERE s.target = e.hash AND s.key_id = e.key_id)"
            ),
            params,
        )
        for q, u, p, h, yes, no, void, ch, el, fin, steward, pc, origin in rows:
            values = CountValues(yes, no, void, ch, el, bool(fin))
            index.heads[SlotKey(q, u, p)].append(_HeadInfo(h, values, steward, pc, origin))
        for slot, hs in index.heads.items():
            index._add(slot, hs, +1)
        return index

    def _value(self, heads: Sequence[_HeadInfo]) -> CountValues | None:
        if len(heads) == 1:  # most slots (an import asks for each of its rows)
            return heads[0].values
        if heads and all(h.values.same_numbers(heads[0].values) for h in heads[1:]):
            return heads[0].values
        return None

    def _add(self, slot: SlotKey, heads: Sequence[_HeadInfo], sign: int) -> None:
        value = self._value(heads)
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

    def replace(self, slot: SlotKey, heads: list[_HeadInfo]) -> None:
        self._add(slot, self.heads.get(slot, []), -1)
        self.heads[slot] = heads
        self._add(slot, heads, +1)

    def context(self, slot: SlotKey, values: CountValues) -> CountContext:
        heads = self.heads.get(slot)
        own_value = self._value(heads) if heads else None
        cast, challenged = self.unit_ballots.get((slot.question, slot.unit), _NO_BALLOTS)
        if own_value is not None:  # this slot's current value is being replaced
            cast -= own_value.cast
            challenged -= own_value.challenged
        if self.partial_conn is not None:
            same = set(entry_log.identical_units(self.partial_conn, slot, values))
        else:
            same = self.by_numbers.get((slot.question, values.yes, values.no, values.void), set())
        others = sorted(same)
        if slot.unit in same:
            others.remove(slot.unit)
        return CountContext(cast, challenged, others)


def _values(numbers: Mapping[str, int], final: bool) -> CountValues:
    return CountValues(
        yes=numbers["yes"],
        no=numbers["no"],
        void=numbers.get("void", 0),
        challenged=numbers.get("challenged", 0),
        eligible=numbers.get("eligible"),
        final=final,
    )


def _who(h: _HeadInfo) -> str:
    return f"{h.steward} on {h.pc}"


@dataclass(slots=True)  # 100,000 of them in an import: no __dict__ each
class _Plan:
    """A checked count, ready to become an entry."""

    slot: SlotKey
    values: CountValues
    type: EntryType
    supersedes: tuple[str, ...]
    reason: str | None
    note: str
    warnings: list[Problem]
    skip: bool = False  # already recorded: nothing to write


def _plan(
    vote: Vote,
    index: _SlotIndex,
    origin: str,
    slot: SlotKey,
    raw: Mapping[str, object],
    final: bool,
    reason: str | None,
    correct: bool,
) -> tuple[_Plan | None, list[Problem]]:
    problems = check_key(vote, slot)
    numbers, number_problems = parse_numbers(raw)
    problems += number_problems
    if correct and not (reason and reason.strip()):
        problems.append(
            Problem(
                "E_REASON_REQUIRED",
                Severity.ERROR,
                "reason",
                'a correction needs a reason, e.g. "recounted the mail ballots"',
            )
        )
    if errors(problems):
        return None, problems
    values = _values(numbers, final)
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
                    f"there is no count for {slot.describe()} to correct; enter it as a new count",
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
        plan = _Plan(slot, values, kind, supersedes, reason, note, [])
    elif own:
        mine = own[0]
        if mine.values.same_numbers(values) and mine.values.final == values.final:
            return _Plan(
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
            plan = _Plan(
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
                    f"you already entered {mine.values.yes:,} yes / {mine.values.no:,} no for "
                    f"{slot.describe()}; to change it, correct it with a reason "
                    "(steward-app correct ... --reason TEXT)",
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
        plan = _Plan(slot, values, EntryType.COUNT_ENTERED, (), None, note, [])
    plan.warnings = warnings(check_values(vote, slot, values, index.context(slot, values)))
    return plan, []


def _entry(vote_key: str, plan: _Plan, cursor: OriginCursor, author: Author, now: str) -> Entry:
    return _count_entry(cursor.writer(author, vote_key, now), cursor.next_seq, cursor.prev, plan)


def _count_entry(writer: EntryWriter, seq: int, prev: str, plan: _Plan) -> Entry:
    """A checked count's entry, numbered `seq` after `prev` in the writer's origin."""
    key = EntryKey.count(plan.slot)
    body = values_body(plan.values)
    return writer.write(seq, prev, plan.type, key, body, plan.supersedes, plan.reason)


def record_count(
    store: VoteStore,
    author: Author,
    slot: SlotKey,
    numbers: Mapping[str, object],
    *,
    final: bool = False,
    correct: bool = False,
    reason: str | None = None,
    confirm_warnings: bool = False,
    clock: Clock = wall_clock,
) -> Recorded:
    """Check and record one count (or a correction of one). Raises Refused, changing nothing."""
    with store.transaction() as conn:
        vote = store.vote(conn)
        vote_key = store.vote_key(conn)
        if vote is None or vote_key is None:
            raise NoVote()
        # only the slot's question: a count reads the heads and sums of its own question
        index = _SlotIndex.load(conn, [slot.unit], [slot.question])
        cursor = origin_cursor(conn, author)
        plan, problems = _plan(vote, index, cursor.origin, slot, numbers, final, reason, correct)
        if plan is None:
            raise Refused(f"the count for {slot.describe()} was not recorded", problems)
        if plan.skip:
            status = _slot_status(index, slot)
            return Recorded(slot, None, status, plan.note)
        if plan.warnings and not confirm_warnings:
            raise Refused(
                f"the count for {slot.describe()} was not recorded: confirm the "
                "warnings to record it",
                plan.warnings,
            )
        now = clock()
        entry = _entry(vote_key, plan, cursor, author, now)
        held = held_reason(store, conn, entry)
        if held is not None:
            hold(conn, vote_key, [(entry, held)], now)
            note = f"held apart, not counted: {held.detail}. {HELD_ADVICE}"
            return Recorded(slot, entry.id, _slot_status(index, slot), note, tuple(plan.warnings))
        entry_log.append(conn, [entry])
        status = _status_after(conn, slot)
    return Recorded(
        slot,
        entry.id,
        status,
        plan.note,
        tuple(plan.warnings),
        Changes(units=frozenset({slot.unit})),
    )


def _slot_status(index: _SlotIndex, slot: SlotKey) -> SlotStatus:
    heads = index.heads.get(slot, [])
    if not heads:
        return SlotStatus.EMPTY
    if len(heads) == 1:
        return SlotStatus.VALUE
    return SlotStatus.CONFIRMED if index._value(heads) else SlotStatus.CONFLICT


def _status_after(conn: Connection, slot: SlotKey) -> SlotStatus:
    row = conn.execute(
        text("SELECT status FROM slots WHERE question = :q AND unit = :u AND part = :p"),
        {"q": slot.question, "u": slot.unit, "p": slot.part},
    ).first()
    return SlotStatus(row[0]) if row else SlotStatus.EMPTY


# --- CSV import ----------------------------------------------------------------------------

TRUE_WORDS = {"yes", "y", "true", "1", "final", "x"}
FALSE_WORDS = {"", "no", "n", "false", "0", "provisional"}
_FINAL_WORDS = frozenset(TRUE_WORDS | FALSE_WORDS)


@dataclass(frozen=True)
class ImportResult:
    recorded: int
    already: int
    corrected: int
    conflicts: int
    confirmed: int
    warnings: tuple[tuple[int, Problem], ...]
    changes: Changes
    held: int = 0  # counts held apart: the setup does not let this PC's key report them
    not_filled: tuple[int, ...] = ()  # rows naming a count with none of its cells filled in
    warning_units: tuple[str, ...] = ()  # the unit of each warning's row, in the same order


class RowsRefused(Refused):
    """A CSV import refused for its rows' problems; `rows` gives each one's row and unit."""

    def __init__(self, message: str, rows: Sequence[tuple[int, str, Problem]]) -> None:
        super().__init__(message, [_on_row(n, p) for n, _, p in rows])
        self.rows = list(rows)


IMPORT_BATCH = 10_000  # entries built and written at a time: the import's memory stays bounded
T = TypeVar("T")


@collector_paused()  # 100,000 rows of objects kept to the end: see services/collector.py
def import_counts(
    store: VoteStore,
    author: Author,
    source: IO[str],
    *,
    confirm_warnings: bool = False,
    clock: Clock = wall_clock,
) -> ImportResult:
    """Import one count per CSV row (columns in docs/counts-csv.md), all or nothing.

    Every row is checked first; any error, or any warning not confirmed, refuses the whole file
    with each problem and its row number. Rows already recorded by this steward are skipped, so
    importing the same file twice records nothing the second time.
    """
    parsed = read_counts_csv(source)
    rows = parsed.rows
    with store.transaction() as conn:
        vote = store.vote(conn)
        vote_key = store.vote_key(conn)
        if vote is None or vote_key is None:
            raise NoVote()
        index = _SlotIndex.load(conn)
        cursor = origin_cursor(conn, author)
        units = {r.number: r.cells.get("unit", "") for r in rows}  # for the summary (cli)
        cells: Iterator[CsvRow] = _consumed(rows)
        problems, plans = _plan_rows(vote, index, cursor.origin, author, cells)
        errs = [(n, p) for n, p in problems if p.severity is Severity.ERROR]
        warns = [(n, p) for n, p in problems if p.severity is Severity.WARNING]
        if errs or (warns and not confirm_warnings):
            shown = errs or warns
            message = (
                "nothing was imported: fix these rows"
                if errs
                else "nothing was imported: confirm the warnings to import"
            )
            raise RowsRefused(message, [(n, units.get(n, ""), p) for n, p in shown])
        warning_units = tuple(units.get(n, "") for n, _ in warns)
        del units, index, problems  # what the entries below need is in the plans
        now = clock()
        writer = cursor.writer(author, vote_key, now)
        seq, prev = cursor.next_seq, cursor.prev
        # held_reason's authority, asked once: the setup in force, which nothing below changes
        authority = store.authority(conn)
        entries: list[Entry] = []
        changed: set[str] = set()
        held: list[tuple[Entry, Held]] = []
        counts = {"recorded": 0, "already": 0, "corrected": 0, "conflicts": 0, "confirmed": 0}
        for plan in _consumed(plans):  # each plan let go once its entry is made
            if len(entries) >= IMPORT_BATCH:  # written as they come, in this one transaction
                entry_log.append(conn, entries)
                changed.update(e.key.unit for e in entries)
                entries = []
            if plan.skip:
                counts["already"] += 1
                continue
            entry = _count_entry(writer, seq, prev, plan)
            seq, prev = seq + 1, entry.id
            why = None if authority is None else held_reason(store, conn, entry)
            if why is not None:
                held.append((entry, why))
                continue
            entries.append(entry)
            if plan.supersedes:
                counts["corrected"] += 1
            elif plan.note.startswith("confirms"):
                counts["confirmed"] += 1
            elif plan.note.startswith("differs"):
                counts["conflicts"] += 1
            else:
                counts["recorded"] += 1
        entry_log.append(conn, entries)
        changed.update(e.key.unit for e in entries)
        hold(conn, vote_key, held, now)
    return ImportResult(
        counts["recorded"],
        counts["already"],
        counts["corrected"],
        counts["conflicts"],
        counts["confirmed"],
        tuple(warns),
        Changes(units=frozenset(changed)),
        len(held),
        parsed.not_filled,
        warning_units,
    )


def _consumed(items: list[T]) -> Iterator[T]:
    """The items in order, each let go by the list as it is handed over: a file's cells need
    not stay in memory beside the plans made of them, nor the plans beside their entries
    (100,000 rows: about 50 MB each)."""
    for i in range(len(items)):
        item = items[i]
        items[i] = None  # type: ignore[assignment]
        yield item


def _plan_rows(
    vote: Vote, index: _SlotIndex, origin: str, author: Author, rows: Iterable[CsvRow]
) -> tuple[list[tuple[int, Problem]], list[_Plan]]:
    """Every filled row of a CSV checked in order (numbered as a spreadsheet numbers them):
    the problems with their row numbers, and the plans of the rows that passed.

    A plan is added to `index` as it is made, so later rows of the same unit see it."""
    default_question = vote.questions[0].id if len(vote.questions) == 1 else None
    problems: list[tuple[int, Problem]] = []
    plans: list[_Plan] = []
    seen: dict[SlotKey, int] = {}
    for csv_row in rows:
        number, row = csv_row.number, csv_row.cells
        if csv_row.problems:  # a cell written in a form not read (docs/counts-csv.md)
            problems.extend([(number, p) for p in csv_row.problems])
            continue
        question = row.get("question") or default_question
        if question is None:
            problems.append(
                (
                    number,
                    Problem(
                        "E_QUESTION_REQUIRED",
                        Severity.ERROR,
                        "question",
                        "this vote has several questions; fill the question column",
                    ),
                )
            )
            continue
        slot = SlotKey(question, row.get("unit", ""), row.get("part", "") or WHOLE_UNIT)
        first = seen.setdefault(slot, number)
        if first != number:
            problems.append(
                (
                    number,
                    Problem(
                        "E_DUPLICATE_ROW",
                        Severity.ERROR,
                        "unit",
                        f"{slot.describe()} is also on row {first}; keep one row per count",
                    ),
                )
            )
            continue
        final_text = row.get("final", "").lower()
        if final_text not in _FINAL_WORDS:
            problems.append(
                (
                    number,
                    Problem(
                        "E_NOT_YES_NO",
                        Severity.ERROR,
                        "final",
                        f'final is "{row.get("final")}"; write yes or no',
                    ),
                )
            )
            continue
        final = final_text in TRUE_WORDS
        reason = row.get("reason") or None
        plan, row_problems = _plan(vote, index, origin, slot, row, final, reason, correct=False)
        if plan is None and reason and any(p.code == "E_ALREADY_ENTERED" for p in row_problems):
            plan, row_problems = _plan(vote, index, origin, slot, row, final, reason, correct=True)
        if row_problems:
            problems.extend([(number, p) for p in row_problems])
        if plan is None:
            continue
        if plan.warnings:
            problems.extend([(number, w) for w in plan.warnings])
        plans.append(plan)
        if not plan.skip:  # later rows of the same unit see this one
            mine = _HeadInfo("", plan.values, author.steward, author.pc, origin)
            heads = index.heads.get(slot)
            if heads:
                index.replace(
                    slot, [h for h in heads if h.entry_id not in plan.supersedes] + [mine]
                )
            else:
                index.replace(slot, [mine])
    return problems, plans


def _on_row(number: int, p: Problem) -> Problem:
    return Problem(p.code, p.severity, p.field, f"row {number}: {p.message}")


@dataclass(frozen=True)
class CurrentCount:
    """A current entry of a slot, with who entered it: what the form shows before a change."""

    slot: SlotKey
    values: CountValues
    steward: str
    pc: str
    recorded_at: str
    fingerprint: str = ""  # of the key that signed it
    replaced: str = ""  # an override: whose count (another key's) it replaced


def current_counts(store: VoteStore, unit_id: str) -> list[CurrentCount]:
    """Every current entry (head) of a unit's slots; two or more on a slot are a
    confirmation (same numbers) or a conflict (different numbers)."""
    with store.reading() as conn:
        index = _SlotIndex.load(conn, [unit_id])
        replaced = {
            h.entry_id: _replaced_of_others(conn, h.entry_id, h.origin)
            for heads in index.heads.values()
            for h in heads
        }
    return [
        CurrentCount(
            slot, h.values, h.steward, h.pc, "", fingerprint(h.origin), replaced[h.entry_id]
        )
        for slot, heads in sorted(index.heads.items())
        for h in heads
    ]


def _replaced_of_others(conn: Connection, entry_id: str, origin: str) -> str:
    """Whose counts (signed by other keys than `origin`) the entry replaced: "" if none."""
    found = entry_log.entry_by_id(conn, entry_id)
    if found is None or not found[0].supersedes:
        return ""
    theirs = []
    for target in found[0].supersedes:
        hit = entry_log.entry_by_id(conn, target)
        if hit is not None and hit[0].origin != origin:
            x = hit[0]
            theirs.append(f"{x.steward} on {x.pc} ({fingerprint(x.origin)})")
    return "; ".join(sorted(set(theirs)))
