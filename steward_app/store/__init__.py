"""The local database: SQLAlchemy tables, queries returning plain data, migrations."""
