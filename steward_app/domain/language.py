"""The language people read: which one, its sentences, and how it writes numbers.

Standard library only, so the domain's sentences, the command line and the reports share one
mechanism (gettext), while the window adds Qt's own translations for its widgets.

The language is chosen per context, not per process: a report can be made in Spanish from a
window in English. `in_language("es")` sets it for the code inside the `with`; everything that
speaks calls `_`, `ngettext` or `number` at the time it speaks, never at import time.

Catalogues live in steward_app/locale/<code>/LC_MESSAGES/steward_app.mo, compiled from the .po
files beside them (docs/translations.md says how). English is the source language: it has no
catalogue, and a sentence missing from a catalogue is shown in English.
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext
import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from pathlib import Path

DOMAIN = "steward_app"
LOCALE_DIR = Path(__file__).resolve().parent.parent / "locale"
SOURCE_LANGUAGE = "en"
# The languages the app ships, in the order a language choice lists them.
LANGUAGES: dict[str, str] = {"en": "English", "es": "Español"}


@dataclass(frozen=True)
class NumberStyle:
    """How a language writes numbers (CLDR's symbols, as QLocale uses them)."""

    group: str
    decimal: str
    min_grouping_digits: int  # CLDR: group only numbers with at least 4 + (this - 1) digits
    percent: str  # the format of a percentage, "{}" standing for the number


_STYLES: dict[str, NumberStyle] = {
    "en": NumberStyle(group=",", decimal=".", min_grouping_digits=1, percent="{}%"),
    "es": NumberStyle(group=".", decimal=",", min_grouping_digits=2, percent="{}\u00a0%"),
}

_current: ContextVar[str] = ContextVar("steward_app_language", default=SOURCE_LANGUAGE)


def supported(code: str | None) -> str | None:
    """The shipped language a code such as "es_MX.UTF-8" or "es-419" stands for, if any."""
    if not code:
        return None
    base = code.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    if base in ("c", "posix"):
        return SOURCE_LANGUAGE
    return base if base in LANGUAGES else None


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language as gettext programs choose it: LANGUAGE, LC_ALL, LC_MESSAGES, LANG.

    LANGUAGE is a colon-separated list of preferences; the first shipped one wins. The others
    hold one locale name each; the first that is set decides (a language not shipped falls back
    to English rather than to a later variable, as gettext does).
    """
    env = os.environ if environ is None else environ
    for name in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "")
        if not value:
            continue
        if name == "LANGUAGE":
            for part in value.split(":"):
                found = supported(part)
                if found is not None:
                    return found
            continue
        return supported(value) or SOURCE_LANGUAGE
    return SOURCE_LANGUAGE


def current() -> str:
    """The language of the sentences being made now."""
    return _current.get()


def set_default(code: str) -> None:
    """The language of this process from now on (start-up: --lang, the settings, the locale)."""
    _current.set(_checked(code))


@contextmanager
def in_language(code: str) -> Iterator[str]:
    """Speak `code` inside the block (a report in another language than the window's)."""
    token = _current.set(_checked(code))
    try:
        yield current()
    finally:
        _current.reset(token)


def _checked(code: str) -> str:
    found = supported(code)
    if found is None:
        shipped = ", ".join(LANGUAGES)
        raise ValueError(
            _("unknown language {code}; the languages shipped are: {shipped}").format(
                code=repr(code), shipped=shipped
            )
        )
    return found


@functools.cache
def translations(code: str) -> gettext.NullTranslations:
    """The catalogue of a shipped language (English: none, the sentences as written)."""
    if code == SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[code], fallback=True)


def _(message: str) -> str:
    """`message` in the current language."""
    return translations(current()).gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a sentence about `n` things that the current language uses for n."""
    return translations(current()).ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    """`message` in the current language, where the same English word needs context."""
    return translations(current()).pgettext(context, message)


def N_(message: str) -> str:
    """Marks a sentence for the catalogue where it is defined; `_` translates it where shown."""
    return message


def number(value: int) -> str:
    """A whole number as the current language writes it: 14,200 or 14.200."""
    style = _STYLES[current()]
    digits = f"{abs(value)}"
    sign = "-" if value < 0 else ""
    if len(digits) < 4 + style.min_grouping_digits - 1:
        return sign + digits
    return sign + f"{abs(value):,}".replace(",", style.group)


def decimal(value: float, digits: int) -> str:
    """A number with `digits` decimals as the current language writes it."""
    style = _STYLES[current()]
    whole, _sep, frac = f"{abs(value):.{digits}f}".partition(".")
    text = number(int(whole))
    if frac:
        text += style.decimal + frac
    return ("-" if value < 0 and float(f"{value:.{digits}f}") != 0 else "") + text


def percent(value: float, digits: int = 1) -> str:
    """A percentage (value already times 100) as the current language writes it."""
    return _STYLES[current()].percent.format(decimal(value, digits))


# how each language writes a date and a time of day (CLDR's short numeric forms; English keeps
# the ISO order the reports always printed)
_DATE_TIME: dict[str, str] = {"en": "%Y-%m-%d %H:%M", "es": "%d/%m/%Y %H:%M"}
_DATE: dict[str, str] = {"en": "%Y-%m-%d", "es": "%d/%m/%Y"}


def date_time(moment: dt.datetime) -> str:
    """A date and time of day as the current language writes it: 2011-06-20 21:05 or
    20/06/2011 21:05 (the clock time as given, no time zone)."""
    return moment.strftime(_DATE_TIME[current()])


def date(day: dt.date) -> str:
    """A date as the current language writes it: 2011-06-20 or 20/06/2011."""
    return day.strftime(_DATE[current()])
