"""Review sessions: creation, assignment strategies, queues, soft locks, blind double review, settling, closing."""

from __future__ import annotations

from datetime import timedelta

import pytest

from workbench.errors import BadInput, EditConflict, PermissionDenied
from workbench.store import service, team
from workbench.store.models import utcnow
from workbench.store.service import Actor, ClaimFilter

EDITOR = Actor("eve", "editor")
ANN = Actor("ann", "reviewer")
BOB = Actor("bob", "reviewer")


def new_session(store, mode="double", **kw):
    with store.sessions.begin() as s:
        docs = [d.id for d in service.list_documents(s)]
        return team.create_session(s, "March check", mode=mode, document_ids=docs, due_date="2026-05-31",
                                   actor=EDITOR, **kw)  # fmt: skip


def test_create_from_documents_or_filter(team_store):
    sid = new_session(team_store)
    with team_store.sessions.begin() as s:
        row = team.get_session(s, sid)
        assert (row.total, row.mode, row.status, row.due_date) == (20, "double", "open", "2026-05-31")
        first_doc = min(d.id for d in service.list_documents(s))
        sid2 = team.create_session(s, "One doc", filters=ClaimFilter(document_id=first_doc), actor=EDITOR)
        assert team.get_session(s, sid2).total == 10
        assert [r.id for r in team.list_sessions(s)] == [sid2, sid]
        with pytest.raises(BadInput, match="not a date"):
            team.create_session(s, "x", filters=ClaimFilter(), due_date="soon", actor=EDITOR)


def test_round_robin_double_gives_a_different_second_reviewer(team_store, make_users):
    make_users(team_store, {"cat": "reviewer"})
    sid = new_session(team_store)
    with team_store.sessions.begin() as s:
        res = team.assign(s, sid, strategy="round-robin", reviewers=["ann", "bob", "cat"], actor=EDITOR)
        assert res.assigned == 20 and sum(res.per_reviewer.values()) == 40
        queues = {n: team.my_queue(s, n, session_id=sid) for n in ("ann", "bob", "cat")}
        assert {n: len(q) for n, q in queues.items()} == {"ann": 13, "bob": 14, "cat": 13}
        for q in queues.values():
            assert {i.role for i in q} == {"first", "second"}
        # claims.assignee follows the first reviewer, through the audited path
        row = service.list_claims(s, ClaimFilter(session_id=sid), sort="id", limit=1).rows[0]
        assert row.assignee == "ann" and row.version == 2
        assert service.claim_history(s, row.id)[-1].action == "assign"


def test_balanced_uses_open_work_across_sessions(team_store):
    with team_store.sessions.begin() as s:
        docs = sorted(d.id for d in service.list_documents(s))
        a = team.create_session(s, "A", document_ids=docs[:1], actor=EDITOR)
        team.assign(s, a, strategy="manual", reviewers=["ann"], claim_ids=[i.claim_id for i in team.my_queue(s, "x")]
                    or list(range(1, 11)), actor=EDITOR)  # fmt: skip
        b = team.create_session(s, "B", document_ids=docs[1:], actor=EDITOR)
        res = team.assign(s, b, strategy="balanced", reviewers=["ann", "bob"], actor=EDITOR)
        # ann already has 10 open claims in session A, so bob gets all 10 of B
        assert res.per_reviewer == {"ann": 0, "bob": 10}


