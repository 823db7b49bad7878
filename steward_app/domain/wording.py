"""One-line reasons in plain words for a tally's standing, in the current language
(domain/language.py): every sentence goes through `_`/`ngettext` when it is made."""

from __future__ import annotations

from fractions import Fraction

from steward_app.domain.counts import ReportStatus
from steward_app.domain.language import _, current, ngettext, number, pgettext
from steward_app.domain.rules import TallyRule
from steward_app.domain.tally import Needed, Numbers, Outcome, TallyResult
from steward_app.domain.threshold import describe_share, format_share
from steward_app.domain.vote import Question


def outcome_word(outcome: Outcome) -> str:
    """An outcome as a word in the current language ("approved", "aprobado")."""
    # TRANSLATORS: the outcome of a vote, as one word (a unit's, a union's or the coalition's)
    words = {
        Outcome.APPROVED: pgettext("outcome", "approved"),
        Outcome.REJECTED: pgettext("outcome", "rejected"),
        Outcome.PENDING: pgettext("outcome", "pending"),
        Outcome.ABSTAINED: pgettext("outcome", "abstained"),
        Outcome.SPLIT: pgettext("outcome", "split"),
        Outcome.NOT_IN_EFFECT: pgettext("outcome", "not in effect"),
    }
    return words[outcome]


def status_word(status: ReportStatus) -> str:
    """A count's state as words in the current language."""
    words = {
        ReportStatus.NOT_REPORTED: pgettext("count", "not reported"),
        ReportStatus.PROVISIONAL: pgettext("count", "provisional"),
        ReportStatus.FINAL: pgettext("count", "final"),
        ReportStatus.CONFLICT: pgettext("count", "conflict"),
    }
    return words[status]


def numbers_text(n: Numbers, rule: TallyRule) -> str:
    share = n.yes_share(rule)
    text = _("{yes} yes to {no} no").format(yes=number(n.yes), no=number(n.no))
    if share is not None:
        text += " " + _("({share} yes)").format(share=format_share(share))
    if n.void:
        # TRANSLATORS: void: ballots spoiled or blank, counted apart ("nulo")
        text += _(", {void} void").format(void=number(n.void))
    return text


def needed_text(needed: Needed) -> str:
    if needed.yes_full is None:
        return ngettext(
            "cannot approve even if the {remaining} still to vote says yes "
            "(only a low turnout or a challenge ruling could change it)",
            "cannot approve even if all {remaining} still to vote say yes "
            "(only a low turnout or a challenge ruling could change it)",
            needed.remaining,
        ).format(remaining=number(needed.remaining))
    text = ngettext(
        "needs {yes} yes of the {remaining} still to vote ({share}) if all of them vote",
        "needs {yes} yes of the {remaining} still to vote ({share}) if all of them vote",
        needed.remaining,
    ).format(
        yes=number(needed.yes_full),
        remaining=number(needed.remaining),
        share=format_share(needed.share_full),
    )
    if needed.expected and needed.expected != needed.remaining:
        if needed.yes_expected is None:
            text += ngettext(
                "; out of reach if only {expected} votes, as turnout so far suggests",
                "; out of reach if only {expected} vote, as turnout so far suggests",
                needed.expected,
            ).format(expected=number(needed.expected))
        else:
            text += _(", or {yes} of about {expected} at the turnout so far ({share})").format(
                yes=number(needed.yes_expected),
                expected=number(needed.expected),
                share=format_share(needed.share_expected),
            )
    return text


def _rule_clause(n: Numbers, rule: TallyRule) -> str | None:
    """Why a quorum or a low-turnout clause is what decides, when it is."""
    if n.eligible <= 0:
        return None
    turnout = Fraction(rule.turnout_ballots(n.yes, n.no, n.void), n.eligible)
    if rule.quorum is not None and turnout < rule.quorum:
        if rule.turnout_valid_only:
            text = _("turnout of valid ballots {turnout} is below the {quorum} quorum")
        else:
            text = _("turnout {turnout} is below the {quorum} quorum")
        return text.format(turnout=format_share(turnout), quorum=describe_share(rule.quorum))
    low = rule.low_turnout
    if low is not None and turnout < low.below:
        whole = n.yes + n.no + (n.void if rule.void_counts else 0)
        no_share = Fraction(n.no, whole) if whole else Fraction(0)
        if rule.turnout_valid_only:
            text = _(
                "turnout of valid ballots {turnout} is under {below}, so the offer stands "
                "unless {reject} vote no ({share} did)"
            )
        else:
            text = _(
                "turnout {turnout} is under {below}, so the offer stands unless {reject} "
                "vote no ({share} did)"
            )
        return text.format(
            turnout=format_share(turnout),
            below=describe_share(low.below),
            reject=low.reject.describe(),
            share=format_share(no_share),
        )
    return None


def tally_reason(result: TallyResult, rule: TallyRule, status: ReportStatus) -> str:
    n = result.numbers
    if status is ReportStatus.CONFLICT:
        return _(
            "conflicting counts: resolve them first; until then these ballots are "
            "treated as not yet reported"
        )
    if status is ReportStatus.NOT_REPORTED:
        return ngettext(
            "not reported: {eligible} eligible still to vote; {rule}",
            "not reported: {eligible} eligible still to vote; {rule}",
            n.eligible,
        ).format(eligible=number(n.eligible), rule=rule.describe())
    clause = _rule_clause(n, rule)
    numbers = numbers_text(n, rule)
    if result.outcome is Outcome.PENDING:
        leaning = _("leaning approve") if result.approves_now else _("leaning reject")
        text = _("pending, {leaning}: {numbers}").format(leaning=leaning, numbers=numbers)
        if clause:
            text += f"; {clause}"
        if result.needed is not None:
            text += f"; {needed_text(result.needed)}"
        return text
    text = f"{outcome_word(result.outcome)}: {numbers}"
    if clause:
        text += f"; {clause}"
    else:
        text += "; " + _("{rule} needed").format(rule=rule.approve.describe())
    if result.unknown and status is not ReportStatus.FINAL:
        if result.outcome is Outcome.REJECTED:
            text += ngettext(
                "; decided, even if the {unknown} still to come votes yes",
                "; decided, even if all {unknown} still to come vote yes",
                result.unknown,
            ).format(unknown=number(result.unknown))
        else:
            text += ngettext(
                "; decided, even if the {unknown} still to come votes no",
                "; decided, even if all {unknown} still to come vote no",
                result.unknown,
            ).format(unknown=number(result.unknown))
    elif result.unknown:
        # TRANSLATORS: challenged ballots: set aside until their right to vote is ruled on
        text += ngettext(
            "; decided whatever the {unknown} challenged ballot turns out to be",
            "; decided whatever the {unknown} challenged ballots turn out to be",
            result.unknown,
        ).format(unknown=number(result.unknown))
    return text


def declared_word(value: str) -> str:
    """A declared outcome (domain/declared.py's values) as words in the current language."""
    if value in Outcome.__members__.values():  # a computed outcome's word
        return outcome_word(Outcome(value))
    words = {  # the outcomes only a declaration has
        # TRANSLATORS: imposed by law or an arbitrator, whatever the vote
        "imposed": pgettext("outcome", "imposed"),
        "ratified after review": pgettext("outcome", "ratified after review"),
    }
    return words.get(value, value)


def question_text(question: Question) -> str:
    """A question's text in the current language when the setup gives it (`text.es`), else as
    the coordinator wrote it."""
    return dict(question.texts).get(current(), question.text)
