"""Use cases: the only place with queries and transactions.

Every function takes a ``Session`` and never creates or commits one: the caller
owns the transaction (``with sessions.begin() as session:``), one per user
action. Every write records an :class:`AuditEvent` in that same transaction.
Claim edits (verdict, status, fields) use optimistic locking on
``claims.version``: a stale ``expected_version`` raises :class:`EditConflict`
before anything is written. Reads return plain dataclasses, never live ORM rows.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import Select, Text, and_, cast, delete, func, literal_column, or_, select, text, update
from sqlalchemy.orm import Session

from workbench.config import VERDICTS
from workbench.documents.types import Document as LoadedDocument
from workbench.errors import (
    BadInput,
    ClaimNotFound,
    DocumentNotFound,
    EditConflict,
    PermissionDenied,
)
from workbench.extract.types import Claim as ExtractedClaim
from workbench.store.models import (
    AuditEvent,
    Claim,
    Cluster,
    Document,
    Note,
    ReviewSession,
    SessionItem,
    Source,
    utcnow,
)
from workbench.store.search import merge_pending_entries, order_by_index, text_condition

__all__ = [
    "Actor",
    "AuditRow",
    "ClaimDetail",
    "ClaimFilter",
    "ClaimRow",
    "ClusterMember",
    "DocumentDetail",
    "DocumentRow",
    "IngestResult",
    "NoteRow",
    "Page",
    "SORTS",
    "STATUSES",
    "SourceInput",
    "SourceRow",
    "VERDICT_KEYS",
    "add_manual_claim",
    "add_note",
    "add_source",
    "bulk_assign",
    "bulk_set_status",
    "claim_history",
    "count_claims",
    "delete_document",
    "document_hashes",
    "get_claim",
    "get_document",
    "ingest_document",
    "ingest_documents",
    "list_claims",
    "list_documents",
    "neighbours",
    "progress_over_time",
    "recent_activity",
    "record_event",
    "remove_source",
    "require",
    "review_progress",
    "set_status",
    "set_verdict",
    "update_claim_fields",
    "verdict_counts",
]

STATUSES = ("new", "in_review", "second_review", "final", "not_a_claim")
VERDICT_KEYS = tuple(v.key for v in VERDICTS)
REVIEWED_STATUSES = ("final", "not_a_claim")
EDITABLE_FIELDS = (
    "value", "value_high", "value_from", "unit", "currency", "noun", "direction", "hedge", "metric", "attribution",
)  # fmt: skip

# ------------------------------------------------------------------------ actors and roles

ROLE_PERMISSIONS: dict[str, frozenset[str]] = {
    "reviewer": frozenset({"review", "propose_verdict", "add_source", "add_note", "add_claim"}),
    "editor": frozenset(
        {
            "review",
            "propose_verdict",
            "add_source",
            "add_note",
            "add_claim",
            "finalise",
            "edit_any",
            "manage_sessions",
            "settle",
            "bulk",
            "ingest",
            "delete_document",
        }
    ),  # fmt: skip
}
ROLE_PERMISSIONS["admin"] = ROLE_PERMISSIONS["editor"] | {"manage_users"}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting. Local mode: the OS user as ``admin`` of their own database."""

    name: str
    role: str = "admin"

    def can(self, permission: str) -> bool:
        return permission in ROLE_PERMISSIONS.get(self.role, frozenset())


def require(actor: Actor, permission: str) -> None:
    if not actor.can(permission):
        raise PermissionDenied(f"{actor.name} ({actor.role}) may not {permission.replace('_', ' ')}")


# ------------------------------------------------------------------------ read models


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    document_id: int | None = None
    status: tuple[str, ...] = ()
    verdict: tuple[str, ...] = ()  # "" stands for "no verdict yet"
    unit: tuple[str, ...] = ()
    min_score: float | None = None
    max_score: float | None = None
    cluster_id: int | None = None
    assignee: str | None = None  # "" stands for "unassigned"
    text: str | None = None
    session_id: int | None = None
    ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class ClaimRow:
    id: int
    document_id: int
    document_title: str
    text: str
    value: float | None
    value_high: float | None
    unit: str
    metric: str | None
    attribution: str | None
    hedge: str | None
    direction: str | None
    sentence: str
    checkworthiness: float
    flags: list[str]
    status: str
    verdict: str | None
    assignee: str | None
    cluster_id: int | None
    version: int
    updated_at: datetime
    updated_by: str


@dataclass(frozen=True, slots=True)
class Page:
    rows: list[ClaimRow]
    total: int
    offset: int
    limit: int

    @property
    def pages(self) -> int:
        return max(1, math.ceil(self.total / self.limit)) if self.limit else 1


@dataclass(frozen=True, slots=True)
class SourceRow:
    id: int
    url: str | None
    title: str | None
    publisher: str | None
    published: str | None
    accessed_at: datetime | None
    excerpt: str | None
    excerpt_start: int | None
    excerpt_end: int | None
    source_value: float | None
    source_unit: str | None
    stance: str | None
    match_status: str | None
    deviation: float | None
    has_content: bool
    content_hash: str | None
    retrieved_at: datetime | None
    created_by: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class NoteRow:
    id: int
    author: str
    body: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: datetime
    actor: str
    action: str
    entity: str
    entity_id: int | None
    claim_id: int | None
    before: dict[str, Any] | None
    after: dict[str, Any] | None


@dataclass(frozen=True, slots=True)
class ClusterMember:
    id: int
    document_id: int
    document_title: str
    text: str
    value: float | None
    unit: str
    sentence: str
    status: str
    verdict: str | None


@dataclass(frozen=True, slots=True)
class ClaimDetail:
    id: int
    document_id: int
    document_title: str
    document_url: str | None
    document_author: str | None
    document_published: str | None
    start: int
    end: int
    text: str
    value: float | None
    value_high: float | None
    value_from: float | None
    unit: str
    currency: str | None
    noun: str | None
    direction: str | None
    hedge: str | None
    metric: str | None
    attribution: str | None
    sentence: str
    checkworthiness: float
    flags: list[str]
    checks: list[dict[str, Any]]
    origin: str
    status: str
    verdict: str | None
    verdict_by: str | None
    verdict_at: datetime | None
    assignee: str | None
    cluster_id: int | None
    version: int
    updated_at: datetime
    updated_by: str
    sources: list[SourceRow] = field(default_factory=list)
    notes: list[NoteRow] = field(default_factory=list)
    cluster: list[ClusterMember] = field(default_factory=list)
    cluster_drift: str | None = None
    suggested_verdict: str | None = None
    suggestion_reason: str | None = None

    def editable(self) -> dict[str, Any]:
        return {k: getattr(self, k) for k in EDITABLE_FIELDS}


