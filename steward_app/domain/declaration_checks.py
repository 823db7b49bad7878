"""What is wrong with a declared outcome under a setup: the one judgement a declaration gets,
when a steward declares it here (services.declarations) and when it arrives from another PC
(domain.entry_checks)."""

from __future__ import annotations

from steward_app.domain.checks import Problem, Severity
from steward_app.domain.declared import DeclaredOutcome, Level
from steward_app.domain.language import N_, _
from steward_app.domain.vote import Scope, Vote

AGREEMENT_PART = "agreement"  # the key's part on an agreement's declaration
# the codes that say the setup lacks what the declaration names (the rest: its word)
UNKNOWN_PLACE = frozenset(
    {
        "E_UNKNOWN_QUESTION",
        "E_UNKNOWN_UNION",
        "E_UNKNOWN_AGREEMENT",
        "E_UNION_NOT_ASKED",
        "E_NO_COALITION_RESULT",
    }
)


def declaration_problems(
    vote: Vote,
    question_id: str,
    outcome: str,
    union_id: str | None,
    agreement_id: str | None,
) -> list[Problem]:
    """What is wrong with a declaration before it is signed: an unknown question, union,
    agreement or word, a word that does not fit the level, or a level with no result."""

    def error(code: str, field: str, message: str) -> Problem:
        return Problem(code, Severity.ERROR, field, message)

    problems = []
    level = Level.UNION if union_id is not None else Level.COALITION
    question = vote.question_by_id.get(question_id)
    if agreement_id is not None:
        level = Level.AGREEMENT
        ids = [a.id for a in vote.agreements]
        if union_id is not None:
            problems.append(
                error(
                    "E_DECLARATION_LEVEL", "union", _("an agreement's declaration names no union")
                )
            )
        if agreement_id not in ids:
            known = ", ".join(ids) if ids else _("none in this setup")
            problems.append(
                error(
                    "E_UNKNOWN_AGREEMENT",
                    "agreement",
                    _('there is no agreement "{agreement}"; the agreements are: {known}').format(
                        agreement=agreement_id, known=known
                    ),
                )
            )
    elif question is None:
        questions = ", ".join(q.id for q in vote.questions)
        problems.append(
            error(
                "E_UNKNOWN_QUESTION",
                "question",
                _('there is no question "{question}"; the questions are: {questions}').format(
                    question=question_id, questions=questions
                ),
            )
        )
    elif union_id is not None and union_id not in vote.union_by_id:
        problems.append(
            error(
                "E_UNKNOWN_UNION",
                "union",
                _('there is no union "{union}"').format(union=union_id),
            )
        )
    elif union_id is not None and not any(
        u.union_id == union_id for u in vote.units_asked(question)
    ):
        problems.append(
            error(
                "E_UNION_NOT_ASKED",
                "union",
                _(
                    'union "{union}" has no unit asked question "{question}"; it has no result '
                    "there to declare"
                ).format(union=union_id, question=question_id),
            )
        )
    elif union_id is None and not vote.has_coalition_result(question):
        why = (
            _("each unit decides it for itself")
            if question.scope is Scope.UNIT
            else _("the setup has no [coalition.rule], so each union ratifies for itself")
        )
        problems.append(
            error(
                "E_NO_COALITION_RESULT",
                "question",
                _(
                    'question "{question}" has no coalition result ({why}); declare a union\'s '
                    "outcome with --union instead"
                ).format(question=question_id, why=why),
            )
        )
    try:
        declared = DeclaredOutcome.parse(outcome)
    except ValueError as exc:
        problems.append(error("E_UNKNOWN_OUTCOME", "outcome", str(exc)))
    else:
        if not declared.fits(level):
            problems.append(
                error(
                    "E_DECLARATION_LEVEL",
                    "outcome",
                    _(
                        '"{outcome}" cannot be declared for {level}; "abstained" is for a union, '
                        '"not in effect" for an agreement'
                    ).format(outcome=declared.value, level=_(_LEVEL_WORDS[level])),
                )
            )
    return problems


# TRANSLATORS: the level a declared outcome is for, in "cannot be declared for {level}"
_LEVEL_WORDS = {
    Level.COALITION: N_("the coalition"),
    Level.UNION: N_("a union"),
    Level.AGREEMENT: N_("an agreement"),
}
