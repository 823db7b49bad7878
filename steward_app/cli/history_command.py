"""`steward-app history [UNIT]`: every entry with its origin, in the current language.

Imported when the command runs (its parser names it by module: cli.context.LazyHandler)."""

from __future__ import annotations

from steward_app.cli.context import EXIT_OK, Cli
from steward_app.domain.declaration_checks import AGREEMENT_PART
from steward_app.domain.entries import EntryType
from steward_app.domain.identity import fingerprint
from steward_app.domain.language import _, pgettext
from steward_app.domain.wording import declared_word
from steward_app.services.errors import NoVote, Refused
from steward_app.services.overrides import signer_text
from steward_app.store import entry_reads, signers


def history(cli: Cli) -> int:
    """Every entry, correction and confirmation, with who signed it and what it replaced."""
    with cli.store.reading() as conn:
        vote = cli.store.vote(conn)
        if vote is None:
            raise NoVote()
        if cli.args.unit and cli.args.unit not in vote.unit_by_id:
            raise Refused(
                _('there is no unit "{unit}"; see `steward-app units`').format(unit=cli.args.unit)
            )
        items = entry_reads.history(conn, cli.args.unit)
        authority = cli.store.authority(conn)
        coordinator = authority.coordinator if authority else None
        named = {i.entry.id: i.entry for i in items}
        wanted = {t for i in items for t in i.entry.supersedes if t not in named}
        signed = {**signers.origins_of(conn, wanted), **{i: e.origin for i, e in named.items()}}
    undo = EntryType.COUNT_RETRACTED
    undone = {t: i.entry.id for i in items if i.entry.type is undo for t in i.entry.supersedes}
    for item in items:
        e = item.entry
        state = (
            _("current")
            if item.current
            else _("superseded by {entry}").format(entry=item.superseded_by[0][:8])
        )
        if e.id in undone:
            state = _("undone by {entry}").format(entry=undone[e.id][:8])
        where = e.key.unit + (f"/{e.key.part}" if e.key.part else "")
        if e.type is EntryType.SETUP:
            what = _("setup recorded")
        elif e.type is undo:
            what = _("{kind} {where} ({question}): an undo").format(
                kind=e.type.value, where=where, question=e.key.question
            )
        elif e.type is EntryType.OUTCOME_DECLARED:
            outcome = declared_word(str(e.body["outcome"]))
            what = _("declared {outcome} ({question}, {where})").format(
                outcome=outcome, question=e.key.question, where=where or _("coalition")
            )
            if e.key.part == AGREEMENT_PART:
                what = _("declared {outcome} (agreement {agreement})").format(
                    outcome=outcome, agreement=e.key.question
                )
        else:
            v = e.values
            what = _(
                "{kind} {where} ({question}): {yes} yes {no} no {void} void {challenged} challenged"
            ).format(
                kind=e.type.value,
                where=where,
                question=e.key.question,
                yes=v.yes,
                no=v.no,
                void=v.void,
                challenged=v.challenged,
            )
            if v.eligible is not None:
                what += " " + _("eligible {eligible}").format(eligible=v.eligible)
            what += " " + (_("FINAL") if v.final else pgettext("count", "provisional"))
        by = signer_text(vote, coordinator, e.steward, e.pc, e.origin)
        line = f"{e.recorded_at}  {e.id[:8]}  {what}  " + _("by {who}").format(who=by)
        line += f"  [{state}]"
        if e.supersedes:
            ids = ", ".join(s[:8] for s in e.supersedes)
            if e.type is undo:
                line += "  " + _("undoes {entries}").format(entries=ids)
            else:
                line += "  " + _("replaces {entries}").format(entries=ids)
            others = sorted({signed[t] for t in e.supersedes if t in signed} - {e.origin})
            if others and e.type is not undo:
                theirs = named.get(e.supersedes[0])
                keys = ", ".join(fingerprint(o) for o in others)
                if theirs:
                    override = _(
                        "OVERRIDE: {steward} ({key}) replaced the count of {their_steward} on "
                        "{their_pc}, key {keys}"
                    ).format(
                        steward=e.steward,
                        key=fingerprint(e.origin),
                        their_steward=theirs.steward,
                        their_pc=theirs.pc,
                        keys=keys,
                    )
                else:
                    override = _(
                        "OVERRIDE: {steward} ({key}) replaced the count of key {keys}"
                    ).format(steward=e.steward, key=fingerprint(e.origin), keys=keys)
                line += "  " + override
        if e.reason:
            line += "  " + _("reason: {reason}").format(reason=e.reason)
        cli.say(line)
    if not items:
        cli.say(_("No entries yet."))
    return EXIT_OK
