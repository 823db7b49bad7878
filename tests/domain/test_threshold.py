"""Exact thresholds: boundaries judged the way the rule is written, never by rounding."""

from __future__ import annotations

from fractions import Fraction

import pytest

from steward_app.domain.threshold import Threshold, describe_share, format_share, parse_share

MAJORITY = Threshold.parse("more than 1/2")
HALF_OR_MORE = Threshold.parse("at least 1/2")
TWO_THIRDS = Threshold.parse("at least 2/3")


# --- parsing --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "share", "inclusive"),
    [
        ("more than 1/2", Fraction(1, 2), False),
        ("majority", Fraction(1, 2), False),
        ("simple majority", Fraction(1, 2), False),
        ("  Majority ", Fraction(1, 2), False),
        ("at least 2/3", Fraction(2, 3), True),
        ("two thirds", Fraction(2, 3), True),
        ("Two Thirds", Fraction(2, 3), True),
        ("AT LEAST 80%", Fraction(4, 5), True),
        ("more than 50%", Fraction(1, 2), False),
        ("at least 0.75", Fraction(3, 4), True),
        ("at least 66.67%", Fraction(6667, 10000), True),
        ("at least 2 / 3", Fraction(2, 3), True),
        ("at least 100%", Fraction(1), True),
        ("more than 0%", Fraction(0), False),
    ],
)
def test_parse(text: str, share: Fraction, inclusive: bool) -> None:
    assert Threshold.parse(text) == Threshold(share, inclusive)


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("2/3", "is not a threshold"),  # says neither "at least" nor "more than"
        ("two-thirds", "is not a threshold"),
        ("most", "is not a threshold"),
        ("", "is not a threshold"),
        ("at least", "is not a share"),
        ("at least half", "is not a share"),
        ("more than 1/0", "divides by zero"),
        ("at least 120%", "not between 0 and 1"),
        ("at least 3/2", "not between 0 and 1"),
        ("at least 80", "not between 0 and 1"),  # 80 without % is 80 times the whole
    ],
)
def test_parse_errors(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says):
        Threshold.parse(text)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("2/3", Fraction(2, 3)),
        ("80%", Fraction(4, 5)),
        ("0.8", Fraction(4, 5)),
        ("66.67%", Fraction(6667, 10000)),
        ("33.3%", Fraction(333, 1000)),
        (" 40 % ", Fraction(2, 5)),
        ("0", Fraction(0)),
        ("0%", Fraction(0)),
        ("1", Fraction(1)),
        ("100%", Fraction(1)),
        ("3/3", Fraction(1)),
        ("0.1", Fraction(1, 10)),  # exactly a tenth, not the binary float nearest to it
    ],
)
def test_parse_share(text: str, value: Fraction) -> None:
    assert parse_share(text) == value


@pytest.mark.parametrize(
    ("text", "says"),
    [
        ("", "is not a share"),
        ("abc", "is not a share"),
        ("-5%", "is not a share"),
        ("2/3%", "is not a share"),
        ("1e-1", "is not a share"),
        ("1,5", "is not a share"),
        (".5", "is not a share"),
        ("1/0", "divides by zero"),
        ("0/0", "divides by zero"),
        ("101%", "not between 0 and 1"),
        ("1.5", "not between 0 and 1"),
        ("4/3", "not between 0 and 1"),
        ("30", "not between 0 and 1"),
    ],
)
def test_parse_share_errors(text: str, says: str) -> None:
    with pytest.raises(ValueError, match=says) as caught:
        parse_share(text)
    assert f'"{text}"' in str(caught.value)  # the message quotes what was written


# --- met: exact boundaries ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("part", "whole", "expected"),
    [
        (2, 3, True),
        (1, 3, False),
        (1999999, 3000000, False),
        (2000000, 3000000, True),
        (666666, 1000000, False),
        (666667, 1000000, True),
        (2, 4, False),
        (3, 4, True),
        (200, 300, True),
        (199, 300, False),
    ],
)
def test_at_least_two_thirds(part: int, whole: int, expected: bool) -> None:
    assert TWO_THIRDS.met(part, whole) is expected
    assert Threshold.parse("two thirds").met(part, whole) is expected


def test_two_thirds_is_not_a_rounded_percentage() -> None:
    # 66.67% and 66.7% are higher bars than two thirds: 2 of 3 fails them
    assert not Threshold.parse("at least 66.67%").met(2, 3)
    assert not Threshold.parse("at least 66.7%").met(2, 3)
    assert Threshold.parse("at least 66.67%").met(6667, 10000)
    assert not Threshold.parse("at least 66.67%").met(6666, 10000)
    # and 66.66% is lower: 6666 of 10000 passes it but not two thirds
    assert Threshold.parse("at least 66.66%").met(6666, 10000)
    assert not TWO_THIRDS.met(6666, 10000)


