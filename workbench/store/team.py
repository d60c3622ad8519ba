"""Accounts, logins, review sessions, assignment, locks and agreement (team mode).

Service functions in the style of :mod:`workbench.store.service`: each takes a
``Session``, never commits it, checks the acting user's role with
:func:`~workbench.store.service.require`, and records its audit event in the
same transaction. Reads return plain dataclasses. Functions that depend on the
time take ``now`` so tests can move the clock instead of sleeping.

Roles: reviewers review what they are assigned, add sources and notes and
propose verdicts; editors also finalise verdicts, manage sessions and settle
disagreements; admins also manage users.

Passwords are hashed with argon2id and never stored, logged or audited in
plain text; login tokens are kept as their SHA-256 only.

Failed logins must be committed even though the login fails: use :func:`login`
(which runs its own transaction), or catch :class:`AuthError` *inside* your
``with sessions.begin()`` block and re-raise it after.
"""

from __future__ import annotations

import functools
import hashlib
import secrets
import statistics
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import case, exists, func, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from workbench.errors import (
    AuthError,
    BadInput,
    ClaimNotFound,
    PermissionDenied,
    SessionNotFound,
    UserNotFound,
)
from workbench.store import service
from workbench.store.agreement import AgreementReport, agreement_report
from workbench.store.models import (
    Claim,
    ClaimLock,
    Document,
    LoginToken,
    Review,
    ReviewSession,
    SessionItem,
    User,
    utcnow,
)
from workbench.store.service import Actor, AuditRow, ClaimFilter, require

__all__ = [
    "MAX_FAILED_LOGINS",
    "MIN_PASSWORD_LENGTH",
    "ROLES",
    "AssignResult",
    "Dashboard",
    "Disagreement",
    "LockInfo",
    "QueueItem",
    "ReviewOutcome",
    "ReviewRow",
    "ReviewerLoad",
    "SessionRow",
    "UserRow",
    "acquire_lock",
    "actor_for_name",
    "actor_for_token",
    "add_user",
    "admin_count",
    "assign",
    "authenticate",
    "close_session",
    "create_login_token",
    "create_session",
    "disable_user",
    "disagreement_queue",
    "get_session",
    "list_sessions",
    "list_users",
    "lock_info",
    "login",
    "logout",
    "my_queue",
    "release_lock",
    "reset_password",
    "session_agreement",
    "session_dashboard",
    "settle",
    "submit_review",
    "visible_reviews",
]

ROLES = ("reviewer", "editor", "admin")
MIN_PASSWORD_LENGTH = 8
MAX_FAILED_LOGINS = 5
THROTTLE = timedelta(minutes=1)
WRONG_LOGIN = "wrong name or password"
MODES = ("single", "double")
STRATEGIES = ("manual", "round_robin", "balanced")

_hasher = PasswordHasher()  # argon2id with the library's recommended cost (RFC 9106, low-memory profile)


@functools.cache
def _dummy_hash() -> str:
    """Verified against when the name is unknown, so an unknown name costs as long as a wrong password."""
    return _hasher.hash(secrets.token_urlsafe(16))


def _now(now: datetime | None) -> datetime:
    return now or utcnow()


# ------------------------------------------------------------------------ users


@dataclass(frozen=True, slots=True)
class UserRow:
    name: str
    role: str
    disabled: bool
    last_login_at: datetime | None
    throttled_until: datetime | None
    created_at: datetime


def admin_count(session: Session) -> int:
    return (
        session.scalar(select(func.count(User.id)).where(User.role == "admin", User.disabled.is_(False))) or 0
    )


def _user(session: Session, name: str) -> User:
    u = session.scalar(select(User).where(User.username == name))
    if u is None:
        raise UserNotFound(name)
    return u


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BadInput(f"a password needs at least {MIN_PASSWORD_LENGTH} characters")


def add_user(session: Session, name: str, role: str, password: str, *, actor: Actor) -> None:
    """Create an account (admins only)."""
    require(actor, "manage_users")
    name = name.strip()
    if not name or len(name) > 120:
        raise BadInput("a user name needs 1 to 120 characters")
    if role not in ROLES:
        raise BadInput(f"unknown role {role!r}; use one of {', '.join(ROLES)}")
    _check_password(password)
    if session.scalar(select(User.id).where(User.username == name)) is not None:
        raise BadInput(f"user {name!r} already exists")
    u = User(username=name, role=role, password_hash=_hasher.hash(password), created_at=utcnow())
    session.add(u)
    session.flush()
    service.record_event(session, actor, "add_user", "user", u.id, after={"name": name, "role": role})


