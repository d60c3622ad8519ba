"""Agreement figures against textbook examples (pure, no database)."""

from __future__ import annotations

import pytest

from workbench.store.agreement import (
    agreement_report,
    cohen_kappa,
    fleiss_kappa,
    percent_agreement,
    specific_agreement,
)

# The classic 2x2 table (e.g. Wikipedia, "Cohen's kappa"): 50 items, a=20 yes/yes, b=5 yes/no, c=10 no/yes, d=15 no/no
CLASSIC = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 + [("no", "no")] * 15

# Wikipedia, "Fleiss' kappa", worked example: 10 items, 14 raters, 5 categories
FLEISS_WIKI = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
]


def test_cohen_kappa_classic_table():
    assert percent_agreement(CLASSIC) == pytest.approx(0.7)
    assert cohen_kappa(CLASSIC) == pytest.approx(0.4)


def test_cohen_kappa_edges():
    assert cohen_kappa([]) is None
    assert cohen_kappa([("a", "a")] * 5) is None  # chance agreement is 1: undefined
    assert cohen_kappa([("a", "b"), ("b", "a")]) == pytest.approx(-1.0)
    assert cohen_kappa([("a", "a"), ("b", "b")]) == pytest.approx(1.0)


def test_fleiss_kappa_wikipedia_example():
    assert fleiss_kappa(FLEISS_WIKI) == pytest.approx(0.210, abs=5e-4)


def test_fleiss_kappa_refuses_unequal_rater_counts():
    assert fleiss_kappa([[1, 2], [1, 1]]) is None
    assert fleiss_kappa([]) is None


def test_specific_agreement_is_positive_agreement_for_two_raters():
    items = [list(p) for p in CLASSIC]
    # 2a / (2a + b + c) = 40 / 55
    assert specific_agreement(items, "yes") == pytest.approx(40 / 55)
    # 2d / (2d + b + c) = 30 / 45
    assert specific_agreement(items, "no") == pytest.approx(30 / 45)
    assert specific_agreement(items, "maybe") is None


def test_report_fleiss_for_three_or_more_raters_and_na_for_two():
    labels = ["c1", "c2", "c3", "c4", "c5"]
    ratings = {}
    for i, row in enumerate(FLEISS_WIKI):
        rs = [lab for lab, n in zip(labels, row, strict=True) for _ in range(n)]
        ratings[i] = [(f"r{j:02d}", lab) for j, lab in enumerate(rs)]
    rep = agreement_report(ratings, labels)
    assert rep.fleiss == pytest.approx(0.210, abs=5e-4)
    assert rep.fleiss_note == ""
    two = agreement_report({i: [("ann", a), ("bob", b)] for i, (a, b) in enumerate(CLASSIC)}, ["yes", "no"])
    assert two.kappa == pytest.approx(0.4)
    assert two.percent == pytest.approx(0.7)
    assert two.fleiss is None and "three or more" in two.fleiss_note
    assert [(p.reviewer_a, p.reviewer_b, p.items) for p in two.pairs] == [("ann", "bob", 50)]
    assert two.pairs[0].kappa == pytest.approx(0.4)
    assert [la.label for la in two.labels] == ["yes", "no"]
    assert two.labels[0].specific == pytest.approx(40 / 55)
    assert any("kappa" in line for line in two.lines())


def test_report_without_overlap():
    rep = agreement_report({1: [("ann", "a")]})
    assert rep.items == 0 and rep.kappa is None and rep.fleiss is None
    assert "n/a" in rep.lines()[1]
