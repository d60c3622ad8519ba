"""Benchmark workbench.match: cluster N synthetic claims, and match one claim in a 1 MB source.

    python bench/bench_match.py            # 200,000 claims, 1 MB source
    python bench/bench_match.py --claims 20000 --source-mb 0.2

Prints wall time and the process's peak resident memory (ru_maxrss).
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from workbench.extract.types import Claim  # noqa: E402
from workbench.match import ClaimKey, cluster_claims, match_source  # noqa: E402

WORDS = (
    "diagnostic accuracy hospital waiting times patient outcomes staff turnover energy prices carbon "
    "emissions retail sales job losses wages inflation housing costs student loans crop yields rainfall "
    "vaccination rates screen time broadband coverage reading scores traffic deaths tourism revenue "
    "cyber attacks productivity remote work exports tariffs fraud cases"
).split()
SOURCES = ["McKinsey", "the IMF", "a 2025 IBM report", "Gartner", "the ONS", "Early studies", None]


def synthetic_claims(n: int, seed: int = 7) -> list[ClaimKey]:
    rnd = random.Random(seed)
    metrics = [" ".join(rnd.sample(WORDS, rnd.choice((1, 2, 3)))) for _ in range(3000)]
    out = []
    for i in range(n):
        metric = rnd.choice(metrics)
        unit = rnd.choice(("percent", "percent", "percent", "count", "currency", "multiplier"))
        if unit == "percent":
            value = float(rnd.randint(1, 99)) if rnd.random() < 0.8 else round(rnd.uniform(0, 100), 1)
        elif unit == "multiplier":
            value = float(rnd.choice((2, 3, 4, 5, 10)))
        else:
            value = float(rnd.randint(1, 999)) * rnd.choice((1e3, 1e6, 1e9))
        out.append(
            ClaimKey(
                id=i,
                value=value,
                unit=unit,
                value_high=None,
                metric=metric if rnd.random() < 0.9 else None,
                sentence=f"The {metric} changed by {value:g} according to the latest figures from the agency.",
                attribution=rnd.choice(SOURCES),
                document_id=i // 20,
            )
        )
    return out


def synthetic_source(megabytes: float, seed: int = 11) -> str:
    rnd = random.Random(seed)
    paragraphs = []
    size = 0
    while size < megabytes * 1_000_000:
        sentences = []
        for _ in range(rnd.randint(3, 9)):
            a, b = rnd.sample(WORDS, 2)
            sentences.append(
                f"The {a} {b} in the region changed by {rnd.randint(1, 99)}% last year, "
                f"analysts at the {rnd.choice(WORDS)} desk said in a statement on Tuesday."
            )
        p = " ".join(sentences)
        paragraphs.append(p)
        size += len(p) + 2
    mid = len(paragraphs) // 2
    paragraphs.insert(mid, "In the trial, AI tools improved diagnostic accuracy by 31%, the hospital said.")
    return "\n\n".join(paragraphs)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--claims", type=int, default=200_000)
    ap.add_argument("--source-mb", type=float, default=1.0)
    args = ap.parse_args()

    items = synthetic_claims(args.claims)
    t0 = time.perf_counter()
    result = cluster_claims(items)
    dt = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024  # kB on Linux
    print(
        f"cluster_claims: {args.claims:,} claims in {dt:.2f} s, {len(result.clusters):,} clusters, "
        f"{len(result.drift):,} drift groups, peak RSS {peak / 1e6:.0f} MB (incl. the input)"
    )

    source = synthetic_source(args.source_mb)
    claim = Claim(
        start=0,
        end=3,
        text="31%",
        value=31.0,
        unit="percent",
        metric="diagnostic accuracy",
        sentence="AI has raised diagnostic accuracy by 31%, hospitals report.",
    )
    try:
        t0 = time.perf_counter()
        match = match_source(claim, source)
        dt = time.perf_counter() - t0
        print(f"match_source: {len(source) / 1e6:.2f} MB source in {dt:.3f} s -> {match.status}")
    except NotImplementedError:
        print("match_source: skipped, workbench.extract.extract_claims is not implemented yet")


if __name__ == "__main__":
    main()
