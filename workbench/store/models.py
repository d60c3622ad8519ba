"""Typed SQLAlchemy 2 models: the tables of DESIGN.md ("Data model").

Conventions: plural table names as in DESIGN.md, a naming convention on the
MetaData so Alembic migrations name constraints the same on SQLite and
PostgreSQL, ``native_enum=False``-style plain strings for labels (checked in the
service layer), and timestamps stored as UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Double,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

__all__ = [
    "AuditEvent",
    "Base",
    "Claim",
    "ClaimLock",
    "Cluster",
    "Document",
    "LoginToken",
    "Note",
    "Review",
    "ReviewSession",
    "SessionItem",
    "Source",
    "User",
    "utcnow",
]

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Store naive UTC, return aware UTC: the same on SQLite and PostgreSQL."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


intpk = Annotated[int, mapped_column(Integer, primary_key=True)]
timestamp = Annotated[datetime, mapped_column(UTCDateTime(), default=utcnow)]
name = Annotated[str, mapped_column(String(120))]


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)
    type_annotation_map = {datetime: UTCDateTime(), dict[str, Any]: JSON(), list[str]: JSON()}


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[intpk]
    content_hash: Mapped[str] = mapped_column(String(64), unique=True)
    title: Mapped[str | None] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40))
    url: Mapped[str | None] = mapped_column(Text)
    path: Mapped[str | None] = mapped_column(Text)
    format: Mapped[str] = mapped_column(String(10))
    encoding: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    claim_count: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[timestamp]
    created_by: Mapped[name]

    claims: Mapped[list[Claim]] = relationship(
        back_populates="document", cascade="all, delete-orphan", passive_deletes=True
    )


class Cluster(Base):
    __tablename__ = "clusters"

    id: Mapped[intpk]
    unit: Mapped[str] = mapped_column(String(30))
    value: Mapped[float | None] = mapped_column(Double)
    label: Mapped[str | None] = mapped_column(Text)
    size: Mapped[int] = mapped_column(default=0)
    drift: Mapped[bool] = mapped_column(Boolean, default=False)
    drift_note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[timestamp]


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        UniqueConstraint("document_id", "start", "end", name="uq_claims_span"),
        Index("ix_claims_status_score", "status", "checkworthiness"),
        # The queue's usual filter (status + unit + score) answered from the index alone:
        # without it, counting 200,000 claims looked up every row (370 ms -> 3 ms).
        Index("ix_claims_queue", "status", "unit", "checkworthiness"),
    )

    id: Mapped[intpk]
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    start: Mapped[int]
    end: Mapped[int]
    text: Mapped[str] = mapped_column(Text)
    value: Mapped[float | None] = mapped_column(Double)
    value_high: Mapped[float | None] = mapped_column(Double)
    value_from: Mapped[float | None] = mapped_column(Double)
    unit: Mapped[str] = mapped_column(String(30), index=True)
    currency: Mapped[str | None] = mapped_column(String(3))
    noun: Mapped[str | None] = mapped_column(Text)
    direction: Mapped[str | None] = mapped_column(String(10))
    hedge: Mapped[str | None] = mapped_column(Text)
    metric: Mapped[str | None] = mapped_column(Text)
    attribution: Mapped[str | None] = mapped_column(Text)
    sentence: Mapped[str] = mapped_column(Text, default="")
    checkworthiness: Mapped[float] = mapped_column(Double, default=0.0, index=True)
    flags: Mapped[list[str]] = mapped_column(JSON, default=list)
    # Arithmetic checks inside the document: [{"kind", "message", "expected", "stated"}]
    checks: Mapped[list[dict[str, Any]] | None] = mapped_column(JSON)
    origin: Mapped[str] = mapped_column(String(10), default="extractor")  # extractor | manual

    status: Mapped[str] = mapped_column(String(20), default="new", index=True)
    verdict: Mapped[str | None] = mapped_column(String(30), index=True)
    verdict_by: Mapped[str | None] = mapped_column(String(120))
    verdict_at: Mapped[datetime | None]
    assignee: Mapped[str | None] = mapped_column(String(120), index=True)
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("clusters.id", ondelete="SET NULL"), index=True)
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[timestamp]
    updated_at: Mapped[timestamp]
    updated_by: Mapped[name]

    document: Mapped[Document] = relationship(back_populates="claims")
    sources: Mapped[list[Source]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", passive_deletes=True, order_by="Source.id"
    )
    notes: Mapped[list[Note]] = relationship(
        back_populates="claim", cascade="all, delete-orphan", passive_deletes=True, order_by="Note.id"
    )


class Source(Base):
    __tablename__ = "sources"

    id: Mapped[intpk]
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    url: Mapped[str | None] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text)
    publisher: Mapped[str | None] = mapped_column(Text)
    published: Mapped[str | None] = mapped_column(String(40))
    accessed_at: Mapped[datetime | None]
    excerpt: Mapped[str | None] = mapped_column(Text)
    excerpt_start: Mapped[int | None]
    excerpt_end: Mapped[int | None]
    source_value: Mapped[float | None] = mapped_column(Double)
    source_unit: Mapped[str | None] = mapped_column(String(30))
    stance: Mapped[str | None] = mapped_column(String(20))  # supports | contradicts | context
    match_status: Mapped[str | None] = mapped_column(String(20))  # supports | number_differs | not_found
    deviation: Mapped[float | None] = mapped_column(Double)
    content: Mapped[str | None] = mapped_column(Text)  # the source text as retrieved
    content_hash: Mapped[str | None] = mapped_column(String(64))
    retrieved_at: Mapped[datetime | None]
    created_at: Mapped[timestamp]
    created_by: Mapped[name]

    claim: Mapped[Claim] = relationship(back_populates="sources")


class Note(Base):
    __tablename__ = "notes"

    id: Mapped[intpk]
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    author: Mapped[name]
    body: Mapped[str] = mapped_column(Text)
    created_at: Mapped[timestamp]

    claim: Mapped[Claim] = relationship(back_populates="notes")


class User(Base):
    __tablename__ = "users"

    id: Mapped[intpk]
    username: Mapped[str] = mapped_column(String(120), unique=True)
    role: Mapped[str] = mapped_column(String(20))  # reviewer | editor | admin
    password_hash: Mapped[str | None] = mapped_column(Text)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    failed_logins: Mapped[int] = mapped_column(default=0)
    throttled_until: Mapped[datetime | None]
    last_login_at: Mapped[datetime | None]
    created_at: Mapped[timestamp]


class LoginToken(Base):
    """A team-mode login that survives a page reload; only the token's hash is kept."""

    __tablename__ = "login_tokens"

    id: Mapped[intpk]
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[timestamp]
    expires_at: Mapped[datetime]
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class ReviewSession(Base):
    __tablename__ = "review_sessions"

    id: Mapped[intpk]
    name: Mapped[str] = mapped_column(Text)
    description: Mapped[str | None] = mapped_column(Text)
    due_date: Mapped[str | None] = mapped_column(String(20))
    mode: Mapped[str] = mapped_column(String(10), default="single")  # single | double
    status: Mapped[str] = mapped_column(String(10), default="open")  # open | closed
    created_by: Mapped[name]
    created_at: Mapped[timestamp]
    closed_at: Mapped[datetime | None]

    items: Mapped[list[SessionItem]] = relationship(
        back_populates="session", cascade="all, delete-orphan", passive_deletes=True
    )


