"""Golden claim/source pairs, matched with the real extractor.

The cases live in golden_sources.json (texts written for these tests). Each names the
expected status, the figure in the source that decides it (``source_surface``, located
in the text so nobody types offsets) and the suggested verdict.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from workbench.extract import extract_claims
from workbench.match import match_source

CASES = json.loads((Path(__file__).parent / "golden_sources.json").read_text(encoding="utf-8"))["cases"]


def _real_extractor_or_skip() -> None:
    try:
        extract_claims("31% of voters")
    except NotImplementedError:
        pytest.skip("workbench.extract.extract_claims is not implemented yet")


@pytest.mark.parametrize("case", [pytest.param(c, id=c["id"]) for c in CASES])
def test_golden_source(case):
    _real_extractor_or_skip()
    match = match_source(case["claim"], case["source"])
    assert match.status == case["status"], match.explanation
    assert match.suggested_verdict == case["verdict"]
    if "source_surface" in case:
        start = case["source"].index(case["source_surface"])
        assert match.source_value is not None
        assert (match.source_value["start"], match.source_value["end"]) == (
            start,
            start + len(case["source_surface"]),
        )
        top = match.passages[0]
        assert top.figure_start == start
        assert case["source"][top.start : top.end] == top.text
    else:
        assert match.source_value is None
