"""A reviewer's day in the browser: queue -> claim -> source -> verdict -> CSV, and an edit conflict.

The tests share one server and run in file order: the source and verdict given to the
"$1.2bn" claim in the middle tests are what the CSV test downloads. Each test has its
own browser session, so each one opens the claim afresh.
"""

from __future__ import annotations

import csv
import io
import re
from typing import Any

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (or fails them when WORKBENCH_REQUIRE_E2E=1)
    expect = None

SOURCE_URL = "https://stats.example/commuter-spending-2026"
SOURCE_TITLE = "City commuter spending survey 2026"
REVIEWER = "Alex Reviewer"
FLOW_CLAIM = ("$1.2bn", "Remote work and the four-day week")
CONFLICT_CLAIM = ("18%", "Hospitals and AI triage")


def _claim(server: Any, text: str, title: str) -> Any:
    """The seeded claim with this text in this document, read through the service layer."""
    from workbench.store import service

    with server.store.reader.begin() as s:
        rows = service.list_claims(s, limit=500).rows
    [row] = [r for r in rows if r.text == text and r.document_title == title]
    return row


@pytest.fixture(scope="module")
def flow_claim(server: Any) -> Any:
    return _claim(server, *FLOW_CLAIM)


def _open_claim_from_queue(app: Any, claim: Any) -> None:
    app.open()  # the queue is the first page
    expect(app.cell(claim.text).first).to_be_attached()
    app.choose("Open a claim", f"#{claim.id} · {claim.text} · {claim.document_title}", exact=True)
    app.page.get_by_role("button", name="Open for review").click()
    expect(app.heading(f"Claim #{claim.id}: {claim.text}")).to_be_visible()
    app.settle()


def test_queue_lists_the_seeded_claims(app: Any, server: Any, screenshot: Any) -> None:
    app.open("reports", header="Reports")
    app.nav("Claims queue")
    for text in ("from 62% to 41%", "one in five", "$1.2bn", "Waiting times", "Office occupancy"):
        expect(app.cell(text).first).to_be_attached()
    expect(app.cell("Hospitals and AI triage").first).to_be_attached()
    expect(app.page.get_by_text("Showing 1–13 of 13 claims")).to_be_visible()
    # the sidebar's overall progress
    expect(app.page.get_by_test_id("stSidebar").get_by_text("0 of 13 claims reviewed")).to_be_visible()
    screenshot(app.page, "queue")


def test_open_a_claim_shows_it_marked_in_its_paragraph(app: Any, flow_claim: Any) -> None:
    _open_claim_from_queue(app, flow_claim)
    doc = app.document_view()
    current = doc.locator("mark.wb-current")
    expect(current).to_have_count(1)
    expect(current).to_have_text(flow_claim.text)
    expect(doc).to_contain_text("the city lost $1.2bn in commuter spending")
    # the other claim of the same paragraph is marked too, but not as the current one
    expect(doc.locator("mark.wb-other", has_text="from 62% to 41%")).to_be_visible()
    expect(app.page).to_have_url(re.compile(rf"/review\?claim={flow_claim.id}$"))


def test_add_a_source(app: Any, server: Any, flow_claim: Any) -> None:
    _open_claim_from_queue(app, flow_claim)
    page = app.page
    page.get_by_role("tab", name="Sources (0)").click()
    expect(page.get_by_text("No sources yet.")).to_be_visible()
    page.get_by_role("textbox", name="Link", exact=True).fill(SOURCE_URL)
    page.get_by_role("textbox", name="Title", exact=True).fill(SOURCE_TITLE)
    page.get_by_role("textbox", name="Excerpt", exact=True).fill("Commuters spent $1.2bn less than in 2025.")
    figure = page.get_by_role("textbox", name="The figure it gives", exact=True)
    figure.fill("1.2 bilion")  # a typo: refused, and nothing typed is lost
    page.get_by_role("button", name="Add source").click()
    expect(page.get_by_text("must be a number such as")).to_be_visible()
    expect(page.get_by_role("textbox", name="Title", exact=True)).to_have_value(SOURCE_TITLE)
    figure.fill("$1.2bn")
    page.get_by_role("button", name="Add source").click()
    expect(app.toast("Source added")).to_be_visible()
    app.settle()
    tab = page.get_by_role("tab", name="Sources (1)")
    expect(tab).to_be_visible()
    tab.click()
    link = page.get_by_role("link", name=SOURCE_TITLE)
    expect(link).to_be_visible()
    expect(link).to_have_attribute("href", SOURCE_URL)
    expect(page.get_by_text("Commuters spent $1.2bn less than in 2025.")).to_be_visible()
    # saved, so the form is empty again in the browser too
    expect(page.get_by_role("textbox", name="Excerpt", exact=True)).to_have_value("")
    expect(page.get_by_role("textbox", name="Link", exact=True)).to_have_value("")
    # and it is in the database, with the figure read as a number
    from workbench.store import service

    with server.store.reader.begin() as s:
        [src] = service.get_claim(s, flow_claim.id).sources
    assert (src.url, src.title, src.source_value) == (SOURCE_URL, SOURCE_TITLE, 1.2e9)


