"""Load a source for a claim: a URL (httpx + trafilatura), an uploaded file (HTML, PDF, TXT,
Markdown) or pasted text. Returns a :class:`Document` whose ``text`` is the evidence we keep.

Network access is optional: with no network, :func:`fetch_url` raises a :class:`FetchError`
that says so and suggests pasting the text instead.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from workbench.documents import content_hash, load_text
from workbench.documents.types import Document
from workbench.errors import BadInput, DocumentError, FetchError

__all__ = ["DEFAULT_FETCH_BYTES", "fetch_url", "load_source_bytes", "source_from_text"]

DEFAULT_FETCH_BYTES = 15 * 1024 * 1024
USER_AGENT = "claim-workbench/0.1 (fact-checking; +https://example.org/claim-workbench)"


def _stamp(doc: Document, raw: bytes, **meta: Any) -> Document:
    from dataclasses import replace

    metadata = {
        **doc.metadata,
        "sha256": content_hash(raw),
        "retrieved_at": datetime.now(UTC).isoformat(),
        **meta,
    }
    return replace(doc, metadata=metadata)


def _pdf_text(data: bytes, name: str) -> Document:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [(p.extract_text() or "").strip() for p in reader.pages]
    except (PdfReadError, ValueError, KeyError, TypeError) as exc:
        raise DocumentError(name, f"could not read this PDF ({exc})") from None
    text = "\n\n".join(p for p in pages if p)
    if not text.strip():
        raise DocumentError(name, "this PDF has no text layer (a scan?); paste the passage instead")
    title = None
    if reader.metadata is not None:
        title = reader.metadata.title
    return Document(text=text, title=title or None, format="pdf", path=name, metadata={"pages": len(pages)})


def _html_main_text(html: str, name: str, url: str | None) -> Document:
    """The article's main text via trafilatura, falling back to the plain HTML loader."""
    import trafilatura

    base = load_text(html.encode("utf-8"), name=name, fmt="html")
    main = trafilatura.extract(html, url=url, include_comments=False, include_tables=True, favor_recall=True)
    if main and len(main.strip()) > 200:
        from dataclasses import replace

        return replace(base, text=main.strip(), metadata={**base.metadata, "extracted_by": "trafilatura"})
    return base


def load_source_bytes(data: bytes, *, name: str, max_bytes: int = DEFAULT_FETCH_BYTES) -> Document:
    """An uploaded source file: .pdf via pypdf, .html via trafilatura, else the document loaders."""
    if len(data) > max_bytes:
        raise DocumentError(
            name, f"is {len(data) / 1048576:.1f} MB, over the {max_bytes / 1048576:.0f} MB limit"
        )
    lower = name.lower()
    if lower.endswith(".pdf") or data[:5] == b"%PDF-":
        return _stamp(_pdf_text(data, name), data)
    if lower.endswith((".html", ".htm")) or _looks_like_html(data):
        return _stamp(_html_main_text(data.decode("utf-8", errors="replace"), name, None), data)
    return _stamp(load_text(data, name=name, max_bytes=max_bytes), data)


def _looks_like_html(data: bytes) -> bool:
    head = data[:2000].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or (head.startswith(b"<") and b"</" in head)


def source_from_text(text: str, *, name: str = "pasted text") -> Document:
    if not text.strip():
        raise BadInput("the pasted source is empty")
    raw = text.encode("utf-8")
    return _stamp(Document(text=text, format="txt", path=name), raw)


def fetch_url(
    url: str, *, timeout: float = 20.0, max_bytes: int = DEFAULT_FETCH_BYTES, client: Any = None
) -> Document:
    """Fetch a web page or PDF, following up to 5 redirects, with a size limit and a timeout."""
    import httpx

    if not url.lower().startswith(("http://", "https://")):
        raise FetchError(f"{url}: only http:// and https:// addresses can be fetched")
    own = client is None
    c = client or httpx.Client(
        follow_redirects=True, max_redirects=5, timeout=timeout, headers={"User-Agent": USER_AGENT}
    )
    try:
        with c.stream("GET", url) as resp:
            if resp.status_code >= 400:
                raise FetchError(f"{url}: the server answered {resp.status_code} {resp.reason_phrase}")
            declared = int(resp.headers.get("content-length") or 0)
            if declared > max_bytes:
                raise FetchError(f"{url}: the page is {declared / 1048576:.1f} MB, over the limit")
            chunks, size = [], 0
            for chunk in resp.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise FetchError(f"{url}: the page is over the {max_bytes / 1048576:.0f} MB limit")
                chunks.append(chunk)
            data = b"".join(chunks)
            final_url = str(resp.url)
            ctype = resp.headers.get("content-type", "").lower()
            encoding = resp.encoding or "utf-8"
    except httpx.TimeoutException:
        raise FetchError(f"{url}: no answer within {timeout:.0f} s; try again, or paste the text") from None
    except httpx.TooManyRedirects:
        raise FetchError(f"{url}: too many redirects") from None
    except httpx.HTTPError as exc:
        raise FetchError(
            f"{url}: could not connect ({type(exc).__name__}); without network access, paste the text instead"
        ) from None
    finally:
        if own:
            c.close()
    if "pdf" in ctype or data[:5] == b"%PDF-":
        doc = _pdf_text(data, url)
    elif "html" in ctype or data[:200].lstrip().lower().startswith((b"<!doctype", b"<html")):
        doc = _html_main_text(data.decode(encoding, errors="replace"), url, final_url)
    else:
        doc = load_text(data, name=url, fmt="txt", max_bytes=max_bytes)
    from dataclasses import replace

    return _stamp(replace(doc, url=final_url), data, final_url=final_url, content_type=ctype)
