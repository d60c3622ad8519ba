"""The document record shared by ``documents``, ``store`` and the CLI."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

__all__ = ["Document"]


@dataclass(frozen=True, slots=True)
class Document:
    """A loaded document.

    ``text`` is what claim offsets count into: for .txt and .md the whole decoded
    file, front matter included; for HTML the visible text the parser extracted.
    """

    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None  # ISO date as written in the metadata, if any
    url: str | None = None
    format: str = "txt"  # "txt" | "md" | "html" | "pdf"
    path: str | None = None
    encoding: str = "utf-8"  # the codec that decoded it: "utf-8", "utf-8-sig" or "cp1252"
    metadata: dict[str, Any] = field(default_factory=dict)
    # Spans of text that are not prose (e.g. front matter); the extractor skips them.
    skip_spans: tuple[tuple[int, int], ...] = ()
