"""Team mode in the browser: `workbench serve --team`, two people in two browser contexts.

The accounts, a double-review session and a disagreement are made beforehand through
the service layer (accounts hashed at a test-sized argon2 cost: verifying reads the cost
from the hash). Every step waits for a text or an element; no fixed sleeps.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from serving import free_port, serving

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (or fails them when WORKBENCH_REQUIRE_E2E=1)
    expect = None

PASSWORD = "correct horse 1"
USERS = {"ann": "reviewer", "bob": "reviewer", "eve": "editor", "root": "admin"}
TIMEOUT_MS = 20_000


@dataclass
class TeamServer:
    url: str
    store: Any
    claim_texts: list[str]
    conflict_claim: int
    settle_session: int
    settle_claim: int
    log: Path


@pytest.fixture(scope="module")
def team_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TeamServer]:
    from argon2 import PasswordHasher

    from workbench.store import open_store, service, team
    from workbench.store.seed import seed_small_corpus
    from workbench.store.service import Actor, ClaimFilter

    tmp = tmp_path_factory.mktemp("e2e-team")
    db_url = f"sqlite:///{tmp / 'claims.db'}"
    store = open_store(db_url)
    doc_ids = seed_small_corpus(store)
    real = team._hasher
    team._hasher = PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1)
    try:
        with store.sessions.begin() as s:
            for name, role in USERS.items():
                team.add_user(s, name, role, PASSWORD, actor=Actor("root", "admin"))
    finally:
        team._hasher = real
    eve, ann, bob = Actor("eve", "editor"), Actor("ann", "reviewer"), Actor("bob", "reviewer")
    with store.sessions.begin() as s:
        sid = team.create_session(s, "Double check", mode="double", document_ids=[doc_ids[0]], actor=eve)
        team.assign(s, sid, strategy="round_robin", reviewers=["ann", "bob"], actor=eve)
    with store.reader.begin() as s:
        settle_claim = team.my_queue(s, "ann", session_id=sid)[0].claim_id
        rows = service.list_claims(s, ClaimFilter(), sort="id", limit=200).rows
    with store.sessions.begin() as s:
        team.submit_review(s, sid, settle_claim, "accurate", "matches the source table", actor=ann)
        team.submit_review(s, sid, settle_claim, "misleading", "the base year differs", actor=bob)
    conflict = next(r.id for r in rows if r.document_id != doc_ids[0])

    port = free_port()
    log = tmp / "server.log"
    env = dict(os.environ, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false", STREAMLIT_SERVER_HEADLESS="true",
               WORKBENCH_CONFIG=str(tmp / "no-config.toml"), USER="e2e")  # fmt: skip
    cmd = [sys.executable, "-m", "workbench", "serve", "--database", db_url, "--port", str(port), "--headless",
           "--team"]  # fmt: skip
    try:
        with serving(cmd, env, tmp, log) as (_proc, url):
            yield TeamServer(url, store, [r.text for r in rows], conflict, sid, settle_claim, log)
    finally:
        store.engine.dispose()


@pytest.fixture
def contexts(browser: Any, team_server: TeamServer) -> Iterator[Any]:
    """A factory of fresh browser contexts (one Streamlit session each), closed after the test."""
    expect.set_options(timeout=TIMEOUT_MS)
    made: list[Any] = []

    def new_page() -> Any:
        ctx = browser.new_context(viewport={"width": 1400, "height": 1000})
        ctx.set_default_timeout(TIMEOUT_MS)
        made.append(ctx)
        return ctx.new_page()

    try:
        yield new_page
    finally:
        for ctx in made:
            ctx.close()


def settle(page: Any) -> None:
    expect(page.get_by_test_id("stApp")).to_have_attribute("data-test-script-state", "notRunning")
    expect(page.locator("[data-stale='true']")).to_have_count(0)


def login(page: Any, server: TeamServer, name: str, password: str = PASSWORD, path: str = "") -> None:
    page.goto(f"{server.url}/{path}")
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    settle(page)
    page.get_by_role("textbox", name="Name", exact=True).fill(name)
    page.get_by_role("textbox", name="Password", exact=True).fill(password)
    page.get_by_role("button", name="Sign in").click()


def logged_in(page: Any, name: str) -> None:
    expect(page.get_by_test_id("stSidebar").get_by_text(name, exact=False).first).to_be_visible()
    expect(page.get_by_role("button", name="Log out")).to_be_visible()
    settle(page)


def open_claim(page: Any, server: TeamServer, claim_id: int) -> None:
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Claims queue", exact=True).click()
    expect(page.get_by_role("heading", name="Claims queue", exact=True)).to_be_visible()
    settle(page)
    box = page.get_by_role("combobox", name="Open a claim", exact=True)
    box.click()
    page.get_by_role("option", name=f"#{claim_id} ·").first.click()
    settle(page)
    page.get_by_role("button", name="Open for review").click()
    expect(page.get_by_role("heading", name=f"Claim #{claim_id}:")).to_be_visible()
    settle(page)


def choose_verdict(page: Any, label: str, option: str) -> None:
    box = page.get_by_role("combobox", name=label, exact=True)
    box.scroll_into_view_if_needed()
    box.click()
    page.get_by_role("option", name=option, exact=True).click()
    expect(box).to_have_value(option)
    settle(page)


def test_nothing_is_shown_before_login_and_a_wrong_password_gets_nothing(contexts: Any, team_server: TeamServer) -> None:  # fmt: skip
    page = contexts()
    page.goto(team_server.url)
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    settle(page)
    body = page.locator("body").inner_text()
    assert not [t for t in team_server.claim_texts if t in body]
    login(page, team_server, "ann", "not the password")
    expect(page.get_by_text("wrong name or password")).to_be_visible()
    settle(page)
    body = page.locator("body").inner_text()
    assert not [t for t in team_server.claim_texts if t in body]
    expect(page.get_by_test_id("stDataFrame")).to_have_count(0)
    expect(page.get_by_role("button", name="Log out")).to_have_count(0)


def test_two_users_edit_the_same_claim_and_the_second_sees_the_conflict(contexts: Any, team_server: TeamServer) -> None:  # fmt: skip
    ann, eve = contexts(), contexts()
    login(ann, team_server, "ann")
    logged_in(ann, "ann")
    login(eve, team_server, "eve")
    logged_in(eve, "eve")
    open_claim(ann, team_server, team_server.conflict_claim)
    # the reviewer proposes, never finalises
    expect(ann.get_by_role("button", name="Propose verdict")).to_be_visible()
    expect(ann.get_by_role("button", name="Finalise verdict")).to_have_count(0)
    open_claim(eve, team_server, team_server.conflict_claim)
    expect(eve.get_by_text("being reviewed by ann since")).to_be_visible()  # ann's soft lock
    choose_verdict(ann, "Verdict", "Accurate")
    ann.get_by_role("button", name="Propose verdict").click()
    expect(ann.get_by_test_id("stToast").filter(has_text="Verdict proposed")).to_be_visible()
    settle(ann)
    choose_verdict(eve, "Verdict", "Inaccurate")
    eve.get_by_role("button", name="Finalise verdict").click()
    expect(eve.get_by_text("Not saved.")).to_be_visible()
    expect(eve.get_by_role("button", name="Keep my edit")).to_be_visible()


def test_the_editor_settles_a_disagreement(contexts: Any, team_server: TeamServer) -> None:
    eve = contexts()
    login(eve, team_server, "eve")
    logged_in(eve, "eve")
    eve.get_by_test_id("stSidebarNav").get_by_role("link", name="Disagreements", exact=True).click()
    expect(eve.get_by_text("matches the source table")).to_be_visible()
    expect(eve.get_by_text("the base year differs")).to_be_visible()
    settle(eve)
    choose_verdict(eve, "Final verdict", "Needs context")
    eve.get_by_role("button", name="Settle").click()
    expect(
        eve.get_by_test_id("stToast").filter(has_text=f"Settled #{team_server.settle_claim}")
    ).to_be_visible()
    from workbench.store import service

    with team_server.store.reader.begin() as s:
        c = service.get_claim(s, team_server.settle_claim)
    assert (c.verdict, c.status, c.verdict_by) == ("needs_context", "final", "eve")


def test_a_reviewer_has_no_editor_pages(contexts: Any, team_server: TeamServer) -> None:
    bob = contexts()
    login(bob, team_server, "bob")
    logged_in(bob, "bob")
    nav = bob.get_by_test_id("stSidebarNav")
    expect(nav.get_by_role("link", name="My queue", exact=True)).to_be_visible()
    for title in ("Sessions", "Disagreements", "Users"):
        expect(nav.get_by_role("link", name=title, exact=True)).to_have_count(0)