@dataclass(frozen=True, slots=True)
class DocumentRow:
    id: int
    title: str
    path: str | None
    url: str | None
    format: str
    claim_count: int
    reviewed: int
    created_at: datetime
    created_by: str


@dataclass(frozen=True, slots=True)
class DocumentDetail:
    id: int
    title: str
    author: str | None
    published: str | None
    url: str | None
    path: str | None
    format: str
    text: str
    claims: list[ClaimRow]
    reviewed: int


@dataclass(frozen=True, slots=True)
class SourceInput:
    url: str | None = None
    title: str | None = None
    publisher: str | None = None
    published: str | None = None
    excerpt: str | None = None
    excerpt_start: int | None = None
    excerpt_end: int | None = None
    source_value: float | None = None
    source_unit: str | None = None
    stance: str | None = None
    match_status: str | None = None
    deviation: float | None = None
    content: str | None = None
    content_hash: str | None = None
    retrieved_at: datetime | None = None
    accessed_at: datetime | None = None


@dataclass(frozen=True, slots=True)
class IngestResult:
    document_id: int
    new: bool
    claims_added: int
    title: str


# ------------------------------------------------------------------------ audit


def record_event(
    session: Session,
    actor: Actor | str,
    action: str,
    entity: str,
    entity_id: int | None = None,
    *,
    claim_id: int | None = None,
    session_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
) -> None:
    session.add(
        AuditEvent(
            at=utcnow(),
            actor=actor.name if isinstance(actor, Actor) else actor,
            action=action,
            entity=entity,
            entity_id=entity_id,
            claim_id=claim_id,
            session_id=session_id,
            before=_jsonable(before),
            after=_jsonable(after),
        )
    )


def _jsonable(d: dict[str, Any] | None) -> dict[str, Any] | None:
    if d is None:
        return None
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in d.items()}


# ------------------------------------------------------------------------ documents and ingest


def document_hashes(session: Session, hashes: Sequence[str]) -> dict[str, int]:
    """Which of these content hashes are already stored (hash -> document id)."""
    if not hashes:
        return {}
    rows = session.execute(
        select(Document.content_hash, Document.id).where(Document.content_hash.in_(hashes))
    )
    return {h: i for h, i in rows}


def refresh_statistics(session: Session) -> None:
    """Let the query planner see the new data after a bulk load (claims queue speed depends on it)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("ANALYZE claims"))
        session.execute(text("ANALYZE documents"))
        merge_pending_entries(session)  # the search indexes' new entries (store.search)
    else:
        session.execute(text("PRAGMA optimize"))


def all_document_hashes(session: Session) -> list[str]:
    """Every stored content hash (so ingest workers can skip what is already stored)."""
    return list(session.scalars(select(Document.content_hash)))


def ingest_document(
    session: Session,
    doc: LoadedDocument,
    claims: Sequence[ExtractedClaim],
    *,
    content_hash: str,
    actor: Actor,
) -> IngestResult:
    """Store a document and its extracted claims; a no-op when the content is already stored."""
    return ingest_documents(session, [(doc, claims, content_hash)], actor=actor)[0]


def ingest_documents(
    session: Session,
    items: Sequence[tuple[LoadedDocument, Sequence[ExtractedClaim], str]],
    *,
    actor: Actor,
) -> list[IngestResult]:
    """Store many (document, claims, content hash): the same as ingest_document for each in turn.

    One query finds what is stored already, the new documents go in with one flush, and all
    their claims with INSERTs of many rows each. Row by row, a bulk ingest spent longer in
    the database than in extraction: SQLite's search index (migration 0004) writes out its
    pending entries at every statement, so one statement per claim cost more than the rest.
    """
    known = document_hashes(session, list(dict.fromkeys(h for _, _, h in items)))
    # per item: (title, content hash, the new Document row and its claims when this item stores it)
    plan: list[tuple[str, str, tuple[Document, LoadedDocument, Sequence[ExtractedClaim]] | None]] = []
    stored_now: set[str] = set()
    for doc, claims, content_hash in items:
        title = (
            doc.title
            or _first_line_title(doc.text)
            or (doc.path.rsplit("/", 1)[-1] if doc.path else "Untitled")
        )
        if content_hash in known or content_hash in stored_now:  # stored before, or earlier in ``items``
            plan.append((title, content_hash, None))
            continue
        stored_now.add(content_hash)
        row = Document(
            content_hash=content_hash,
            title=title,
            author=doc.author,
            published=str(doc.published) if doc.published else None,
            url=doc.url,
            path=doc.path,
            format=doc.format,
            encoding=doc.encoding,
            text=doc.text,
            meta=_json_safe(doc.metadata),
            claim_count=len(claims),
            created_at=utcnow(),
            created_by=actor.name,
        )
        plan.append((title, content_hash, (row, doc, claims)))
    rows = [p[2][0] for p in plan if p[2] is not None]
    if not rows:
        return [IngestResult(known[h], False, 0, t) for t, h, _ in plan]
    session.add_all(rows)
    session.flush()
    ids = {row.content_hash: row.id for row in rows}
    results = []
    values: list[dict[str, Any]] = []
    for title, content_hash, new in plan:
        if new is None:
            results.append(IngestResult(known.get(content_hash) or ids[content_hash], False, 0, title))
            continue
        row, doc, claims = new
        if claims:
            doc_values = [_claim_values(c, row.id, actor.name, row.created_at) for c in claims]
            _apply_arithmetic_checks(doc_values, claims, doc.text)
            values.extend(doc_values)
        record_event(
            session, actor, "ingest", "document", row.id,
            after={"title": title, "path": doc.path, "claims": len(claims), "hash": content_hash},
        )  # fmt: skip
        results.append(IngestResult(row.id, True, len(claims), title))
    if values:
        insert_claims = Claim.__table__.insert()
        if session.get_bind().dialect.name == "sqlite":
            # With RETURNING, SQLAlchemy sends many rows per INSERT ("insertmanyvalues"): the
            # search index's triggers then flush once per statement, not once per claim.
            # (psycopg pipelines a plain executemany, and would parse the huge statement.)
            insert_claims = insert_claims.returning(Claim.id)
        session.execute(insert_claims, values)
    return results


def _first_line_title(text: str) -> str | None:
    """A plain-text article's headline: its first line, when it is short and not a sentence."""
    for line in text.lstrip("\ufeff").splitlines():
        line = line.strip().lstrip("#").strip()
        if not line:
            continue
        if len(line) <= 120 and not line.endswith((".", ",", ";", ":")):
            return line
        return None
    return None