@pytest.mark.parametrize(
    ("text", "part", "whole", "float_says"),
    [
        # each is exactly on the line, so "at least" is met; the float computation on the
        # right gets it wrong, which is why shares are exact fractions
        ("at least 7%", 7, 100, 7 >= 0.07 * 100),
        ("at least 57%", 57, 100, 57 / 100 * 100 >= 57),
        ("at least 29%", 290, 1000, 290 / 1000 * 100 >= 29),
        ("at least 2/3", 2, 3, 2 / 3 * 100 >= 200 / 3),
    ],
)
def test_exact_where_floats_misfire(text: str, part: int, whole: int, float_says: bool) -> None:
    assert float_says is False  # the float arithmetic misjudges this boundary...
    assert Threshold.parse(text).met(part, whole)  # ...the threshold does not
    assert not Threshold.parse(text).met(part - 1, whole)


@pytest.mark.parametrize(("yes", "no"), [(0, 0), (1, 1), (500, 500), (1500000, 1500000)])
def test_a_tie_fails_a_strict_majority_and_meets_at_least_half(yes: int, no: int) -> None:
    assert not MAJORITY.met(yes, yes + no)
    assert not Threshold.parse("majority").met(yes, yes + no)
    if yes + no:
        assert HALF_OR_MORE.met(yes, yes + no)


def test_one_more_than_half_meets_a_strict_majority() -> None:
    assert MAJORITY.met(501, 1000)
    assert MAJORITY.met(1, 1)
    assert MAJORITY.met(2, 3)
    assert not MAJORITY.met(499, 1000)


@pytest.mark.parametrize("text", ["more than 1/2", "at least 2/3", "at least 0%", "more than 0%"])
@pytest.mark.parametrize("part", [0, 1, 5])
def test_an_empty_whole_never_meets_a_threshold(text: str, part: int) -> None:
    assert not Threshold.parse(text).met(part, 0)
    assert not Threshold.parse(text).met(part, -1)


def test_zero_and_full_shares() -> None:
    assert Threshold.parse("at least 0%").met(0, 10)
    assert not Threshold.parse("more than 0%").met(0, 10)
    assert Threshold.parse("more than 0%").met(1, 10)
    assert Threshold.parse("at least 100%").met(10, 10)
    assert not Threshold.parse("at least 100%").met(9, 10)
    assert not Threshold.parse("more than 100%").met(10, 10)


# --- min_part -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "whole", "expected"),
    [
        ("more than 1/2", 10, 6),
        ("more than 1/2", 11, 6),
        ("more than 1/2", 1, 1),
        ("at least 1/2", 10, 5),
        ("at least 1/2", 11, 6),
        ("at least 2/3", 3, 2),
        ("at least 2/3", 4, 3),
        ("at least 2/3", 3000000, 2000000),
        ("at least 2/3", 1000000, 666667),
        ("at least 7%", 100, 7),
        ("at least 80%", 45000, 36000),
        ("at least 66.67%", 3, 3),
        ("at least 0%", 5, 0),
        ("more than 0%", 5, 1),
        ("at least 100%", 5, 5),
        ("more than 100%", 5, 6),  # unreachable: more than the whole
    ],
)
def test_min_part(text: str, whole: int, expected: int) -> None:
    assert Threshold.parse(text).min_part(whole) == expected


@pytest.mark.parametrize("whole", [0, -3])
def test_min_part_of_an_empty_whole(whole: int) -> None:
    assert MAJORITY.min_part(whole) == 1
    assert TWO_THIRDS.min_part(whole) == 1


@pytest.mark.parametrize(
    "text",
    [
        "more than 1/2",
        "at least 1/2",
        "at least 2/3",
        "more than 2/3",
        "at least 66.67%",
        "at least 80%",
        "more than 3/7",
        "at least 0%",
        "at least 100%",
    ],
)
def test_min_part_is_the_smallest_part_that_meets(text: str) -> None:
    threshold = Threshold.parse(text)
    for whole in range(1, 400):
        least = threshold.min_part(whole)
        assert threshold.met(least, whole) or least > whole, (whole, least)
        if least > 0:
            assert not threshold.met(least - 1, whole), (whole, least)


# --- words for people -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("majority", "more than half"),
        ("at least 1/2", "at least 1/2"),
        ("at least 2/3", "at least 2/3"),
        ("at least 80%", "at least 80%"),
        ("more than 3/4", "more than 3/4"),
        ("at least 66.67%", "at least 66.67%"),
    ],
)
def test_describe(text: str, words: str) -> None:
    assert Threshold.parse(text).describe() == words


def test_describe_and_format_share() -> None:
    assert describe_share(Fraction(2, 3)) == "2/3"
    assert describe_share(Fraction(4, 5)) == "80%"
    assert describe_share(Fraction(1)) == "100%"
    assert format_share(Fraction(2, 3)) == "66.7%"
    assert format_share(None) == "–"
