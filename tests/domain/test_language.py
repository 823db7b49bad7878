"""Which language speaks, and how it writes numbers (steward_app.domain.language)."""

from __future__ import annotations

import threading

import pytest

from steward_app.domain import language
from steward_app.domain.language import current, decimal, in_language, number, percent


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({}, "en"),
        ({"LANG": "es_MX.UTF-8"}, "es"),
        ({"LANG": "es-419"}, "es"),
        ({"LANGUAGE": "fr:es", "LANG": "en_US.UTF-8"}, "es"),
        ({"LANGUAGE": "fr", "LANG": "es_ES.UTF-8"}, "es"),
        ({"LC_ALL": "de_DE.UTF-8", "LANG": "es_ES.UTF-8"}, "en"),
        ({"LC_MESSAGES": "es_AR", "LANG": "en_GB"}, "es"),
        ({"LANG": "C.UTF-8"}, "en"),
    ],
)
def test_environment_chooses_as_gettext_programs_do(environ: dict[str, str], expected: str) -> None:
    assert language.from_environment(environ) == expected


def test_unknown_language_is_refused_with_the_shipped_ones() -> None:
    with pytest.raises(ValueError, match=r"unknown language 'xx'.*en, es"), in_language("xx"):
        pass


def test_in_language_is_undone_after_the_block_and_does_not_leak_to_threads() -> None:
    seen: list[str] = []
    with in_language("es"):
        assert current() == "es"
        worker = threading.Thread(target=lambda: seen.append(current()))
        worker.start()
        worker.join()
    assert current() == "en"
    assert seen == ["en"]


@pytest.mark.parametrize(
    ("code", "value", "expected"),
    [
        ("en", 4200, "4,200"),
        ("en", 999, "999"),
        ("en", -1234567, "-1,234,567"),
        ("es", 4200, "4200"),
        ("es", 14200, "14.200"),
        ("es", -1234567, "-1.234.567"),
    ],
)
def test_whole_numbers_in_each_language(code: str, value: int, expected: str) -> None:
    with in_language(code):
        assert number(value) == expected


def test_decimals_and_percentages_in_each_language() -> None:
    with in_language("en"):
        assert decimal(1234.5, 2) == "1,234.50"
        assert percent(66.666) == "66.7%"
    with in_language("es"):
        assert decimal(1234.5, 2) == "1234,50"
        assert decimal(12345.678, 1) == "12.345,7"
        assert percent(66.666) == "66,7\u00a0%"
        assert percent(-0.04) == "0,0\u00a0%"


@pytest.mark.parametrize(
    ("code", "n", "expected"),
    [
        ("en", 1, "its 1 entry is held"),
        ("en", 2, "its 2 entries are held"),
        ("es", 1, "su 1 registro queda retenido"),
        ("es", 2, "sus 2 registros quedan retenidos"),
    ],
)
def test_an_import_note_counts_in_each_language(code: str, n: int, expected: str) -> None:
    """The catalogue's plural forms as the import's note uses them (services/import_run.py)."""
    with in_language(code):
        text = language.ngettext(
            "the exporter's key is not listed: its {count} entry is held",
            "the exporter's key is not listed: its {count} entries are held",
            n,
        ).format(count=number(n))
    assert text.endswith(expected)
