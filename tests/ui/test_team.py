"""Team mode through AppTest: sign-in, roles, my queue, sessions, locks, disagreements.

The database is seeded through the service layer (the small corpus, accounts with a
test-sized argon2 cost, sessions) and the app runs with WORKBENCH_MODE=team.
"""

from __future__ import annotations

import pytest

from workbench.store import service, team
from workbench.store.service import Actor, ClaimFilter

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

PASSWORD = "correct horse 1"
ROOT = Actor("root", "admin")
USERS = {"ann": "reviewer", "bob": "reviewer", "eve": "editor", "root": "admin"}


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    from argon2 import PasswordHasher

    monkeypatch.setattr(team, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    team._dummy_hash.cache_clear()
    yield
    team._dummy_hash.cache_clear()


@pytest.fixture
def team_store(ui_store, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    monkeypatch.setenv("WORKBENCH_MODE", "team")
    with ui_store.sessions.begin() as s:
        for name, role in USERS.items():
            team.add_user(s, name, role, PASSWORD, actor=ROOT)
    return ui_store


def ok(at):  # type: ignore[no-untyped-def]
    assert not at.exception, [e.value for e in at.exception]
    return at


def all_text(at) -> str:  # type: ignore[no-untyped-def]
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [c.value for c in at.caption] + [h.value for h in at.header]
    for df in at.dataframe:
        parts.append(df.value.to_string())
    return "\n".join(str(p) for p in parts)


def claim_ids(store) -> list[int]:  # type: ignore[no-untyped-def]
    with store.reader.begin() as s:
        return [r.id for r in service.list_claims(s, ClaimFilter(), sort="id", limit=100).rows]


def claim_texts(store) -> list[str]:  # type: ignore[no-untyped-def]
    with store.reader.begin() as s:
        return [r.text for r in service.list_claims(s, ClaimFilter(), sort="id", limit=100).rows]


def login(new_app, name: str, password: str = PASSWORD):  # type: ignore[no-untyped-def]
    at = ok(new_app().run())
    at.text_input(key="login_user").input(name)
    at.text_input(key="login_password").input(password)
    at.button(key="login_submit").click()
    return ok(at.run())


def switch(at, page: str):  # type: ignore[no-untyped-def]
    at.switch_page(f"screens/{page}.py")
    return ok(at.run())


def make_session(store, *, mode: str = "single", reviewers=("ann",), strategy: str = "round_robin") -> int:  # type: ignore[no-untyped-def]
    eve = Actor("eve", "editor")
    with store.reader.begin() as s:
        doc = service.document_choices(s)[0][0]
    with store.sessions.begin() as s:
        sid = team.create_session(s, "Budget speech", mode=mode, document_ids=[doc], actor=eve)
        team.assign(s, sid, strategy=strategy, reviewers=list(reviewers), actor=eve)
    return sid


# ---------------------------------------------------------------- sign-in


def test_nothing_but_the_login_form_before_login(team_store, new_app) -> None:  # type: ignore[no-untyped-def]
    at = ok(new_app().run())
    assert at.text_input(key="login_user") is not None
    assert at.button(key="login_submit") is not None
    shown = all_text(at)
    for text in claim_texts(team_store):
        assert text not in shown
    assert not at.dataframe
    assert not [b for b in at.button if b.key in ("open", "logout")]


def test_wrong_password_shows_an_error_and_nothing_else(team_store, new_app) -> None:  # type: ignore[no-untyped-def]
    at = login(new_app, "ann", "not the password")
    assert any("wrong name or password" in e.value for e in at.error)
    shown = all_text(at)
    for text in claim_texts(team_store):
        assert text not in shown
    assert not at.dataframe
    with team_store.reader.begin() as s:
        events = [e.action for e in service.recent_activity(s, limit=5)]
    assert "login_failed" in events


def test_right_password_shows_the_queue_and_the_account(team_store, new_app) -> None:  # type: ignore[no-untyped-def]
    at = login(new_app, "ann")
    assert not at.error
    assert at.header[0].value == "Claims queue"
    assert at.dataframe, "the claims table"
    assert any("ann" in m.value and "Reviewer" in m.value for m in at.sidebar.markdown)
    token = at.query_params["t"]
    token = token[0] if isinstance(token, list) else token
    with team_store.reader.begin() as s:
        assert team.actor_for_token(s, token) == Actor("ann", "reviewer")


def test_the_token_in_the_url_survives_a_reload_and_logout_ends_it(team_store, new_app) -> None:  # type: ignore[no-untyped-def]
    with team_store.sessions.begin() as s:
        token = team.create_login_token(s, "bob", 12)
    at = new_app()
    at.query_params["t"] = token
    ok(at.run())
    assert at.header[0].value == "Claims queue"
    at.button(key="logout").click()
    ok(at.run())
    assert at.text_input(key="login_user") is not None
    with team_store.reader.begin() as s:
        assert team.actor_for_token(s, token) is None
    again = new_app()  # the old link no longer signs anyone in
    again.query_params["t"] = token
    ok(again.run())
    assert at.text_input(key="login_user") is not None
    assert not again.dataframe


def test_a_disabled_account_is_signed_out_on_the_next_run(team_store, new_app) -> None:  # type: ignore[no-untyped-def]
    at = login(new_app, "bob")
    assert at.dataframe
    with team_store.sessions.begin() as s:
        team.disable_user(s, "bob", actor=ROOT)
    ok(at.run())
    assert at.text_input(key="login_user") is not None
    assert not at.dataframe


# ---------------------------------------------------------------- roles


def test_reviewer_has_no_finalise_control_and_no_editor_pages(team_store, new_app) -> None:  # type: ignore[no-untyped-def]
    at = login(new_app, "ann")
    assert not [b for b in at.button if b.key == "bulk_apply_status"], "no bulk actions for reviewers"
    for page in ("sessions", "users", "disagreements"):  # not in a reviewer's navigation
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            at.switch_page(f"screens/{page}.py")
    at = login(new_app, "ann")
    at.session_state["claim_id"] = claim_ids(team_store)[0]
    at = switch(at, "review")
    keys = {b.key for b in at.button}
    assert "propose" in keys
    assert "finalise" not in keys and "save" not in keys
    at.selectbox(key="verdict").select("accurate")
    ok(at.run())
    at.button(key="propose").click()
    ok(at.run())
    with team_store.reader.begin() as s:
        c = service.get_claim(s, claim_ids(team_store)[0])
    assert (c.verdict, c.status, c.verdict_by) == ("accurate", "in_review", "ann")


def test_documents_are_read_only_for_reviewers(team_store, new_app) -> None:  # type: ignore[no-untyped-def]
    at = switch(login(new_app, "ann"), "documents")
    keys = {b.key for b in at.button}
    assert "ingest_paste" not in keys and "delete_doc" not in keys
    at = switch(login(new_app, "eve"), "documents")
    assert "ingest_paste" in {b.key for b in at.button}


def test_editor_finalises(team_store, new_app) -> None:  # type: ignore[no-untyped-def]
    cid = claim_ids(team_store)[1]
    at = login(new_app, "eve")
    at.session_state["claim_id"] = cid
    at = switch(at, "review")
    assert "propose" not in {b.key for b in at.button}
    at.selectbox(key="verdict").select("misleading")
    ok(at.run())
    at.button(key="finalise").click()
    ok(at.run())
    with team_store.reader.begin() as s:
        c = service.get_claim(s, cid)
    assert (c.verdict, c.status) == ("misleading", "final")


def test_admin_adds_a_user(team_store, new_app) -> None:  # type: ignore[no-untyped-def]
    at = switch(login(new_app, "root"), "users")
    at.text_input(key="u_name").input("cat")
    at.selectbox(key="u_role").select("editor")
    at.text_input(key="u_password").input("long enough 1")
    at.text_input(key="u_password2").input("long enough 1")
    at.button(key="u_add").click()
    ok(at.run())
    with team_store.reader.begin() as s:
        assert ("cat", "editor") in [(u.name, u.role) for u in team.list_users(s)]


# ---------------------------------------------------------------- my queue, sessions, locks, settling


def test_my_queue_lists_the_assigned_claims_and_opens_one(team_store, new_app) -> None:  # type: ignore[no-untyped-def]
    sid = make_session(team_store, reviewers=("ann",))
    with team_store.reader.begin() as s:
        mine = team.my_queue(s, "ann")
    assert mine
    at = switch(login(new_app, "ann"), "my_queue")
    table = at.dataframe[0].value
    assert list(table.index) == [i.claim_id for i in mine]
    assert mine[0].text in set(table["Claim"])
    at.selectbox(key="mq_open_claim").select(mine[1].claim_id)
    at.button(key="mq_open").click()
    ok(at.run())
    assert at.header[0].value.startswith(f"Claim #{mine[1].claim_id}")
    assert any("Budget speech" in i.value for i in at.info)
    at = switch(at, "review")  # AppTest follows st.switch_page for one run only: stay on Review
    at.selectbox(key="verdict").select("accurate")
    ok(at.run())
    at.button(key="propose").click()
    ok(at.run())
    with team_store.reader.begin() as s:
        reviews = team.visible_reviews(s, sid, mine[1].claim_id, Actor("ann", "reviewer"))
        left = team.my_queue(s, "ann")
    assert [(r.reviewer, r.verdict) for r in reviews] == [("ann", "accurate")]
    assert mine[1].claim_id not in [i.claim_id for i in left]


def test_editor_creates_and_assigns_a_session(team_store, new_app) -> None:  # type: ignore[no-untyped-def]
    at = switch(login(new_app, "eve"), "sessions")
    with team_store.reader.begin() as s:
        doc_id, _ = service.document_choices(s)[0]
    at.text_input(key="s_name").input("Election night")
    at.selectbox(key="s_mode").select("double")
    at.multiselect(key="s_documents").select(doc_id)
    at.button(key="s_create").click()
    ok(at.run())
    with team_store.reader.begin() as s:
        (row,) = team.list_sessions(s)
    assert (row.name, row.mode) == ("Election night", "double") and row.total > 0
    at.multiselect(key="s_reviewers").select("ann").select("bob")
    at.selectbox(key="s_strategy").select("round_robin")
    at.button(key="s_assign").click()
    ok(at.run())
    with team_store.reader.begin() as s:
        dash = team.session_dashboard(s, row.id)
    assert {r.reviewer: r.assigned for r in dash.per_reviewer} == {"ann": row.total, "bob": row.total}
    at.button(key="s_close").click()
    ok(at.run())
    at.button(key="s_close_confirm").click()
    ok(at.run())
    with team_store.reader.begin() as s:
        assert team.get_session(s, row.id).status == "closed"


def test_blind_double_review_hides_the_other_verdict(team_store, new_app) -> None:  # type: ignore[no-untyped-def]
    sid = make_session(team_store, mode="double", reviewers=("ann", "bob"))
    with team_store.reader.begin() as s:
        cid = team.my_queue(s, "bob")[0].claim_id
    with team_store.sessions.begin() as s:
        team.submit_review(s, sid, cid, "misleading", "secret reasoning", actor=Actor("ann", "reviewer"))
    at = login(new_app, "bob")
    at.session_state["claim_id"] = cid
    at = switch(at, "review")
    shown = all_text(at)
    assert "secret reasoning" not in shown and "Misleading" not in shown
    assert "stays hidden" in shown


def test_lock_warning_when_someone_else_has_the_claim_open(team_store, new_app) -> None:  # type: ignore[no-untyped-def]
    cid = claim_ids(team_store)[2]
    with team_store.sessions.begin() as s:
        assert team.acquire_lock(s, cid, Actor("bob", "reviewer")) is None
    at = login(new_app, "ann")
    at.session_state["claim_id"] = cid
    at = switch(at, "review")
    assert any("being reviewed by bob since" in w.value for w in at.warning)
    assert "propose" in {b.key for b in at.button}, "still usable"


def test_editor_settles_a_disagreement(team_store, new_app) -> None:  # type: ignore[no-untyped-def]
    sid = make_session(team_store, mode="double", reviewers=("ann", "bob"))
    with team_store.reader.begin() as s:
        cid = team.my_queue(s, "ann")[0].claim_id
    with team_store.sessions.begin() as s:
        team.submit_review(s, sid, cid, "accurate", "matches the ONS table", actor=Actor("ann", "reviewer"))
        team.submit_review(s, sid, cid, "misleading", "wrong base year", actor=Actor("bob", "reviewer"))
    at = switch(login(new_app, "eve"), "disagreements")
    shown = all_text(at)
    assert "matches the ONS table" in shown and "wrong base year" in shown
    at.selectbox(key="d_verdict").select("needs_context")
    at.text_area(key="d_note").input("both half right")
    ok(at.run())
    at.button(key="d_settle").click()
    ok(at.run())
    with team_store.reader.begin() as s:
        c = service.get_claim(s, cid)
        assert not team.disagreement_queue(s, sid)
    assert (c.verdict, c.status, c.verdict_by) == ("needs_context", "final", "eve")
    assert any(n.body == "both half right" for n in c.notes)
