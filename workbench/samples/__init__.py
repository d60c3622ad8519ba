"""Sample articles for the demo, the tests and the docs.

Fictional, written for this project; the figures are illustrative. Each one
exercises a format and a set of hard cases for the extractor:

- ``remote-work-productivity.md``: front matter, headings, "1." and "2-" list
  numbers, an image URL with digits, ranges, changes, hedges, vague sources.
- ``ev-battery-costs.html``: head metadata, navigation, script and style full of
  numbers that are not claims, an ``<article>`` with a table.
- ``hospital-ai-triage.txt``: plain text with a trial id, a phone number, figure
  and page references among real claims.
- ``city-budget-claims.md``: percent vs percentage points, an arithmetic slip
  ("from 6% to 8%, a 2% increase"), shares adding up to 107%, a phone number,
  a postcode and a version number.

``hostile.html`` (``HOSTILE_SAMPLE``) is for safety tests only, so
:func:`sample_paths` leaves it out.
"""

from __future__ import annotations

from pathlib import Path

__all__ = ["HOSTILE_SAMPLE", "SAMPLES_DIR", "sample_paths"]

SAMPLES_DIR: Path = Path(__file__).resolve().parent
HOSTILE_SAMPLE: Path = SAMPLES_DIR / "hostile.html"
_SUFFIXES = (".txt", ".md", ".html")


def sample_paths() -> list[Path]:
    """The demo articles, sorted by name (not the hostile sample)."""
    return sorted(p for p in SAMPLES_DIR.iterdir() if p.suffix in _SUFFIXES and p != HOSTILE_SAMPLE)
