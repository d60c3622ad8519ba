"""Long texts, piece by piece: cut at blank lines, extract each piece, in worker processes if asked.

A sentence ends at a blank line, and attribution looks back across one only from a paragraph
that starts with a list item (to the list's lead-in) or with "She said" (to the paragraph before).
Pieces are never cut before such a paragraph, so the claims of the pieces, in order, are the
claims of the whole text: ``tests/extract/test_chunks.py`` checks that on every text the tests know. Pieces keep memory
flat for large files (the caller can write each piece's claims out and drop them), and let two
cores share one file.

    for claims in claim_chunks(text, workers=2):
        ...
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

import regex

from workbench.extract.claims import _BULLET, _PRONOUN_START, _extract
from workbench.extract.patterns import FRONT_MATTER
from workbench.extract.types import Claim

__all__ = [
    "CHUNK_CHARS",
    "PARALLEL_MIN_CHARS",
    "chunk_spans",
    "claim_chunks",
    "default_workers",
    "map_chunks",
]

T = TypeVar("T")

CHUNK_CHARS = 256 * 1024
"""About how many characters one piece holds (pieces end at a blank line, so most are a bit longer)."""
PARALLEL_MIN_CHARS = 2 * CHUNK_CHARS
"""Texts shorter than this are read in this process: starting workers would cost more than it saves."""

_BLANK_LINE = regex.compile(r"\n[ \t\r\f\v]*+\n\s*+", regex.V0)
# A paragraph whose claims may take their source from the paragraph before.
_READS_BACK = regex.compile(f"(?:{_BULLET.pattern})|(?:{_PRONOUN_START.pattern})", regex.V0)


def chunk_spans(text: str, size: int = CHUNK_CHARS) -> list[tuple[int, int]]:
    """``(start, end)`` pieces that cover ``text``, each cut after a blank line once ``size`` is reached.

    Front matter stays in the first piece. A text without blank lines is one piece.

    >>> chunk_spans("one 1%\\n\\ntwo 2%\\n\\nthree 3%", size=4)
    [(0, 8), (8, 15), (15, 23)]
    """
    n = len(text)
    fm = FRONT_MATTER.match(text)
    spans: list[tuple[int, int]] = []
    lo = 0
    floor = fm.end() if fm is not None else 0
    while lo < n:
        m = _BLANK_LINE.search(text, max(lo + size, floor))
        while m is not None and _READS_BACK.match(text, m.end()):
            m = _BLANK_LINE.search(text, m.end())
        if m is None or m.end() >= n:
            break
        spans.append((lo, m.end()))
        lo = m.end()
    spans.append((lo, n))
    return spans


def _work(args: tuple[str, int, Callable[[list[Claim]], Any]]) -> Any:
    """``fn`` of the claims of one piece that starts at ``offset`` (in this process or a worker)."""
    piece, offset, fn = args
    return fn(_extract(piece, front_matter=offset == 0, offset=offset))


def default_workers() -> int:
    """The CPUs this process may use (at least 1)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def map_chunks(
    text: str,
    fn: Callable[[list[Claim]], T],
    workers: int = 1,
    size: int = CHUNK_CHARS,
) -> Iterator[T]:
    """``fn(claims)`` for each piece of ``text``, in text order.

    With ``workers > 1`` and a text of at least ``PARALLEL_MIN_CHARS``, pieces are read in worker
    processes and ``fn`` runs there too (so it must be a module-level function), which also
    spreads the cost of formatting the claims.
    """
    spans = chunk_spans(text, size)
    if workers <= 1 or len(spans) == 1 or len(text) < PARALLEL_MIN_CHARS:
        for lo, hi in spans:
            yield _work((text[lo:hi], lo, fn))
        return
    # fork is cheapest (the worker has every module loaded already) but unsafe once threads run.
    method = (
        "fork"
        if "fork" in multiprocessing.get_all_start_methods() and threading.active_count() == 1
        else "spawn"
    )
    ctx = multiprocessing.get_context(method)
    with ProcessPoolExecutor(min(workers, len(spans)), mp_context=ctx) as pool:
        yield from pool.map(_work, [(text[lo:hi], lo, fn) for lo, hi in spans])


def _identity(claims: list[Claim]) -> list[Claim]:
    return claims


def claim_chunks(text: str, workers: int = 1, size: int = CHUNK_CHARS) -> Iterator[list[Claim]]:
    """The claims of ``text`` piece by piece, in order; together they equal ``extract_claims(text)``."""
    return map_chunks(text, _identity, workers, size)
