"""Unit-aware comparison of two figures, with a tolerance taken from how they are written.

A figure is only as precise as the digits it shows: "31%" stands for anything that
rounds to 31 (30.5 to 31.5), "31.4%" for 31.35 to 31.45, and "97 million" for
96.5 to 97.5 million. Hedges ("about", "roughly", "nearly") widen that window.

>>> figures_equal(31, "percent", "31%", 31.0, "percent", "31 percent")
True
>>> figures_equal(0.2, "fraction", "a fifth", 20, "percent", "20%")
True
>>> figures_equal(2, "percent", "2%", 2, "percentage_points", "2 percentage points")
False
>>> compare_figures(2, "percent", "2%", 2, "percentage_points", "2 percentage points").reason
'pp_vs_percent'
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import regex
from rapidfuzz import fuzz, utils

__all__ = [
    "HEDGES_WIDE",
    "Comparison",
    "compare_figures",
    "compatible_units",
    "figures_equal",
    "to_common_scale",
    "unit_family",
    "written_tolerance",
]

# Hedges that make a figure approximate: the rounding window is doubled.
HEDGES_WIDE = frozenset(
    {
        "about",
        "around",
        "roughly",
        "approximately",
        "approx",
        "nearly",
        "almost",
        "some",
        "close to",
        "circa",
        "estimated",
        "an estimated",
        "~",
        "more or less",
        "just over",
        "just under",
    }
)
# Hedges that make a figure a bound: "more than 30%" is true of 34%.
_LOWER_BOUND = frozenset(
    {"more than", "over", "at least", "above", "upwards of", "in excess of", "exceeding"}
)
_UPPER_BOUND = frozenset({"up to", "less than", "under", "fewer than", "at most", "below", "no more than"})

_HEDGE_RE = regex.compile(
    r"(?i)\b("
    + "|".join(
        sorted((h for h in HEDGES_WIDE | _LOWER_BOUND | _UPPER_BOUND if h != "~"), key=len, reverse=True)
    )
    + r")\b|~"
)

# The digits as written, and a scale word after them ("97m", "1.1 bn", "4 thousand").
_NUMBER_RE = regex.compile(
    r"""
    (?P<digits>\d[\d,\u00a0\u202f ]*?(?:\.(?P<decimals>\d+))?)   # 97 | 97,000,000 | 31.4
    (?!\d)\s*
    (?P<scale>trillion|billion|million|thousand|bn|tn|mn|m|b|k)?  # optional scale word
    (?![a-z])
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
_SCALES = {
    "thousand": 1e3,
    "k": 1e3,
    "million": 1e6,
    "mn": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "bn": 1e9,
    "b": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
}
_WORD_SCALE_RE = regex.compile(r"(?i)\b(trillion|billion|million|thousand)\b")

_FAMILIES = {
    "percent": "share",
    "fraction": "share",
    "percentage_points": "points",
    "multiplier": "multiplier",
    "currency": "currency",
    "count": "amount",
    "quantity": "amount",
}


def unit_family(unit: str) -> str:
    """The family a unit is compared within: percent and fraction are both shares.

    >>> unit_family("fraction"), unit_family("count"), unit_family("percentage_points")
    ('share', 'amount', 'points')
    """
    return _FAMILIES.get(unit, unit)


def compatible_units(a: str, b: str) -> bool:
    """True when two units can be compared number for number.

    >>> compatible_units("percent", "fraction"), compatible_units("percent", "percentage_points")
    (True, False)
    """
    return unit_family(a) == unit_family(b)


def to_common_scale(value: float, unit: str) -> float:
    """Shares on the percent scale (fraction 0.2 -> 20); everything else unchanged."""
    return value * 100.0 if unit == "fraction" else value


def _hedge_of(text: str | None, hedge: str | None) -> str | None:
    if hedge:
        return hedge.strip().lower()
    if text:
        m = _HEDGE_RE.search(text)
        if m:
            return (m.group(1) or "~").lower()
    return None


def written_tolerance(text: str | None, value: float, unit: str, hedge: str | None = None) -> float:
    """Half a unit of the last digit written, on the common scale, widened for hedges.

    >>> written_tolerance("31%", 31, "percent")
    0.5
    >>> round(written_tolerance("31.4%", 31.4, "percent"), 6)
    0.05
    >>> written_tolerance("97 million", 97e6, "count")
    500000.0
    >>> written_tolerance("about 30%", 30, "percent")
    1.0
    >>> written_tolerance("a fifth", 0.2, "fraction")
    0.5
    """
    tol: float | None = None
    if unit == "fraction":
        # "one in five", "a fifth", "1 in 3": a ratio, good to half a percentage point
        tol = 0.5
    elif text:
        m = _NUMBER_RE.search(text)
        if m:
            decimals = len(m.group("decimals") or "")
            scale = _SCALES.get((m.group("scale") or "").lower(), 1.0)
            tol = 0.5 * 10.0 ** (-decimals) * scale
        else:
            # written in words ("thirteen percent", "three million"): whole units of the scale word
            w = _WORD_SCALE_RE.search(text)
            tol = 0.5 * (_SCALES[w.group(1).lower()] if w else 1.0)
    if tol is None:
        # no text to read the precision from: half a percent of the value
        tol = max(abs(to_common_scale(value, unit)) * 0.005, 1e-9)
    h = _hedge_of(text, hedge)
    if h in HEDGES_WIDE:
        tol *= 2.0
    return tol


