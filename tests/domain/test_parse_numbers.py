"""parse_numbers' fast path for plain digits and whole ints gives what the full path gives.

The full path (`_read_number`, parse_numbers' loop body before the fast path, unchanged, then
the bounds) reads every field of `reference`: any input (typed text with separators, signs,
unicode digits, blanks; ints, bools, floats, None) must give the same numbers and the same
problems, message for message.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from hypothesis import example, given, settings
from hypothesis import strategies as st

from steward_app.domain.checks import (
    NUMBER_FIELDS,
    Problem,
    _read_number,
    parse_numbers,
    within_bounds,
)


def reference(raw: Mapping[str, object]) -> tuple[dict[str, int], list[Problem]]:
    numbers: dict[str, int] = {}
    problems: list[Problem] = []
    for field in NUMBER_FIELDS:
        _read_number(field, raw.get(field), numbers, problems)
    within_bounds(numbers, problems)
    return numbers, problems


# what a steward might type: digits (ASCII and others: Arabic-Indic, superscript, fullwidth),
# separators, signs, spaces, letters
typed = st.text(alphabet=st.sampled_from("0123456789 ,_+-.\t\n\u00a0a٣²１"), max_size=12)
cell = (
    typed
    | st.from_regex(r"[0-9]{1,16}", fullmatch=True)
    | st.integers(min_value=-(10**16), max_value=10**16)
    | st.booleans()
    | st.floats(allow_nan=False)
    | st.none()
)


@settings(max_examples=500, deadline=None)
@given(st.dictionaries(st.sampled_from(NUMBER_FIELDS), cell))
@example({"yes": "0012", "no": "0"})
@example({"yes": "٣", "no": "²"})  # digits, but not ASCII ones
@example({"yes": True, "no": 3})
@example({"yes": " 412 ", "no": "1,234"})
def test_fast_path_equals_the_full_path(raw: dict[str, Any]) -> None:
    assert parse_numbers(raw) == reference(raw)
