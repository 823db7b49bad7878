"""One judgement of an entry against the setup in force, wherever the entry was made.

A count or a declared outcome made on this PC is checked before it is recorded (domain.checks:
the same bounds, the same rules); one that arrives in a file is judged here and held apart
(not applied) when it fails, with a sentence naming it and what is wrong. So a count one PC
records is applied by every PC, and one that any PC would refuse is applied by none.

What is judged: every number within its bound (domain.bounds) and the ballots not above the
eligible members the count gives; the question, unit and part known to the setup (the
question asked of that unit, a unit reporting by part given one of its parts); a declared
outcome one of the words a steward can declare, for a question and a union of the setup.
Whether the key may sign the entry at all is the Authority's (domain.authority).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from steward_app.domain.bounds import MAX_BALLOTS
from steward_app.domain.checks import check_key, errors
from steward_app.domain.counts import SlotKey
from steward_app.domain.entries import EntryKey, EntryType
from steward_app.domain.identity import fingerprint
from steward_app.domain.vote import Vote

DECLARABLE_OUTCOMES = ("approved", "rejected", "pending")
_NUMBERS = ("yes", "no", "void", "challenged", "eligible")


def describe(kind: EntryType, key: EntryKey, steward: str, pc: str, origin: str) -> str:
    """An entry named for people: what, where, and who signed it (name and key)."""
    if kind is EntryType.OUTCOME_DECLARED:
        where = f"union {key.unit}" if key.unit else "the coalition"
        what = f"an outcome declared for {where}"
    else:
        where = key.unit + (f"/{key.part}" if key.part else "")
        what = f"a {kind.value} entry for {where}"
    return f"{what} ({key.question}) by {steward} on {pc} ({fingerprint(origin)})"


class EntryChecker:
    """Judges entries against one setup; what depends on the key alone (a slot's unit, part
    and question) is worked out once per key, as an import brings 100,000 entries of a few
    thousand slots."""

    def __init__(self, vote: Vote) -> None:
        self.vote = vote
        # by the key object's id (an import's entries of one slot share one EntryKey, and a
        # dataclass hashes in Python): the key itself is kept, so an id is never reused
        self._keys: dict[int, tuple[EntryKey, str | None]] = {}

    def problem(
        self,
        kind: EntryType,
        key: EntryKey,
        body: Mapping[str, Any] | None,
    ) -> tuple[bool, str] | None:
        """What is wrong with an entry of this kind, key and body (body None: judge the key
        only, for an entry whose numbers were judged when it was applied), as (whether the
        setup does not know where it goes, what is wrong); None when nothing is."""
        if kind.has_numbers:
            if body is not None:
                wrong = _numbers_problem(body)
                if wrong is not None:
                    return False, wrong
            return self._key_problem(key)
        if kind is EntryType.OUTCOME_DECLARED:
            if body is not None and body.get("outcome") not in DECLARABLE_OUTCOMES:
                return False, (
                    f'the outcome "{str(body.get("outcome"))[:40]}" is not one a steward can '
                    f"declare ({', '.join(DECLARABLE_OUTCOMES)})"
                )
            return self._declared_problem(key)
        return None

    def _key_problem(self, key: EntryKey) -> tuple[bool, str] | None:
        hit = self._keys.get(id(key))
        if hit is not None and hit[0] is key:
            found = hit[1]
        else:
            problems = errors(check_key(self.vote, SlotKey(key.question, key.unit, key.part)))
            found = problems[0].message if problems else None
            self._keys[id(key)] = (key, found)
        return None if found is None else (True, found)

    def _declared_problem(self, key: EntryKey) -> tuple[bool, str] | None:
        if key.question not in self.vote.question_by_id:
            return True, f'there is no question "{key.question}" in the setup'
        if key.unit and key.unit not in self.vote.union_by_id:
            return True, f'there is no union "{key.unit}" in the setup'
        return None


def _numbers_problem(body: Mapping[str, Any]) -> str | None:
    """Numbers out of bounds, or more ballots than the eligible members the count gives.
    (An entry read from a file is already known to hold whole numbers from 0.)"""
    get, most = body.get, MAX_BALLOTS
    yes, no, void, challenged = get("yes", 0), get("no", 0), get("void", 0), get("challenged", 0)
    eligible = get("eligible")
    if (
        yes <= most
        and no <= most
        and void <= most
        and challenged <= most
        and (eligible is None or (eligible <= most and yes + no + void + challenged <= eligible))
    ):
        return None  # the common case
    for name in _NUMBERS:
        value = body.get(name)
        if value is not None and value > MAX_BALLOTS:
            return f"{name} is {value:,}, more than {MAX_BALLOTS:,}, the most one count may hold"
    eligible = body.get("eligible")
    if eligible is not None:
        ballots = sum(body.get(n, 0) for n in ("yes", "no", "void", "challenged"))
        if ballots > eligible:
            return f"{ballots:,} ballots but {eligible:,} eligible on the same count"
    return None
