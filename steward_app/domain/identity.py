"""Public keys as people write them, and the origin ids and fingerprints derived from them.

A steward's PC signs with an Ed25519 key (steward_app.sync.keys). Here only its 32 public bytes
matter: written as base32 without padding (52 characters) in the setup file, and hashed into
the origin id that every entry of that key carries. The origin id, grouped in fours, is the
fingerprint people read aloud. Pure standard library: no signing happens in the domain.
"""

from __future__ import annotations

import base64
import hashlib
import re

from steward_app.domain.language import _

PUBLIC_KEY_BYTES = 32
ORIGIN_CHARS = 16
_B32 = re.compile(r"^[A-Z2-7]+$")


def key_text(public_key: bytes) -> str:
    """The 52-character form of a public key, as written in the setup file."""
    return base64.b32encode(public_key).decode("ascii").rstrip("=")


def key_bytes(text: str) -> bytes:
    """Read a public key written as base32; spaces and dashes are ignored.

    Raises ValueError with a sentence saying what is wrong.
    """
    clean = re.sub(r"[\s-]", "", text).upper()
    if not _B32.match(clean):
        raise ValueError(_("a key is written with the letters A-Z and the digits 2-7 only"))
    padded = clean + "=" * (-len(clean) % 8)
    try:
        raw = base64.b32decode(padded)
    except ValueError as exc:  # binascii.Error is a ValueError
        raise ValueError(_("this is not a whole key ({exc})").format(exc=exc)) from exc
    if len(raw) != PUBLIC_KEY_BYTES:
        raise ValueError(
            _(
                "a key is {length} characters long; this one has {given}: copy it whole from "
                "`steward-app keys show`"
            ).format(length=len(key_text(b"0" * PUBLIC_KEY_BYTES)), given=len(clean))
        )
    return raw


def origin_of(public_key: bytes) -> str:
    """The origin id of a key: the first 16 base32 characters of sha256(public key)."""
    digest = hashlib.sha256(public_key).digest()
    return base64.b32encode(digest).decode("ascii")[:ORIGIN_CHARS]


def origin_of_text(text: str) -> str:
    return origin_of(key_bytes(text))


def fingerprint(origin: str) -> str:
    """An origin id in groups of four, e.g. ABCD-EFGH-IJKL-MNOP, for reading aloud."""
    return "-".join(origin[i : i + 4] for i in range(0, len(origin), 4))


def fingerprint_origin(text: str) -> str:
    """The origin id in a fingerprint as typed (case, dashes and spaces ignored).

    Raises ValueError when it is not 16 base32 characters.
    """
    clean = re.sub(r"[\s-]", "", text).upper()
    if len(clean) != ORIGIN_CHARS or not _B32.match(clean):
        raise ValueError(
            _(
                '"{text}" is not a fingerprint: it has 16 letters and digits, like '
                "ABCD-EFGH-IJKL-MNOP"
            ).format(text=text)
        )
    return clean
