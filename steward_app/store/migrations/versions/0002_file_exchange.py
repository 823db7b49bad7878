"""file exchange: origins' public keys, checkpoints, held entries, the import log

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("origins", schema=None) as batch_op:
        batch_op.add_column(sa.Column("public_key", sa.String(length=64), nullable=True))

    op.create_table(
        "checkpoints",
        sa.Column("vote", sa.String(length=64), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("head", sa.LargeBinary(length=32), nullable=False),
        sa.Column("sig", sa.LargeBinary(length=64), nullable=False),
        sa.PrimaryKeyConstraint("vote", "origin", name=op.f("pk_checkpoints")),
    )
    op.create_table(
        "held_entries",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("vote", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("type", sa.String(length=32), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.Column("held_at", sa.String(length=40), nullable=False),
        sa.Column("source", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_held_entries")),
        sa.UniqueConstraint("hash", name=op.f("uq_held_entries_hash")),
    )
    with op.batch_alter_table("held_entries", schema=None) as batch_op:
        batch_op.create_index("ix_held_entries_origin_seq", ["origin", "seq"], unique=False)

    op.create_table(
        "imports",
        sa.Column("file_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("vote", sa.String(length=64), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("imported_at", sa.String(length=40), nullable=False),
        sa.Column("exporter", sa.String(length=32), nullable=False),
        sa.Column("new", sa.Integer(), nullable=False),
        sa.Column("known", sa.Integer(), nullable=False),
        sa.Column("held", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("file_hash", name=op.f("pk_imports")),
    )
    op.execute(CLEAR_EXCHANGE_TRIGGER)


# as in steward_app/store/schema.py (a migration keeps its own copy: the schema moves on)
CLEAR_EXCHANGE_TRIGGER = (
    "CREATE TRIGGER clear_exchange_with_vote AFTER DELETE ON settings "
    "WHEN old.name = 'vote_key' BEGIN "
    "DELETE FROM checkpoints; DELETE FROM held_entries; DELETE FROM imports; END"
)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS clear_exchange_with_vote")
    op.drop_table("imports")
    with op.batch_alter_table("held_entries", schema=None) as batch_op:
        batch_op.drop_index("ix_held_entries_origin_seq")
    op.drop_table("held_entries")
    op.drop_table("checkpoints")
    with op.batch_alter_table("origins", schema=None) as batch_op:
        batch_op.drop_column("public_key")
