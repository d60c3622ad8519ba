"""Free-text search over claims: through an index where the database has one, by a scan where not.

The meaning never changes: a claim matches when the term (stripped) is a case-insensitive
substring of its ``text``, ``sentence``, ``metric`` or ``attribution``, with ``%``, ``_`` and
``\\`` taken literally. That is ``ILIKE '%term%'`` on each column, which SQLite evaluates as
``lower(column) LIKE lower(pattern)``: ASCII case folding only (SQLite's ``lower()``).

How each backend finds the rows (migration 0004 builds the indexes):

* SQLite: an FTS5 table ``claims_fts`` with the ``trigram`` tokenizer, case-sensitive, that
  holds ``lower()`` of the four columns, kept in step by triggers on ``claims``. A phrase query
  for ``lower(term)`` matches exactly the rows whose lowered column contains the lowered term,
  which is the ILIKE meaning above, so no second check is needed. (The tokenizer's own case
  folding is Unicode-wide and would also match "É" for "é", or "K" for the Kelvin sign: that is
  why it folds nothing and the index holds SQLite's own ``lower()``.) Terms shorter than three
  characters have no trigram and are scanned, as is everything when FTS5 or its trigram
  tokenizer is missing from the SQLite library (3.34 or newer has it).
* PostgreSQL: ``pg_trgm`` GIN indexes on the four columns, which the planner uses for the
  ILIKE query as it stands. Without the extension the same query scans the table.

Which SQLite statement is used is decided when the statement is compiled, from a flag that
:func:`detect` puts on the engine's dialect (``open_store`` calls it after the migrations):
callers build their filters with :func:`text_condition` and never see the difference.
"""

from __future__ import annotations

import logging
from typing import Any

from sqlalchemy import Boolean, Engine, String, bindparam, or_, text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.orm import Session
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.sql.visitors import InternalTraversal

from workbench.store.engine import read_only
from workbench.store.models import Claim

__all__ = [
    "DIALECT_FLAG",
    "FTS_TABLE",
    "MIN_INDEXED_LENGTH",
    "SEARCHED_COLUMNS",
    "TRIGRAM_INDEXES",
    "detect",
    "include_name",
    "is_indexed_term",
    "merge_pending_entries",
    "order_by_index",
    "text_condition",
]

log = logging.getLogger(__name__)

FTS_TABLE = "claims_fts"
SEARCHED_COLUMNS = ("text", "sentence", "metric", "attribution")
TRIGRAM_INDEXES = frozenset(f"ix_claims_{c}_trgm" for c in SEARCHED_COLUMNS)
MIN_INDEXED_LENGTH = 3  # a trigram index cannot answer for shorter terms
DIALECT_FLAG = "workbench_claims_fts"  # on engine.dialect: True when the SQLite index is there


def escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


class _TextMatch(ColumnElement[bool]):
    """``term`` is a case-insensitive substring of one of the searched columns."""

    __visit_name__ = "workbench_text_match"
    inherit_cache = True
    type = Boolean()
    _is_implicitly_boolean = True  # a predicate: SQLite must not get "... = 1" appended
    # The statement cache keys on whether the index can answer (a structural choice) and on
    # the two parameters; their values are bound, so one cached statement serves every term.
    _traverse_internals = [
        ("indexable", InternalTraversal.dp_boolean),
        ("term", InternalTraversal.dp_clauseelement),
        ("pattern", InternalTraversal.dp_clauseelement),
    ]

    def __init__(self, term: str) -> None:
        self.indexable = len(term) >= MIN_INDEXED_LENGTH
        self.term = bindparam("search_term", term, type_=String(), unique=True)
        self.pattern = bindparam("search_pattern", f"%{escape_like(term)}%", type_=String(), unique=True)


def is_indexed_term(term: str | None) -> bool:
    """Would a search for ``term`` go through the index (where there is one)?"""
    return term is not None and len(term.strip()) >= MIN_INDEXED_LENGTH


def text_condition(term: str) -> ColumnElement[bool]:
    """The WHERE condition for a free-text search (``term`` is stripped first)."""
    return _TextMatch(term.strip())


def _columns() -> list[Any]:
    return [getattr(Claim, c) for c in SEARCHED_COLUMNS]