def list_users(session: Session, *, include_disabled: bool = True) -> list[UserRow]:
    q = select(User).order_by(User.username)
    if not include_disabled:
        q = q.where(User.disabled.is_(False))
    return [
        UserRow(u.username, u.role, u.disabled, u.last_login_at, u.throttled_until, u.created_at)
        for u in session.scalars(q)
    ]


def disable_user(session: Session, name: str, *, actor: Actor) -> None:
    """Disable an account and revoke its logins. The last enabled admin cannot be disabled."""
    require(actor, "manage_users")
    u = _user(session, name)
    if u.disabled:
        return
    if u.role == "admin" and admin_count(session) <= 1:
        raise BadInput(f"{name} is the last admin; add another admin before disabling this one")
    u.disabled = True
    revoked = _revoke_tokens(session, u.id)
    service.record_event(session, actor, "disable_user", "user", u.id, before={"disabled": False},
                         after={"disabled": True, "tokens_revoked": revoked})  # fmt: skip


def reset_password(session: Session, name: str, password: str, *, actor: Actor) -> None:
    """Set a new password (admins only); clears the throttle and signs the user out everywhere."""
    require(actor, "manage_users")
    _check_password(password)
    u = _user(session, name)
    u.password_hash = _hasher.hash(password)
    u.failed_logins = 0
    u.throttled_until = None
    revoked = _revoke_tokens(session, u.id)
    service.record_event(session, actor, "reset_password", "user", u.id, after={"tokens_revoked": revoked})


def _revoke_tokens(session: Session, user_id: int) -> int:
    res = session.execute(
        update(LoginToken)
        .where(LoginToken.user_id == user_id, LoginToken.revoked.is_(False))
        .values(revoked=True)
        .execution_options(synchronize_session=False)
    )
    return int(res.rowcount)  # type: ignore[attr-defined]


def actor_for_name(session: Session, name: str) -> Actor:
    """The Actor for a known, enabled user (the CLI's ``--as NAME``)."""
    u = _user(session, name)
    if u.disabled:
        raise AuthError("this account is disabled")
    return Actor(u.username, u.role)


# ------------------------------------------------------------------------ logins


def authenticate(session: Session, name: str, password: str, *, now: datetime | None = None) -> Actor:
    """Check a name and password; return the Actor or raise :class:`AuthError`.

    Unknown name and wrong password get the same message. After MAX_FAILED_LOGINS failures
    in a row the account is throttled for a minute, even for the right password. Every
    login and failure is audited (never the password). On failure the counters are written
    to ``session`` before raising: the caller must still commit (see :func:`login`).
    """
    now = _now(now)
    name = name.strip()
    u = session.scalar(select(User).where(User.username == name).with_for_update())
    if u is None:
        _verify(_dummy_hash(), password)
        service.record_event(
            session, name[:120] or "?", "login_failed", "user", None, after={"reason": "unknown"}
        )
        raise AuthError(WRONG_LOGIN)
    if u.disabled:
        service.record_event(session, u.username, "login_failed", "user", u.id, after={"reason": "disabled"})
        raise AuthError("this account is disabled")
    if u.throttled_until is not None and u.throttled_until > now:
        wait = max(1, int((u.throttled_until - now).total_seconds() + 0.999))
        service.record_event(session, u.username, "login_failed", "user", u.id, after={"reason": "throttled"})
        raise AuthError(f"too many failed logins; try again in {wait} seconds")
    if not u.password_hash or not _verify(u.password_hash, password):
        u.failed_logins = (u.failed_logins or 0) + 1
        after: dict[str, Any] = {"reason": "wrong password", "failed_logins": u.failed_logins}
        if u.failed_logins >= MAX_FAILED_LOGINS:
            u.throttled_until = now + THROTTLE
            u.failed_logins = 0  # a fresh count once the minute is over
            after["throttled_until"] = u.throttled_until
        service.record_event(session, u.username, "login_failed", "user", u.id, after=after)
        raise AuthError(WRONG_LOGIN)
    if _hasher.check_needs_rehash(u.password_hash):
        u.password_hash = _hasher.hash(password)
    u.failed_logins = 0
    u.throttled_until = None
    u.last_login_at = now
    service.record_event(session, u.username, "login", "user", u.id)
    return Actor(u.username, u.role)


def _verify(hash_: str, password: str) -> bool:
    try:
        return _hasher.verify(hash_, password)
    except (VerificationError, InvalidHashError):
        return False


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def create_login_token(
    session: Session, user: str | Actor, hours: float, *, now: datetime | None = None
) -> str:
    """A random token for a login that survives page reloads; only its SHA-256 is stored."""
    u = _user(session, user.name if isinstance(user, Actor) else user)
    token = secrets.token_urlsafe(32)
    now = _now(now)
    session.add(LoginToken(token_hash=_token_hash(token), user_id=u.id, created_at=now,
                           expires_at=now + timedelta(hours=hours)))  # fmt: skip
    return token


