"""The database tables (SQLAlchemy Core tables; store.entry_log and store.exchange_log query
them).

Synced content: origins, entry_keys, entries, supersessions, and the checkpoints that vouch
for other PCs' entries. Everything else is derived (slots, rebuilt from entries at any time)
or local to this PC (settings, held_entries, imports and what each import brought); the
parsed setups are derived too (store.setup_cache). Entries
are never edited; an entry leaves `entries` only to wait in `held_entries` when a change of
the setup withdraws its key's right to report, or when the import that brought it is undone
(docs/sync-format.md).

Plain Core tables, not ORM classes: nothing here maps rows to objects, and declaring the
tables through the ORM made the window's cold start import and configure all of
sqlalchemy.orm (bench/bench_window.py). tests/store/test_migrations.py checks these tables
give the same schema as the migrations.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    DDL,
    Boolean,
    Column,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    event,
)

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

metadata = MetaData(naming_convention=NAMING)


def _column(name: str, *args: Any, null: bool = False, **options: Any) -> Column[Any]:
    """A column NOT NULL unless `null` (Core's default is the other way round)."""
    return Column(name, *args, nullable=null, **options)


# A steward on a PC: the author of entries (and, with file sync, a signing key).
origins_table = Table(
    "origins",
    metadata,
    _column("id", Integer, primary_key=True),
    _column("origin", String(32), unique=True),
    _column("steward", Text),
    _column("pc", Text),
    _column("local", Boolean, default=False),  # authored on this database
    # base32; None: an origin from before file exchange (it has no key and its entries
    # cannot be sent)
    _column("public_key", String(64), null=True),
)

# What an entry is about: a count slot, a declared outcome, the setup.
keys_table = Table(
    "entry_keys",
    metadata,
    _column("id", Integer, primary_key=True),
    _column("kind", String(16)),
    _column("question", String(64)),
    _column("unit", String(64)),
    _column("part", String(64)),
    UniqueConstraint("kind", "question", "unit", "part"),
)

# One entry: its exact bytes, plus columns copied out of them for queries.
entries_table = Table(
    "entries",
    metadata,
    _column("id", Integer, primary_key=True),
    _column("hash", LargeBinary(32), unique=True),
    _column("origin_id", Integer, ForeignKey("origins.id")),
    _column("seq", Integer),
    _column("type", String(32)),
    _column("key_id", Integer, ForeignKey("entry_keys.id")),
    _column("recorded_at", String(40)),
    _column("raw", LargeBinary),
    _column("yes", Integer, null=True),
    _column("no", Integer, null=True),
    _column("void", Integer, null=True),
    _column("challenged", Integer, null=True),
    _column("eligible", Integer, null=True),
    _column("final", Boolean, null=True),
    Index("ix_entries_origin_seq", "origin_id", "seq"),  # not unique: a fork must be storable
    Index("ix_entries_key", "key_id"),
)

# Entry `by_entry` replaces the entry whose hash is `target` (which may not be here yet).
#
# `key_id` is the superseding entry's key: a supersession only applies within one key.
# The rows are the supersessions in effect (domain.entries.heads), kept by
# store.entry_log.append: none for an entry a retraction undoes, and a retraction supersedes
# its target and itself. What an entry names is in its own bytes.
supersessions_table = Table(
    "supersessions",
    metadata,
    _column("target", LargeBinary(32), primary_key=True),
    _column("by_entry", Integer, ForeignKey("entries.id"), primary_key=True),
    _column("key_id", Integer, ForeignKey("entry_keys.id")),
)

# Derived: the current state of each count slot (see domain.counts.slot_state).
slots_table = Table(
    "slots",
    metadata,
    _column("key_id", Integer, ForeignKey("entry_keys.id"), primary_key=True),
    _column("question", String(64)),
    _column("unit", String(64)),
    _column("part", String(64)),
    _column("status", String(16)),
    _column("heads", Integer),
    _column("yes", Integer),
    _column("no", Integer),
    _column("void", Integer),
    _column("challenged", Integer),
    _column("eligible", Integer, null=True),
    _column("final", Boolean),
    Index("ix_slots_question_unit", "question", "unit"),
    Index("ix_slots_numbers", "question", "yes", "no", "void"),
)

# Local to this database: the vote's identity, this PC's name and steward, preferences.
settings_table = Table(
    "settings",
    metadata,
    _column("name", String(64), primary_key=True),
    _column("value", Text),
)


def _checkpoint_columns(*, null: bool) -> list[Column[Any]]:
    """A checkpoint: the key, the chain's length and head, the signature over them."""
    return [
        _column("public_key", String(64), null=null),
        _column("seq", Integer),
        _column("head", LargeBinary(32), null=null),
        _column("sig", LargeBinary(64), null=null),
    ]


# The latest signature an origin made over its chain (relayed in every export).
#
# Keyed by vote and origin, without a foreign key: `init --replace` leaves old rows behind,
# and every query names the vote it wants.
checkpoints_table = Table(
    "checkpoints",
    metadata,
    _column("vote", String(64), primary_key=True),
    _column("origin", String(32), primary_key=True),
    *_checkpoint_columns(null=False),
)

# Local: a verified entry this PC holds apart (quarantine) and does not apply.
held_table = Table(
    "held_entries",
    metadata,
    _column("id", Integer, primary_key=True),
    _column("vote", String(64)),
    _column("hash", LargeBinary(32), unique=True),
    _column("origin", String(32)),
    _column("seq", Integer),
    _column("type", String(32)),
    _column("raw", LargeBinary),
    _column("reason", String(32)),
    _column("detail", Text),
    _column("held_at", String(40)),
    _column("source", Text),  # the file it came in, as named on this PC
    Index("ix_held_entries_origin_seq", "origin", "seq"),
)

# Local: a file imported here, by the sha256 of its bytes (so a copy is known at once).
imports_table = Table(
    "imports",
    metadata,
    _column("file_hash", LargeBinary(32), primary_key=True),
    _column("vote", String(64)),
    _column("name", Text),
    _column("imported_at", String(40)),
    _column("exporter", String(32)),
    _column("new", Integer),
    _column("known", Integer),
    _column("held", Integer),
)

# Derived: each setup's TOML parsed to plain data, as JSON, keyed by the sha256 of its exact
# text (store.setup_cache). Reading it back is many times cheaper than parsing the TOML again;
# the vote is then built and checked from it as from a fresh parse. `form` names the encoding.
parsed_setups_table = Table(
    "parsed_setups",
    metadata,
    _column("text_hash", String(64), primary_key=True),
    _column("form", Integer),
    _column("data", Text),
)

# Local: the entries an import brought (applied or held), so it can be undone.
#
# One row per import, the entries' 32-byte ids end to end: recording 100,000 of them costs
# one blob, not 100,000 index insertions in the import's transaction. Imports made before
# schema 0003 have no row and cannot be undone.
import_entries_table = Table(
    "import_entries",
    metadata,
    _column("file_hash", LargeBinary(32), primary_key=True),
    _column("hashes", LargeBinary),
)

# Local: the checkpoint an origin had before an import replaced it (seq 0: it had none),
# put back when the import is undone so exports still end each chain at a signature.
import_checkpoints_table = Table(
    "import_checkpoints",
    metadata,
    _column("file_hash", LargeBinary(32), primary_key=True),
    _column("origin", String(32), primary_key=True),
    *_checkpoint_columns(null=True),  # an origin with no checkpoint before: seq 0, no key
)

# File exchange's local tables belong to the vote the database holds: `init --replace` deletes
# the vote's settings (and its entries), and this trigger clears them with it.
CLEAR_EXCHANGE_TRIGGER = (
    "CREATE TRIGGER clear_exchange_with_vote AFTER DELETE ON settings "
    "WHEN old.name = 'vote_key' BEGIN "
    "DELETE FROM checkpoints; DELETE FROM held_entries; DELETE FROM imports; END"
)
event.listen(metadata, "after_create", DDL(CLEAR_EXCHANGE_TRIGGER))  # type: ignore[no-untyped-call]
# an import forgotten (undone, or cleared with its vote) takes its record of entries with it
FORGET_IMPORT_TRIGGER = (
    "CREATE TRIGGER forget_import_records AFTER DELETE ON imports BEGIN "
    "DELETE FROM import_entries WHERE file_hash = old.file_hash; "
    "DELETE FROM import_checkpoints WHERE file_hash = old.file_hash; END"
)
event.listen(metadata, "after_create", DDL(FORGET_IMPORT_TRIGGER))  # type: ignore[no-untyped-call]
