"""The Review screen's evidence panel, driven through AppTest against the seeded temporary database.

Claim 1 of the seed is "24%" (a rise in reported productivity, according to the Workplace
Institute). Sources are pasted, or fetched from a local HTTP server the test starts.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from workbench.store import service
from workbench.store.service import Actor, ClaimFilter

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

SUPPORTS = (
    "Annual survey 2026\n\nThe Workplace Institute found that companies that moved to a four-day week "
    "saw a 24% rise in reported productivity.\n\nOther findings were mixed."
)
DIFFERS = SUPPORTS.replace("24%", "14%")
UNRELATED = "The weather in Lisbon was sunny and mild for most of the spring. Tourists enjoyed the beaches."
HOSTILE = (
    "<script>alert(1)</script> The Workplace Institute found that companies that moved to a four-day "
    "week saw a 24% rise in reported productivity. [click](javascript:alert(2)) <img src=x onerror=alert(3)>"
)
PAGE = (
    "<html><head><title>Workplace Institute annual survey</title></head><body><article>"
    + "<p>The Workplace Institute found that companies that moved to a four-day week saw a 24% rise "
    "in reported productivity.</p>" * 2 + "<p>Other findings were mixed.</p></article></body></html>"
).encode()


def ok(at):  # type: ignore[no-untyped-def]
    assert not at.exception, [e.value for e in at.exception]
    return at


def all_text(at) -> str:  # type: ignore[no-untyped-def]
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [c.value for c in at.caption] + [s.value for s in at.success]
    return "\n".join(str(p) for p in parts)


def claim(store, claim_id: int):  # type: ignore[no-untyped-def]
    with store.reader.begin() as s:
        return service.get_claim(s, claim_id)


def first_claim(store, text: str) -> int:  # type: ignore[no-untyped-def]
    with store.reader.begin() as s:
        rows = service.list_claims(s, ClaimFilter(), sort="id", limit=100).rows
    return next(r.id for r in rows if r.text == text)


def open_review(new_app, claim_id: int):  # type: ignore[no-untyped-def]
    at = ok(new_app().run())
    at.session_state["claim_id"] = claim_id
    return ok(at.switch_page("screens/review.py").run())


def assert_inert(at) -> None:  # type: ignore[no-untyped-def]
    """No source markup reaches the page: HTML blocks are entity-escaped, Markdown is backslash-escaped."""
    for m in at.markdown:
        if m.proto.allow_html:
            assert "<script" not in m.value and "<img" not in m.value, m.value
        else:
            assert "](javascript" not in m.value and "<script" not in m.value.replace("\\<", ""), m.value


def paste(at, text: str):  # type: ignore[no-untyped-def]
    at.text_area(key="ev_paste").set_value(text)
    return ok(at.button(key="ev_check_paste").click().run())


@pytest.fixture
def productivity(ui_store) -> int:  # type: ignore[no-untyped-def]
    cid = first_claim(ui_store, "24%")
    assert claim(ui_store, cid).metric == "reported productivity"
    return cid


def test_a_supporting_source_suggests_but_saves_nothing(ui_store, new_app, productivity) -> None:  # type: ignore[no-untyped-def]
    at = paste(open_review(new_app, productivity), SUPPORTS)
    text = all_text(at)
    assert "Supports the claim" in text
    assert "Suggested verdict: **Accurate**" in text and "nothing is set until you save" in text
    assert "The source gives" in text and "24" in text
    assert claim(ui_store, productivity).verdict is None  # a suggestion only
    # using the suggestion fills the picker and still saves nothing
    at.button(key="ev_use_verdict").click().run()
    assert ok(at).selectbox(key="verdict").value == "accurate"
    assert claim(ui_store, productivity).verdict is None
    # reruns keep the result without checking again
    ok(at.run())
    assert "Supports the claim" in all_text(at)


def test_attaching_a_passage_keeps_the_evidence(ui_store, new_app, productivity) -> None:  # type: ignore[no-untyped-def]
    at = paste(open_review(new_app, productivity), SUPPORTS)
    assert not claim(ui_store, productivity).sources
    ok(at.button(key="ev_attach_0").click().run())
    (src,) = claim(ui_store, productivity).sources
    assert src.match_status == "supports" and src.stance == "supports"
    assert src.has_content and src.content_hash and src.retrieved_at
    assert src.excerpt and "24% rise in reported productivity" in src.excerpt
    assert src.source_value == 24.0 and src.deviation == 0.0
    with ui_store.reader.begin() as s:
        assert service.get_source_content(s, src.id) == SUPPORTS
    # the sources list shows it, with its status and when it was retrieved
    text = all_text(at)
    assert "Sources (1)" in [t.label for t in at.tabs]
    assert "Retrieved" in text and "Supports the claim" in text
    # the stored text loads only when its expander is opened, escaped
    assert "Other findings were mixed" not in all_text(at).replace("&#46;", ".")
    at.session_state[f"ev_stored_{src.id}"] = True
    ok(at.run())
    assert "Other findings were mixed" in all_text(at).replace("&#46;", ".")
    # attaching saved no verdict and did not make the reviewer's next save conflict
    assert claim(ui_store, productivity).verdict is None
    at.selectbox(key="verdict").set_value("accurate").run()
    ok(at.button(key="save").click().run())
    assert claim(ui_store, productivity).verdict == "accurate"


def test_a_different_figure_shows_the_deviation(ui_store, new_app, productivity) -> None:  # type: ignore[no-untyped-def]
    at = paste(open_review(new_app, productivity), DIFFERS)
    text = all_text(at)
    assert "Number differs" in text
    assert "−10 percentage points" in text and "-41.7% of the claimed figure" in text.replace("\\", "")
    assert "Suggested verdict: **Inaccurate**" in text
    assert claim(ui_store, productivity).verdict is None


def test_an_unrelated_source_is_not_found(ui_store, new_app, productivity) -> None:  # type: ignore[no-untyped-def]
    at = paste(open_review(new_app, productivity), UNRELATED)
    text = all_text(at)
    assert "Not found in the source" in text
    assert "Suggested verdict: **Unsupported**" in text
    assert not [b for b in at.button if b.key == "ev_attach_0"]  # nothing to attach


def test_an_empty_paste_is_a_calm_error(ui_store, new_app, productivity) -> None:  # type: ignore[no-untyped-def]
    at = paste(open_review(new_app, productivity), "   ")
    assert any("empty" in e.value for e in at.error)


def test_a_hostile_source_is_shown_escaped(ui_store, new_app, productivity) -> None:  # type: ignore[no-untyped-def]
    at = paste(open_review(new_app, productivity), HOSTILE)
    assert "Supports the claim" in all_text(at)
    html = [m.value for m in at.markdown if "wb-doc" in m.value]
    passage = next(h for h in html if "&lt;script&gt;" in h)
    assert '<mark class="wb-current"' in passage and ">24%</mark>" in passage
    assert_inert(at)
    ok(at.button(key="ev_attach_0").click().run())
    assert len(claim(ui_store, productivity).sources) == 1
    assert_inert(at)  # the excerpt in the sources list too


class _Handler(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        self.requests.append(self.path)
        code, body = (200, PAGE) if self.path == "/survey" else (404, b"not here")
        self.send_response(code)
        self.send_header("Content-Type", "text/html; charset=utf-8" if code == 200 else "text/plain")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    _Handler.requests = []
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_fetching_a_url(ui_store, new_app, productivity, server) -> None:  # type: ignore[no-untyped-def]
    at = open_review(new_app, productivity)
    at.text_input(key="ev_url").set_value(f"{server}/survey")
    ok(at.button(key="ev_fetch").click().run())
    assert "Supports the claim" in all_text(at)
    # reruns, and a visit to another claim and back, keep the source without fetching it again
    ok(at.run())
    ok(at.button(key="next").click().run())
    assert "Supports the claim" not in all_text(at)
    ok(at.button(key="prev").click().run())
    assert at.session_state["claim_id"] == productivity and "Supports the claim" in all_text(at)
    assert _Handler.requests.count("/survey") == 1
    ok(at.button(key="ev_attach_0").click().run())
    (src,) = claim(ui_store, productivity).sources
    assert src.url == f"{server}/survey" and src.match_status == "supports" and src.has_content
    # a page that is not there: a clear error, and the paste option is pointed to
    at.text_input(key="ev_url").set_value(f"{server}/missing")
    ok(at.button(key="ev_fetch").click().run())
    assert any("404" in e.value and "Paste" in e.value for e in at.error)


def test_an_unreachable_url_is_a_friendly_error(ui_store, new_app, productivity) -> None:  # type: ignore[no-untyped-def]
    at = open_review(new_app, productivity)
    at.text_input(key="ev_url").set_value("http://127.0.0.1:1/")
    ok(at.button(key="ev_fetch").click().run())
    (err,) = [e.value for e in at.error]
    assert "Could not fetch the source" in err and "could not connect" in err and "Paste" in err
    assert "Traceback" not in all_text(at)


def test_the_arithmetic_check_is_shown(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    from workbench.documents.types import Document
    from workbench.store.ingest import ingest_documents

    doc = Document(
        text="Unemployment report\n\nThe jobless rate rose from 6% to 8%, a 2% increase, the ministry said.",
        title="Jobs",
        path="jobs.txt",
    )
    summary = ingest_documents(ui_store.sessions, [("jobs.txt", doc)], actor=Actor("t", "admin"))
    (doc_id,) = summary.document_ids
    with ui_store.reader.begin() as s:
        rows = service.list_claims(s, ClaimFilter(document_id=doc_id), sort="id", limit=10).rows
    flagged = [r.id for r in rows if claim(ui_store, r.id).checks]
    assert flagged
    at = open_review(new_app, flagged[0])
    (warn,) = [w.value for w in at.warning if "Arithmetic check" in w.value]
    assert "percentage points" in warn and "confusing percentage points with percent" in warn
    # a claim without checks shows no such warning
    at = open_review(new_app, first_claim(ui_store, "24%"))
    assert not [w for w in at.warning if "Arithmetic check" in w.value]


def test_uploading_a_file(ui_store, new_app, productivity) -> None:  # type: ignore[no-untyped-def]
    at = open_review(new_app, productivity)
    html = PAGE.replace(b"24%", b"14%")
    ok(at.file_uploader(key="ev_file").upload("survey.html", html, "text/html").run())
    assert "Number differs" in all_text(at)
    assert "Checked against Workplace Institute annual survey" in all_text(at)
    # a pasted source replaces it, and the file still in the uploader is not read again over it
    paste(at, SUPPORTS)
    assert "Supports the claim" in all_text(at) and "Number differs" not in all_text(at)
    ok(at.run())
    assert "Supports the claim" in all_text(at)
    # a file that cannot be read is a calm error
    at.file_uploader(key="ev_file").set_value(("scan.pdf", b"%PDF-1.4 not really", "application/pdf"))
    ok(at.run())
    assert any("Could not read scan.pdf" in e.value.replace("\\", "") for e in at.error)