def actor_for_token(session: Session, token: str, *, now: datetime | None = None) -> Actor | None:
    """Who holds this token; None when it is unknown, expired, revoked, or the user is disabled."""
    if not token:
        return None
    row = session.execute(
        select(User.username, User.role, User.disabled, LoginToken.expires_at, LoginToken.revoked)
        .join(User, User.id == LoginToken.user_id)
        .where(LoginToken.token_hash == _token_hash(token))
    ).first()
    if row is None or row.revoked or row.disabled or row.expires_at <= _now(now):
        return None
    return Actor(row.username, row.role)


def logout(session: Session, token: str) -> None:
    row = session.scalar(select(LoginToken).where(LoginToken.token_hash == _token_hash(token)))
    if row is None or row.revoked:
        return
    row.revoked = True
    name = session.scalar(select(User.username).where(User.id == row.user_id)) or "?"
    service.record_event(session, name, "logout", "user", row.user_id)


def login(
    sessions: sessionmaker[Session],
    name: str,
    password: str,
    *,
    hours: float = 12.0,
    now: datetime | None = None,
) -> tuple[Actor, str]:
    """The whole login for the app: authenticate and issue a token, in one transaction that is
    committed even when the login fails (so failures count towards the throttle)."""
    error: AuthError | None = None
    with sessions.begin() as session:
        try:
            actor = authenticate(session, name, password, now=now)
        except AuthError as exc:
            error = exc
        else:
            token = create_login_token(session, actor.name, hours, now=now)
    if error is not None:
        raise error
    return actor, token


# ------------------------------------------------------------------------ review sessions


@dataclass(frozen=True, slots=True)
class SessionRow:
    id: int
    name: str
    description: str | None
    due_date: str | None
    mode: str
    status: str
    created_by: str
    created_at: datetime
    closed_at: datetime | None
    total: int
    done: int  # agreed or settled
    disagreements: int


def create_session(
    session: Session, name: str, *, description: str | None = None, due_date: str | None = None,
    mode: str = "single", document_ids: Sequence[int] | None = None, filters: ClaimFilter | None = None,
    actor: Actor,
) -> int:  # fmt: skip
    """A review session over the claims of some documents and/or a claim filter (editors)."""
    require(actor, "manage_sessions")
    name = name.strip()
    if not name:
        raise BadInput("a session needs a name")
    if mode not in MODES:
        raise BadInput(f"unknown mode {mode!r}; use single or double")
    if due_date:
        try:
            due_date = date.fromisoformat(due_date).isoformat()
        except ValueError:
            raise BadInput(f"due date {due_date!r} is not a date like 2026-05-31") from None
    if not document_ids and filters is None:
        raise BadInput("pick the claims: give document ids or a claim filter")
    q = service.filtered(select(Claim.id), filters or ClaimFilter())
    if document_ids:
        q = q.where(Claim.document_id.in_(list(document_ids)))
    claim_ids = list(session.scalars(q.order_by(Claim.id)))
    if not claim_ids:
        raise BadInput("no claims match; nothing to review")
    rs = ReviewSession(name=name, description=description, due_date=due_date or None, mode=mode,
                       status="open", created_by=actor.name, created_at=utcnow())  # fmt: skip
    session.add(rs)
    session.flush()
    session.execute(SessionItem.__table__.insert(),
                    [{"session_id": rs.id, "claim_id": c, "state": "open"} for c in claim_ids])  # fmt: skip
    service.record_event(session, actor, "create_session", "session", rs.id, session_id=rs.id,
                         after={"name": name, "mode": mode, "due_date": due_date, "claims": len(claim_ids),
                                "documents": list(document_ids or [])})  # fmt: skip
    return rs.id


def _session_counts(session: Session, ids: Sequence[int]) -> dict[int, tuple[int, int, int]]:
    q = (
        select(
            SessionItem.session_id,
            func.count(),
            func.sum(case((SessionItem.state.in_(("agreed", "settled")), 1), else_=0)),
            func.sum(case((SessionItem.state == "disagreement", 1), else_=0)),
        )
        .where(SessionItem.session_id.in_(list(ids)))
        .group_by(SessionItem.session_id)
    )
    return {sid: (int(t), int(d or 0), int(x or 0)) for sid, t, d, x in session.execute(q)}


def _session_row(rs: ReviewSession, counts: tuple[int, int, int]) -> SessionRow:
    return SessionRow(rs.id, rs.name, rs.description, rs.due_date, rs.mode, rs.status, rs.created_by,
                      rs.created_at, rs.closed_at, *counts)  # fmt: skip