class SessionItem(Base):
    __tablename__ = "session_items"
    __table_args__ = (UniqueConstraint("session_id", "claim_id", name="uq_session_items_claim"),)

    id: Mapped[intpk]
    session_id: Mapped[int] = mapped_column(ForeignKey("review_sessions.id", ondelete="CASCADE"), index=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    assignee: Mapped[str | None] = mapped_column(String(120), index=True)
    second_reviewer: Mapped[str | None] = mapped_column(String(120), index=True)
    state: Mapped[str] = mapped_column(String(20), default="open")  # open | agreed | disagreement | settled

    session: Mapped[ReviewSession] = relationship(back_populates="items")


class Review(Base):
    """One reviewer's own judgement of a claim, kept for agreement figures."""

    __tablename__ = "reviews"
    __table_args__ = (UniqueConstraint("session_id", "claim_id", "reviewer", name="uq_reviews_reviewer"),)

    id: Mapped[intpk]
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("review_sessions.id", ondelete="CASCADE"), index=True
    )
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), index=True)
    reviewer: Mapped[name]
    verdict: Mapped[str] = mapped_column(String(30))
    rationale: Mapped[str | None] = mapped_column(Text)
    started_at: Mapped[datetime | None]
    created_at: Mapped[timestamp]


class ClaimLock(Base):
    """A soft lock: "being reviewed by NAME since TIME"; expires after inactivity."""

    __tablename__ = "claim_locks"

    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="CASCADE"), primary_key=True)
    holder: Mapped[name]
    since: Mapped[datetime]
    last_seen: Mapped[datetime]


class AuditEvent(Base):
    """Append-only: who changed what, when, before and after."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_entity", "entity", "entity_id"),)

    id: Mapped[intpk]
    at: Mapped[timestamp] = mapped_column(index=True)
    actor: Mapped[name]
    action: Mapped[str] = mapped_column(String(40), index=True)
    entity: Mapped[str] = mapped_column(String(20))
    entity_id: Mapped[int | None]
    claim_id: Mapped[int | None] = mapped_column(index=True)  # no FK: history outlives deletes
    session_id: Mapped[int | None] = mapped_column(index=True)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSON)
