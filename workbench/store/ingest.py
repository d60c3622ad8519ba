"""Batch ingestion: files, folders, globs and stdin into the claims database.

One transaction per chunk of documents, each document with all its claims, so a
killed run leaves only whole documents behind; running it again skips what is
already stored (content hash) and finishes the job.
"""

from __future__ import annotations

import glob
import hashlib
import multiprocessing
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy.orm import Session, sessionmaker

from workbench.documents import SUPPORTED_SUFFIXES, load_document, load_text
from workbench.documents.types import Document as LoadedDocument
from workbench.errors import WorkbenchError
from workbench.extract import extract_claims
from workbench.extract.types import Claim as ExtractedClaim
from workbench.store import service
from workbench.store.service import Actor

__all__ = ["IngestSummary", "expand_paths", "ingest_documents", "ingest_paths", "text_hash"]

Progress = Callable[[int, int | None, str], None]  # (done, total or None, current name)
_Item = tuple[str, LoadedDocument | WorkbenchError, tuple[ExtractedClaim, ...] | None]


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


def _load(name: str, max_bytes: int) -> LoadedDocument | WorkbenchError:
    try:
        if name == "-":
            return load_text(sys.stdin.buffer.read(), name="stdin", max_bytes=max_bytes)
        return load_document(name, max_bytes=max_bytes)
    except WorkbenchError as exc:
        return exc
    except OSError as exc:  # e.g. a file that vanished mid-run
        return WorkbenchError(f"{name}: {exc.strerror or exc}")


_KNOWN: frozenset[str] = frozenset()


def _init_worker(known: frozenset[str]) -> None:
    global _KNOWN
    _KNOWN = known


def _load_and_extract(name: str, max_bytes: int) -> _Item:
    """Worker: load one file and extract its claims (skipped when the content is already stored)."""
    doc = _load(name, max_bytes)
    if isinstance(doc, WorkbenchError) or text_hash(doc) in _KNOWN:
        return name, doc, None
    return name, doc, tuple(extract_claims(doc.text))


PARALLEL_FROM = 40  # files; below this, starting worker processes costs more than it saves


def ingest_paths(
    sessions: sessionmaker[Session], paths: Iterable[str], *, actor: Actor, max_bytes: int = 20 * 1024 * 1024,
    chunk_size: int = 100, progress: Progress | None = None, workers: int | None = None,
) -> IngestSummary:  # fmt: skip
    """Ingest files, folders, globs and stdin.

    Extraction is CPU-bound and pure, so with many files it runs in worker processes
    (``workers``, default: one per core) while this process writes to the database.
    """
    names = list(expand_paths(paths))
    service.require(actor, "ingest")
    files = [n for n, problem in names if problem is None and n != "-"]
    if workers is None:
        workers = min(os.cpu_count() or 1, 8) if len(files) >= PARALLEL_FROM else 1

    def serial() -> Iterator[_Item]:
        for name, problem in names:
            yield (
                (name, WorkbenchError(f"{name}: {problem}"), None)
                if problem
                else (name, _load(name, max_bytes), None)
            )

    if workers <= 1:
        return _ingest(
            sessions, serial(), actor=actor, chunk_size=chunk_size, progress=progress, total=len(names)
        )

    with sessions.begin() as session:
        known = frozenset(service.all_document_hashes(session))
    ctx = multiprocessing.get_context("spawn")  # no forked copies of open database connections
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=_init_worker, initargs=(known,)) as pool:

        def parallel() -> Iterator[_Item]:
            results = pool.map(_load_and_extract, files, [max_bytes] * len(files), chunksize=4)
            for name, problem in names:
                if problem:
                    yield name, WorkbenchError(f"{name}: {problem}"), None
                elif name == "-":
                    yield name, _load(name, max_bytes), None
                else:
                    yield next(results)

        return _ingest(sessions, parallel(), actor=actor, chunk_size=chunk_size, progress=progress,
                       total=len(names))  # fmt: skip


def ingest_documents(
    sessions: sessionmaker[Session], items: Iterable[tuple[str, LoadedDocument | WorkbenchError]], *, actor: Actor,
    chunk_size: int = 100, progress: Progress | None = None, total: int | None = None,
) -> IngestSummary:  # fmt: skip
    """Store loaded documents with their claims, one transaction per chunk."""
    service.require(actor, "ingest")
    return _ingest(sessions, ((n, d, None) for n, d in items), actor=actor, chunk_size=chunk_size,
                   progress=progress, total=total)  # fmt: skip


def _ingest(
    sessions: sessionmaker[Session], items: Iterable[_Item], *, actor: Actor, chunk_size: int,
    progress: Progress | None, total: int | None,
) -> IngestSummary:  # fmt: skip
    summary = IngestSummary()
    chunk: list[tuple[str, LoadedDocument, str, tuple[ExtractedClaim, ...] | None]] = []
    done = 0

    def flush() -> None:
        if not chunk:
            return
        with sessions.begin() as session:
            known = service.document_hashes(session, [h for _, _, h, _ in chunk])
            seen: set[str] = set()
            todo = []
            ids: list[int | None] = []  # in chunk order; None: stored below
            for _name, doc, h, claims in chunk:
                if h in known or h in seen:
                    summary.unchanged += 1
                    if h in known:
                        ids.append(known[h])
                    continue
                seen.add(h)
                ids.append(None)
                todo.append((doc, claims if claims is not None else extract_claims(doc.text), h))
            stored = iter(service.ingest_documents(session, todo, actor=actor))  # the chunk in one go
            for i in ids:
                if i is None:
                    res = next(stored)
                    summary.new += 1
                    summary.claims_added += res.claims_added
                    i = res.document_id
                summary.document_ids.append(i)
        chunk.clear()

    for name, item, claims in items:
        done += 1
        if isinstance(item, WorkbenchError):
            msg = str(item)
            summary.errors.append((name, msg[len(name) + 2 :] if msg.startswith(f"{name}: ") else msg))
        else:
            chunk.append((name, item, text_hash(item), claims))
            if len(chunk) >= chunk_size:
                flush()
        if progress:
            progress(done, total, name)
    flush()
    if summary.new >= 50:  # a bulk load: refresh the planner's statistics
        with sessions.begin() as session:
            service.refresh_statistics(session)
    return summary
