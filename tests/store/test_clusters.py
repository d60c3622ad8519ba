from __future__ import annotations

import hashlib

from workbench.documents.types import Document
from workbench.extract.types import Claim
from workbench.store import service
from workbench.store.clusters import recluster
from workbench.store.service import Actor, ClaimFilter

ME = Actor("alice")


def _doc(session, text, surface, value, metric, attribution):
    s = text.index(surface)
    claim = Claim(start=s, end=s + len(surface), text=surface, value=value, unit="percent", metric=metric,
                  attribution=attribution, sentence=text)  # fmt: skip
    h = hashlib.sha256(text.encode()).hexdigest()
    return service.ingest_document(session, Document(text=text, path=f"{h[:6]}.txt"), [claim], content_hash=h,
                                   actor=ME).document_id  # fmt: skip


def test_same_figure_clusters_and_final_verdict_is_only_suggested(store):
    with store.sessions.begin() as s:
        _doc(s, "Radiologists saw a 31% increase in diagnostic accuracy, the hospital said.", "31%", 31.0,
             "diagnostic accuracy", "the hospital")  # fmt: skip
        _doc(s, "AI tools gave a 31% increase in diagnostic accuracy at the hospital.", "31%", 31.0,
             "diagnostic accuracy", "the hospital")  # fmt: skip
        _doc(s, "Sales grew 31% in the third quarter.", "31%", 31.0, "Sales", None)
        assert recluster(s) >= 1
    with store.reader.begin() as s:
        rows = service.list_claims(s, sort="id").rows
        a, b, c = rows
        assert a.cluster_id is not None and a.cluster_id == b.cluster_id
        assert c.cluster_id != a.cluster_id
    with store.sessions.begin() as s:
        service.set_verdict(s, a.id, "accurate", expected_version=a.version, actor=ME)
    with store.reader.begin() as s:
        other = service.get_claim(s, b.id)
        assert other.verdict is None, "a cluster verdict is never applied silently"
        assert other.suggested_verdict == "accurate" and "judged" in (other.suggestion_reason or "")
        assert [m.id for m in other.cluster] == [a.id]
        assert service.count_claims(s, ClaimFilter(cluster_id=a.cluster_id)) == 2


def test_drift_is_flagged(store):
    with store.sessions.begin() as s:
        _doc(s, "Radiologists saw a 31% increase in diagnostic accuracy, Mercy Hospital said.", "31%", 31.0,
             "diagnostic accuracy", "Mercy Hospital")  # fmt: skip
        _doc(s, "Mercy Hospital reported a 13% increase in diagnostic accuracy last year.", "13%", 13.0,
             "diagnostic accuracy", "Mercy Hospital")  # fmt: skip
        recluster(s)
    with store.reader.begin() as s:
        rows = service.list_claims(s, sort="id").rows
        notes = [service.get_claim(s, r.id).cluster_drift for r in rows]
        assert all(notes), notes