def _apply_arithmetic_checks(
    values: list[dict[str, Any]], claims: Sequence[ExtractedClaim], text: str
) -> None:
    """Attach the document's arithmetic flags (match.arithmetic) to the claims they concern."""
    from workbench.match.arithmetic import CHECKWORTHINESS_BOOST, check_arithmetic

    for flag in check_arithmetic(list(claims), text):
        for i in flag.claim_indices:
            v = values[i]
            v.setdefault("checks", [])
            v["checks"] = [*(v["checks"] or []), {"kind": flag.kind, "message": flag.message,
                                                   "expected": flag.expected, "stated": flag.stated}]  # fmt: skip
            if flag.flag_name not in v["flags"]:
                v["flags"] = [*v["flags"], flag.flag_name]
                v["checkworthiness"] = min(
                    1.0, round(v["checkworthiness"] + CHECKWORTHINESS_BOOST[flag.flag_name], 3)
                )


def _json_safe(meta: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for k, v in meta.items():
        if isinstance(v, str | int | float | bool) or v is None:
            out[str(k)] = v
        elif isinstance(v, list | tuple):
            out[str(k)] = [x if isinstance(x, str | int | float | bool) else str(x) for x in v]
        else:
            out[str(k)] = str(v)
    return out


def _claim_values(
    c: ExtractedClaim, document_id: int, actor: str, now: datetime, origin: str = "extractor"
) -> dict[str, Any]:
    return {
        "document_id": document_id,
        "start": c.start,
        "end": c.end,
        "text": c.text,
        "value": c.value,
        "value_high": c.value_high,
        "value_from": c.value_from,
        "unit": c.unit,
        "currency": c.currency,
        "noun": c.noun,
        "direction": c.direction,
        "hedge": c.hedge,
        "metric": c.metric,
        "attribution": c.attribution,
        "sentence": c.sentence,
        "checkworthiness": c.checkworthiness,
        "flags": list(c.flags),
        "checks": None,
        "origin": origin,
        "status": "new",
        "version": 1,
        "created_at": now,
        "updated_at": now,
        "updated_by": actor,
    }


def _reviewed_counts(session: Session, document_ids: Sequence[int]) -> dict[int, int]:
    if not document_ids:
        return {}
    q = (
        select(Claim.document_id, func.count())
        .where(Claim.document_id.in_(document_ids), Claim.status.in_(REVIEWED_STATUSES))
        .group_by(Claim.document_id)
    )
    return {d: n for d, n in session.execute(q)}


def list_documents(session: Session, *, offset: int = 0, limit: int = 200) -> list[DocumentRow]:
    docs = session.execute(
        select(
            Document.id, Document.title, Document.path, Document.url, Document.format,
            Document.claim_count, Document.created_at, Document.created_by,
        ).order_by(Document.id.desc()).offset(offset).limit(limit)
    ).all()  # fmt: skip
    reviewed = _reviewed_counts(session, [d.id for d in docs])
    return [
        DocumentRow(d.id, d.title or "Untitled", d.path, d.url, d.format, d.claim_count, reviewed.get(d.id, 0),
                    d.created_at, d.created_by)
        for d in docs
    ]  # fmt: skip


def get_document(session: Session, document_id: int) -> DocumentDetail:
    d = session.get(Document, document_id)
    if d is None:
        raise DocumentNotFound(document_id)
    rows = list_claims(session, ClaimFilter(document_id=document_id), sort="position", limit=100_000).rows
    reviewed = sum(1 for r in rows if r.status in REVIEWED_STATUSES)
    return DocumentDetail(d.id, d.title or "Untitled", d.author, d.published, d.url, d.path, d.format, d.text,
                          rows, reviewed)  # fmt: skip


def delete_document(session: Session, document_id: int, *, actor: Actor) -> None:
    require(actor, "delete_document")
    d = session.get(Document, document_id)
    if d is None:
        raise DocumentNotFound(document_id)
    before = {"title": d.title, "path": d.path, "claims": d.claim_count, "hash": d.content_hash}
    session.execute(delete(Claim).where(Claim.document_id == document_id))
    session.delete(d)
    record_event(session, actor, "delete_document", "document", document_id, before=before)


# ------------------------------------------------------------------------ claim queries

SORTS: dict[str, str] = {
    "checkworthiness": "Check-worthiness (highest first)",
    "position": "Document order",
    "newest": "Recently changed",
    "value": "Value (largest first)",
    "id": "Claim id",
}


def filtered(q: Select[Any], f: ClaimFilter) -> Select[Any]:
    conds = []
    if f.document_id is not None:
        conds.append(Claim.document_id == f.document_id)
    if f.status:
        conds.append(Claim.status.in_(f.status))
    if f.verdict:
        named = [v for v in f.verdict if v]
        parts = [Claim.verdict.in_(named)] if named else []
        if "" in f.verdict:
            parts.append(Claim.verdict.is_(None))
        conds.append(or_(*parts))
    if f.unit:
        conds.append(Claim.unit.in_(f.unit))
    if f.min_score is not None:
        conds.append(Claim.checkworthiness >= f.min_score)
    if f.max_score is not None:
        conds.append(Claim.checkworthiness <= f.max_score)
    if f.cluster_id is not None:
        conds.append(Claim.cluster_id == f.cluster_id)
    if f.assignee is not None:
        conds.append(Claim.assignee.is_(None) if f.assignee == "" else Claim.assignee == f.assignee)
    if f.text:
        conds.append(text_condition(f.text))  # an index where there is one (store.search)
    if f.session_id is not None:
        conds.append(Claim.id.in_(select(SessionItem.claim_id).where(SessionItem.session_id == f.session_id)))
    if f.ids:
        conds.append(Claim.id.in_(f.ids))
    return q.where(and_(*conds)) if conds else q


def _sort_keys(sort: str, *, by_search_index: bool = False) -> list[Any]:
    # by_search_index: "+ 0" keeps the order but hides the sort column's index from the
    # planner, so that the rows come from the search index (see store.search.order_by_index).
    def lead(c: Any) -> Any:
        return c + literal_column("0") if by_search_index else c

    if sort == "position":
        return [lead(Claim.document_id).asc(), Claim.start.asc(), Claim.id.asc()]
    if sort == "newest":
        return [Claim.updated_at.desc(), Claim.id.desc()]
    if sort == "value":
        return [Claim.value.desc().nulls_last(), Claim.id.asc()]
    if sort == "id":
        return [lead(Claim.id).asc()]
    if sort == "checkworthiness":
        return [lead(Claim.checkworthiness).desc(), Claim.id.asc()]
    raise BadInput(f"unknown sort {sort!r}; choose one of {', '.join(SORTS)}")


_ROW_COLUMNS = (
    Claim.id, Claim.document_id, Document.title, Claim.text, Claim.value, Claim.value_high, Claim.unit,
    Claim.metric, Claim.attribution, Claim.hedge, Claim.direction, Claim.sentence, Claim.checkworthiness,
    Claim.flags, Claim.status, Claim.verdict, Claim.assignee, Claim.cluster_id, Claim.version,
    Claim.updated_at, Claim.updated_by,
)  # fmt: skip


def _row(r: Any) -> ClaimRow:
    return ClaimRow(
        r[0], r[1], r[2] or "Untitled", r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12],
        list(r[13] or []), r[14], r[15], r[16], r[17], r[18], r[19], r[20],
    )  # fmt: skip


