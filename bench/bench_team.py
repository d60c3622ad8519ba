"""20 concurrent reviewers save verdicts and notes: throughput, save latency, conflicts, lost updates.

    python bench/bench_team.py --seconds 15

Runs on SQLite (a temp file) and on PostgreSQL when one answers at WORKBENCH_TEST_PG (default
postgresql+psycopg://postgres@127.0.0.1:5432/postgres); it creates its own database there and
drops it at the end. Each reviewer loops: read a claim, then save a proposed verdict (optimistic
locking, so a stale save is a conflict) or a note. At the end, every claim's version must equal
1 + its audited claim changes, and the notes must equal the audited add_note events.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

from sqlalchemy import create_engine, func, select, text

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.config import VERDICTS  # noqa: E402
from workbench.documents.types import Document  # noqa: E402
from workbench.errors import EditConflict  # noqa: E402
from workbench.extract.types import Claim  # noqa: E402
from workbench.store import Store, open_store, service  # noqa: E402
from workbench.store.engine import make_engine, make_sessionmaker  # noqa: E402
from workbench.store.models import AuditEvent, Note  # noqa: E402
from workbench.store.models import Claim as ClaimRow  # noqa: E402

REVIEWERS = 20
CLAIMS = 400
LABELS = [v.key for v in VERDICTS]
PG_ADMIN = os.environ.get("WORKBENCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres")


def seed(store) -> list[int]:
    admin = service.Actor("bench")
    with store.sessions.begin() as s:
        for d in range(0, CLAIMS, 100):
            sentences = [f"Item {i} rose {i % 90 + 1}% last year. " for i in range(d, d + 100)]
            body = "".join(sentences)
            claims, pos = [], 0
            for i, sent in zip(range(d, d + 100), sentences, strict=True):
                surface = f"{i % 90 + 1}%"
                start = pos + sent.index(surface)
                claims.append(Claim(start=start, end=start + len(surface), text=surface, value=float(i % 90 + 1),
                                    unit="percent", sentence=sent.strip()))  # fmt: skip
                pos += len(sent)
            doc = Document(text=body, title=f"Bench {d}", path=f"bench{d}.txt")
            service.ingest_document(
                s, doc, claims, content_hash=hashlib.sha256(body.encode()).hexdigest(), actor=admin
            )
        return list(s.scalars(select(ClaimRow.id)))


def run(url: str, seconds: float) -> dict[str, float]:
    open_store(url).engine.dispose()  # create the schema
    engine = make_engine(url, pool_size=REVIEWERS + 5)  # one connection per reviewer, no waiting for the pool
    store = Store(url, engine, make_sessionmaker(engine), make_sessionmaker(engine, readonly=True))
    ids = seed(store)
    latencies: list[float] = []
    conflicts = saves = notes = 0
    errors: list[BaseException] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds
    gate = threading.Barrier(REVIEWERS)

    def work(n: int) -> None:
        nonlocal conflicts, saves, notes
        actor = service.Actor(f"rev{n:02d}", "reviewer")
        rng = random.Random(n)
        gate.wait()
        while time.monotonic() < stop:
            cid = rng.choice(ids)
            try:
                with store.reader.begin() as s:
                    version = service.get_claim(s, cid).version
                time.sleep(rng.uniform(0, 0.01))  # a moment of reading, so saves can go stale
                t0 = time.perf_counter()
                with store.sessions.begin() as s:
                    if rng.random() < 0.7:
                        service.set_verdict(s, cid, rng.choice(LABELS), expected_version=version, actor=actor,
                                            final=False)  # fmt: skip
                        kind = "save"
                    else:
                        service.add_note(s, cid, f"note by {actor.name}", actor=actor)
                        kind = "note"
                dt = time.perf_counter() - t0
                with lock:
                    latencies.append(dt)
                    if kind == "save":
                        saves += 1
                    else:
                        notes += 1
            except EditConflict:
                with lock:
                    conflicts += 1
            except BaseException as exc:
                errors.append(exc)
                return

    threads = [threading.Thread(target=work, args=(n,)) for n in range(REVIEWERS)]
    t_start = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t_start
    with store.reader.begin() as s:
        audited = dict(
            s.execute(
                select(AuditEvent.claim_id, func.count())
                .where(AuditEvent.entity == "claim")
                .group_by(AuditEvent.claim_id)
            ).all()
        )
        lost = sum(
            1 for cid, v in s.execute(select(ClaimRow.id, ClaimRow.version)) if v != 1 + audited.get(cid, 0)
        )
        n_notes = s.scalar(select(func.count(Note.id)))
        n_note_events = s.scalar(select(func.count()).where(AuditEvent.action == "add_note"))
    store.engine.dispose()
    if errors:
        raise errors[0]
    lat = sorted(latencies)
    return {
        "seconds": elapsed,
        "writes": len(lat),
        "throughput": len(lat) / elapsed,
        "p50_ms": statistics.median(lat) * 1000 if lat else float("nan"),
        "p95_ms": lat[int(0.95 * (len(lat) - 1))] * 1000 if lat else float("nan"),
        "verdicts": saves,
        "notes": notes,
        "conflicts": conflicts,
        "lost_updates": lost + abs(n_notes - notes) + abs(n_note_events - notes),
    }


def report(name: str, r: dict[str, float]) -> None:
    print(
        f"{name:10} {r['writes']:6.0f} writes in {r['seconds']:.1f}s = {r['throughput']:6.1f}/s  "
        f"p50 {r['p50_ms']:6.1f} ms  p95 {r['p95_ms']:6.1f} ms  "
        f"verdicts {r['verdicts']:.0f}  notes {r['notes']:.0f}  conflicts {r['conflicts']:.0f}  "
        f"lost updates {r['lost_updates']:.0f}"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--seconds", type=float, default=60.0, help="How long each backend runs (default 60).")
    args = ap.parse_args()
    print(f"{REVIEWERS} reviewers, {CLAIMS} claims, {args.seconds:.0f} s per backend")
    with tempfile.TemporaryDirectory() as tmp:
        report("sqlite", run(f"sqlite:///{Path(tmp) / 'bench.db'}", args.seconds))
    admin = create_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    name = f"wb_bench_{uuid.uuid4().hex[:8]}"
    try:
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # no server: say so and stop
        print(f"postgresql skipped: {type(exc).__name__} at {PG_ADMIN.rsplit('@', 1)[-1]}")
        return
    try:
        report("postgresql", run(PG_ADMIN.rsplit("/", 1)[0] + f"/{name}", args.seconds))
    finally:
        with admin.connect() as c:
            c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


if __name__ == "__main__":
    main()
