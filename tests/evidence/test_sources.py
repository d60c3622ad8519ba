"""Sources: fetched over HTTP (a local server the test starts), uploaded PDFs, and evidence kept."""

from __future__ import annotations

import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from typer.testing import CliRunner

from workbench.cli import app
from workbench.documents.sources import fetch_url, load_source_bytes
from workbench.errors import DocumentError, FetchError
from workbench.store import service
from workbench.store.service import Actor, ClaimFilter

ARTICLE_HTML = (
    "<html><head><title>Transit annual report</title></head><body><nav>Home 1 2 3</nav><article>"
    + "<p>The agency said ridership rose 14 percent in 2025, to 48 million trips.</p>" * 3
    + "<p>Operating costs were flat, and fares covered 31% of them.</p></article></body></html>"
)


def tiny_pdf(text: str) -> bytes:
    """A one-page PDF with a text layer, written by hand (no PDF library needed)."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, body in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server API
        routes = {
            "/report": (200, "text/html; charset=utf-8", ARTICLE_HTML.encode()),
            "/report.pdf": (200, "application/pdf", tiny_pdf("Ridership rose 14 percent in 2025.")),
            "/huge": (200, "text/plain", b"9" * 200_000),
        }
        if self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/report")
            self.end_headers()
            return
        if self.path == "/loop":
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        code, ctype, body = routes.get(self.path, (404, "text/plain", b"not here"))
        self.send_response(code)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    t = threading.Thread(target=httpd.serve_forever, daemon=True)
    t.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_fetch_follows_redirects_and_extracts_the_article(server):
    doc = fetch_url(f"{server}/moved")
    assert doc.url.endswith("/report") and "ridership rose 14 percent" in doc.text
    assert "Home 1 2 3" not in doc.text
    assert len(doc.metadata["sha256"]) == 64 and doc.metadata["retrieved_at"]


@pytest.mark.parametrize(
    ("path", "message"),
    [("/missing", "404"), ("/loop", "too many redirects"), ("/huge", "limit")],
    ids=["not-found", "redirect-loop", "too-large"],
)
def test_fetch_errors_are_clear(server, path, message):
    with pytest.raises(FetchError, match=message):
        fetch_url(f"{server}{path}", max_bytes=100_000)


def test_fetch_without_network_suggests_pasting():
    with pytest.raises(FetchError, match="paste the text"):
        fetch_url("http://127.0.0.1:1/nothing-listens-here", timeout=2)
    with pytest.raises(FetchError, match="only http"):
        fetch_url("file:///etc/passwd")


def test_pdf_upload_and_a_scan_without_text(server):
    doc = load_source_bytes(tiny_pdf("Ridership rose 14 percent in 2025."), name="report.pdf")
    assert doc.format == "pdf" and "14 percent" in doc.text
    with pytest.raises(DocumentError, match="could not read|no text layer"):
        load_source_bytes(b"%PDF-1.4\ngarbage", name="broken.pdf")


def test_check_source_cli_by_text_and_by_id_with_evidence(seeded, server, db_url):
    runner = CliRunner()
    r = runner.invoke(
        app, ["check-source", "--claim", "Bus ridership rose 14% last year", f"{server}/report.pdf"]
    )
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["status"] == "supports" and out["source_value"]["value"] == 14.0
    assert {"text", "start", "end", "score"} <= set(out["passages"][0])

    with seeded.reader.begin() as s:
        cid = service.list_claims(s, ClaimFilter(text="productivity", document_id=1)).rows[0].id
    source = "<p>The Workplace Institute found reported productivity rose 21% at four-day firms.</p>" * 3
    r = runner.invoke(app, ["check-source", "--claim-id", str(cid), "--attach", "--database", db_url, "-"],
                      input=source)  # fmt: skip
    assert r.exit_code == 0, r.output
    out = json.loads(r.stdout)
    assert out["status"] == "number_differs" and out["deviation"] == pytest.approx(-3.0)
    with seeded.reader.begin() as s:
        d = service.get_claim(s, cid)
        assert d.verdict is None  # a suggestion is never applied
        src = d.sources[-1]
        assert (
            src.match_status == "number_differs" and src.source_value == 21.0 and src.stance == "contradicts"
        )
        assert src.has_content and len(src.content_hash or "") == 64 and src.retrieved_at is not None
        assert "21%" in (src.excerpt or "")


def test_check_source_needs_exactly_one_claim(tmp_path):
    f = tmp_path / "s.txt"
    f.write_text("Nothing here.", encoding="utf-8")
    r = CliRunner().invoke(app, ["check-source", str(f)])
    assert r.exit_code == 2 and "either --claim" in r.output


def test_arithmetic_flags_are_stored_on_ingest(store, tmp_path):
    from workbench.store.ingest import ingest_paths

    f = tmp_path / "slip.txt"
    f.write_text("The jobless rate rose from 6% to 8%, a 2% increase, the council said.\n", encoding="utf-8")
    ingest_paths(store.sessions, [str(f)], actor=Actor("alice"))
    with store.reader.begin() as s:
        flagged = [service.get_claim(s, r.id) for r in service.list_claims(s, limit=20).rows]
    checks = [c for d in flagged for c in d.checks]
    assert any(c["kind"] == "pp_vs_percent" for c in checks), checks
    assert any("arithmetic_pp_vs_percent" in d.flags for d in flagged)
