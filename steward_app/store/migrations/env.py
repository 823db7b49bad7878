"""Alembic environment: runs on the connection steward_app hands it (never a URL of its own)."""

from alembic import context

from steward_app.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
