"""Engine and session factory, with the SQLite settings that keep verdicts safe.

SQLite: WAL, a 30 s busy timeout, ``foreign_keys=ON`` on every connection, and
``BEGIN IMMEDIATE`` for write transactions. A deferred transaction that reads
then writes fails at once under WAL when another writer got in first ("database
is locked"), and with WAL alone a read-modify-write can be lost; taking the
write lock up front makes writers queue instead (measured in shared/RECIPES.md).
Read-only work (rendering a page, exporting) uses :func:`make_sessionmaker`
with ``readonly=True``: a plain deferred ``BEGIN`` that never blocks writers.

Writers in the same process (Streamlit serves every browser tab from one process)
also queue on a lock before ``BEGIN IMMEDIATE``. Without it they wait inside
SQLite's busy handler, which sleeps in steps of up to 100 ms, and the slowest
saves take half a second under load; with it, the next writer starts as soon as
the previous one ends. Other processes still queue through the busy timeout.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

__all__ = ["make_engine", "make_sessionmaker", "read_only", "describe_url", "short_url"]

_READONLY = "workbench_readonly"
_HOLDS_LOCK = "workbench_write_lock"


def make_engine(url: str, **kwargs: Any) -> Engine:
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        if u.database and u.database != ":memory:":
            Path(u.database).expanduser().parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(u, connect_args={"timeout": 30, "check_same_thread": False}, **kwargs)
        _sqlite_pragmas(engine)
        return engine
    kwargs.setdefault("pool_pre_ping", True)
    return create_engine(u, **kwargs)


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy, not sqlite3, runs the transactions
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()

    write_lock = threading.RLock()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        if conn.get_execution_options().get(_READONLY):
            conn.exec_driver_sql("BEGIN")
            return
        write_lock.acquire()
        conn.info[_HOLDS_LOCK] = True
        try:
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        except BaseException:
            _release(conn)
            raise

    def _release(conn: Any) -> None:
        if conn.info.pop(_HOLDS_LOCK, False):
            write_lock.release()

    # Released when the transaction ends either way (the commit itself follows at once).
    event.listen(engine, "commit", _release)
    event.listen(engine, "rollback", _release)


def read_only(engine: Engine) -> Engine:
    """The engine for read-only work: a plain deferred ``BEGIN`` on SQLite, never the write lock."""
    return engine.execution_options(**{_READONLY: True})


def make_sessionmaker(engine: Engine, *, readonly: bool = False) -> sessionmaker[Session]:
    """A factory for ``with sessions.begin() as session:`` blocks, one per user action."""
    bind = read_only(engine) if readonly else engine
    return sessionmaker(bind=bind, expire_on_commit=False)


def describe_url(url: str) -> str:
    """The URL with any password hidden, for messages."""
    return make_url(url).render_as_string(hide_password=True)


def short_url(url: str) -> str:
    """A short name for the database, for the sidebar: never a password.

    >>> short_url("sqlite:////tmp/pytest-of-root/p0/claims.db")
    'claims.db'
    >>> short_url("postgresql+psycopg://ed:secret@db.example:5432/newsroom")
    'db.example/newsroom'
    >>> short_url("sqlite://")
    'in-memory database'
    """
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        return Path(u.database).name if u.database and u.database != ":memory:" else "in-memory database"
    return f"{u.host or 'localhost'}/{u.database or ''}".rstrip("/")
