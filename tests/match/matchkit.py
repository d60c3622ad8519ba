"""A tiny stand-in extractor, so source matching is tested without the real one.

It reads only what these tests write: "31%", "31 percent", "2 percentage points",
"97 million jobs", "$5m". The golden tests use the real extractor.
"""

from __future__ import annotations

import re

from workbench.extract.types import Claim

_FIGURE = re.compile(
    r"""
    (?P<cur>[$€£])?
    (?P<num>\d[\d,]*(?:\.\d+)?)
    \s*
    (?:
        (?P<pp>percentage\ points?|pp)\b
      | (?P<pct>%|percent\b|per\ cent\b)
      | (?P<scale>million|billion|m|bn)\b(?:\s+(?P<noun>[a-z]+))?
      | (?P<noun2>[a-z]{3,})
    )?
    """,
    re.VERBOSE,
)
_CODES = {"$": "USD", "€": "EUR", "£": "GBP"}


def _sentence(text: str, start: int) -> str:
    s = max(text.rfind(". ", 0, start) + 2, 0) if text.rfind(". ", 0, start) >= 0 else 0
    e = text.find(". ", start)
    return text[s : e + 1 if e >= 0 else len(text)]


def fake_extract(text: str) -> list[Claim]:
    out = []
    for m in _FIGURE.finditer(text):
        num = float(m.group("num").replace(",", ""))
        if 1900 <= num <= 2100 and not (m.group("pct") or m.group("cur")):
            continue  # a year
        scale = {"million": 1e6, "m": 1e6, "billion": 1e9, "bn": 1e9}.get(m.group("scale") or "", 1.0)
        if m.group("pp"):
            unit = "percentage_points"
        elif m.group("pct"):
            unit = "percent"
        elif m.group("cur"):
            unit = "currency"
        else:
            unit = "count"
        end = m.end()
        if unit == "count" and m.group("noun2") is None and m.group("noun") is None:
            end = m.end("scale") if m.group("scale") else m.end("num")
        raw = text[m.start() : end].rstrip()
        out.append(
            Claim(
                start=m.start(),
                end=m.start() + len(raw),
                text=raw,
                value=num * scale,
                unit=unit,
                currency=_CODES.get(m.group("cur") or ""),
                noun=m.group("noun") or m.group("noun2"),
                sentence=_sentence(text, m.start()),
                checkworthiness=0.5,
            )
        )
    return out


def claim_at(
    text: str, surface: str, value: float | None, unit: str, *, nth: int = 0, **fields: object
) -> Claim:
    """A hand-built claim located by its surface, so no test types offsets by hand."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(surface, start + 1)
    return Claim(start=start, end=start + len(surface), text=surface, value=value, unit=unit, **fields)  # type: ignore[arg-type]
