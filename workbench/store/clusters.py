"""Rebuild the clusters table: the same statistic across documents, and drifting figures.

The grouping itself is pure (``workbench.match.cluster``); this module streams the
few columns it needs, and writes the result back in bulk. Cluster membership is
derived data, not a reviewer's edit, so it does not bump claim versions; one audit
event records each rebuild.
"""

from __future__ import annotations

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from workbench.match.cluster import ClaimKey, cluster_claims
from workbench.store.models import Claim, Cluster, utcnow
from workbench.store.service import Actor, record_event

__all__ = ["recluster"]


def recluster(session: Session, *, actor: Actor | None = None) -> int:
    """Recompute every cluster; returns how many clusters there are now."""
    keys = [
        ClaimKey(r.id, r.value, r.unit, r.value_high, r.metric, r.sentence or "", r.attribution, r.document_id)
        for r in session.execute(
            select(Claim.id, Claim.value, Claim.unit, Claim.value_high, Claim.metric, Claim.sentence,
                   Claim.attribution, Claim.document_id).where(Claim.status != "not_a_claim")
        )
    ]  # fmt: skip
    result = cluster_claims(keys)
    by_id = {k.id: k for k in keys}
    session.execute(update(Claim).where(Claim.cluster_id.is_not(None)).values(cluster_id=None))
    session.execute(delete(Cluster))
    now = utcnow()
    assignment: dict[int, int] = {}
    clusters: list[Cluster] = []
    for members in result.clusters:
        first = by_id[members[0]]
        label = next((by_id[m].metric for m in members if by_id[m].metric), None)
        clusters.append(
            Cluster(unit=first.unit, value=first.value, label=label, size=len(members), created_at=now)
        )
    # Drift: mark the clusters its claims are in; claims in no cluster get a drift group of their own.
    drift_groups: list[tuple[list[int], str]] = []
    index = result.cluster_of
    for d in result.drift:
        loose = [c for c in d.claim_ids if c not in index]
        for c in {index[c] for c in d.claim_ids if c in index}:
            clusters[c].drift, clusters[c].drift_note = True, d.reason
        if loose:
            drift_groups.append((loose, d.reason))
            first = by_id[loose[0]]
            clusters.append(Cluster(unit=first.unit, value=first.value, label=d.metric, size=len(loose),
                                    drift=True, drift_note=d.reason, created_at=now))  # fmt: skip
    session.add_all(clusters)
    session.flush()
    for n, members in enumerate(result.clusters):
        for m in members:
            assignment[m] = clusters[n].id
    for k, (loose, _reason) in enumerate(drift_groups):
        for m in loose:
            assignment.setdefault(m, clusters[len(result.clusters) + k].id)
    if assignment:
        session.execute(update(Claim), [{"id": cid, "cluster_id": cl} for cid, cl in assignment.items()])
    record_event(session, actor or Actor("workbench"), "recluster", "cluster",
                 after={"clusters": len(clusters), "claims": len(assignment), "drift": len(result.drift)})  # fmt: skip
    return len(clusters)
