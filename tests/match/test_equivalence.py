"""Unit-aware figure comparison, with the tolerance the written precision allows."""

from __future__ import annotations

import pytest

from workbench.match.equivalence import compare_figures, figures_equal, written_tolerance

# (claim value, unit, text) vs (source value, unit, text), extra fields, expected reason
CASES = [
    pytest.param((31, "percent", "31%"), (31, "percent", "31 percent"), {}, "equal", id="31%=31 percent"),
    pytest.param((13, "percent", "13%"), (13, "percent", "Thirteen percent"), {}, "equal", id="words=digits"),
    pytest.param(
        (97e6, "count", "97 million"), (97e6, "count", "97,000,000"), {}, "equal", id="97 million=97,000,000"
    ),
    pytest.param((97e6, "count", "97m"), (97e6, "count", "97 million"), {}, "equal", id="97m=97 million"),
    pytest.param(
        (97e6, "count", "97 million"),
        (97.3e6, "count", "97.3 million"),
        {},
        "within_rounding",
        id="97m~97.3m",
    ),
    pytest.param((0.2, "fraction", "a fifth"), (20, "percent", "20%"), {}, "equal", id="a fifth=20%"),
    pytest.param((20, "percent", "20%"), (0.2, "fraction", "one in five"), {}, "equal", id="20%=one in five"),
    pytest.param(
        (0.2, "fraction", "one in five"), (19.6, "percent", "19.6%"), {}, "within_rounding", id="1in5~19.6"
    ),
    pytest.param(
        (30, "percent", "about 30%"), (29.6, "percent", "29.6%"), {}, "within_rounding", id="about30~29.6"
    ),
    pytest.param(
        (30, "percent", "about 30%"), (29.1, "percent", "29.1%"), {}, "within_rounding", id="hedge-widens"
    ),
    pytest.param(
        (30, "percent", "30%"), (29.1, "percent", "29.1%"), {}, "different_value", id="no-hedge-strict"
    ),
    pytest.param(
        (31.4, "percent", "31.4%"), (31.43, "percent", "31.43%"), {}, "within_rounding", id="31.4~31.43"
    ),
    pytest.param(
        (31.4, "percent", "31.4%"), (31.0, "percent", "31%"), {}, "different_value", id="31.4-strict"
    ),
    pytest.param((31, "percent", "31%"), (13, "percent", "13%"), {}, "different_value", id="31vs13"),
    pytest.param(
        (2, "percent", "2%"),
        (2, "percentage_points", "2 percentage points"),
        {},
        "pp_vs_percent",
        id="pp-vs-%",
    ),
    pytest.param(
        (5e6, "currency", "$5m"),
        (5e6, "currency", "€5m"),
        {"claim_currency": "USD", "source_currency": "EUR"},
        "currency_mismatch",
        id="USD-vs-EUR",
    ),
    pytest.param(
        (5e6, "currency", "$5m"),
        (5e6, "currency", "5 million"),
        {"claim_currency": "USD", "source_currency": None},
        "equal",
        id="currency-unknown-on-one-side",
    ),
    pytest.param(
        (4.7, "quantity", "4.7 hours"),
        (4.7, "count", "4.7"),
        {"claim_noun": "hours", "source_noun": "hrs"},
        "equal",
        id="count~quantity-loose-noun",
    ),
    pytest.param(
        (300, "count", "300 jobs"),
        (300, "count", "300 homes"),
        {"claim_noun": "jobs", "source_noun": "homes"},
        "different_noun",
        id="different-noun",
    ),
    pytest.param((3, "multiplier", "3x"), (3, "percent", "3%"), {}, "incompatible_units", id="times-vs-%"),
    pytest.param(
        (30, "percent", "more than 30%"), (34, "percent", "34%"), {}, "within_bound", id="more-than"
    ),
    pytest.param(
        (30, "percent", "up to 30%"), (34, "percent", "34%"), {}, "different_value", id="up-to-exceeded"
    ),
    pytest.param(
        (20, "percent", "20-30%"),
        (25, "percent", "25%"),
        {"claim_value_high": 30},
        "within_rounding",
        id="range",
    ),
    pytest.param((None, "percent", "?"), (25, "percent", "25%"), {}, "missing_value", id="missing"),
]


@pytest.mark.parametrize(("claim", "source", "extra", "reason"), CASES)
def test_compare_figures(claim, source, extra, reason):
    result = compare_figures(*claim, *source, **extra)
    assert result.reason == reason
    assert result.equal is (reason in {"equal", "within_rounding", "within_bound"})
    assert figures_equal(*claim, *source, **extra) is result.equal


def test_deviation_is_in_the_claims_scale():
    result = compare_figures(0.2, "fraction", "a fifth", 25, "percent", "25%")
    assert result.deviation == pytest.approx(5.0)
    assert result.relative_deviation == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("text", "value", "unit", "tolerance"),
    [
        pytest.param("31%", 31, "percent", 0.5, id="integer"),
        pytest.param("31.4%", 31.4, "percent", 0.05, id="one-decimal"),
        pytest.param("$1.1bn", 1.1e9, "currency", 0.05e9, id="bn"),
        pytest.param("nearly 30%", 30, "percent", 1.0, id="hedged"),
        pytest.param("three million", 3e6, "count", 0.5e6, id="words-with-scale"),
        pytest.param(None, 200, "count", 1.0, id="no-text"),
    ],
)
def test_written_tolerance(text, value, unit, tolerance):
    assert written_tolerance(text, value, unit) == pytest.approx(tolerance)
