"""Accounts, logins, review sessions, assignment, locks and agreement (team mode)."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from workbench.store.models import User

__all__ = ["admin_count"]


def admin_count(session: Session) -> int:
    return (
        session.scalar(select(func.count(User.id)).where(User.role == "admin", User.disabled.is_(False))) or 0
    )
