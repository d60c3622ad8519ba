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
