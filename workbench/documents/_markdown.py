"""Markdown: YAML front matter and the spans that are not prose.

The text itself is left exactly as written (claim offsets count into the whole
file); this module only reads metadata out of it and lists spans to skip.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from dataclasses import dataclass, field
from typing import Any

__all__ = ["MarkdownParts", "parse_markdown"]

_FM_OPEN = re.compile(r"---[ \t]*\r?\n")
_FM_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.MULTILINE)
_FM_MAX_CHARS = 64 * 1024  # larger front matter is kept as text but not parsed
_H1 = re.compile(r"^#[ \t]+(\S.*?)[ \t#]*\r?$", re.MULTILINE)
# The destination of an inline link or image: "](https://x/chart-2024.png)" or with a "title".
_LINK_DEST = re.compile(
    r"""\]\(
        [ \t]*
        ( [^()\s]* (?: \( [^()\s]* \) [^()\s]* )* )   # the URL, one level of balanced parentheses
        (?: [ \t]+ "[^"\n]*" )?                        # optional "title"
        [ \t]*\)
    """,
    re.VERBOSE,
)
_FENCE = re.compile(r"^[ ]{0,3}(```+|~~~+)[^\n]*\n.*?(?:^[ ]{0,3}\1[ \t]*$|\Z)", re.MULTILINE | re.DOTALL)
_MAX_NODES = 5000  # YAML aliases can make a tiny front matter expand exponentially


@dataclass
class MarkdownParts:
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    skip_spans: list[tuple[int, int]] = field(default_factory=list)


def _jsonable(obj: Any, budget: list[int], depth: int = 0) -> Any:
    """A copy of ``obj`` that JSON can store: dates as ISO strings, bounded in size and depth."""
    budget[0] -= 1
    if budget[0] < 0 or depth > 20:
        return None
    if obj is None or isinstance(obj, bool | int | str):
        return obj
    if isinstance(obj, float):
        return obj if math.isfinite(obj) else str(obj)
    if isinstance(obj, dt.date):  # datetime is a date too
        return obj.isoformat()
    if isinstance(obj, dict):
        return {str(k): _jsonable(v, budget, depth + 1) for k, v in obj.items()}
    if isinstance(obj, list | tuple | set):
        return [_jsonable(v, budget, depth + 1) for v in obj]
    if isinstance(obj, bytes):
        return f"<{len(obj)} bytes>"
    return str(obj)[:200]


def _text(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if isinstance(value, list):
        names = [_text(v) for v in value]
        return ", ".join(n for n in names if n) or None
    if isinstance(value, dict):
        return _text(value.get("name"))
    return str(value).strip() or None


def _first(meta: dict[str, Any], *keys: str) -> str | None:
    lowered = {k.lower(): v for k, v in meta.items()}
    for key in keys:
        found = _text(lowered.get(key))
        if found:
            return found
    return None


def parse_markdown(text: str) -> MarkdownParts:
    """Read front matter and find the spans that are not prose.

    >>> parts = parse_markdown("---\\ntitle: Hi\\ndate: 2024-03-01\\n---\\n# Body\\n")
    >>> parts.title, parts.published, parts.skip_spans
    ('Hi', '2024-03-01', [(0, 35)])
    """
    parts = MarkdownParts()
    body_start = 0
    opened = _FM_OPEN.match(text)
    closed = _FM_CLOSE.search(text, opened.end()) if opened else None
    if opened and closed:
        body_start = closed.end()
        parts.skip_spans.append((0, body_start))
        raw = text[opened.end() : closed.start()]
        data: Any = None
        if len(raw) > _FM_MAX_CHARS:
            parts.metadata["front_matter_error"] = f"front matter over {_FM_MAX_CHARS // 1024} KB, not read"
        else:
            import yaml  # here: only files with front matter need it (start-up time)

            try:
                data = yaml.safe_load(raw)
            except Exception as exc:  # malformed YAML must not stop the load (RecursionError too)
                first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                parts.metadata["front_matter_error"] = f"front matter is not valid YAML: {first_line}"
        if isinstance(data, dict):
            meta = _jsonable(data, [_MAX_NODES])
            parts.metadata.update(meta)
            parts.title = _first(meta, "title")
            parts.author = _first(meta, "author", "authors")
            parts.published = _first(meta, "date", "publish_date", "published")
            parts.url = _first(meta, "url", "canonical", "canonical_url")
        elif data is not None:
            parts.metadata["front_matter_error"] = "front matter is not a mapping of keys to values"

    if parts.title is None:
        heading = _H1.search(text, body_start)
        if heading:
            parts.title = heading.group(1)
    for fence in _FENCE.finditer(text, body_start):
        parts.skip_spans.append(fence.span())
    for link in _LINK_DEST.finditer(text, body_start):
        if link.group(1):
            parts.skip_spans.append(link.span(1))
    parts.skip_spans = _merge(parts.skip_spans)
    return parts


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
