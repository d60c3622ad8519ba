"""Load documents (.txt, .md with front matter, .html) as text plus metadata.

Pure Python: no database and no UI, so the extractor and the CLI can use it alone.

Offsets. Claim offsets count into :attr:`Document.text` exactly as returned here:

- .txt and .md: the whole decoded file, Markdown front matter included (its span
  is listed in ``skip_spans``). Newlines are **not** normalised: files are read as
  bytes and decoded, so ``\\r\\n`` stays ``\\r\\n`` and every offset matches the file.
  A UTF-8 byte order mark is the one thing removed (``encoding == "utf-8-sig"``).
- .html: the visible text of the page (of its ``<article>`` or ``<main>`` when it
  has one), with blocks separated by blank lines and inline whitespace collapsed.

Decoding tries UTF-8, UTF-8 with a BOM, then cp1252, and refuses binary files.
Every failure is a :class:`workbench.errors.DocumentError` whose message names the
path and says what to do, never a traceback.

>>> doc = load_text(b"---\\ntitle: Jobs\\n---\\nOne in five workers.\\n", name="a.md")
>>> doc.format, doc.title, doc.text[doc.skip_spans[0][1]:]
('md', 'Jobs', 'One in five workers.\\n')
"""

from __future__ import annotations

import hashlib
import stat
from pathlib import Path

