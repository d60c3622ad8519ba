"""Pure matching: the same claim across documents, a claim against its source, and
arithmetic checks inside one document. No database, no UI.

- :func:`cluster_claims` groups :class:`ClaimKey` records into clusters and reports drift.
- :func:`match_source` finds a claim's figure in a source text (:class:`SourceMatch`).
- :func:`compare_figures` / :func:`figures_equal` compare two figures unit-aware.
- :func:`check_arithmetic` flags figures in a sentence that contradict each other.

Everything here returns suggestions; nothing applies a verdict.
"""

from __future__ import annotations

from workbench.match.arithmetic import CHECKWORTHINESS_BOOST, FLAG_NAMES, ArithmeticFlag, check_arithmetic
from workbench.match.cluster import (
    ClaimKey,
    ClusterResult,
    Drift,
    VerdictSuggestion,
    cluster_claims,
    suggest_verdict_from_cluster,
)
from workbench.match.equivalence import Comparison, compare_figures, figures_equal, written_tolerance
from workbench.match.source import Passage, SourceMatch, match_source, suggest_verdict

__all__ = [
    "CHECKWORTHINESS_BOOST",
    "FLAG_NAMES",
    "ArithmeticFlag",
    "ClaimKey",
    "ClusterResult",
    "Comparison",
    "Drift",
    "Passage",
    "SourceMatch",
    "VerdictSuggestion",
    "check_arithmetic",
    "cluster_claims",
    "compare_figures",
    "figures_equal",
    "match_source",
    "suggest_verdict",
    "suggest_verdict_from_cluster",
    "written_tolerance",
]
