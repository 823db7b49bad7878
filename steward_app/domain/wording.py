"""One-line reasons in plain words for a tally's standing."""

from __future__ import annotations

from fractions import Fraction

from steward_app.domain.counts import ReportStatus
from steward_app.domain.rules import TallyRule
from steward_app.domain.tally import Needed, Numbers, Outcome, TallyResult
from steward_app.domain.threshold import describe_share, format_share


def numbers_text(n: Numbers, rule: TallyRule) -> str:
    share = n.yes_share(rule)
    text = f"{n.yes:,} yes to {n.no:,} no"
    if share is not None:
        text += f" ({format_share(share)} yes)"
    if n.void:
        text += f", {n.void:,} void"
    return text


def needed_text(needed: Needed) -> str:
    if needed.yes_full is None:
        return (
            f"cannot approve even if all {needed.remaining:,} still to vote say yes "
            "(only a low turnout or a challenge ruling could change it)"
        )
    text = (
        f"needs {needed.yes_full:,} yes of the {needed.remaining:,} still to vote "
        f"({format_share(needed.share_full)}) if all of them vote"
    )
    if needed.expected and needed.expected != needed.remaining:
        if needed.yes_expected is None:
            text += f"; out of reach if only {needed.expected:,} vote, as turnout so far suggests"
        else:
            text += (
                f", or {needed.yes_expected:,} of about {needed.expected:,} at the turnout "
                f"so far ({format_share(needed.share_expected)})"
            )
    return text


def _rule_clause(n: Numbers, rule: TallyRule) -> str | None:
    """Why a quorum or a low-turnout clause is what decides, when it is."""
    if n.eligible <= 0:
        return None
    turnout = Fraction(rule.turnout_ballots(n.yes, n.no, n.void), n.eligible)
    word = "turnout of valid ballots" if rule.turnout_valid_only else "turnout"
    if rule.quorum is not None and turnout < rule.quorum:
        return f"{word} {format_share(turnout)} is below the {describe_share(rule.quorum)} quorum"
    low = rule.low_turnout
    if low is not None and turnout < low.below:
        whole = n.yes + n.no + (n.void if rule.void_counts else 0)
        no_share = Fraction(n.no, whole) if whole else Fraction(0)
        return (
            f"{word} {format_share(turnout)} is under {describe_share(low.below)}, so the "
            f"offer stands unless {low.reject.describe()} vote no "
            f"({format_share(no_share)} did)"
        )
    return None


def tally_reason(result: TallyResult, rule: TallyRule, status: ReportStatus) -> str:
    n = result.numbers
    if status is ReportStatus.CONFLICT:
        return (
            "conflicting counts: resolve them first; until then these ballots are "
            "treated as not yet reported"
        )
    if status is ReportStatus.NOT_REPORTED:
        return f"not reported: {n.eligible:,} eligible still to vote; {rule.describe()}"
    clause = _rule_clause(n, rule)
    numbers = numbers_text(n, rule)
    if result.outcome is Outcome.PENDING:
        leaning = "leaning approve" if result.approves_now else "leaning reject"
        text = f"pending, {leaning}: {numbers}"
        if clause:
            text += f"; {clause}"
        if result.needed is not None:
            text += f"; {needed_text(result.needed)}"
        return text
    verdict = result.outcome.value
    text = f"{verdict}: {numbers}"
    text += f"; {clause}" if clause else f"; {rule.approve.describe()} needed"
    if result.unknown and status is not ReportStatus.FINAL:
        side = "yes" if result.outcome is Outcome.REJECTED else "no"
        text += f"; decided, even if all {result.unknown:,} still to come vote {side}"
    elif result.unknown:
        text += f"; decided whatever the {result.unknown:,} challenged ballots turn out to be"
    return text
