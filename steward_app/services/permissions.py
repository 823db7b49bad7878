"""Whether the setup's list of keys lets this PC's key sign an entry, and holding it if not.

Counts a key may not report are still kept, held apart (quarantine) on this PC as on every
other, so the coordinator can accept them; a declared outcome is refused instead.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection

from steward_app.domain.authority import Held, HoldReason
from steward_app.domain.checks import Problem, Severity
from steward_app.domain.entries import Entry, EntryType
from steward_app.domain.language import _
from steward_app.services.authors import Author
from steward_app.services.errors import Refused
from steward_app.services.merge import held_row
from steward_app.store import exchange_log, signers
from steward_app.store.vote_store import VoteStore

SIGNING_CODES = {
    HoldReason.UNKNOWN_KEY: "E_KEY_NOT_LISTED",
    HoldReason.NOT_ALLOWED: "E_KEY_NOT_ALLOWED",
    HoldReason.COORDINATOR_ONLY: "E_COORDINATOR_ONLY",
    HoldReason.UNKNOWN_UNIT: "E_KEY_NOT_ALLOWED",
    HoldReason.BAD_SETUP: "E_KEY_NOT_ALLOWED",
    HoldReason.INVALID: "E_KEY_NOT_ALLOWED",
    HoldReason.OVERRIDE: "E_OVERRIDE_NOT_ALLOWED",
    HoldReason.NOT_OWN: "E_OVERRIDE_NOT_ALLOWED",
    HoldReason.UNKNOWN_TARGET: "E_OVERRIDE_NOT_ALLOWED",
}
# reasons a steward's own new entry is refused for rather than held: no acceptance is meant
# for them (enter a count of your own instead, or ask the coordinator)
REFUSED_HERE = frozenset({HoldReason.OVERRIDE, HoldReason.NOT_OWN, HoldReason.INVALID})


def held_note(held: Held) -> str:
    """What a steward reads when their own new entry is held apart here (and on every PC)."""
    return _(
        "held apart, not counted: {detail}. Other PCs hold it apart too, until the coordinator "
        "accepts it (`steward-app accept`) or lists your key for this union (`steward-app keys "
        "show` prints it)"
    ).format(detail=held.detail)


def held_reason(store: VoteStore, conn: Connection, entry: Entry) -> Held | None:
    """Why the setup keeps this PC's new entry from counting, if it does. An entry it would
    not let count for another reason than its key (a count replacing another key's against
    `[vote] overrides`) is refused instead: Refused, nothing recorded."""
    authority = store.authority(conn)
    if authority is None:
        return None
    targets = signers.origins_of(conn, entry.supersedes) if entry.supersedes else None
    held = authority.hold(entry, targets)
    if held is not None and held.reason in REFUSED_HERE:
        raise Refused(
            _("nothing was recorded"),
            [
                Problem(
                    SIGNING_CODES[held.reason],
                    Severity.ERROR,
                    "unit",
                    _(
                        "{detail}. Enter your own count instead (a conflict the coordinator "
                        "resolves), or ask the coordinator to correct it"
                    ).format(detail=held.detail),
                )
            ],
        )
    return held


def hold(conn: Connection, vote_key: str, held: Sequence[tuple[Entry, Held]], now: str) -> None:
    exchange_log.add_held(
        conn,
        vote_key,
        [held_row(e, why, now, "entered on this PC") for e, why in held],
    )


def may_sign(
    store: VoteStore, conn: Connection, origin: str, kind: EntryType, unit: str, author: Author
) -> list[Problem]:
    """A problem when the setup's list of keys does not let this PC's key sign the entry
    (every other PC would hold it apart); none when it does or the vote lists no keys."""
    authority = store.authority(conn)
    if authority is None:
        return []
    held = authority.may_sign(origin, kind, unit, author.steward, author.pc)
    if held is None:
        return []
    advice = (
        _("only the coordinator's key signs it: ask the coordinator to record it on their PC")
        if held.reason is HoldReason.COORDINATOR_ONLY
        else _("the coordinator can list your key (`steward-app keys show` prints it)")
    )
    return [
        Problem(
            SIGNING_CODES[held.reason],
            Severity.ERROR,
            "unit",
            _("{detail}. Other PCs would hold it apart; {advice}").format(
                detail=held.detail, advice=advice
            ),
        )
    ]
