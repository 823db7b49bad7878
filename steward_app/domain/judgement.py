"""Whether a level (unit, union, coalition, agreement) can still approve or reject."""

from __future__ import annotations

from dataclasses import dataclass

from steward_app.domain.tally import Outcome, TallyResult


@dataclass(frozen=True)
class Judgement:
    """`can_approve` / `can_reject`: some way the ballots still to come leads there.

    `approves_now` is how the level leans on the numbers so far.
    """

    can_approve: bool
    can_reject: bool
    approves_now: bool

    @property
    def decided(self) -> bool:
        return not (self.can_approve and self.can_reject)

    @property
    def outcome(self) -> Outcome:
        if self.can_approve and not self.can_reject:
            return Outcome.APPROVED
        if self.can_reject and not self.can_approve:
            return Outcome.REJECTED
        return Outcome.PENDING

    @classmethod
    def of(cls, result: TallyResult) -> Judgement:
        return cls(result.can_approve, result.can_reject, result.approves_now)
