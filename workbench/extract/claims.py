"""Find numeric claims: atoms -> composites (ranges, changes, "one in five") -> filters -> context.

The pipeline, once per text:

1. ``mask``: front matter, URLs, link targets, dates, times, identifiers and
   phone numbers are blanked (same length, so offsets never move).
2. ``ATOM`` finds every number-like atom in one pass over the masked text.
3. Neighbouring atoms are merged into ranges, changes and fractions by looking
   only at the few characters between them.
4. Bare numbers (no unit) must earn their place: a counted noun or measuring
   unit after them, a scale word, or a figure shape (1,234 / 4.7); years,
   list numbers, references and names-with-numbers are dropped.
5. Context (sentence, direction, hedge, metric, attribution, score) is read from
   bounded windows; attribution is cached per sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable

import regex

from workbench.extract import context as ctx
from workbench.extract.numbers import parse_number, parse_number_words, scale_of
from workbench.extract.patterns import (
    ATOM,
    ATOM_RE,
    CANDIDATE,
    FRONT_MATTER,
    MASK,
    MASK_RE,
    PREV_WORDS,
    candidate_starts,
    next_words,
    re_safe,
)
from workbench.extract.scoring import score_claim
from workbench.extract.types import Claim

__all__ = ["extract_claims", "mask_text", "parse_span"]

# --------------------------------------------------------------------------- vocabularies

_CURRENCY_SYMBOLS = {
    "$": "USD", "us$": "USD", "usd$": "USD", "a$": "AUD", "au$": "AUD", "c$": "CAD", "ca$": "CAD",
    "nz$": "NZD", "hk$": "HKD", "s$": "SGD", "r$": "BRL", "€": "EUR", "£": "GBP", "¥": "JPY", "₹": "INR",
    "₩": "KRW", "₽": "RUB", "rs": "INR", "rs.": "INR",
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "euro": "EUR", "euros": "EUR", "pounds sterling": "GBP",
    "yen": "JPY", "yuan": "CNY", "rupee": "INR", "rupees": "INR", "peso": "MXN", "pesos": "MXN",
    "francs": "CHF", "rmb": "CNY", "cfa francs": "XOF",
}  # fmt: skip
_MULTIPLIER_WORDS = {"twice": 2.0, "double": 2.0, "doubles": 2.0, "doubled": 2.0, "doubling": 2.0}
_FOLD = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
         "ten": 10, "twenty": 20, "hundred": 100}  # fmt: skip

# Measuring units written as a word after the number -> quantity, noun = the unit.
_QUANTITY_UNITS = frozenset(
    "hours hour hrs hr minutes minute mins min seconds secs sec days day weeks week months month years "
    "year decades decade centuries km kilometres kilometers kilometre kilometer miles mile metres meters "
    "metre meter cm mm feet foot ft inches inch kg kilograms kilogram kilos grams gram tonnes tonne tons "
    "ton lbs lb litres liters litre liter gallons gallon barrels barrel bpd mw gw kw kwh mwh gwh twh watts "
    "megawatts gigawatts terawatts mph kph points point pts degrees degree acres acre hectares hectare "
    "calories kcal mg ml gb tb mb mbps gbps ghz ppm celsius fahrenheit mt mtco2e gt gigatonnes megatonnes "
    "teraflops petabytes terabytes gigabytes megabytes miles-per-hour knots sq decibels db bushels "
    "ounces oz grade-points bytes wh nm km/h light-years light-year parsecs au".split()
)  # fmt: skip
_QUANTITY_PAIRS = frozenset(
    {"standard deviations", "standard deviation", "square feet", "square metres", "square meters",
     "square miles", "square kilometres", "square kilometers", "degrees celsius", "degrees fahrenheit",
     "basis points", "metric tons", "metric tonnes", "light years", "cubic metres", "cubic meters",
     "percentile points", "grade points"}
)  # fmt: skip
_DURATIONS = frozenset("days day weeks week months month years year decades decade centuries".split())
_DURATION_PREV = frozenset(
    "in over for after during past last next first coming since the recent "
    "previous following few several those these ago by_the".split()
)
_DURATION_NEXT = frozenset("ago old later earlier younger older from hence".split())
# Words before "the" that make the figure after it a level compared with: "double the 24 days".
_COMPARED_WITH = frozenset("double twice triple half than versus vs vs. against with from".split())
_RELATIVE_TIME = re.compile(r"(?:[ \t]++|[ \t]*+\n[ \t]*+)(ago|later|earlier|hence|old)\b(?![ \t]++than\b)")
_ON_AVERAGE = re.compile(r"[ \t]++[A-Za-z]++[ \t]++on[ \t]++average\b")  # " days on average"

# Words that may stand between a number and what it counts: "97 million new jobs".
_MODIFIERS = frozenset(
    "new more additional extra full-time part-time active unique monthly daily weekly annual registered "
    "paying total other different separate major small large largest biggest leading young older local "
    "global american european british chinese indian african u.s. us uk eu current former existing "
    "potential skilled unskilled low-income high-income low-wage high-wage adult senior junior fewer "
    "million billion trillion thousand hundred such individual full part previous first-time remote "
    "frontline front-line qualified licensed certified independent private public small-business "
    "mid-sized medium-sized online offline digital physical human domestic foreign international "
    "rural urban working".split()
)  # fmt: skip
_NOT_NOUNS = frozenset(
    "the a an and or but nor of to in on at by for from with as than that which who whom is are was were "
    "be been has have had will would could can may might should must do does did not no it they we you "
    "he she i this these those its their his her our your my per percent times more less fewer over "
    "under up down out into about between among after before since during while through when where if "
    "so such each every all both either neither one said says according compared versus vs respectively "
    "alone only just too also still yet already ago old later earlier now today tomorrow yesterday plus "
    "minus point or so via against across within without around near next last first "
    "second third least most much many some any other another again ever never very am pm a.m. p.m. a.m p.m "
    "o'clock gmt utc bst est pst cet".split()
)  # fmt: skip
_LISTICLE = frozenset(
    "ways tips reasons things steps lessons strategies trends questions examples ideas skills rules "
    "tools principles signs myths mistakes habits pillars areas factors types kinds levels stages "
    "categories options takeaways benefits challenges considerations key best top secrets tricks facts "
    "insights books podcasts apps hacks essentials components elements phases sections chapters parts "
    "pages slides predictions lessons questions reasons strategies habits practices features "
    "characteristics traits truths rules laws commandments myths".split()
)  # fmt: skip
# Words before a bare number that make it a reference, rank or name, not a statistic.
_REF_WORDS = frozenset(
    "page pages p p. pp pp. pg table tables tab fig fig. figure figures chart graph chapter chapters "
    "ch ch. section sections sec sec. § para paragraph appendix annex exhibit slide step steps no no. nos "
    "number num # item items part parts volume vol vol. issue edition episode ep ep. season series version "
    "ver ver. v release level phase stage tier grade class type category round lesson unit module "
    "question q rule article art clause line lines row column col verse act scene room suite apt "
    "apartment floor gate platform terminal flight route highway interstate bus channel track model mark "
    "mk generation gen top bottom rank ranked ranking ranks footnote note box panel lane ward bed district "
    "zone post story war aged age ages day week size scale rated rating score-of number-one "
    "tweet reference ref figure-of quarter q1 q2 q3 q4 h1 h2 fy code pin id zip postcode "
    "covid- scope".split()
)  # fmt: skip
# A reference word and its numbers, up to the joint before another: "Scope 1 and ", "tables 3, 4 and ".
_REF_LIST = re.compile(
    r"\b([A-Za-z][A-Za-z.]{0,11})[ \t]+[0-9]{1,3}(?:[ \t]*,[ \t]*[0-9]{1,3})*+"
    r"(?:,[ \t]*|[ \t]*,?[ \t]+(?:and|or|&|to)[ \t]+)$"
)
_MONTHS = frozenset(
    "january february march april may june july august september october november december jan feb mar "
    "apr jun jul aug sep sept oct nov dec".split()
)
_YEAR_PREV = frozenset(
    "in since by from until till to of during before after for the a an circa c. year years early late mid "
    "fiscal fy spring summer autumn fall winter between and through around as 's which than this that "
    "since-".split()
)
_STREET = frozenset(
    "street st st. road rd rd. avenue ave ave. boulevard blvd lane ln drive dr way place pl square sq "
    "court ct terrace parkway highway".split()
)
_NUMBER_VERBS = frozenset(
    "reached hit totaled totalled totaling totalling numbered averaged stood topped exceeded surpassed "
    "passed crossed hitting reaching climbing neared approached amounted stands sits sat was were is are "
    "at won lost drawn drew played scored conceded pass reach top exceed surpass cross near total made added".split()
)
# Words after which a small number written as a word is a count: "more than seven goals", "scored nine".
_COUNT_CUES = frozenset(
    "nearly almost about around roughly scored won lost hired sold recorded reported counted confirmed "
    "fired added".split()
)
_FRACTION_PREV = frozenset(
    "by in nearly almost about around over under roughly approximately more than less just some "
    "barely only fully least than".split()
)


class _Atom:
    """One number-like atom, later perhaps a composite (range, change, fraction)."""

    __slots__ = (
        "bare", "currency", "end", "has_scale", "hedge", "kind", "noun", "scale", "sign", "start", "unit",
        "value", "value_from", "value_high",
    )  # fmt: skip

    def __init__(self, start: int, end: int) -> None:
        self.start = start
        self.end = end
        self.value: float | None = None
        self.value_high: float | None = None
        self.value_from: float | None = None
        self.unit: str | None = None
        self.currency: str | None = None
        self.noun: str | None = None
        self.kind = "digit"
        self.scale = 1.0
        self.has_scale = False
        self.sign = ""
        self.bare = True
        self.hedge: str | None = None  # a hedge inside a change: "from roughly 220 to about 40"


# --------------------------------------------------------------------------- masking


def mask_text(text: str, front_matter: bool = True) -> str:
    """``text`` with every region that holds no claim blanked to spaces (lengths kept).

    >>> mask_text("see https://x.io/a1 and ![img](y/2.png) now")
    'see                 and                 now'
    """
    work = text
    fm = FRONT_MATTER.match(work) if front_matter else None
    if fm is not None:
        work = regex.sub(r"[^\n]", " ", fm.group()) + work[fm.end() :]
    return (MASK_RE if re_safe(work) else MASK).sub(_blank, work)


def _blank(m: regex.Match[str]) -> str:
    s = m.group()
    return " " * len(s) if "\n" not in s else regex.sub(r"[^\n]", " ", s)


# --------------------------------------------------------------------------- atoms


_VIDEO_LINES = frozenset((144.0, 240.0, 360.0, 480.0, 576.0, 720.0, 1080.0, 1440.0, 2160.0, 4320.0))
_ATOM_GROUPS = (
    "sign",
    "cur",
    "suffix",
    "num",
    "frac",
    "mult",
    "word",
    "scale",
    "scale2",
    "hscale",
    "hunit",
    "qunit",
    "inword",
)


def _atom_from(m: regex.Match[str]) -> _Atom | None:
    a = _Atom(m.start("atom"), m.end("atom"))
    # Every group in one call.
    sign, cur, suffix, num, frac, mult, word, scale, scale2, hscale, hunit, qunit, inword = m.group(
        *_ATOM_GROUPS
    )
    sign = sign or ""
    a.sign = sign
    suffix = (suffix or "").strip()
    sl = suffix.lower()
    if num is not None:
        try:
            v = float(num.replace(",", ""))
        except ValueError:  # pragma: no cover - the pattern only admits digits
            return None
        sw = scale or scale2 or hscale
        if sw:
            a.scale = scale_of(sw)
            a.has_scale = True
            v *= a.scale
        a.value = -v if sign in ("-", "\u2212") else v
    elif inword is not None:
        top, _, bottom = inword.lower().partition("-in-")
        num_top, num_bottom = parse_number_words(top), parse_number(bottom)
        if not num_top or not num_bottom or num_top >= num_bottom:
            return None
        a.kind, a.value, a.unit, a.bare = (
            "fraction",
            num_top / num_bottom,
            "fraction",
            False,
        )  # "one-in-three"
    elif frac is not None:
        a.kind = "frac"
        a.value = parse_number_words(frac)  # no digits: skip parse_number's digit search
        a.unit = "fraction"
        a.bare = False
    elif mult is not None:
        w = mult.lower()
        a.kind = "mult"
        a.unit = "multiplier"
        a.bare = False
        if w in _MULTIPLIER_WORDS:
            a.value = _MULTIPLIER_WORDS[w]
        elif w.startswith(("tripl", "trebl")):
            a.value = 3.0
        elif w.startswith("quadrupl"):
            a.value = 4.0
        elif w.startswith("halv"):
            a.value = 0.5
        else:
            a.value = float(_FOLD.get(w[:-4], 0)) or None
    else:
        a.kind = "word"
        words = word
        a.value = parse_number_words(words)
        a.has_scale = any(s in words.lower() for s in ("thousand", "million", "billion", "trillion", "dozen"))
    if a.value is None:
        return None
    if cur:
        a.currency = _CURRENCY_SYMBOLS.get(cur.strip().lower(), cur.strip().upper())
        a.unit = "currency"
        a.bare = False
    if suffix:
        a.bare = False
        if hunit:
            a.unit, a.noun = "quantity", hunit.lower().replace("-", " ")
        elif "point" in sl or sl in ("pp", "ppt", "ppts", "p.p.") or "pts" in sl:
            if "basis" in sl:
                a.unit, a.noun = "quantity", "basis points"
            else:
                a.unit = "percentage_points"
        elif sl in ("bps", "bp"):
            a.unit, a.noun = "quantity", "basis points"
        elif sl in ("cent", "cents"):
            a.unit, a.currency, a.value = "currency", "USD", a.value / 100  # "20 cents"
        elif "%" in sl or "cent" in sl or sl in ("pct", "pc", "-percent"):
            a.unit = "percent"
        elif suffix == "p":
            if a.value in _VIDEO_LINES:
                return None  # "1080p" is a picture, not pence
            a.unit, a.currency, a.value = "currency", "GBP", a.value / 100  # "212p": pence
        elif sl in ("x", "×") or "fold" in sl or sl == "times":
            a.unit = "multiplier"
        elif qunit:
            a.unit, a.noun = "quantity", suffix
        elif "°" in sl or sl in ("c", "f"):
            a.unit, a.noun = "quantity", suffix.replace("°", "").strip().upper()
        else:
            code = _CURRENCY_WORDS.get(sl, sl.upper())
            a.unit, a.currency = "currency", code
    return a


# White space that may wrap a line (but never a blank line): "fell from 6.2% to\n4.0%".
_WS_WRAP = r"(?:[ \t]{0,3}+\n[ \t]{0,3}+|[ \t]{1,3}+)"
_GAP_RANGE = regex.compile(
    rf"[ \t]{{0,3}}+(?:-|–|—)[ \t]{{0,3}}+|{_WS_WRAP}(?:to|and|or){_WS_WRAP}",
    regex.V0,
)
_GAP_OF = regex.compile(r"[ \t]{1,3}+of[ \t]{1,3}+(?:the|its|their|our|all)[ \t]{1,3}+", regex.V0)
_GAP_PER = regex.compile(r"[ \t]{1,3}+per[ \t]{1,3}+(?:every[ \t]{1,3}+)?+", regex.V0)
_RATIO_BASES = frozenset((1.0, 10.0, 100.0, 1000.0))
_MONEY_WORD_END = re.compile(r"[0-9][ \t](?:dollars?|euros?|pounds?)$")  # "1 in 8 dollars" is a share
_SUBUNIT_END = re.compile(r"(?:[0-9]p|\scents?)$")  # pence and cents: a hundredth of the currency
# Hedges inside a change: "from roughly 220 to about 40".
_CHANGE_HEDGES = frozenset("about around roughly nearly almost approximately some just over under".split())
# The gap of a change with a rate or a hedge in it: " a month to about ", " to roughly ".
_GAP_CHANGE = regex.compile(
    rf"(?:{_WS_WRAP}(?:a|an|per|each){_WS_WRAP}(?:day|week|month|year|quarter|hour))?+{_WS_WRAP}to"
    rf"(?:{_WS_WRAP}(?P<hedge>about|around|roughly|nearly|almost|approximately|some|just|over|under))?+{_WS_WRAP}",
    regex.V0,
)
_RATE_BASES = frozenset((100.0, 1000.0, 10000.0, 100000.0, 1000000.0))
# A confidence level, not a claim: "95% CI", "90% confidence interval".
_CONFIDENCE = regex.compile(
    r"[ \t]{0,2}+(?:\(?(?-i:CI)\b|(?:confidence|credible|prediction)[ \t]+(?:interval|level))", regex.V0
)
_SUMS_TO = re.compile(r"\b(?:sum|add[ \t]+up|total)[ \t]+to[ \t]+$", re.IGNORECASE)
_GAP_FRACTION = regex.compile(
    r"[ \t]{1,3}+(?:(?:in|out[ \t]+of)(?:[ \t]+every)?+|of[ \t]+every)[ \t]{1,3}+", regex.V0
)


_METADATA = regex.compile(
    r"(?:(?:^|\n)[ \t*_]*+(?:estimated[ \t]+)?+(?:reading|read|listening|watch)[ \t]+time[ \t*_]*+:?+"
    r"|\((?:PDF|DOCX?|XLSX?|CSV|ZIP|PPTX?|MP3|MP4)\b)[^\n()]{0,24}+$",
    regex.IGNORECASE,
)


def _is_yearlike(a: _Atom, work: str) -> bool:
    if a.kind != "digit" or not a.bare or a.has_scale or a.value is None:
        return False
    s = work[a.start : a.end]
    return len(s) == 4 and s.isdigit() and 1800 <= a.value <= 2100


def _merge(atoms: list[_Atom], work: str) -> list[_Atom]:
    """Join neighbouring atoms into ranges, changes and "one in five" fractions."""
    out: list[_Atom] = []
    i = 0
    n = len(atoms)
    while i < n:
        a = atoms[i]
        if i + 1 < n:
            b = atoms[i + 1]
            gap_len = b.start - a.end
            if 0 <= gap_len <= 20:
                merged = _try_merge(a, b, work)
                if merged is not None:
                    out.append(merged)
                    i += 2
                    continue
        out.append(a)
        i += 1
    return out


def _try_merge(a: _Atom, b: _Atom, work: str) -> _Atom | None:
    if a.value is None or b.value is None:
        return None
    if a.kind in ("frac", "mult") or b.kind in ("frac", "mult"):
        return None
    gap = work[a.end : b.start]
    if not gap.strip(" \t"):
        return None  # every joint below needs a word or a dash between the atoms
    if _is_yearlike(a, work) or _is_yearlike(b, work):
        return None
    if (
        a.bare
        and (
            b.bare
            or (b.unit == "currency" and gap.strip() == "in" and _MONEY_WORD_END.search(work, b.start, b.end))
        )
        and not a.has_scale
        and _GAP_FRACTION.fullmatch(gap)
        and 0 < a.value <= b.value <= 1e6
        and b.value > 1
        and not b.has_scale
    ):
        m = _Atom(a.start, b.end)
        if not float(a.value).is_integer() and b.value <= 10:
            # "rated 4.6 out of 5": a score on a scale, not a share of a group
            m.kind, m.bare, m.unit, m.value, m.noun = (
                "composite",
                False,
                "quantity",
                a.value,
                f"out of {b.value:g}",
            )
            return m
        m.kind, m.bare, m.unit, m.value = "fraction", False, "fraction", a.value / b.value
        return m
    if (
        a.bare
        and b.bare
        and a.kind == "digit"
        and b.kind == "digit"
        and _GAP_OF.fullmatch(gap)
        and 1 < a.value < b.value <= 1000
    ):
        m = _Atom(a.start, b.end)  # "3 of the 5 largest banks": a count out of a total
        m.kind, m.value = "composite", a.value
        return m
    if (
        b.bare
        and b.kind == "digit"
        and b.value in _RATE_BASES
        and a.kind == "digit"
        and (a.bare or a.unit == "currency")
        and _GAP_PER.fullmatch(gap)
    ):
        m = _Atom(a.start, b.end)  # "312 per 100,000": a rate, one claim about the first figure
        m.kind, m.bare, m.value, m.unit, m.currency = "composite", a.bare, a.value, a.unit, a.currency
        return m
    range_gap = _GAP_RANGE.fullmatch(gap) is not None
    if not range_gap and "to" not in gap:
        return None  # the common case: two figures with words between them
    pm = PREV_WORDS.search(work, max(0, a.start - 60), a.start)
    prev = (pm.group("w1") or "").lower() if pm is not None else ""
    from_hedge = None
    if pm is not None and prev in _CHANGE_HEDGES and (pm.group("w2") or "").lower() == "from":
        from_hedge, prev = pm.group("w1"), "from"  # "from roughly 220 to about 40"
    hedge_to = None
    if not range_gap:
        g = _GAP_CHANGE.fullmatch(gap) if prev == "from" else None
        if g is None:
            return None
        sep, hedge_to = "to", g.group("hedge")  # "from 220 a month to about 40"
    else:
        sep = gap.strip().lower()
    change = prev == "from" and sep == "to"
    if from_hedge is not None and not change:
        return None
    between = prev == "between" and sep == "and"
    if sep == "and" and not between:
        return None
    if sep == "or" and not (
        a.kind == b.kind == "digit" and a.bare and b.bare and a.value < b.value and not a.has_scale
    ):
        return None  # "4 or 5 players" is a range; "$2m or 30%" is not
    if b.bare and not a.bare and a.unit == "currency" and b.kind == "digit":
        b.unit, b.currency, b.bare = a.unit, a.currency, False  # "$2-3bn"
    if not (a.bare or a.unit == b.unit) or (a.currency and b.currency and a.currency != b.currency):
        return None
    if sep in ("-", "–", "—") and not change and a.sign:
        return None
    lo = a.value
    if not a.has_scale and b.has_scale and a.kind == "digit":
        lo = a.value * b.scale
    elif a.bare and b.unit == "currency" and _SUBUNIT_END.search(work, b.start, b.end):
        lo = a.value / 100  # "between 10 and 20 cents", "8-10p": the first figure is in cents too
    if (
        sep == "to"
        and not (change or between)
        and b.value in _RATIO_BASES
        and lo > b.value
        and (prev in _HEDGE_WORDS or prev in ("ratio", "of", "is", "was", "by", "outnumber", "outnumbered"))
    ):
        m = _Atom(a.start, b.end)  # "roughly two to one", "outnumber men by 104 to 100": a ratio
        m.kind, m.bare, m.unit, m.value = "composite", False, "multiplier", lo / b.value
        return m
    if not (change or between) and lo > b.value:
        return None  # "3-1", "10 to 5": not a range
    start = a.start
    if (change or between) and pm is not None:
        start = pm.start("w2" if from_hedge is not None else "w1")
    m = _Atom(start, b.end)
    m.hedge = hedge_to or from_hedge
    m.kind = "composite"
    m.bare = a.bare and b.bare
    m.unit = b.unit
    m.currency = b.currency or a.currency
    m.noun = b.noun
    m.has_scale = a.has_scale or b.has_scale
    if change:
        m.value_from, m.value = lo, b.value
    else:
        m.value, m.value_high = lo, b.value
    return m


# --------------------------------------------------------------------------- bare numbers


_WORD_BEFORE = re.compile(r"(?:^|(?<=[ \t\n]))([A-Za-z]{1,12}) $")


def _line_prefix(work: str, start: int) -> str:
    ls = work.rfind("\n", max(0, start - 40), start)
    if ls < 0 and start > 40:
        return "x"
    return work[ls + 1 : start]


_LIST_PREFIX_RE = regex.compile(
    r"[ \t]{0,12}+(?:[-*•+>][ \t]{1,4}+)?+(?:\#{1,6}[ \t]{1,4}+)?+[(\[]?+", regex.V0
)


# "points to 5.8%", "points from 6.1 per cent": points of a percentage.
_COMPARATIVES = frozenset("higher lower up down above below ahead behind more less".split())
# A percentage earlier in the same sentence: "climbed to 86.4%, 1.7 points higher".
_PERCENT_BEFORE = re.compile(r"(?:%|\bper[ \t]?cent\b|\bpercent\b)[^.!?\n]*$", re.IGNORECASE)
_POINTS_TO_PERCENT = regex.compile(
    r"[ \t]{1,3}+(?:points?|pts)[ \t,]{1,3}+(?:to|from|at)[ \t]{1,3}+[0-9.]{1,8}+[ \t]?+(?:%|per[ \t]?+cent\b|percent\b)",
    regex.IGNORECASE | regex.V0,
)


def _classify_bare(a: _Atom, work: str) -> bool:
    """Decide whether a unit-less number is a claim; set unit and noun. False drops it."""
    s, e = a.start, a.end
    # Cheap rejections first (they read a few characters only; the order of rejections
    # does not change the outcome).
    if work[e : e + 1] == " " and (
        work[e + 1 : e + 2].isdigit() or (work[e + 1 : e + 2] == "(" and work[e + 2 : e + 3].isdigit())
    ):
        return False  # digit groups: phone numbers, codes
    if s >= 2 and work[s - 1] == " " and work[s - 2].isdigit():
        return False
    if e - s == 4 and a.kind == "digit" and not a.has_scale and s >= 2 and work[s - 1] == " ":
        # A year after "in", "since", "March"...: the commonest bare number, dropped before the
        # costlier reading below (which would drop it too: no rule keeps such a year).
        m = _WORD_BEFORE.search(work, max(0, s - 14), s)
        if m is not None and _is_yearlike(a, work):
            w = m.group(1).lower()
            if w in _YEAR_PREV or w in _MONTHS:
                return False
    surface = work[s:e]
    nxt = next_words(work, e)
    words = [nxt.group(g) for g in ("w1", "w2", "w3", "w4") if nxt.group(g)] if nxt is not None else []
    # Only words in the same clause count as what follows the number.
    if nxt is not None and nxt.start("w1") > e + 1 and work[e] not in " \t":
        words = []
    pm = PREV_WORDS.search(work, max(0, s - 60), s)
    prev = pm.group("w1") if pm is not None else ""
    prev_l = prev.lower()
    prev_punct = pm.group("punct") if pm is not None else ""
    prev2_l = (pm.group("w2") or "").lower() if pm is not None else ""
    after = work[e : e + 2]
    before_c = work[s - 1] if s > 0 else ""
    value = a.value if a.value is not None else 0.0
    is_digit = a.kind in ("digit", "composite") and surface[:1] in "0123456789.-+−"
    if _not_a_figure(a, work, surface, words, prev_l, prev2_l, bool(prev_punct)):
        return False

    # Structural rejections: list numbers, references, names, dates, addresses, codes.
    prefix = _line_prefix(work, s)
    if _LIST_PREFIX_RE.fullmatch(prefix):
        if after[:1] in (".", ")", "-", "–", "—", ":", "]") or (words and words[0][:1].isupper()):
            return False
    if before_c == "(" and after[:1] == ")" and not a.has_scale and not ("," in surface or "." in surface):
        return False  # "(3)", "(2019)"; a figure in brackets stays: "agriculture (3.3 million)"
    if a.kind == "digit" and not a.has_scale:
        if len(surface) > 1 and surface[0] == "0" and surface[1:2] != ".":
            return False  # 007, 02115
        if (s >= 2 and work[s - 1] in "-–/" and work[s - 2].isdigit()) or (
            after[:1] == "-" and after[1:2].isdigit()
        ):
            return False  # a piece of 2024-25, the 2019–20 school year or 555-1234 that did not make a range
    if (
        is_digit
        and "." in surface
        and not prev_punct
        and (
            prev_l == "ratio"
            or prev in ("OR", "HR", "RR", "aOR", "aHR", "IRR")
            or (prev_l in ("of", "was", "is", "were") and prev2_l == "ratio")
        )
    ):
        a.unit = "multiplier"
        return True
    if not prev_punct and (prev_l in _REF_WORDS or prev_l.rstrip(".") in _REF_WORDS):
        return False
    if (prev_l in ("and", "or", "&", "to") or prev_punct == ",") and not a.has_scale:
        ref = _REF_LIST.search(work, max(0, s - 40), s)
        if ref is not None and ref.group(1).lower().rstrip(".") in _REF_WORDS:
            return False  # the "2" of "Scope 1 and 2", "tables 3, 4 and 5", "phases 2 to 4"
    if prev_l == "per" and not prev_punct:
        return False  # "sold per 1,000 households": the base of a rate, not a figure of its own
    if prev_l in _MONTHS or (words and words[0].lower() in _MONTHS and value <= 31):
        if value <= 31 or _is_yearlike(a, work):
            return False
    if prev and not prev_punct and (prev[:1].isupper() or prev[1:] != prev[1:].lower()) and not a.has_scale:
        # "Windows 11", "Fortune 500", "AIgantic 2023": a name with a number, unless it opens the sentence.
        head = work[max(0, pm.start("w1") - 3) : pm.start("w1")] if pm is not None else ""
        sentence_start = pm is None or pm.start("w1") == 0 or head.strip()[-1:] in (".", "!", "?", "")
        if (not sentence_start or prev_l in _REF_WORDS) and prev_l not in _NUMBER_VERBS:
            low = prev_l
            if low not in ctx.INCREASE and low not in ctx.DECREASE and low not in _HEDGE_WORDS:
                return False
    if words and len(words) >= 2 and words[0][:1].isupper() and words[1].lower().rstrip(".") in _STREET:
        return False
    if words and words[0].lower().rstrip(".") in _STREET and words[0][:1].isupper():
        return False
    if after[:1] == " " and (
        work[e + 1 : e + 2].isdigit() or (after[1:2] == "(" and work[e + 2 : e + 3].isdigit())
    ):
        return False  # digit groups: phone numbers, codes
    if after[:1] in ("/", ":") and after[1:2].isdigit():
        return False  # 21/02/2025, 10:30, 3:1
    if after[:1] == "." and after[1:2].isalpha():
        return False  # 45.png, 3.x
    if s >= 2 and work[s - 1] == " " and work[s - 2].isdigit():
        return False

    # Years: "in 2025", "the 2024 report"; kept only when a counted noun follows a verb ("hired 2000 workers").
    yearlike = _is_yearlike(a, work)
    if yearlike and (prev_l in _YEAR_PREV or not words or prev_punct or not prev):
        return False

    # What follows: a measuring unit, or a counted noun.
    if words:
        w1 = words[0].lower().rstrip(".,")
        pair = f"{w1} {words[1].lower().rstrip('.,')}" if len(words) > 1 else ""
        if pair in _QUANTITY_PAIRS:
            return _as_quantity(a, work, e, words[:2], prev_l, prev2_l, words)
        if (
            w1 in ("points", "point", "pts")
            and not yearlike
            and (
                _POINTS_TO_PERCENT.match(work, e)
                or (
                    len(words) > 1
                    and words[1].lower().rstrip(".,") in _COMPARATIVES
                    and _PERCENT_BEFORE.search(work, max(0, s - 80), s)
                )
            )
        ):
            a.unit = "percentage_points"  # "down 0.3 points to 5.8%", "86.4%, 1.7 points higher"
            a.end = nxt.end("w1")
            return True
        if w1 == "times" and is_digit and "." in surface and not yearlike:
            a.unit = "multiplier"  # "grew roughly 2.5 times in 2024": nobody does something 2.5 times
            a.end = nxt.end("w1")
            return True
        if w1 in _QUANTITY_UNITS and not yearlike:
            if w1 == "min" or w1 == "mins" or w1.startswith("minute"):
                if len(words) > 1 and words[1].lower().startswith("read"):
                    return False
            return _as_quantity(a, work, e, words[:1], prev_l, prev2_l, words)
        noun = _count_noun(words)
        if noun is not None:
            if yearlike:
                return False
            counted = prev_l in _COUNT_CUES or (prev_l == "than" and prev2_l in ("more", "fewer", "less"))
            if a.kind == "word" and not a.has_scale and value < 10 and not counted:
                return False  # "two reasons", "three companies"; but "more than seven goals", "scored nine"
            if noun.lower() in _LISTICLE and value < 100:
                return False
            if value in (0, 1) and not a.has_scale and a.kind != "composite":
                return False
            a.unit, a.noun = "count", noun
            return True
        if (
            w1 == "of"
            and len(words) > 1
            and words[1].lower()
            in ("the", "its", "their", "those", "these", "our", "all", "my", "his", "her")
            and value >= 2
            and (a.kind == "digit" or (a.kind == "word" and not a.has_scale))
            and not yearlike
        ):  # "accounts for 31 of the 40 cases", "Eleven of the cases"
            a.unit = "count"
            return True
    if yearlike:
        return False
    if a.kind == "word" and not a.has_scale:
        return False
    if a.has_scale or a.kind == "composite" and a.value_from is not None:
        a.unit = "count"
        return True
    if is_digit and ("," in surface or "." in surface.lstrip("-+−")[1:]):
        a.unit = "count"
        return True
    if prev_l in _NUMBER_VERBS and prev_l not in ("is", "are", "was", "were", "at"):
        a.unit = "count"
        return True
    if prev_l in ("to", "from", "by", "at") and (prev2_l in ctx.INCREASE or prev2_l in ctx.DECREASE):
        a.unit = "count"
        return True
    if not prev_punct and (
        (prev_l in ("with", "to") and prev2_l == "compared")
        or (prev_l == "than" and prev2_l in ("more", "fewer", "less"))
        or (prev_l == "from" and prev2_l[:1].isdigit())
        or (prev_l == "to" and prev2_l in ("votes", "seats", "wickets", "runs", "goals", "points"))
        or (prev_l == "on" and prev2_l in ("finished", "ended", "closed", "put", "stood"))
        or (prev_l == "for" and prev2_l == "out")
    ):
        a.unit = "count"  # "compared with 171", "fewer than 20 have", "to 29 from 34", "31 votes to 19"
        return True
    if not prev_punct and (
        (prev_l == "of" and prev2_l in _LEVEL_NOUNS)
        or (
            prev_l in ("further", "another")
            and words
            and words[0].lower() in ("were", "was", "are", "have", "had")
        )
        or (prev_l == "the" and words and words[0].lower() in _COUNTED_VERBS)
    ):
        a.unit = "count"  # "a baseline of 362", "A further 247 were injured", "the 790 counted in 2014"
        return True
    return False


_LEVEL_NOUNS = frozenset(
    "baseline average total level peak high low record tally count sum median mean figure target".split()
)
_COUNTED_VERBS = frozenset("counted recorded reported registered sold built employed recruited hired".split())


_RACE_WORDS = frozenset(
    "race races run runs runner runners running pace time times result results course event events training "
    "plan plans pb personal record finish entry entries route parkrun champion championship".split()
)  # fmt: skip
_PEOPLE = frozenset(
    "children kids people adults those anyone everyone men women boys girls pupils students residents "
    "persons individuals patients workers drivers voters".split()
)  # fmt: skip
_STAT_PREFIX = re.compile(r"(?:\bp[ \t]*[<=>≤≥][ \t]*|[<=>≤≥])$", re.IGNORECASE)


def _not_a_figure(
    a: _Atom, work: str, surface: str, words: list[str], prev_l: str, prev2_l: str, punct: bool
) -> bool:
    """Numbers that bound, name or test something rather than state a figure."""
    if surface in ("5K", "10K", "5k", "10k"):
        noun = _count_noun(words) if words else None
        if noun is None or noun.lower() in _RACE_WORDS:
            return True  # "a faster 10K", "your 10K race pace" (but "5K subscribers")
    if _STAT_PREFIX.search(work, max(0, a.start - 4), a.start):
        return True  # "p<0.001", "P = 0.03"
    if punct:
        return False
    if prev_l == "aged" or (prev_l in ("under", "over") and prev2_l in _PEOPLE):
        return True  # "people aged 65", "children under 15": an age bracket
    if prev_l == "every" and prev2_l in ("for", "per", "in", "of", "out"):
        return True  # "for every 100 people": the base of a rate
    if prev_l == "interval" or prev_l == "ci":
        return True  # "95% confidence interval 0.72 to 0.91"
    return prev_l == "to" and prev2_l in ("sum", "up", "total") and a.value == 100


_HEDGE_WORDS = frozenset(
    "about nearly almost around approximately roughly over some just under below above only more less "
    "fewer least most estimated approx. circa than up".split()
)


_UNIT_GAP = regex.compile(r"[ \t]{0,3}+(?:\n[ \t]{0,3}+)?+")  # between a number and its unit word


def _as_quantity(
    a: _Atom, work: str, e: int, unit_words: list[str], prev_l: str, prev2_l: str, words: list[str]
) -> bool:
    noun = " ".join(w.rstrip(".,") for w in unit_words)
    low = noun.lower()
    if low in _DURATIONS or low.split()[0] in _DURATIONS:
        nxt = words[len(unit_words)].lower() if len(words) > len(unit_words) else ""
        prev = _duration_prev(work, a.start)
        # "back online in 2.4 days", "in 6 days on average": a measured time, not a time frame
        measured = prev in _DURATION_PREV and (
            (a.value is not None and not float(a.value).is_integer())
            or (nxt == "on" and _ON_AVERAGE.match(work, e) is not None)
            or (prev_l == "the" and prev2_l in _COMPARED_WITH)  # "almost double the 24 days for ..."
        )
        if (
            (prev in _DURATION_PREV and not measured)
            or nxt in _DURATION_NEXT
            or (prev in ("every", "each") and a.kind != "digit")
        ):
            return False  # "for 10 years", "every two to three weeks" (but "every 3.7 days")
    # "two hours later" is a way of speaking; "up to two hours", "three to five days" are figures.
    if a.kind == "word" and not a.has_scale and (a.value or 0) < 10 and prev_l not in _HEDGE_WORDS:
        return False
    # Extend the claim over the unit word(s): "360,000 hours", "0.3 standard deviations".
    m = _UNIT_GAP.match(work, e)
    pos = m.end() if m is not None else e
    for w in unit_words:
        idx = work.find(w, pos, pos + len(w) + 4)
        if idx < 0:
            break
        pos = idx + len(w.rstrip(".,"))
    a.end = max(a.end, pos)
    a.unit, a.noun = "quantity", noun
    return True


def _duration_prev(work: str, start: int) -> str:
    """The word before a duration, skipping qualifiers: "for more than 20 years" -> "for"."""
    pm = PREV_WORDS.search(work, max(0, start - 60), start)
    if pm is None or pm.group("punct"):
        return ""
    for g in ("w1", "w2", "w3", "w4"):
        w = (pm.group(g) or "").lower()
        if w in (
            "more",
            "than",
            "less",
            "fewer",
            "about",
            "nearly",
            "almost",
            "around",
            "some",
            "just",
            "at",
            "least",
            "roughly",
            "approximately",
            "up",
            "to",
            "only",
        ):
            continue
        return w
    return ""


def _count_noun(words: list[str]) -> str | None:
    skipped = 0
    for k, w in enumerate(words):
        lw = w.lower().rstrip(".,")
        # Up to two modifiers, capitalised ones included: "31 Premier League appearances".
        if lw in _MODIFIERS or (w[:1].isupper() and lw not in _NOT_NOUNS):
            if skipped >= 2:
                return None
            skipped += 1
            continue
        if not w[:1].isalpha() or not w[:1].islower() or lw in _NOT_NOUNS:
            return None
        if lw.endswith("ly") and len(lw) > 4:
            return None
        if lw.endswith("ed") and len(lw) > 4 and lw not in ("hundred", "bed", "seed", "feed", "shed"):
            nxt = words[k + 1] if k + 1 < len(words) else ""
            if (
                skipped < 2
                and nxt.isalpha()
                and nxt.islower()
                and nxt.endswith("s")
                and nxt not in _NOT_NOUNS
            ):
                skipped += 1  # "96 randomized trials", "500 registered voters"
                continue
            return None
        return w.rstrip(".,;:")
    return None


# --------------------------------------------------------------------------- fractions and multipliers in words


def _keep_word_unit(a: _Atom, work: str) -> bool:
    """Fraction and multiplier words must be used as figures: "half of", "doubled", "twice as"."""
    s, e = a.start, a.end
    nxt = next_words(work, e)
    w1 = (nxt.group("w1") or "").lower() if nxt is not None else ""
    pm = PREV_WORDS.search(work, max(0, s - 60), s)
    prev_l = pm.group("w1").lower() if pm is not None and not pm.group("punct") else ""
    surface = work[s:e].lower()
    if a.kind == "frac":
        if surface.isalpha() and surface != "half":
            return False  # "quarter", "third" alone: a period or a rank, not a share
        prev2_l = (pm.group("w2") or "").lower() if pm is not None and prev_l else ""
        if (
            surface[:2] in ("a ", "on")
            and work[e : e + 1] not in ("'", "’")
            and (
                prev_l in ("up", "down", "by")
                or prev_l in ctx.INCREASE
                or prev_l in ctx.DECREASE
                or (prev_l == "to" and prev2_l == "up")
                or w1 in _COMPARATIVE_AFTER
            )
        ):
            return True  # "up a third", "cut by a fifth", "by up to a fifth", "a fifth less"
        if w1 in ("of", "the", "their", "its", "all", "our", "those", "these") or (
            prev_l in _FRACTION_PREV and w1 not in ("time", "hour", "day", "year", "century", "quarter")
        ):
            if surface.startswith(
                ("third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth")
            ):
                return prev_l in ("a", "one", "by", "nearly", "almost", "about", "roughly") and w1 == "of"
            if surface.startswith("quarter") and w1 != "of":
                return False
            if surface == "half" and prev_l in ("first", "second", "other", "latter", "former", "the"):
                return False
            return True
        return False
    if a.kind == "mult":
        if surface in ("twice", "double"):
            if surface == "double" and prev_l in ctx.MODALS:
                return True  # "could double by 2030"
            return w1 in ("as", "the", "that", "its", "their", "what", "than", "more", "over", "his", "her")
        if surface == "doubles":
            # "performance roughly doubles", "more than doubles"; not "doubles as", "the doubles final"
            return prev_l in _HEDGE_WORDS and w1 not in ("as", "up", "back")
        return True
    return True


# Comparatives after a fraction that make it a change: "a fifth less", "a third cheaper".
_COMPARATIVE_AFTER = frozenset(
    "less more lower higher fewer cheaper dearer faster slower smaller larger bigger shorter longer".split()
)


# --------------------------------------------------------------------------- public API


def _atoms(work: str, lo: int = 0, hi: int | None = None) -> list[_Atom]:
    """Atoms, left to right. A cheap scan finds where one may start; ATOM is tried only there."""
    hi = len(work) if hi is None else hi
    out: list[_Atom] = []
    last = lo
    starts: Iterable[int]
    if re_safe(work):
        match = ATOM_RE.match
        starts = candidate_starts(work.lower(), lo, hi)
    else:
        match = ATOM.match
        starts = (c.start() for c in CANDIDATE.finditer(work, lo, hi))
    for pos in starts:
        if pos < last:
            continue
        m = match(work, pos, hi)
        if m is None:
            continue
        last = m.end()
        a = _atom_from(m)
        if a is not None:
            out.append(a)
    return out


def extract_claims(text: str) -> list[Claim]:
    """Every numeric claim in ``text``, sorted by start, each once, none overlapping.

    >>> [(c.text, c.value, c.unit) for c in extract_claims("Sales rose 31% to $1.1bn.")]
    [('31%', 31.0, 'percent'), ('$1.1bn', 1100000000.0, 'currency')]
    """
    return _extract(text)


def _extract(text: str, front_matter: bool = True, offset: int = 0) -> list[Claim]:
    """``extract_claims`` of one piece of a longer text.

    ``front_matter=False`` when the piece does not start the text; ``offset`` (where the piece
    starts in the text) is added to every claim's ``start`` and ``end``.
    """
    if not text:
        return []
    work = mask_text(text, front_matter)
    kept: list[_Atom] = []
    for a in _merge(_atoms(work), work):
        if a.kind in ("frac", "mult"):
            if not _keep_word_unit(a, work):
                continue
        elif a.bare and not _classify_bare(a, work):
            continue
        elif a.unit == "percent" and a.value in (80.0, 90.0, 95.0, 99.0) and _CONFIDENCE.match(work, a.end):
            continue
        elif (
            a.unit == "percent" and a.value == 100.0 and _SUMS_TO.search(work, max(0, a.start - 20), a.start)
        ):
            continue  # "Figures may not sum to 100%"
        elif a.unit == "quantity" and _METADATA.search(work, max(0, a.start - 40), a.start):
            continue  # "Reading time: about 6 minutes", "(PDF, 2.4 MB)": about the page, not a claim
        elif a.unit == "quantity" and a.noun in _DURATIONS and (r := _RELATIVE_TIME.match(work, a.end)):
            if not (a.has_scale and r.group(1) == "old"):  # "120 million years old" is a figure
                continue  # "2 years ago", "18 months later", "3 years old": when or an age, not how much
        elif not a.bare and a.unit in ("currency", "percent") and a.kind == "word" and not a.has_scale:
            if a.unit == "currency":
                continue
        if kept and a.start < kept[-1].end:
            continue
        kept.append(a)
    if not kept:
        return []
    builder = _ContextBuilder(text, work, offset, kept)
    return [builder.claim(a) for a in kept]


def parse_span(text: str, start: int, end: int) -> Claim:
    """Parse ``text[start:end]`` as a claim, the way a reviewer selected it.

    Value and unit are best effort (``None``/"count" when the span holds no
    number); context comes from the surrounding text. Never raises for an
    in-range span; out-of-range offsets are clamped.

    >>> c = parse_span("Profits fell by about 12% last year.", 22, 25)
    >>> (c.text, c.value, c.unit, c.direction, c.hedge)
    ('12%', 12.0, 'percent', 'decrease', 'about')
    """
    n = len(text)
    start = max(0, min(int(start), n))
    end = max(start, min(int(end), n))
    work = mask_text(text)
    # Parse the selection as it is (the reviewer knows better than the masks).
    atoms = _merge(_atoms(text, start, end), text)
    a: _Atom
    if atoms:
        best = max(atoms, key=lambda x: (x.end - x.start, -x.start))
        a = best
        a.start, a.end = start, end
        if a.bare:
            _classify_bare_for_span(a, work if work[start:end].strip() else text)
    else:
        a = _Atom(start, end)
        a.value = parse_number(text[start:end])
        a.unit = "count"
    if a.unit is None:
        a.unit = "count"
    builder = _ContextBuilder(text, work)
    return builder.claim(a)


def _classify_bare_for_span(a: _Atom, work: str) -> None:
    """Fill noun/unit of a reviewer's selection without rejecting it."""
    start, end = a.start, a.end
    a.unit = "count"
    nxt = next_words(work, end) if end < len(work) else None
    if nxt is not None:
        words = [nxt.group(g) for g in ("w1", "w2") if nxt.group(g)]
        if words and words[0].lower() in _QUANTITY_UNITS:
            a.unit, a.noun = "quantity", words[0]
        else:
            a.noun = _count_noun(words)
    a.start, a.end = start, end


