"""Check-worthiness: how much a claim deserves a fact-checker's time.

A specific, precise figure that names no source scores highest; a hedged
projection attributed to a named source scores lowest. A source only inferred
from the sentence's subject ("Toyota sold ...") counts for less than a named one.
"""

from __future__ import annotations

__all__ = ["score_claim"]


def _is_precise(value: float | None, unit: str, text: str) -> bool:
    if value is None:
        return False
    if unit in ("percent", "percentage_points", "multiplier", "quantity") and value != int(value):
        return True  # 3.2%, 1.4x, 4.7 hours
    if unit in ("count", "currency", "quantity") and abs(value) >= 100:
        digits = "".join(c for c in text if c.isdigit()).rstrip("0")
        return len(digits) >= 3  # 360,512 or $4.23bn, not 5,000 or $2bn
    return unit == "percent" and value % 5 != 0


def score_claim(
    *,
    value: float | None,
    unit: str,
    text: str,
    attribution: str | None,
    vague: bool,
    hedge: str | None,
    projection: bool,
    direction: str | None,
    value_from: float | None,
    value_high: float | None,
    inferred: bool = False,
) -> tuple[float, tuple[str, ...]]:
    """A 0..1 score and the reasons for it.

    >>> score_claim(value=31.0, unit="percent", text="31%", attribution=None, vague=False, hedge=None,
    ...             projection=False, direction="increase", value_from=None, value_high=None)
    (0.85, ('no_source', 'precise_figure', 'comparative'))
    >>> score_claim(value=97e6, unit="count", text="97 million", attribution="WEF", vague=False,
    ...             hedge="projected", projection=True, direction=None, value_from=None, value_high=None)
    (0.35, ('hedged', 'projection', 'large_number'))
    """
    score = 0.45
    flags: list[str] = []
    if attribution is None:
        flags.append("no_source")
        score += 0.25
    elif vague:
        flags.append("vague_source")
        score += 0.15
    elif inferred:  # the text names no source; the sentence's subject stands in ("Toyota sold ...")
        flags.append("inferred_source")
        score += 0.1
    if hedge:
        flags.append("hedged")
        score -= 0.05
    if projection:
        flags.append("projection")
        score -= 0.1
    if _is_precise(value, unit, text):
        flags.append("precise_figure")
        score += 0.1
    if value is not None and unit in ("count", "currency", "quantity") and abs(value) >= 1e6:
        flags.append("large_number")
        score += 0.05
    if direction is not None or unit == "multiplier":
        flags.append("comparative")
        score += 0.05
    if value_from is not None:
        flags.append("change")
        score += 0.05
    if value_high is not None:
        flags.append("range")
        score -= 0.05
    return round(min(1.0, max(0.0, score)), 3), tuple(flags)
