"""Group the same statistic across documents into clusters (placeholder until match lands)."""

from __future__ import annotations

from sqlalchemy.orm import Session


def recluster(session: Session) -> int:
    return 0
