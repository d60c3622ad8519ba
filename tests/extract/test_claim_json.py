"""``Claim.to_json`` writes exactly what ``json.dumps(claim.to_record())`` writes."""

from __future__ import annotations

import json
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.extract import extract_claims
from workbench.extract.types import Claim
from workbench.samples import sample_paths

TEXTS = st.text(alphabet=st.characters(codec="utf-8"), max_size=40)
OPT_TEXT = st.none() | TEXTS
NUMBERS = st.none() | st.floats() | st.integers(-(10**20), 10**20)


def _dumps(claim: Claim, document: str | None) -> str:
    return json.dumps(claim.to_record(document), ensure_ascii=False)


@settings(max_examples=300, deadline=None)
@given(
    document=OPT_TEXT,
    text=TEXTS,
    value=NUMBERS,
    high=NUMBERS,
    low=NUMBERS,
    optional=st.lists(OPT_TEXT, min_size=6, max_size=6),
    score=st.floats(),
    flags=st.lists(TEXTS, max_size=3),
)
def test_to_json_is_json_dumps_of_the_record(
    document: str | None,
    text: str,
    value: float | None,
    high: float | None,
    low: float | None,
    optional: list[str | None],
    score: float,
    flags: list[str],
) -> None:
    currency, noun, direction, hedge, metric, attribution = optional
    claim = Claim(
        start=3, end=3 + len(text), text=text, value=value, unit="percent", value_high=high, value_from=low,
        currency=currency, noun=noun, direction=direction, hedge=hedge, metric=metric,
        attribution=attribution, sentence=f"“{text}”\t\\", checkworthiness=score, flags=tuple(flags),
    )  # fmt: skip
    assert claim.to_json(document) == _dumps(claim, document)


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name)
def test_to_json_on_the_samples(path: object) -> None:
    from workbench.documents import load_document

    doc = load_document(path)  # type: ignore[arg-type]
    claims = extract_claims(doc.text)
    assert claims
    for c in claims:
        line = c.to_json(str(path))
        assert line == _dumps(c, str(path))
        assert json.loads(line)["text"] == c.text


def test_non_finite_numbers_are_written_as_json_does() -> None:
    claim = Claim(start=0, end=1, text="x", value=math.inf, unit="count", checkworthiness=math.nan)
    assert claim.to_json() == _dumps(claim, None)
    assert '"value": Infinity' in claim.to_json()