def list_sessions(session: Session, *, status: str | None = None) -> list[SessionRow]:
    q = select(ReviewSession).order_by(ReviewSession.id.desc())
    if status:
        q = q.where(ReviewSession.status == status)
    rows = list(session.scalars(q))
    counts = _session_counts(session, [r.id for r in rows])
    return [_session_row(r, counts.get(r.id, (0, 0, 0))) for r in rows]


def get_session(session: Session, session_id: int) -> SessionRow:
    rs = session.get(ReviewSession, session_id)
    if rs is None:
        raise SessionNotFound(session_id)
    return _session_row(rs, _session_counts(session, [rs.id]).get(rs.id, (0, 0, 0)))


def _open_session(session: Session, session_id: int, *, exclusive: bool = False) -> ReviewSession:
    """The session row, locked (shared for writes inside it, exclusive to close it); refuses closed ones."""
    rs = session.scalar(
        select(ReviewSession).where(ReviewSession.id == session_id).with_for_update(read=not exclusive)
    )
    if rs is None:
        raise SessionNotFound(session_id)
    if rs.status != "open":
        raise BadInput(
            f"review session {rs.id} ({rs.name}) is closed: it takes no more reviews or assignments"
        )
    return rs


def close_session(session: Session, session_id: int, *, actor: Actor, now: datetime | None = None) -> int:
    """Freeze a session: no more reviews, assignments or settling. Returns how many items were left open."""
    require(actor, "manage_sessions")
    rs = _open_session(session, session_id, exclusive=True)
    rs.status = "closed"
    rs.closed_at = _now(now)
    left = session.scalar(
        select(func.count()).where(SessionItem.session_id == session_id, SessionItem.state.in_(("open", "disagreement")))
    ) or 0  # fmt: skip
    service.record_event(session, actor, "close_session", "session", session_id, session_id=session_id,
                         before={"status": "open"}, after={"status": "closed", "unfinished": left})  # fmt: skip
    return int(left)


# ------------------------------------------------------------------------ assignment


@dataclass(frozen=True, slots=True)
class AssignResult:
    assigned: int
    per_reviewer: dict[str, int]
    skipped: list[int]  # claims already reviewed by someone: left as they were


def _reviewed_pairs(session: Session, session_id: int) -> set[int]:
    return set(session.scalars(select(Review.claim_id).where(Review.session_id == session_id).distinct()))


def open_workload(session: Session, reviewers: Sequence[str], *, exclude_session: int | None = None,
                  exclude_claims: Sequence[int] = ()) -> dict[str, int]:  # fmt: skip
    """Claims each reviewer still has to review, across all open sessions."""
    load = dict.fromkeys(reviewers, 0)
    for col in (SessionItem.assignee, SessionItem.second_reviewer):
        done = exists().where(Review.session_id == SessionItem.session_id, Review.claim_id == SessionItem.claim_id,
                              Review.reviewer == col)  # fmt: skip
        q = (
            select(col, func.count())
            .join(ReviewSession, ReviewSession.id == SessionItem.session_id)
            .where(
                ReviewSession.status == "open", SessionItem.state == "open", col.in_(list(reviewers)), ~done
            )
            .group_by(col)
        )
        if exclude_session is not None and exclude_claims:
            q = q.where(
                ~(
                    (SessionItem.session_id == exclude_session)
                    & SessionItem.claim_id.in_(list(exclude_claims))
                )
            )
        for who, n in session.execute(q):
            load[who] += n
    return load


