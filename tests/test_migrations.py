"""The migrations build exactly the schema the models describe (the equivalent of `alembic check`)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import inspect

from workbench.store.engine import make_engine
from workbench.store.models import Base
from workbench.store.schema import current_revision, head_revision, upgrade
from workbench.store.search import include_name


def test_upgrade_empty_database_to_head_matches_models(db_url):
    engine = make_engine(db_url)
    assert current_revision(engine) is None
    assert upgrade(engine) is True
    assert current_revision(engine) == head_revision()
    assert upgrade(engine) is False  # idempotent
    with engine.connect() as conn:
        opts = {"compare_type": True, "render_as_batch": True, "include_name": include_name}
        ctx = MigrationContext.configure(conn, opts=opts)
        assert compare_metadata(ctx, Base.metadata) == []
    assert set(Base.metadata.tables) <= set(inspect(engine).get_table_names())
    engine.dispose()


def test_sqlite_pragmas_are_set_on_every_connection(sqlite_url):
    engine = make_engine(sqlite_url)
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 30000
    engine.dispose()
