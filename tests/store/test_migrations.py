"""Every released schema's database opens in this version with its data intact."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from steward_app.domain.counts import ReportStatus
from steward_app.services.standings_cache import load_standings
from steward_app.store.database import HEAD_REVISION, KNOWN_REVISIONS, current_revision
from steward_app.store.errors import StoreError
from steward_app.store.vote_store import VoteStore

FIXTURES = Path(__file__).parent.parent / "fixtures"


def test_there_is_a_fixture_for_every_released_schema() -> None:
    assert {p.stem for p in FIXTURES.glob("schema-*.sqlite")} == {
        f"schema-{r}" for r in KNOWN_REVISIONS
    }


@pytest.mark.parametrize("revision", KNOWN_REVISIONS)
def test_each_released_schema_opens_with_its_data(revision: str, tmp_path: Path) -> None:
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / f"schema-{revision}.sqlite", path)
    store = VoteStore(path)
    assert current_revision(store.engine) == HEAD_REVISION
    standings, declared = load_standings(store)
    q = standings.questions["concessions"]
    assert q.unions["afscme"].numbers.margin == -800  # the conflicted unit has no total
    assert q.units["afscme-np4-391"].status is ReportStatus.CONFLICT
    assert [d.outcome for d in declared] == ["pending"]
    store.close()
    backups = list((tmp_path / "backups").glob("*.sqlite")) if revision != HEAD_REVISION else []
    assert len(backups) == (0 if revision == HEAD_REVISION else 1)


def test_a_database_from_a_newer_version_is_refused_unchanged(tmp_path: Path) -> None:
    path = tmp_path / "newer.sqlite"
    shutil.copy(FIXTURES / f"schema-{HEAD_REVISION}.sqlite", path)
    raw = sqlite3.connect(path)
    raw.execute("UPDATE alembic_version SET version_num = '9999'")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    with pytest.raises(StoreError) as refused:
        VoteStore(path)
    assert "newer version" in str(refused.value)
    assert path.read_bytes() == before


def test_a_new_database_is_created_at_the_current_schema(tmp_path: Path) -> None:
    store = VoteStore(tmp_path / "sub" / "new.sqlite")
    assert current_revision(store.engine) == HEAD_REVISION
    assert store.vote() is None
    store.close()


def _schema(path: Path) -> dict[str, object]:
    """Tables with their columns, indexes (unique ones included) and foreign keys."""
    raw = sqlite3.connect(path)
    tables = [r[0] for r in raw.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    out: dict[str, object] = {}
    for t in tables:
        indexes = sorted(
            (bool(unique), tuple(c[2] for c in raw.execute(f"PRAGMA index_info('{name}')")))
            for _, name, unique, *_ in raw.execute(f"PRAGMA index_list('{t}')")
        )
        out[t] = (
            [tuple(c[1:]) for c in raw.execute(f"PRAGMA table_info('{t}')")],
            indexes,
            sorted(tuple(fk[2:5]) for fk in raw.execute(f"PRAGMA foreign_key_list('{t}')")),
        )
    raw.close()
    return out


def test_a_fresh_database_has_the_schema_the_migrations_build(tmp_path: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from steward_app.store.database import MIGRATIONS

    fresh = tmp_path / "fresh.sqlite"
    VoteStore(fresh).close()  # created from the tables, no Alembic
    migrated = tmp_path / "migrated.sqlite"
    engine = create_engine(f"sqlite:///{migrated}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
    engine.dispose()
    assert _schema(fresh) == _schema(migrated)


def test_the_revisions_the_app_lists_are_alembics_script_directory() -> None:
    """KNOWN_REVISIONS and HEAD_REVISION are kept by hand (start-up avoids loading Alembic):
    they must name exactly the migration scripts, in order, ending at Alembic's head."""
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from steward_app.store.database import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    assert scripts.get_heads() == [HEAD_REVISION]
    chain = [s.revision for s in scripts.walk_revisions("base", "heads")]
    assert tuple(reversed(chain)) == KNOWN_REVISIONS


@pytest.mark.parametrize("revision", ["0002", "0003"])
def test_an_upgraded_vote_keeps_the_coordinator_the_older_rule_chose(
    revision: str, tmp_path: Path
) -> None:
    """Votes made before 0004 have a first setup naming no coordinator: the upgrade pins the
    signer the older rule chose, and only that key's copy of the setup is the vote."""
    path = tmp_path / "old.sqlite"
    shutil.copy(FIXTURES / f"schema-{revision}.sqlite", path)
    raw = sqlite3.connect(path)
    (root_origin,) = raw.execute(
        "SELECT o.origin FROM entries e JOIN origins o ON o.id = e.origin_id "
        "WHERE e.type = 'setup' ORDER BY e.id LIMIT 1"
    ).fetchone()
    raw.close()
    store = VoteStore(path)
    with store.reading() as conn:
        assert store.pinned(conn) == root_origin
        authority = store.authority(conn)
    assert authority is not None and authority.coordinator == root_origin
    store.close()
