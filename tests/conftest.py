"""Shared fixtures: a database on every backend, and a small seeded corpus.

The database fixtures run each test on SQLite and on PostgreSQL. PostgreSQL is
found at WORKBENCH_TEST_PG (default postgresql+psycopg://postgres@127.0.0.1:5432/postgres);
a run creates its own database there and drops it at the end. Without a server
those tests skip and say why, unless WORKBENCH_REQUIRE_POSTGRES=1 (set by .ci/run),
which turns the skip into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
PG_ADMIN_URL = os.environ.get("WORKBENCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
REQUIRE_PG = os.environ.get("WORKBENCH_REQUIRE_POSTGRES") == "1"


def _skip_or_fail(reason: str) -> None:
    if REQUIRE_PG:
        pytest.fail(f"PostgreSQL is required here (WORKBENCH_REQUIRE_POSTGRES=1) but {reason}")
    pytest.skip(f"PostgreSQL tests skipped: {reason} (set WORKBENCH_TEST_PG to a server URL)")


@pytest.fixture(scope="session")
def pg_database() -> Iterator[str]:
    """A fresh PostgreSQL database for this test run; dropped at the end."""
    try:
        import psycopg  # noqa: F401
        from sqlalchemy import create_engine, text
    except ImportError:
        _skip_or_fail("the psycopg driver is not installed")
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    name = f"wb_test_{os.getpid()}_{uuid.uuid4().hex[:6]}"
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # server down, no rights...
        admin.dispose()
        _skip_or_fail(f"no server at {PG_ADMIN_URL.rsplit('@', 1)[-1]} ({type(exc).__name__})")
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    yield url
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    admin.dispose()


def _reset_pg(url: str) -> None:
    from sqlalchemy import create_engine, text

    eng = create_engine(url)
    with eng.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    eng.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty database URL, once per backend."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'claims.db'}"
    url = request.getfixturevalue("pg_database")
    _reset_pg(url)
    return url


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'claims.db'}"


@pytest.fixture
def store(db_url: str):  # type: ignore[no-untyped-def]
    from workbench.store import open_store

    s = open_store(db_url)
    yield s
    s.engine.dispose()


@pytest.fixture
def seeded(store):  # type: ignore[no-untyped-def]
    """The store with the hand-made corpus of workbench.store.seed (no extractor needed)."""
    from workbench.store.seed import seed_small_corpus

    seed_small_corpus(store)
    return store
