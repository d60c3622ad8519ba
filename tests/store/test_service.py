"""Service-layer tests; each runs on SQLite and on PostgreSQL (see conftest.db_url)."""

from __future__ import annotations

import pytest

from workbench.errors import BadInput, EditConflict, PermissionDenied
from workbench.store import service
from workbench.store.service import Actor, ClaimFilter, SourceInput

ME = Actor("alice")
BOB = Actor("bob")


def first_claim(store, **filters):
    with store.reader.begin() as s:
        return service.list_claims(s, ClaimFilter(**filters), sort="position", limit=1).rows[0]


def test_seed_lists_and_counts(seeded):
    with seeded.reader.begin() as s:
        page = service.list_claims(s, limit=3)
        assert page.total == 7 and len(page.rows) == 3 and page.pages == 3
        scores = [r.checkworthiness for r in page.rows]
        assert scores == sorted(scores, reverse=True)
        assert service.count_claims(s, ClaimFilter(unit=("percent",))) == 4
        assert service.count_claims(s, ClaimFilter(text="occupancy")) == 2  # both claims of that sentence
        assert service.count_claims(s, ClaimFilter(text="100%_")) == 0  # LIKE wildcards are escaped
        assert service.review_progress(s) == (0, 7)


def test_set_verdict_writes_audit_and_bumps_version(seeded):
    c = first_claim(seeded)
    with seeded.sessions.begin() as s:
        v = service.set_verdict(
            s, c.id, "accurate", expected_version=c.version, actor=ME, note="Checked the PDF"
        )
    assert v == c.version + 1
    with seeded.reader.begin() as s:
        d = service.get_claim(s, c.id)
        assert (d.verdict, d.status, d.verdict_by, d.version) == ("accurate", "final", "alice", v)
        assert [n.body for n in d.notes] == ["Checked the PDF"]
        actions = [e.action for e in service.claim_history(s, c.id)]
        assert actions == ["set_verdict", "add_note"]
        ev = service.claim_history(s, c.id)[0]
        assert ev.before["verdict"] is None and ev.after["verdict"] == "accurate" and ev.actor == "alice"
        assert service.review_progress(s) == (1, 7)


def test_stale_write_raises_conflict_and_changes_nothing(seeded):
    c = first_claim(seeded)
    with seeded.sessions.begin() as s:
        service.set_verdict(s, c.id, "misleading", expected_version=c.version, actor=BOB)
    with pytest.raises(EditConflict) as err, seeded.sessions.begin() as s:
        service.set_verdict(s, c.id, "accurate", expected_version=c.version, actor=ME, note="lost?")
    assert err.value.changed_by == "bob"
    assert err.value.changes["verdict"]["to"] == "misleading"
    with seeded.reader.begin() as s:
        d = service.get_claim(s, c.id)
        assert d.verdict == "misleading" and d.notes == []
        assert len(service.claim_history(s, c.id)) == 1


def test_field_edit_validates_and_is_audited(seeded):
    c = first_claim(seeded)
    with seeded.sessions.begin() as s:
        service.update_claim_fields(
            s, c.id, {"value": "25", "metric": "productivity"}, expected_version=c.version, actor=ME
        )
    with pytest.raises(BadInput), seeded.sessions.begin() as s:
        service.update_claim_fields(s, c.id, {"sentence": "x"}, expected_version=c.version + 1, actor=ME)
    with pytest.raises(BadInput), seeded.sessions.begin() as s:
        service.update_claim_fields(s, c.id, {"value": "lots"}, expected_version=c.version + 1, actor=ME)
    with seeded.reader.begin() as s:
        d = service.get_claim(s, c.id)
        assert d.value == 25.0 and d.metric == "productivity" and d.version == c.version + 1


