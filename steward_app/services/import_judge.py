"""Which of an import's new entries apply, and what an import says of a second history.

Every new entry is judged as Authority.hold judges one (domain.authority): the checks every
entry gets (domain.entry_checks), whether its key may sign it, whose counts it replaces. An
import brings 100,000 entries of a few thousand slots, so what depends on the key alone is
judged once, and the common entry without a call.
"""

from __future__ import annotations

from steward_app.domain.authority import Authority, Held, SetupChain
from steward_app.domain.bounds import MAX_BALLOTS
from steward_app.domain.entries import Entry, EntryKey, EntryType
from steward_app.domain.language import _, number
from steward_app.domain.vote import Overrides
from steward_app.sync import arrivals


class Judge:
    """Judges an import's new entries a part at a time, each as Authority.hold judges one.

    Every entry gets the checks of domain.entry_checks (its numbers, its key: the key's once
    per key). Whether its key may sign it depends only on its origin, type, unit and author
    (or on being accepted), so each such combination is judged once for the whole import: an
    import brings 100,000 entries of a few thousand. An entry replacing others is judged on
    whose they are."""

    def __init__(self, chain: SetupChain, authority: Authority) -> None:
        self.chain = chain
        self.authority = authority
        self.judged: dict[tuple[str, str, str, str, str], Held | None] = {}
        self.fine_keys: dict[int, EntryKey] = {}  # by id: a slot's entries share one key
        self.names: dict[str, str] = {}  # the few origins and authors, each text kept once

    def _kept(self, seen: tuple[str, str, str, str, str]) -> tuple[str, str, str, str, str]:
        """A key of `judged` naming its origin and author by texts kept once: an import of
        250,000 entries judges some 24,000 combinations of 12 PCs (about 4 MB less)."""
        origin, kind, unit, steward, pc = seen
        names = self.names
        return (
            names.setdefault(origin, origin),
            kind,
            unit,
            names.setdefault(steward, steward),
            names.setdefault(pc, pc),
        )

    def judge(
        self, entries: list[Entry], targets: dict[str, str]
    ) -> tuple[list[Entry], list[tuple[Entry, Held]]]:
        """Of these entries, the ones that apply, and the ones held with why. `targets`: the
        signer's origin of each entry they replace, where this PC or the file holds it."""
        apply: list[Entry] = []
        hold: list[tuple[Entry, Held]] = []
        authority, chain, judged, fine_keys = (
            self.authority,
            self.chain,
            self.judged,
            self.fine_keys,
        )
        accepted, setup, undo = authority.accepted, EntryType.SETUP, EntryType.COUNT_RETRACTED
        check, may_replace = authority.check, authority.may_replace
        lenient = authority.vote.overrides is not Overrides.COORDINATOR
        most = MAX_BALLOTS
        for e in entries:  # as Authority.hold judges one, with what depends on its key memoised
            kind = e.type
            if kind is setup:
                why = chain.held.get(e.id)
            else:
                key, body = e.key, e.body
                if (  # the common case without a call: a count of a slot found fine before
                    fine_keys.get(id(key)) is key
                    and body["yes"] <= most
                    and body["no"] <= most
                    and body.get("void", 0) <= most
                    and body.get("challenged", 0) <= most
                    and "eligible" not in body
                ):
                    why = None
                else:
                    why = check(e)
                    if why is None and kind.has_numbers:
                        fine_keys[id(key)] = key
                replaces = e.supersedes
                if replaces and len(replaces) == 1:  # the common case, without a call
                    signer = targets.get(replaces[0])
                    if signer == e.origin or (signer is not None and lenient and kind is not undo):
                        replaces = ()
                if why is None and kind is undo and replaces:
                    why = may_replace(e, replaces, targets)
                if why is None and not (accepted and e.id in accepted):
                    seen = (e.origin, kind._value_, e.key.unit, e.steward, e.pc)
                    if seen in judged:
                        why = judged[seen]
                    else:
                        why = judged[self._kept(seen)] = authority.may_sign(
                            e.origin, kind, e.key.unit, e.steward, e.pc
                        )
                    if why is None and replaces:
                        why = may_replace(e, replaces, targets)
            if why is None:
                apply.append(e)
            else:
                hold.append((e, why))
        return apply, hold


def fork_note(f: arrivals.Fork) -> str:
    """What an import says of a second history of one key, and how to recover."""
    return _(
        "two histories of one key: from entry #{seq} on, the file's entries signed by {who} "
        "differ from the ones this PC holds, so a copy of that PC's database was used with its "
        "key file. This PC keeps the history it had and left the file's {skipped} entries of that "
        "key out; everything else in the file was imported. To recover: the steward on the copied "
        "PC moves the database's key file (`<database>.key`, beside it) away, so the app makes a "
        "new key there (`steward-app keys show` prints it); the coordinator removes the copied "
        "key from the setup's [[stewards]] (`steward-app setup-change SETUP --reason \"copied "
        'database"`) and lists the new key (`steward-app keys trust NEWKEY --unions ... --name '
        "...`). Counts made on the copy after the split are entered again from the tally sheets "
        "with the new key."
    ).format(seq=f.seq, who=f.who, skipped=number(f.skipped))
