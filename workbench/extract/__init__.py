"""Pure text -> numeric claims. No database, no UI."""

from __future__ import annotations

from workbench.extract.types import UNITS, Claim

__all__ = ["UNITS", "Claim", "extract_claims"]


def extract_claims(text: str) -> list[Claim]:
    raise NotImplementedError
