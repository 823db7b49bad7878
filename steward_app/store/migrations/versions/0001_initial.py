"""the initial schema: entries, keys, origins, slots, settings

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "entry_keys",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("question", sa.String(length=64), nullable=False),
        sa.Column("unit", sa.String(length=64), nullable=False),
        sa.Column("part", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entry_keys")),
        sa.UniqueConstraint("kind", "question", "unit", "part", name=op.f("uq_entry_keys_kind")),
    )
    op.create_table(
        "origins",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("steward", sa.Text(), nullable=False),
        sa.Column("pc", sa.Text(), nullable=False),
        sa.Column("local", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_origins")),
        sa.UniqueConstraint("origin", name=op.f("uq_origins_origin")),
    )
    op.create_table(
        "settings",
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_settings")),
    )
    op.create_table(
        "entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("origin_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("key_id", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.String(length=40), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("yes", sa.Integer(), nullable=True),
        sa.Column("no", sa.Integer(), nullable=True),
        sa.Column("void", sa.Integer(), nullable=True),
        sa.Column("challenged", sa.Integer(), nullable=True),
        sa.Column("eligible", sa.Integer(), nullable=True),
        sa.Column("final", sa.Boolean(), nullable=True),
        sa.ForeignKeyConstraint(
            ["key_id"], ["entry_keys.id"], name=op.f("fk_entries_key_id_entry_keys")
        ),
        sa.ForeignKeyConstraint(
            ["origin_id"], ["origins.id"], name=op.f("fk_entries_origin_id_origins")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_entries")),
        sa.UniqueConstraint("hash", name=op.f("uq_entries_hash")),
    )
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.create_index("ix_entries_key", ["key_id"], unique=False)
        batch_op.create_index("ix_entries_origin_seq", ["origin_id", "seq"], unique=False)

    op.create_table(
        "slots",
        sa.Column("key_id", sa.Integer(), nullable=False),
        sa.Column("question", sa.String(length=64), nullable=False),
        sa.Column("unit", sa.String(length=64), nullable=False),
        sa.Column("part", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("heads", sa.Integer(), nullable=False),
        sa.Column("yes", sa.Integer(), nullable=False),
        sa.Column("no", sa.Integer(), nullable=False),
        sa.Column("void", sa.Integer(), nullable=False),
        sa.Column("challenged", sa.Integer(), nullable=False),
        sa.Column("eligible", sa.Integer(), nullable=True),
        sa.Column("final", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["key_id"], ["entry_keys.id"], name=op.f("fk_slots_key_id_entry_keys")
        ),
        sa.PrimaryKeyConstraint("key_id", name=op.f("pk_slots")),
    )
    with op.batch_alter_table("slots", schema=None) as batch_op:
        batch_op.create_index("ix_slots_numbers", ["question", "yes", "no", "void"], unique=False)
        batch_op.create_index("ix_slots_question_unit", ["question", "unit"], unique=False)

    op.create_table(
        "supersessions",
        sa.Column("target", sa.LargeBinary(length=32), nullable=False),
        sa.Column("by_entry", sa.Integer(), nullable=False),
        sa.Column("key_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["by_entry"], ["entries.id"], name=op.f("fk_supersessions_by_entry_entries")
        ),
        sa.ForeignKeyConstraint(
            ["key_id"], ["entry_keys.id"], name=op.f("fk_supersessions_key_id_entry_keys")
        ),
        sa.PrimaryKeyConstraint("target", "by_entry", name=op.f("pk_supersessions")),
    )


def downgrade() -> None:
    op.drop_table("supersessions")
    with op.batch_alter_table("slots", schema=None) as batch_op:
        batch_op.drop_index("ix_slots_question_unit")
        batch_op.drop_index("ix_slots_numbers")

    op.drop_table("slots")
    with op.batch_alter_table("entries", schema=None) as batch_op:
        batch_op.drop_index("ix_entries_origin_seq")
        batch_op.drop_index("ix_entries_key")

    op.drop_table("entries")
    op.drop_table("settings")
    op.drop_table("origins")
    op.drop_table("entry_keys")
