"""A short code of the data a report shows, so two printouts can be matched to the same data.

Until file sync has its state code, it is the first 8 base32 characters of the sha256 of the
sorted entry ids (each entry's id is the sha256 of its canonical line): the same entries give
the same code on every PC, and any entry more or less changes it. The reports take the code
as a parameter, so sync's state code can replace it.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable

from steward_app.store import entry_log
from steward_app.store.vote_store import VoteStore

LABEL = "data fingerprint"
LENGTH = 8


def data_fingerprint(entry_ids: Iterable[str]) -> str:
    """ "7Q2KX4ZB": base32 (A-Z, 2-7) of sha256 over the sorted ids, one per line."""
    digest = hashlib.sha256("\n".join(sorted(entry_ids)).encode("ascii")).digest()
    return base64.b32encode(digest).decode("ascii")[:LENGTH]


def store_fingerprint(store: VoteStore) -> str:
    """The fingerprint of every entry the database holds (what the window and the command line
    print). Reads every entry: see docs/performance.md for its cost on a very large vote."""
    with store.reading() as conn:
        return data_fingerprint(e.id for e in entry_log.all_entries(conn))
