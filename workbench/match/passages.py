"""Split a text into passages and sentences, keeping character offsets.

The extractor has its own sentence splitter; this one is deliberately small and
independent, so matching does not change when extraction is tuned.

>>> text = "First point. Dr. Lee said 31% agreed.\\n\\nSecond paragraph here."
>>> [text[s:e] for s, e in split_sentences(text)]
['First point.', 'Dr. Lee said 31% agreed.', 'Second paragraph here.']
>>> [text[s:e] for s, e in split_passages(text)]
['First point. Dr. Lee said 31% agreed.', 'Second paragraph here.']
"""

from __future__ import annotations

import regex

__all__ = ["keywords", "split_passages", "split_sentences", "stems"]

_PARAGRAPH_BREAK = regex.compile(r"\n[ \t\r]*\n\s*")
# A full stop, question or exclamation mark (and any closing quotes or brackets),
# then whitespace, then something that can start a sentence.
_SENTENCE_END = regex.compile(r"""[.!?]+["'\u201d\u2019)\]]*(?=\s+["'\u201c\u2018(\[]?[\p{Lu}\d])""")
_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof st vs etc e.g i.e u.s u.k inc ltd co no fig approx jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_WORD = regex.compile(r"\p{L}[\p{L}'\-]*")
STOPWORDS = frozenset(
    """a an the and or but of in on at to for from by with without into onto over under about than then
    as is are was were be been being has have had do does did it its this that these those there their
    they them he she his her we our you your i me my not no nor so such can could would should will
    may might must also more most less least very just only up down out per percent percentage point
    points year years said says say according report reported new one two three four five six seven
    eight nine ten hundred thousand million billion trillion while whereas which who whom what when
    where how why all any each some other rest between among""".split()
)


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) of ``text[start:end]``, offsets into ``text``, trimmed."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    cursor = start
    for m in _SENTENCE_END.finditer(text, start, end):
        stop = m.end()
        # "Dr. Lee", "e.g. 31%": an abbreviation is not the end of a sentence
        word = (
            text[max(cursor, stop - 8) : m.start()].rsplit(None, 1)[-1:] if m.group().startswith(".") else []
        )
        if word and word[0].lower().rstrip(".") in _ABBREVIATIONS:
            continue
        _append_trimmed(text, cursor, stop, spans)
        cursor = stop
    _append_trimmed(text, cursor, end, spans)
    return spans


def _append_trimmed(text: str, s: int, e: int, out: list[tuple[int, int]]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        out.append((s, e))


def split_passages(text: str, *, max_chars: int = 1200, window_chars: int = 600) -> list[tuple[int, int]]:
    """Paragraph spans; a paragraph longer than ``max_chars`` is cut into sentence windows.

    Windows hold whole sentences, up to about ``window_chars`` characters each.
    """
    paragraphs: list[tuple[int, int]] = []
    cursor = 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        _append_trimmed(text, cursor, m.start(), paragraphs)
        cursor = m.end()
    _append_trimmed(text, cursor, len(text), paragraphs)

    out: list[tuple[int, int]] = []
    for ps, pe in paragraphs:
        if pe - ps <= max_chars:
            out.append((ps, pe))
            continue
        win_start: int | None = None
        win_end = ps
        for ss, se in split_sentences(text, ps, pe):
            if win_start is not None and se - win_start > window_chars:
                out.append((win_start, win_end))
                win_start = None
            if win_start is None:
                win_start = ss
            win_end = se
        if win_start is not None:
            out.append((win_start, win_end))
    return out


def keywords(text: str) -> list[str]:
    """Lower-case content words, stop words and numbers left out.

    >>> keywords("A 31% increase in the diagnostic accuracy of AI tools")
    ['increase', 'diagnostic', 'accuracy', 'ai', 'tools']
    """
    return [w for w in (t.lower() for t in _WORD.findall(text)) if w not in STOPWORDS and len(w) > 1]


def stems(words: list[str]) -> set[str]:
    """Crude prefix stems, so "diagnosis" meets "diagnostic" in the cheap prefilter.

    >>> sorted(stems(["diagnostic", "diagnoses", "ai"]))
    ['ai', 'diagn']
    """
    return {w[:5] for w in words}