@compiles(_TextMatch)
def _compile_default(element: _TextMatch, compiler: Any, **kw: Any) -> str:
    # PostgreSQL: the pg_trgm GIN indexes answer this directly when they exist.
    return compiler.process(
        or_(*(c.ilike(element.pattern, escape="\\") for c in _columns())).self_group(), **kw
    )


@compiles(_TextMatch, "sqlite")
def _compile_sqlite(element: _TextMatch, compiler: Any, **kw: Any) -> str:
    if element.indexable and getattr(compiler.dialect, DIALECT_FLAG, False):
        # The FTS phrase is built in SQL with the same lower() the triggers index with.
        term = compiler.process(element.term, **kw)
        claim_id = compiler.process(Claim.id, **kw)
        return (
            f"({claim_id} IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH "
            f"'\"' || replace(lower({term}), '\"', '\"\"') || '\"'))"
        )
    # The scan. SQLite's LIKE already ignores ASCII case, the only case lower() folds, so
    # this means the same as ILIKE's lower(column) LIKE lower(pattern), at half the cost.
    return compiler.process(
        or_(*(c.like(element.pattern, escape="\\") for c in _columns())).self_group(), **kw
    )


def order_by_index(session: Session, term: str) -> bool:
    """May the planner walk the sort column's index for a page of claims matching ``term``?

    Not on PostgreSQL when the trigram indexes can answer: walking, say, the score index and
    testing each claim against the term reads the whole table when the matches happen to
    sort low (a named source lowers a claim's score, so "McKinsey" took 0.4 s), while the
    trigram indexes find them all and sorting them is cheap. The planner cannot see that
    correlation, so the caller sorts by ``column + 0`` instead. SQLite picks well on its
    own, and a term too short for trigrams is scanned anyway, where walking in order stops
    as soon as the page is full.
    """
    return session.get_bind().dialect.name != "postgresql" or not is_indexed_term(term)


def merge_pending_entries(session: Session) -> None:
    """PostgreSQL, after a bulk load: move the trigram indexes' pending entries into the index.

    A GIN index takes new entries into a pending list that every search reads through until
    VACUUM merges it (or the list reaches gin_pending_list_limit, 1 MB here: see 0004).
    Straight after an ingest that made "ridership" take 0.6 s instead of 0.09 s. Merging
    takes about 0.1 s; if this account may not do it, autovacuum will.
    """
    if session.get_bind().dialect.name != "postgresql":
        return
    names = session.scalars(
        text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() AND tablename = 'claims'")
    ).all()
    for name in sorted(TRIGRAM_INDEXES.intersection(names)):
        try:
            with session.begin_nested():
                session.execute(
                    text("SELECT gin_clean_pending_list(CAST(:name AS regclass))"), {"name": name}
                )
        except DBAPIError as exc:
            log.info("could not merge the pending entries of %s (%s)", name, exc.orig)


def detect(engine: Engine) -> bool:
    """Note on the engine whether the database has the SQLite search index; True if it has.

    PostgreSQL needs no note (the planner finds its indexes), so this is False there.
    """
    found = False
    if engine.dialect.name == "sqlite":
        with read_only(engine).connect() as conn:
            exists = conn.exec_driver_sql(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (FTS_TABLE,)
            ).first()
            if exists:
                try:
                    conn.exec_driver_sql(f"SELECT rowid FROM {FTS_TABLE} LIMIT 0").all()
                    found = True
                except Exception as exc:  # the table exists, but this SQLite has no FTS5
                    log.warning(
                        "this SQLite library cannot read the search index %s (%s): free-text search "
                        "scans the claims table, and writes to claims will fail",
                        FTS_TABLE,
                        exc,
                    )
            conn.rollback()
    if getattr(engine.dialect, DIALECT_FLAG, None) != found:
        setattr(engine.dialect, DIALECT_FLAG, found)
        engine.clear_compiled_cache()  # statements compiled for the other choice
    return found


def include_name(name: str | None, type_: str, parent_names: dict[str, Any]) -> bool:
    """Alembic autogenerate filter: the search index is built by hand in migration 0004.

    The FTS5 table and its shadow tables (SQLite) and the trigram indexes (PostgreSQL)
    have no model, so the comparison of models and migrations leaves them out.
    """
    if type_ == "table" and name and (name == FTS_TABLE or name.startswith(FTS_TABLE + "_")):
        return False
    if type_ == "index" and name in TRIGRAM_INDEXES:
        return False
    return True
