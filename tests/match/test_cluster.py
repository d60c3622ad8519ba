"""Clustering the same statistic across documents, drift, and cluster verdict suggestions."""

from __future__ import annotations

import pytest

from workbench.match.cluster import ClaimKey, cluster_claims, suggest_verdict_from_cluster


def key(id, value, metric, *, unit="percent", doc=None, attribution=None, sentence="", value_high=None):
    return ClaimKey(
        id=id,
        value=value,
        unit=unit,
        value_high=value_high,
        metric=metric,
        sentence=sentence,
        attribution=attribution,
        document_id=doc if doc is not None else id,
    )


def test_same_figure_same_metric_clusters():
    items = [
        key(1, 31, "diagnostic accuracy"),
        key(2, 31, "accuracy of diagnostics"),
        key(3, 31, "Diagnostic accuracy"),
        key(4, 12, "diagnostic accuracy"),
    ]
    assert cluster_claims(items).clusters == [[1, 2, 3]]


def test_same_number_different_metric_does_not_cluster():
    items = [key(1, 31, "diagnostic accuracy"), key(2, 31, "staff turnover"), key(3, 31, "energy prices")]
    assert cluster_claims(items).clusters == []


@pytest.mark.parametrize(
    ("a", "b", "clustered"),
    [
        pytest.param(key(1, 31, "jobs"), key(2, 31, "jobs", unit="count"), False, id="different-unit-family"),
        pytest.param(
            key(1, 20, "voters"), key(2, 0.2, "voters", unit="fraction"), True, id="fraction-meets-percent"
        ),
        pytest.param(key(1, 31, "jobs"), key(2, 31.2, "jobs"), True, id="same-two-significant-figures"),
        pytest.param(key(1, 31, "jobs"), key(2, 35, "jobs"), False, id="different-value"),
        pytest.param(
            key(1, 20, "jobs", value_high=30), key(2, 20, "jobs"), False, id="range-is-not-its-low-end"
        ),
        pytest.param(key(1, 31, None), key(2, 31, "jobs"), False, id="metric-vs-none"),
        pytest.param(
            key(1, 31, None, sentence="Doctors say AI raised diagnostic accuracy by 31% last year."),
            key(2, 31, None, sentence="AI raised diagnostic accuracy by 31% last year, doctors say."),
            True,
            id="sentences-when-no-metric",
        ),
    ],
)
def test_blocking(a, b, clustered):
    assert (cluster_claims([a, b]).clusters == [[1, 2]]) is clustered


def test_missing_values_are_ignored():
    assert cluster_claims([key(1, None, "x"), key(2, None, "x")]).clusters == []


def test_cluster_of_maps_ids():
    result = cluster_claims([key(5, 31, "jobs"), key(9, 31, "jobs"), key(7, 2, "jobs")])
    assert result.cluster_of == {5: 0, 9: 0}


def test_big_block_is_split_not_quadratic():
    items = [key(i, 50, f"metric{i} thing{i % 7}") for i in range(3000)] + [
        key(5000, 50, "diagnostic accuracy"),
        key(5001, 50, "diagnostic accuracy"),
    ]
    result = cluster_claims(items, max_block=500)
    assert [5000, 5001] in result.clusters


def test_drift_same_metric_and_source():
    items = [
        key(1, 31, "diagnostic accuracy", attribution="McKinsey", doc=1),
        key(2, 31, "diagnostic accuracy", attribution="McKinsey", doc=2),
        key(3, 30, "diagnostic accuracy", attribution="McKinsey", doc=3),
        key(4, 13, "accuracy, diagnostic", attribution="mckinsey", doc=4),
        key(5, 25, "diagnostic accuracy", attribution="Gartner", doc=5),
    ]
    (drift,) = cluster_claims(items).drift
    assert drift.claim_ids == (1, 2, 3, 4)
    assert drift.values == (13, 30, 31)
    assert drift.attribution == "McKinsey"
    assert "transposed" in drift.reason and "rounding" in drift.reason


def test_no_drift_within_one_document_or_without_source():
    items = [
        key(1, 31, "diagnostic accuracy", attribution="McKinsey", doc=1),
        key(2, 30, "diagnostic accuracy", attribution="McKinsey", doc=1),
        key(3, 31, "diagnostic accuracy", doc=2),
        key(4, 13, "diagnostic accuracy", doc=3),
    ]
    assert cluster_claims(items).drift == []


def test_suggestion_from_a_final_verdict():
    verdicts = {1: "inaccurate", 2: None, 3: None}
    suggestions = suggest_verdict_from_cluster(verdicts)
    assert set(suggestions) == {2, 3}
    assert suggestions[2].verdict == "inaccurate" and "#1" in suggestions[2].reason
    assert verdicts == {1: "inaccurate", 2: None, 3: None}  # never applied


@pytest.mark.parametrize(
    "verdicts",
    [
        pytest.param({1: "inaccurate", 2: "accurate", 3: None}, id="conflicting"),
        pytest.param({1: None, 2: None}, id="none-final"),
    ],
)
def test_no_suggestion(verdicts):
    assert suggest_verdict_from_cluster(verdicts) == {}
