"""Render untrusted document text as HTML with claims marked. Pure: no Streamlit here.

Documents come from anywhere and may contain HTML, scripts or Markdown links, so the
text is escaped FIRST, one character at a time, and only then are our own ``<mark>``
tags put around the claims. Besides HTML's ``& < > " '`` every character Markdown or
Streamlit's Markdown treats specially (links, emphasis, code, headings, ``$`` maths,
``:emoji:`` and ``:color[]`` shortcodes...) becomes a numeric entity, and newlines
become ``<br>``: the result has no blank line, so it stays a single HTML block and
no Markdown inside it is ever interpreted, whichever way it is rendered.

Hard-wrapped prose (a Markdown file with a line break every 80 characters) is read
as flowing text: a line break inside a paragraph shows as a space, unless either
line looks like a list item, heading, quote or table row. Offsets never move.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["Mark", "body_start", "escape_text", "highlight", "paragraph_bounds", "unwrap_lines"]

_SPECIAL = "&<>\"'`*_{}[]()#+-.!|\\$:~=^@/"
_TABLE = {ord(c): f"&#{ord(c)};" for c in _SPECIAL}
_TABLE.update({ord("&"): "&amp;", ord("<"): "&lt;", ord(">"): "&gt;", ord('"'): "&quot;"})
_TABLE.update({ord("\r"): "", ord("\n"): "<br>", ord("\t"): "&#9;", 0: "&#65533;"})

STYLES = {
    "current": "background:#ffd95a;color:#111;padding:0 2px;border-radius:3px;outline:2px solid #e0a800;",
    "other": "background:#dce8f7;color:#111;padding:0 2px;border-radius:3px;",
    "reviewed": "background:#dff0e0;color:#111;padding:0 2px;border-radius:3px;",
}
DOC_STYLE = (
    "font-family:Georgia,'Times New Roman',serif;font-size:1.02rem;line-height:1.65;"
    "white-space:normal;overflow-wrap:anywhere;padding:0.9rem 1.1rem;border:1px solid #e3e6ea;"
    "border-radius:6px;background:#fcfcfd;"
)


@dataclass(frozen=True, slots=True)
class Mark:
    start: int
    end: int
    kind: str = "other"  # "current", "other" or "reviewed"
    title: str = ""  # tooltip, e.g. "Claim 12 · final · accurate"


def escape_text(text: str) -> str:
    """HTML- and Markdown-inert text: safe inside ``st.markdown(..., unsafe_allow_html=True)``."""
    return text.translate(_TABLE)


_BLOCK_LINE = re.compile(r"\s*(?:[-*+>#|]|\d+[.)]\s)")
_FRONT_MATTER = re.compile(r"---[ \t]*\r?\n(?:.*\r?\n)*?---[ \t]*(?:\r?\n)+")


def unwrap_lines(text: str) -> str:
    r"""Single line breaks inside a paragraph become spaces; same length, so offsets hold.

    >>> unwrap_lines("rose by\nfour per cent.\n\n- one\n- two")
    'rose by four per cent.\n\n- one\n- two'
    """
    lines = text.split("\n")
    out = []
    for line, nxt in zip(lines, lines[1:], strict=False):
        joined = line.strip() and nxt.strip() and not _BLOCK_LINE.match(line) and not _BLOCK_LINE.match(nxt)
        out.append(line + (" " if joined else "\n"))
    out.append(lines[-1])
    return "".join(out)


def body_start(text: str) -> int:
    """Where the text starts after a YAML front matter block (``---`` ... ``---``), else 0."""
    m = _FRONT_MATTER.match(text)
    return m.end() if m else 0


def _attr(value: str) -> str:
    return html.escape(value.replace("\n", " "), quote=True)


def highlight(
    text: str, marks: Iterable[Mark], *, start: int = 0, end: int | None = None, ellipsis: bool = True
) -> str:
    """``text[start:end]`` as escaped HTML with each mark wrapped in ``<mark>``.

    Offsets are into the whole ``text``. Marks outside the window are dropped, marks
    that straddle its edge are clipped, and a mark that overlaps an earlier one is
    clipped to start after it (the earlier, or the current claim, wins). ``ellipsis=False``:
    no "…" where the window starts after the beginning (e.g. after front matter).
    """
    text = unwrap_lines(text)
    end = len(text) if end is None else min(end, len(text))
    start = max(0, min(start, end))
    ordered = sorted(marks, key=lambda m: (m.start, m.kind != "current", m.end))
    current = [m for m in ordered if m.kind == "current"]
    out: list[str] = []
    if start > 0 and ellipsis:
        out.append("… ")
    pos = start
    for m in ordered:
        s, e = max(m.start, pos, start), min(m.end, end)
        if m.kind != "current" and any(c.start < e and c.end > s for c in current):
            continue  # never let another claim hide the one under review
        if e <= s:
            continue
        out.append(escape_text(text[pos:s]))
        style = STYLES.get(m.kind, STYLES["other"])
        title = f' title="{_attr(m.title)}"' if m.title else ""
        out.append(f'<mark class="wb-{_attr(m.kind)}" style="{style}"{title}>{escape_text(text[s:e])}</mark>')
        pos = e
    out.append(escape_text(text[pos:end]))
    if end < len(text):
        out.append(" …")
    return f'<div class="wb-doc" style="{DOC_STYLE}">{"".join(out)}</div>'


def paragraph_bounds(text: str, start: int, end: int, *, max_chars: int = 1500) -> tuple[int, int]:
    """The paragraph (blank-line separated) around ``start..end``, cut to about ``max_chars``."""
    lo = text.rfind("\n\n", 0, start)
    lo = 0 if lo < 0 else lo + 2
    hi = text.find("\n\n", end)
    hi = len(text) if hi < 0 else hi
    if hi - lo > max_chars:
        half = max(0, (max_chars - (end - start)) // 2)
        lo = max(lo, start - half)
        hi = min(hi, end + half)
        # do not cut words in half
        if lo > 0 and not text[lo - 1].isspace():
            sp = text.find(" ", lo, start)
            lo = sp + 1 if sp >= 0 else lo
        if hi < len(text) and not text[hi].isspace():
            sp = text.rfind(" ", end, hi)
            hi = sp if sp >= 0 else hi
    return lo, hi
