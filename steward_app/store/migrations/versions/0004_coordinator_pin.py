"""coordinator pin: keep the coordinator of a vote whose first setup names none

Revision ID: 0004
Revises: 0003

Before this version, a vote whose first setup named no `[coordinator]` had as its coordinator
the signer of the copy of that setup with the smallest entry id, so anyone holding the setup's
text could sign a copy and, with luck in the ids, take the vote over. From this version the
coordinator of such a vote is the key pinned here, the one the older rule chose on this PC at
the upgrade (docs/sync-format.md, "Threat model"). Votes whose setup names its coordinator
need no pin. It also marks the entries as judged by the older rules: the next import judges
them all again (an out-of-bounds count, a coalition outcome declared by another key than the
coordinator's are then held), as every PC receiving them does. No table changes.
"""

from alembic import op

from steward_app.domain.authority import legacy_coordinator
from steward_app.domain.entries import parse_entry

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

PIN = "coordinator_pin"  # as steward_app.store.vote_store.COORDINATOR_PIN
REJUDGE = "rejudge_entries"  # as steward_app.store.vote_store.REJUDGE


def upgrade() -> None:
    conn = op.get_bind()
    row = conn.exec_driver_sql("SELECT value FROM settings WHERE name = 'vote_key'").first()
    if row is None:
        return
    setups = []
    for (raw,) in conn.exec_driver_sql("SELECT raw FROM entries WHERE type = 'setup'"):
        try:
            setups.append(parse_entry(bytes(raw)))
        except ValueError:
            continue
    conn.exec_driver_sql(  # the next import judges every entry by this version's rules
        "INSERT INTO settings(name, value) VALUES (?, '1') "
        "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
        (REJUDGE,),
    )
    pinned = legacy_coordinator(str(row[0]), setups)
    if pinned is not None:
        conn.exec_driver_sql(
            "INSERT INTO settings(name, value) VALUES (?, ?) "
            "ON CONFLICT(name) DO UPDATE SET value = excluded.value",
            (PIN, pinned),
        )


def downgrade() -> None:
    op.get_bind().exec_driver_sql(f"DELETE FROM settings WHERE name IN ('{PIN}', '{REJUDGE}')")
