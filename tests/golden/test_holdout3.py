"""A third holdout set: eight blog-style articles (.md, .html, .txt), written and labelled in a
separate pass in the shared corpus's gold format (anchors), then scored; REVIEW.md lists the
extractor's errors it showed. The errors were fixed by general rules where one existed; the
thresholds below keep what was reached, with a small margin.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from anchored import Tally, score, share

HERE = Path(__file__).parent / "holdout3"


@pytest.fixture(scope="module")
def tally() -> Tally:
    return score(HERE)


def test_the_set_is_what_review_md_describes(tally: Tally) -> None:
    assert tally.gold >= 200  # a few HTML anchors span markup and are left out


def test_recall_and_precision(tally: Tally) -> None:
    assert tally.found / tally.gold >= 0.93, tally.found / tally.gold
    assert tally.good / tally.scored >= 0.96, tally.good / tally.scored
    assert tally.value / tally.gold >= 0.93


def test_direction_hedge_and_attribution(tally: Tally) -> None:
    assert share(tally.direction) >= 0.95
    assert share(tally.hedge) >= 0.93
    assert share(tally.source) >= 0.84
