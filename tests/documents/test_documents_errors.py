"""Every way a document can fail to load gives one readable DocumentError."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

from workbench import documents
from workbench.documents import load_document, load_text
from workbench.errors import BadInput, DocumentError

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
ZIP = b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 32
PDF = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n"


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        pytest.param(
            "image.txt", PNG, "looks like a binary file (PNG image); supported: .txt, .md, .html", id="png"
        ),
        pytest.param("doc.txt", ZIP, "looks like a binary file (ZIP archive", id="zip"),
        pytest.param("paper.txt", PDF, "looks like a binary file (PDF document", id="pdf"),
        pytest.param("nul.txt", b"text\x00more", "looks like a binary file (NUL bytes)", id="nul"),
        pytest.param("gz", b"\x1f\x8b\x08\x00", "looks like a binary file (gzip archive)", id="gzip"),
        pytest.param(
            "ctl.txt", b"\x01\x02\x03\x04 abc", "looks like a binary file (control characters)", id="ctl"
        ),
        pytest.param(
            "bad.txt", b"caf\xe9 \x81", "looks like a binary file (not UTF-8 or cp1252", id="undecodable"
        ),
        pytest.param(
            "ctl1252.txt", b"caf\xe9\x01", "looks like a binary file (control characters)", id="cp1252-ctl"
        ),
        pytest.param("u16.txt", "hi".encode("utf-16"), "is UTF-16 text", id="utf-16"),
        pytest.param(
            "report.docx", b"PK\x03\x04", ".docx files are not supported; supported: .txt", id="docx"
        ),
        pytest.param("sheet.xlsx", b"x", ".xlsx files are not supported", id="xlsx"),
        pytest.param("pic.png", b"x", ".png files are not supported", id="png-suffix"),
        pytest.param("paper.pdf", b"x", ".pdf files are not supported yet", id="pdf-suffix"),
    ],
)
def test_bad_files(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert info.value.path == str(path)
    assert info.value.reason.startswith(reason)
    assert str(info.value) == f"{path}: {info.value.reason}"
    with pytest.raises(DocumentError) as from_bytes:  # the same from bytes
        load_text(data, name=name)
    assert from_bytes.value.reason == info.value.reason


def test_missing(tmp_path: Path) -> None:
    path = tmp_path / "nope.txt"
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert (info.value.path, info.value.reason) == (str(path), "no such file")
    assert isinstance(info.value, BadInput)


def test_missing_parent_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("x")
    with pytest.raises(DocumentError, match="no such file"):
        load_document(tmp_path / "a.txt" / "b.txt")


def test_directory(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as info:
        load_document(tmp_path)
    assert info.value.reason == "is a directory; pass files or use `workbench ingest` for folders"


@pytest.mark.skipif(sys.platform == "win32" or os.geteuid() == 0, reason="root reads everything")
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")
    path.chmod(0)
    with pytest.raises(DocumentError, match="permission denied"):
        load_document(path)


def test_unreadable_even_as_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("x")

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(documents, "open", refuse, raising=False)
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert (info.value.path, info.value.reason) == (str(path), "permission denied")


@pytest.mark.parametrize(
    ("size", "limit", "message"),
    [
        pytest.param(101, 100, "is 101 bytes, over the 100 bytes limit; raise it with --max-mb", id="bytes"),
        pytest.param(3 * 1024, 2048, "is 3 KB, over the 2 KB limit; raise it with --max-mb", id="kb"),
    ],
)
def test_over_the_limit(tmp_path: Path, size: int, limit: int, message: str) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * size)
    with pytest.raises(DocumentError) as info:
        load_document(path, max_bytes=limit)
    assert info.value.reason == message
    with pytest.raises(DocumentError, match="over the"):
        load_text(b"a" * size, name="-", max_bytes=limit)
    assert load_document(path, max_bytes=size).text == "a" * size  # the limit itself is allowed


def test_default_limit_message(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with open(path, "wb") as f:
        f.truncate(int(25.3 * 1024 * 1024))  # sparse: checked by stat before reading
    with pytest.raises(DocumentError) as info:
        load_document(path)
    assert info.value.reason == "is 25.3 MB, over the 20 MB limit; raise it with --max-mb"


def test_unknown_format() -> None:
    with pytest.raises(DocumentError, match="unknown format 'pdf'"):
        load_text(b"x", fmt="pdf")