def assign(
    session: Session, session_id: int, *, strategy: str = "round_robin", reviewers: Sequence[str],
    claim_ids: Sequence[int] | None = None, actor: Actor,
) -> AssignResult:  # fmt: skip
    """Hand out a session's claims (editors).

    ``manual``: all ``claim_ids`` go to ``reviewers[0]`` (and ``reviewers[1]`` as second reviewer in
    double mode). ``round_robin``: in turn. ``balanced``: each claim to whoever has the least open work
    across all open sessions. In double mode every claim gets a different second reviewer. Without
    ``claim_ids``: every claim of the session nobody has reviewed yet. Also sets ``claims.assignee``
    (audited, with the claim's version bumped).
    """
    require(actor, "manage_sessions")
    rs = _open_session(session, session_id)
    strategy = strategy.replace("-", "_")
    if strategy not in STRATEGIES:
        raise BadInput(f"unknown strategy {strategy!r}; use manual, round-robin or balanced")
    names = list(dict.fromkeys(r.strip() for r in reviewers if r.strip()))
    if not names:
        raise BadInput("name at least one reviewer")
    for n in names:
        u = session.scalar(select(User).where(User.username == n))
        if u is None:
            raise UserNotFound(n)
        if u.disabled:
            raise BadInput(f"{n}'s account is disabled")
    double = rs.mode == "double"
    if double and len(names) < 2:
        raise BadInput("a double-review session needs at least two reviewers")
    if strategy == "manual" and not claim_ids:
        raise BadInput("manual assignment needs the claim ids")
    items_q = select(SessionItem).where(SessionItem.session_id == session_id).order_by(SessionItem.claim_id)
    if claim_ids:
        wanted = set(claim_ids)
        items = [i for i in session.scalars(items_q.where(SessionItem.claim_id.in_(list(wanted))))]
        missing = wanted - {i.claim_id for i in items}
        if missing:
            raise BadInput(f"claims not in session {session_id}: {', '.join(map(str, sorted(missing)))}")
    else:
        items = list(session.scalars(items_q.where(SessionItem.state == "open")))
    reviewed = _reviewed_pairs(session, session_id)
    skipped = [i.claim_id for i in items if i.claim_id in reviewed or i.state != "open"]
    items = [i for i in items if i.claim_id not in reviewed and i.state == "open"]
    load = open_workload(
        session, names, exclude_session=session_id, exclude_claims=[i.claim_id for i in items]
    )
    per: dict[str, int] = dict.fromkeys(names, 0)
    versions = dict(
        session.execute(
            select(Claim.id, Claim.version).where(Claim.id.in_([i.claim_id for i in items]))
        ).all()
    )
    for k, item in enumerate(items):
        if strategy == "manual":
            first, second = names[0], (names[1] if double else None)
        elif strategy == "round_robin":
            first, second = names[k % len(names)], (names[(k + 1) % len(names)] if double else None)
        else:
            first = min(names, key=lambda n: (load[n], names.index(n)))
            load[first] += 1
            second = None
            if double:
                second = min((n for n in names if n != first), key=lambda n: (load[n], names.index(n)))
                load[second] += 1
        item.assignee, item.second_reviewer = first, second
        per[first] += 1
        if second:
            per[second] += 1
        c_assignee = session.scalar(select(Claim.assignee).where(Claim.id == item.claim_id))
        if c_assignee != first:
            versions[item.claim_id] = service.edit_claim(
                session, item.claim_id, versions[item.claim_id], {"assignee": first}, actor=actor, action="assign",
                session_id=session_id,
            )  # fmt: skip
    service.record_event(session, actor, "assign_session", "session", session_id, session_id=session_id,
                         after={"strategy": strategy, "reviewers": names, "claims": len(items), "per_reviewer": per,
                                "skipped": len(skipped)})  # fmt: skip
    return AssignResult(len(items), per, skipped)


@dataclass(frozen=True, slots=True)
class QueueItem:
    session_id: int
    session_name: str
    mode: str
    due_date: str | None
    claim_id: int
    document_title: str
    text: str
    sentence: str
    checkworthiness: float
    status: str
    version: int
    role: str  # "first" | "second"


def my_queue(
    session: Session, reviewer: str, *, session_id: int | None = None, limit: int = 500
) -> list[QueueItem]:
    """Claims assigned to ``reviewer`` (first or second) in open sessions that still need their review."""
    mine = or_(SessionItem.assignee == reviewer, SessionItem.second_reviewer == reviewer)
    done = exists().where(Review.session_id == SessionItem.session_id, Review.claim_id == SessionItem.claim_id,
                          Review.reviewer == reviewer)  # fmt: skip
    q = (
        select(SessionItem.session_id, ReviewSession.name, ReviewSession.mode, ReviewSession.due_date,
               Claim.id, Document.title, Claim.text, Claim.sentence, Claim.checkworthiness, Claim.status,
               Claim.version, SessionItem.assignee)
        .join(ReviewSession, ReviewSession.id == SessionItem.session_id)
        .join(Claim, Claim.id == SessionItem.claim_id)
        .join(Document, Document.id == Claim.document_id)
        .where(ReviewSession.status == "open", SessionItem.state == "open", mine, ~done)
        .order_by(ReviewSession.due_date.is_(None), ReviewSession.due_date, SessionItem.session_id,
                  Claim.checkworthiness.desc(), Claim.id)
        .limit(limit)
    )  # fmt: skip
    if session_id is not None:
        q = q.where(SessionItem.session_id == session_id)
    return [
        QueueItem(
            r[0],
            r[1],
            r[2],
            r[3],
            r[4],
            r[5] or "Untitled",
            r[6],
            r[7],
            r[8],
            r[9],
            r[10],
            "first" if r[11] == reviewer else "second",
        )  # fmt: skip
        for r in session.execute(q)
    ]


# ------------------------------------------------------------------------ soft locks


@dataclass(frozen=True, slots=True)
class LockInfo:
    claim_id: int
    holder: str
    since: datetime
    last_seen: datetime

    @property
    def message(self) -> str:
        return f"being reviewed by {self.holder} since {self.since.strftime('%H:%M')} UTC"


