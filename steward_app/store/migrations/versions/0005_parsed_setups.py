"""parsed setups: each setup's TOML kept as parsed data, so it is not parsed again

Revision ID: 0005
Revises: 0004

Derived data only: the table starts empty and fills as setups are read (store.setup_cache).
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "parsed_setups",
        sa.Column("text_hash", sa.String(length=64), nullable=False),
        sa.Column("form", sa.Integer(), nullable=False),
        sa.Column("data", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("text_hash", name=op.f("pk_parsed_setups")),
    )


def downgrade() -> None:
    op.drop_table("parsed_setups")
