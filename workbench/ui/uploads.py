"""Turn uploaded or pasted text into documents and store them. No widgets here, so it is unit-tested."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import PurePath

from workbench.documents import load_text
from workbench.documents.types import Document
from workbench.errors import DocumentError, WorkbenchError
from workbench.store import Store
from workbench.store.clusters import recluster
from workbench.store.ingest import IngestSummary, ingest_documents
from workbench.store.service import Actor

__all__ = ["UPLOAD_TYPES", "ingest_items", "load_paste", "load_uploads"]

UPLOAD_TYPES = ["txt", "md", "markdown", "html", "htm"]
_FORMATS = {"txt": "txt", "md": "md", "markdown": "md", "html": "html", "htm": "html"}


def load_uploads(
    files: Iterable[tuple[str, bytes]], *, max_bytes: int
) -> list[tuple[str, Document | WorkbenchError]]:
    """(name, Document) for each readable file and (name, error) for each one we refuse, with the reason."""
    out: list[tuple[str, Document | WorkbenchError]] = []
    for name, data in files:
        suffix = PurePath(name).suffix.lower().lstrip(".")
        if suffix not in _FORMATS:
            out.append((name, DocumentError(name, f"is a .{suffix or '?'} file; upload .txt, .md or .html")))
            continue
        if len(data) > max_bytes:
            out.append(
                (name, DocumentError(name, f"is larger than the {max_bytes // (1024 * 1024)} MB limit"))
            )
            continue
        try:
            doc = load_text(data, name=name, fmt=_FORMATS[suffix], max_bytes=max_bytes)
        except WorkbenchError as exc:
            out.append((name, exc))
            continue
        except UnicodeDecodeError:  # the minimal loader does not wrap this yet
            out.append((name, DocumentError(name, "is not readable text (is it a binary or a PDF file?)")))
            continue
        if not doc.text.strip():
            out.append((name, DocumentError(name, "is empty")))
            continue
        out.append((name, doc))
    return out


def load_paste(text: str, title: str, *, max_bytes: int) -> Document:
    if not text.strip():
        raise DocumentError("pasted text", "is empty: paste the article first")
    data = text.encode("utf-8")
    doc = load_text(data, name="pasted text", fmt="txt", max_bytes=max_bytes)
    from dataclasses import replace

    return replace(doc, title=title.strip() or doc.title or text.strip().splitlines()[0][:80], path=None)


def ingest_items(
    store: Store, items: list[tuple[str, Document | WorkbenchError]], *, actor: Actor,
    progress: Callable[[int, int | None, str], None] | None = None,
) -> IngestSummary:  # fmt: skip
    """Store the good documents (the bad ones are listed in the summary's errors), then regroup clusters."""
    summary = ingest_documents(store.sessions, items, actor=actor, chunk_size=20, progress=progress,
                               total=len(items))  # fmt: skip
    if summary.new:
        with store.sessions.begin() as session:
            recluster(session)
    return summary
