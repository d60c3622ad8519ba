"""Accounts and logins: argon2id hashes, generic failures, throttling, tokens, no secrets in the audit log."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from workbench.errors import AuthError, BadInput
from workbench.store import team
from workbench.store.models import AuditEvent, LoginToken, User, utcnow
from workbench.store.service import Actor

ADMIN = Actor("root", "admin")
SECRET = "s3cret-passphrase"


@pytest.fixture
def accounts(store):
    with store.sessions.begin() as s:
        team.add_user(s, "root", "admin", SECRET + "-root", actor=ADMIN)
        team.add_user(s, "ann", "reviewer", SECRET, actor=ADMIN)
    return store


def attempt(store, name, password, now=None):
    """One login in its own committed transaction, as the app does it."""
    return team.login(store.sessions, name, password, hours=12, now=now)


def test_password_is_hashed_with_argon2id(accounts):
    with accounts.reader.begin() as s:
        h = s.scalar(select(User.password_hash).where(User.username == "ann"))
    assert h.startswith("$argon2id$") and SECRET not in h


def test_short_password_is_refused_with_a_clear_message(store):
    with pytest.raises(BadInput, match="at least 8 characters"), store.sessions.begin() as s:
        team.add_user(s, "ann", "reviewer", "short", actor=ADMIN)


def test_unknown_role_and_duplicate_names_are_refused(accounts):
    with pytest.raises(BadInput, match="unknown role"), accounts.sessions.begin() as s:
        team.add_user(s, "zed", "owner", SECRET, actor=ADMIN)
    with pytest.raises(BadInput, match="already exists"), accounts.sessions.begin() as s:
        team.add_user(s, "ann", "reviewer", SECRET, actor=ADMIN)


def test_right_password_logs_in(accounts):
    actor, token = attempt(accounts, "ann", SECRET)
    assert actor == Actor("ann", "reviewer")
    with accounts.reader.begin() as s:
        assert team.actor_for_token(s, token) == actor
        assert s.scalar(select(LoginToken.token_hash)) != token  # only the hash is stored


def test_wrong_password_and_unknown_user_get_the_same_message(accounts):
    with pytest.raises(AuthError) as wrong:
        attempt(accounts, "ann", "not-the-password")
    with pytest.raises(AuthError) as unknown:
        attempt(accounts, "nobody", "not-the-password")
    assert str(wrong.value) == str(unknown.value) == "wrong name or password"
    with accounts.reader.begin() as s:
        actions = [a for (a,) in s.execute(select(AuditEvent.action).order_by(AuditEvent.id))]
        assert actions.count("login_failed") == 2
        assert s.scalar(select(LoginToken.id)) is None  # nothing was issued


def test_throttled_after_five_failures_even_with_the_right_password(accounts):
    t0 = utcnow()
    for i in range(5):
        with pytest.raises(AuthError, match="wrong name or password"):
            attempt(accounts, "ann", "wrong-password", now=t0 + timedelta(seconds=i))
    with pytest.raises(AuthError, match=r"too many failed logins; try again in \d+ seconds"):
        attempt(accounts, "ann", SECRET, now=t0 + timedelta(seconds=10))
    # a minute later the right password works again
    actor, _ = attempt(accounts, "ann", SECRET, now=t0 + timedelta(seconds=66))
    assert actor.name == "ann"


def test_reset_password_clears_the_throttle_and_revokes_logins(accounts):
    _, token = attempt(accounts, "ann", SECRET)
    t0 = utcnow()
    for _ in range(5):
        with pytest.raises(AuthError):
            attempt(accounts, "ann", "wrong-password", now=t0)
    with accounts.sessions.begin() as s:
        team.reset_password(s, "ann", "another-passphrase", actor=ADMIN)
    with accounts.reader.begin() as s:
        assert team.actor_for_token(s, token) is None
    assert attempt(accounts, "ann", "another-passphrase", now=t0)[0].name == "ann"


def test_disabled_users_token_stops_working(accounts):
    _, token = attempt(accounts, "ann", SECRET)
    with accounts.sessions.begin() as s:
        team.disable_user(s, "ann", actor=ADMIN)
    with accounts.reader.begin() as s:
        assert team.actor_for_token(s, token) is None
    with pytest.raises(AuthError, match="this account is disabled"):
        attempt(accounts, "ann", SECRET)


def test_token_expires_and_logout_revokes(accounts):
    t0 = utcnow()
    _, token = team.login(accounts.sessions, "ann", SECRET, hours=1, now=t0)
    with accounts.reader.begin() as s:
        assert team.actor_for_token(s, token, now=t0 + timedelta(minutes=59)) is not None
        assert team.actor_for_token(s, token, now=t0 + timedelta(minutes=61)) is None
        assert team.actor_for_token(s, "made-up") is None
    with accounts.sessions.begin() as s:
        team.logout(s, token)
    with accounts.reader.begin() as s:
        assert team.actor_for_token(s, token, now=t0) is None


def test_last_admin_cannot_be_disabled(accounts):
    with pytest.raises(BadInput, match="last admin"), accounts.sessions.begin() as s:
        team.disable_user(s, "root", actor=ADMIN)


def test_passwords_and_hashes_never_reach_the_audit_log(accounts):
    attempt(accounts, "ann", SECRET)
    with pytest.raises(AuthError):
        attempt(accounts, "ann", "typo-" + SECRET)
    with accounts.sessions.begin() as s:
        team.reset_password(s, "ann", "brand-new-passphrase", actor=ADMIN)
    with accounts.reader.begin() as s:
        hashes = [h for (h,) in s.execute(select(User.password_hash))]
        events = s.execute(select(AuditEvent.before, AuditEvent.after, AuditEvent.actor)).all()
    dump = repr(events)
    for secret in (SECRET, "typo-" + SECRET, "brand-new-passphrase", SECRET + "-root", "$argon2", *hashes):
        assert secret not in dump
