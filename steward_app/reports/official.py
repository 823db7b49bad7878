"""When a printed result may say OFFICIAL.

Only in an official-mode vote, and only when nothing on the page can still change or is in
doubt: every count shown is final with no challenged ballot left and no conflict, the result
is decided, and the coalition (or, on a union's notice, the union) has declared an outcome
that agrees with the computed one. Anything short of that prints UNOFFICIAL; a practice vote
prints PRACTICE · UNOFFICIAL whatever its state.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from steward_app.domain.declared import Declared
from steward_app.domain.judgement import Outcome
from steward_app.domain.standings import Standings, UnitStanding
from steward_app.domain.vote import Mode


def _settled(units: Iterable[UnitStanding]) -> bool:
    return all(u.report.complete and u.report.numbers.challenged == 0 for u in units)


def _declared_agrees(
    declared: Sequence[Declared], question_id: str, union_id: str | None, computed: Outcome
) -> bool:
    mine = [d for d in declared if d.question_id == question_id and d.union_id == union_id]
    return bool(mine) and all(d.outcome == computed for d in mine)


def coalition_official(standings: Standings, declared: Sequence[Declared]) -> bool:
    if standings.vote.mode is not Mode.OFFICIAL:
        return False
    for q in standings.questions.values():
        if not _settled(q.units.values()):
            return False
        c = q.coalition
        if c is not None and not (
            c.decided and _declared_agrees(declared, q.question.id, None, c.outcome)
        ):
            return False
    return True


def union_official(standings: Standings, declared: Sequence[Declared], union_id: str) -> bool:
    vote = standings.vote
    if vote.mode is not Mode.OFFICIAL:
        return False
    union = vote.union_by_id[union_id]
    ids = set(union.unit_ids + union.subgroup_ids)
    for q in standings.questions.values():
        s = q.unions.get(union_id)
        if s is None:
            continue
        if not _settled(u for uid, u in q.units.items() if uid in ids):
            return False
        if not (s.decided and _declared_agrees(declared, q.question.id, union_id, s.outcome)):
            return False
    return True