def list_claims(
    session: Session, filters: ClaimFilter = ClaimFilter(), *, sort: str = "checkworthiness",
    offset: int = 0, limit: int = 50,
) -> Page:  # fmt: skip
    """One page of claims, filtered and sorted in SQL (never the whole table)."""
    by_search = filters.text is not None and not order_by_index(session, filters.text)
    # The page's ids first, then their rows: sorting 20,000 search hits by score then
    # carries two columns, not every column of the row and its document's title.
    page_ids = filtered(select(Claim.id.label("page_id")), filters)
    searching = bool(filters.text and filters.text.strip())
    if searching:
        # A search sorts all its matches for the page anyway (or scans for them): count them
        # in the same pass rather than in a second query that finds them all again.
        page_ids = page_ids.add_columns(func.count().over().label("total"))
    page = (
        page_ids.order_by(*_sort_keys(sort, by_search_index=by_search))
        .offset(max(0, offset))
        .limit(limit)
        .subquery()
    )
    q = (
        select(*_ROW_COLUMNS, *([page.c.total] if searching else []))
        .join(Document, Document.id == Claim.document_id)
        .join(page, page.c.page_id == Claim.id)
        .order_by(*_sort_keys(sort))
    )
    rows = session.execute(q).all()
    total = rows[0][-1] if searching and rows else count_claims(session, filters)  # past the end: count
    return Page([_row(r) for r in rows], total, offset, limit)


def count_claims(session: Session, filters: ClaimFilter = ClaimFilter()) -> int:
    return session.scalar(filtered(select(func.count(Claim.id)), filters)) or 0


def review_progress(session: Session, filters: ClaimFilter = ClaimFilter()) -> tuple[int, int]:
    """(reviewed, total): reviewed means final or marked as not a claim."""
    total = count_claims(session, filters)
    done = session.scalar(
        filtered(select(func.count(Claim.id)), filters).where(Claim.status.in_(REVIEWED_STATUSES))
    )
    return int(done or 0), total


def neighbours(
    session: Session, claim_id: int, filters: ClaimFilter = ClaimFilter(), *, sort: str = "checkworthiness"
) -> tuple[int | None, int | None]:
    """The previous and next claim ids in the queue's order, without loading the queue."""
    c = session.get(Claim, claim_id)
    if c is None:
        raise ClaimNotFound(claim_id)
    base = filtered(select(Claim.id), filters)
    if sort == "checkworthiness":
        after = or_(Claim.checkworthiness < c.checkworthiness,
                    and_(Claim.checkworthiness == c.checkworthiness, Claim.id > c.id))  # fmt: skip
        before = or_(Claim.checkworthiness > c.checkworthiness,
                     and_(Claim.checkworthiness == c.checkworthiness, Claim.id < c.id))  # fmt: skip
        nxt = base.where(after).order_by(Claim.checkworthiness.desc(), Claim.id.asc())
        prv = base.where(before).order_by(Claim.checkworthiness.asc(), Claim.id.desc())
    elif sort == "position":
        key_after = or_(Claim.document_id > c.document_id,
                        and_(Claim.document_id == c.document_id,
                             or_(Claim.start > c.start, and_(Claim.start == c.start, Claim.id > c.id))))  # fmt: skip
        key_before = or_(Claim.document_id < c.document_id,
                         and_(Claim.document_id == c.document_id,
                              or_(Claim.start < c.start, and_(Claim.start == c.start, Claim.id < c.id))))  # fmt: skip
        nxt = base.where(key_after).order_by(Claim.document_id, Claim.start, Claim.id)
        prv = base.where(key_before).order_by(Claim.document_id.desc(), Claim.start.desc(), Claim.id.desc())
    else:  # id order is the fallback for other sorts
        nxt = base.where(Claim.id > c.id).order_by(Claim.id.asc())
        prv = base.where(Claim.id < c.id).order_by(Claim.id.desc())
    return session.scalar(prv.limit(1)), session.scalar(nxt.limit(1))


def get_claim(session: Session, claim_id: int) -> ClaimDetail:
    c = session.get(Claim, claim_id)
    if c is None:
        raise ClaimNotFound(claim_id)
    d = c.document
    sources = [_source_row(s) for s in c.sources]
    notes = [NoteRow(n.id, n.author, n.body, n.created_at) for n in c.notes]
    members: list[ClusterMember] = []
    drift = suggestion = reason = None
    if c.cluster_id is not None:
        cl = session.get(Cluster, c.cluster_id)
        drift = cl.drift_note if cl is not None and cl.drift else None
        q = (
            select(Claim.id, Claim.document_id, Document.title, Claim.text, Claim.value, Claim.unit, Claim.sentence,
                   Claim.status, Claim.verdict)
            .join(Document, Document.id == Claim.document_id)
            .where(Claim.cluster_id == c.cluster_id, Claim.id != c.id)
            .order_by(Claim.id).limit(50)
        )  # fmt: skip
        members = [ClusterMember(r[0], r[1], r[2] or "Untitled", *r[3:]) for r in session.execute(q)]
        finals = Counter(m.verdict for m in members if m.status == "final" and m.verdict)
        if finals and c.status != "final":
            suggestion, n = finals.most_common(1)[0]
            reason = (
                f"{n} other article{'s' if n > 1 else ''} with the same figure were judged {suggestion!r}"
            )
    return ClaimDetail(
        c.id, c.document_id, d.title or "Untitled", d.url, d.author, d.published, c.start, c.end, c.text, c.value,
        c.value_high, c.value_from, c.unit, c.currency, c.noun, c.direction, c.hedge, c.metric, c.attribution,
        c.sentence, c.checkworthiness, list(c.flags or []), list(c.checks or []), c.origin, c.status, c.verdict, c.verdict_by,
        c.verdict_at, c.assignee, c.cluster_id, c.version, c.updated_at, c.updated_by, sources, notes, members,
        drift, suggestion, reason,
    )  # fmt: skip


def _source_row(s: Source) -> SourceRow:
    return SourceRow(
        s.id, s.url, s.title, s.publisher, s.published, s.accessed_at, s.excerpt, s.excerpt_start, s.excerpt_end,
        s.source_value, s.source_unit, s.stance, s.match_status, s.deviation, s.content is not None,
        s.content_hash, s.retrieved_at, s.created_by, s.created_at,
    )  # fmt: skip


