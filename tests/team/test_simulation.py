"""12 reviewers in parallel threads work through 1,000 claims with blind double review.

No update is lost, every landed change is in the audit log, every claim ends final or in the
disagreement queue, and the dashboard's kappa equals one computed here by hand.
"""

from __future__ import annotations

import random
import threading
from collections import Counter

import pytest
from sqlalchemy import func, select

from workbench.config import VERDICTS
from workbench.store import team
from workbench.store.models import AuditEvent, Claim, Review, SessionItem
from workbench.store.service import Actor, ClaimFilter

REVIEWERS = [f"rev{i:02d}" for i in range(12)]
N_CLAIMS = 1000
LABELS = [v.key for v in VERDICTS]
EDITOR = Actor("eve", "editor")


def verdict_for(reviewer: str, claim_id: int) -> str:
    """Deterministic per reviewer and claim: mostly the claim's 'true' label, sometimes another."""
    truth = random.Random(f"truth:{claim_id}").choice(LABELS[:4])
    rng = random.Random(f"{reviewer}:{claim_id}")
    return truth if rng.random() < 0.75 else rng.choice(LABELS)


def hand_kappa(pairs: list[tuple[str, str]]) -> float:
    n = len(pairs)
    po = sum(a == b for a, b in pairs) / n
    fa, fb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(fa[k] * fb[k] for k in LABELS) / n / n
    return (po - pe) / (1 - pe)


@pytest.mark.slow
def test_twelve_reviewers_double_review_a_thousand_claims(store, make_claims, make_users):
    ids = make_claims(store, N_CLAIMS, per_doc=100)
    make_users(store, {"eve": "editor", **dict.fromkeys(REVIEWERS, "reviewer")})
    with store.sessions.begin() as s:
        sid = team.create_session(s, "Big", mode="double", document_ids=None,
                                  filters=ClaimFilter(), actor=EDITOR)  # fmt: skip
        res = team.assign(s, sid, strategy="balanced", reviewers=REVIEWERS, actor=EDITOR)
    assert res.assigned == N_CLAIMS and set(res.per_reviewer.values()) <= {166, 167, 168}

    submitted: dict[tuple[str, int], str] = {}
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(len(REVIEWERS))

    def work(name: str) -> None:
        actor = Actor(name, "reviewer")
        try:
            start.wait()
            while True:
                with store.reader.begin() as s:
                    queue = team.my_queue(s, name, session_id=sid, limit=25)
                if not queue:
                    return
                for item in queue:
                    with store.sessions.begin() as s:
                        if team.acquire_lock(s, item.claim_id, actor) is not None:
                            continue  # someone else has it open: come back later
                    v = verdict_for(name, item.claim_id)
                    with store.sessions.begin() as s:
                        team.submit_review(s, sid, item.claim_id, v, f"{name} says {v}", actor=actor)
                        team.release_lock(s, item.claim_id, actor)
                    with lock:
                        submitted[(name, item.claim_id)] = v
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=work, args=(n,)) for n in REVIEWERS]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors[:3]
    assert len(submitted) == 2 * N_CLAIMS

    with store.reader.begin() as s:
        # every claim is final or waiting in the disagreement queue
        statuses = Counter(s.scalars(select(Claim.status)))
        queue = team.disagreement_queue(s, sid, limit=N_CLAIMS)
        assert statuses["final"] + statuses["second_review"] == N_CLAIMS
        assert statuses["second_review"] == len(queue)
        # no update lost: each claim's version counts exactly the audited changes to it
        audited = dict(
            s.execute(
                select(AuditEvent.claim_id, func.count())
                .where(AuditEvent.entity == "claim", AuditEvent.claim_id.in_(ids))
                .group_by(AuditEvent.claim_id)
            ).all()
        )
        for cid, version in s.execute(select(Claim.id, Claim.version)):
            assert version == 1 + audited.get(cid, 0)
        # every review landed once, and is audited once
        stored = {(r.reviewer, r.claim_id): r.verdict for r in s.scalars(select(Review))}
        assert stored == {k: v for k, v in submitted.items()}
        n_review_events = s.scalar(select(func.count()).where(AuditEvent.action == "review"))
        assert n_review_events == 2 * N_CLAIMS
        # the kappa the dashboard reports is the one computed by hand (first reviewer, second reviewer)
        items = s.execute(
            select(SessionItem.claim_id, SessionItem.assignee, SessionItem.second_reviewer).where(
                SessionItem.session_id == sid
            )
        ).all()
        pairs = [(submitted[(a, cid)], submitted[(b, cid)]) for cid, a, b in items]
        dash = team.session_dashboard(s, sid)
        assert dash.agreement.kappa == pytest.approx(hand_kappa(pairs), abs=1e-9)
        assert dash.agreement.percent == pytest.approx(sum(a == b for a, b in pairs) / N_CLAIMS)
        assert dash.disagreements == len(queue) == sum(a != b for a, b in pairs)
        assert dash.done == statuses["final"] and dash.total == N_CLAIMS
        assert sum(r.done for r in dash.per_reviewer) == 2 * N_CLAIMS
        assert dash.median_seconds is not None
        assert 0.2 < dash.agreement.kappa < 0.9