from workbench.documents._decode import SUPPORTED_HINT, decode_bytes
from workbench.documents.types import Document
from workbench.errors import DocumentError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "SUPPORTED_SUFFIXES",
    "Document",
    "DocumentError",
    "content_hash",
    "guess_format",
    "load_document",
    "load_text",
]

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
FORMATS = ("txt", "md", "html")
_SUFFIX_FORMATS = {".txt": "txt", ".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}
SUPPORTED_SUFFIXES: tuple[str, ...] = tuple(_SUFFIX_FORMATS)
_FORMAT_ALIASES = {"text": "txt", "markdown": "md", "htm": "html"}
# Suffixes of files that are certainly not plain text; anything else is tried as text.
_UNSUPPORTED_SUFFIXES = frozenset(
    """.pdf .doc .docx .docm .dot .dotx .odt .ods .odp .rtf .xls .xlsx .xlsm .ppt .pptx .key .pages .numbers
    .epub .mobi .png .jpg .jpeg .gif .bmp .tif .tiff .webp .heic .svgz .ico .zip .gz .tgz .bz2 .xz .7z .rar
    .tar .exe .dll .so .dylib .bin .iso .dmg .mp3 .mp4 .m4a .wav .ogg .mov .avi .mkv .webm .sqlite .db
    .pkl .parquet .woff .woff2 .ttf .otf""".split()
)


def _size(n: float) -> str:
    """Human size, in the units of ``--max-mb`` (1 MB = 1024 * 1024 bytes).

    >>> _size(25.3 * 1024 * 1024), _size(20 * 1024 * 1024), _size(1536), _size(12)
    ('25.3 MB', '20 MB', '1.5 KB', '12 bytes')
    """
    for unit, scale in (("MB", 1024 * 1024), ("KB", 1024)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{int(n)} bytes"


def _too_large(path: str, size: int, max_bytes: int) -> DocumentError:
    return DocumentError(path, f"is {_size(size)}, over the {_size(max_bytes)} limit; raise it with --max-mb")


def _check_suffix(path: str) -> None:
    suffix = Path(path).suffix.lower()
    if suffix in _UNSUPPORTED_SUFFIXES:
        later = " yet" if suffix == ".pdf" else ""
        raise DocumentError(path, f"{suffix} files are not supported{later}; {SUPPORTED_HINT}")


def guess_format(name: str, text: str = "") -> str:
    """The format a name's suffix says, else what the text looks like.

    >>> guess_format("a.htm"), guess_format("notes", "<!DOCTYPE html><p>"), guess_format("-", "---\\nx: 1\\n")
    ('html', 'html', 'md')
    """
    fmt = _SUFFIX_FORMATS.get(Path(name).suffix.lower())
    if fmt:
        return fmt
    head = text[:512].lstrip().lower()
    if head.startswith(("<!doctype html", "<html")):
        return "html"
    if text.startswith(("---\n", "---\r\n")):
        return "md"
    return "txt"


def content_hash(doc_or_bytes: Document | bytes | str) -> str:
    """SHA-256 (hex) of a document's raw bytes; the store uses it to skip re-ingests.

    For a :class:`Document` it is ``metadata["sha256"]`` (set by the loaders), or
    the hash of its UTF-8 text when the document was built by hand.

    >>> content_hash(b"abc")[:16]
    'ba7816bf8f01cfea'
    """
    if isinstance(doc_or_bytes, Document):
        stored = doc_or_bytes.metadata.get("sha256")
        if isinstance(stored, str) and stored:
            return stored
        doc_or_bytes = doc_or_bytes.text
    if isinstance(doc_or_bytes, str):
        doc_or_bytes = doc_or_bytes.encode("utf-8")
    return hashlib.sha256(doc_or_bytes).hexdigest()


def load_document(path: str | Path, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Load a .txt, .md or .html file; raise :class:`DocumentError` with a readable reason."""
    name = str(path)
    p = Path(path)
    try:
        st = p.stat()
    except (FileNotFoundError, NotADirectoryError):
        raise DocumentError(name, "no such file") from None
    except PermissionError:
        raise DocumentError(name, "permission denied") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot be read ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise DocumentError(name, "is a directory; pass files or use `workbench ingest` for folders")
    if stat.S_ISREG(st.st_mode) and st.st_size > max_bytes:
        raise _too_large(name, st.st_size, max_bytes)
    _check_suffix(name)
    try:
        with open(p, "rb") as f:
            # Read one byte past the limit: a pipe, or a file that grew since stat(), is caught too.
            data = f.read(max_bytes + 1)
    except PermissionError:
        raise DocumentError(name, "permission denied") from None
    except OSError as exc:
        raise DocumentError(name, f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > max_bytes:
        size = max(st.st_size, len(data)) if stat.S_ISREG(st.st_mode) else len(data)
        raise _too_large(name, size, max_bytes)
    return _build(data, name, None)


def load_text(
    data: bytes | str, *, name: str = "-", fmt: str | None = None, max_bytes: int = DEFAULT_MAX_BYTES
) -> Document:
    """Load text from standard input, a paste or an upload.

    ``fmt`` is "txt", "md" or "html"; without it the format is guessed from the
    suffix of ``name``, then from the text (a doctype or ``<html`` means HTML,
    leading ``---`` front matter means Markdown). ``str`` data is taken as UTF-8.
    """
    raw = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    if len(raw) > max_bytes:
        raise _too_large(name, len(raw), max_bytes)
    if fmt is not None:
        fmt = _FORMAT_ALIASES.get(fmt.lower(), fmt.lower())
        if fmt not in FORMATS:
            raise DocumentError(name, f"unknown format {fmt!r}; use txt, md or html")
    else:
        _check_suffix(name)
    return _build(raw, name, fmt)


def _build(data: bytes, name: str, fmt: str | None) -> Document:
    text, encoding = decode_bytes(data, name)
    fmt = fmt or guess_format(name, text)
    base = {"sha256": content_hash(data), "size_bytes": len(data)}
    # The HTML and Markdown readers (and YAML) are imported only for files that need them:
    # `workbench extract` on a .txt file starts faster.
    if fmt == "html":
        from workbench.documents._html import parse_html

        html = parse_html(text)
        return Document(
            text=html.text,
            title=html.title,
            author=html.author,
            published=html.published,
            url=html.url,
            format="html",
            path=name,
            encoding=encoding,
            metadata={**html.metadata, **base},
        )
    if fmt == "md":
        from workbench.documents._markdown import parse_markdown

        md = parse_markdown(text)
        return Document(
            text=text,
            title=md.title,
            author=md.author,
            published=md.published,
            url=md.url,
            format="md",
            path=name,
            encoding=encoding,
            metadata={**md.metadata, **base},
            skip_spans=tuple(md.skip_spans),
        )
    return Document(text=text, format="txt", path=name, encoding=encoding, metadata=base)