def acquire_lock(
    session: Session, claim_id: int, actor: Actor, *, minutes: float = 5, now: datetime | None = None
) -> LockInfo | None:
    """Take or refresh the soft lock on a claim.

    Returns the *other* holder's lock when someone else has touched the claim within ``minutes``
    (nothing is taken); otherwise None, with the lock now held by ``actor``. Saving is still
    guarded by optimistic locking: a soft lock only tells people they would collide.
    """
    now = _now(now)
    cutoff = now - timedelta(minutes=minutes)
    res = session.execute(
        update(ClaimLock)
        .where(
            ClaimLock.claim_id == claim_id, or_(ClaimLock.holder == actor.name, ClaimLock.last_seen < cutoff)
        )
        .values(last_seen=now)
        .execution_options(synchronize_session=False)
    )
    if res.rowcount == 1:  # type: ignore[attr-defined]
        # ours refreshed, or a stale one taken over: a takeover restarts "since"
        session.execute(
            update(ClaimLock).where(ClaimLock.claim_id == claim_id, ClaimLock.holder != actor.name)
            .values(holder=actor.name, since=now).execution_options(synchronize_session=False)
        )  # fmt: skip
        return None
    other = _lock_row(session, claim_id)
    if other is not None:
        return other
    if session.scalar(select(Claim.id).where(Claim.id == claim_id)) is None:
        raise ClaimNotFound(claim_id)
    try:
        with session.begin_nested():
            session.execute(ClaimLock.__table__.insert().values(claim_id=claim_id, holder=actor.name, since=now,
                                                                last_seen=now))  # fmt: skip
    except IntegrityError:  # someone took it a moment ago
        return _lock_row(session, claim_id)
    return None


def _lock_row(session: Session, claim_id: int) -> LockInfo | None:
    r = session.execute(
        select(ClaimLock.holder, ClaimLock.since, ClaimLock.last_seen).where(ClaimLock.claim_id == claim_id)
    ).first()
    return LockInfo(claim_id, r.holder, r.since, r.last_seen) if r else None


def release_lock(session: Session, claim_id: int, actor: Actor) -> None:
    session.execute(
        ClaimLock.__table__.delete().where(ClaimLock.claim_id == claim_id, ClaimLock.holder == actor.name)
    )


def lock_info(
    session: Session, claim_id: int, *, minutes: float = 5, now: datetime | None = None
) -> LockInfo | None:
    """The fresh lock on a claim, if any (stale locks count as free)."""
    info = _lock_row(session, claim_id)
    if info is None or info.last_seen < _now(now) - timedelta(minutes=minutes):
        return None
    return info


# ------------------------------------------------------------------------ reviews, double review, settling


@dataclass(frozen=True, slots=True)
class ReviewRow:
    reviewer: str
    verdict: str
    rationale: str | None
    started_at: datetime | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class ReviewOutcome:
    state: str  # the session item's state: open | agreed | disagreement | settled
    claim_status: str
    verdict: str | None  # the claim's verdict now (blind double review: None until both are in)
    version: int  # the claim's version now


def _item(session: Session, session_id: int, claim_id: int) -> SessionItem:
    item = session.scalar(
        select(SessionItem)
        .where(SessionItem.session_id == session_id, SessionItem.claim_id == claim_id)
        .with_for_update()  # both reviewers of a claim queue here, so exactly one sees "both are in"
    )
    if item is None:
        raise BadInput(f"claim {claim_id} is not in review session {session_id}")
    return item


