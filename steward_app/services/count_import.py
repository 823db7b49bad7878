"""Import counts from a CSV file, one count per row, all or nothing (docs/counts-csv.md)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import IO, TypeVar

from steward_app.domain.authority import Held
from steward_app.domain.checks import Problem, Severity
from steward_app.domain.counts import WHOLE_UNIT, SlotKey
from steward_app.domain.entries import Entry
from steward_app.domain.language import _
from steward_app.domain.vote import Vote
from steward_app.services.authors import Author, Clock, origin_cursor, wall_clock
from steward_app.services.changes import Changes
from steward_app.services.collector import collector_paused
from steward_app.services.count_plan import HeadInfo, Plan, SlotIndex, count_entry, plan_count
from steward_app.services.counts_csv import CsvRow, read_counts_csv
from steward_app.services.errors import NoVote, Refused
from steward_app.services.permissions import held_reason, hold
from steward_app.store import entry_log
from steward_app.store.vote_store import VoteStore

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
        index = SlotIndex.load(conn)
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
            entry = count_entry(writer, seq, prev, plan)
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
    vote: Vote, index: SlotIndex, origin: str, author: Author, rows: Iterable[CsvRow]
) -> tuple[list[tuple[int, Problem]], list[Plan]]:
    """Every filled row of a CSV checked in order (numbered as a spreadsheet numbers them):
    the problems with their row numbers, and the plans of the rows that passed.

    A plan is added to `index` as it is made, so later rows of the same unit see it."""
    default_question = vote.questions[0].id if len(vote.questions) == 1 else None
    problems: list[tuple[int, Problem]] = []
    plans: list[Plan] = []
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
                        _("this vote has several questions; fill the question column"),
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
                        _("{where} is also on row {first}; keep one row per count").format(
                            where=slot.describe(), first=first
                        ),
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
                        _('final is "{value}"; write yes or no').format(value=row.get("final")),
                    ),
                )
            )
            continue
        final = final_text in TRUE_WORDS
        reason = row.get("reason") or None
        plan, row_problems = plan_count(
            vote, index, origin, slot, row, final, reason, correct=False
        )
        if plan is None and reason and any(p.code == "E_ALREADY_ENTERED" for p in row_problems):
            plan, row_problems = plan_count(
                vote, index, origin, slot, row, final, reason, correct=True
            )
        if row_problems:
            problems.extend([(number, p) for p in row_problems])
        if plan is None:
            continue
        if plan.warnings:
            problems.extend([(number, w) for w in plan.warnings])
        plans.append(plan)
        if not plan.skip:  # later rows of the same unit see this one
            mine = HeadInfo("", plan.values, author.steward, author.pc, origin)
            heads = index.heads.get(slot)
            if heads:
                index.replace(
                    slot, [h for h in heads if h.entry_id not in plan.supersedes] + [mine]
                )
            else:
                index.replace(slot, [mine])
    return problems, plans


def _on_row(number: int, p: Problem) -> Problem:
    return Problem(
        p.code,
        p.severity,
        p.field,
        _("row {number}: {message}").format(number=number, message=p.message),
    )
