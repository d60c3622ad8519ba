"""Arithmetic checks inside one document, on hand-built claims located by their surface."""

from __future__ import annotations

import pytest
from matchkit import claim_at

from workbench.match.arithmetic import CHECKWORTHINESS_BOOST, FLAG_NAMES, check_arithmetic


def _case(text, specs):
    """specs: (surface, value, unit, fields) -> claims located in text."""
    return text, [claim_at(text, s, v, u, **kw) for s, v, u, kw in specs]


CASES = [
    # --- a stated change against its endpoints
    pytest.param(
        *_case(
            "Average waits fell from 4.7 hours to 3.1 hours, a reduction of 34%.",
            [
                ("from 4.7 hours to 3.1 hours", 3.1, "quantity", {"value_from": 4.7, "noun": "hours"}),
                ("34%", 34, "percent", {"direction": "decrease"}),
            ],
        ),
        [],
        id="change-one-claim-consistent",
    ),
    pytest.param(
        *_case(
            "Average waits fell from 4.7 hours to 3.1 hours, a reduction of 34%.",
            [
                ("4.7 hours", 4.7, "quantity", {}),
                ("3.1 hours", 3.1, "quantity", {}),
                ("34%", 34, "percent", {}),
            ],
        ),
        [],
        id="change-separate-claims-consistent",
    ),
    pytest.param(
        *_case(
            "Average waits fell from 4.7 hours to 3.1 hours, a reduction of 50%.",
            [
                ("4.7 hours", 4.7, "quantity", {}),
                ("3.1 hours", 3.1, "quantity", {}),
                ("50%", 50, "percent", {}),
            ],
        ),
        ["change_mismatch"],
        id="change-mismatch",
    ),
    pytest.param(
        *_case(
            "Unemployment rose from 6% to 8%, a 2% increase.",
            [
                ("6%", 6, "percent", {}),
                ("8%", 8, "percent", {}),
                ("2%", 2, "percent", {"direction": "increase"}),
            ],
        ),
        ["pp_vs_percent"],
        id="pp-vs-percent-separate",
    ),
    pytest.param(
        *_case(
            "Unemployment rose from 6% to 8%, a 2% increase.",
            [
                ("from 6% to 8%", 8, "percent", {"value_from": 6}),
                ("2%", 2, "percent", {"direction": "increase"}),
            ],
        ),
        ["pp_vs_percent"],
        id="pp-vs-percent-one-claim",
    ),
    pytest.param(
        *_case(
            "Unemployment rose from 6% to 8%, a 2% increase.",
            [("6% to 8%", 6, "percent", {"value_high": 8}), ("2%", 2, "percent", {})],
        ),
        ["pp_vs_percent"],
        id="pp-vs-percent-read-as-range",
    ),
    pytest.param(
        *_case(
            "Unemployment rose from 6% to 8%, a rise of 2 percentage points.",
            [
                ("6%", 6, "percent", {}),
                ("8%", 8, "percent", {}),
                ("2 percentage points", 2, "percentage_points", {}),
            ],
        ),
        [],
        id="pp-stated-correctly",
    ),
    pytest.param(
        *_case(
            "Unemployment rose from 6% to 8%, a 33% increase.",
            [
                ("6%", 6, "percent", {}),
                ("8%", 8, "percent", {}),
                ("33%", 33, "percent", {"direction": "increase"}),
            ],
        ),
        [],
        id="relative-change-correct",
    ),
    pytest.param(
        *_case(
            "Turnout rose from 40% to 44%, a 70% increase.",
            [("40%", 40, "percent", {}), ("44%", 44, "percent", {}), ("70%", 70, "percent", {})],
        ),
        ["change_mismatch"],
        id="relative-change-wrong",
    ),
    # --- "X times more" against "X% more"
    pytest.param(
        *_case(
            "Sales were 3 times higher, or 200% more than last year.",
            [("3 times", 3, "multiplier", {}), ("200%", 200, "percent", {})],
        ),
        [],
        id="times-consistent",
    ),
    pytest.param(
        *_case(
            "Sales were 3 times higher, or 300% more than last year.",
            [("3 times", 3, "multiplier", {}), ("300%", 300, "percent", {})],
        ),
        ["times_vs_percent"],
        id="times-off-by-one",
    ),
    pytest.param(
        *_case(
            "Downloads tripled, an increase of 120% on the year.",
            [("tripled", 3, "multiplier", {}), ("120%", 120, "percent", {"direction": "increase"})],
        ),
        ["times_vs_percent"],
        id="times-mismatch",
    ),
    # --- a yearly rate against its total
    pytest.param(
        *_case(
            "Revenue grew 10% a year for 5 years, a 50% rise in total.",
            [("10%", 10, "percent", {}), ("50%", 50, "percent", {})],
        ),
        ["cagr_mismatch"],
        id="cagr-added-not-compounded",
    ),
    pytest.param(
        *_case(
            "Revenue grew 10% a year for five years, a 61% rise in total.",
            [("10%", 10, "percent", {}), ("61%", 61, "percent", {})],
        ),
        [],
        id="cagr-consistent",
    ),
    # --- shares of one whole
    pytest.param(
        *_case(
            "In the poll, 62% of voters backed the plan, while 45% did not.",
            [("62%", 62, "percent", {}), ("45%", 45, "percent", {})],
        ),
        ["shares_over_100"],
        id="shares-over-100",
    ),
    pytest.param(
        *_case(
            "In the poll, 62% of voters backed the plan, while 35% did not.",
            [("62%", 62, "percent", {}), ("35%", 35, "percent", {})],
        ),
        [],
        id="shares-under-100",
    ),
    pytest.param(
        *_case(
            "62% of adults use email and 55% of adults use chat apps.",
            [("62%", 62, "percent", {}), ("55%", 55, "percent", {})],
        ),
        [],
        id="overlapping-groups-not-flagged",
    ),
    pytest.param(
        *_case(
            "62% of nurses and 55% of doctors said they were tired.",
            [("62%", 62, "percent", {}), ("55%", 55, "percent", {})],
        ),
        [],
        id="different-groups-not-flagged",
    ),
    pytest.param(
        *_case(
            "Prices rose 62% in Leeds. In York, 55% of homes were sold.",
            [("62%", 62, "percent", {}), ("55%", 55, "percent", {})],
        ),
        [],
        id="different-sentences",
    ),
]


