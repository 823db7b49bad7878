"""This PC's signing keys: one secret per database, kept in a key file beside it.

The key file (`<database>.key`, e.g. `steward.sqlite.key`) holds 32 random bytes and the id of
the database it belongs to. Each steward entering on this PC gets an Ed25519 key derived from
that secret, their name and the PC's name (HKDF-SHA256), so two stewards sharing a PC have
distinct origins, and the same steward on the same database always has the same one.

Why a file beside the database and not inside it: the database is what people copy (to a
stick, to support, into backups); a copy that carried the key would later write a second
history under the same key. A database opened without its own key file (copied elsewhere,
restored on a new PC, or moved) gets a new key and so a new origin, never a clone. The file is
written with permissions 0600 (owner only on POSIX; on Windows it inherits the per-user data
folder's access rules).

What it protects: other users of the PC (file permissions); accidental cloning through copies
and backups of the database. What it does not: anyone using this account or an administrator,
malware on the PC, a copy of both files together (caught on import as two histories), theft
of an unlocked or unencrypted disk. The key is not passphrase-protected: stewards would type
it at every count on the night; see docs/sync-format.md.
"""

from __future__ import annotations

import base64
import datetime as dt
import json
import os
import secrets
from dataclasses import dataclass
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from steward_app.domain.identity import origin_of
from steward_app.durable import fsync_folder

KEY_FILE_FORMAT = 1
SEED_BYTES = 32
_SALT = b"steward_app/v1/origin-key"


class KeyFileError(Exception):
    """The key file cannot be read or written; the message says what to do."""


@dataclass(frozen=True)
class Signer:
    """One origin's key pair."""

    private: Ed25519PrivateKey
    public: bytes  # 32 raw bytes
    origin: str

    def sign(self, domain: bytes, message: bytes) -> bytes:
        return self.private.sign(domain + message)


def signer_from_private(private: Ed25519PrivateKey) -> Signer:
    public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return Signer(private, public, origin_of(public))


def verify(public: bytes, signature: bytes, domain: bytes, message: bytes) -> bool:
    try:
        Ed25519PublicKey.from_public_bytes(public).verify(signature, domain + message)
    except (InvalidSignature, ValueError):
        return False
    return True


@dataclass(frozen=True)
class PcSecret:
    """The secret of one database on this PC, from which its stewards' keys derive."""

    path: Path
    database: str  # the database's instance id this secret belongs to
    seed: bytes

    def signer(self, steward: str, pc: str) -> Signer:
        info = b"steward\0" + steward.encode() + b"\0pc\0" + pc.encode()
        derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=_SALT, info=info).derive(
            self.seed
        )
        return signer_from_private(Ed25519PrivateKey.from_private_bytes(derived))


def key_file_path(database: Path) -> Path:
    return database.with_name(database.name + ".key")


def read_secret(path: Path) -> PcSecret | None:
    """The secret in `path`, or None when there is no such file."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        seed = base64.b64decode(data["seed"], validate=True)
        if data.get("format") != KEY_FILE_FORMAT or len(seed) != SEED_BYTES:
            raise ValueError("unknown format")
        return PcSecret(path, str(data["database"]), seed)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KeyFileError(
            f"the key file {path} cannot be read ({exc}); move it away and this PC will make a "
            "new key (the coordinator must then list the new fingerprint)"
        ) from exc


def create_secret(path: Path, database: str) -> PcSecret:
    """A new secret for database `database`, written to `path` (an old file is set aside)."""
    seed = secrets.token_bytes(SEED_BYTES)
    body = json.dumps(
        {
            "format": KEY_FILE_FORMAT,
            "database": database,
            "seed": base64.b64encode(seed).decode("ascii"),
            "created": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
            "note": "steward_app signing secret for the database beside it; keep it private",
        },
        indent=1,
    ).encode()
    try:
        if path.exists():
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            path.replace(path.with_name(f"{path.name}.replaced-{stamp}"))
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            os.write(fd, body)
            os.fsync(fd)
        finally:
            os.close(fd)
        fsync_folder(path.parent)
    except OSError as exc:
        raise KeyFileError(f"cannot write the key file {path}: {exc.strerror}") from exc
    return PcSecret(path, database, seed)
