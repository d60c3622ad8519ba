"""Ingestion: idempotent, bad files skipped by name, and a killed run that resumes."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from workbench.store import service
from workbench.store.ingest import ingest_paths
from workbench.store.service import Actor, ClaimFilter

ME = Actor("alice")


def write_articles(folder: Path, n: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        p = folder / f"article{i:02d}.txt"
        p.write_text(
            f"Report {i}\n\nUnemployment fell {i + 2}% last year, the ministry said. "
            f"Exports grew to ${i + 1}.5bn, up {10 + i}% on the year.\n",
            encoding="utf-8",
        )
        paths.append(p)
    return paths


def test_ingest_is_idempotent(store, tmp_path):
    write_articles(tmp_path / "in", 3)
    first = ingest_paths(store.sessions, [str(tmp_path / "in")], actor=ME)
    assert (first.new, first.unchanged, first.errors) == (3, 0, [])
    assert first.claims_added >= 9
    again = ingest_paths(store.sessions, [str(tmp_path / "in")], actor=ME)
    assert (again.new, again.unchanged, again.claims_added) == (0, 3, 0)
    with store.reader.begin() as s:
        assert len(service.list_documents(s)) == 3
        assert service.count_claims(s) == first.claims_added


def test_bad_file_in_a_folder_is_reported_and_the_rest_go_in(store, tmp_path):
    folder = tmp_path / "in"
    write_articles(folder, 2)
    (folder / "scan.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "huge.md").write_text("x" * 5000, encoding="utf-8")
    summary = ingest_paths(
        store.sessions, [str(folder), str(tmp_path / "missing.txt")], actor=ME, max_bytes=4000
    )
    assert summary.new == 2
    named = {Path(n).name: msg for n, msg in summary.errors}
    assert set(named) == {"scan.txt", "huge.md", "missing.txt"}
    assert "binary" in named["scan.txt"]
    assert "limit" in named["huge.md"]
    assert "no such file" in named["missing.txt"]


def test_glob_and_stdin_names(store, tmp_path):
    write_articles(tmp_path, 3)
    summary = ingest_paths(store.sessions, [str(tmp_path / "article0[01].txt")], actor=ME)
    assert summary.new == 2


KILLER = textwrap.dedent(
    """
    import os, sys
    from sqlalchemy import event
    from sqlalchemy.orm import Session
    from workbench.store import open_store
    from workbench.store.ingest import ingest_paths
    from workbench.store.service import Actor

    commits = 0

    @event.listens_for(Session, "before_commit")
    def die_on_third_commit(session):
        global commits
        commits += 1
        if commits == 3:
            session.flush()
            os._exit(9)  # like kill -9 in the middle of the third chunk's transaction

    store = open_store(sys.argv[1])
    ingest_paths(store.sessions, [sys.argv[2]], actor=Actor("cron"), chunk_size=2)
    """
)


def test_killed_ingest_leaves_whole_documents_and_resumes(sqlite_url, tmp_path):
    from workbench.store import open_store

    write_articles(tmp_path / "in", 9)
    run = subprocess.run([sys.executable, "-c", KILLER, sqlite_url, str(tmp_path / "in")], capture_output=True,
                         text=True, timeout=120)  # fmt: skip
    assert run.returncode == 9, run.stderr
    store = open_store(sqlite_url)
    with store.reader.begin() as s:
        docs = service.list_documents(s)
        assert len(docs) == 4  # two whole chunks committed, the third rolled back
        for d in docs:  # no document lost claims half-way
            assert service.count_claims(s, ClaimFilter(document_id=d.id)) == d.claim_count > 0
    summary = ingest_paths(store.sessions, [str(tmp_path / "in")], actor=ME)
    assert (summary.new, summary.unchanged) == (5, 4)
    with store.reader.begin() as s:
        assert len(service.list_documents(s)) == 9
    store.engine.dispose()


def test_parallel_ingest_matches_serial_and_skips_stored_content(store, tmp_path, sqlite_url):
    from workbench.store import open_store

    write_articles(tmp_path / "in", 6)
    serial = ingest_paths(store.sessions, [str(tmp_path / "in")], actor=ME, workers=1)
    other = open_store(sqlite_url.replace("claims.db", "other.db"))
    parallel = ingest_paths(
        other.sessions, [str(tmp_path / "in"), str(tmp_path / "nope.txt")], actor=ME, workers=2
    )
    assert (parallel.new, parallel.claims_added) == (serial.new, serial.claims_added)
    assert [Path(n).name for n, _ in parallel.errors] == ["nope.txt"]
    with store.reader.begin() as a, other.reader.begin() as b:
        texts = lambda s: sorted((r.text, r.value, r.unit) for r in service.list_claims(s, limit=1000).rows)  # noqa: E731
        assert texts(a) == texts(b)
    again = ingest_paths(other.sessions, [str(tmp_path / "in")], actor=ME, workers=2)
    assert (again.new, again.unchanged, again.claims_added) == (0, 6, 0)
    other.engine.dispose()


def test_ingest_documents_stores_a_batch_as_ingest_document_stores_each(db_url, tmp_path):
    """The bulk path (one flush, many-row INSERTs) writes the same rows, ids and audit events."""
    import json

    from sqlalchemy import text

    from workbench.documents import load_document
    from workbench.extract import extract_claims
    from workbench.store import open_store
    from workbench.store.ingest import text_hash
    from workbench.store.seed import SEED_DOCUMENTS

    paths = write_articles(tmp_path / "in", 4)
    docs = [load_document(str(p)) for p in paths]
    items = [(d, extract_claims(d.text), text_hash(d)) for d in docs]
    items.insert(2, items[1])  # the same content twice in one batch
    items.append((SEED_DOCUMENTS[1][0], SEED_DOCUMENTS[1][1], "seed-b"))
    items.append((docs[3], (), "no-claims"))

    def dump(store):  # type: ignore[no-untyped-def]
        out = {}
        with store.engine.connect() as c:
            for table, drop in [("documents", {"created_at"}), ("claims", {"created_at", "updated_at"}),
                                ("audit_events", {"at"})]:  # fmt: skip
                rows = c.execute(text(f"SELECT * FROM {table} ORDER BY id")).mappings().all()
                out[table] = [{k: v for k, v in r.items() if k not in drop} for r in rows]
        return out

    one = open_store(db_url)
    with one.sessions.begin() as s:
        service.ingest_document(s, *items[0][:2], content_hash=items[0][2], actor=ME)  # stored before
    with one.sessions.begin() as s:
        each = [service.ingest_document(s, d, c, content_hash=h, actor=ME) for d, c, h in items]
    expected = dump(one)
    one.engine.dispose()
    _reset(db_url, tmp_path)
    many = open_store(db_url)
    with many.sessions.begin() as s:
        service.ingest_document(s, *items[0][:2], content_hash=items[0][2], actor=ME)
    with many.sessions.begin() as s:
        batch = service.ingest_documents(s, items, actor=ME)
    assert batch == each
    assert [r.new for r in batch] == [False, True, False, True, True, True, True]
    got = dump(many)
    assert got == expected
    docs_by_id = {d["id"]: d for d in got["documents"]}
    for e in got["audit_events"]:  # raw SQL: JSON is text on SQLite
        e["after"] = json.loads(e["after"]) if isinstance(e["after"], str) else e["after"]
    assert [e["after"]["hash"] for e in got["audit_events"]] == [items[i][2] for i in (0, 1, 3, 4, 5, 6)]
    assert [e["entity_id"] for e in got["audit_events"]] == sorted(docs_by_id)
    assert [c["document_id"] for c in got["claims"]] == sorted(c["document_id"] for c in got["claims"])
    assert docs_by_id[batch[-1].document_id]["claim_count"] == 0
    assert {e["after"]["claims"] for e in got["audit_events"]} >= {0, len(SEED_DOCUMENTS[1][1])}
    with many.reader.begin() as s:  # and the search index has them
        assert service.count_claims(s, ClaimFilter(text="unemployment fell")) == 4
    many.engine.dispose()


def _reset(db_url: str, tmp_path: Path) -> None:
    """An empty database at the same URL (conftest's db_url gives one per test)."""
    from sqlalchemy import create_engine, text

    if db_url.startswith("sqlite"):
        for extra in ("", "-wal", "-shm"):
            Path(db_url.removeprefix("sqlite:///") + extra).unlink(missing_ok=True)
        return
    engine = create_engine(db_url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