@dataclass(frozen=True, slots=True)
class Comparison:
    """The outcome of comparing a claim's figure with a source's figure.

    ``reason`` is one of ``equal``, ``within_rounding``, ``within_bound``,
    ``different_value``, ``pp_vs_percent``, ``currency_mismatch``,
    ``different_noun``, ``incompatible_units`` or ``missing_value``.
    ``deviation`` is source minus claim on the claim's scale (percent for shares),
    ``relative_deviation`` that deviation divided by the claim value.
    """

    equal: bool
    reason: str
    deviation: float | None = None
    relative_deviation: float | None = None
    tolerance: float = 0.0
    note: str = ""

    @property
    def comparable(self) -> bool:
        """True when the two figures measure the same kind of thing (a difference is meaningful)."""
        return self.reason in {"equal", "within_rounding", "within_bound", "different_value"}


def _singular(word: str) -> str:
    w = word.lower().strip()
    if len(w) > 3 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


def compare_figures(
    claim_value: float | None,
    claim_unit: str,
    claim_text: str | None,
    source_value: float | None,
    source_unit: str,
    source_text: str | None,
    *,
    claim_value_high: float | None = None,
    source_value_high: float | None = None,
    claim_currency: str | None = None,
    source_currency: str | None = None,
    claim_noun: str | None = None,
    source_noun: str | None = None,
    claim_hedge: str | None = None,
) -> Comparison:
    """Compare two figures unit-aware, with the claim's written precision as tolerance.

    >>> compare_figures(30, "percent", "about 30%", 29.6, "percent", "29.6%").reason
    'within_rounding'
    >>> c = compare_figures(31.4, "percent", "31.4%", 31.0, "percent", "31%")
    >>> c.reason, round(c.deviation, 2)
    ('different_value', -0.4)
    >>> compare_figures(5e6, "currency", "$5m", 5e6, "currency", "EUR 5m",
    ...                 claim_currency="USD", source_currency="EUR").reason
    'currency_mismatch'
    """
    if claim_value is None or source_value is None:
        return Comparison(False, "missing_value", note="one of the figures has no value")
    cf, sf = unit_family(claim_unit), unit_family(source_unit)
    if {cf, sf} == {"share", "points"}:
        return Comparison(
            False,
            "pp_vs_percent",
            note="one figure is in percent, the other in percentage points: they are not the same measure",
        )
    if cf != sf:
        return Comparison(
            False, "incompatible_units", note=f"{claim_unit} cannot be compared with {source_unit}"
        )
    if (
        cf == "currency"
        and claim_currency
        and source_currency
        and claim_currency.upper() != source_currency.upper()
    ):
        return Comparison(
            False,
            "currency_mismatch",
            note=f"the claim is in {claim_currency.upper()}, the source in {source_currency.upper()}",
        )
    if cf == "amount" and claim_noun and source_noun:
        a, b = _singular(claim_noun), _singular(source_noun)
        score = fuzz.token_set_ratio(a, b, processor=utils.default_process, score_cutoff=0)
        if score < 50:
            return Comparison(
                False, "different_noun", note=f"the claim counts {claim_noun}, the source {source_noun}"
            )

    cv = to_common_scale(claim_value, claim_unit)
    sv = to_common_scale(source_value, source_unit)
    cvh = to_common_scale(claim_value_high, claim_unit) if claim_value_high is not None else None
    svh = to_common_scale(source_value_high, source_unit) if source_value_high is not None else None
    tol = written_tolerance(claim_text, claim_value, claim_unit, claim_hedge)
    if claim_unit != "fraction" and source_unit == "fraction":
        # the claim is in percent and the source in words ("a fifth"): the ratio is the coarser one
        tol = max(tol, 0.5)
    deviation = sv - cv
    rel = deviation / cv if cv else None

    def result(equal: bool, reason: str, note: str = "") -> Comparison:
        return Comparison(equal, reason, deviation, rel, tol, note)

    lo, hi = cv, cvh if cvh is not None else cv
    slo, shi = sv, svh if svh is not None else sv
    if math.isclose(lo, slo, rel_tol=1e-9, abs_tol=1e-12) and math.isclose(
        hi, shi, rel_tol=1e-9, abs_tol=1e-12
    ):
        return result(True, "equal")
    if cvh is not None or svh is not None:
        # ranges: the claim's range and the source's must overlap (inside the rounding window)
        if slo <= hi + tol and shi >= lo - tol:
            return result(True, "within_rounding", "the ranges overlap")
        return result(False, "different_value")
    if abs(deviation) <= tol + 1e-9:
        return result(True, "within_rounding")
    h = _hedge_of(claim_text, claim_hedge)
    if h in _LOWER_BOUND and cv - tol <= sv <= cv * 1.25 + tol:
        return result(True, "within_bound", f"the claim says '{h}' {claim_text}")
    if h in _UPPER_BOUND and cv * 0.75 - tol <= sv <= cv + tol:
        return result(True, "within_bound", f"the claim says '{h}' {claim_text}")
    return result(False, "different_value")


def figures_equal(
    claim_value: float | None,
    claim_unit: str,
    claim_text: str | None,
    source_value: float | None,
    source_unit: str,
    source_text: str | None,
    **kwargs: object,
) -> bool:
    """True when the source's figure says what the claim's figure says; see :func:`compare_figures`."""
    return compare_figures(
        claim_value,
        claim_unit,
        claim_text,
        source_value,
        source_unit,
        source_text,
        **kwargs,  # type: ignore[arg-type]
    ).equal
