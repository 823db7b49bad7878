"""import records: which import brought each entry, and the checkpoints it replaced

Revision ID: 0003
Revises: 0002

Imports made before this revision have no record and cannot be undone.
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "import_entries",
        sa.Column("file_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("hashes", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("file_hash", name=op.f("pk_import_entries")),
    )
    op.create_table(
        "import_checkpoints",
        sa.Column("file_hash", sa.LargeBinary(length=32), nullable=False),
        sa.Column("origin", sa.String(length=32), nullable=False),
        sa.Column("public_key", sa.String(length=64), nullable=True),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("head", sa.LargeBinary(length=32), nullable=True),
        sa.Column("sig", sa.LargeBinary(length=64), nullable=True),
        sa.PrimaryKeyConstraint("file_hash", "origin", name=op.f("pk_import_checkpoints")),
    )
    op.execute(FORGET_IMPORT_TRIGGER)


# as in steward_app/store/schema.py (a migration keeps its own copy: the schema moves on)
FORGET_IMPORT_TRIGGER = (
    "CREATE TRIGGER forget_import_records AFTER DELETE ON imports BEGIN "
    "DELETE FROM import_entries WHERE file_hash = old.file_hash; "
    "DELETE FROM import_checkpoints WHERE file_hash = old.file_hash; END"
)


def downgrade() -> None:
    op.execute("DROP TRIGGER IF EXISTS forget_import_records")
    op.drop_table("import_checkpoints")
    op.drop_table("import_entries")
