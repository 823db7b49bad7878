"""One judgement of an entry against the setup in force, wherever the entry was made.

A count or a declared outcome made on this PC is checked before it is recorded (domain.checks:
the same bounds, the same rules); one that arrives in a file is judged here and held apart
(not applied) when it fails, with a sentence naming it and what is wrong. So a count one PC
records is applied by every PC, and one that any PC would refuse is applied by none.

What is judged: every number within its bound (domain.bounds) and the ballots not above the
eligible members the count gives; the question, unit and part known to the setup (the
question asked of that unit, a unit reporting by part given one of its parts); a declared
outcome as `steward-app declare` judges one (domain.declaration_checks: a word it writes,
fitting its level, for a question, union or agreement of the setup that has such a result).
Whether the key may sign the entry at all is the Authority's (domain.authority).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from steward_app.domain.bounds import MAX_BALLOTS
from steward_app.domain.checks import check_key, errors, field_word
from steward_app.domain.counts import SlotKey
from steward_app.domain.declaration_checks import (
    AGREEMENT_PART,
    UNKNOWN_PLACE,
    declaration_problems,
)
from steward_app.domain.declared import DECLARED_OUTCOMES
from steward_app.domain.entries import EntryKey, EntryType
from steward_app.domain.identity import fingerprint
from steward_app.domain.language import _, number
from steward_app.domain.vote import Vote

_NUMBERS = ("yes", "no", "void", "challenged", "eligible")


def describe(kind: EntryType, key: EntryKey, steward: str, pc: str, origin: str) -> str:
    """An entry named for people: what, where, and who signed it (name and key)."""
    who = {"steward": steward, "pc": pc, "key": fingerprint(origin)}
    if kind is EntryType.OUTCOME_DECLARED and key.part == AGREEMENT_PART:
        return _(
            "an outcome declared for agreement {agreement} by {steward} on {pc} ({key})"
        ).format(agreement=key.question, **who)
    if kind is EntryType.OUTCOME_DECLARED and key.unit:
        return _(
            "an outcome declared for union {union} ({question}) by {steward} on {pc} ({key})"
        ).format(union=key.unit, question=key.question, **who)
    if kind is EntryType.OUTCOME_DECLARED:
        return _(
            "an outcome declared for the coalition ({question}) by {steward} on {pc} ({key})"
        ).format(question=key.question, **who)
    where = key.unit + (f"/{key.part}" if key.part else "")
    # TRANSLATORS: {kind} is the entry's type as the file writes it (count.entered...)
    return _("a {kind} entry for {where} ({question}) by {steward} on {pc} ({key})").format(
        kind=kind.value, where=where, question=key.question, **who
    )


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
            return self._declared_problem(key, None if body is None else body.get("outcome"))
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

    def _declared_problem(self, key: EntryKey, outcome: object) -> tuple[bool, str] | None:
        """As `steward-app declare` judges one (domain.declaration_checks); `outcome` None:
        the place only (an "approved", which fits every level, stands in for the word)."""
        agreement = key.part == AGREEMENT_PART
        word = "approved" if outcome is None else str(outcome)[:60]
        problems = declaration_problems(
            self.vote,
            "" if agreement else key.question,
            word,
            None if agreement or not key.unit else key.unit,
            key.question if agreement else None,
        )
        if outcome is not None and not isinstance(outcome, str):
            return False, _("the outcome {outcome} is not a word").format(outcome=repr(outcome))
        if outcome is not None and outcome != word:
            return False, _("the outcome is longer than any word a steward can declare")
        if outcome is not None and outcome not in DECLARED_OUTCOMES:
            return False, _(
                'the outcome "{word}" is not one a steward can declare, as this version writes it'
            ).format(word=word)
        if not problems:
            return None
        first = problems[0]
        return first.code in UNKNOWN_PLACE, first.message


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
            return _("{field} is {value}, more than {most}, the most one count may hold").format(
                field=field_word(name), value=number(value), most=number(MAX_BALLOTS)
            )
    eligible = body.get("eligible")
    if eligible is not None:
        ballots = sum(body.get(n, 0) for n in ("yes", "no", "void", "challenged"))
        if ballots > eligible:
            return _("{ballots} ballots but {eligible} eligible on the same count").format(
                ballots=number(ballots), eligible=number(eligible)
            )
    return None
