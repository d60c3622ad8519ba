"""Load documents (.txt, .md with front matter, .html) as text plus metadata.

Temporary minimal loader; the full one (encodings, HTML, size limits) replaces it.
"""

from __future__ import annotations

from pathlib import Path

from workbench.documents.types import Document

__all__ = ["Document", "load_document", "load_text"]


def load_document(path: str | Path, *, max_bytes: int = 20 * 1024 * 1024) -> Document:
    p = Path(path)
    return Document(text=p.read_text(encoding="utf-8"), path=str(p), format=p.suffix.lstrip(".") or "txt")


def load_text(data: bytes, *, name: str = "-", fmt: str | None = None, max_bytes: int = 20 * 1024 * 1024) -> Document:
    return Document(text=data.decode("utf-8"), path=name, format=fmt or "txt")