@pytest.mark.parametrize(("text", "claims", "kinds"), CASES)
def test_check_arithmetic(text, claims, kinds):
    flags = check_arithmetic(claims, text)
    assert [f.kind for f in flags] == kinds
    for f in flags:
        assert f.message.endswith(".")
        assert f.claim_starts == tuple(claims[i].start for i in f.claim_indices)
        assert f.flag_name in FLAG_NAMES.values()


def test_pp_vs_percent_explains_both_figures():
    text, claims = _case(
        "Unemployment rose from 6% to 8%, a 2% increase.",
        [("6%", 6, "percent", {}), ("8%", 8, "percent", {}), ("2%", 2, "percent", {"direction": "increase"})],
    )
    (flag,) = check_arithmetic(claims, text)
    assert "2 percentage points" in flag.message and "33.3%" in flag.message
    assert flag.expected == pytest.approx(33.33, abs=0.01) and flag.stated == 2


def test_cagr_explains_compounding():
    text, claims = _case(
        "Revenue grew 10% a year for 5 years, a 50% rise in total.",
        [("10%", 10, "percent", {}), ("50%", 50, "percent", {})],
    )
    (flag,) = check_arithmetic(claims, text)
    assert flag.expected == pytest.approx(61.05, abs=0.01)
    assert "compound" in flag.message and "adding" in flag.message


def test_every_flag_has_a_boost():
    assert set(CHECKWORTHINESS_BOOST) == set(FLAG_NAMES.values())
    assert all(0 < b <= 0.5 for b in CHECKWORTHINESS_BOOST.values())


def test_no_claims_no_flags():
    assert check_arithmetic([], "Nothing to see.") == []


@pytest.mark.parametrize(
    ("text", "kinds"),
    [
        pytest.param("Waits fell from 4.7 hours to 3.1 hours, a reduction of 34%.", [], id="change-ok"),
        pytest.param(
            "Unemployment rose from 6% to 8%, a 2% increase.", ["pp_vs_percent"], id="pp-vs-percent"
        ),
        pytest.param(
            "Sales were 3 times higher, or 300% more than last year.", ["times_vs_percent"], id="times"
        ),
        pytest.param(
            "Revenue grew 10% a year for 5 years, a 50% rise in total.", ["cagr_mismatch"], id="cagr"
        ),
        pytest.param(
            "In the poll, 62% of voters backed the plan, while 45% did not.", ["shares_over_100"], id="shares"
        ),
    ],
)
def test_with_the_real_extractor(text, kinds):
    from workbench.extract import extract_claims

    try:
        claims = extract_claims(text)
    except NotImplementedError:
        pytest.skip("workbench.extract.extract_claims is not implemented yet")
    assert [f.kind for f in check_arithmetic(claims, text)] == kinds
