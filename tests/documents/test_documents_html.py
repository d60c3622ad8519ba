"""HTML: visible text only, metadata from the head, hostile input."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.documents import load_document, load_text
from workbench.documents._html import parse_html
from workbench.samples import HOSTILE_SAMPLE, SAMPLES_DIR

PAGE = b"""<!doctype html><html lang="en"><head>
<title>Battery &amp; prices</title>
<meta name="author" content="Ann Lee">
<meta property="article:published_time" content="2024-11-05">
<meta property="og:url" content="https://example.com/og">
<link rel="canonical" href="https://example.com/canonical">
<style>.x { width: 300px }</style><script>var share = 0.35;</script>
</head><body>
<header><a href="/">Home</a> 40,000 readers</header>
<nav><ul><li>News</li><li>Deals 25% off</li></ul></nav>
<main><article>
<h1>Prices   fell</h1>
<p>Packs cost <strong>$132 per kWh</strong>,
   down 14%.<br>New line.</p>
<ul><li>Tripled</li><li>10-fold</li></ul>
<table><tr><th>Year</th><th>Price</th></tr><tr><td>2013</td><td>$780</td></tr></table>
<div hidden>secret 1</div><p style="display:none">secret 2</p><span aria-hidden="true">secret 3</span>
<noscript>enable js 99%</noscript><template>tpl 7%</template><svg><text>5%</text></svg>
<form>Subscribe 3%</form><iframe>frame 4%</iframe>
</article><aside>Related 50%</aside></main>
<footer>Call 0800 123 4567</footer>
</body></html>"""


@pytest.fixture(scope="module")
def page_doc():
    return load_text(PAGE, name="page.html")


def test_html_article_text(page_doc) -> None:
    assert page_doc.text == (
        "Prices fell\n\nPacks cost $132 per kWh, down 14%.\nNew line.\n\n- Tripled\n\n- 10-fold"
        "\n\nYear\tPrice\n\n2013\t$780"
    )
    assert page_doc.metadata["extracted_from"] == "article"


@pytest.mark.parametrize(
    "dropped",
    ["share", "width", "Home", "News", "Deals", "secret", "enable js", "tpl", "5%", "Subscribe", "frame",
     "Related", "0800"],
)  # fmt: skip
def test_html_drops_invisible_and_furniture(page_doc, dropped: str) -> None:
    assert dropped not in page_doc.text


def test_html_metadata(page_doc) -> None:
    d = page_doc
    assert (d.format, d.title, d.author, d.published, d.url) == (
        "html",
        "Battery & prices",
        "Ann Lee",
        "2024-11-05",
        "https://example.com/canonical",
    )
    assert d.metadata["lang"] == "en"


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        pytest.param("<p>a</p><main><p>in main</p></main>", "in main", id="main"),
        pytest.param("<p>only body</p>", "only body", id="body"),
        pytest.param("<header>top</header><p>x</p><footer>bottom</footer>", "x", id="page-furniture"),
        pytest.param(
            "<article><header>Kicker</header><p>x</p></article>", "Kicker\n\nx", id="article-header"
        ),
        pytest.param("<p>a &lt;b&gt; &amp; &#37; &euro;5</p>", "a <b> & % €5", id="entities"),
        pytest.param("<p>x\n\t  y</p>", "x y", id="collapse"),
        pytest.param("<p>a</p>\n<p>b</p>", "a\n\nb", id="paragraphs"),
        pytest.param("a<br>b", "a\nb", id="br"),
        pytest.param("<p>one<p>two", "one\n\ntwo", id="unclosed-p"),
        pytest.param("<ul><li>one<li>two</ul>", "- one\n\n- two", id="unclosed-li"),
        pytest.param("<p>we<b>ird <i>nest</b>ing</i></p>", "weird nesting", id="misnested"),
        pytest.param("<p title='<script>x</script>'>ok</p>", "ok", id="script-in-attribute"),
        pytest.param("<p>a\x00b</p>", "ab", id="nul"),
        pytest.param("<p>5 < 6 and 7 > 3</p>", "5 < 6 and 7 > 3", id="bare-angle-brackets"),
        pytest.param("<script>never closed 12%", "", id="unclosed-script"),
        pytest.param("<p>x<!-- 12% unclosed comment", "x", id="unclosed-comment"),
        pytest.param("<p>x<div", "x", id="eof-in-tag"),
        pytest.param("", "", id="empty"),
        pytest.param("<svg/><p>after</p>", "after", id="self-closing-svg"),
        pytest.param("<pre>a\n  b</pre>", "a\n  b", id="pre"),
    ],
)
def test_html_cases(html: str, expected: str) -> None:
    assert parse_html(html).text == expected


def test_title_falls_back_to_og_title() -> None:
    assert parse_html('<meta property="og:title" content="OG">').title == "OG"


@pytest.mark.parametrize(
    "html",
    [
        pytest.param("<div>" * 10_000 + "deep 12%" + "</div>" * 10_000 + "<p>after</p>", id="deep-closed"),
        pytest.param("<div>" * 10_000 + "deep 12%", id="deep-unclosed"),
        pytest.param("<b><i>" * 10_000 + "deep 12%", id="deep-inline"),
        pytest.param("<a" * 100_000, id="unclosed-tags"),
        pytest.param("<!--" * 50_000, id="unclosed-comments"),
        pytest.param("</" * 100_000, id="end-tag-starts"),
        pytest.param("<![" * 100_000, id="marked-sections"),
        pytest.param("<a b='" * 50_000, id="unclosed-quotes"),
        pytest.param("<li>x" * 50_000, id="many-items"),
    ],
)
def test_hostile_html_finishes(html: str) -> None:
    started = time.perf_counter()
    text = parse_html(html).text
    assert time.perf_counter() - started < 10
    if "deep 12%" in html:
        assert "deep 12%" in text
    if "after" in html:
        assert text.endswith("after")


def test_hostile_sample() -> None:
    doc = load_document(HOSTILE_SAMPLE)
    # Escaped markup is text and stays literal; real tags and scripts are gone.
    assert "<script>alert(1)</script>" in doc.text
    assert "<b>bold</b>" in doc.text
    assert "[click](javascript:alert(1))" in doc.text
    assert "alert(2)" not in doc.text and "alert(3)" not in doc.text
    assert "Sales rose 12% last year" in doc.text
    assert doc.title is not None and "<script>" in doc.title


def test_ev_sample_drops_script_and_nav() -> None:
    doc = load_document(SAMPLES_DIR / "ev-battery-costs.html")
    assert "$132 per kWh" in doc.text and "€2.5 billion" in doc.text and "tripled" in doc.text
    for gone in ("dataLayer", "9999", "Deals", "Subscribe", "0800", "Solar module", "Internal note"):
        assert gone not in doc.text
    assert doc.url == "https://example.com/analysis/ev-battery-costs"


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(list("<>/!-?='\"ab &;#\n") + ["<p>", "<script>", "</div>", "<!--", "<li>"])))
def test_parse_html_never_raises(parts: list[str]) -> None:
    parse_html("".join(parts))
