"""Pure text -> numeric claims. No database, no UI.

The public API::

    extract_claims(text: str) -> list[Claim]
    parse_span(text: str, start: int, end: int) -> Claim
    split_sentences(text: str) -> list[tuple[int, int]]
    parse_number(text: str) -> float | None

Modules: ``patterns`` (compiled regexes), ``numbers`` (words and digits to
floats), ``context`` (sentence, direction, hedge, metric, attribution),
``scoring`` (check-worthiness) and ``claims`` (the pipeline).
"""

from __future__ import annotations

from workbench.extract.claims import extract_claims, parse_span
from workbench.extract.context import split_sentences
from workbench.extract.numbers import parse_number
from workbench.extract.types import UNITS, Claim

__all__ = ["UNITS", "Claim", "extract_claims", "parse_number", "parse_span", "split_sentences"]
