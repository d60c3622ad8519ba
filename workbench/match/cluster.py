"""Cluster the same statistic across documents, and spot figures that drifted.

Clusters: the same figure about the same thing ("31% increase in diagnostic
accuracy" in three articles). Items are blocked by unit family and value (two
significant figures), so only claims with the same number are ever compared; within
a block the metrics (or, without one, the sentences) are compared with
``rapidfuzz.process.cdist`` and joined with union-find. Identical texts are compared
once. A block with more distinct texts than ``max_block`` is split by its first
metric word, so one very common number cannot cause an n-squared blow-up.

Drift: the same metric from the same named source with a different figure in
another document (31% in one article, 30% or 13% in another). Items are blocked by
unit family + normalised metric words + normalised attribution; any block whose
members, across at least two documents, give more than one value is reported.

Only clusters with two or more members are returned; ``ClusterResult.cluster_of``
maps each clustered claim id to its cluster's index. Nothing is written anywhere:
the store decides what to keep.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process, utils

from workbench.match.equivalence import to_common_scale, unit_family
from workbench.match.passages import keywords

__all__ = [
    "ClaimKey",
    "ClusterResult",
    "Drift",
    "VerdictSuggestion",
    "cluster_claims",
    "suggest_verdict_from_cluster",
]


@dataclass(frozen=True, slots=True)
class ClaimKey:
    """The few fields of a stored claim that clustering reads."""

    id: int
    value: float | None
    unit: str
    value_high: float | None
    metric: str | None
    sentence: str
    attribution: str | None
    document_id: int


@dataclass(frozen=True, slots=True)
class Drift:
    """The same metric and source giving different figures in different documents.

    ``values`` are the distinct values, sorted, on the common scale (percent for shares);
    ``reason`` says in words how they differ.
    """

    claim_ids: tuple[int, ...]
    values: tuple[float, ...]
    metric: str
    attribution: str | None
    reason: str


@dataclass(frozen=True, slots=True)
class ClusterResult:
    """``clusters``: lists of claim ids (each sorted, size >= 2), largest first."""

    clusters: list[list[int]]
    drift: list[Drift] = field(default_factory=list)

    @property
    def cluster_of(self) -> dict[int, int]:
        """Claim id -> index into ``clusters``; claims in no cluster are absent."""
        return {cid: n for n, members in enumerate(self.clusters) for cid in members}


@dataclass(frozen=True, slots=True)
class VerdictSuggestion:
    """A verdict a reviewer may take over from another member of the cluster."""

    claim_id: int
    verdict: str
    reason: str
    from_claim_ids: tuple[int, ...]


class _UnionFind:
    __slots__ = ("parent",)

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, a: int) -> int:
        parent = self.parent
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _round_sig(v: float, digits: int = 2) -> float:
    if v == 0 or not math.isfinite(v):
        return v
    return round(v, digits - 1 - math.floor(math.log10(abs(v))))


def _singular(w: str) -> str:
    if len(w) > 3 and w.endswith("ies"):
        return w[:-3] + "y"
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return w[:-1]
    return w


class _Normaliser:
    """Cached text normalisation: many claims share a metric or a source name."""

    def __init__(self) -> None:
        self._cache: dict[str, str] = {}

    def __call__(self, text: str | None) -> str:
        if not text:
            return ""
        got = self._cache.get(text)
        if got is None:
            got = " ".join(sorted({_singular(w) for w in keywords(text)}))
            self._cache[text] = got
        return got


def cluster_claims(
    items: Iterable[ClaimKey],
    *,
    threshold: float = 80.0,
    max_block: int = 1500,
) -> ClusterResult:
    """Group claims that state the same figure about the same thing.

    ``threshold`` (0-100) is the ``token_sort_ratio`` two normalised metrics need;
    claims without a metric are compared on their sentences' content words and
    need ``threshold + 5``.
    """
    keys = [k for k in items if k.value is not None]
    norm = _Normaliser()
    texts: list[str] = []
    has_metric: list[bool] = []
    blocks: dict[tuple[object, ...], list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        m = norm(k.metric)
        has_metric.append(bool(m))
        texts.append(m or norm(k.sentence))
        v = to_common_scale(k.value or 0.0, k.unit)
        vh = to_common_scale(k.value_high, k.unit) if k.value_high is not None else None
        blocks[(unit_family(k.unit), _round_sig(v), _round_sig(vh) if vh is not None else None)].append(i)

    uf = _UnionFind(len(keys))
    for members in blocks.values():
        if len(members) > 1:
            _cluster_block(members, texts, has_metric, uf, threshold, max_block)

    groups: dict[int, list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        groups[uf.find(i)].append(k.id)
    clusters = sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))
    return ClusterResult(clusters=clusters, drift=_find_drift(keys, norm))


def _cluster_block(
    members: list[int],
    texts: list[str],
    has_metric: list[bool],
    uf: _UnionFind,
    threshold: float,
    max_block: int,
) -> None:
    # identical (text, has_metric) pairs are one comparison
    by_text: dict[tuple[str, bool], list[int]] = defaultdict(list)
    for i in members:
        if texts[i]:
            by_text[(texts[i], has_metric[i])].append(i)
    for same in by_text.values():
        for j in same[1:]:
            uf.union(same[0], j)
    uniq = list(by_text)
    if len(uniq) < 2:
        return
    if len(uniq) > max_block:
        # split by the first metric word; pairs that share no first word are not compared
        sub: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        for t in uniq:
            sub[t[0].split(" ", 1)[0]].append(t)
        parts = list(sub.values())
        for part in parts:
            if len(part) > max_block:
                part[:] = part[:max_block]  # a hard cap: the rest stay unclustered here
    else:
        parts = [uniq]
    for part in parts:
        if len(part) < 2:
            continue
        strings = [t for t, _ in part]
        scores = process.cdist(
            strings,
            strings,
            scorer=fuzz.token_sort_ratio,
            processor=utils.default_process,
            score_cutoff=threshold,
            workers=1,
        )
        rows, cols = scores.nonzero()
        for a, b in zip(rows.tolist(), cols.tolist(), strict=True):
            if a >= b:
                continue
            (_, ma), (_, mb) = part[a], part[b]
            if not (ma and mb) and scores[a, b] < threshold + 5:
                continue  # sentence-only comparisons need a little more
            if ma != mb:
                continue  # a metric is not compared with a whole sentence
            uf.union(by_text[part[a]][0], by_text[part[b]][0])


def _digits(v: float) -> str:
    return "".join(ch for ch in f"{v:g}" if ch.isdigit())


def _drift_reason(values: list[float], counts: Counter[float]) -> str:
    common = max(values, key=lambda v: (counts[v], -v))
    parts = []
    for v in values:
        if v == common:
            continue
        a, b = _digits(common), _digits(v)
        if len(a) > 1 and sorted(a) == sorted(b) and a != b:
            parts.append(f"{v:g} has the digits of {common:g} transposed")
        elif abs(v - common) <= max(1.0, abs(common) * 0.05):
            parts.append(f"{v:g} is close to {common:g}: rounding, or a revised figure")
        else:
            parts.append(f"{v:g} differs from {common:g}")
    return "; ".join(parts)


def _find_drift(keys: list[ClaimKey], norm: _Normaliser) -> list[Drift]:
    blocks: dict[tuple[str, str, str], list[int]] = defaultdict(list)
    for i, k in enumerate(keys):
        m, a = norm(k.metric), norm(k.attribution)
        if m and a:
            blocks[(unit_family(k.unit), m, a)].append(i)
    out: list[Drift] = []
    for members in blocks.values():
        if len(members) < 2 or len({keys[i].document_id for i in members}) < 2:
            continue
        values = Counter(round(to_common_scale(keys[i].value or 0.0, keys[i].unit), 6) for i in members)
        if len(values) < 2:
            continue
        first = keys[members[0]]
        out.append(
            Drift(
                claim_ids=tuple(sorted(keys[i].id for i in members)),
                values=tuple(sorted(values)),
                metric=first.metric or "",
                attribution=first.attribution,
                reason=_drift_reason(sorted(values), values),
            )
        )
    out.sort(key=lambda d: d.claim_ids[0])
    return out


def suggest_verdict_from_cluster(member_verdicts: Mapping[int, str | None]) -> dict[int, VerdictSuggestion]:
    """Suggest the cluster's final verdict to the members that have none.

    ``member_verdicts`` maps each claim id in one cluster to its final verdict, or None.
    If the final verdicts disagree, nothing is suggested: a reviewer must look.
    Returns suggestions only; it changes nothing.

    >>> s = suggest_verdict_from_cluster({1: "inaccurate", 2: None})
    >>> s[2].verdict, s[2].from_claim_ids
    ('inaccurate', (1,))
    >>> suggest_verdict_from_cluster({1: "inaccurate", 2: "accurate", 3: None})
    {}
    """
    decided = {cid: v for cid, v in member_verdicts.items() if v}
    verdicts = set(decided.values())
    if len(verdicts) != 1:
        return {}
    (verdict,) = verdicts
    sources = tuple(sorted(decided))
    who = ", ".join(f"#{c}" for c in sources)
    return {
        cid: VerdictSuggestion(
            claim_id=cid,
            verdict=verdict,
            reason=f"the same figure about the same thing was judged {verdict!r} in claim {who}",
            from_claim_ids=sources,
        )
        for cid, v in member_verdicts.items()
        if not v
    }