def submit_review(
    session: Session, session_id: int, claim_id: int, verdict: str, rationale: str = "", *, actor: Actor,
    expected_version: int | None = None, started_at: datetime | None = None, now: datetime | None = None,
) -> ReviewOutcome:  # fmt: skip
    """Record ``actor``'s own review of a claim in a session.

    Double mode (blind): the review is stored; once both assigned reviewers are in, the claim is
    final when they agree (audited as "agree") or goes to the disagreement queue (status
    second_review) when they differ. Single mode: a reviewer's verdict is a proposal (status
    in_review) for an editor to settle; an editor's own review is final.

    ``expected_version`` (the claim version the reviewer saw) is checked: a stale one raises
    EditConflict and nothing is saved.
    """
    require(actor, "propose_verdict")
    service.check_verdict(verdict)
    if not verdict:
        raise BadInput("choose a verdict")
    now = _now(now)
    rs = _open_session(session, session_id)
    item = _item(session, session_id, claim_id)
    if item.state != "open":
        raise BadInput(f"claim {claim_id} is already decided in this session ({item.state})")
    assigned = actor.name in (item.assignee, item.second_reviewer)
    if rs.mode == "double" and not assigned:
        raise PermissionDenied(f"{actor.name} is not assigned to review claim {claim_id} in this session")
    if rs.mode == "single" and not assigned and not actor.can("finalise"):
        raise PermissionDenied(f"{actor.name} is not assigned to review claim {claim_id} in this session")
    c = session.get(Claim, claim_id, populate_existing=True)
    if c is None:
        raise ClaimNotFound(claim_id)
    if expected_version is not None and c.version != expected_version:
        raise service.conflict_error(session, claim_id, expected_version)
    if started_at is None:
        lock = _lock_row(session, claim_id)
        started_at = lock.since if lock is not None and lock.holder == actor.name else None
    rationale = (rationale or "").strip()
    own = session.scalar(
        select(Review).where(
            Review.session_id == session_id, Review.claim_id == claim_id, Review.reviewer == actor.name
        )
    )
    before = {"verdict": own.verdict} if own is not None else None
    if own is None:
        own = Review(session_id=session_id, claim_id=claim_id, reviewer=actor.name, verdict=verdict,
                     rationale=rationale or None, started_at=started_at, created_at=now)  # fmt: skip
        session.add(own)
    else:  # changing one's mind before the other reviewer is in
        own.verdict, own.rationale, own.created_at = verdict, rationale or None, now
    session.flush()
    service.record_event(session, actor, "review", "review", own.id, claim_id=claim_id, session_id=session_id,
                         before=before, after={"verdict": verdict, "rationale": rationale or None})  # fmt: skip
    version = c.version
    if rs.mode == "single":
        final = actor.can("finalise")
        changes = {"verdict": verdict, "status": "final" if final else "in_review", "verdict_by": actor.name,
                   "verdict_at": now}  # fmt: skip
        version = service.edit_claim(session, claim_id, version, changes, actor=actor,
                                      action="set_verdict" if final else "propose", session_id=session_id)  # fmt: skip
        if final:
            item.state = "settled"
        return ReviewOutcome(item.state, changes["status"], verdict, version)
    reviewers = [r for r in (item.assignee, item.second_reviewer) if r]
    got = dict(
        session.execute(
            select(Review.reviewer, Review.verdict).where(
                Review.session_id == session_id, Review.claim_id == claim_id, Review.reviewer.in_(reviewers)
            )
        ).all()
    )
    if len(got) < len(reviewers):
        return ReviewOutcome(item.state, c.status, None, version)
    verdicts = set(got.values())
    if len(verdicts) == 1:
        changes = {"verdict": verdict, "status": "final", "verdict_by": " & ".join(reviewers)[:120],
                   "verdict_at": now}  # fmt: skip
        version = service.edit_claim(session, claim_id, version, changes, actor=actor, action="agree",
                                      session_id=session_id)  # fmt: skip
        item.state = "agreed"
        return ReviewOutcome("agreed", "final", verdict, version)
    version = service.edit_claim(session, claim_id, version, {"status": "second_review"}, actor=actor,
                                  action="disagreement", session_id=session_id)  # fmt: skip
    item.state = "disagreement"
    return ReviewOutcome("disagreement", "second_review", c.verdict, version)


def _reviews(session: Session, session_id: int, claim_id: int) -> list[ReviewRow]:
    q = (
        select(Review.reviewer, Review.verdict, Review.rationale, Review.started_at, Review.created_at)
        .where(Review.session_id == session_id, Review.claim_id == claim_id)
        .order_by(Review.id)
    )
    return [ReviewRow(*r) for r in session.execute(q)]


def visible_reviews(session: Session, session_id: int, claim_id: int, actor: Actor) -> list[ReviewRow]:
    """The reviews of a claim that ``actor`` may see: their own always; the others' only once every
    assigned reviewer is in (blind double review), or to editors."""
    rows = _reviews(session, session_id, claim_id)
    if actor.can("settle"):
        return rows
    item = session.scalar(
        select(SessionItem).where(SessionItem.session_id == session_id, SessionItem.claim_id == claim_id)
    )
    if item is None:
        raise BadInput(f"claim {claim_id} is not in review session {session_id}")
    needed = {r for r in (item.assignee, item.second_reviewer) if r}
    if item.state != "open" or (needed and needed <= {r.reviewer for r in rows}):
        return rows
    return [r for r in rows if r.reviewer == actor.name]


@dataclass(frozen=True, slots=True)
class Disagreement:
    claim_id: int
    version: int
    document_title: str
    text: str
    sentence: str
    reviews: list[ReviewRow]  # side by side, first reviewer first


