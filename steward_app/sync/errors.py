"""Why a tally file was refused: one code per cause, each with a sentence saying what to do.

A refused file changes nothing: every check runs before the database is written.
"""

from __future__ import annotations

import enum

from steward_app.domain.language import N_, _


class Refusal(enum.Enum):
    """Stable codes (shown in messages, tested, used by the window to pick an icon)."""

    NOT_TALLY_FILE = "not a tally file"
    UNSAFE_PATHS = "unsafe paths"
    INCOMPLETE = "incomplete"
    DAMAGED = "damaged"
    CHANGED = "changed after export"
    UNKNOWN_SIGNER = "unknown signer"
    DIFFERENT_VOTE = "different vote"
    WRONG_MODE = "practice vs official"
    TOO_NEW = "made by a newer version"
    TOO_LARGE = "too large"
    FORK = "two histories"
    UNREADABLE = "cannot be read"
    NO_SETUP = "no setup"
    WRONG_COORDINATOR = "unexpected coordinator"


ADVICE = {
    Refusal.NOT_TALLY_FILE: N_("Import only the .tally files that steward-app exports."),
    Refusal.UNSAFE_PATHS: N_(
        "It was not made by steward-app; do not open it with other tools either."
    ),
    Refusal.INCOMPLETE: N_(
        "It may still be copying, or the copy was interrupted: copy it again from the original."
    ),
    Refusal.DAMAGED: N_("Get a fresh copy from the steward who exported it."),
    Refusal.CHANGED: N_("Do not use it; ask the steward to export again and compare fingerprints."),
    Refusal.UNKNOWN_SIGNER: N_(
        "If this steward should report, the coordinator adds the key with `steward-app keys "
        "trust`, or imports the file with --hold to review its entries first."
    ),
    Refusal.DIFFERENT_VOTE: N_("Check that both PCs count the same vote."),
    Refusal.WRONG_MODE: N_("Practice counts never mix with the official count."),
    Refusal.TOO_NEW: N_("Update steward-app on this PC to the version the others use."),
    Refusal.TOO_LARGE: N_("It is not a file steward-app would write."),
    Refusal.FORK: N_(
        "The same key wrote two different histories: a database was copied or restored from a "
        "backup. Tell the coordinator; nothing was imported."
    ),
    Refusal.UNREADABLE: N_("Check the path and that no other program holds the file."),
    Refusal.NO_SETUP: N_("Import a file exported by a PC that holds the vote."),
    Refusal.WRONG_COORDINATOR: N_("Check the fingerprint against the coordinator's printed sheet."),
}


class ImportRefused(Exception):
    """The file was not imported. `code` says which check failed; the message says why."""

    def __init__(self, code: Refusal, detail: str) -> None:
        self.code = code
        self.detail = detail
        super().__init__(f"{detail} {_(ADVICE[code])}")

    @property
    def message(self) -> str:
        return str(self)
