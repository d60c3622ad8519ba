"""free-text search index on claims

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 04:10:00.000000

SQLite: an FTS5 table with the trigram tokenizer over lower() of claims.text, sentence,
metric and attribution, kept in step by triggers (see workbench/store/search.py for why it
holds lower() and folds no case itself). PostgreSQL: pg_trgm GIN indexes on the same
columns. Existing claims are indexed here. Where the database cannot have the index (no
FTS5 or no trigram tokenizer in this SQLite, no right to create pg_trgm), the migration
logs a warning and does nothing: search then scans the table, as before.
"""

from __future__ import annotations

import logging

from alembic import op


revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

log = logging.getLogger("workbench.store.migrations")

COLUMNS = ("text", "sentence", "metric", "attribution")
_COLS = ", ".join(COLUMNS)


def _lowered(prefix: str) -> str:
    return ", ".join(f"lower({prefix}.{c})" for c in COLUMNS)


SQLITE_UP = [
    # contentless: the index keeps no copy of the text; columnsize=0: no ranking, no sizes to keep
    "CREATE VIRTUAL TABLE claims_fts USING fts5("
    f"{_COLS}, content='', columnsize=0, tokenize='trigram case_sensitive 1')",
    "CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN "
    f"INSERT INTO claims_fts(rowid, {_COLS}) VALUES (new.id, {_lowered('new')}); END",
    # A contentless table forgets a row by being told the values it indexed.
    "CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN "
    f"INSERT INTO claims_fts(claims_fts, rowid, {_COLS}) VALUES ('delete', old.id, {_lowered('old')}); END",
    f"CREATE TRIGGER claims_fts_update AFTER UPDATE OF {_COLS} ON claims BEGIN "
    f"INSERT INTO claims_fts(claims_fts, rowid, {_COLS}) VALUES ('delete', old.id, {_lowered('old')}); "
    f"INSERT INTO claims_fts(rowid, {_COLS}) VALUES (new.id, {_lowered('new')}); END",
    f"INSERT INTO claims_fts(rowid, {_COLS}) SELECT id, {_lowered('claims')} FROM claims",
]
SQLITE_DOWN = [
    "DROP TRIGGER IF EXISTS claims_fts_update",
    "DROP TRIGGER IF EXISTS claims_fts_delete",
    "DROP TRIGGER IF EXISTS claims_fts_insert",
    "DROP TABLE IF EXISTS claims_fts",
]
# New entries wait in a pending list that every search reads through until it is merged:
# 1 MB (not the default 4 MB) bounds that cost, and costs an ingest nothing measurable.
PG_UP = ["CREATE EXTENSION IF NOT EXISTS pg_trgm"] + [
    f"CREATE INDEX ix_claims_{c}_trgm ON claims USING gin ({c} gin_trgm_ops) WITH (gin_pending_list_limit = 1024)"
    for c in COLUMNS
]


def _try(statements: list[str], what: str) -> bool:
    """Run the statements in a savepoint; on failure undo them, log why, and go on."""
    bind = op.get_bind()
    try:
        with bind.begin_nested():
            for sql in statements:
                bind.exec_driver_sql(sql)
    except Exception as exc:  # noqa: BLE001 - any refusal means: no index, search scans
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        log.warning("no free-text search index: %s failed (%s); search scans the claims table", what, first_line)
        return False
    return True


def upgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        probe = "CREATE VIRTUAL TABLE temp.claims_fts_probe USING fts5(x, tokenize='trigram case_sensitive 1')"
        if _try([probe, "DROP TABLE temp.claims_fts_probe"], "FTS5 with the trigram tokenizer (SQLite 3.34+)"):
            _try(SQLITE_UP, "creating the FTS5 table")
    elif dialect == "postgresql":
        _try(PG_UP, "CREATE EXTENSION pg_trgm and its GIN indexes")


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for sql in SQLITE_DOWN:
            op.execute(sql)
    elif dialect == "postgresql":
        for c in COLUMNS:
            op.execute(f"DROP INDEX IF EXISTS ix_claims_{c}_trgm")
