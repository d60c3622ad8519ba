"""The documents screen, and hostile documents in the browser.

Articles come from anywhere. The seeded "Hospitals and AI triage" has a line with a
``<script>`` tag and a ``javascript:`` Markdown link in its plain text; the hostile HTML
sample has real script, img-onerror, iframe and javascript: links, and the same as
visible text. In the browser the visible text must read literally, and nothing from
the documents may become an element that runs code (the ``page`` fixture also fails
the test if any ``alert`` dialog opened).
"""

from __future__ import annotations

from typing import Any

import pytest

try:
    from playwright.sync_api import expect
except ImportError:  # conftest.py skips these tests (or fails them when WORKBENCH_REQUIRE_E2E=1)
    expect = None

TRIAGE = "Hospitals and AI triage"
HOSTILE_TITLE = 'Quarterly update <script>alert("title")</script>'


def _documents(server: Any) -> dict[str, int]:
    from workbench.store import service

    with server.store.reader.begin() as s:
        return {title: doc_id for doc_id, title in service.document_choices(s)}


def _claim_in(server: Any, doc_title: str, text: str) -> int:
    from workbench.store import service

    with server.store.reader.begin() as s:
        rows = service.list_claims(s, limit=500).rows
    [row] = [r for r in rows if r.document_title == doc_title and r.text == text]
    return int(row.id)


def _read(app: Any, server: Any, title: str) -> Any:
    """Documents screen, 'Read a document' = title; returns the rendered article."""
    doc_id = _documents(server)[title]
    app.open("documents", header="Documents")
    app.choose("Read a document", f"#{doc_id} · {title}", exact=True)
    expect(app.page.get_by_role("heading", name=title, exact=True)).to_be_visible()
    view = app.document_view()
    expect(view).to_have_count(1)
    return view


def assert_nothing_executable(page: Any) -> None:
    """No element made from document text can run code, and no dialog opened (so far)."""
    main = page.get_by_test_id("stMain")
    rendered = "[data-testid=stMarkdownContainer], [data-testid=stHtml], div.wb-doc"
    expect(page.locator(f":is({rendered}) script")).to_have_count(0)
    expect(main.locator("script")).to_have_count(0)
    expect(page.locator("img[onerror]")).to_have_count(0)
    expect(page.locator('a[href^="javascript:" i]')).to_have_count(0)
    expect(main.locator("iframe")).to_have_count(0)
    handlers = main.evaluate(
        """m => [...m.querySelectorAll('*')].flatMap(e => [...e.attributes]
                 .filter(a => a.name.startsWith('on') || /javascript:/i.test(a.value))
                 .map(a => e.tagName + ' ' + a.name + '=' + a.value))"""
    )
    assert handlers == [], handlers
    assert page.dialogs == []


def test_documents_screen_lists_and_reads_an_article(app: Any, server: Any, screenshot: Any) -> None:
    app.open()
    app.nav("Documents")
    for title in ("Remote work and the four-day week", TRIAGE, HOSTILE_TITLE):
        expect(app.cell(title).first).to_be_attached()
    view = _read(app, server, "Remote work and the four-day week")
    expect(view.locator("mark")).to_have_count(4)
    for text in ("24%", "one in five", "from 62% to 41%", "$1.2bn"):
        expect(view.locator("mark", has_text=text)).to_have_count(1)
    expect(app.cell("0 of 4 reviewed")).to_have_count(1)  # the Progress column
    expect(app.page.get_by_test_id("stMain").get_by_text("of 4 reviewed (0%)")).to_be_visible()
    screenshot(app.page, "documents")


def test_seeded_hostile_line_reads_as_text(app: Any, server: Any) -> None:
    page = app.page
    view = _read(app, server, TRIAGE)
    expect(view).to_contain_text(
        "A hostile line: <script>alert('x')</script> and [link](javascript:alert(1))"
    )
    expect(page.get_by_text("<script>alert('x')</script>")).to_be_visible()
    # Its claims are still marked, around the hostile text.
    expect(view.locator("mark", has_text="3 claims")).to_be_visible()
    expect(view.locator("mark")).to_have_count(3)
    assert_nothing_executable(page)


def test_hostile_html_sample_reads_as_text(app: Any, server: Any) -> None:
    page = app.page
    view = _read(app, server, HOSTILE_TITLE)
    # What the article shows as text is shown as text...
    expect(view).to_contain_text("Visible text with markup in it: <script>alert(1)</script>")
    expect(view).to_contain_text("<img src=x onerror=alert(1)> and <b>bold</b>")
    expect(view).to_contain_text("[click](javascript:alert(1))")
    expect(page.get_by_text("<script>alert(1)</script>").first).to_be_visible()
    # ...its real tags are gone, keeping only their text...
    expect(view).to_contain_text("a link")
    expect(view).not_to_contain_text("alert(2)")
    expect(view).not_to_contain_text("alert(3)")
    expect(view.locator("b")).to_have_count(0)
    # ...and its claims are marked.
    expect(view.locator("mark", has_text="8.5%")).to_be_visible()
    assert_nothing_executable(page)


def test_hostile_claim_on_the_review_screen(app: Any, server: Any) -> None:
    claim_id = _claim_in(server, HOSTILE_TITLE, "8.5%")
    app.open(f"review?claim={claim_id}", header=f"Claim #{claim_id}: 8.5%")
    page = app.page
    expect(page.get_by_text(HOSTILE_TITLE, exact=True)).to_be_visible()  # the document's title, as text
    expect(app.document_view().locator("mark.wb-current")).to_have_text("8.5%")
    assert_nothing_executable(page)


@pytest.mark.parametrize("screen", ["", "add_claim", "reports"])
def test_other_screens_show_the_hostile_title_safely(app: Any, screen: str) -> None:
    header = {"": "Claims queue", "add_claim": "Add a missed claim", "reports": "Reports"}[screen]
    app.open(screen, header=header)
    assert_nothing_executable(app.page)