def get_source_content(session: Session, source_id: int) -> str | None:
    return session.scalar(select(Source.content).where(Source.id == source_id))


# ------------------------------------------------------------------------ claim edits (optimistic locking)


def conflict_error(session: Session, claim_id: int, expected: int) -> EditConflict:
    current = session.scalar(select(Claim.version).where(Claim.id == claim_id))
    if current is None:
        return ClaimNotFound(claim_id)  # type: ignore[return-value]
    events = session.scalars(
        select(AuditEvent).where(AuditEvent.claim_id == claim_id, AuditEvent.entity == "claim")
        .order_by(AuditEvent.id.desc()).limit(20)
    ).all()  # fmt: skip
    changes: dict[str, Any] = {}
    who = when = None
    for ev in events:  # newest first: the changes made after the caller's version
        v = (ev.after or {}).get("version")
        if v is None or v <= expected:
            continue
        who = who or ev.actor
        when = when or ev.at
        for k, val in (ev.after or {}).items():
            if k != "version":
                changes.setdefault(k, {"from": (ev.before or {}).get(k), "to": val, "by": ev.actor})
    return EditConflict(claim_id, expected, current, changed_by=who, changed_at=when, changes=changes)


def edit_claim(
    session: Session, claim_id: int, expected_version: int, changes: dict[str, Any], *, actor: Actor, action: str,
    session_id: int | None = None,
) -> int:  # fmt: skip
    """Apply ``changes`` if the claim is still at ``expected_version``; return the new version."""
    c = session.get(Claim, claim_id, populate_existing=True)
    if c is None:
        raise ClaimNotFound(claim_id)
    if c.version != expected_version:
        raise conflict_error(session, claim_id, expected_version)
    before = {k: getattr(c, k) for k in changes}
    now = utcnow()
    # The version check is repeated in the UPDATE itself, so a writer that slipped in
    # between the read and this statement still makes us fail rather than overwrite.
    res = session.execute(
        update(Claim)
        .where(Claim.id == claim_id, Claim.version == expected_version)
        .values(**changes, version=expected_version + 1, updated_at=now, updated_by=actor.name)
        .execution_options(synchronize_session=False)
    )
    if res.rowcount != 1:  # type: ignore[attr-defined]
        raise conflict_error(session, claim_id, expected_version)
    session.expire(c)
    after = {**changes, "version": expected_version + 1}
    record_event(session, actor, action, "claim", claim_id, claim_id=claim_id, session_id=session_id,
                 before={**before, "version": expected_version}, after=after)  # fmt: skip
    return expected_version + 1


def check_verdict(verdict: str | None) -> None:
    if verdict is not None and verdict not in VERDICT_KEYS:
        raise BadInput(f"unknown verdict {verdict!r}; use one of {', '.join(VERDICT_KEYS)}")


def set_verdict(
    session: Session, claim_id: int, verdict: str | None, *, expected_version: int, actor: Actor,
    final: bool = True, note: str | None = None,
) -> int:  # fmt: skip
    """Give a claim its verdict; ``final`` also closes it (editors and local users)."""
    check_verdict(verdict)
    if final:
        require(actor, "finalise")
    else:
        require(actor, "propose_verdict")
    status = "final" if final and verdict else "in_review"
    items = _open_session_items(session, [claim_id], deciding=status == "final")
    changes = {"verdict": verdict, "status": status, "verdict_by": actor.name, "verdict_at": utcnow()}
    version = edit_claim(session, claim_id, expected_version, changes, actor=actor, action="set_verdict")
    if status == "final":
        for item in items:  # an editor's final verdict decides a single-review session's item too
            item.state = "settled"
    if note and note.strip():
        add_note(session, claim_id, note, actor=actor)
    return version


def _open_session_items(session: Session, claim_ids: Sequence[int], *, deciding: bool) -> list[SessionItem]:
    """The undecided items of ``claim_ids`` in open review sessions (one query for all of them).

    A claim under blind double review gets its verdict from its two reviewers (and an editor's
    ``team.settle`` when they differ), so ``deciding`` it here raises BadInput: an editor
    finalising it from the review screen would silently cut the reviewers out.
    """
    rows = session.execute(
        select(SessionItem, ReviewSession.name, ReviewSession.mode)
        .join(ReviewSession, ReviewSession.id == SessionItem.session_id)
        .where(
            SessionItem.claim_id.in_(claim_ids),
            SessionItem.state.in_(("open", "disagreement")),
            ReviewSession.status == "open",
        )
    ).all()
    if deciding:
        for item, name, mode in rows:
            if mode == "double":
                raise BadInput(
                    f"claim {item.claim_id} is under double review in the session {name!r}: its verdict "
                    "comes from its two reviewers, and an editor settles a disagreement on the Disagreements page"
                )
    return [r[0] for r in rows]


def set_status(session: Session, claim_id: int, status: str, *, expected_version: int, actor: Actor) -> int:
    if status not in STATUSES:
        raise BadInput(f"unknown status {status!r}; use one of {', '.join(STATUSES)}")
    if status == "final":
        require(actor, "finalise")
        _open_session_items(session, [claim_id], deciding=True)
    else:
        require(actor, "review")
    return edit_claim(
        session, claim_id, expected_version, {"status": status}, actor=actor, action="set_status"
    )


def update_claim_fields(
    session: Session, claim_id: int, changes: dict[str, Any], *, expected_version: int, actor: Actor
) -> int:
    """Fix an extraction mistake (value, unit, direction, hedge, metric, attribution...)."""
    require(actor, "review")
    bad = set(changes) - set(EDITABLE_FIELDS)
    if bad:
        raise BadInput(f"these fields cannot be edited: {', '.join(sorted(bad))}")
    if "unit" in changes and changes["unit"] not in (
        "percent", "percentage_points", "fraction", "multiplier", "currency", "count", "quantity",
    ):  # fmt: skip
        raise BadInput(f"unknown unit {changes['unit']!r}")
    for k in ("value", "value_high", "value_from"):
        if k in changes and changes[k] is not None:
            try:
                changes[k] = float(changes[k])
            except (TypeError, ValueError):
                raise BadInput(f"{k} must be a number, not {changes[k]!r}") from None
            if not math.isfinite(changes[k]):
                raise BadInput(f"{k} must be a finite number")
    if not changes:
        c = session.get(Claim, claim_id)
        if c is None:
            raise ClaimNotFound(claim_id)
        return c.version
    return edit_claim(session, claim_id, expected_version, dict(changes), actor=actor, action="edit_fields")


