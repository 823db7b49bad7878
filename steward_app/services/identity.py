"""This PC's keys for a database: the key file beside it, bound to the database's instance id.

A database gets a random instance id the first time a key is needed. The key file beside it
(sync.keys) records that id; a database opened with no key file, or with the key file of
another database (a copy, a restore on another PC), gets a new secret and so new origins.
Keys are derived and cached per process; call only inside a write transaction (the instance
id may be written).
"""

from __future__ import annotations

import secrets
from pathlib import Path

from sqlalchemy import Connection

from steward_app.domain.language import _
from steward_app.services.errors import Refused
from steward_app.store import entry_log
from steward_app.sync.keys import (
    KeyFileError,
    PcSecret,
    Signer,
    create_secret,
    key_file_path,
    read_secret,
)

INSTANCE_SETTING = "database_instance"
_secrets: dict[tuple[str, str], PcSecret] = {}
_signers: dict[tuple[str, str, str, str], Signer] = {}


def database_path(conn: Connection) -> Path:
    name = conn.engine.url.database
    if not name or name == ":memory:":
        raise Refused(_("signing needs a database file; an in-memory database has no key"))
    return Path(name).resolve()


def pc_secret(conn: Connection) -> PcSecret:
    """The secret of this database's key file (made, or remade for a copied database)."""
    key_path = key_file_path(database_path(conn))
    instance = entry_log.get_setting(conn, INSTANCE_SETTING)
    cached = _secrets.get((str(key_path), instance or ""))
    if cached is not None:
        return cached
    try:
        secret = read_secret(key_path)
        if instance is None:
            instance = secret.database if secret is not None else secrets.token_hex(16)
            entry_log.set_setting(conn, INSTANCE_SETTING, instance)
        if secret is None or secret.database != instance:
            secret = create_secret(key_path, instance)
    except KeyFileError as exc:
        raise Refused(str(exc)) from exc
    _secrets[(str(key_path), instance)] = secret
    return secret


def signer_for(conn: Connection, steward: str, pc: str) -> Signer:
    """The key of a steward on this PC, for this database."""
    secret = pc_secret(conn)
    cache_key = (str(secret.path), secret.database, steward, pc)
    signer = _signers.get(cache_key)
    if signer is None:
        signer = secret.signer(steward, pc)
        _signers[cache_key] = signer
    return signer
