"""Standings as plain JSON-ready data (schema in docs/standings-json.md; stable, versioned)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from steward_app.domain.coalition import CoalitionStanding
from steward_app.domain.declared import Declared, compare
from steward_app.domain.standings import QuestionStandings, Standings, UnionStanding, UnitStanding
from steward_app.domain.tally import Needed, Numbers
from steward_app.domain.vote import Vote

SCHEMA_VERSION = 2  # 2: outcomes abstained, split, not in effect; see the doc


def _share(value: Fraction | None) -> dict[str, int] | None:
    """Exact share as numerator/denominator (floats would round "two thirds")."""
    if value is None:
        return None
    return {"num": value.numerator, "den": value.denominator}


def _numbers(n: Numbers) -> dict[str, Any]:
    return {
        "eligible": n.eligible,
        "yes": n.yes,
        "no": n.no,
        "void": n.void,
        "challenged": n.challenged,
        "cast": n.cast,
        "margin": n.margin,
        "turnout": _share(n.turnout),
    }


def _needed(needed: Needed | None) -> dict[str, Any] | None:
    if needed is None:
        return None
    return {
        "remaining": needed.remaining,
        "yes_full_turnout": needed.yes_full,
        "share_full_turnout": _share(needed.share_full),
        "expected_ballots": needed.expected,
        "yes_expected_turnout": needed.yes_expected,
        "share_expected_turnout": _share(needed.share_expected),
    }


def _unit(s: UnitStanding, vote: Vote) -> dict[str, Any]:
    unit = vote.unit_by_id[s.unit_id]
    return {
        "id": s.unit_id,
        "union": unit.union_id,
        "subgroup_of": unit.subgroup_of,
        "advisory": unit.advisory,
        "status": s.status.value,
        "outcome": s.outcome.value,
        "decided": s.decided,
        "approves_now": s.result.approves_now,
        "numbers": _numbers(s.report.numbers),
        "share": _share(s.report.numbers.yes_share(s.rule)),
        "needed": _needed(s.result.needed),
        "conflicts": s.report.conflicts,
        "reason": s.reason,
    }


def _union(s: UnionStanding) -> dict[str, Any]:
    return {
        "id": s.union_id,
        "outcome": s.outcome.value,
        "decided": s.decided,
        "approves_now": s.judgement.approves_now,
        "numbers": _numbers(s.numbers),
        "needed": _needed(s.pooled.needed) if s.pooled else None,
        "units_total": s.units_total,
        "units_reported": s.units_reported,
        "units_final": s.units_final,
        "units_approved": s.units_approved,
        "units_rejected": s.units_rejected,
        "conflicts": s.conflicts,
        "reason": s.reason,
    }


def _coalition(c: CoalitionStanding) -> dict[str, Any]:
    return {
        "outcome": c.outcome.value,
        "decided": c.decided,
        "approves_now": c.approves_now,
        "reason": c.reason,
        "tests": [
            {
                "kind": t.kind.value,
                "description": t.description,
                "value": _share(t.value),
                "threshold": _share(t.threshold),
                "state": t.state,
                "passes_now": t.passes_now,
                "progress": t.progress,
            }
            for t in c.tests
        ],
        "pending_unions": list(c.needs.pending),
        "must_approve": list(c.needs.must_approve),
        "ways_to_ratify": ([sorted(w) for w in c.needs.ways] if c.needs.ways is not None else None),
    }


def _question(q: QuestionStandings, vote: Vote) -> dict[str, Any]:
    return {
        "id": q.question.id,
        "text": q.question.text,
        "scope": q.question.scope.value,
        "units_asked": list(q.question.unit_ids) or None,
        "numbers": _numbers(q.numbers),
        "coalition": _coalition(q.coalition) if q.coalition else None,
        "unions": [_union(u) for u in q.unions.values()],
        "units": [_unit(u, vote) for u in q.units.values()],
    }


def _declared(standings: Standings, d: Declared) -> dict[str, Any]:
    comparison = compare(standings, d.question_id, d.union_id, d.outcome, d.agreement_id)
    return {
        "question": d.question_id or None,
        "union": d.union_id,
        "agreement": d.agreement_id,
        "outcome": d.outcome,
        "computed": comparison.computed.value if comparison.computed else None,
        "agrees": comparison.agrees,
        "note": d.note,
        "steward": d.steward,
        "pc": d.pc,
        "recorded_at": d.recorded_at,
    }


def standings_json(
    standings: Standings, declared: Sequence[Declared], state_code: str | None = None
) -> dict[str, Any]:
    vote = standings.vote
    return {
        "schema_version": SCHEMA_VERSION,
        "vote": {
            "id": vote.id,
            "title": vote.title,
            "mode": vote.mode.value,
            "coalition": vote.coalition_name,
            "setup_hash": vote.setup_hash,
            "has_coalition_rule": vote.has_coalition_rule,
        },
        "state_code": state_code,
        "questions": [_question(q, vote) for q in standings.questions.values()],
        "agreements": [
            {
                "id": a.agreement_id,
                "master": vote_agreement.master,
                "outcome": a.outcome.value,
                "decided": a.decided,
                "reason": a.reason,
            }
            for a, vote_agreement in zip(
                standings.agreements.values(), vote.agreements, strict=True
            )
        ],
        "declared": [_declared(standings, d) for d in declared],
    }
