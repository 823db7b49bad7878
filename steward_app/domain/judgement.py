"""Outcomes, and the one place that says which outcome a level has and whether it is decided.

A level (a unit's tally, a union, the coalition, an agreement) is judged by the outcomes some
way the ballots still to come could lead to. It is decided when only one is left, and that one
is its outcome; while two or more are possible it is pending.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from dataclasses import dataclass


class Outcome(enum.StrEnum):
    """A StrEnum: each member equals (and prints as) the word stored and shown for it."""

    APPROVED = "approved"
    REJECTED = "rejected"
    PENDING = "pending"
    # a union whose count is complete with no ballot cast, or that casts no vote by the setup
    ABSTAINED = "abstained"
    # a union on a unit-scope question whose units decided both ways, each for itself
    SPLIT = "split"
    # an agreement whose master part passed while a supplement did not
    NOT_IN_EFFECT = "not in effect"


def settle(possible: Iterable[Outcome]) -> tuple[Outcome, bool]:
    """(outcome, decided) from the outcomes still possible: decided when one is left."""
    left = frozenset(possible)
    if len(left) == 1:
        return next(iter(left)), True
    return Outcome.PENDING, False


def possible_outcomes(
    can_approve: bool, can_reject: bool, others: Iterable[Outcome] = ()
) -> frozenset[Outcome]:
    out = set(others)
    if can_approve:
        out.add(Outcome.APPROVED)
    if can_reject:
        out.add(Outcome.REJECTED)
    return frozenset(out)


@dataclass(frozen=True)
class Judgement:
    """`can_approve` / `can_reject`: some way the ballots still to come leads there; `others`:
    the other outcomes some way leads to (abstained, split, not in effect).

    `approves_now` is how the level leans on the numbers so far.
    """

    can_approve: bool
    can_reject: bool
    approves_now: bool
    others: frozenset[Outcome] = frozenset()

    @property
    def possible(self) -> frozenset[Outcome]:
        return possible_outcomes(self.can_approve, self.can_reject, self.others)

    @property
    def decided(self) -> bool:
        return settle(self.possible)[1]

    @property
    def outcome(self) -> Outcome:
        return settle(self.possible)[0]

    @classmethod
    def final(cls, outcome: Outcome) -> Judgement:
        """A level decided on an outcome other than approved or rejected."""
        return cls(False, False, False, frozenset({outcome}))
