"""highlight.py renders untrusted documents: nothing in them may become markup."""

from __future__ import annotations

import re

import pytest

from workbench.ui.edits import field_changes, parse_number, safe_url
from workbench.ui.highlight import Mark, escape_text, highlight, paragraph_bounds

HOSTILE = [
    pytest.param("<script>alert('x')</script>", id="script"),
    pytest.param('<img src=x onerror="alert(1)">', id="img-onerror"),
    pytest.param("[link](javascript:alert(1))", id="md-js-link"),
    pytest.param("![img](https://evil.example/x.png)", id="md-image"),
    pytest.param("**bold** _em_ `code` # heading", id="md-emphasis"),
    pytest.param("$x^2$ and :red[colour] :smile: :material/home:", id="streamlit-md"),
    pytest.param("<a href='javascript:alert(1)'>x</a>", id="anchor"),
    pytest.param("&lt;script&gt; already escaped", id="double-escape"),
    pytest.param("line one\n\n<div>\n\n[x](javascript:1)", id="blank-line-breakout"),
]


def _tags(html: str) -> set[str]:
    return set(re.findall(r"<\s*([a-zA-Z]+)", html))


@pytest.mark.parametrize("text", HOSTILE)
def test_hostile_text_stays_text(text: str) -> None:
    out = highlight(text, [Mark(0, min(4, len(text)), "current", 't<i>tle"')])
    assert _tags(out) <= {"div", "mark", "br"}
    assert "javascript:" not in out.lower()
    assert "](" not in out and "[" not in out and "$" not in out and "`" not in out and "*" not in out
    assert "\n" not in out  # no blank line, so Markdown never resumes inside the block
    assert 'title="t&lt;i&gt;tle&quot;"' in out


def test_script_is_shown_escaped() -> None:
    out = escape_text("<script>alert('x')</script>")
    assert "&lt;script&gt;" in out and "<script" not in out


def test_marks_at_offsets_with_kinds() -> None:
    text = "A 24% rise and 18% fall."
    out = highlight(text, [Mark(2, 5, "current"), Mark(15, 18, "other")])
    assert re.search(r'<mark class="wb-current"[^>]*>24&#37;|<mark class="wb-current"[^>]*>24%', out)
    assert 'class="wb-other"' in out
    assert out.index("wb-current") < out.index("wb-other")


def test_overlapping_marks_keep_the_current_claim() -> None:
    out = highlight("from 62% to 41%", [Mark(0, 15, "other"), Mark(12, 15, "current")])
    assert out.count("<mark") == 1 and "wb-current" in out


def test_window_clips_and_shows_ellipses() -> None:
    text = "one. two 24% three. four"
    out = highlight(text, [Mark(9, 12, "current"), Mark(0, 3, "other")], start=5, end=19)
    assert out.count("<mark") == 1 and "…" in out and "four" not in out


def test_paragraph_bounds() -> None:
    text = "Intro.\n\nA 24% rise here.\n\nOutro."
    lo, hi = paragraph_bounds(text, text.index("24%"), text.index("24%") + 3)
    assert text[lo:hi] == "A 24% rise here."
    long = "word " * 2000 + "24%" + " word" * 2000
    i = long.index("24%")
    lo, hi = paragraph_bounds(long, i, i + 3, max_chars=300)
    assert lo < i < hi and hi - lo <= 300 and long[lo] != " " or lo == 0


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("24", 24.0), (" 1,200 ", 1200.0), ("1.2e9", 1.2e9), ("", None), ("  ", None), ("-3.2", -3.2),
        ("1.2bn", 1.2e9), ("1.2 bn", 1.2e9), ("$1.2 billion", 1.2e9), ("24%", 24.0), ("1,200,000", 1.2e6),
        ("97m", 97e6), ("£12.5m", 12.5e6), ("USD 5m", 5e6), ("2.5 pp", 2.5), ("3x", 3.0), ("a fifth", 0.2),
        ("two hundred", 200.0), ("1.5 per cent", 1.5),
    ],
)  # fmt: skip
def test_parse_number(raw: str, expected: float | None) -> None:
    assert parse_number(raw) == expected