# --------------------------------------------------------------------------- context


_MAX_SENTENCE = 800


_BLANK_LINE = re.compile(r"\n[ \t]*+\r?\n")


def _claim_sentences(work: str, atoms: list[_Atom]) -> list[tuple[int, int]]:
    """The sentences of the paragraphs that hold claims (the only ones read), in order.

    A sentence never crosses a blank line, so splitting each paragraph alone gives the spans the
    whole text would give there; paragraphs without a claim (most of an ordinary article) are
    never split.
    """
    cuts = [(m.start(), m.end()) for m in _BLANK_LINE.finditer(work)]
    ends = [c[1] for c in cuts]
    spans: list[tuple[int, int]] = []
    done = -1
    for a in atoms:
        k = bisect_right(ends, a.start)  # paragraph k starts after cut k-1 and ends at cut k
        if k <= done:
            continue
        lo = cuts[k - 1][1] if k > 0 else 0
        hi = cuts[k][0] if k < len(cuts) else len(work)
        if k - 1 > done and _PRONOUN_START.match(work, lo):
            # "She said ...": her name may be in the paragraph before, which is read too.
            plo = cuts[k - 2][1] if k > 1 else 0
            spans.extend((plo + p, plo + q) for p, q in ctx.split_sentences(work[plo : cuts[k - 1][0]]))
        done = k
        spans.extend((lo + p, lo + q) for p, q in ctx.split_sentences(work[lo:hi]))
    return spans


