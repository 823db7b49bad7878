"""The commands on the vote itself: `init`, `check-setup`, `demo`, `count`, `correct`,
`import-counts`, `standings`, `declare`, `units` (their parsers are in cli.main).

Imported when one of these commands runs, with what the reading ones use; the commands that
write import their services (and the signing identity, with cryptography, under them) inside
their handlers, so a reading command never loads them (tests/cli/test_read_imports.py).
"""

from __future__ import annotations

import json
from pathlib import Path

from steward_app.cli.context import EXIT_OK, Cli
from steward_app.cli.standings_text import render
from steward_app.domain.counts import SlotKey
from steward_app.domain.declared import DeclaredOutcome
from steward_app.domain.language import SOURCE_LANGUAGE, _, in_language, ngettext, number
from steward_app.domain.setup_file import parse_setup
from steward_app.services.errors import NoVote, Refused
from steward_app.services.standings_cache import load_standings


def init(cli: Cli) -> int:
    # with the signing identity (and cryptography) under it: commands that write only
    from steward_app.services.vote_setup import create_vote, init_notes

    text = _read_text(cli.args.setup)
    given = parse_setup(text)  # a setup with mistakes is refused before any database is touched
    vote, _changes, backup = create_vote(cli.store, text, cli.author, replace=cli.args.replace)
    if backup:
        cli.say(_("The previous vote was saved to {backup}").format(backup=backup))
    cli.say(
        _(
            'Created "{title}": {unions} unions, {units} units, {questions} question(s), in {path}'
        ).format(
            title=vote.title,
            unions=len(vote.unions),
            units=len(vote.units),
            questions=len(vote.questions),
            path=cli.store.path,
        )
    )
    for line in init_notes(given, vote, cli.author):
        cli.say(line)
    return EXIT_OK


def check_setup(cli: Cli) -> int:
    vote = parse_setup(_read_text(cli.args.setup))
    cli.say(
        _('The setup is usable: "{title}", {unions} unions, {units} units.').format(
            title=vote.title, unions=len(vote.unions), units=len(vote.units)
        )
    )
    return EXIT_OK


def demo(cli: Cli) -> int:
    from steward_app.services.vote_setup import load_demo

    vote, _changes = load_demo(cli.store, cli.author, replace=cli.args.replace)
    cli.say(
        _('Loaded the demo vote "{title}" into {path}').format(
            title=vote.title, path=cli.store.path
        )
    )
    return EXIT_OK


def count(cli: Cli) -> int:
    return _record(cli, correct=False)


def correct(cli: Cli) -> int:
    return _record(cli, correct=True)


def _record(cli: Cli, correct: bool) -> int:
    a = cli.args
    slot = SlotKey(cli.question_id(a.question), a.unit, a.part)
    numbers = {
        "yes": a.yes,
        "no": a.no,
        "void": a.void,
        "challenged": a.challenged,
        "eligible": a.eligible,
    }
    from steward_app.services.counting import record_count  # commands that write only

    result = record_count(
        cli.store,
        cli.author,
        slot,
        numbers,
        final=a.final,
        correct=correct,
        reason=getattr(a, "reason", None),
        confirm_warnings=a.confirm_warnings,
    )
    for w in result.confirmed_warnings:
        cli.say(_("confirmed {w}").format(w=w))
    cli.say_recorded(slot, result.note, result.status)
    return EXIT_OK


