"""What an action changed, so views refresh only what they show (once per action)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Changes:
    vote: bool = False  # a new vote or a changed setup: everything is stale
    units: frozenset[str] = field(default_factory=frozenset)  # units whose counts changed
    declared: bool = False  # a declared outcome was recorded

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.vote or other.vote, self.units | other.units, self.declared or other.declared
        )

    @property
    def empty(self) -> bool:
        return not (self.vote or self.units or self.declared)
