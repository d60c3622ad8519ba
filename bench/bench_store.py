"""Store benchmark: ingest, the first queue page, CSV export and clustering at 200,000 claims.

    python bench/bench_store.py                  # SQLite, 10,000 documents (~50 MB, ~200,000 claims)
    python bench/bench_store.py --docs 2000      # a quicker run
    python bench/bench_store.py --postgres       # also on PostgreSQL (creates and drops its own database)

Prints the figures; targets (SQLite, 2 cores): ingest < 60 s, first filtered page < 100 ms,
CSV export < 10 s with flat memory, clustering < 60 s.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import tempfile
import time
import tracemalloc
from pathlib import Path

from workbench.config import Settings
from workbench.report.export import export_to
from workbench.store import open_store, service
from workbench.store.clusters import recluster
from workbench.store.ingest import ingest_paths
from workbench.store.service import Actor, ClaimFilter

METRICS = ["productivity", "diagnostic accuracy", "energy costs", "median rent", "bus ridership",
           "hospital waiting times", "youth unemployment", "broadband coverage", "retail sales", "crop yields",
           "carbon emissions", "student engagement", "fraud losses", "exports", "vaccination rates"]  # fmt: skip
SOURCES = ["the OECD", "Gartner", "the Bureau of Labor Statistics", "McKinsey", "the city council",
           "Pew Research Center", "the ministry", "analysts", "experts", "a 2025 industry report"]  # fmt: skip
TEMPLATES = [
    "According to {src}, {metric} rose {p}% last year.",
    "{Src} said {metric} fell by {p} per cent in the second half.",
    "Spending on {metric} reached ${m} million, up from ${m2} million.",
    "Nearly {w} in {d} households reported better {metric}, {src} found.",
    "The programme could cut {metric} by up to {p}% by 2030.",
    "Since the change, {metric} has doubled, and about {n:,} people benefited.",
    "{Src} estimates that {metric} grew from {a}% to {b}% between the two surveys.",
    "A report by {src} put the cost of poor {metric} at €{bn}bn a year.",
]


def make_article(rng: random.Random, i: int) -> str:
    paras = [f"Report {i}: what the numbers say\n"]
    for _ in range(6):
        sents = []
        for _ in range(rng.randint(3, 5)):
            src = rng.choice(SOURCES)
            sents.append(rng.choice(TEMPLATES).format(
                src=src, Src=src[0].upper() + src[1:], metric=rng.choice(METRICS), p=rng.randint(2, 60),
                m=rng.randint(10, 900), m2=rng.randint(10, 900), w=rng.randint(1, 4), d=rng.choice([5, 10]),
                n=rng.randint(1000, 90000), a=rng.randint(1, 30), b=rng.randint(1, 30), bn=rng.randint(1, 40),
            ))  # fmt: skip
        paras.append(" ".join(sents) + " The details vary by region and by year, and commentators disagree on "
                     "what explains the change, but the direction of travel is clear to most observers.")  # fmt: skip
    return "\n\n".join(paras) + "\n"


def timed(label: str, fn, *args, **kwargs):  # type: ignore[no-untyped-def]
    t = time.perf_counter()
    out = fn(*args, **kwargs)
    dt = time.perf_counter() - t
    print(f"  {label:<44} {dt * 1000:10.1f} ms" if dt < 1 else f"  {label:<44} {dt:10.2f} s")
    return out, dt


def run(url: str, folder: Path, docs: int) -> None:
    store = open_store(url)
    actor = Actor("bench")
    print(f"\n== {store.describe()}")
    summary, _ = timed(f"ingest {docs:,} documents", ingest_paths, store.sessions, [str(folder)], actor=actor,
                       chunk_size=200)  # fmt: skip
    print(f"    {summary.line()}")
    with store.reader.begin() as s:
        total = service.count_claims(s)
    print(f"    {total:,} claims in the database")
    flt = ClaimFilter(unit=("percent",), status=("new",), min_score=0.3)
    for label, f, sort in [
        ("first page, no filter, by score", ClaimFilter(), "checkworthiness"),
        ("first page, unit+status+score filter", flt, "checkworthiness"),
        ("first page, free text 'ridership'", ClaimFilter(text="ridership"), "checkworthiness"),
        ("first page, 'McKinsey' + status, by id", ClaimFilter(text="McKinsey", status=("new",)), "id"),
        ("first page, free text '5%' (short: a scan)", ClaimFilter(text="5%"), "checkworthiness"),
        ("page 100 of the filtered queue", flt, "checkworthiness"),
    ]:
        offset = 99 * 50 if "100" in label else 0
        with store.reader.begin() as s:
            timed(label, service.list_claims, s, f, sort=sort, offset=offset, limit=50)
    with store.reader.begin() as s:
        first = service.list_claims(s, flt, limit=1).rows[0].id
        timed("claim detail (get_claim)", service.get_claim, s, first)
        timed("previous/next in the queue", service.neighbours, s, first, flt)

    class Sink(io.TextIOBase):
        def __init__(self) -> None:
            self.n = 0

        def write(self, s: str) -> int:
            self.n += len(s)
            return len(s)

    # Time the export without tracing (tracemalloc slows Python several-fold), then trace
    # exports of different sizes to show that memory stays flat: rows are streamed.
    sink = Sink()
    res, dt = timed("export CSV, all claims", export_to, store.reader, "csv", sink, ClaimFilter(), Settings())
    print(f"    {res.count:,} rows, {sink.n / 1e6:.1f} MB written, {res.count / dt:,.0f} rows/s")
    for n_label, f in [
        ("2,000 claims", ClaimFilter(ids=tuple(range(1, 2001)))),
        ("all claims", ClaimFilter()),
    ]:
        tracemalloc.start()
        res = export_to(store.reader, "csv", Sink(), f, Settings())
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        print(f"    peak Python memory exporting {n_label} ({res.count:,} rows): {peak / 1e6:.1f} MB")
    with store.sessions.begin() as s:
        n, _ = timed("cluster all claims (recluster)", recluster, s)
    print(f"    {n:,} clusters")
    store.engine.dispose()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--postgres", action="store_true", help="also run on PostgreSQL")
    ap.add_argument(
        "--pg-url",
        default=os.environ.get("WORKBENCH_TEST_PG", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"),
    )
    args = ap.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "articles"
        folder.mkdir()
        size = 0
        for i in range(args.docs):
            text = make_article(rng, i)
            size += len(text.encode())
            (folder / f"a{i:05d}.txt").write_text(text, encoding="utf-8")
        print(f"corpus: {args.docs:,} documents, {size / 1e6:.1f} MB")
        run(f"sqlite:///{tmp}/bench.db", folder, args.docs)
        if args.postgres:
            from sqlalchemy import create_engine, text

            admin = create_engine(args.pg_url, isolation_level="AUTOCOMMIT")
            name = f"wb_bench_{os.getpid()}"
            with admin.connect() as c:
                c.execute(text(f'CREATE DATABASE "{name}"'))
            try:
                run(args.pg_url.rsplit("/", 1)[0] + f"/{name}", folder, args.docs)
            finally:
                with admin.connect() as c:
                    c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
                admin.dispose()


if __name__ == "__main__":
    main()
