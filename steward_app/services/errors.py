"""Refusals: input that was not recorded, with every reason and what to do."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from steward_app.domain.language import _

if TYPE_CHECKING:  # imported when needed: the command line's parsers import this module
    from steward_app.domain.checks import Problem


class Refused(Exception):
    """Nothing was recorded. `problems` lists each reason (checks, with codes) when there are."""

    def __init__(self, message: str, problems: Sequence[Problem] = ()) -> None:
        self.problems = list(problems)
        lines = [message] + [f"  {p}" for p in self.problems]
        super().__init__("\n".join(lines))
        self.message = message

    @property
    def needs_confirmation(self) -> bool:
        """Only warnings stand in the way: confirming them would record the entry."""
        from steward_app.domain.checks import Severity

        return bool(self.problems) and all(p.severity is Severity.WARNING for p in self.problems)


class NoVote(Refused):
    def __init__(self) -> None:
        super().__init__(
            _(
                "this database holds no vote yet; create one with `steward-app init "
                "SETUP.toml` or load the demo with `steward-app demo`"
            )
        )
