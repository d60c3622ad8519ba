"""Long sentences: the source hints scanned once per sentence read as each window's own scan."""

from __future__ import annotations

import random

from workbench.extract import context as ctx

_PIECES = [
    "according to", "McKinsey", "report", "reports", "reported", "study by", "Pew", "said", "data",
    "survey", "per", "estimates", "x", "ab1", "%", ",", ".", " ", " ", "-", "reportedly", "datareport",
    "Found", "abcdefghijklmnopqrstreport", "citing", "like", "IBM's", "analysis", "the",
]  # fmt: skip


def _record(sources: list[ctx.Source]) -> list[tuple[str, int, int, float, bool]]:
    return [(s.text, s.pos, s.end, s.rank, s.named) for s in sources]


def test_window_sources_match_the_windows_own_scan() -> None:
    rng = random.Random(5)
    for _ in range(40):
        text = "".join(rng.choice(_PIECES) + rng.choice(["", " ", " ", "\t"]) for _ in range(400))
        hints = ctx.WindowHints(text, 0, len(text))
        for _ in range(30):
            a = rng.randrange(0, len(text))
            b = min(len(text), a + rng.randrange(1, 300))
            assert _record(hints.sources(text, a, b)) == _record(ctx.sources_in(text[a:b]))


def test_sentence_attribution_matches_attribution_in() -> None:
    rng = random.Random(7)
    words = [*_PIECES, "It", "This", "The company", "Sales", "rose", "5%", "Experts", "analysts"]
    for _ in range(300):
        sentence = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 25)))
        previous = (
            " ".join(rng.choice(words) for _ in range(rng.randrange(1, 25))) if rng.random() < 0.7 else None
        )
        att = ctx.SentenceAttribution(sentence, previous)
        for pos in sorted(rng.randrange(0, len(sentence) + 1) for _ in range(4)):
            assert att.at(pos) == ctx.attribution_in(sentence, pos, previous)