@pytest.mark.parametrize("raw", ["abc", "nan", "inf", "12 foo", "1.2 bilion", "two apples", "24 and 25"])
def test_parse_number_refuses(raw: str) -> None:
    from workbench.errors import BadInput

    with pytest.raises(BadInput):
        parse_number(raw)


def test_parse_number_message_gives_examples() -> None:
    from workbench.errors import BadInput

    with pytest.raises(BadInput, match=r"The figure must be a number such as .*1\.2bn.*a fifth"):
        parse_number("lots", "the figure")


def test_no_source_badge_does_not_contradict_attached_sources() -> None:
    from workbench.ui.widgets import flag_label

    assert flag_label("no_source") == "No source named"
    assert flag_label("no_source", 1) == "No source named in the text · 1 source attached"
    assert flag_label("no_source", 3).endswith("3 sources attached")
    assert flag_label("hedged", 2) == "Hedged"


def test_field_changes_only_what_changed() -> None:
    current = {"value": 24.0, "value_high": None, "unit": "percent", "direction": "increase", "hedge": None,
               "metric": "productivity", "attribution": None}  # fmt: skip
    typed = {"value": "24", "value_high": "", "unit": "percent", "direction": "increase", "hedge": "",
             "metric": " productivity ", "attribution": "ONS"}  # fmt: skip
    assert field_changes(current, typed) == {"attribution": "ONS"}
    assert field_changes(current, {**typed, "value": "25", "metric": ""}) == {
        "value": 25.0, "metric": None, "attribution": "ONS",
    }  # fmt: skip


@pytest.mark.parametrize(
    ("url", "ok"),
    [("https://a.example/x", True), ("http://a.example", True), ("javascript:alert(1)", False),
     ("JAVASCRIPT:alert(1)", False), ("data:text/html,x", False), ("https://a.example/\"onmouseover=", False),
     (None, False), ("ftp://x", False)],
)  # fmt: skip
def test_safe_url(url: str | None, ok: bool) -> None:
    assert (safe_url(url) is not None) is ok


def test_load_uploads_good_and_bad() -> None:
    from workbench.errors import WorkbenchError
    from workbench.ui.uploads import load_uploads

    out = dict(
        load_uploads(
            [("good.txt", b"Sales rose 24% in 2025."), ("bad.pdf", b"%PDF-1.4"), ("binary.md", b"\xff\xfe\x00\x81"),
             ("empty.html", b"   ")],
            max_bytes=1000,
        )
    )  # fmt: skip
    assert not isinstance(out["good.txt"], WorkbenchError) and "24%" in out["good.txt"].text
    for name in ("bad.pdf", "binary.md", "empty.html"):
        assert isinstance(out[name], WorkbenchError), name
        assert str(out[name])  # a message a person can read
    big = dict(load_uploads([("big.txt", b"x" * 2000)], max_bytes=1000))
    assert isinstance(big["big.txt"], WorkbenchError)


def test_hard_wrapped_prose_flows_and_offsets_hold() -> None:
    from workbench.ui.highlight import unwrap_lines

    text = "Tax will rise by\n4.99%, the most.\n\n- one\n- two\n# Heading\nNext"
    flowed = unwrap_lines(text)
    assert len(flowed) == len(text)
    assert flowed.startswith("Tax will rise by 4.99%, the most.\n\n- one\n- two\n# Heading\nNext")
    i = text.index("4.99%")
    out = highlight(text, [Mark(i, i + 5, "current")], start=0, end=len("Tax will rise by\n4.99%"))
    assert "<br>" not in out and "by <mark" in out and "4&#46;99%</mark>" in out


def test_front_matter_is_skipped_in_the_reader() -> None:
    from workbench.ui.highlight import body_start

    text = '---\ntitle: "A"\nauthor: B\n---\n\nBody starts here.'
    assert text[body_start(text) :] == "Body starts here."
    assert body_start("No front matter.\n---\n") == 0
    out = highlight(text, [], start=body_start(text), ellipsis=False)
    assert "title" not in out and "…" not in out
