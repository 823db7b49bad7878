"""Who may sign what: the setup in force, its coordinator, and which entries are held apart.

Everything here is a function of a set of entries, never of their arrival order, so every PC
holding the same entries reaches the same decisions.

The setup in force. The vote's first setup is the setup entry whose text hashes to the vote
id and which supersedes nothing, and it counts only when signed by the key its `[coordinator]`
table names: since the vote id is the hash of that text, the vote's identity binds its
coordinator, and nobody else can sign "the vote" whatever its entry id (`init` writes the
creating PC's key into a setup that names none). A first setup naming no coordinator (made by
an older version) counts only when signed by the key pinned in the database (`pinned`: the
coordinator the older rule chose when the database was upgraded, or the one named with
`import --coordinator` when joining). A later setup (a change) supersedes the setup
it replaces and must be signed by that setup's coordinator; it may name a new coordinator for
the changes after it, but may not change the vote's id or mode. Setup entries that break these
rules are held. Normally one setup is in force; if two changes were made without seeing each
other, the one further from the first wins, then the one with the smaller id.

Held entries. A count, a declared outcome or an acceptance is held (not applied) when the
setup in force does not let its key sign it: the key is not listed, or not for that unit's
union; an acceptance, a setup and a coalition-wide declaration need the coordinator's key,
with or without a list of stewards. With no `[[stewards]]` listed the roster is open and any
key may report counts and unions' outcomes. An entry the
coordinator accepted (an `entries.accepted` entry naming it) is applied whatever its key.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Protocol

from steward_app.domain.entries import Entry, EntryKey, EntryType
from steward_app.domain.entry_checks import EntryChecker, describe
from steward_app.domain.identity import fingerprint
from steward_app.domain.language import N_, _
from steward_app.domain.setup_file import SetupError, parse_setup, setup_hash
from steward_app.domain.vote import Overrides, Vote


class HoldReason(enum.Enum):
    UNKNOWN_KEY = "unknown key"
    NOT_ALLOWED = "not allowed"  # a listed key, but not for this unit's union
    UNKNOWN_UNIT = "unknown unit"  # a unit, part, question or union the setup does not have
    COORDINATOR_ONLY = "coordinator only"
    BAD_SETUP = "bad setup"
    INVALID = "invalid"  # numbers out of bounds, an outcome no steward can declare
    OVERRIDE = "override not allowed"  # replaces another key's count against the setup
    NOT_OWN = "not own"  # an undo of another key's entry
    UNKNOWN_TARGET = "unknown target"  # replaces an entry this PC does not hold


# The reasons as people read them (the value is the code held_entries.reason stores, the same in
# every language). TRANSLATORS: why an entry is held apart, a short label before its detail
_REASON_WORDS: dict[HoldReason, str] = {
    HoldReason.UNKNOWN_KEY: N_("unknown key"),
    HoldReason.NOT_ALLOWED: N_("not allowed"),
    HoldReason.UNKNOWN_UNIT: N_("unknown unit"),
    HoldReason.COORDINATOR_ONLY: N_("coordinator only"),
    HoldReason.BAD_SETUP: N_("bad setup"),
    HoldReason.INVALID: N_("invalid"),
    HoldReason.OVERRIDE: N_("override not allowed"),
    HoldReason.NOT_OWN: N_("not own"),
    HoldReason.UNKNOWN_TARGET: N_("unknown target"),
}


def hold_reason_text(reason: HoldReason) -> str:
    """Why an entry is held, as a short label in the current language (English: the code)."""
    return _(_REASON_WORDS[reason])


@dataclass(frozen=True)
class Held:
    reason: HoldReason
    # a sentence a steward can act on, in the language spoken when the entry was judged (the
    # database keeps it as written then: docs/translations.md, "What is never translated")
    detail: str


@dataclass(frozen=True)
class SetupChain:
    """The setups of a vote sorted out: the one in force, and those not accepted."""

    current: Entry | None
    vote: Vote | None
    coordinator: str | None  # origin id of the coordinator of the setup in force
    authorized: frozenset[str] = frozenset()
    held: Mapping[str, Held] = field(default_factory=dict)
    concurrent: int = 0  # setups in force at once (more than 1: changes made unaware)


def _coordinator_of(vote: Vote, signer: str, inherited: str | None) -> str:
    named = vote.roster.coordinator_origin
    if named is not None:
        return named
    return inherited if inherited is not None else signer


def resolve_setups(vote_id: str, setups: Iterable[Entry], pinned: str | None = None) -> SetupChain:
    """The setup in force among these setup entries of vote `vote_id` (see the module doc).
    `pinned`: the coordinator's origin kept in the database for a vote whose first setup
    names no coordinator (None: such a setup counts for nothing)."""
    entries = [e for e in setups if e.type is EntryType.SETUP]
    parsed: dict[str, Vote] = {}
    held: dict[str, Held] = {}
    for e in entries:
        try:
            parsed[e.id] = parse_setup(str(e.body.get("toml", "")))
        except SetupError as exc:
            first = exc.problems[0] if exc.problems else _("no detail")
            held[e.id] = Held(
                HoldReason.BAD_SETUP,
                _("a setup this version cannot use ({problem})").format(problem=first),
            )
    by_id = {e.id: e for e in entries}
    coordinator: dict[str, str] = {}  # authorized setup id -> coordinator after it
    depth: dict[str, int] = {}
    roots = sorted(
        (
            e
            for e in entries
            if not e.supersedes and e.id in parsed and setup_hash(e.body["toml"]) == vote_id
        ),
        key=lambda e: e.id,
    )
    for e in roots:
        named = parsed[e.id].roster.coordinator_origin
        coord = named if named is not None else pinned
        if coord is None:
            held[e.id] = Held(
                HoldReason.COORDINATOR_ONLY,
                _(
                    "the vote's setup signed by {key} names no coordinator, and this PC has none "
                    "on record for it: join with `steward-app import --coordinator FINGERPRINT`, "
                    "the fingerprint the coordinator reads out"
                ).format(key=fingerprint(e.origin)),
            )
        elif e.origin != coord:
            held[e.id] = Held(
                HoldReason.COORDINATOR_ONLY,
                _(
                    "a copy of the vote's setup signed by {key}, not by the vote's coordinator "
                    "({coordinator}): only the coordinator's copy is the vote"
                ).format(key=fingerprint(e.origin), coordinator=fingerprint(coord)),
            )
        elif coordinator:
            held[e.id] = Held(
                HoldReason.COORDINATOR_ONLY,
                _("a second copy of the vote's setup, signed elsewhere"),
            )
        else:
            coordinator[e.id] = coord
            depth[e.id] = 0
    root = next(iter(coordinator), None)
    # changes: follow supersessions outwards from the authorized setups
    pending = [e for e in entries if e.supersedes and e.id in parsed]
    progress = True
    while progress:
        progress = False
        for e in list(pending):
            parents = [t for t in e.supersedes if t in coordinator]
            if len(parents) != len(e.supersedes):
                continue
            pending.remove(e)
            progress = True
            signer_ok = all(coordinator[p] == e.origin for p in parents)
            vote = parsed[e.id]
            first_vote = parsed[root] if root else None
            if not signer_ok:
                held[e.id] = Held(
                    HoldReason.COORDINATOR_ONLY,
                    _("a setup change signed by {key}, who is not the coordinator").format(
                        key=fingerprint(e.origin)
                    ),
                )
            elif first_vote is not None and (vote.id, vote.mode) != (
                first_vote.id,
                first_vote.mode,
            ):
                held[e.id] = Held(
                    HoldReason.BAD_SETUP,
                    _(
                        "a setup change that alters the vote's id or mode, which only a new "
                        "vote can"
                    ),
                )
            else:
                coordinator[e.id] = _coordinator_of(vote, e.origin, coordinator[parents[0]])
                depth[e.id] = 1 + max(depth[p] for p in parents)
    for e in pending:
        if e.id not in held:
            held[e.id] = Held(
                HoldReason.BAD_SETUP,
                _("a setup change replacing a setup this PC does not hold (or does not accept)"),
            )
    for e in entries:
        if e.id not in coordinator and e.id not in held:
            held[e.id] = Held(HoldReason.BAD_SETUP, _("a setup of another vote"))
    superseded = {t for i in coordinator for t in by_id[i].supersedes}
    in_force = [i for i in coordinator if i not in superseded]
    if not in_force:
        return SetupChain(None, None, None, frozenset(), held)
    current = min(in_force, key=lambda i: (-depth[i], i))
    return SetupChain(
        by_id[current],
        parsed[current],
        coordinator[current],
        frozenset(coordinator),
        held,
        len(in_force),
    )


class Judged(Protocol):
    """What judging an entry looks at (an Entry, or the facts the store keeps of one)."""

    @property
    def id(self) -> str: ...
    @property
    def origin(self) -> str: ...
    @property
    def type(self) -> EntryType: ...
    @property
    def key(self) -> EntryKey: ...
    @property
    def steward(self) -> str: ...
    @property
    def pc(self) -> str: ...


@dataclass(frozen=True)
class Authority:
    """The setup in force and the coordinator's acceptances: enough to judge any entry."""

    vote: Vote
    coordinator: str
    accepted: frozenset[str] = frozenset()
    checker: EntryChecker = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "checker", EntryChecker(self.vote))

    def hold(self, e: Judged, targets: Mapping[str, str] | None = None) -> Held | None:
        """Why `e` (not a setup) is held, or None when it applies. `targets`: the origin of
        each entry `e` supersedes that this PC holds (None: `e`'s replacements are judged
        elsewhere, as for an entry applied before, whose targets were judged then).

        The checks of domain.entry_checks and an undo's target hold whatever the coordinator
        accepted; the rest (who may sign, who may replace whose count) an acceptance lifts."""
        why = self.check(e)
        if why is not None:
            return why
        supersedes: tuple[str, ...] = getattr(e, "supersedes", ())
        if targets is not None and e.type is EntryType.COUNT_RETRACTED:
            why = self.may_replace(e, supersedes, targets)
            if why is not None:
                return why
        if e.id in self.accepted:
            return None
        why = self.may_sign(e.origin, e.type, e.key.unit, e.steward, e.pc)
        if why is None and targets is not None and supersedes:
            why = self.may_replace(e, supersedes, targets)
        return why

    def check(self, e: Judged) -> Held | None:
        """The checks every entry gets wherever it was made (domain.entry_checks)."""
        found = self.checker.problem(e.type, e.key, getattr(e, "body", None))
        if found is None:
            return None
        unknown, what = found
        return Held(
            HoldReason.UNKNOWN_UNIT if unknown else HoldReason.INVALID,
            _("{entry}: {problem}").format(
                entry=describe(e.type, e.key, e.steward, e.pc, e.origin), problem=what
            ),
        )

    def may_replace(
        self, e: Judged, supersedes: Iterable[str], targets: Mapping[str, str]
    ) -> Held | None:
        """Why `e` may not replace the entries it names (`targets`: their signers' origins,
        where this PC holds them), or None. An undo retracts only its signer's own entry; a
        correction or a resolution replaces another key's count only as `[vote] overrides`
        allows, and the coordinator's always."""
        named = list(supersedes)
        missing = [t for t in named if t not in targets]
        if missing:
            return Held(
                HoldReason.UNKNOWN_TARGET,
                _(
                    "{entry} replaces an entry this PC does not hold ({id}); it is judged again "
                    "when that entry arrives"
                ).format(
                    entry=describe(e.type, e.key, e.steward, e.pc, e.origin), id=missing[0][:8]
                ),
            )
        others = sorted({targets[t] for t in named} - {e.origin})
        if not others:
            return None  # its own entries
        retraction = e.type is EntryType.COUNT_RETRACTED
        if not retraction and (
            e.origin == self.coordinator or self.vote.overrides is not Overrides.COORDINATOR
        ):
            return None  # "union": may_sign already let this key report the unit
        who = describe(e.type, e.key, e.steward, e.pc, e.origin)
        theirs = ", ".join(fingerprint(o) for o in others)
        if retraction:
            return Held(
                HoldReason.NOT_OWN,
                _(
                    "{entry} undoes a count signed by another key ({keys}): an undo retracts "
                    "only its signer's own count"
                ).format(entry=who, keys=theirs),
            )
        return Held(
            HoldReason.OVERRIDE,
            _(
                "{entry} replaces a count signed by another key ({keys}), and this setup lets "
                "only the coordinator replace another steward's count ([vote] overrides = "
                '"coordinator")'
            ).format(entry=who, keys=theirs),
        )

    def may_sign(
        self, origin: str, kind: EntryType, unit_id: str, steward: str, pc: str
    ) -> Held | None:
        """Why `origin` may not sign an entry of this kind for this unit (for a declared
        outcome: this union, "" for the coalition), or None when it may."""
        if origin == self.coordinator:
            return None
        roster = self.vote.roster
        if kind is EntryType.ENTRIES_ACCEPTED or kind is EntryType.SETUP:
            return Held(
                HoldReason.COORDINATOR_ONLY,
                _(
                    "only the coordinator may sign a {kind} entry; this one is by {steward} on "
                    "{pc} ({key})"
                ).format(kind=kind.value, steward=steward, pc=pc, key=fingerprint(origin)),
            )
        if kind is EntryType.OUTCOME_DECLARED:
            if not unit_id:  # the coalition's: the coordinator's alone, even with an open list
                return Held(
                    HoldReason.COORDINATOR_ONLY,
                    _(
                        "only the coordinator declares the coalition's outcome; this is by "
                        "{steward} on {pc} ({key})"
                    ).format(steward=steward, pc=pc, key=fingerprint(origin)),
                )
            union_id = unit_id
        else:
            unit = self.vote.unit_by_id.get(unit_id)
            if unit is None:
                if roster.open:
                    return None
                listed = roster.by_origin.get(origin)
                if listed is not None and listed.may_report(""):
                    return None
                return Held(
                    HoldReason.UNKNOWN_UNIT,
                    _(
                        'a count by {steward} on {pc} ({key}) for unit "{unit}", which the setup '
                        "does not list"
                    ).format(steward=steward, pc=pc, key=fingerprint(origin), unit=unit_id),
                )
            union_id = unit.union_id
        if roster.open:
            return None
        listed = roster.by_origin.get(origin)
        if listed is None:
            return Held(
                HoldReason.UNKNOWN_KEY,
                _(
                    "signed by a key the coordinator has not listed ({key}; the entry says "
                    "{steward} on {pc})"
                ).format(key=fingerprint(origin), steward=steward, pc=pc),
            )
        if not listed.may_report(union_id):
            union = self.vote.union_by_id.get(union_id)
            name = union.name if union else union_id
            allowed = ", ".join(listed.unions)
            return Held(
                HoldReason.NOT_ALLOWED,
                _('{name}\'s key may report for {allowed}, not for {union} ("{union_id}")').format(
                    name=listed.name, allowed=allowed, union=name, union_id=union_id
                ),
            )
        return None

    def knows(self, origin: str) -> bool:
        """Whether a file exported by `origin` comes from a key this vote lists."""
        roster = self.vote.roster
        return origin == self.coordinator or roster.open or origin in roster.by_origin


def legacy_coordinator(vote_id: str, setups: Iterable[Entry]) -> str | None:
    """The coordinator the rule of versions before schema 0004 chose for a vote whose first
    setup names none: the signer of the first setup with the smallest entry id. Kept in the
    database when it is upgraded (the `coordinator_pin` setting), so that vote keeps its
    coordinator and no later copy of its setup signed elsewhere can take its place. None when
    the vote's first setup names its coordinator (nothing to pin)."""
    roots = []
    for e in setups:
        if e.type is not EntryType.SETUP or e.supersedes:
            continue
        text = str(e.body.get("toml", ""))
        if setup_hash(text) != vote_id:
            continue
        try:
            vote = parse_setup(text)
        except SetupError:
            continue
        roots.append((e.id, e.origin, vote.roster.coordinator_origin))
    if not roots:
        return None
    _first, origin, named = min(roots)
    return None if named is not None else origin
