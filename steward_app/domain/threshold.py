"""Exact shares: "more than 1/2", "at least 2/3", "at least 80%", compared in integers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from fractions import Fraction

from steward_app.domain.language import _, percent

_SHARE_RE = re.compile(r"^\s*(\d+)\s*/\s*(\d+)\s*$|^\s*(\d+(?:\.\d+)?)\s*(%?)\s*$")


def parse_share(text: str) -> Fraction:
    """Parse "2/3", "80%", "0.8" or "66.67%" into an exact fraction between 0 and 1.

    Raises ValueError with a sentence fit for a person.
    """
    match = _SHARE_RE.match(text)
    if not match:
        raise ValueError(
            _('"{text}" is not a share; write it as "2/3", "80%" or "0.8"').format(text=text)
        )
    if match.group(1) is not None:
        num, den = int(match.group(1)), int(match.group(2))
        if den == 0:
            raise ValueError(_('"{text}" divides by zero').format(text=text))
        value = Fraction(num, den)
    else:
        value = Fraction(match.group(3))
        if match.group(4) == "%":
            value /= 100
    if not 0 <= value <= 1:
        raise ValueError(_('"{text}" is not between 0 and 1 (0% and 100%)').format(text=text))
    return value


def format_share(value: Fraction | None, digits: int = 1) -> str:
    """A share as a percentage for people, as the current language writes it: 2/3 -> "66.7%"
    ("66,7 %" in Spanish). Display only, never for decisions."""
    if value is None:
        return "–"
    return percent(float(value) * 100, digits)


@dataclass(frozen=True)
class Threshold:
    """A share that a part must reach of a whole: strictly more than it, or at least it."""

    share: Fraction
    inclusive: bool  # True: "at least"; False: "more than"

    @classmethod
    def parse(cls, text: str) -> Threshold:
        """Parse "more than 1/2", "at least 2/3", "majority" or "two thirds"."""
        words = text.strip().lower()
        named = {
            "majority": cls(Fraction(1, 2), inclusive=False),
            "simple majority": cls(Fraction(1, 2), inclusive=False),
            "two thirds": cls(Fraction(2, 3), inclusive=True),
        }
        if words in named:
            return named[words]
        for prefix, inclusive in (("more than", False), ("at least", True)):
            if words.startswith(prefix):
                return cls(parse_share(words[len(prefix) :]), inclusive)
        raise ValueError(
            _(
                '"{text}" is not a threshold; write "more than 1/2", "at least 2/3" or "majority"'
            ).format(text=text)
        )

    def met(self, part: int, whole: int) -> bool:
        """Whether part/whole reaches the threshold, in exact integer arithmetic.

        An empty whole (0) never meets a threshold: no valid votes approve nothing.
        """
        if whole <= 0:
            return False
        lhs = part * self.share.denominator
        rhs = self.share.numerator * whole
        return lhs >= rhs if self.inclusive else lhs > rhs

    def min_part(self, whole: int) -> int:
        """The smallest part of `whole` that meets the threshold (may exceed whole)."""
        if whole <= 0:
            return 1
        num, den = self.share.numerator, self.share.denominator
        # smallest p with p*den >= num*whole (inclusive) or p*den > num*whole (strict)
        floor_q, rem = divmod(num * whole, den)
        if self.inclusive:
            return floor_q + (1 if rem else 0)
        return floor_q + 1

    def describe(self) -> str:
        if self.share == Fraction(1, 2) and not self.inclusive:
            return _("more than half")
        if self.inclusive:
            return _("at least {share}").format(share=describe_share(self.share))
        return _("more than {share}").format(share=describe_share(self.share))


def describe_share(value: Fraction) -> str:
    """2/3 -> "2/3", 4/5 -> "80%" ("80 %" in Spanish): fractions with small denominators stay
    fractions."""
    if value.denominator in (2, 3, 4) and value not in (0, 1):
        return f"{value.numerator}/{value.denominator}"
    pct = value * 100
    if pct.denominator == 1:
        return percent(pct.numerator, 0)
    return percent(float(pct), 2)
