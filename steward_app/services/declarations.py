"""Declared outcomes: record what the coalition, a union or an agreement's parties declare,
and read back the current declarations. Each declaration is one signed entry beside the
computed result, which it never changes (domain/declared.py compares the two)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Connection

from steward_app.domain.checks import Problem, Severity
from steward_app.domain.declared import DeclaredOutcome, Level
from steward_app.domain.entries import EntryKey, EntryType, KeyKind
from steward_app.domain.vote import Scope, Vote
from steward_app.services.authors import Author, Clock, origin_cursor, wall_clock
from steward_app.services.changes import Changes
from steward_app.services.errors import NoVote, Refused
from steward_app.services.permissions import may_sign
from steward_app.store import entry_log
from steward_app.store.vote_store import VoteStore

DECLARABLE = tuple(DeclaredOutcome)  # every outcome one may declare (domain.declared)
AGREEMENT_PART = "agreement"  # the key's part on an agreement's declaration


def declare_outcome(
    store: VoteStore,
    author: Author,
    question_id: str,
    outcome: str,
    *,
    union_id: str | None = None,
    agreement_id: str | None = None,
    note: str = "",
    clock: Clock = wall_clock,
) -> Changes:
    """Record the outcome the coalition, a union or an agreement's parties declare, beside
    the computed one. With `agreement_id` the question is not used."""
    with store.transaction() as conn:
        vote = store.vote(conn)
        vote_key = store.vote_key(conn)
        if vote is None or vote_key is None:
            raise NoVote()
        problems = _declaration_problems(vote, question_id, outcome, union_id, agreement_id)
        cursor = origin_cursor(conn, author)
        if not problems:
            problems += may_sign(
                store, conn, cursor.origin, EntryType.OUTCOME_DECLARED, union_id or "", author
            )
        if problems:
            raise Refused("the declared outcome was not recorded", problems)
        word = DeclaredOutcome.parse(outcome).value
        if agreement_id is not None:
            key = EntryKey(KeyKind.DECLARED.value, agreement_id, "", AGREEMENT_PART)
        else:
            key = EntryKey(KeyKind.DECLARED.value, question_id, union_id or "", "")
        previous = [e.id for e, _ in entry_log.heads_of(conn, key)]
        entry = cursor.entry(
            author,
            vote=vote_key,
            type=EntryType.OUTCOME_DECLARED,
            key=key,
            body={"outcome": word, "note": note},
            recorded_at=clock(),
            supersedes=previous,
            reason=note or None,
        )
        entry_log.append(conn, [entry])
    return Changes(declared=True)


def _declaration_problems(
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
                error("E_DECLARATION_LEVEL", "union", "an agreement's declaration names no union")
            )
        if agreement_id not in ids:
            known = ", ".join(ids) if ids else "none in this setup"
            problems.append(
                error(
                    "E_UNKNOWN_AGREEMENT",
                    "agreement",
                    f'there is no agreement "{agreement_id}"; the agreements are: {known}',
                )
            )
    elif question is None:
        questions = ", ".join(q.id for q in vote.questions)
        problems.append(
            error(
                "E_UNKNOWN_QUESTION",
                "question",
                f'there is no question "{question_id}"; the questions are: {questions}',
            )
        )
    elif union_id is not None and union_id not in vote.union_by_id:
        problems.append(error("E_UNKNOWN_UNION", "union", f'there is no union "{union_id}"'))
    elif union_id is not None and not any(
        u.union_id == union_id for u in vote.units_asked(question)
    ):
        problems.append(
            error(
                "E_UNION_NOT_ASKED",
                "union",
                f'union "{union_id}" has no unit asked question "{question_id}"; it has no '
                "result there to declare",
            )
        )
    elif union_id is None and not vote.has_coalition_result(question):
        why = (
            "each unit decides it for itself"
            if question.scope is Scope.UNIT
            else "the setup has no [coalition.rule], so each union ratifies for itself"
        )
        problems.append(
            error(
                "E_NO_COALITION_RESULT",
                "question",
                f'question "{question_id}" has no coalition result ({why}); declare a '
                "union's outcome with --union instead",
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
                    f'"{declared.value}" cannot be declared for {_LEVEL_WORDS[level]}; '
                    '"abstained" is for a union, "not in effect" for an agreement',
                )
            )
    return problems


_LEVEL_WORDS = {
    Level.COALITION: "the coalition",
    Level.UNION: "a union",
    Level.AGREEMENT: "an agreement",
}


@dataclass(frozen=True)
class Declared:
    question_id: str  # "" for an agreement's declaration
    union_id: str | None
    outcome: str
    note: str
    steward: str
    pc: str
    recorded_at: str
    agreement_id: str | None = None


def declared_outcomes(conn: Connection) -> list[Declared]:
    """The current declarations (several if two were made without seeing each other)."""
    out = []
    entries = entry_log.entries_of_type(conn, EntryType.OUTCOME_DECLARED)
    superseded = {t for e in entries for t in e.supersedes}
    for e in entries:
        if e.id in superseded:
            continue
        agreement = e.key.part == AGREEMENT_PART
        out.append(
            Declared(
                "" if agreement else e.key.question,
                e.key.unit or None,
                str(e.body["outcome"]),
                str(e.body.get("note", "")),
                e.steward,
                e.pc,
                e.recorded_at,
                e.key.question if agreement else None,
            )
        )
    return out
