"""A question's text in several languages (`text.es = "..."`, docs/setup-format.md)."""

from __future__ import annotations

import pytest

from steward_app.domain.language import in_language
from steward_app.domain.setup_file import SetupError, parse_setup
from steward_app.domain.wording import question_text
from tests.small_vote import SETUP

ONE_TEXT = 'text = "Approve?"'


def setup(question_text_lines: str) -> str:
    text = SETUP.format(mode="practice")
    assert ONE_TEXT in text
    return text.replace(ONE_TEXT, question_text_lines)


def test_text_in_several_languages_is_spoken_in_each() -> None:
    vote = parse_setup(setup('text.en = "Approve?"\ntext.es = "¿Aprueba?"'))
    q = vote.questions[0]
    assert q.text == "Approve?"  # as written: the English one
    with in_language("es"):
        assert question_text(q) == "¿Aprueba?"
    with in_language("en"):
        assert question_text(q) == "Approve?"


def test_without_english_the_first_text_is_the_one_written() -> None:
    vote = parse_setup(setup('text.es = "¿Aprueba?"\ntext.fr = "Approuvez-vous ?"'))
    q = vote.questions[0]
    assert q.text == "¿Aprueba?"
    with in_language("en"):  # no English text: as written
        assert question_text(q) == "¿Aprueba?"


def test_a_single_text_is_every_languages_text() -> None:
    q = parse_setup(setup(ONE_TEXT)).questions[0]
    assert q.texts == ()
    with in_language("es"):
        assert question_text(q) == "Approve?"


@pytest.mark.parametrize(
    ("lines", "message"),
    [
        ('text.spanish = "¿Aprueba?"', '"spanish" is not a language code'),
        ("text.es = 3", "expected the question's text in that language"),
        ('text.es = ""', "expected the question's text in that language"),
        ("text = {}", "is empty"),
    ],
)
def test_a_wrong_text_table_is_refused_with_its_key(lines: str, message: str) -> None:
    with pytest.raises(SetupError) as caught:
        parse_setup(setup(lines))
    said = "\n".join(str(p) for p in caught.value.problems)
    assert message in said
    assert "questions" in said
