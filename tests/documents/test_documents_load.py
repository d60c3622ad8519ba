"""Loading .txt, .md and .html: text, offsets, metadata, encodings."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from workbench.documents import (
    SUPPORTED_SUFFIXES,
    Document,
    content_hash,
    guess_format,
    load_document,
    load_text,
)
from workbench.samples import HOSTILE_SAMPLE, SAMPLES_DIR, sample_paths

MD = (
    "---\n"
    "title: Jobs report\n"
    "author: [Ann Lee, Bo Chan]\n"
    "date: 2024-03-01\n"
    "canonical: https://example.org/jobs\n"
    "read_time: '6 mins'\n"
    "---\n"
    "# Heading\n\n"
    "One in five workers. ![chart](https://example.org/img/2024/chart-1280.png)\n"
)


def test_markdown_front_matter_fields_and_offsets(tmp_path: Path) -> None:
    path = tmp_path / "jobs.md"
    path.write_bytes(MD.encode("utf-8"))
    doc = load_document(path)
    assert doc.text == MD  # offsets count from the file's first character
    assert (doc.format, doc.title, doc.author, doc.published, doc.url) == (
        "md",
        "Jobs report",
        "Ann Lee, Bo Chan",
        "2024-03-01",
        "https://example.org/jobs",
    )
    assert doc.metadata["read_time"] == "6 mins"
    front_end = MD.index("# Heading")
    assert doc.skip_spans[0] == (0, front_end)
    url = "https://example.org/img/2024/chart-1280.png"
    start = MD.index(url)
    assert (start, start + len(url)) in doc.skip_spans
    assert doc.text.index("One in five") == MD.index("One in five")


@pytest.mark.parametrize(
    "front",
    [
        pytest.param("title: [unclosed\n", id="unclosed-flow"),
        pytest.param("a: b: c:\n", id="bad-mapping"),
        pytest.param("- just\n- a list\n", id="not-a-mapping"),
        pytest.param("date: 2024-13-45\n", id="impossible-date"),
        pytest.param("x: " + "[" * 5000 + "\n", id="deep-nesting"),
    ],
)
def test_malformed_front_matter_keeps_text(front: str) -> None:
    raw = f"---\n{front}---\nSales rose 12%.\n"
    doc = load_text(raw.encode(), name="x.md")
    assert doc.text == raw
    assert "front_matter_error" in doc.metadata
    assert doc.skip_spans[0] == (0, raw.index("Sales"))


def test_yaml_alias_bomb_is_bounded() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 12)]
    raw = "---\n" + "\n".join(lines) + "\n---\nbody\n"
    doc = load_text(raw.encode(), name="bomb.md")
    assert doc.text == raw
    assert len(repr(doc.metadata)) < 200_000


def test_crlf_is_kept_as_is(tmp_path: Path) -> None:
    raw = "---\r\ntitle: T\r\n---\r\nLine one 5%.\r\nLine two.\r\n"
    path = tmp_path / "crlf.md"
    path.write_bytes(raw.encode())
    doc = load_document(path)
    assert doc.text == raw
    assert doc.title == "T"
    assert doc.skip_spans[0] == (0, raw.index("Line one"))


def test_plain_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(b"Sales rose 12%.\n")
    doc = load_document(path)
    assert (doc.text, doc.format, doc.encoding, doc.path) == ("Sales rose 12%.\n", "txt", "utf-8", str(path))
    assert doc.metadata["sha256"] == content_hash(b"Sales rose 12%.\n") == content_hash(doc)


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        pytest.param("café 5 €".encode(), "café 5 €", "utf-8", id="utf-8"),
        pytest.param(codecs.BOM_UTF8 + "café".encode(), "café", "utf-8-sig", id="bom"),
        pytest.param("café – 5 €".encode("cp1252"), "café – 5 €", "cp1252", id="cp1252"),
    ],
)
def test_encodings(tmp_path: Path, data: bytes, text: str, encoding: str) -> None:
    path = tmp_path / "enc.txt"
    path.write_bytes(data)
    doc = load_document(path)
    assert (doc.text, doc.encoding) == (text, encoding)
    assert doc.metadata["sha256"] == content_hash(data)


@pytest.mark.parametrize(
    ("name", "data", "fmt", "expected"),
    [
        pytest.param("-", b"<!DOCTYPE html><p>Hi</p>", None, "html", id="sniff-doctype"),
        pytest.param("-", b"  <html><p>Hi</p></html>", None, "html", id="sniff-html"),
        pytest.param("-", b"---\ntitle: T\n---\nHi", None, "md", id="sniff-front-matter"),
        pytest.param("-", b"Hi <b>there</b>", None, "txt", id="plain"),
        pytest.param("page.HTM", b"<p>Hi</p>", None, "html", id="suffix"),
        pytest.param("notes.text", b"Hi", None, "txt", id="unknown-suffix"),
        pytest.param("-", b"<p>Hi</p>", "html", "html", id="explicit"),
        pytest.param("a.html", b"<p>Hi</p>", "txt", "txt", id="explicit-beats-suffix"),
        pytest.param("-", b"# Hi", "markdown", "md", id="alias"),
    ],
)
def test_load_text_formats(name: str, data: bytes, fmt: str | None, expected: str) -> None:
    doc = load_text(data, name=name, fmt=fmt)
    assert doc.format == expected
    assert doc.path == name


def test_load_text_accepts_str() -> None:
    assert load_text("Sales rose 12%.").text == "Sales rose 12%."


def test_guess_format_and_suffixes() -> None:
    assert set(SUPPORTED_SUFFIXES) == {".txt", ".md", ".markdown", ".html", ".htm"}
    assert guess_format("a.markdown") == "md"


def test_content_hash_of_handmade_document() -> None:
    assert content_hash(Document(text="abc")) == content_hash(b"abc")


@pytest.mark.parametrize("path", sample_paths(), ids=lambda p: p.name)
def test_samples_load(path: Path) -> None:
    doc = load_document(path)
    words = len(doc.text.split())
    assert 500 <= words <= 950, words
    if doc.format in ("md", "html"):
        assert doc.title and doc.author and doc.published and doc.url


def test_sample_paths() -> None:
    paths = sample_paths()
    assert [p.suffix for p in paths].count(".md") == 2
    assert {p.suffix for p in paths} == {".md", ".html", ".txt"}
    assert HOSTILE_SAMPLE not in paths and HOSTILE_SAMPLE.parent == SAMPLES_DIR
    assert paths == sorted(paths)
