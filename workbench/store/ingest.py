"""Batch ingestion: files, folders, globs and stdin into the claims database.

One transaction per chunk of documents, each document with all its claims, so a
killed run leaves only whole documents behind; running it again skips what is
already stored (content hash) and finishes the job.
"""

from __future__ import annotations

import glob
import hashlib
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from workbench.documents import SUPPORTED_SUFFIXES, load_document, load_text
from workbench.documents.types import Document as LoadedDocument
from workbench.errors import WorkbenchError
from workbench.extract import extract_claims
from workbench.store import service
from workbench.store.service import Actor

__all__ = ["IngestSummary", "expand_paths", "ingest_documents", "ingest_paths", "text_hash"]

Progress = Callable[[int, int | None, str], None]  # (done, total or None, current name)


@dataclass
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    claims_added: int = 0
    errors: list[tuple[str, str]] = field(default_factory=list)
    document_ids: list[int] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.new + self.unchanged

    def line(self) -> str:
        parts = [
            f"{self.new} new document{'s' if self.new != 1 else ''}",
            f"{self.unchanged} unchanged",
            f"{self.claims_added} claim{'s' if self.claims_added != 1 else ''} added",
            f"{len(self.errors)} error{'s' if len(self.errors) != 1 else ''}",
        ]
        return ", ".join(parts)


def text_hash(doc: LoadedDocument) -> str:
    return str(doc.metadata.get("sha256") or hashlib.sha256(doc.text.encode("utf-8")).hexdigest())


def expand_paths(paths: Iterable[str]) -> Iterator[tuple[str, str | None]]:
    """Yield (name, problem) for every file the arguments name; problem is None for a readable file.

    Folders are walked recursively for supported files; globs are expanded; ``-`` is stdin.
    """
    for raw in paths:
        if raw == "-":
            yield "-", None
            continue
        p = Path(raw).expanduser()
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES)
            if not found:
                yield raw, f"no {', '.join(sorted(SUPPORTED_SUFFIXES))} files in this folder"
            for f in found:
                if not any(part.startswith(".") for part in f.relative_to(p).parts):
                    yield str(f), None
        elif p.exists():
            yield str(p), None
        elif glob.has_magic(raw):
            matches = sorted(glob.glob(raw, recursive=True))
            if not matches:
                yield raw, "the pattern matched no files"
            for m in matches:
                if Path(m).is_file():
                    yield m, None
        else:
            yield raw, "no such file"


def ingest_paths(
    sessions: sessionmaker[Session], paths: Iterable[str], *, actor: Actor, max_bytes: int = 20 * 1024 * 1024,
    chunk_size: int = 100, progress: Progress | None = None,
) -> IngestSummary:  # fmt: skip
    names = list(expand_paths(paths))

    def load() -> Iterator[tuple[str, LoadedDocument | WorkbenchError]]:
        for name, problem in names:
            if problem:
                yield name, WorkbenchError(f"{name}: {problem}")
                continue
            try:
                if name == "-":
                    yield name, load_text(sys.stdin.buffer.read(), name="stdin", max_bytes=max_bytes)
                else:
                    yield name, load_document(name, max_bytes=max_bytes)
            except WorkbenchError as exc:
                yield name, exc
            except OSError as exc:  # e.g. a file that vanished mid-run
                yield name, WorkbenchError(f"{name}: {exc.strerror or exc}")

    return ingest_documents(sessions, load(), actor=actor, chunk_size=chunk_size, progress=progress,
                            total=len(names))  # fmt: skip


def ingest_documents(
    sessions: sessionmaker[Session], items: Iterable[tuple[str, LoadedDocument | WorkbenchError]], *, actor: Actor,
    chunk_size: int = 100, progress: Progress | None = None, total: int | None = None,
) -> IngestSummary:  # fmt: skip
    """Store loaded documents with their claims, one transaction per chunk."""
    service.require(actor, "ingest")
    summary = IngestSummary()
    chunk: list[tuple[str, LoadedDocument, str]] = []
    done = 0

    def flush() -> None:
        if not chunk:
            return
        with sessions.begin() as session:
            known = service.document_hashes(session, [h for _, _, h in chunk])
            seen: set[str] = set()
            for _name, doc, h in chunk:
                if h in known or h in seen:
                    summary.unchanged += 1
                    if h in known:
                        summary.document_ids.append(known[h])
                    continue
                seen.add(h)
                res = service.ingest_document(
                    session, doc, extract_claims(doc.text), content_hash=h, actor=actor
                )
                summary.new += 1
                summary.claims_added += res.claims_added
                summary.document_ids.append(res.document_id)
        chunk.clear()

    for name, item in items:
        done += 1
        if isinstance(item, WorkbenchError):
            msg = str(item)
            summary.errors.append((name, msg[len(name) + 2 :] if msg.startswith(f"{name}: ") else msg))
        else:
            chunk.append((name, item, text_hash(item)))
            if len(chunk) >= chunk_size:
                flush()
        if progress:
            progress(done, total, name)
    flush()
    return summary