def disagreement_queue(session: Session, session_id: int, *, limit: int = 500) -> list[Disagreement]:
    """Claims on which the two reviewers differ, with both verdicts and rationales (for editors)."""
    q = (
        select(Claim.id, Claim.version, Document.title, Claim.text, Claim.sentence, SessionItem.assignee)
        .join(SessionItem, SessionItem.claim_id == Claim.id)
        .join(Document, Document.id == Claim.document_id)
        .where(SessionItem.session_id == session_id, SessionItem.state == "disagreement")
        .order_by(Claim.id)
        .limit(limit)
    )
    out = []
    for cid, version, title, text, sentence, first in session.execute(q).all():
        reviews = sorted(_reviews(session, session_id, cid), key=lambda r: r.reviewer != first)
        out.append(Disagreement(cid, version, title or "Untitled", text, sentence, reviews))
    return out


def settle(
    session: Session, session_id: int, claim_id: int, verdict: str, *, note: str | None = None, actor: Actor,
    expected_version: int | None = None,
) -> int:  # fmt: skip
    """An editor's final word on a disagreement or a single-mode proposal; returns the claim's new version."""
    require(actor, "settle")
    service.check_verdict(verdict)
    if not verdict:
        raise BadInput("choose a verdict")
    _open_session(session, session_id)
    item = _item(session, session_id, claim_id)
    if item.state not in ("open", "disagreement"):
        raise BadInput(f"claim {claim_id} is already decided in this session ({item.state})")
    c = session.get(Claim, claim_id, populate_existing=True)
    if c is None:
        raise ClaimNotFound(claim_id)
    version = c.version if expected_version is None else expected_version
    changes = {"verdict": verdict, "status": "final", "verdict_by": actor.name, "verdict_at": utcnow()}
    version = service.edit_claim(session, claim_id, version, changes, actor=actor, action="settle",
                                  session_id=session_id)  # fmt: skip
    item.state = "settled"
    if note and note.strip():
        service.add_note(session, claim_id, note, actor=actor)
    return version


# ------------------------------------------------------------------------ dashboard


@dataclass(frozen=True, slots=True)
class ReviewerLoad:
    reviewer: str
    assigned: int
    done: int


@dataclass(frozen=True, slots=True)
class Dashboard:
    session: SessionRow
    done: int  # claims final or marked not-a-claim
    total: int
    per_reviewer: list[ReviewerLoad]
    verdicts: dict[str, int]  # claim verdicts ("" = none yet, "not_a_claim")
    median_seconds: float | None  # per review, from opening the claim (lock) to saving
    activity: list[AuditRow]
    agreement: AgreementReport
    disagreements: int


def session_agreement(session: Session, session_id: int) -> AgreementReport:
    """Agreement figures of a session's reviews, first reviewer's rating first."""
    q = (
        select(Review.claim_id, Review.reviewer, Review.verdict, SessionItem.assignee)
        .join(
            SessionItem,
            (SessionItem.session_id == Review.session_id) & (SessionItem.claim_id == Review.claim_id),
        )
        .where(Review.session_id == session_id)
        .order_by(Review.claim_id, Review.id)
    )
    ratings: dict[int, list[tuple[str, str, bool]]] = {}
    for cid, reviewer, verdict, first in session.execute(q):
        ratings.setdefault(cid, []).append((reviewer, verdict, reviewer != first))
    ordered = {cid: [(r, v) for r, v, _ in sorted(rs, key=lambda t: t[2])] for cid, rs in ratings.items()}
    return agreement_report(ordered, service.VERDICT_KEYS)


def session_dashboard(session: Session, session_id: int, *, activity: int = 20) -> Dashboard:
    row = get_session(session, session_id)
    f = ClaimFilter(session_id=session_id)
    done, total = service.review_progress(session, f)
    assigned: dict[str, int] = {}
    for col in (SessionItem.assignee, SessionItem.second_reviewer):
        q = (
            select(col, func.count())
            .where(SessionItem.session_id == session_id, col.is_not(None))
            .group_by(col)
        )
        for who, n in session.execute(q):
            assigned[who] = assigned.get(who, 0) + n
    reviewed = dict(
        session.execute(
            select(Review.reviewer, func.count())
            .where(Review.session_id == session_id)
            .group_by(Review.reviewer)
        ).all()
    )
    per = [
        ReviewerLoad(r, assigned.get(r, 0), reviewed.get(r, 0)) for r in sorted(set(assigned) | set(reviewed))
    ]
    spans = [
        (created - started).total_seconds()
        for started, created in session.execute(
            select(Review.started_at, Review.created_at).where(
                Review.session_id == session_id, Review.started_at.is_not(None)
            )
        )
    ]
    return Dashboard(
        session=row, done=done, total=total, per_reviewer=per, verdicts=service.verdict_counts(session, f),
        median_seconds=statistics.median(spans) if spans else None,
        activity=service.recent_activity(session, limit=activity, session_id=session_id),
        agreement=session_agreement(session, session_id), disagreements=row.disagreements,
    )  # fmt: skip