def test_set_a_verdict(app: Any, server: Any, flow_claim: Any, screenshot: Any) -> None:
    page = app.page
    _open_claim_from_queue(app, flow_claim)
    # Work under a name of one's own (the sidebar; a page load would start a new session).
    reviewer = page.get_by_test_id("stSidebar").get_by_role("textbox", name="Reviewer")
    reviewer.fill(REVIEWER)
    reviewer.press("Enter")
    expect(reviewer).to_have_value(REVIEWER)
    app.settle()
    app.choose("Verdict", "Inaccurate", exact=True)
    save = page.get_by_role("button", name="Save verdict")
    expect(save).to_be_enabled()
    save.click()
    expect(app.toast("Verdict saved: Inaccurate")).to_be_visible()
    expect(page.get_by_text(f"Current verdict set by {REVIEWER}")).to_be_visible()
    badges = page.get_by_test_id("stMain")
    expect(badges.get_by_text("Final", exact=True)).to_be_visible()
    expect(page.get_by_test_id("stSidebar").get_by_text("1 of 13 claims reviewed")).to_be_visible()

    from workbench.store import service

    with server.store.reader.begin() as s:
        detail = service.get_claim(s, flow_claim.id)
    assert (detail.verdict, detail.status, detail.verdict_by) == ("inaccurate", "final", REVIEWER)
    screenshot(page, "review")


def test_reports_csv_has_the_verdict_and_the_source(app: Any, flow_claim: Any, screenshot: Any) -> None:
    app.open()
    app.nav("Reports")
    page = app.page
    button = page.get_by_role("button", name=re.compile(r"^CSV \(13 claims\)"))
    expect(button).to_be_visible()
    with page.expect_download() as info:
        button.click()
    download = info.value
    assert download.suggested_filename == "claims.csv"
    text = download.path().read_text(encoding="utf-8-sig")
    rows = {int(r["claim_id"]): r for r in csv.DictReader(io.StringIO(text))}
    assert len(rows) == 13
    row = rows[flow_claim.id]
    assert row["text"] == flow_claim.text
    assert row["verdict"] == "inaccurate"
    assert row["verdict_by"] == REVIEWER
    assert SOURCE_URL in row["sources"].split(" | ")
    assert [r for r in rows.values() if r["verdict"]] == [row]  # nothing else got a verdict
    screenshot(page, "reports")


def test_conflict_when_someone_else_saved_first(app: Any, server: Any) -> None:
    from workbench.store import service

    claim = _claim(server, *CONFLICT_CLAIM)
    _open_claim_from_queue(app, claim)
    page = app.page
    # Someone else gives the claim a verdict while the page is open.
    with server.store.sessions.begin() as s:
        current = service.get_claim(s, claim.id).version
        service.set_verdict(
            s, claim.id, "accurate", expected_version=current, actor=service.Actor("Dana Editor")
        )
    app.choose("Verdict", "Misleading", exact=True)
    page.get_by_role("button", name="Save verdict").click()
    panel = page.locator(".st-key-conflict_panel")
    expect(panel).to_be_visible()
    expect(panel).to_contain_text("Not saved.")
    expect(panel).to_contain_text("Dana Editor changed this claim")
    expect(panel).to_contain_text("Your edit, not yet saved: verdict Misleading")
    # The other person's verdict stands until the reviewer decides.
    with server.store.reader.begin() as s:
        assert service.get_claim(s, claim.id).verdict == "accurate"
    # Deliberately keep the edit: it is applied on top of the latest version.
    page.get_by_role("button", name="Keep my edit").click()
    expect(app.toast("Your edit was applied on top of the latest version")).to_be_visible()
    expect(panel).to_have_count(0)
    with server.store.reader.begin() as s:
        assert service.get_claim(s, claim.id).verdict == "misleading"
