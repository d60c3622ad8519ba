"""Server time of the queue and review screens on a 200,000-claim SQLite database.

    python bench/bench_ui.py [--docs 2000] [--claims-per-doc 100] [--db /tmp/bench_ui.db] [--runs 5]

Builds the database once (synthetic hand-built claims through ``service.ingest_document``,
no extractor), then times AppTest runs of the screens. The goal is under 1 s each.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import statistics
import time
from pathlib import Path

from workbench.documents.types import Document
from workbench.extract.types import Claim
from workbench.store import open_store, service
from workbench.store.service import Actor

APP = Path(__file__).resolve().parents[1] / "workbench" / "ui" / "app.py"
UNITS = ("percent", "count", "currency", "fraction", "multiplier")


def build(db: Path, docs: int, per_doc: int) -> str:
    url = f"sqlite:///{db}"
    if db.exists():
        return url
    store = open_store(url)
    rnd = random.Random(7)
    actor = Actor("bench")
    t = time.perf_counter()
    for d0 in range(0, docs, 100):
        with store.sessions.begin() as s:
            for d in range(d0, min(docs, d0 + 100)):
                paras, claims, pos = [], [], 0
                for i in range(per_doc):
                    sentence = (
                        f"In survey {d}-{i} the share of workers rose {i + 1}% according to Source {i % 7}."
                    )
                    k = sentence.index(f"{i + 1}%")
                    claims.append(Claim(start=pos + k, end=pos + k + len(f"{i + 1}%"), text=f"{i + 1}%",
                                        value=float(i + 1), unit=rnd.choice(UNITS), metric="share of workers",
                                        attribution=f"Source {i % 7}", sentence=sentence,
                                        checkworthiness=round(rnd.random(), 3), flags=("precise_figure",)))  # fmt: skip
                    paras.append(sentence)
                    pos += len(sentence) + (2 if i % 5 == 4 else 1)
                    paras.append("\n\n" if i % 5 == 4 else " ")
                text = "".join(paras)
                doc = Document(text=text, title=f"Synthetic article {d}", url=f"https://news.example/{d}")
                h = hashlib.sha256(text.encode()).hexdigest()
                service.ingest_document(s, doc, claims, content_hash=h, actor=actor)
    print(f"built {docs * per_doc:,} claims in {time.perf_counter() - t:.1f} s")
    store.engine.dispose()
    return url


def time_runs(url: str, page: str | None, runs: int) -> list[float]:
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ["WORKBENCH_DATABASE_URL"] = url
    st.cache_resource.clear()
    at = AppTest.from_file(str(APP), default_timeout=120).run()  # warm-up: opens the store
    if page:
        at.switch_page(page).run()
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        at.run()
        out.append(time.perf_counter() - t)
        assert not at.exception, [e.value for e in at.exception]
    return out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--docs", type=int, default=2000)
    ap.add_argument("--claims-per-doc", type=int, default=100)
    ap.add_argument("--db", type=Path, default=Path("/tmp/bench_ui.db"))
    ap.add_argument("--runs", type=int, default=5)
    a = ap.parse_args()
    url = build(a.db, a.docs, a.claims_per_doc)
    for name, page in (
        ("queue", None),
        ("review", "screens/review.py"),
        ("documents", "screens/documents.py"),
    ):
        ts = time_runs(url, page, a.runs)
        print(
            f"{name:10s} median {statistics.median(ts) * 1000:7.0f} ms   max {max(ts) * 1000:7.0f} ms  ({a.runs} runs)"
        )


if __name__ == "__main__":
    main()
