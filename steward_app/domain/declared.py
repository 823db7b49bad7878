"""Declared outcomes: what a coalition, a union or an agreement's parties announce, and how
it compares with the computed result.

The computed result never changes because of a declaration: a declaration stands beside it,
and every screen and printout says whether the two agree. Some declarations have no computed
counterpart (an agreement imposed by law or an arbitrator): they are shown with the computed
result for the record, and neither agree nor differ.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

from steward_app.domain.judgement import Outcome
from steward_app.domain.language import _
from steward_app.domain.standings import Standings
from steward_app.domain.wording import outcome_word


@dataclass(frozen=True)
class Declared:
    """A current declaration, as read back from its entry. `outcome` is the word declared:
    text, for an imported declaration may carry one this version does not know."""

    question_id: str  # "" for an agreement's declaration
    union_id: str | None
    outcome: str
    note: str
    steward: str
    pc: str
    recorded_at: str
    agreement_id: str | None = None


class Level(enum.Enum):
    COALITION = "coalition"
    UNION = "union"
    AGREEMENT = "agreement"


class DeclaredOutcome(enum.Enum):
    """Every outcome that may be declared; an imported declaration with another value is not
    known to this version."""

    APPROVED = "approved"
    REJECTED = "rejected"
    PENDING = "pending"
    ABSTAINED = "abstained"  # a union that casts no vote
    IMPOSED = "imposed"  # by law or an arbitrator, whatever the vote
    RATIFIED_AFTER_REVIEW = "ratified after review"  # ratified once a review or appeal ended
    NOT_IN_EFFECT = "not in effect"  # an agreement approved in part, not taking effect

    @classmethod
    def parse(cls, text: str) -> DeclaredOutcome:
        """ "approved", "Ratified-after-review", "not_in_effect": case, hyphens and
        underscores do not matter. Raises ValueError with the known words."""
        words = " ".join(text.replace("-", " ").replace("_", " ").lower().split())
        for member in cls:
            if member.value == words:
                return member
        known = ", ".join(f'"{m.value}"' for m in cls)
        raise ValueError(
            _('"{text}" is not an outcome one can declare; use one of: {known}').format(
                text=text, known=known
            )
        )

    @property
    def computed_counterpart(self) -> Outcome | None:
        """The computed outcome this declaration agrees with; None when it has none."""
        return _COUNTERPART.get(self)

    def fits(self, level: Level) -> bool:
        """Whether this outcome may be declared at this level."""
        if self is DeclaredOutcome.ABSTAINED:
            return level is Level.UNION
        if self is DeclaredOutcome.NOT_IN_EFFECT:
            return level is Level.AGREEMENT
        return True


_COUNTERPART = {
    DeclaredOutcome.APPROVED: Outcome.APPROVED,
    DeclaredOutcome.REJECTED: Outcome.REJECTED,
    DeclaredOutcome.PENDING: Outcome.PENDING,
    DeclaredOutcome.ABSTAINED: Outcome.ABSTAINED,
    DeclaredOutcome.RATIFIED_AFTER_REVIEW: Outcome.APPROVED,
    DeclaredOutcome.NOT_IN_EFFECT: Outcome.NOT_IN_EFFECT,
}

DECLARED_OUTCOMES = frozenset(o.value for o in DeclaredOutcome)


@dataclass(frozen=True)
class Comparison:
    """A declaration beside the computed result at its level."""

    computed: Outcome | None  # None: no computed result there (unknown question or union)
    agrees: bool | None  # None: nothing to compare (imposed, an unknown word, no result)

    @property
    def words(self) -> str:
        """ "agrees", "(computed: rejected)" or "" when there is nothing to say."""
        if self.computed is None:
            return ""
        if self.agrees:
            return _("agrees with the computed result")
        return _("(computed: {outcome})").format(outcome=outcome_word(self.computed))


def computed_at(
    standings: Standings, question_id: str, union_id: str | None, agreement_id: str | None
) -> Outcome | None:
    """The computed outcome a declaration speaks about, or None if there is none."""
    if agreement_id is not None:
        agreement = standings.agreements.get(agreement_id)
        return agreement.outcome if agreement else None
    q = standings.questions.get(question_id)
    if q is None:
        return None
    if union_id is not None:
        union = q.unions.get(union_id)
        return union.outcome if union else None
    return q.outcome


def compare(
    standings: Standings,
    question_id: str,
    union_id: str | None,
    outcome: str,
    agreement_id: str | None = None,
) -> Comparison:
    computed = computed_at(standings, question_id, union_id, agreement_id)
    try:
        declared = DeclaredOutcome.parse(outcome)
    except ValueError:
        return Comparison(computed, None)
    counterpart = declared.computed_counterpart
    if computed is None or counterpart is None:
        return Comparison(computed, None)
    return Comparison(computed, counterpart is computed)
