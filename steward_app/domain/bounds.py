"""The largest number each field may hold, wherever it was entered (docs/checks.md, "Bounds").

One set of bounds for every PC: a count one PC records, every other PC accepts, and a count
one PC refuses, every other PC holds apart. They are far above any real vote (the largest
workplace unit counts in tens of thousands) and far below what could break anything: sums of
100,000 counts at the bound stay below 2^53 (exact as floats, too) and SQLite's 2^63, and the
exact fractions of the rules never see more than a few dozen digits.
"""

from __future__ import annotations

# yes, no, void, challenged and eligible of one count (a unit, or one part of it); a unit's
# eligible members in the setup
MAX_BALLOTS = 10_000_000
# a union's membership in the setup
MAX_MEMBERSHIP = 100_000_000