def import_counts(cli: Cli) -> int:
    from steward_app.cli import import_summary as summary
    from steward_app.services.counting import RowsRefused, import_counts
    from steward_app.services.counts_csv import spans

    try:
        with cli.args.file.open(encoding="utf-8-sig", newline="") as f:
            r = import_counts(cli.store, cli.author, f, confirm_warnings=cli.args.confirm_warnings)
    except RowsRefused as exc:  # a line per check, unless --verbose
        raise summary.summarised(exc, cli.args.verbose) from exc
    except OSError as exc:
        raise Refused(
            _("cannot read {file}: {strerror}").format(file=cli.args.file, strerror=exc.strerror)
        ) from exc
    except UnicodeDecodeError as exc:
        raise Refused(
            _("{file} is not UTF-8 text; save it as CSV UTF-8").format(file=cli.args.file)
        ) from exc
    cli.say(
        _(
            "Imported from {file}: {recorded} new, {confirmed} confirming, {conflicts} "
            "conflicting, {corrected} corrected, {already} already recorded"
        ).format(
            file=cli.args.file,
            recorded=r.recorded,
            confirmed=r.confirmed,
            conflicts=r.conflicts,
            corrected=r.corrected,
            already=r.already,
        )
    )
    if r.not_filled:
        cli.say(
            ngettext(
                "Skipped {count} row not filled: row {rows}",
                "Skipped {count} rows not filled: rows {rows}",
                len(r.not_filled),
            ).format(count=len(r.not_filled), rows=spans(list(r.not_filled)))
        )
    for line in summary.confirmed_lines(r.warnings, r.warning_units, cli.args.verbose):
        cli.say(line)
    return EXIT_OK


def standings(cli: Cli) -> int:
    if cli.args.json:
        # JSON is for programs: locale-free, its sentences in English whatever --lang says
        from steward_app.services.standings_json import standings_json
        from steward_app.services.state_code import state_code

        with in_language(SOURCE_LANGUAGE):
            standings, declared = load_standings(cli.store)
            code = state_code(cli.store).code  # what `state` prints, and the reports
            # compact, one line: json's C encoder (indent= takes its pure-Python one, 5x the
            # time on a 10,000-unit vote); docs/standings-json.md
            data = standings_json(standings, declared, code)
        cli.say(json.dumps(data, separators=(",", ":")))
    else:
        standings, declared = load_standings(cli.store)
        cli.out.write(render(standings, declared))
    return EXIT_OK


def declare(cli: Cli) -> int:
    from steward_app.services.declarations import declare_outcome  # commands that write only

    a = cli.args
    question = "" if a.agreement else cli.question_id(a.question)
    declare_outcome(
        cli.store,
        cli.author,
        question,
        a.outcome,
        union_id=a.union,
        agreement_id=a.agreement,
        note=a.note,
    )
    cli.say(
        _("Recorded the declared outcome: {value}").format(
            value=DeclaredOutcome.parse(a.outcome).value
        )
    )
    return EXIT_OK


def units(cli: Cli) -> int:
    vote = cli.store.vote()
    if vote is None:
        raise NoVote()
    for union in vote.unions:
        cli.say(
            _("{id}  {name}  ({membership} members; {rule})").format(
                id=union.id,
                name=union.name,
                membership=number(union.membership),
                rule=union.rule.describe(),
            )
        )
        for uid in union.unit_ids + union.subgroup_ids:
            unit = vote.unit_by_id[uid]
            parts = ""
            if unit.parts:
                parts = "  " + _("parts: {parts}").format(parts=", ".join(unit.parts))
            sub = ""
            if unit.subgroup_of:
                kind = (
                    _("sub-group of {unit} (advisory)")
                    if unit.advisory
                    else _("sub-group of {unit} (veto)")
                )
                sub = "  " + kind.format(unit=unit.subgroup_of)
            cli.say(
                _("    {uid}  {name}  {eligible} eligible{parts}{sub}").format(
                    uid=uid, name=unit.name, eligible=number(unit.eligible), parts=parts, sub=sub
                )
            )
    return EXIT_OK


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise Refused(_("there is no file {path}").format(path=path)) from exc
    except OSError as exc:
        raise Refused(
            _("cannot read {path}: {strerror}").format(path=path, strerror=exc.strerror)
        ) from exc
    except UnicodeDecodeError as exc:
        raise Refused(_("{path} is not UTF-8 text; save it as UTF-8").format(path=path)) from exc
