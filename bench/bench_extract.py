"""Benchmark the extractor: throughput, linearity, memory and pathological inputs.

Throughput depends on how many figures the text holds, so it is measured at three densities:
every sentence with two figures, the density of this project's (statistic-heavy) sample
articles, and that of ordinary blog posts.

    python bench/bench_extract.py [--mb 5]

A benchmark, not a test: it prints figures and exits non-zero only when a
pathological input takes 2 s or more. The generator is seeded, so every run
reads the same text.
"""

from __future__ import annotations

import argparse
import random
import subprocess
import sys
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

from workbench.extract import extract_claims

SUBJECTS = ["Revenue", "Unemployment", "The company's output", "Median rent", "Average pay", "Exports",
            "Hospital admissions", "Cloud spending", "Crop yields", "Energy demand", "Turnout"]  # fmt: skip
VERBS_UP = ["rose", "grew", "climbed", "jumped", "increased"]
VERBS_DOWN = ["fell", "dropped", "declined", "slipped", "was cut"]
SOURCES = ["according to the OECD", "Gartner said", "a 2024 Deloitte survey found", "analysts estimate",
           "the ministry reported", "researchers at Stanford found", "early studies suggest"]  # fmt: skip
NOUNS = ["jobs", "households", "patients", "vehicles", "customers", "schools", "employees", "homes"]
HEDGES = ["", "", "about ", "nearly ", "up to ", "more than ", "roughly "]


def _figure(rng: random.Random) -> str:
    kind = rng.randrange(9)
    if kind == 0:
        return f"{rng.uniform(0.1, 60):.1f}%"
    if kind == 1:
        return f"${rng.uniform(1, 900):.1f}bn"
    if kind == 2:
        return f"{rng.randrange(2, 999)},{rng.randrange(0, 999):03d} {rng.choice(NOUNS)}"
    if kind == 3:
        return f"{rng.uniform(1, 99):.1f} million {rng.choice(NOUNS)}"
    if kind == 4:
        return f"between {rng.randrange(1, 20)}% and {rng.randrange(21, 60)}%"
    if kind == 5:
        return f"from {rng.uniform(1, 9):.1f}% to {rng.uniform(1, 9):.1f}%"
    if kind == 6:
        return rng.choice(["one in five", "two-thirds of them", "a quarter of them", "nine in 10"])
    if kind == 7:
        return f"{rng.randrange(2, 9)}x"
    return f"{rng.uniform(1, 12):.1f} hours"


# Sentences without a figure (some with dates and names that are not claims), for realistic densities.
OPENERS = ["The team", "Maria Lopez, who leads the project,", "Most readers", "Our analysts", "The board",
           "Critics of the plan", "In the Midlands, the council", "Customers", "Local officials", "The authors"]  # fmt: skip
SAYS = ["argued that", "pointed out that", "noted that", "believe that", "worried that", "insisted that"]
CLAUSES = ["the change was long overdue", "the new rules would take time to bed in",
           "the market had cooled since the spring", "smaller firms felt the squeeze first",
           "the pilot scheme deserved a wider trial", "nobody had expected the response to be so strong",
           "the figures should be read with care", "the old system had simply stopped working"]  # fmt: skip
TAILS = ["", "", " when the results came out on 4 March 2024", " during a briefing in Leeds",
         " at the end of the third quarter", " in a post on its website", " before the 2025 election"]  # fmt: skip

# name -> the share of sentences that carry figures (each such sentence carries two).
DENSITIES = {
    "dense": 1.0,  # every sentence: ~16 claims per KB
    "statistic-heavy": 0.35,  # ~6 claims per KB, like this project's sample articles
    "typical blog": 0.06,  # ~1 claim per KB, like the articles in ../shared/corpus (0.2 to 1.4)
}


def _plain(rng: random.Random) -> str:
    return f"{rng.choice(OPENERS)} {rng.choice(SAYS)} {rng.choice(CLAUSES)}{rng.choice(TAILS)}."


