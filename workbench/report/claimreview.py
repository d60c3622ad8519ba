"""schema.org ClaimReview JSON-LD for final verdicts, with validation."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import date
from typing import Any

from workbench.config import VERDICTS, Settings

__all__ = ["REQUIRED", "claimreview", "claimreviews", "validate"]

_BY_KEY = {v.key: v for v in VERDICTS}
REQUIRED = ("claimReviewed", "reviewRating.alternateName", "url")


def claimreview(row: dict[str, Any], settings: Settings) -> dict[str, Any]:
    """One ClaimReview for an export row (see store.service.iter_export_rows)."""
    v = _BY_KEY.get(row.get("verdict") or "")
    rating: dict[str, Any] = {"@type": "Rating", "alternateName": v.label if v else None}
    if v is not None and v.rating is not None:
        rating.update(ratingValue=v.rating, bestRating=5, worstRating=1)
    item: dict[str, Any] = {"@type": "Claim"}
    appearance = row.get("document_url")
    if appearance:
        item["appearance"] = {
            "@type": "CreativeWork",
            "url": appearance,
            "headline": row.get("document_title"),
        }
    if row.get("attribution"):
        item["author"] = {"@type": "Organization", "name": row["attribution"]}
    if row.get("document_published"):
        item["datePublished"] = row["document_published"]
    published = str(row.get("verdict_at") or date.today().isoformat())[:10]
    return {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "url": f"{settings.org_url.rstrip('/')}/claims/{row['claim_id']}",
        "claimReviewed": (row.get("sentence") or row.get("text") or "").strip() or None,
        "reviewRating": rating,
        "itemReviewed": item,
        "author": {"@type": "Organization", "name": settings.org_name, "url": settings.org_url},
        "datePublished": published,
    }


def validate(doc: dict[str, Any]) -> list[str]:
    """The required fields that are missing or empty."""
    missing = []
    for path in REQUIRED:
        cur: Any = doc
        for part in path.split("."):
            cur = cur.get(part) if isinstance(cur, dict) else None
        if cur in (None, ""):
            missing.append(path)
    return missing


def claimreviews(
    rows: Iterable[dict[str, Any]], settings: Settings
) -> Iterator[tuple[dict[str, Any], list[str]]]:
    """(ClaimReview, missing fields) for every final verdict among ``rows``."""
    for row in rows:
        if row.get("status") == "final" and row.get("verdict"):
            doc = claimreview(row, settings)
            yield doc, validate(doc)