def test_blind_double_review_agreement_and_disagreement(team_store):
    sid = new_session(team_store)
    with team_store.sessions.begin() as s:
        team.assign(s, sid, strategy="round_robin", reviewers=["ann", "bob"], actor=EDITOR)
        c1, c2 = [i.claim_id for i in team.my_queue(s, "ann", session_id=sid) if i.role == "first"][:2]
    with team_store.sessions.begin() as s:
        out = team.submit_review(s, sid, c1, "accurate", "matches the report", actor=ANN)
        assert out.state == "open" and out.verdict is None
        # bob cannot see ann's verdict before his own is in; ann sees only her own
        assert team.visible_reviews(s, sid, c1, BOB) == []
        assert [r.reviewer for r in team.visible_reviews(s, sid, c1, ANN)] == ["ann"]
        assert [r.reviewer for r in team.visible_reviews(s, sid, c1, EDITOR)] == ["ann"]
        out = team.submit_review(s, sid, c1, "accurate", "same", actor=BOB)
        assert (out.state, out.claim_status, out.verdict) == ("agreed", "final", "accurate")
        assert {r.reviewer for r in team.visible_reviews(s, sid, c1, BOB)} == {"ann", "bob"}
        assert service.claim_history(s, c1)[-1].action == "agree"
    with team_store.sessions.begin() as s:
        team.submit_review(s, sid, c2, "accurate", "fine", actor=ANN)
        out = team.submit_review(s, sid, c2, "misleading", "cherry-picked", actor=BOB)
        assert (out.state, out.claim_status) == ("disagreement", "second_review")
        q = team.disagreement_queue(s, sid)
        assert [d.claim_id for d in q] == [c2]
        assert [(r.reviewer, r.rationale) for r in q[0].reviews] == [
            ("ann", "fine"),
            ("bob", "cherry-picked"),
        ]
        with pytest.raises(PermissionDenied):
            team.settle(s, sid, c2, "misleading", actor=ANN)
        team.settle(s, sid, c2, "needs_context", note="both half right", actor=EDITOR)
        assert service.get_claim(s, c2).status == "final"
        assert service.claim_history(s, c2)[-2].action == "settle"
        assert team.disagreement_queue(s, sid) == []
        assert c1 not in [i.claim_id for i in team.my_queue(s, "ann")]
        with pytest.raises(BadInput, match="already decided"):
            team.submit_review(s, sid, c1, "inaccurate", actor=ANN)
        dash = team.session_dashboard(s, sid)
        assert (dash.done, dash.total, dash.disagreements) == (2, 20, 0)
        assert dash.agreement.items == 2 and dash.agreement.percent == 0.5
        assert {r.reviewer: (r.assigned, r.done) for r in dash.per_reviewer} == {
            "ann": (20, 2),
            "bob": (20, 2),
        }
        assert dash.verdicts["accurate"] == 1 and dash.verdicts["needs_context"] == 1
        assert any(e.action == "settle" for e in dash.activity)


def test_only_assigned_reviewers_review_and_stale_versions_conflict(team_store):
    sid = new_session(team_store)
    with team_store.sessions.begin() as s:
        team.assign(s, sid, strategy="manual", reviewers=["ann", "bob"], claim_ids=[1, 2], actor=EDITOR)
        with pytest.raises(PermissionDenied, match="not assigned"):
            team.submit_review(s, sid, 3, "accurate", actor=ANN)
        with pytest.raises(EditConflict):
            team.submit_review(s, sid, 1, "accurate", actor=ANN, expected_version=1)  # assign made it 2


def test_single_mode_reviewer_proposes_editor_finalises(team_store):
    sid = new_session(team_store, mode="single")
    with team_store.sessions.begin() as s:
        team.assign(s, sid, strategy="round_robin", reviewers=["ann"], actor=EDITOR)
        out = team.submit_review(s, sid, 1, "inaccurate", "wrong base", actor=ANN, expected_version=2)
        assert (out.state, out.claim_status, out.verdict) == ("open", "in_review", "inaccurate")
        assert 1 not in [i.claim_id for i in team.my_queue(s, "ann")]
        team.settle(s, sid, 1, "inaccurate", actor=EDITOR)
        assert service.get_claim(s, 1).status == "final"
        out = team.submit_review(s, sid, 2, "accurate", actor=EDITOR)  # an editor's own review is final
        assert (out.state, out.claim_status) == ("settled", "final")


def test_soft_locks(team_store):
    t0 = utcnow()
    with team_store.sessions.begin() as s:
        assert team.acquire_lock(s, 1, ANN, minutes=5, now=t0) is None
        other = team.acquire_lock(s, 1, BOB, minutes=5, now=t0 + timedelta(minutes=1))
        assert other is not None and other.holder == "ann" and "being reviewed by ann since" in other.message
        assert team.acquire_lock(s, 1, ANN, minutes=5, now=t0 + timedelta(minutes=4)) is None  # refresh
        assert team.acquire_lock(s, 1, BOB, minutes=5, now=t0 + timedelta(minutes=8)) is not None
        # after five idle minutes the lock is free for bob
        assert team.lock_info(s, 1, minutes=5, now=t0 + timedelta(minutes=9, seconds=1)) is None
        assert team.acquire_lock(s, 1, BOB, minutes=5, now=t0 + timedelta(minutes=9, seconds=1)) is None
        assert team.lock_info(s, 1, now=t0 + timedelta(minutes=10)).holder == "bob"
        team.release_lock(s, 1, ANN)  # not hers any more: no effect
        assert team.lock_info(s, 1, now=t0 + timedelta(minutes=10)).holder == "bob"
        team.release_lock(s, 1, BOB)
        assert team.lock_info(s, 1, now=t0 + timedelta(minutes=10)) is None


