"""This PC's signing keys: one secret per database, kept in a key file beside it.

The key file (`<database>.key`, e.g. `steward.sqlite.key`) holds 32 random bytes and the id of
the database it belongs to. Each steward entering on this PC gets an Ed25519 key derived from
that secret, their name and the PC's name (HKDF-SHA256), so two stewards sharing a PC have
distinct origins, and the same steward on the same database always has the same one.

Why a file beside the database and not inside it: the database is what people copy (to a
stick, to support, into backups); a copy that carried the key would later write a second
history under the same key. A database opened without its own key file (copied elsewhere,
restored on a new PC, or moved) gets a new key and so a new origin, never a clone. The file is
written with permissions 0600 (owner only on POSIX). On Windows, where a mode means nothing and
the file inherits its folder's rules, the secret itself is encrypted for this Windows account
(DPAPI, sync/key_protection.py): `"protection": "dpapi-user"` and `"seed"` holds the encrypted
bytes. A plain key file met on Windows (an older version's) is protected in place.

What it protects: other users of the PC (file permissions, DPAPI); accidental cloning through
copies and backups of the database. What it does not: anyone using this account or an administrator,
malware on the PC, a copy of both files together (caught on import as two histories), theft
of an unlocked or unencrypted disk. The key is not passphrase-protected: stewards would type
it at every count on the night; see docs/sync-format.md.
"""

from __future__ import annotations

import base64
import contextlib
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
from steward_app.domain.language import _
from steward_app.durable import fsync_folder
from steward_app.sync.key_protection import Protector, default_protector

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


_DEFAULT: list[Protector | None] = []  # found once, when first needed


def _protector(given: Protector | bool | None) -> Protector | None:
    if given is not True:
        return given or None
    if not _DEFAULT:
        _DEFAULT.append(default_protector())
    return _DEFAULT[0]


def read_secret(path: Path, protector: Protector | bool | None = True) -> PcSecret | None:
    """The secret in `path`, or None when there is no such file. `protector` (default: this
    system's, DPAPI on Windows) decrypts a protected seed, and protects a plain one in place."""
    shield = _protector(protector)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        stored = base64.b64decode(data["seed"], validate=True)
        protection = data.get("protection")
        if protection is None:
            seed = stored
        elif shield is not None and protection == shield.name:
            seed = shield.unprotect(stored)
        else:
            raise ValueError(
                _("the seed is protected by {protection}, which this system lacks").format(
                    protection=protection
                )
            )
        if data.get("format") != KEY_FILE_FORMAT or len(seed) != SEED_BYTES:
            raise ValueError(_("unknown format"))
        secret = PcSecret(path, str(data["database"]), seed)
    except FileNotFoundError:
        return None
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise KeyFileError(
            _(
                "the key file {path} cannot be read ({exc}); if it was made under another Windows "
                "account, open the database from that account. Otherwise move it away and this PC "
                "will make a new key (the coordinator must then list the new fingerprint)"
            ).format(path=path, exc=exc)
        ) from exc
    if protection is None and shield is not None:
        _protect_in_place(secret, data, shield)
    return secret


def _protect_in_place(secret: PcSecret, data: dict[str, object], shield: Protector) -> None:
    """Replace a plain key file by its protected form (written whole, then renamed); left
    plain, and used as it is, when that cannot be done now."""
    path = secret.path
    partial = path.with_name(f".{secrets.token_hex(4)}.partial")
    try:
        body = _body({**data, **_sealed(secret.seed, shield)})
        _write_new(partial, body)
        os.replace(partial, path)
        fsync_folder(path.parent)
    except OSError:
        with contextlib.suppress(OSError):
            partial.unlink()


def _sealed(seed: bytes, shield: Protector | None) -> dict[str, object]:
    if shield is None:
        return {"seed": base64.b64encode(seed).decode("ascii")}
    sealed = shield.protect(seed)
    return {"seed": base64.b64encode(sealed).decode("ascii"), "protection": shield.name}


def _body(fields: dict[str, object]) -> bytes:
    return json.dumps(fields, indent=1).encode()


def _write_new(path: Path, body: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, body)
        os.fsync(fd)
    finally:
        os.close(fd)


def create_secret(path: Path, database: str, protector: Protector | bool | None = True) -> PcSecret:
    """A new secret for database `database`, written to `path` (an old file is set aside);
    its seed protected by `protector` (default: this system's, DPAPI on Windows)."""
    seed = secrets.token_bytes(SEED_BYTES)
    try:
        body = _body(
            {
                "format": KEY_FILE_FORMAT,
                "database": database,
                **_sealed(seed, _protector(protector)),
                "created": dt.datetime.now().astimezone().isoformat(timespec="seconds"),
                "note": "steward_app signing secret for the database beside it; keep it private",
            }
        )
        if path.exists():
            stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S-%f")
            path.replace(path.with_name(f"{path.name}.replaced-{stamp}"))
        _write_new(path, body)
        fsync_folder(path.parent)
    except OSError as exc:
        raise KeyFileError(
            _("cannot write the key file {path}: {why}").format(path=path, why=exc.strerror or exc)
        ) from exc
    return PcSecret(path, database, seed)
