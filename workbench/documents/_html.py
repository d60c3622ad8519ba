"""HTML -> the text a reader sees, plus title, author, date and URL from the head.

The tokenizer follows the HTML5 tokenizer's states closely enough for text
extraction (tags, attributes with quoted values, comments, raw-text elements
such as ``<script>``) and the tree builder keeps a flat stack instead of a
tree. Both are linear in the input. We do not use the two obvious parsers
because, measured on this project's Python 3.11.7 and lxml 6.1 / libxml2 2.14:

- ``html.parser.HTMLParser`` is quadratic on unclosed constructs (100,000
  repetitions of ``<a`` take 68 s, of ``<!--`` 38 s; CVE-2025-6069, fixed only in
  later 3.11 releases) and raises ``AssertionError`` on ``<![<![``;
- lxml stops building the tree at nesting depth 256 (2048 with ``huge_tree``) and
  silently drops every word after that point.

Deliberate deviations from a browser, all harmless for reading text: ``/>``
closes any element (browsers ignore it outside SVG), implied end tags are
looked for only a few elements up the stack, and the adoption agency algorithm
for misnested ``<b><i></b></i>`` is not run.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from html import unescape
from typing import Any

__all__ = ["HtmlParts", "parse_html"]

# ----------------------------------------------------------------------------- tokenizer

_TEXT, _RAW, _START, _END = range(4)

_WS = re.compile(r"[ \t\n\r\f]*")  # HTML whitespace is ASCII only: a no-break space is text
_TAG_NAME_REST = re.compile(r"[^ \t\n\r\f/>]*")
_BETWEEN_ATTRS = re.compile(r"[ \t\n\r\f/]*")  # whitespace and stray slashes
_ATTR_NAME_REST = re.compile(r"[^ \t\n\r\f/>=]*")
_UNQUOTED_VALUE = re.compile(r"[^ \t\n\r\f>]*")

_RAW_TEXT = frozenset({"script", "style", "xmp", "iframe", "noembed", "noframes", "noscript"})
_RCDATA = frozenset({"title", "textarea"})
_CLOSERS = {name: re.compile(rf"</{name}(?=[ \t\n\r\f/>]|\Z)", re.IGNORECASE) for name in _RAW_TEXT | _RCDATA}

Token = tuple[Any, ...]


def _tokens(html: str) -> Iterator[Token]:
    """Yield (_TEXT, raw), (_RAW, raw), (_START, name, attrs, self_closing) and (_END, name).

    Every step consumes input; a construct left open at the end of the input
    swallows the rest, as in HTML5, so nothing is ever rescanned.
    """
    n = len(html)
    i = 0
    while i < n:
        lt = html.find("<", i)
        if lt == -1:
            yield (_TEXT, html[i:])
            return
        if lt > i:
            yield (_TEXT, html[i:lt])
        i = lt
        nxt = html[i + 1 : i + 2]
        if nxt.isascii() and nxt.isalpha():
            m = _TAG_NAME_REST.match(html, i + 2)
            assert m is not None  # a pattern with * always matches
            name = (nxt + m.group()).lower()
            j = m.end()
            attrs: dict[str, str] = {}
            self_closing = False
            while True:
                sp = _BETWEEN_ATTRS.match(html, j)
                assert sp is not None
                j = sp.end()
                if j >= n:
                    return  # end of input inside a tag: the tag is dropped
                if html[j] == ">":
                    self_closing = j > sp.start() and html[j - 1] == "/"
                    j += 1
                    break
                am = _ATTR_NAME_REST.match(html, j + 1)
                assert am is not None
                attr = (html[j] + am.group()).lower()
                ws = _WS.match(html, am.end())
                assert ws is not None
                j = ws.end()
                value = ""
                if j < n and html[j] == "=":
                    ws = _WS.match(html, j + 1)
                    assert ws is not None
                    j = ws.end()
                    if j >= n:
                        return
                    quote = html[j]
                    if quote in "\"'":
                        k = html.find(quote, j + 1)
                        if k == -1:
                            return
                        value, j = html[j + 1 : k], k + 1
                    else:
                        vm = _UNQUOTED_VALUE.match(html, j)
                        assert vm is not None
                        value, j = vm.group(), vm.end()
                attrs.setdefault(attr, unescape(value))  # the first of two equal names wins
            i = j
            if name in _CLOSERS:  # raw text or RCDATA: no tags inside, up to the matching end tag
                yield (_START, name, attrs, False)
                cm = _CLOSERS[name].search(html, i)
                end = cm.start() if cm else n
                yield ((_RAW if name in _RAW_TEXT else _TEXT), html[i:end])
                yield (_END, name)
                if cm is None:
                    return
                gt = html.find(">", cm.end())
                i = n if gt == -1 else gt + 1
            elif name == "plaintext":
                yield (_START, name, attrs, False)
                yield (_TEXT, html[i:])
                return
            else:
                yield (_START, name, attrs, self_closing)
        elif nxt == "/":
            after = html[i + 2 : i + 3]
            gt = html.find(">", i + 2)
            if after.isascii() and after.isalpha():
                m = _TAG_NAME_REST.match(html, i + 3)
                assert m is not None
                if gt == -1:
                    return
                yield (_END, (after + m.group()).lower())
            elif after == "":
                yield (_TEXT, "</")
                return
            elif gt == -1:
                return  # a bogus comment up to the end
            i = gt + 1
        elif html.startswith("<!--", i):
            for empty in ("<!-->", "<!--->"):
                if html.startswith(empty, i):
                    i += len(empty)
                    break
            else:
                k = html.find("-->", i + 4)
                if k == -1:
                    return
                i = k + 3
        elif nxt in ("!", "?"):  # doctype, CDATA, processing instruction: bogus comments
            gt = html.find(">", i + 2)
            if gt == -1:
                return
            i = gt + 1
        else:
            yield (_TEXT, "<")
            i += 1


# ----------------------------------------------------------------------------- tree walk

_VOID = frozenset(
    "area base basefont bgsound br col embed frame hr img input keygen link meta param source track wbr".split()
)
_BLOCK = frozenset(
    """address article aside blockquote body caption center dd details dialog dir div dl dt fieldset
    figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup legend li main menu nav ol p pre
    section summary table tbody tfoot thead tr ul""".split()
)
_CELL = frozenset({"td", "th"})
# Never shown to a reader, or page furniture rather than the article.
_SKIP = frozenset(
    """script style noscript template svg math nav aside form iframe button select textarea
    object embed canvas video audio map dialog title noembed noframes xmp""".split()
)
_PAGE_FURNITURE = frozenset({"header", "footer"})  # dropped unless inside <article> or <main>
_SKIP_ROLES = frozenset({"navigation", "search", "complementary", "menu", "menubar", "dialog", "alert"})
_FURNITURE_ROLES = frozenset({"banner", "contentinfo"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_INLINE = frozenset(
    "a abbr b bdi bdo cite code em font i kbd mark q s small span strong sub sup u var".split()
)
# An opening tag that implies the end of an open element of the same family, and
# the container elements that stop the search.
_IMPLIED = {
    "li": (frozenset({"li"}), frozenset({"ul", "ol", "menu"})),
    "dt": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "dd": (frozenset({"dt", "dd"}), frozenset({"dl"})),
    "tr": (frozenset({"tr"}), frozenset({"table", "thead", "tbody", "tfoot"})),
    "td": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "th": (frozenset({"td", "th"}), frozenset({"tr", "table"})),
    "option": (frozenset({"option"}), frozenset({"select", "datalist", "optgroup"})),
}
_LOOKBACK = 32  # how far up the stack implied end tags are looked for

_BREAK, _CELL_SEP, _WORDS, _PRE = range(4)  # kinds of output pieces
_IN_ARTICLE, _IN_MAIN = 1, 2
_WS_RUN = re.compile(r"[ \t\n\r\f]+")
_MAX_META = 200


@dataclass(slots=True)
class _Open:
    name: str
    skip: bool


@dataclass
class HtmlParts:
    text: str
    title: str | None = None
    author: str | None = None
    published: str | None = None
    url: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)


class _Walker:
    def __init__(self) -> None:
        self.stack: list[_Open] = []
        self.open: Counter[str] = Counter()
        self.skip = 0
        self.pre = 0
        self.pieces: list[tuple[int, Any, int]] = []  # (kind, value, _IN_ARTICLE | _IN_MAIN)
        self.title_parts: list[str] | None = None
        self.title: str | None = None
        self.meta: dict[str, str] = {}
        self.canonical: str | None = None
        self.lang: str | None = None
        self.time: str | None = None

    def where(self) -> int:
        return (_IN_ARTICLE if self.open["article"] else 0) | (_IN_MAIN if self.open["main"] else 0)

    def emit(self, kind: int, value: Any = None) -> None:
        self.pieces.append((kind, value, self.where()))

    # -- tags

    def start(self, name: str, attrs: dict[str, str], self_closing: bool) -> None:
        if name in ("html", "head", "body"):  # never pushed: their end tags would close everything
            if name == "html" and attrs.get("lang"):
                self.lang = self.lang or attrs["lang"]
            return
        if name == "meta":
            self.read_meta(attrs)
        elif name == "link" and "canonical" in attrs.get("rel", "").lower().split():
            self.canonical = self.canonical or attrs.get("href") or None
        elif name == "time" and self.time is None and self.open["article"] and attrs.get("datetime"):
            self.time = attrs["datetime"]
        elif name == "title" and self.title is None and self.skip == 0:
            self.title_parts = []

        if name in _IMPLIED:
            self.close_implied(*_IMPLIED[name])
        if name in _BLOCK or name in _CELL:
            self.close_open_p()

        if name in _VOID:
            if name == "br":
                self.emit(_BREAK, 1)
            elif name == "hr":
                self.emit(_BREAK, 2)
            return
        if self_closing:
            if name in _BLOCK:
                self.emit(_BREAK, 2)
            return

        role = attrs.get("role", "").strip().lower()
        furniture = name in _PAGE_FURNITURE or role in _FURNITURE_ROLES
        skip = (
            name in _SKIP
            or role in _SKIP_ROLES
            or (furniture and not self.open["article"] and not self.open["main"])
            or "hidden" in attrs
            or attrs.get("aria-hidden", "").strip().lower() == "true"
            or bool(_HIDDEN_STYLE.search(attrs.get("style", "")))
        )
        self.stack.append(_Open(name, skip))
        self.open[name] += 1
        self.skip += skip
        self.pre += name in ("pre", "listing")
        if name in _BLOCK:
            self.emit(_BREAK, 2)
            if name == "li" and not self.skip:
                self.emit(_WORDS, "- ")  # a list item reads as one, as in Markdown
        elif name in _CELL:
            self.emit(_CELL_SEP)

    def end(self, name: str) -> None:
        if name in ("html", "head", "body"):
            return
        if name == "br":  # "</br>" is read as "<br>"
            self.emit(_BREAK, 1)
            return
        if not self.open[name]:
            if name == "p":  # "</p>" without "<p>" makes an empty paragraph
                self.emit(_BREAK, 2)
            return
        while self.stack:
            el = self.pop()
            if el.name == name:
                break

    def pop(self) -> _Open:
        el = self.stack[-1]
        if el.name in _BLOCK:  # before it leaves the stack, so the break counts as inside it
            self.emit(_BREAK, 2)
        self.stack.pop()
        self.open[el.name] -= 1
        self.skip -= el.skip
        self.pre -= el.name in ("pre", "listing")
        if el.name == "title" and self.title_parts is not None:
            self.title = _WS_RUN.sub(" ", unescape("".join(self.title_parts))).strip() or None
            self.title_parts = None
        return el

    def close_implied(self, targets: frozenset[str], stoppers: frozenset[str]) -> None:
        if not any(self.open[t] for t in targets):
            return
        for k in range(len(self.stack) - 1, max(-1, len(self.stack) - 1 - _LOOKBACK), -1):
            name = self.stack[k].name
            if name in stoppers:
                return
            if name in targets:
                while len(self.stack) > k:
                    self.pop()
                return

    def close_open_p(self) -> None:
        if not self.open["p"]:
            return
        for k in range(len(self.stack) - 1, max(-1, len(self.stack) - 9), -1):
            name = self.stack[k].name
            if name == "p":
                while len(self.stack) > k:
                    self.pop()
                return
            if name not in _INLINE:
                return

    def read_meta(self, attrs: dict[str, str]) -> None:
        key = (attrs.get("name") or attrs.get("property") or attrs.get("itemprop") or "").strip().lower()
        content = attrs.get("content", "").strip()
        if key and content and key not in self.meta and len(self.meta) < _MAX_META:
            self.meta[key] = content[:2000]

    # -- text

    def text(self, raw: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(raw)
            return
        if self.skip or not raw:
            return
        if self.pre:
            self.emit(_PRE, unescape(raw).replace("\r\n", "\n"))
        else:
            self.emit(_WORDS, unescape(raw))

    def finish(self) -> None:
        while self.stack:
            self.pop()


def _assemble(pieces: list[tuple[int, Any, int]]) -> str:
    """Join text pieces: inline whitespace collapsed, blocks as blank lines, cells tab-separated."""
    out: list[str] = []
    newlines = 0  # line breaks owed before the next text
    sep = ""  # " " or "\t" owed before the next text on the same line
    line_start = True
    for kind, value, _ in pieces:
        if kind == _BREAK:
            newlines = max(newlines, value)
            continue
        if kind == _CELL_SEP:
            if not line_start:
                sep = "\t"
            continue
        if kind == _WORDS:
            words = _WS_RUN.sub(" ", value)
            if words.startswith(" ") and not sep:
                sep = " "
            core = words.strip(" ")
            trailing = words.endswith(" ") and bool(core)
            if not core:
                continue
        else:
            core, trailing = value, False
        if newlines and out:
            out.append("\n" * newlines)
            line_start = True
        newlines = 0
        if sep and not line_start:
            out.append(sep)
        out.append(core)
        sep = " " if trailing else ""
        line_start = core.endswith("\n")
    return "".join(out).strip()


def _has_words(pieces: list[tuple[int, Any, int]], flag: int) -> bool:
    return any(kind in (_WORDS, _PRE) and where & flag and value.strip() for kind, value, where in pieces)


def parse_html(html: str) -> HtmlParts:
    """Extract the visible text and the metadata of an HTML page.

    >>> parts = parse_html("<title>T</title><nav>Home</nav><article><h1>Up</h1><p>Sales rose "
    ...                    "<b>12%</b>.<script>var x = 99;</script></p></article>")
    >>> parts.title, parts.text
    ('T', 'Up\\n\\nSales rose 12%.')
    """
    walker = _Walker()
    for token in _tokens(html.replace("\x00", "")):
        kind = token[0]
        if kind == _TEXT:
            walker.text(token[1])
        elif kind == _START:
            walker.start(token[1], token[2], token[3])
        elif kind == _END:
            walker.end(token[1])
        # _RAW (script and style bodies) is never text
    walker.finish()

    pieces = walker.pieces
    source = "body"
    if _has_words(pieces, _IN_ARTICLE):
        pieces, source = [p for p in pieces if p[2] & _IN_ARTICLE], "article"
    elif _has_words(pieces, _IN_MAIN):
        pieces, source = [p for p in pieces if p[2] & _IN_MAIN], "main"

    meta = walker.meta

    def first(*keys: str) -> str | None:
        for key in keys:
            if meta.get(key):
                return meta[key]
        return None

    author = first("author", "dc.creator", "parsely-author")
    if author is None and not (meta.get("article:author", "").startswith(("http:", "https:"))):
        author = first("article:author")
    metadata: dict[str, Any] = {"extracted_from": source}
    for key, value in (
        ("description", first("description", "og:description")),
        ("site_name", first("og:site_name")),
        ("lang", walker.lang),
    ):
        if value:
            metadata[key] = value
    if meta:
        metadata["meta"] = dict(meta)
    return HtmlParts(
        text=_assemble(pieces),
        title=walker.title or first("og:title", "twitter:title"),
        author=author,
        published=first("article:published_time", "datepublished", "date", "dc.date", "pubdate")
        or walker.time,
        url=walker.canonical or first("og:url"),
        metadata=metadata,
    )
