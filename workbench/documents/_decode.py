"""Bytes -> text: refuse binary files, then UTF-8, UTF-8 with BOM, cp1252."""

from __future__ import annotations

import codecs
import re

from workbench.errors import DocumentError

__all__ = ["SUPPORTED_HINT", "decode_bytes"]

SUPPORTED_HINT = "supported: .txt, .md, .html"

# Magic numbers of the binary files people most often pass by mistake.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "PDF document; PDF support is not there yet"),
    (b"PK\x03\x04", "ZIP archive, e.g. .docx or .xlsx"),
    (b"PK\x05\x06", "ZIP archive, e.g. .docx or .xlsx"),
    (b"PK\x07\x08", "ZIP archive, e.g. .docx or .xlsx"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "old Microsoft Office document"),
)
_SNIFF = 8192  # bytes (and characters) looked at for NUL bytes and control characters
# C0 controls and DEL, except the whitespace ones (tab, LF, VT, FF, CR).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_MAX_CONTROL_RATIO = 0.05  # of the first _SNIFF characters, for text that decoded as UTF-8


def _binary(path: str, what: str) -> DocumentError:
    return DocumentError(path, f"looks like a binary file ({what}); {SUPPORTED_HINT}")


def decode_bytes(data: bytes, path: str) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise :class:`DocumentError` for binary or undecodable data.

    A UTF-8 byte order mark is removed from the text, so offsets count from the
    first character after it; the encoding is then reported as ``utf-8-sig``.

    >>> decode_bytes("café".encode("cp1252"), "x.txt")
    ('café', 'cp1252')
    >>> decode_bytes(codecs.BOM_UTF8 + b"hi", "x.txt")
    ('hi', 'utf-8-sig')
    """
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise _binary(path, what)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise DocumentError(path, "is UTF-16 text; save it as UTF-8 and try again")
    if b"\x00" in data[:_SNIFF]:
        raise _binary(path, "NUL bytes")

    text: str | None = None
    encoding = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        try:
            text, encoding = data[len(codecs.BOM_UTF8) :].decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            pass
    else:
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if text is None:
        try:
            text, encoding = data.decode("cp1252"), "cp1252"
        except UnicodeDecodeError:  # cp1252 leaves 0x81, 0x8d, 0x8f, 0x90 and 0x9d undefined
            raise _binary(path, "not UTF-8 or cp1252 text") from None

    controls = len(_CONTROL.findall(text, 0, _SNIFF))
    if encoding == "cp1252" and controls:
        # Legacy text does not carry control characters; bytes that only cp1252 accepts and
        # that contain them are almost certainly not text.
        raise _binary(path, "control characters")
    if controls > _MAX_CONTROL_RATIO * min(len(text), _SNIFF):
        raise _binary(path, "control characters")
    return text, encoding