def bulk_set_status(session: Session, claim_ids: Iterable[int], status: str, *, actor: Actor) -> int:
    """Set the status of many claims at once (each change audited). Returns how many changed."""
    require(actor, "bulk")
    if status not in STATUSES:
        raise BadInput(f"unknown status {status!r}")
    if status == "final":
        require(actor, "finalise")
    changing = [
        c for c in session.scalars(select(Claim).where(Claim.id.in_(list(claim_ids)))) if c.status != status
    ]
    if status == "final":
        _open_session_items(session, [c.id for c in changing], deciding=True)
    for c in changing:
        edit_claim(session, c.id, c.version, {"status": status}, actor=actor, action="bulk_set_status")
    return len(changing)


def bulk_assign(session: Session, claim_ids: Iterable[int], assignee: str | None, *, actor: Actor) -> int:
    require(actor, "bulk")
    assignee = (assignee or "").strip() or None
    n = 0
    for c in session.scalars(select(Claim).where(Claim.id.in_(list(claim_ids)))).all():
        if c.assignee != assignee:
            edit_claim(session, c.id, c.version, {"assignee": assignee}, actor=actor, action="assign")
            n += 1
    return n


# ------------------------------------------------------------------------ sources, notes, manual claims


def add_source(session: Session, claim_id: int, source: SourceInput, *, actor: Actor) -> int:
    require(actor, "add_source")
    if session.get(Claim, claim_id) is None:
        raise ClaimNotFound(claim_id)
    if not (source.url or source.title or source.excerpt or source.content):
        raise BadInput("a source needs at least a URL, a title or an excerpt")
    if source.stance not in (None, "supports", "contradicts", "context"):
        raise BadInput(f"unknown stance {source.stance!r}")
    now = utcnow()
    values = asdict(source)
    values["accessed_at"] = values["accessed_at"] or now
    row = Source(claim_id=claim_id, created_by=actor.name, created_at=now, **values)
    session.add(row)
    session.flush()
    shown = {k: v for k, v in values.items() if k not in ("content",) and v is not None}
    record_event(session, actor, "add_source", "source", row.id, claim_id=claim_id, after=shown)
    return row.id


def remove_source(session: Session, source_id: int, *, actor: Actor) -> None:
    require(actor, "add_source")
    s = session.get(Source, source_id)
    if s is None:
        raise BadInput(f"no source {source_id}")
    before = {"url": s.url, "title": s.title, "excerpt": s.excerpt}
    session.delete(s)
    record_event(session, actor, "remove_source", "source", source_id, claim_id=s.claim_id, before=before)


def add_note(session: Session, claim_id: int, body: str, *, actor: Actor) -> int:
    require(actor, "add_note")
    body = body.strip()
    if not body:
        raise BadInput("a note cannot be empty")
    if session.get(Claim, claim_id) is None:
        raise ClaimNotFound(claim_id)
    n = Note(claim_id=claim_id, author=actor.name, body=body, created_at=utcnow())
    session.add(n)
    session.flush()
    record_event(session, actor, "add_note", "note", n.id, claim_id=claim_id, after={"body": body})
    return n.id


def add_manual_claim(session: Session, document_id: int, start: int, end: int, *, actor: Actor) -> int:
    """A claim the extractor missed: parse the selected span and store it."""
    from workbench.extract import parse_span

    require(actor, "add_claim")
    d = session.get(Document, document_id)
    if d is None:
        raise DocumentNotFound(document_id)
    if not (0 <= start < end <= len(d.text)):
        raise BadInput(f"the span {start}..{end} is outside the document (0..{len(d.text)})")
    if not d.text[start:end].strip():
        raise BadInput("the selected text is empty")
    clash = session.scalar(
        select(Claim.id)
        .where(Claim.document_id == document_id, Claim.start < end, Claim.end > start)
        .limit(1)
    )
    if clash is not None:
        raise BadInput(f"the selection overlaps claim {clash}; open that claim and fix its fields instead")
    parsed = parse_span(d.text, start, end)
    now = utcnow()
    values = _claim_values(parsed, document_id, actor.name, now, origin="manual")
    row = Claim(**values)
    session.add(row)
    d.claim_count = (d.claim_count or 0) + 1
    session.flush()
    record_event(session, actor, "add_claim", "claim", row.id, claim_id=row.id,
                 after={"text": parsed.text, "start": start, "end": end, "value": parsed.value, "unit": parsed.unit,
                        "version": 1})  # fmt: skip
    return row.id


def find_span(text: str, needle: str, near: int = 0) -> tuple[int, int] | None:
    """Locate typed text in a document (the occurrence nearest ``near``)."""
    needle = needle.strip()
    if not needle:
        return None
    hits, i = [], text.find(needle)
    while i >= 0 and len(hits) < 1000:
        hits.append(i)
        i = text.find(needle, i + 1)
    if not hits:
        return None
    s = min(hits, key=lambda h: abs(h - near))
    return s, s + len(needle)


# ------------------------------------------------------------------------ history and reports


def claim_history(session: Session, claim_id: int) -> list[AuditRow]:
    q = select(AuditEvent).where(AuditEvent.claim_id == claim_id).order_by(AuditEvent.id.asc())
    return [_audit_row(e) for e in session.scalars(q)]


def recent_activity(session: Session, *, limit: int = 50, session_id: int | None = None) -> list[AuditRow]:
    q = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    if session_id is not None:
        q = q.where(AuditEvent.session_id == session_id)
    return [_audit_row(e) for e in session.scalars(q)]


def _audit_row(e: AuditEvent) -> AuditRow:
    return AuditRow(e.id, e.at, e.actor, e.action, e.entity, e.entity_id, e.claim_id, e.before, e.after)


def verdict_counts(session: Session, filters: ClaimFilter = ClaimFilter()) -> dict[str, int]:
    """Claims per verdict ("" for no verdict yet), with not-a-claim counted apart."""
    q = filtered(select(Claim.verdict, Claim.status, func.count(Claim.id)), filters).group_by(
        Claim.verdict, Claim.status
    )
    out: Counter[str] = Counter()
    for verdict, status, n in session.execute(q):
        out["not_a_claim" if status == "not_a_claim" else (verdict or "")] += n
    return dict(out)


def progress_over_time(session: Session, filters: ClaimFilter = ClaimFilter()) -> list[tuple[str, int]]:
    """Claims reviewed per day (from the audit log), for the progress chart."""
    q = select(AuditEvent.at, AuditEvent.claim_id).where(
        AuditEvent.action.in_(("set_verdict", "set_status", "bulk_set_status", "settle")),
        AuditEvent.claim_id.is_not(None),
    )
    if filters != ClaimFilter():
        q = q.where(AuditEvent.claim_id.in_(filtered(select(Claim.id), filters)))
    first_day: dict[int, str] = {}
    for at, claim_id in session.execute(q.order_by(AuditEvent.id)):
        first_day.setdefault(claim_id, at.date().isoformat())
    per_day = Counter(first_day.values())
    return sorted(per_day.items())


