"""Commands for exchanging results through files (docs/sync-format.md).

export FILE|FOLDER        everything this PC holds, signed, written whole then checked
import FILE|FOLDER...     each file: new / already present / superseded / conflicting /
                          quarantined, or why it was refused (nothing changed then)
state                     the short code to compare aloud between PCs
conflicts, resolve        counts in conflict, and deciding them
keys show|list|trust      this PC's key, the coordinator's list, adding a key to it
held, accept              entries held apart (quarantine), and accepting them
setup-change FILE         a corrected setup, signed by the coordinator
imports, undo-import ID   the files imported here, and undoing one of them
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from steward_app.cli.context import Cli
from steward_app.domain.language import _, date_time, ngettext, number, pgettext
from steward_app.domain.reserved import EVERY_UNION, WHOLE_UNIT
from steward_app.services.errors import NoVote, Refused

if TYPE_CHECKING:
    from steward_app.services import exchange

# the services (and the cryptography library under them) and the domain modules are imported
# by the commands that use them, so other commands start as fast as they can (cli.context)

EXIT_OK, EXIT_REFUSED = 0, 1
log = logging.getLogger(__name__)


def add_parsers(sub: Any) -> None:
    s = sub.add_parser("export", help=_("write everything this PC holds to a tally file"))
    s.set_defaults(handler=_export)
    s.add_argument("target", type=Path, help=_("a file name, or a folder (a new file in it)"))

    s = sub.add_parser("import", help=_("import tally files from other PCs"))
    s.set_defaults(handler=_import)
    s.add_argument("files", type=Path, nargs="+", help=_("tally files, or folders holding them"))
    s.add_argument(
        "--hold",
        action="store_true",
        help=_(
            "keep the entries of a file signed by an unlisted key apart, for review, instead "
            "of refusing it (for the coordinator)"
        ),
    )
    s.add_argument(
        "--coordinator",
        metavar="FINGERPRINT",
        help=_("refuse a vote whose setup another key signed (check it on the printed sheet)"),
    )

    sub.add_parser("state", help=_("the state code to compare aloud between PCs")).set_defaults(
        handler=_state
    )
    sub.add_parser(
        "conflicts", help=_("counts in conflict, with both values and origins")
    ).set_defaults(handler=_conflicts)

    s = sub.add_parser("resolve", help=_("decide a conflict: keep one count or give the numbers"))
    s.set_defaults(handler=_resolve)
    s.add_argument("unit")
    s.add_argument("--part", default=WHOLE_UNIT)
    s.add_argument("--question")
    s.add_argument("--take", metavar="ID", help=_("keep the count with this id (first characters)"))
    for name in ("yes", "no", "void", "challenged", "eligible"):
        s.add_argument(f"--{name}", metavar="N")
    s.add_argument("--final", action="store_true")
    s.add_argument("--reason", required=True)
    s.add_argument("--confirm-warnings", action="store_true")

    s = sub.add_parser("keys", help=_("this PC's key, the coordinator's list of keys"))
    s.set_defaults(handler=_keys)
    keys = s.add_subparsers(dest="keys_command", metavar="show|list|trust", parser_class=type(s))
    keys.required = True
    keys.add_parser("show", help=_("this PC's key for the steward (--steward, --pc)"))
    keys.add_parser("list", help=_("the coordinator's list, and every key seen here"))
    t = keys.add_parser("trust", help=_("add a steward's key to the list (coordinator)"))
    t.add_argument("key", help=_("the steward's public key, or the fingerprint of a key seen here"))
    t.add_argument(
        "--unions",
        required=True,
        help=_('union ids, comma-separated, or "{every}"').format(every=EVERY_UNION),
    )
    t.add_argument(
        "--name", required=True, help=_("who and which PC, e.g. 'night-shift steward, hall PC'")
    )
    t.add_argument("--reason", default="")

    sub.add_parser("held", help=_("entries held apart (quarantine), with the reason")).set_defaults(
        handler=_held
    )
    s = sub.add_parser("accept", help=_("apply held entries (coordinator)"))
    s.set_defaults(handler=_accept)
    s.add_argument("ids", nargs="+", help=_('entry ids (first characters), or "all"'))
    s.add_argument("--reason", required=True)

    s = sub.add_parser(
        "setup-change", help=_("replace the setup with a corrected one (coordinator)")
    )
    s.set_defaults(handler=_setup_change)
    s.add_argument("setup", type=Path)
    s.add_argument("--reason", required=True)

    sub.add_parser(
        "imports", help=_("the files imported here, newest first, with their ids")
    ).set_defaults(handler=_imports)
    s = sub.add_parser("undo-import", help=_("take out what one imported file brought"))
    s.set_defaults(handler=_undo_import)
    s.add_argument("id", help=_("the import's id (first characters), from `steward-app imports`"))


def _export(cli: Cli) -> int:
    a = cli.args
    from steward_app.services import exchange

    result = exchange.export_file(cli.store, cli.author, a.target)
    cli.say(
        ngettext(
            "Exported {entries} entries from {origins} steward to {path} (written whole, read "
            "back and verified).",
            "Exported {entries} entries from {origins} stewards to {path} (written whole, read "
            "back and verified).",
            result.origins,
        ).format(entries=number(result.entries), origins=number(result.origins), path=result.path)
    )
    for note in result.notes:
        cli.say("  " + _("note: {note}").format(note=note))
    cli.say(_("State {code}").format(code=result.state))
    return EXIT_OK


def _expand(paths: list[Path]) -> tuple[list[Path], list[tuple[Path, str]]]:
    """The files to import (each folder's tally files), and the folders' entries left out."""
    from steward_app.sync import files

    out: list[Path] = []
    skipped: list[tuple[Path, str]] = []
    for p in paths:
        if p.is_dir():
            found, left_out = files.folder_files(p)
            out.extend(found)
            skipped.extend(left_out)
        else:
            out.append(p)
    return out, skipped


def _import(cli: Cli) -> int:
    a = cli.args
    from steward_app.services import exchange
    from steward_app.store.errors import StoreError
    from steward_app.sync.errors import ImportRefused
    from steward_app.sync.files import shown_name

    expect = None
    if a.coordinator:
        from steward_app.domain.identity import fingerprint_origin

        try:
            expect = fingerprint_origin(a.coordinator)
        except ValueError as exc:
            raise Refused(str(exc)) from exc
    status = EXIT_OK
    paths, skipped = _expand(a.files)
    for path, why in skipped:
        skip = _("{file}: skipped: it is {why}").format(file=shown_name(path), why=why)
        print(f"steward-app: {skip}", file=cli.err)
        status = EXIT_REFUSED
    if not paths:
        if skipped:
            return status
        raise Refused(_("no tally file there (files ending in .tally; partial copies are skipped)"))
    for path in paths:
        try:
            r = exchange.import_file(
                cli.store, path, hold_unknown=a.hold, expect_coordinator=expect
            )
        except ImportRefused as exc:
            refused = _("{file}: refused ({code}): {why}").format(
                file=shown_name(path), code=exc.code.value, why=exc
            )
            print(f"steward-app: {refused}", file=cli.err)
            status = EXIT_REFUSED
            continue
        except StoreError:
            raise  # the database's problem, not the file's: the same for every file
        except Exception as exc:  # one bad file never stops the others (the log has the trace)
            log.exception("importing %s failed", shown_name(path))
            unread = _(
                "{file}: not imported: it could not be read ({error}); nothing of it was "
                "changed. Get a fresh copy from the steward who exported it."
            ).format(
                file=shown_name(path),
                error=f"{type(exc).__name__}: {str(exc)[:200] or _('no detail')}",
            )
            print(f"steward-app: {unread}", file=cli.err)
            status = EXIT_REFUSED
            continue
        cli.say(_report_line(r))
        for note in r.notes:
            cli.say("  " + _("note: {note}").format(note=note))
    cli.say(_("State now {code}").format(code=exchange.state_code(cli.store)))
    return status


def _report_line(r: exchange.ImportReport) -> str:
    from steward_app.services.import_outcome import ImportOutcome

    if r.outcome == ImportOutcome.ALREADY_IMPORTED:
        return _("{file}: already imported; nothing changed").format(file=r.name)
    counts = _(
        "{new} new, {known} already present, {superseded} superseded, {conflicting} "
        "conflicting, {held} quarantined"
    ).format(
        new=number(r.new),
        known=number(r.known),
        superseded=number(r.superseded),
        conflicting=number(r.conflicting),
        held=number(r.held),
    )
    if r.released or r.withdrawn:
        counts += _("; {released} held entries applied, {withdrawn} now held").format(
            released=number(r.released), withdrawn=number(r.withdrawn)
        )
    if r.outcome == ImportOutcome.JOINED:
        return _(
            "{file}: joined the vote from {exporter}; the vote's coordinator is the key "
            "{coordinator} (compare it with the fingerprint the coordinator reads out or "
            "prints; if it differs, this is not your coordinator's vote): {counts}"
        ).format(file=r.name, exporter=r.exporter, coordinator=r.coordinator, counts=counts)
    if r.outcome == ImportOutcome.NOTHING_NEW:
        return _("{file}: nothing new from {exporter}: {counts}").format(
            file=r.name, exporter=r.exporter, counts=counts
        )
    return _("{file}: from {exporter}: {counts}").format(
        file=r.name, exporter=r.exporter, counts=counts
    )


def _state(cli: Cli) -> int:
    from steward_app.services import exchange

    if cli.store.vote() is None:
        raise NoVote()
    cli.say(_("State {code}").format(code=exchange.state_code(cli.store)))
    return EXIT_OK


def _numbers_text(v: Any) -> str:
    text = _("{yes} yes, {no} no, {void} void, {challenged} challenged").format(
        yes=number(v.yes), no=number(v.no), void=number(v.void), challenged=number(v.challenged)
    )
    if v.eligible is not None:
        text += _(", eligible {eligible}").format(eligible=number(v.eligible))
    return (
        text + ", " + (pgettext("count", "final") if v.final else pgettext("count", "provisional"))
    )


def _conflicts(cli: Cli) -> int:
    from steward_app.services import conflicts

    found = conflicts.list_conflicts(cli.store)
    if not found:
        cli.say(_("No conflicts."))
        return EXIT_OK
    for c in found:
        where = c.slot.unit + (f"/{c.slot.part}" if c.slot.part else "")
        cli.say(
            _(
                "{where} ({question}), {unit}: {count} different counts; no total for this "
                "unit until resolved"
            ).format(
                where=where, question=c.slot.question, unit=c.unit_name, count=number(len(c.heads))
            )
        )
        for h in c.heads:
            by = _("by {steward} on {pc} ({origin}) at {moment}").format(
                steward=h.steward, pc=h.pc, origin=h.origin, moment=h.recorded_at
            )
            cli.say(
                f"  {h.entry_id[:8]}  {_numbers_text(h.values)}  {by}"
                + (f"  [! {h.flag}]" if h.flag else "")
            )
    cli.say(
        _(
            "Resolve with `steward-app resolve UNIT [--part P] --take ID --reason TEXT`, or "
            "give the numbers (--yes N --no N ...) instead of --take."
        )
    )
    return EXIT_OK


def _resolve(cli: Cli) -> int:
    a = cli.args
    from steward_app.domain.counts import SlotKey
    from steward_app.services import conflicts

    slot = SlotKey(cli.question_id(a.question), a.unit, a.part)
    numbers = None
    if a.yes is not None or a.no is not None:
        numbers = {k: getattr(a, k) for k in ("yes", "no", "void", "challenged", "eligible")}
    result = conflicts.resolve_conflict(
        cli.store,
        cli.author,
        slot,
        reason=a.reason,
        take=a.take,
        numbers=numbers,
        final=a.final,
        confirm_warnings=a.confirm_warnings,
    )
    cli.say_recorded(slot, result.note, result.status)
    return EXIT_OK


def _keys(cli: Cli) -> int:
    a = cli.args
    from steward_app.services import roster

    if a.keys_command == "show":
        k = roster.my_key(cli.store, cli.author)
        cli.say(_('This PC\'s key for "{steward}" on "{pc}":').format(steward=k.steward, pc=k.pc))
        labels = {
            "fingerprint": _("fingerprint"),
            "public key": _("public key"),
            "key file": _("key file"),
        }
        width = max(len(v) for v in labels.values()) + 2
        cli.say(f"  {labels['fingerprint']:<{width}}{k.fingerprint}")
        cli.say(f"  {labels['public key']:<{width}}{k.public_key}")
        cli.say(f"  {labels['key file']:<{width}}{k.key_file}")
        if not k.has_vote:
            cli.say(_("No vote yet. Give the public key to the coordinator for the setup's list:"))
        elif k.coordinator:
            cli.say(_("This is the coordinator's key of this vote."))
        elif k.listed is not None:
            cli.say(
                _("Listed by the coordinator as {name}, for {unions}.").format(
                    name=k.listed.name, unions=", ".join(k.listed.unions)
                )
            )
        elif k.roster_open:
            cli.say(_("This vote's setup lists no keys: any key may report."))
        else:
            cli.say(_("Not on the coordinator's list: other PCs hold this key's entries apart."))
        if not k.coordinator and (k.listed is None):
            cli.say(f'[[stewards]]\nkey = "{k.public_key}"\nname = "{k.steward}, {k.pc}"')
            cli.say('unions = ["..."]')
        return EXIT_OK
    if a.keys_command == "list":
        open_roster, lines = roster.roster_lines(cli.store)
        if open_roster:
            cli.say(
                _("This vote's setup lists no stewards' keys: entries from any key are applied.")
            )
        for line in lines:
            shown_unions = ", ".join(line.unions) if line.unions else "-"
            said = _("unions: {unions}  ({applied} entries applied, {held} held)").format(
                unions=shown_unions, applied=number(line.applied), held=number(line.held)
            )
            seen = ""
            if line.seen_as:
                seen = "  [! " + _("this key signs as {name}").format(name=line.seen_as) + "]"
            cli.say(f"{line.fingerprint}  {line.role:<11}  {line.name}  {said}{seen}")
        return EXIT_OK
    unions = [u.strip() for u in a.unions.split(",") if u.strip()]
    shown, _changes = roster.trust_key(
        cli.store, cli.author, a.key, unions, a.name, reason=a.reason
    )
    cli.say(
        _(
            "Listed {name} ({key}) for {unions}: a setup change that every PC receives with "
            "your next export. Their held entries now apply here."
        ).format(name=a.name, key=shown, unions=", ".join(unions))
    )
    return EXIT_OK


def _held(cli: Cli) -> int:
    from steward_app.domain.authority import hold_reason_text
    from steward_app.domain.identity import fingerprint
    from steward_app.services import roster

    held = roster.held_entries(cli.store)
    if not held:
        cli.say(_("No entries are held apart."))
        return EXIT_OK
    for h in held:
        e = h.entry
        what = e.type.value
        if e.type.has_numbers:
            where = e.key.unit + (f"/{e.key.part}" if e.key.part else "")
            what += f" {where}: {_numbers_text(e.values)}"
        by = _("by {steward} on {pc} ({key})").format(
            steward=e.steward, pc=e.pc, key=fingerprint(e.origin)
        )
        source = _("(from {file}, {moment})").format(file=h.source, moment=_moment(h.held_at))
        reason = hold_reason_text(h.reason)
        cli.say(f"{e.id[:8]}  {what}  {by}  [{reason}] {h.detail}  {source}")
    cli.say(_("The coordinator applies them with `steward-app accept ID... --reason TEXT`."))
    return EXIT_OK


def _accept(cli: Cli) -> int:
    a = cli.args
    from steward_app.services import roster

    n, _changes = roster.accept_held(cli.store, cli.author, a.ids, a.reason)
    cli.say(
        ngettext(
            "Accepted {count} held entry; every PC applies it alike.",
            "Accepted {count} held entries; every PC applies them alike.",
            n,
        ).format(count=number(n))
    )
    return EXIT_OK


def _setup_change(cli: Cli) -> int:
    a = cli.args
    from steward_app.services import roster

    try:
        text = a.setup.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise Refused(
            _("cannot read {path}: {why}").format(path=a.setup, why=exc.strerror)
        ) from exc
    roster.change_setup(cli.store, cli.author, text, a.reason)
    vote = cli.store.vote()
    assert vote is not None  # the setup was just recorded
    cli.say(
        _('The setup of "{title}" is changed; other PCs receive it with your next export.').format(
            title=vote.title
        )
    )
    return EXIT_OK


def _imports(cli: Cli) -> int:
    from steward_app.services import imports

    lines = imports.import_history(cli.store)
    if not lines:
        cli.say(_("No file has been imported into this vote."))
        return EXIT_OK
    for line in lines:
        mark = ""
        if line.why_not:
            mark = "  " + _("(cannot be undone: {why})").format(why=line.why_not)
        said = _("from {sender}: {new} new, {known} already present, {held} held").format(
            sender=line.sender,
            new=number(line.new),
            known=number(line.known),
            held=number(line.held),
        )
        cli.say(f"{line.id[:8]}  {line.imported_at}  {line.name}  {said}{mark}")
    cli.say(_("Undo one with `steward-app undo-import ID`."))
    return EXIT_OK


def _undo_import(cli: Cli) -> int:
    a = cli.args
    from steward_app.services import exchange, imports

    done = imports.undo_import(cli.store, a.id)
    cli.say(
        _(
            "Undid the import of {file}: {removed} entries and {held} held entries taken out; "
            "the file can be imported again."
        ).format(file=done.name, removed=number(done.removed), held=number(done.held))
    )
    cli.say(_("State now {code}").format(code=exchange.state_code(cli.store)))
    return EXIT_OK


def _moment(stored: str) -> str:
    """A stored ISO time, in this PC's time zone, as the reader's language writes it (as
    stored, if it is not one)."""
    try:
        moment = dt.datetime.fromisoformat(stored)
        return date_time(moment.astimezone() if moment.tzinfo else moment)
    except ValueError:
        return stored
