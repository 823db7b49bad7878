"""The database tables (SQLAlchemy 2 typed ORM; bulk work goes through their Core tables).

Synced content: origins, entry_keys, entries, supersessions, and the checkpoints that vouch
for other PCs' entries. Everything else is derived (slots, rebuilt from entries at any time)
or local to this PC (settings, held_entries, imports and what each import brought). Entries
are never edited; an entry leaves `entries` only to wait in `held_entries` when a change of
the setup withdraws its key's right to report, or when the import that brought it is undone
(docs/sync-format.md).
"""

from __future__ import annotations

from typing import cast

from sqlalchemy import (
    DDL,
    Boolean,
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
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class OriginRow(Base):
    """A steward on a PC: the author of entries (and, with file sync, a signing key)."""

    __tablename__ = "origins"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    origin: Mapped[str] = mapped_column(String(32), unique=True)
    steward: Mapped[str] = mapped_column(Text)
    pc: Mapped[str] = mapped_column(Text)
    local: Mapped[bool] = mapped_column(Boolean, default=False)  # authored on this database
    public_key: Mapped[str | None] = mapped_column(String(64), nullable=True)  # base32; None:
    # an origin from before file exchange (it has no key and its entries cannot be sent)


class EntryKeyRow(Base):
    """What an entry is about: a count slot, a declared outcome, the setup."""

    __tablename__ = "entry_keys"
    __table_args__ = (UniqueConstraint("kind", "question", "unit", "part"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(16))
    question: Mapped[str] = mapped_column(String(64))
    unit: Mapped[str] = mapped_column(String(64))
    part: Mapped[str] = mapped_column(String(64))


class EntryRow(Base):
    """One entry: its exact bytes, plus columns copied out of them for queries."""

    __tablename__ = "entries"
    __table_args__ = (
        Index("ix_entries_origin_seq", "origin_id", "seq"),  # not unique: a fork must be storable
        Index("ix_entries_key", "key_id"),
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    origin_id: Mapped[int] = mapped_column(ForeignKey("origins.id"))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(32))
    key_id: Mapped[int] = mapped_column(ForeignKey("entry_keys.id"))
    recorded_at: Mapped[str] = mapped_column(String(40))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    yes: Mapped[int | None] = mapped_column(Integer)
    no: Mapped[int | None] = mapped_column(Integer)
    void: Mapped[int | None] = mapped_column(Integer)
    challenged: Mapped[int | None] = mapped_column(Integer)
    eligible: Mapped[int | None] = mapped_column(Integer)
    final: Mapped[bool | None] = mapped_column(Boolean)


class SupersessionRow(Base):
    """Entry `by_entry` replaces the entry whose hash is `target` (which may not be here yet).

    `key_id` is the superseding entry's key: a supersession only applies within one key.
    The rows are the supersessions in effect (domain.entries.heads), kept by
    store.entry_log.append: none for an entry a retraction undoes, and a retraction supersedes
    its target and itself. What an entry names is in its own bytes.
    """

    __tablename__ = "supersessions"
    target: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    by_entry: Mapped[int] = mapped_column(ForeignKey("entries.id"), primary_key=True)
    key_id: Mapped[int] = mapped_column(ForeignKey("entry_keys.id"))


class SlotRow(Base):
    """Derived: the current state of each count slot (see domain.counts.slot_state)."""

    __tablename__ = "slots"
    __table_args__ = (
        Index("ix_slots_question_unit", "question", "unit"),
        Index("ix_slots_numbers", "question", "yes", "no", "void"),
    )
    key_id: Mapped[int] = mapped_column(ForeignKey("entry_keys.id"), primary_key=True)
    question: Mapped[str] = mapped_column(String(64))
    unit: Mapped[str] = mapped_column(String(64))
    part: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(16))
    heads: Mapped[int] = mapped_column(Integer)
    yes: Mapped[int] = mapped_column(Integer)
    no: Mapped[int] = mapped_column(Integer)
    void: Mapped[int] = mapped_column(Integer)
    challenged: Mapped[int] = mapped_column(Integer)
    eligible: Mapped[int | None] = mapped_column(Integer)
    final: Mapped[bool] = mapped_column(Boolean)


class SettingRow(Base):
    """Local to this database: the vote's identity, this PC's name and steward, preferences."""

    __tablename__ = "settings"
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class CheckpointRow(Base):
    """The latest signature an origin made over its chain (relayed in every export).

    Keyed by vote and origin, without a foreign key: `init --replace` leaves old rows behind,
    and every query names the vote it wants."""

    __tablename__ = "checkpoints"
    vote: Mapped[str] = mapped_column(String(64), primary_key=True)
    origin: Mapped[str] = mapped_column(String(32), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(64))
    seq: Mapped[int] = mapped_column(Integer)
    head: Mapped[bytes] = mapped_column(LargeBinary(32))
    sig: Mapped[bytes] = mapped_column(LargeBinary(64))


class HeldEntryRow(Base):
    """Local: a verified entry this PC holds apart (quarantine) and does not apply."""

    __tablename__ = "held_entries"
    __table_args__ = (Index("ix_held_entries_origin_seq", "origin", "seq"),)
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    vote: Mapped[str] = mapped_column(String(64))
    hash: Mapped[bytes] = mapped_column(LargeBinary(32), unique=True)
    origin: Mapped[str] = mapped_column(String(32))
    seq: Mapped[int] = mapped_column(Integer)
    type: Mapped[str] = mapped_column(String(32))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    reason: Mapped[str] = mapped_column(String(32))
    detail: Mapped[str] = mapped_column(Text)
    held_at: Mapped[str] = mapped_column(String(40))
    source: Mapped[str] = mapped_column(Text)  # the file it came in, as named on this PC


class ImportRow(Base):
    """Local: a file imported here, by the sha256 of its bytes (so a copy is known at once)."""

    __tablename__ = "imports"
    file_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    vote: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[str] = mapped_column(String(40))
    exporter: Mapped[str] = mapped_column(String(32))
    new: Mapped[int] = mapped_column(Integer)
    known: Mapped[int] = mapped_column(Integer)
    held: Mapped[int] = mapped_column(Integer)


class ImportEntryRow(Base):
    """Local: the entries an import brought (applied or held), so it can be undone.

    One row per import, the entries' 32-byte ids end to end: recording 100,000 of them costs
    one blob, not 100,000 index insertions in the import's transaction. Imports made before
    schema 0003 have no row and cannot be undone."""

    __tablename__ = "import_entries"
    file_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    hashes: Mapped[bytes] = mapped_column(LargeBinary)


class ImportCheckpointRow(Base):
    """Local: the checkpoint an origin had before an import replaced it (seq 0: it had none),
    put back when the import is undone so exports still end each chain at a signature."""

    __tablename__ = "import_checkpoints"
    file_hash: Mapped[bytes] = mapped_column(LargeBinary(32), primary_key=True)
    origin: Mapped[str] = mapped_column(String(32), primary_key=True)
    public_key: Mapped[str | None] = mapped_column(String(64), nullable=True)
    seq: Mapped[int] = mapped_column(Integer)
    head: Mapped[bytes | None] = mapped_column(LargeBinary(32), nullable=True)
    sig: Mapped[bytes | None] = mapped_column(LargeBinary(64), nullable=True)


# File exchange's local tables belong to the vote the database holds: `init --replace` deletes
# the vote's settings (and its entries), and this trigger clears them with it.
CLEAR_EXCHANGE_TRIGGER = (
    "CREATE TRIGGER clear_exchange_with_vote AFTER DELETE ON settings "
    "WHEN old.name = 'vote_key' BEGIN "
    "DELETE FROM checkpoints; DELETE FROM held_entries; DELETE FROM imports; END"
)
event.listen(Base.metadata, "after_create", DDL(CLEAR_EXCHANGE_TRIGGER))  # type: ignore[no-untyped-call]
# an import forgotten (undone, or cleared with its vote) takes its record of entries with it
FORGET_IMPORT_TRIGGER = (
    "CREATE TRIGGER forget_import_records AFTER DELETE ON imports BEGIN "
    "DELETE FROM import_entries WHERE file_hash = old.file_hash; "
    "DELETE FROM import_checkpoints WHERE file_hash = old.file_hash; END"
)
event.listen(Base.metadata, "after_create", DDL(FORGET_IMPORT_TRIGGER))  # type: ignore[no-untyped-call]

entries_table = cast(Table, EntryRow.__table__)
keys_table = cast(Table, EntryKeyRow.__table__)
origins_table = cast(Table, OriginRow.__table__)
supersessions_table = cast(Table, SupersessionRow.__table__)
slots_table = cast(Table, SlotRow.__table__)
settings_table = cast(Table, SettingRow.__table__)
checkpoints_table = cast(Table, CheckpointRow.__table__)
held_table = cast(Table, HeldEntryRow.__table__)
imports_table = cast(Table, ImportRow.__table__)
import_entries_table = cast(Table, ImportEntryRow.__table__)
import_checkpoints_table = cast(Table, ImportCheckpointRow.__table__)