def list_review_sessions_brief(session: Session) -> list[tuple[int, str]]:
    return [
        (i, n)
        for i, n in session.execute(select(ReviewSession.id, ReviewSession.name).order_by(ReviewSession.id))
    ]


# ------------------------------------------------------------------------ export and the spreadsheet round trip

EXPORT_COLUMNS = (
    "claim_id", "version", "document_id", "document_title", "document_url", "document_published", "text", "sentence", "value",
    "value_high", "value_from", "unit", "currency", "noun", "direction", "hedge", "metric", "attribution",
    "checkworthiness", "flags", "status", "verdict", "verdict_label", "verdict_by", "verdict_at", "assignee",
    "sources", "source_values", "notes", "session", "reviewers", "agreement", "cluster_id",
)  # fmt: skip
NOTE_SEPARATOR = "\n---\n"
_LABELS = {v.key: v.label for v in VERDICTS}


def iter_export_rows(
    session: Session, filters: ClaimFilter = ClaimFilter(), *, chunk: int = 2000
) -> Iterator[dict[str, Any]]:
    """Stream one dict per claim (EXPORT_COLUMNS), a chunk at a time, in claim id order.

    Speed matters here (200,000 rows in well under 10 s): the queries run on the session's
    connection, without the ORM's row handling, and ``flags`` comes as its JSON text, which
    is parsed once per distinct value (a few dozen combinations) rather than once per row.
    """
    from workbench.store.models import Review

    session.flush()  # what session.execute would do before each query; a no-op when reading
    conn = session.connection()
    last = 0
    cols = (
        Claim.id, Claim.version, Claim.document_id, Document.title, Document.url, Claim.text, Claim.sentence,
        Claim.value, Claim.value_high, Claim.value_from, Claim.unit, Claim.currency, Claim.noun, Claim.direction,
        Claim.hedge, Claim.metric, Claim.attribution, Claim.checkworthiness, cast(Claim.flags, Text), Claim.status,
        Claim.verdict, Claim.verdict_by, Claim.verdict_at, Claim.assignee, Claim.cluster_id, Document.published,
    )  # fmt: skip
    flag_cells: dict[str | None, str] = {}

    def flags_cell(raw: str | None) -> str:
        cell = flag_cells.get(raw)
        if cell is None:
            cell = ";".join((json.loads(raw) if raw is not None else None) or [])
            if len(flag_cells) < 10_000:  # memory stays flat whatever the flags
                flag_cells[raw] = cell
        return cell

    while True:
        q = filtered(select(*cols).join(Document, Document.id == Claim.document_id), filters)
        rows = conn.execute(q.where(Claim.id > last).order_by(Claim.id).limit(chunk)).all()
        if not rows:
            return
        # The chunk is in id order, so the related rows are fetched by id range (one cheap
        # range scan each) rather than by a 2,000-item IN list; rows of claims outside the
        # filter are fetched too but never looked up.
        ids = [r[0] for r in rows]
        last = ids[-1]
        srcs: dict[int, list[Any]] = {}
        for s in conn.execute(
            select(Source.claim_id, Source.url, Source.title, Source.source_value, Source.stance)
            .where(Source.claim_id.between(ids[0], ids[-1])).order_by(Source.id)
        ):  # fmt: skip
            srcs.setdefault(s[0], []).append(s)
        notes: dict[int, list[str]] = {}
        for cid, author, body in conn.execute(
            select(Note.claim_id, Note.author, Note.body)
            .where(Note.claim_id.between(ids[0], ids[-1]))
            .order_by(Note.id)
        ):
            notes.setdefault(cid, []).append(f"{author}: {body}")
        sess: dict[int, str] = {}
        q_sess = (
            select(SessionItem.claim_id, ReviewSession.name)
            .join(ReviewSession, ReviewSession.id == SessionItem.session_id)
            .where(SessionItem.claim_id.between(ids[0], ids[-1]))
        )
        if filters.session_id is not None:
            q_sess = q_sess.where(SessionItem.session_id == filters.session_id)
        for cid, name in conn.execute(q_sess):
            sess[cid] = name
        revs: dict[int, list[tuple[str, str]]] = {}
        q_rev = select(Review.claim_id, Review.reviewer, Review.verdict).where(
            Review.claim_id.between(ids[0], ids[-1])
        )
        if filters.session_id is not None:
            q_rev = q_rev.where(Review.session_id == filters.session_id)
        for cid, reviewer, verdict in conn.execute(q_rev.order_by(Review.id)):
            revs.setdefault(cid, []).append((reviewer, verdict))
        for r in rows:
            cid = r[0]
            rv = revs.get(cid, [])
            yield {
                "claim_id": cid, "version": r[1], "document_id": r[2], "document_title": r[3] or "",
                "document_url": r[4], "text": r[5], "sentence": r[6], "value": r[7], "value_high": r[8],
                "value_from": r[9], "unit": r[10], "currency": r[11], "noun": r[12], "direction": r[13],
                "hedge": r[14], "metric": r[15], "attribution": r[16], "checkworthiness": round(r[17], 3),
                "flags": flags_cell(r[18]), "status": r[19], "verdict": r[20],
                "verdict_label": _LABELS.get(r[20] or "", ""), "verdict_by": r[21],
                "verdict_at": r[22].isoformat(timespec="seconds") if r[22] else None, "assignee": r[23],
                "sources": " | ".join(s[1] or s[2] or "" for s in srcs.get(cid, [])),
                "source_values": " | ".join("" if s[3] is None else repr(s[3]) for s in srcs.get(cid, [])),
                "notes": NOTE_SEPARATOR.join(notes.get(cid, [])),
                "session": sess.get(cid), "reviewers": ";".join(f"{a}={b}" for a, b in rv),
                "agreement": (len({b for _, b in rv}) == 1) if len(rv) >= 2 else None,
                "cluster_id": r[24], "document_published": r[25],
            }  # fmt: skip


@dataclass
class ImportResult:
    updated: int = 0
    unchanged: int = 0
    notes_added: int = 0
    conflicts: list[tuple[int, str]] = field(default_factory=list)  # (row number, message)
    errors: list[tuple[int, str]] = field(default_factory=list)

    @property
    def refused(self) -> int:
        return len(self.conflicts) + len(self.errors)


def _verdict_key(raw: str) -> str | None:
    t = raw.strip().lower().replace(" ", "_").replace("-", "_")
    for v in VERDICTS:
        if t in (v.key, v.label.lower().replace(" ", "_")):
            return v.key
    raise BadInput(f"unknown verdict {raw.strip()!r}; use one of {', '.join(VERDICT_KEYS)}")


