"""The fast path (stdlib ``re`` on re-safe text) finds exactly what the ``regex`` path finds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from workbench.extract import claims, context
from workbench.extract.patterns import MASK, MASK_RE, PREV_WORDS, PrevWords, re_safe

WORDS = st.sampled_from(
    [
        "a", "an", "one", "two-thirds", "a-third", "third", "half", "twice", "doubled", "tenfold",
        "hundredfold", "manifold", "USD", "USD5", "usd$", "US$", "Rs5", "Rs.", "€", "5", "1,234", "3.5",
        ".5", "-4%", "+", "−3", "%", "bn", "million", "dozen", "twenty-five", "zero", "per", "cent",
        "report", "said", "Gartner", "according", "to", "like", "such as", "’s", "'s", "(", ")", ",",
        ".", "\n", "é", "é", "²", "K", "ſ", "İ", "ı", "—", "x", "fold",
    ]
)  # fmt: skip
SEPS = st.sampled_from([" ", " ", "", "-", "\n", ". "])
TEXTS = st.lists(st.tuples(WORDS, SEPS), max_size=40).map(lambda ws: "".join(w + s for w, s in ws))


def _atoms(text: str) -> list[tuple[int, int, float | None, str | None]]:
    return [(a.start, a.end, a.value, a.unit) for a in claims._atoms(text)]


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_fast_atoms_match_regex_atoms(text: str) -> None:
    fast = _atoms(text) if re_safe(text) else None
    original = claims.re_safe
    claims.re_safe = lambda _t: False  # type: ignore[assignment]
    try:
        slow = _atoms(text)
    finally:
        claims.re_safe = original  # type: ignore[assignment]
    if fast is not None:
        assert fast == slow


@settings(max_examples=200, deadline=None)
@given(TEXTS)
def test_fast_sources_match_regex_sources(text: str) -> None:
    context.sources_in.cache_clear()
    fast = [(s.text, s.pos, s.end, s.rank) for s in context.sources_in(text)]
    original = context.re_safe
    context.re_safe = lambda _t: False  # type: ignore[assignment]
    try:
        context.sources_in.cache_clear()
        slow = [(s.text, s.pos, s.end, s.rank) for s in context.sources_in(text)]
    finally:
        context.re_safe = original  # type: ignore[assignment]
        context.sources_in.cache_clear()
    assert fast == slow


MARKUP = st.sampled_from(
    [
        "[a link](https://x.org/2024/5%)", "![chart 3](img/fig-2.png)", "[1]: http://a.b/c?d=2", "<b>",
        "<!-- 5% -->", "</p>", "<3", "https://t.co/9x", "HTTP://A.B/1", "ftp://f/2", "www.site.com/4",
        "WWW.X.Y/5", "awww.z", "`v2.1`", "``", "](", "]:", "![", "[x]", '(y "t")', "http:/", "ftp:x",
    ]
)  # fmt: skip
MARKED = st.lists(st.one_of(MARKUP, WORDS, SEPS), max_size=30).map("".join)


@settings(max_examples=300, deadline=None)
@given(MARKED)
def test_fast_mask_matches_regex_mask(text: str) -> None:
    if re_safe(text):
        assert [m.span() for m in MASK_RE.finditer(text)] == [m.span() for m in MASK.finditer(text)]


PROSE = st.lists(
    st.one_of(
        WORDS,
        SEPS,
        st.sampled_from(
            [
                ". ",
                "! ",
                "? ",
                "… ",
                '." ',
                ".) ",
                ".\n",
                ".\r\n",
                " \n",
                "\t\n \n",
                "\n\n",
                "\nThe",
                "\nthe",
                "\n- ",
                "Dr. ",
                "e.g. ",
                "U.S. ",
                " A",
                "“Yes”",
                "(",
                "9",
                "$",
            ]
        ),  # fmt: skip
    ),
    max_size=40,
).map("".join)


@settings(max_examples=400, deadline=None)
@given(PROSE)
def test_fast_sentences_match_regex_sentences(text: str) -> None:
    fast = context.split_sentences(text) if re_safe(text) else None
    original = context.re_safe
    context.re_safe = lambda _t: False  # type: ignore[assignment]
    try:
        slow = context.split_sentences(text)
    finally:
        context.re_safe = original  # type: ignore[assignment]
    if fast is not None:
        assert fast == slow


LINE_END = st.lists(
    st.one_of(
        WORDS,
        st.sampled_from(
            [" ", "  ", "   ", "    ", "\t", " \t", "\n", ",", "(", '"', "“", "x" * 41, "y" * 85]
        ),
    ),
    max_size=25,
).map("".join)


def _prev(found: object) -> object:
    if found is None:
        return None
    names = ("w1", "w2", "w3", "w4")
    return [found.group("punct")] + [  # type: ignore[attr-defined]
        (found.group(n), found.start(n) if found.group(n) is not None else None)  # type: ignore[attr-defined]
        for n in names
    ]


@settings(max_examples=500, deadline=None)
@given(LINE_END, st.integers(0, 70))
def test_prev_words_reads_backwards_what_a_forward_scan_reads(text: str, back: int) -> None:
    hi = len(text)
    lo = max(0, hi - back)
    assert _prev(PREV_WORDS.search(text, lo, hi)) == _prev(PrevWords._search_slow(text, lo, hi))
