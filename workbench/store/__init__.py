"""The claims database: models, engine, migrations and the service functions."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from workbench.store.engine import describe_url, make_engine, make_sessionmaker, short_url
from workbench.store.schema import upgrade
from workbench.store.search import detect as detect_search_index

__all__ = ["Store", "open_store"]


@dataclass(frozen=True)
class Store:
    url: str
    engine: Engine
    sessions: sessionmaker[Session]  # one ``with sessions.begin()`` per user action
    reader: sessionmaker[Session]  # read-only pages and exports: never blocks writers

    def describe(self) -> str:
        return describe_url(self.url)

    def short_name(self) -> str:
        """The file name (SQLite) or host/database (server): for the sidebar."""
        return short_url(self.url)


def open_store(url: str, *, migrate: bool = True) -> Store:
    """Connect, and create or upgrade the schema so nobody runs Alembic by hand."""
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    detect_search_index(engine)
    return Store(url, engine, make_sessionmaker(engine), make_sessionmaker(engine, readonly=True))
