"""Hypothesis: the extractor never raises, and its output keeps the contract on any text."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from workbench.extract import extract_claims, parse_span, split_sentences

# Text that looks like statistics prose, so the interesting branches run, mixed with anything at all.
FRAGMENTS = st.sampled_from(
    [
        "31%",
        " rose ",
        " by ",
        "up to ",
        "$4.2bn",
        " from ",
        " to ",
        "between ",
        " and ",
        "one in five",
        "2025",
        "-",
        "–",
        ",",
        ".",
        "\n",
        "\n\n",
        "---\n",
        " percent",
        "pp",
        "3x",
        "half of ",
        "twice as ",
        "According to ",
        "McKinsey",
        " said ",
        "1,200",
        " jobs",
        "https://x.io/1",
        "![a](b/2.png)",
        "Q3 ",
        "10:30",
        "GPT-4",
        "(",
        ")",
        "the ",
        "0.5",
        "million",
        "k",
        "€",
        "£",
        "¥",
        "1- ",
        "# ",
        "é",
        "\u00a0",
        "\u2212",
        "𝟙",
        "٣",
        "\ufeff",
        "\r\n",
    ]
)
PROSE = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join)
ANY_TEXT = st.one_of(st.text(max_size=300), PROSE)


def check(text: str) -> None:
    claims = extract_claims(text)
    assert claims == extract_claims(text)  # deterministic
    last_end = -1
    for c in claims:
        assert 0 <= c.start < c.end <= len(text)
        assert c.text == text[c.start : c.end]
        assert c.start >= last_end  # sorted, never overlapping
        last_end = c.end
        assert 0.0 <= c.checkworthiness <= 1.0
        assert c.direction in (None, "increase", "decrease")
        if c.unit == "fraction" and c.value is not None:
            assert 0.0 <= c.value <= 1.0


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(ANY_TEXT)
@example("---\n")
@example("---\nx: 1\n---\n5% of 10,000 jobs")
@example("from 5% to")
@example("between $2 and")
@example("1- 2- 3- 4-")
@example("\u2212\u2212\u22125%")
def test_extract_keeps_the_contract(text: str) -> None:
    check(text)


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT, st.integers(-5, 400), st.integers(-5, 400))
def test_parse_span_never_raises(text: str, start: int, end: int) -> None:
    c = parse_span(text, start, end)
    assert c.text == text[c.start : c.end]


@settings(max_examples=200, deadline=None)
@given(ANY_TEXT)
def test_sentences_are_ordered_spans(text: str) -> None:
    last = 0
    for s, e in split_sentences(text):
        assert last <= s < e <= len(text)
        last = e