def make_prose(n_bytes: int, seed: int = 7, figures: float = 1.0) -> str:
    """Deterministic prose of about ``n_bytes`` bytes; ``figures`` of the sentences carry two figures."""
    rng = random.Random(seed)
    parts: list[str] = []
    size = 0
    while size < n_bytes:
        para = []
        for _ in range(rng.randrange(2, 6)):
            if rng.random() >= figures:
                para.append(_plain(rng))
                continue
            verb = rng.choice(VERBS_UP + VERBS_DOWN)
            s = (
                f"{rng.choice(SUBJECTS)} {verb} {rng.choice(HEDGES)}{_figure(rng)} in {rng.randrange(1990, 2030)}, "
                f"{rng.choice(SOURCES)}, while {rng.choice(HEDGES)}{_figure(rng)} of firms saw little change."
            )
            para.append(s)
        text = " ".join(para) + "\n\n"
        parts.append(text)
        size += len(text)
    return "".join(parts)


def timed(fn: Callable[[], object]) -> float:
    t = time.perf_counter()
    fn()
    return time.perf_counter() - t


_RUN_AND_MEASURE = """
import resource, subprocess, sys, time
t = time.perf_counter()
r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=False)
dt = time.perf_counter() - t
if r.returncode:
    sys.exit(r.stderr[-500:])
print(dt, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024)
"""


def _run_cli(path: Path) -> tuple[float, float]:
    """Wall time and peak RSS (MB, the largest of the CLI and its workers) of ``workbench extract``."""
    cmd = [sys.executable, "-m", "workbench", "extract", str(path), "--format", "jsonl"]
    out = subprocess.run(
        [sys.executable, "-c", _RUN_AND_MEASURE, *cmd], capture_output=True, text=True, check=True
    )
    t, rss = out.stdout.split()
    return float(t), float(rss)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=5.0, help="size of the main input in MB (default 5)")
    args = ap.parse_args()
    mb = args.mb
    big = make_prose(int(mb * 1_000_000))
    small = big[: len(big) // 10]
    print(f"input: {len(big) / 1e6:.2f} MB of generated prose at three densities of figures")

    with tempfile.TemporaryDirectory() as d:
        for name, figures in DENSITIES.items():
            text = big if figures == 1.0 else make_prose(int(mb * 1_000_000), figures=figures)
            t = time.process_time()
            n_claims = len(extract_claims(text))
            dt = time.process_time() - t
            path = Path(d) / "big.txt"
            path.write_text(text, encoding="utf-8")
            t_cli, rss = _run_cli(path)
            print(
                f"{name} ({n_claims / len(text) * 1000:.1f} claims per KB): in process, one core "
                f"{len(text) / 1e6 / dt:.2f} MB/s; end to end (workbench extract, jsonl) "
                f"{len(text) / 1e6 / t_cli:.2f} MB/s ({t_cli:.2f} s, peak RSS {rss:.0f} MB)"
            )
        path.write_text(big[:1_000_000], encoding="utf-8")
        t_cli, rss = _run_cli(path)
        print(f"dense, 1 MB end to end: {t_cli:.2f} s, peak RSS {rss:.0f} MB (memory stays flat with size)")

    # The best of three runs each: one run on a shared machine is off by up to 20%.
    t_small = min(timed(lambda: extract_claims(small)) for _ in range(3))
    t_big = min(timed(lambda: extract_claims(big)) for _ in range(3))
    print(
        f"linearity (dense, best of 3): 1x {t_small:.3f} s, 10x {t_big:.3f} s, ratio {t_big / t_small:.1f}"
        " (10 is linear)"
    )

    for label, text in (("1 MB", big[:1_000_000]), (f"{mb:g} MB", big)):
        tracemalloc.start()
        extract_claims(text)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"peak Python memory of extract_claims (a list of every claim) for {label}: {peak / 1e6:.1f} MB"
        )

    rng = random.Random(3)
    pathological = {
        "1 MB of digits and commas": "".join(rng.choice("0123456789,") for _ in range(1_000_000)),
        "100,000 numbers on one line": " ".join(str(rng.randrange(1, 10**6)) for _ in range(100_000)),
        "repeated hedges": "up to " * 100_000 + "5%",
        "1 MB without spaces": "".join(rng.choice("ab1%.,-$") for _ in range(1_000_000)),
        "1 MB of one digit": "9" * 1_000_000,
        "nested ranges": "between 1 and " * 50_000 + "2%",
    }
    worst = 0.0
    for label, text in pathological.items():
        t = timed(lambda text=text: extract_claims(text))
        worst = max(worst, t)
        print(f"pathological, {label}: {t:.3f} s")
    return 1 if worst >= 2.0 else 0


if __name__ == "__main__":
    sys.exit(main())