def import_verdict_rows(session: Session, rows: Iterable[dict[str, str]], *, actor: Actor) -> ImportResult:
    """Apply verdicts and notes edited in a spreadsheet. Stale rows are refused, never applied.

    ``rows`` are plain dicts keyed by the export's column names (report.csv reads the file).

    Each row runs in a savepoint, so a refused row leaves no trace and the others still go in.
    """
    result = ImportResult()
    for n, row in enumerate(rows, start=2):  # row 1 is the header
        row = {(k or "").strip().lstrip("\ufeff"): (v or "") for k, v in row.items()}
        raw_id = row.get("claim_id", "").strip()
        if not raw_id:
            continue
        try:
            claim_id = int(float(raw_id))
            version = int(float(row.get("version", "").strip()))
        except ValueError:
            result.errors.append((n, f"claim_id and version must be numbers (got {raw_id!r})"))
            continue
        try:
            with session.begin_nested():
                c = session.get(Claim, claim_id, populate_existing=True)
                if c is None:
                    raise ClaimNotFound(claim_id)
                raw_verdict = row.get("verdict", "").strip()
                verdict = _verdict_key(raw_verdict) if raw_verdict else None
                changed = False
                if verdict and verdict != c.verdict:
                    set_verdict(session, claim_id, verdict, expected_version=version, actor=actor, final=True)
                    changed = True
                elif c.version != version:
                    raise conflict_error(session, claim_id, version)
                note = _new_note_text(row.get("notes", ""), session, claim_id)
                if note:
                    add_note(session, claim_id, note, actor=actor)
                    result.notes_added += 1
                    changed = True
                if changed:
                    result.updated += 1
                else:
                    result.unchanged += 1
        except EditConflict as exc:
            result.conflicts.append((n, str(exc)))
        except (BadInput, ClaimNotFound, PermissionDenied) as exc:
            result.errors.append((n, str(exc)))
    return result


def _new_note_text(cell: str, session: Session, claim_id: int) -> str:
    """What the spreadsheet added to the notes cell, compared with the notes we have."""
    cell = cell.replace("\r\n", "\n").strip()
    if not cell:
        return ""
    existing = NOTE_SEPARATOR.join(
        f"{a}: {b}" for a, b in session.execute(
            select(Note.author, Note.body).where(Note.claim_id == claim_id).order_by(Note.id))
    )  # fmt: skip
    if cell == existing.strip():
        return ""
    if existing and cell.startswith(existing):
        return cell[len(existing) :].strip().removeprefix("---").strip()
    return cell


# ------------------------------------------------------------------------ reads for the Streamlit screens (ui)
# Small, bounded reads the screens need and the read models above do not give:
# a document's text without its claims, claim offsets for highlighting, and the
# document picker's (id, title) pairs.


@dataclass(frozen=True, slots=True)
class SpanRow:
    id: int
    start: int
    end: int
    text: str
    status: str
    verdict: str | None


def document_text(session: Session, document_id: int) -> str:
    """The document's text alone (the review screen shows the paragraph around a claim)."""
    text = session.scalar(select(Document.text).where(Document.id == document_id))
    if text is None:
        raise DocumentNotFound(document_id)
    return text


def claim_spans(
    session: Session, document_id: int, start: int | None = None, end: int | None = None, *, limit: int = 5000
) -> list[SpanRow]:
    """Offsets of a document's claims, optionally only those overlapping ``start..end``, in text order."""
    q = select(Claim.id, Claim.start, Claim.end, Claim.text, Claim.status, Claim.verdict).where(
        Claim.document_id == document_id
    )
    if start is not None:
        q = q.where(Claim.end > start)
    if end is not None:
        q = q.where(Claim.start < end)
    return [SpanRow(*r) for r in session.execute(q.order_by(Claim.start, Claim.id).limit(limit))]


def document_choices(session: Session, *, limit: int = 5000) -> list[tuple[int, str]]:
    """(id, title) of the newest documents, for pickers; no claim counts."""
    q = select(Document.id, Document.title).order_by(Document.id.desc()).limit(limit)
    return [(i, t or "Untitled") for i, t in session.execute(q)]


# ------------------------------------------------------------------------ evidence: a claim against its source


def claim_as_extracted(session: Session, claim_id: int) -> ExtractedClaim:
    """The stored claim as the pure layers see it (for match.match_source)."""
    c = session.get(Claim, claim_id)
    if c is None:
        raise ClaimNotFound(claim_id)
    return ExtractedClaim(
        start=c.start, end=c.end, text=c.text, value=c.value, unit=c.unit, value_high=c.value_high,
        value_from=c.value_from, currency=c.currency, noun=c.noun, direction=c.direction, hedge=c.hedge,
        metric=c.metric, attribution=c.attribution, sentence=c.sentence, checkworthiness=c.checkworthiness,
        flags=tuple(c.flags or ()),
    )  # fmt: skip


def check_source(session: Session, claim_id: int, source_text: str) -> Any:
    """Match a stored claim against a source text (returns a match.SourceMatch; writes nothing)."""
    from workbench.match import match_source

    return match_source(claim_as_extracted(session, claim_id), source_text)


def attach_evidence(
    session: Session, claim_id: int, source: LoadedDocument, match: Any = None, *, passage: int | None = 0,
    url: str | None = None, title: str | None = None, publisher: str | None = None, actor: Actor,
) -> int:  # fmt: skip
    """Keep a source's text with the claim, with the matched passage and figure as evidence.

    The full text, its hash and retrieval time are stored, so the evidence can be re-read
    later even if the page changes. ``match`` is a match.SourceMatch (or None).
    """
    from workbench.documents import content_hash

    excerpt = start = end = None
    value = unit = deviation = status = stance = None
    if match is not None:
        status = match.status
        deviation = match.deviation
        if match.source_value:
            value, unit = match.source_value.get("value"), match.source_value.get("unit")
        stance = {"supports": "supports", "number_differs": "contradicts"}.get(status)
        if passage is not None and 0 <= passage < len(match.passages):
            p = match.passages[passage]
            excerpt, start, end = p.text, p.start, p.end
    retrieved = source.metadata.get("retrieved_at")
    return add_source(
        session, claim_id,
        SourceInput(
            url=url or source.url, title=title or source.title, publisher=publisher, published=source.published,
            excerpt=excerpt, excerpt_start=start, excerpt_end=end, source_value=value, source_unit=unit,
            stance=stance, match_status=status, deviation=deviation, content=source.text,
            content_hash=str(source.metadata.get("sha256") or content_hash(source.text)),
            retrieved_at=datetime.fromisoformat(retrieved) if isinstance(retrieved, str) else utcnow(),
        ),
        actor=actor,
    )  # fmt: skip