def test_closed_session_refuses_writes(team_store):
    sid = new_session(team_store)
    with team_store.sessions.begin() as s:
        team.assign(s, sid, strategy="round_robin", reviewers=["ann", "bob"], actor=EDITOR)
        assert team.close_session(s, sid, actor=EDITOR) == 20
        assert team.get_session(s, sid).status == "closed"
        assert team.my_queue(s, "ann") == []
    for call in (
        lambda s: team.submit_review(s, sid, 1, "accurate", actor=ANN),
        lambda s: team.assign(s, sid, reviewers=["ann", "bob"], actor=EDITOR),
        lambda s: team.settle(s, sid, 1, "accurate", actor=EDITOR),
    ):
        with pytest.raises(BadInput, match="is closed"), team_store.sessions.begin() as s:
            call(s)


def test_editor_cannot_finalise_a_claim_under_double_review_outside_the_session(team_store):
    with team_store.sessions.begin() as s:
        first_doc = min(d.id for d in service.list_documents(s))  # claims 1-10; 11-20 are outside
        sid = team.create_session(s, "March check", mode="double", filters=ClaimFilter(document_id=first_doc),
                                  actor=EDITOR)  # fmt: skip
        team.assign(s, sid, strategy="manual", reviewers=["ann", "bob"], claim_ids=[1, 2], actor=EDITOR)
        v1 = service.get_claim(s, 1).version
        team.submit_review(s, sid, 1, "accurate", actor=ANN, expected_version=v1)
    for call in (
        lambda s: service.set_verdict(s, 1, "inaccurate", expected_version=v1, actor=EDITOR),
        lambda s: service.set_status(s, 1, "final", expected_version=v1, actor=EDITOR),
        lambda s: service.bulk_set_status(s, [11, 1], "final", actor=EDITOR),
    ):
        with pytest.raises(BadInput, match="under double review in the session 'March check'"):
            with team_store.sessions.begin() as s:
                call(s)
    with team_store.sessions.begin() as s:
        c = service.get_claim(s, 1)
        assert (c.status, c.verdict, c.version) == ("new", None, v1)  # nothing landed, not even claim 11
        assert service.get_claim(s, 11).status == "new"
        # A proposal does not decide anything, and claims outside the session are free.
        service.set_verdict(s, 1, "misleading", expected_version=v1, actor=EDITOR, final=False)
        v11 = service.get_claim(s, 11).version
        service.set_verdict(s, 11, "accurate", expected_version=v11, actor=EDITOR)
        # The reviewers still decide: bob agrees with ann, and the claim is final.
        out = team.submit_review(s, sid, 1, "accurate", actor=BOB)
        assert (out.state, out.claim_status, out.verdict) == ("agreed", "final", "accurate")
        # A spreadsheet import is refused row by row, the same way.
        v2 = service.get_claim(s, 2).version
        res = service.import_verdict_rows(s, [{"claim_id": "2", "version": str(v2), "verdict": "accurate"}],
                                          actor=EDITOR)  # fmt: skip
        assert res.updated == 0 and "under double review" in res.errors[0][1]
        team.close_session(s, sid, actor=EDITOR)
        service.set_verdict(
            s, 2, "accurate", expected_version=v2, actor=EDITOR
        )  # closed: editors decide again
        assert service.get_claim(s, 2).status == "final"


def test_editor_final_verdict_settles_a_single_review_item(team_store):
    sid = new_session(team_store, mode="single")
    with team_store.sessions.begin() as s:
        team.assign(s, sid, strategy="round_robin", reviewers=["ann"], actor=EDITOR)
        v = service.get_claim(s, 1).version
        service.set_verdict(s, 1, "accurate", expected_version=v, actor=EDITOR)
        assert 1 not in [i.claim_id for i in team.my_queue(s, "ann")]
        with pytest.raises(BadInput, match="already decided"):
            team.submit_review(s, sid, 1, "inaccurate", actor=ANN)