def test_sources_notes_and_bulk(seeded):
    c = first_claim(seeded)
    with seeded.sessions.begin() as s:
        sid = service.add_source(s, c.id, SourceInput(url="https://stats.example/report", title="Report",
                                                     excerpt="productivity rose 24%", source_value=24.0,
                                                     stance="supports"), actor=ME)  # fmt: skip
        with pytest.raises(BadInput):
            service.add_source(s, c.id, SourceInput(), actor=ME)
        all_ids = [r.id for r in service.list_claims(s, limit=100).rows]
        assert service.bulk_set_status(s, all_ids[:3], "in_review", actor=ME) == 3
        assert service.bulk_assign(s, all_ids, "carol", actor=ME) == 7
    with seeded.reader.begin() as s:
        d = service.get_claim(s, c.id)
        assert d.sources[0].id == sid and d.sources[0].source_value == 24.0
        assert service.count_claims(s, ClaimFilter(assignee="carol")) == 7
        assert service.count_claims(s, ClaimFilter(status=("in_review",))) == 3


def test_reviewer_cannot_finalise_or_bulk(seeded):
    c = first_claim(seeded)
    rev = Actor("rita", "reviewer")
    with pytest.raises(PermissionDenied), seeded.sessions.begin() as s:
        service.set_verdict(s, c.id, "accurate", expected_version=c.version, actor=rev)
    with pytest.raises(PermissionDenied), seeded.sessions.begin() as s:
        service.bulk_set_status(s, [c.id], "final", actor=rev)
    with seeded.sessions.begin() as s:  # proposing is allowed
        service.set_verdict(s, c.id, "accurate", expected_version=c.version, actor=rev, final=False)
    with seeded.reader.begin() as s:
        assert service.get_claim(s, c.id).status == "in_review"


def test_neighbours_follow_the_queue_order(seeded):
    with seeded.reader.begin() as s:
        ids = [r.id for r in service.list_claims(s, ClaimFilter(unit=("percent",)), limit=100).rows]
        prev, nxt = service.neighbours(s, ids[1], ClaimFilter(unit=("percent",)))
        assert (prev, nxt) == (ids[0], ids[2])
        assert service.neighbours(s, ids[0], ClaimFilter(unit=("percent",)))[0] is None
        assert service.neighbours(s, ids[-1], ClaimFilter(unit=("percent",)))[1] is None


def test_delete_document_cascades_and_is_audited(seeded):
    with seeded.sessions.begin() as s:
        doc = service.list_documents(s)[0]
        service.delete_document(s, doc.id, actor=ME)
    with seeded.reader.begin() as s:
        assert all(d.id != doc.id for d in service.list_documents(s))
        assert service.count_claims(s, ClaimFilter(document_id=doc.id)) == 0
        assert service.recent_activity(s, limit=1)[0].action == "delete_document"


def test_verdict_counts_and_unknown_labels(seeded):
    c = first_claim(seeded)
    with pytest.raises(BadInput), seeded.sessions.begin() as s:
        service.set_verdict(s, c.id, "pants_on_fire", expected_version=c.version, actor=ME)
    with seeded.sessions.begin() as s:
        service.set_verdict(s, c.id, "inaccurate", expected_version=c.version, actor=ME)
    with seeded.reader.begin() as s:
        counts = service.verdict_counts(s)
        assert counts["inaccurate"] == 1 and counts[""] == 6
        assert sum(n for _, n in service.progress_over_time(s)) == 1


def test_short_url_never_shows_a_password() -> None:
    from workbench.store.engine import short_url

    assert short_url("sqlite:////tmp/a/b/claims.db") == "claims.db"
    assert short_url("postgresql+psycopg://ed:secret@db.example:5432/newsroom") == "db.example/newsroom"
    assert "secret" not in short_url("postgresql://ed:secret@h/d")


def test_refresh_statistics_runs_on_each_backend(seeded):
    with seeded.sessions.begin() as s:
        service.refresh_statistics(s)
    with seeded.reader.begin() as s:
        assert service.count_claims(s) == 7