class _ContextBuilder:
    """Turns atoms into claims, reading their context; caches per-sentence work."""

    def __init__(self, text: str, work: str, offset: int = 0, atoms: list[_Atom] | None = None) -> None:
        self.text = text
        self.work = work
        self.offset = offset
        self.sentences = ctx.Sentences(work, _claim_sentences(work, atoms) if atoms is not None else None)
        self._attr: dict[int, ctx.SentenceAttribution] = {}
        self._hints: dict[int, tuple[int, int, ctx.WindowHints] | None] = {}
        self._speakers: ctx.Speakers | None = None
        self._in_quote_lookup = False

    def claim(self, a: _Atom) -> Claim:
        work, text = self.work, self.text
        s, e = a.start, a.end
        sents = self.sentences
        i = sents.index_of(s)
        if i >= 0 and s < sents.spans[i][1]:
            ss, se = sents.spans[i]
            se = max(se, e)
        else:
            ss, se = max(0, s - 100), min(len(work), e + 100)
            i = -1
        if se - ss > _MAX_SENTENCE:
            # A "sentence" this long is a table or a run-on blob: read a window around the claim,
            # so the cost per claim stays bounded (otherwise long inputs go quadratic).
            ss, se = max(ss, s - _MAX_SENTENCE // 2), min(se, e + _MAX_SENTENCE // 2)
            hints = self._hints_for(i) if i >= 0 else None
            i = -1
        else:
            hints = None
        before = ctx.words_before(work, s, min(160, s - ss))
        after = ctx.words_after(work, e, min(120, se - e))
        share = bool(after) and after[0].lower() == "of"
        direction = self._direction(a, before, after, share, work[s:e])
        hedge = ctx.hedge_of(before, after) or a.hedge
        if hedge is None and s > 0 and work[s - 1] in "~≈":
            hedge = work[s - 1]
        projection = ctx.is_projection(before)
        metric = self._metric(a, before, after)
        if i >= 0:
            attribution, vague, inferred = self._attribution(i, s - ss)
        elif hints is not None and hints[0] <= ss and se <= hints[1]:
            sources = hints[2].sources(work, ss, se)
            attribution, vague, inferred = ctx.SentenceAttribution(work[ss:se], None, sources).at(s - ss)
        else:
            attribution, vague, inferred = ctx.attribution_in(work[ss:se], s - ss, None)
        if attribution is not None and ("\n" in attribution or "  " in attribution or "\t" in attribution):
            attribution = " ".join(attribution.split())  # a name wrapped across lines: one line
        if (attribution is None or vague or inferred) and e < len(work) and work[e] in " (":
            cited = ctx.parenthesised_source(work, e)  # "rate: 5.45% (Moneyfacts)"
            if cited is not None:
                attribution, vague, inferred = cited, False, False
        sentence = text[ss:se]
        score, flags = score_claim(
            value=a.value,
            unit=a.unit or "count",
            text=text[s:e],
            attribution=attribution,
            vague=vague,
            inferred=inferred,
            hedge=hedge,
            projection=projection,
            direction=direction,
            value_from=a.value_from,
            value_high=a.value_high,
        )
        return Claim(
            start=s + self.offset,
            end=e + self.offset,
            text=text[s:e],
            value=a.value,
            unit=a.unit or "count",
            value_high=a.value_high,
            value_from=a.value_from,
            currency=a.currency,
            noun=a.noun,
            direction=direction,
            hedge=hedge,
            metric=metric,
            attribution=attribution,
            sentence=sentence,
            checkworthiness=score,
            flags=flags,
        )

    @staticmethod
    def _direction(a: _Atom, before: list[str], after: list[str], share: bool, surface: str) -> str | None:
        single = a.value_from is None
        if single and ctx.starts_a_change(before):
            return None  # "fell from 95.2%", "up from 33%": the figure a change started from
        direction = ctx.direction_of(before, after, share=share)
        if direction is not None:
            return direction
        if not single and a.value is not None and a.value != a.value_from:
            return "increase" if a.value > a.value_from else "decrease"  # type: ignore[operator]
        if single and (verb := ctx.change_end(before)) is not None:
            return verb  # "fell from 95.2% in 2019 to 89.7%": the figure it reached
        # "- Double the annual rate of gains": a list item that starts with the verb
        imperative = not before and surface in ("Double", "Triple", "Treble", "Quadruple", "Halve")
        if (
            a.kind == "mult"
            and a.value is not None
            and (_is_verb(surface) or ctx.verb_slot(before) or imperative)
        ):
            return "decrease" if a.value < 1 else "increase"  # "doubled", "to roughly triple"
        if a.unit == "multiplier" and a.value not in (None, 1.0) and _earlier_level(after):
            return "decrease" if a.value < 1 else "increase"  # "nearly double what it was"
        if a.sign in ("-", "\u2212"):
            return "decrease"
        if a.sign == "+":
            return "increase"
        return None

    def _metric(self, a: _Atom, before: list[str], after: list[str]) -> str | None:
        if a.unit == "count" and a.noun:
            k = next((j for j, w in enumerate(after) if w.rstrip(".,") == a.noun), None)
            if k is not None and k + 2 < len(after) and after[k + 1].lower() == "of":
                return ctx.metric_after(after, k + 2) or a.noun
            return ctx.metric_after(after, k) if k is not None else a.noun
        if a.unit == "quantity" and a.noun:
            if len(after) > 1 and after[0].lower() == "of":
                return ctx.metric_after(after, 1) or a.noun
            return ctx.metric_before(_strip_tail(before)) or a.noun
        # "31% increase in X", "13% of X"
        j = 0
        if after and (
            after[0].lower() in ctx.INCREASE
            or after[0].lower() in ctx.DECREASE
            or after[0].lower() in ("more", "less", "higher", "lower")
        ):
            j = 1
        if len(after) > j + 1 and after[j].lower() in ("in", "of", "among", "for"):
            m = ctx.metric_after(after, j + 1)
            if m:
                return m
        return ctx.metric_before(_strip_tail(before))

    def _hints_for(self, i: int) -> tuple[int, int, ctx.WindowHints] | None:
        """The hint scans over long sentence ``i`` (``re_safe`` only), for the windows read in it."""
        if i not in self._hints:
            lo, hi = self.sentences.spans[i]
            safe = re_safe(self.work[lo:hi])
            self._hints[i] = (lo, hi, ctx.WindowHints(self.work, lo, hi)) if safe else None
        return self._hints[i]

    def _attribution(self, i: int, pos_in_sentence: int) -> ctx.Attribution:
        if i < 0:
            return None, False, False
        att = self._attr.get(i)
        if att is None:
            ss, se = self.sentences.spans[i]
            previous = None
            prev_fn = None
            if self.sentences.same_paragraph(i):
                ps, pe = self.sentences.spans[i - 1]
                previous = self.work[ps:pe]
                prev_fn = self._sources_fn(i - 1, previous)
            att = ctx.SentenceAttribution(
                self.work[ss:se], previous, None, prev_fn, lambda: self._speaker_for(i)
            )
            self._attr[i] = att
        return att.at(pos_in_sentence)

    def _speaker_for(self, i: int) -> str | None:
        """Who speaks sentence ``i``: its transcript turn's label, or the speaker of its quotation."""
        ss, se = self.sentences.spans[i]
        if self._speakers is None:  # labels are read once, when first needed
            self._speakers = ctx.Speakers(self.work)
        return (
            self._speakers.at(ss)
            or self._quote_speaker(i, ss, se)
            or self._pronoun_speaker(i, ss, se)
            or self._lead_in_source(ss)
        )

    def _pronoun_speaker(self, i: int, ss: int, se: int) -> str | None:
        """Whom "She said ..." or "He noted that ..." refers to: the speaker of the sentence before.

        That sentence may close the paragraph before, and its speaker may be its quotation's:
        '"... a bit more," said Professor Ilse Vandermeer.' then 'She said the benefit grew ...'.
        """
        if self._in_quote_lookup:
            return None
        starts = _PRONOUN_START.match(self.work, ss, se) is not None
        if not starts and _PRONOUN_TAIL.search(self.work, ss, se) is None:
            return None
        sents = self.sentences
        self._in_quote_lookup = True
        try:
            for j in range(i - 1, max(-1, i - 4), -1):
                js, je = sents.spans[j]
                gap = self.work[je : sents.spans[j + 1][0]]
                if gap.strip():
                    return None  # a paragraph without claims between: not split, not read
                if gap.count("\n") >= 2 and not (starts and j == i - 1):
                    # Only a paragraph that opens with "She said" reads the one before (and long
                    # texts are never cut there: see chunks.py).
                    return None
                source, vague, inferred = self._attribution(j, je - js)
                if source:
                    return source if not (vague or inferred) else None
        finally:
            self._in_quote_lookup = False
        return None

    def _lead_in_source(self, ss: int) -> str | None:
        """The source a list's lead-in line names, for a list item that names none.

        "Gartner's 2025 survey found:" then "- 45% of CFOs plan to cut costs": Gartner, for each item.
        The lead-in is the line before the list that ends with a colon (a blank line may come between).
        """
        text, work = self.text, self.work
        line = text.rfind("\n", 0, ss) + 1
        if _BULLET.match(text, line) is None:
            return None
        blanks = 0
        for _ in range(60):  # a long list: give up rather than read back far
            if line == 0:
                return None
            prev = text.rfind("\n", 0, line - 1) + 1
            body = text[prev : line - 1]
            if not body.strip():
                blanks += 1
                if blanks > 1:
                    return None  # two blank lines in a row end the list
            elif _BULLET.match(body) is None:
                break
            else:
                blanks = 0
            line = prev
        else:
            return None
        lead = work[prev : line - 1].rstrip()
        if not lead.endswith(":"):
            return None
        spans = ctx.split_sentences(lead)
        last = lead[spans[-1][0] :] if spans else lead
        srcs = [s for s in ctx.sources_in(last) if s.named]
        best = max(srcs, key=lambda s: (s.rank, s.end), default=None)
        return best.text if best is not None else None

    def _quote_speaker(self, i: int, ss: int, se: int) -> str | None:
        """The speaker named where sentence ``i``'s quotation starts or ends.

        '"A 19% reduction is solid. Statins deliver 20 to 25%," said Dr Marcus Eboh': Eboh speaks
        both sentences; so in '"...," she said. "But one in five ..."' does the speaker of the first.
        """
        if self._in_quote_lookup:
            return None  # one level: a quotation's speaker is read from a sentence of its own
        work, sents = self.work, self.sentences
        lo = work.rfind("\n\n", 0, ss) + 1
        hi = work.find("\n\n", se)
        candidates: list[int] = []
        for qs, qe in ctx.quote_spans(work, lo, len(work) if hi < 0 else hi):
            if qs < se and ss < qe:
                candidates += [sents.index_of(qe - 1), sents.index_of(qs)]
        if work[ss] in ctx.QUOTE_OPENERS and sents.same_paragraph(i):
            candidates.append(i - 1)
        self._in_quote_lookup = True
        try:
            for j in dict.fromkeys(candidates):
                if j < 0 or j == i:
                    continue
                js, je = sents.spans[j]
                source, _vague, inferred = self._attribution(j, je - js)
                if source and not inferred:
                    return source
        finally:
            self._in_quote_lookup = False
        return None

    def _sources_fn(self, i: int, sentence: str) -> Callable[[], list[ctx.Source]]:
        def get() -> list[ctx.Source]:
            att = self._attr.get(i)
            return att.sources if att is not None else ctx.sources_in(sentence)

        return get


# A sentence whose subject is "he" or "she" saying something: "She said", "He also noted that".
_PRONOUN_START = re.compile(rf"\W{{0,3}}(?:She|He)\s+(?:also\s+|later\s+)?(?:{ctx.PRONOUN_VERBS})\b")
# "..., he said." closing a sentence.
_PRONOUN_TAIL = re.compile(
    r",\s+(?:she|he)\s+(?:said|says|added|adds|noted|notes|explained|estimated|estimates|told\s+us)\W{0,3}$"
)
# A list item: "- ", "* ", "• ", "1. ", "2) " at the start of a line.
_BULLET = re.compile(r"[ \t]*+(?:[-*•+–]|[0-9]{1,2}[.)])[ \t]")

_EARLIER = frozenset(
    "previous prior last old original earlier former current pre-pandemic pre-crisis".split()
)


def _earlier_level(after: list[str]) -> bool:
    """Whether a multiplier compares with an earlier level: "double what it was", "three times the
    level at its launch", "ten times the current maximum", "double that of the last model", "more
    than double the 790 counted in 2014", "nearly three times as many as a year earlier"."""
    low = [w.lower().rstrip(".,;:") for w in after[:12]]
    if not low:
        return False
    if low[0] == "what" and any(w in ("it", "they", "was", "were") for w in low[1:3]):
        return True
    if low[0] in ("the", "its", "their") and len(low) > 1:
        return (
            low[1] in _EARLIER
            or low[1] in ("level", "levels")
            or (low[1][:2] in ("19", "20") and low[2:3] == ["level"])
            or _past_cue(low[1:7])
        )
    if low[0] == "as" and low[1:2] and low[1] in _AS_MUCH and "as" in low[2:6]:
        # "three times as many as a year earlier", "twice as much per house as they did before the
        # pandemic"; not "as many as men"
        k = low.index("as", 2)
        return _past_cue(low[k + 1 : k + 8])
    return low[0] in ("that", "those") and low[1:2] == ["of"] and len(low) > 3 and low[3] in _EARLIER


_AS_MUCH = frozenset("many much high large big".split())
_PAST_WORDS = frozenset("earlier ago before previously last prior previous".split())


def _past_cue(low: list[str]) -> bool:
    """Whether lower-cased words, up to the clause's end, point back in time: "a year earlier",
    "last year", "in 2014", "its 2022 estimate" (but not "by 2030")."""
    for k, w in enumerate(low):
        if w in _PAST_WORDS:
            return True
        if len(w) == 4 and w[:2] in ("19", "20") and w.isdigit() and (k == 0 or low[k - 1] != "by"):
            return True
        if w in ("and", "but", "while", "which", "who", "than", "as") or not w:
            return False
    return False


_TAIL_WORDS = frozenset(
    "by to from at of up about nearly almost around approximately roughly over some than more less fewer "
    "just under below above least most was were is are be been has have had reached hit totaled totalled "
    "stood an estimated a the".split()
)


def _strip_tail(before: list[str]) -> list[str]:
    """Drop "by up to", "rose to", "was about" before the number to reach the subject phrase."""
    k = len(before)
    while k > 0 and (
        before[k - 1].lower() in _TAIL_WORDS
        or before[k - 1].lower() in ctx.INCREASE
        or before[k - 1].lower() in ctx.DECREASE
        or before[k - 1].lower() in ctx.MODAL_HEDGES
    ):
        k -= 1
    return before[:k]


def _is_verb(word: str) -> bool:
    """doubled, tripling, halves: a multiplier written as a change."""
    return word.lower().endswith(("ed", "ing", "les", "ves"))
