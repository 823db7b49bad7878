"""Declared outcomes: record what the coalition, a union or an agreement's parties declare,
and read back the current declarations. Each declaration is one signed entry beside the
computed result, which it never changes (domain/declared.py compares the two)."""

from __future__ import annotations

from steward_app.domain.declaration_checks import AGREEMENT_PART as AGREEMENT_PART  # noqa: PLC0414
from steward_app.domain.declaration_checks import declaration_problems
from steward_app.domain.declared import Declared as Declared  # noqa: PLC0414
from steward_app.domain.declared import DeclaredOutcome
from steward_app.domain.entries import EntryKey, EntryType, KeyKind
from steward_app.domain.language import _
from steward_app.services.authors import Author, Clock, origin_cursor, wall_clock
from steward_app.services.changes import Changes
from steward_app.services.errors import NoVote, Refused
from steward_app.services.permissions import may_sign
from steward_app.store import entry_log, entry_reads
from steward_app.store.declarations import declared_outcomes as declared_outcomes  # noqa: PLC0414
from steward_app.store.vote_store import VoteStore

DECLARABLE = tuple(DeclaredOutcome)  # every outcome one may declare (domain.declared)


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
        problems = declaration_problems(vote, question_id, outcome, union_id, agreement_id)
        cursor = origin_cursor(conn, author)
        if not problems:
            problems += may_sign(
                store, conn, cursor.origin, EntryType.OUTCOME_DECLARED, union_id or "", author
            )
        if problems:
            raise Refused(_("the declared outcome was not recorded"), problems)
        word = DeclaredOutcome.parse(outcome).value
        if agreement_id is not None:
            key = EntryKey(KeyKind.DECLARED.value, agreement_id, "", AGREEMENT_PART)
        else:
            key = EntryKey(KeyKind.DECLARED.value, question_id, union_id or "", "")
        previous = [e.id for e, _ in entry_reads.heads_of(conn, key)]
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
