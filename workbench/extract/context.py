"""The words around a number: sentence, direction, hedge, metric and attribution.

All functions here read short, bounded windows of text, so the cost per claim
does not grow with the document. Attribution is computed once per sentence.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import regex

from workbench.extract.patterns import SENTENCE_BREAK, re_safe, twin

__all__ = [
    "SentenceAttribution",
    "Sentences",
    "Speakers",
    "WindowHints",
    "attribution_in",
    "direction_of",
    "hedge_of",
    "is_vague_source",
    "metric_after",
    "metric_before",
    "split_sentences",
]

# --------------------------------------------------------------------------- sentences

_ABBREVIATIONS = frozenset(
    "mr mrs ms dr prof sr jr st inc ltd co corp plc llc vs etc e.g i.e u.s u.k u.n e.u approx est ca "
    "no nos fig figs vol pp p ed eds al jan feb mar apr jun jul aug sep sept oct nov dec dept univ gov "
    "gen col lt sgt rep sen mt ft bros assn avg".split()
)  # fmt: skip


def _sentence_break_re() -> re.Pattern[str]:
    """``SENTENCE_BREAK`` for ``re``, which has no variable-width look-behind.

    The end punctuation is matched, and the break is the group after it. Every alternative starts
    with one literal character (each punctuation mark has its own copy), so ``re`` skips to the
    next candidate in C instead of trying the pattern at every position (a fifth of the time).
    Breaks at a line feed start there, not at the white space before it: the span before a break
    is trimmed anyway. Groups: odd up to 7, line breaks after punctuation; even up to 8, spaces
    after punctuation (an inline break); 9, a blank line; 10, a line break.
    """
    quotes = r"""[\"'”’)\]]{0,3}"""
    lines = r"([ \t]*+\r?\n(?:[ \t]*+\r?\n)*+[ \t]*+)"
    space = r"""([ \t]++)(?=[\"'“‘(\[]?+[A-Z0-9$€£])"""
    alts = [f"{re.escape(c)}{quotes}(?:{lines}|{space})" for c in ".!?…"]
    alts.append(r"\n(?:((?:[ \t]*+\r?\n)++[ \t]*+)|([ \t]*+)(?=[^a-z\s]))")
    return re.compile("|".join(alts))


_SENTENCE_BREAK_RE = _sentence_break_re()
_INLINE_GROUPS = frozenset((2, 4, 6, 8))


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans ``(start, end)``, trimmed of surrounding white space.

    >>> t = "Sales rose 5%. Dr. Smith said so.\\nNext line"
    >>> [t[s:e] for s, e in split_sentences(t)]
    ['Sales rose 5%.', 'Dr. Smith said so.', 'Next line']
    """
    spans: list[tuple[int, int]] = []
    pos = 0
    safe = re_safe(text)
    for m in _SENTENCE_BREAK_RE.finditer(text) if safe else SENTENCE_BREAK.finditer(text):
        if safe:
            group = m.lastindex or 0
            at, inline = (m.start(group) if group <= 8 else m.start()), group in _INLINE_GROUPS
            single = group == 10
        else:
            at, inline = m.start(), "\n" not in m.group()
            single = (
                m.group().count("\n") == 1
                and _ENDS_A_SENTENCE.search(text, max(0, m.start() - 4), m.start()) is None
            )
        if single and _wrapped(text, text.find("\n", m.start()), m.end()):
            continue  # a hard-wrapped line that goes on: "... with about\n400,000 jobs unfilled."
        if inline:
            seg = text[max(0, at - 25) : at].rstrip("\"'”’)] \t")
            if seg.endswith("."):
                parts = seg[:-1].rsplit(None, 1)
                word = parts[-1].lstrip("(\"'“‘[").lower() if parts else ""
                if word in _ABBREVIATIONS or (len(word) == 1 and word.isalpha()):
                    continue
        _add_span(text, pos, at, spans)
        pos = m.end()
    _add_span(text, pos, len(text), spans)
    return spans


# SENTENCE_BREAK's look-behind: end punctuation, perhaps closed by quotes or brackets.
_ENDS_A_SENTENCE = re.compile(r"[.!?…][\"'”’)\]]{0,3}$")
_WRAP_WIDTH = 55  # a line this long that ends without punctuation was wrapped, not ended


def _wrapped(text: str, nl: int, nxt: int) -> bool:
    """Whether the line feed at ``nl`` only wraps a long line: the line before is long and ends
    without a colon, and the next line (from ``nxt``) does not start a list item, heading, table
    row or quotation."""
    line = text.rfind("\n", 0, nl) + 1
    body = text[line:nl].rstrip()
    if len(body) < _WRAP_WIDTH or body.endswith(":") or body.startswith("#"):
        return False  # a short line (a heading or a label), a lead-in, or a Markdown heading
    return _NEW_BLOCK.match(text, nxt) is None


def _add_span(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


# What starts a block of its own on a line: "- ", "* ", "• ", "→ ", "3. ", "2) ", "| ", "#", "> ".
_NEW_BLOCK = re.compile(r"(?:[-*•+–→►▪|#>]|[0-9]{1,2}[.)][ \t])")


class Sentences:
    """Sentence spans of one text, looked up by offset with bisect."""

    __slots__ = ("_ends", "_starts", "spans", "text")

    def __init__(self, text: str, spans: Sequence[tuple[int, int]] | None = None) -> None:
        self.text = text
        self.spans = list(spans) if spans is not None else split_sentences(text)
        self._starts = [s for s, _ in self.spans]
        self._ends = [e for _, e in self.spans]

    def index_of(self, pos: int) -> int:
        """Index of the sentence holding ``pos`` (or the one before it); -1 if none."""
        return bisect_right(self._starts, pos) - 1

    def bounds(self, start: int, end: int) -> tuple[int, int]:
        """The span of the sentence(s) that hold ``[start, end)``."""
        i = self.index_of(start)
        if i < 0:
            return (0, min(len(self.text), end))
        j = max(i, self.index_of(max(start, end - 1)))
        return (min(self.spans[i][0], start), max(self.spans[j][1], end))

    def same_paragraph(self, i: int) -> bool:
        """Whether sentence ``i`` continues the paragraph of sentence ``i - 1``: no blank line between
        (a hard-wrapped line or a caption line above stays in the paragraph)."""
        if i <= 0 or i >= len(self.spans):
            return False
        breaks = self.text.count("\n", self._ends[i - 1], self._starts[i])
        if breaks == 0:
            return True
        # A new line that starts a list item, a table row, a heading or a quotation starts afresh.
        return breaks == 1 and _NEW_BLOCK.match(self.text, self._starts[i]) is None


# --------------------------------------------------------------------------- words

_WORD = regex.compile(r"[\w$€£%][\w'’&.%$-]{0,40}+|[,;:()\[\]—–]", regex.V0)
_WORD_RE = twin(_WORD)


def _safe_window(work: str, lo: int, hi: int) -> bool:
    window = work[lo:hi]
    return window.isascii() or re_safe(window)


INCREASE = frozenset(
    "rose rise rises rising risen grew grow grows growing grown growth increase increased increases "
    "increasing boost boosts boosted boosting improve improved improves improving improvement improvements "
    "gain gains gained gaining jump jumped jumps jumping surge surged surges surging soar soared soars "
    "soaring climb climbed climbs climbing higher raise raised raises raising expand expanded expands "
    "expanding expansion accelerate accelerated accelerating spike spiked spikes hike hiked hikes uptick "
    "upturn rebound rebounded rebounds enhance enhanced enhances enhancing up added adds adding lift lifted "
    "lifts lifting increment advanced advance advances doubled tripled quadrupled doubling tripling "
    "skyrocketed skyrocketing swelled swell ballooned widened widening leapt leaped rocketed pushed "
    "strengthened strengthen strengthens strengthening firmed "
    "accelerating lengthened lengthen lengthens lengthening widen widens".split()
)  # fmt: skip
DECREASE = frozenset(
    "fell fall falls falling fallen drop dropped drops dropping decline declined declines declining "
    "decrease decreased decreases decreasing reduce reduced reduces reducing reduction reductions cut cuts "
    "cutting lower lowered lowers lowering slash slashed slashes slashing shrink shrank shrunk shrinks "
    "shrinking plunge plunged plunges plunging plummet plummeted plummeting tumble tumbled tumbles slump "
    "slumped slumps dip dipped dips sank sink sinks down loss losses lost lose shed shedding contraction "
    "contracted eased easing slid slide slides slowed slowing downturn trimmed trim decreasing eliminated "
    "curb curbed curbing halved halving narrowed narrowing dwindled diminished lessened slip slipped slips "
    "slipping tumbling sinking retreated retreat retreats softened cooled receded deflated eases ease "
    "weakened weaken weakens weakening subtracted subtract subtracts subtracting dipping shortened shorten "
    "shortens shortening".split()
)  # fmt: skip
_AFTER_INCREASE = frozenset(
    "increase increases rise rises jump jumps gain gains growth improvement improvements boost surge uptick "
    "hike hikes spike higher more greater faster larger bigger up increment climb leap longer heavier "
    "stronger wider taller above".split()
)
_AFTER_DECREASE = frozenset(
    "decrease decreases decline declines drop drops fall falls reduction reductions cut cuts dip loss "
    "losses lower fewer less cheaper smaller slower down slump plunge contraction shortfall shorter lighter "
    "weaker narrower thinner below off".split()
)
_CLAUSE_STOP = frozenset(
    ", ; : ( ) — – while whereas but although though which who whom unlike despite".split(" ")
)

# Qualifiers written right before the number, longest first.
_HEDGES_BEFORE: tuple[tuple[str, ...], ...] = tuple(
    tuple(h.split())
    for h in sorted(
        [
            "up to", "about", "nearly", "almost", "around", "approximately", "approx.", "roughly", "more than",
            "over", "fewer than", "less than", "at least", "at most", "some", "just over", "just under",
            "close to", "as many as", "as much as", "as high as", "as low as", "as few as", "as little as",
            "upwards of", "upward of", "in excess of", "an estimated", "estimated", "under", "below", "above",
            "circa", "well over", "well above", "well below", "north of", "more or less", "an average of",
            "on average", "averaging", "average of", "around about", "at around", "somewhere around",
            "almost exactly", "just shy of", "short of", "not quite", "the better part of", "a little over",
            "a little under", "slightly more than", "slightly less than", "an expected", "a projected",
            "a forecast", "potentially", "possibly", "perhaps", "maybe", "likely", "barely", "closer to",
            "only just", "something like", "typically",
        ],
        key=lambda h: -len(h.split()),
    )
)  # fmt: skip
# Hedges that may stand before "a": "about a 20% chance".
_HEDGES_BEFORE_ARTICLE = frozenset(
    "about around roughly nearly almost approximately some maybe perhaps possibly".split()
)
_HEDGES_BY_LAST: dict[str, list[tuple[str, ...]]] = {}
for _h in _HEDGES_BEFORE:
    _HEDGES_BY_LAST.setdefault(_h[-1], []).append(_h)
_HEDGES_AFTER = (
    "or so", "or more", "or less", "or fewer", "and counting", "plus", "or higher", "or above", "or greater",
    "or lower", "or below", "or longer", "or over", "or under",
)  # fmt: skip
_ESTIMATE_VERBS = frozenset(
    "estimated estimates estimate projected projects forecast forecasts predicted predicts expects expected "
    "reckons reckoned".split()
)
MODAL_HEDGES = frozenset(
    "projected projects project projecting expected expects expect expecting forecast forecasts forecasted "
    "forecasting predicted predicts predict predicting estimated estimates estimate estimating could may "
    "might likely potentially possibly anticipated anticipates anticipate would should "
    "suggests suggest suggested think thinks reckon reckons".split()
)  # fmt: skip
PROJECTION_WORDS = MODAL_HEDGES | frozenset("will by_2030 set poised target targets aim aims goal".split())


def words_before(work: str, start: int, limit: int = 140) -> list[str]:
    """The tokens (words and clause punctuation) in the window before ``start``."""
    lo = max(0, start - limit)
    toks = (_WORD_RE if _safe_window(work, lo, start) else _WORD).findall(work, lo, start)
    if lo > 0 and toks and work[lo - 1].isalnum():
        toks = toks[1:]  # the first token may be a cut word
    return toks


def words_after(work: str, end: int, limit: int = 80) -> list[str]:
    hi = min(len(work), end + limit)
    toks = (_WORD_RE if _safe_window(work, end, hi) else _WORD).findall(work, end, hi)
    if end + limit < len(work) and toks and work[end + limit].isalnum():
        toks = toks[:-1]
    return toks


def direction_of(before: list[str], after: list[str], *, share: bool) -> str | None:
    """``increase``/``decrease`` from a noun after the number or a verb before it.

    ``share`` is true for "N% of X" (a share of a population): its direction then
    comes only from words right before the number, never from an earlier clause.

    >>> direction_of(["reduced", "design", "time", "by"], [], share=False)
    'decrease'
    >>> direction_of([], ["increase", "in", "accuracy"], share=False)
    'increase'
    >>> direction_of(["revealed", "that"], ["of", "organizations"], share=True) is None
    True
    """
    for j, w in enumerate(after[:2]):
        lw = w.lower().rstrip(".,;:")
        if lw == "or":
            break  # "fall by 10% or more": a hedge, not a rise
        if lw == "short" and after[j + 1 : j + 2] == ["of"]:
            return "decrease"  # "about 0.9C short of the record"
        if lw in _AFTER_INCREASE:
            return "increase"
        if lw in _AFTER_DECREASE:
            return "decrease"
        if lw in _CLAUSE_STOP or lw in ("of", "in", "to", "than", "as", "percent", "and"):
            break
    n = len(before)
    if not share:
        revised = _revision(before)
        if revised is not None:
            return revised  # "revised down its forecast for growth by 0.2 points"
    stop = max(-1, n - 1 - (4 if share else 10))
    k = n
    while k - 1 > stop:
        k -= 1
        lw = before[k].lower()
        if (
            lw == ","
            and k > 0
            and all(w.lower() in _TO_WORDS or w.lower() in _AMOUNT_WORDS for w in before[k + 1 :])
        ):
            continue  # "It has since eased only slightly, to about 26%"
        if lw == "," and k + 2 < n and before[k + 2].lower() in ("and", "or"):
            stop = max(-1, stop - 4)
            continue  # a list: "reduced the risk of heart attack, stroke and death by 19%"
        if lw == ")" and k >= 2 and before[k - 2] == "(" and before[k - 1].isupper():
            k -= 2  # an acronym in brackets: "growth rate (CAGR) of 23.6%"
            continue
        if lw in _CLAUSE_STOP or lw.endswith("."):
            break
        if share and (lw[:1].isdigit() or lw[:1] in "$€£"):
            break
        if lw == "and" and k > 0 and (before[k - 1][:1].isdigit() or before[k - 1].endswith("%")):
            stop = max(-1, stop - 8)  # "improved X by 5% and Y by 21%": the verb of the first figure
            continue
        if lw == "up" and k > 0 and before[k - 1].lower() in _UP_VERBS:
            return "increase"  # "ticked up to 4.6%", "edged up 0.1 points"
        if lw == "up" and (
            (k + 1 < n and before[k + 1].lower() == "to") or (k > 0 and before[k - 1].lower() in _UP_PARTICLE)
        ):
            continue  # "up to" is a hedge; "eats up", "makes up" are not rises
        if lw in INCREASE:
            return "increase"
        if lw in DECREASE:
            return "decrease"
    return _appended_change(after)


_REVISIONS = {
    ("revised", "down"): "decrease", ("revised", "up"): "increase", ("marked", "down"): "decrease",
    ("marked", "up"): "increase", ("downgraded",): "decrease", ("upgraded",): "increase",
}  # fmt: skip


# The last word of each revision, as it may be written: a cheap test before reading any.
_REVISION_CUES = frozenset(
    form for words in _REVISIONS for form in (words[-1], words[-1].capitalize(), words[-1].upper())
)


def _revision(before: list[str]) -> str | None:
    """The direction of "revised down/up", "downgraded" earlier in the clause, which outranks the metric's
    own words ("revised down its forecast for productivity growth by 0.2 points")."""
    window = before[-12:]
    if _REVISION_CUES.isdisjoint(window):
        return None  # the common case: none of the words is there
    for k in range(len(before) - 1, max(-1, len(before) - 12), -1):
        lw = before[k].lower()
        if lw in _CLAUSE_STOP or lw.endswith("."):
            return None
        two = (before[k - 1].lower(), lw) if k > 0 else ("", lw)
        if two in _REVISIONS:
            return _REVISIONS[two]
        if (lw,) in _REVISIONS:
            return _REVISIONS[(lw,)]
    return None


# Words between "to" (or a comma) and the figure: "to about 26%", ", by nearly 3%".
_TO_WORDS = frozenset(
    "to by about around nearly almost roughly approximately some just under over below above only".split()
)
# Words that may stand between "by" and the figure after a comma: "cut three times, by a combined 75 points".
_AMOUNT_WORDS = frozenset("a an combined total further another additional cumulative net".split())
# Verbs that "up" makes a rise: "ticked up to 4.6%", "edged up", "crept up".
_UP_VERBS = frozenset(
    "ticked tick ticks ticking edged edge edges edging crept creep creeps creeping inched inch inches "
    "inching moved move moves went go goes gone shot shoots jumped jump jumps ramped ramp ramps "
    "climbed climb climbs revised".split()
)
# Verbs that "up" completes without meaning a rise: "eats up 20%", "makes up a third".
_UP_PARTICLE = frozenset(
    "eat eats ate eating take takes took taking make makes made making add adds added adding end ends ended "
    "set sets sum sums summed use uses used using pick picks picked show shows showed tie ties tied free "
    "frees freed open opens opened sign signs signed back backs backed line lines lined".split()
)  # fmt: skip
# Words after which a bare verb form is a verb: "could double", "to roughly triple".
MODALS = frozenset("to will would could can may might should must".split())


def starts_a_change(before: list[str]) -> bool:
    """Whether the figure is the starting point of a change: "fell from 95.2%", "up from 33%"."""
    k = len(before) - 1
    while k >= 0 and before[k].lower() in _TO_WORDS and before[k].lower() not in ("to", "by"):
        k -= 1
    return k >= 0 and before[k].lower() == "from"


def change_end(before: list[str]) -> str | None:
    """The direction of "fell from 95.2% in 2019 to 89.7%" for the figure after "to"."""
    k = len(before) - 1
    while k >= 0 and before[k].lower() in _TO_WORDS and before[k].lower() != "to":
        k -= 1
    if k < 2 or before[k].lower() != "to":
        return None
    for i in range(k - 2, max(-1, k - 12), -1):
        w = before[i].lower()
        if w in (";", ":", "(", ")") or w.endswith("."):
            return None
        if w != "from":
            continue
        for j in range(i - 1, max(-1, i - 7), -1):
            lw = before[j].lower()
            if lw == "," and j == i - 1:
                continue  # "sales roughly halved, from 356,000 units to 193,000"
            if lw in INCREASE:
                return "increase"
            if lw in DECREASE:
                return "decrease"
            if lw in _CLAUSE_STOP or lw.endswith("."):
                return None
        return None
    return None


_SLOT_FILLERS = frozenset("roughly nearly almost more than about at least".split())


def verb_slot(before: list[str]) -> bool:
    """Whether the word before sits where a verb goes: "will double", "to roughly triple"."""
    k = len(before) - 1
    while k >= 0 and before[k].lower() in _SLOT_FILLERS:
        k -= 1
    return k >= 0 and before[k].lower() in MODALS


_YEAR = re.compile(r"(?:19|20)[0-9]{2}(?:s|[-–/][0-9]{2})?$")


def _appended_change(after: list[str]) -> str | None:
    """The change a clause after the figure reports: "312 cases, up from 270", "4.7m (down 3% on 2023)".

    A source between them is passed over ("78% ..., according to Corriden, down from 86%"), and so is
    a day of the month ("... on 28 November, down from 45%").
    """
    n = min(len(after), 24)
    k = 0
    while k < n:
        w = after[k]
        if w in (",", "(", "—", "–") and k + 2 < len(after):
            turn, then = after[k + 1].lower(), after[k + 2].lower()
            if turn in ("up", "down") and (then == "from" or then[:1].isdigit() or then[:1] in "$€£"):
                return "increase" if turn == "up" else "decrease"
            if turn == "according" and then == "to":
                k += 3
                continue
            nxt = next((j for j in range(k + 1, min(len(after), k + 10)) if after[j] == ","), -1)
            if nxt > k + 1 and after[nxt - 1].lower() in _SAY_VERB_SET:
                k = nxt  # "..., a 2025 Corbett & Hale survey found, up from 43%"
                continue
            return None
        if w in _CLAUSE_STOP or w.endswith(".") or w[:1] in "$€£" or (w[:1].isdigit() and not _YEAR.match(w)):
            if not (w.isdigit() and int(w) <= 31 and _next_to_month(after, k)):
                return (
                    None  # another clause, or another figure (not a year): the change is not about this one
                )
        k += 1
    return None


def _next_to_month(words: list[str], k: int) -> bool:
    """Whether ``words[k]`` stands next to a month name: "28 November", "May 3"."""
    return any(0 <= j < len(words) and words[j].lower().rstrip(".,") in _CALENDAR for j in (k - 1, k + 1))


_PASSIVE_BE = frozenset("is are was were".split())
_PASSIVE_HEDGES = frozenset("expected projected forecast predicted estimated likely set".split())


def _estimate_after(after: list[str]) -> tuple[str | None, bool]:
    """An estimate named after the figure, and whether it is bound to the figure itself.

    Bound: "$2.6 billion, Forbes estimated", a passive in the figure's own clause ("44% of skills are
    expected to change"), "the 150,000 that economists had expected". Not bound, so a modal before
    the figure comes first: a reporting tail that ends the sentence ("grow 38% faster, Tallis
    Partners estimates.").
    """
    comma = None
    for j, w in enumerate(after[:14]):
        if w == ",":
            comma = j
            break
        lw = w.lower()
        if lw in _PASSIVE_BE and j + 2 < len(after) and after[j + 2].lower() == "to":
            if after[j + 1].lower() in _PASSIVE_HEDGES:
                return after[j + 1], True  # "are expected to change"
        if j == 0 and lw == "that":  # "the 150,000 that economists polled by X had expected"
            for v in after[1:9]:
                lv = v.lower().rstrip(".")
                if lv in _ESTIMATE_VERBS:
                    return v.rstrip("."), True
                if lv in _CLAUSE_STOP or v.endswith("."):
                    break
        if (
            lw in _CLAUSE_STOP
            or lw.endswith(".")
            or lw[:1] in "$€£"
            or (lw[:1].isdigit() and not _YEAR.match(lw))
        ):
            return _estimate_tail(after), False
    if comma is None:
        return None, False
    for j in range(comma + 1, min(len(after), comma + 6)):
        w = after[j]
        ends = w.endswith(".")
        lw = w.lower().rstrip(".")
        if lw in _ESTIMATE_VERBS:
            if comma == 0:
                return w.rstrip("."), True
            if ends or j + 1 == len(after) or after[j + 1] in (".", "!", "?", ",", ";"):
                return w.rstrip("."), False  # a reporting clause: ", X estimates." or ", X estimates, but"
            return None, False
        if lw in ("and", "but", "or", "so"):
            return None, False
        if lw in _CLAUSE_STOP or ends or lw[:1].isdigit() or lw[:1] in "$€£":
            return _estimate_tail(after), False
    return None, False


def _estimate_tail(after: list[str]) -> str | None:
    """The estimate that closes the sentence, past other figures: "$0.48 per kWh in January, against
    about $0.17 for home charging, the Motorists' Alliance estimates." (the window must reach the end)."""
    if not after or not (after[-1].endswith(".") or after[-1] in (".", "!", "?")):
        return None
    words = after[:-1] if after[-1] in (".", "!", "?") else after
    verb = words[-1].rstrip(".") if words else ""
    if verb.lower() not in _ESTIMATE_VERBS:
        return None
    for k in range(len(words) - 2, max(-1, len(words) - 8), -1):
        w = words[k]
        if w == ",":
            return verb if k < len(words) - 2 else None  # ", <who> estimates."
        if w in _CLAUSE_STOP or w.endswith(".") or w[:1].isdigit():
            return None
    return None


def hedge_of(before: list[str], after: list[str]) -> str | None:
    """The qualifier as written before (or just after) the number.

    >>> hedge_of(["could", "boost", "it", "by", "up", "to"], [])
    'up to'
    >>> hedge_of(["AI", "is", "projected", "to", "create"], [])
    'projected'
    >>> hedge_of(["of", "organizations"], []) is None
    True
    """
    low = [w.lower() for w in before[-12:]]
    if low:
        for h in _HEDGES_BY_LAST.get(low[-1], ()):
            k = len(h)
            if len(low) >= k and tuple(low[-k:]) == h:
                if h == ("up", "to") and len(low) > 2 and low[-3] in _UP_VERBS:
                    break  # "ticked up to 4.6%": a rise to the figure, not a ceiling
                return " ".join(before[-k:])
        if len(low) >= 2 and low[-1] in ("a", "an") and low[-2] in _HEDGES_BEFORE_ARTICLE:
            return before[-2]  # "about a 20% chance", "roughly a 5% rise"
    after_low = " ".join(w.lower() for w in after[:2])
    for h in _HEDGES_AFTER:
        if after_low == h or after_low.startswith(h + " "):
            return h
    tail, bound = _estimate_after(after)
    if bound:
        return tail
    for k in range(len(low) - 1, -1, -1):
        w = low[k]
        if w in _CLAUSE_STOP:
            break
        if w.endswith("."):
            break
        if w in MODAL_HEDGES:
            at = len(before) - len(low) + k
            if before[at] == "May" and at > 0:
                continue  # "on 3 May": the month; the modal is capitalised only to start a sentence
            return before[at]
        if w == "that" and k == 0 and len(before) > len(low):
            # "has forecast that total retail sales in the final quarter will grow by 1.5%": the verb
            # that governs the clause may stand further back.
            for j in range(len(before) - len(low) - 1, max(-1, len(before) - len(low) - 4), -1):
                lw = before[j].lower()
                if lw in MODAL_HEDGES:
                    return before[j]
                if lw in _CLAUSE_STOP or lw.endswith("."):
                    break
    return tail  # an estimate named at the end of the sentence, if any


def is_projection(before: list[str]) -> bool:
    for w in reversed(before[-10:]):
        lw = w.lower()
        if lw in _CLAUSE_STOP or lw.endswith("."):
            return False
        if lw in PROJECTION_WORDS:
            return True
    return False


# --------------------------------------------------------------------------- metric

_DETERMINERS = frozenset(
    "the a an all those these this that its their our his her your my some any each every both such".split()
)
_NP_STOP = frozenset(
    "the a an and or but of to in on at by for from with as than that which who whom is are was were be "
    "been being has have had will would could can may might should do does did not no it they we you he "
    "she i this these those its their our his her your my there here when where while if so per into "
    "onto over under about between among after before since during through across against within without "
    "compared versus vs via because due according said says reported found shows showed show revealed "
    "estimates estimated projected expected up down just only also still yet already more less fewer "
    "percent nearly almost around approximately roughly some other".split()
)  # fmt: skip


def _is_np_word(w: str) -> bool:
    lw = w.lower()
    if not w[:1].isalpha() or lw in _NP_STOP or lw in INCREASE or lw in DECREASE:
        return False
    if lw.endswith("ly") and len(lw) > 4:
        return False
    return not (lw.endswith("ed") and len(lw) > 4)


def metric_after(after: list[str], start_word: int = 0, max_words: int = 4) -> str | None:
    """A short noun phrase read forwards: ``["of", "the", "organizations", ...]``."""
    out: list[str] = []
    i = start_word
    while i < len(after) and after[i].lower() in _DETERMINERS and not out:
        i += 1
    first = True
    while i < len(after) and len(out) < max_words:
        w = after[i]
        is_ing = w.lower().endswith("ing") and w[:1].isalpha()
        if (is_ing and not first) or not (_is_np_word(w) or (first and is_ing)):
            break
        out.append(w.rstrip(".,"))
        first = False
        i += 1
    return " ".join(out) or None


def metric_before(before: list[str], max_words: int = 4) -> str | None:
    """A short noun phrase read backwards from the end of ``before``."""
    out: list[str] = []
    for w in reversed(before):
        if len(out) >= max_words or not _is_np_word(w):
            break
        out.append(w)
    return " ".join(reversed(out)) or None


# --------------------------------------------------------------------------- attribution

_GENERIC_CAPS = frozenset(
    "ai ml it hr ceo ceos cfo cto cio gdp covid esg api apis saas llm llms kpi kpis roi b2b b2c ev evs ui "
    "ux r&d gen z i ar vr iot q1 q2 q3 q4 h1 h2 fy yoy ok tv pc pcs ceo's us u.s uk u.k eu cmo cmos cfos "
    "ctos cios usd eur gbp jpy chf cny aud cad inr apy apr cagr scope vp svp evp coo cmo's md kw mw gw kwh "
    "mwh gwh twh qr model "
    "i'd i'm i've i'll we we'd we're we've we'll you you'd you're you've they they're he she it it's".split()
)  # fmt: skip
# Months and weekdays: capitalised, but "on 3 May" names nobody. They may continue a name
# ("Theresa May"), never start one.
_CALENDAR = frozenset(
    "january february march april may june july august september october november december jan feb mar "
    "apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday".split()
)
# Capitalised words that start sentences without naming anyone.
_COMMON_STARTERS = frozenset(
    "the a an in at on for from by with as this that these those it its their our his her some many most "
    "several few all early recent new latest one two three another other independent internal official "
    "experts analysts researchers scientists studies study reports report surveys survey data research "
    "economists officials observers critics according however meanwhile moreover furthermore overall "
    "today yesterday last next first while although though since after before during when where if "
    "designers teachers doctors radiologists workers employees companies firms organizations businesses "
    "customers users people industry government we they he she you i there here such both each every "
    "more less fewer nearly almost about around over up approximately roughly only just still yet also "
    "and but or so because despite unlike among between within without across globally nationally "
    "worldwide locally similarly likewise additionally consequently therefore thus hence indeed notably "
    "specifically importantly interestingly ultimately finally currently previously historically "
    "traditionally generally typically usually often sometimes analysis evidence figures statistics "
    "estimates projections forecasts polls poll sources insiders commentators scholars academics "
    "specialists authors paper article papers articles academic global national international "
    "american european asian african chinese british federal state local public private major leading "
    "top big large small prominent well-known renowned respected notable anonymous unnamed various "
    "numerous countless multiple what why how who which whose separate provisional preliminary further "
    "additional earlier later previous prior upcoming forthcoming".split()
)  # fmt: skip
VAGUE_HEADS = frozenset(
    "experts expert analysts analyst researchers researcher scientists scientist studies study reports "
    "report surveys survey officials official sources source observers critics economists economist data "
    "research evidence polls poll insiders people commentators scholars academics specialists authors "
    "paper article estimates figures statistics network hospital company firm organization group team "
    "institute university agency some many others industry doctors physicians vendor vendors provider "
    "providers insurer insurers broker brokers regulator regulators department ministry council district "
    "executive executives spokesperson spokesman spokeswoman trial trials pilot pilots experiment "
    "experiments audit audits review reviews assessment evaluation polling".split()
)  # fmt: skip

_TOKEN = regex.compile(r"[\w][\w&'’.-]{0,40}+", regex.V0)
_DEMONYMS = frozenset(
    "american european asian african chinese british english scottish welsh irish french german italian "
    "spanish portuguese dutch belgian swiss austrian swedish norwegian danish finnish polish russian "
    "ukrainian japanese korean indian pakistani australian canadian mexican brazilian argentine "
    "nigerian kenyan egyptian turkish greek israeli saudi iranian"
    " global national international federal regional".split()
)  # fmt: skip
_PARTICLES = frozenset("de da di du der den van von ter del della dos das le la".split())
_PLACE_CODES = frozenset("uk us eu u.s u.k".split())
_CONNECTORS = frozenset("of for and & de du la von van der the on".split())

_ALPHA = regex.compile(r"[A-Za-z]{2,15}+", regex.V0)
# "A 2025 IBM report", "a Gallup poll": the name is among the words before.
_DOC_WORDS = frozenset(
    "study survey report analysis poll polling data index census research findings estimates figures paper".split()
)
# "X said/reported/found ...": the subject is the words before the verb.
_SAY_VERB_SET = frozenset(
    "said says say reported reports report found finds find estimate estimates estimated show shows showed "
    "shown project projects projected predict predicts predicted forecast forecasts forecasted revealed "
    "reveal reveals note notes noted claim claims claimed suggest suggests suggested indicate indicates "
    "indicated concluded concludes calculated calculates warn warns warned stated states announced "
    "announces published highlighted highlights observed documented discovered determined confirmed argues "
    "argued believe believes believed expect expects anticipate anticipates put puts counted counts "
    "recorded records measured tallied cited cites added expected surveyed interviewed polled told".split()
)  # fmt: skip
# Explicit source phrases.
_EXPLICIT = regex.compile(
    r"""
      according\s{0,3}+to\s{0,3}+(?P<a>(?:[^,;:()\n]|\n(?=[A-Za-z])|(?<=[0-9]),(?=[0-9]{3})){1,120}+)  # according to X
    | \b(?:(?:per(?=\s+(?:the\s+(?:[a-z-]+\s+){0,3})?(?-i:[A-Z]))|citing|cites|cited\s+by|sourced\s+from)\s+|sources?:\s*)(?P<b>(?:[^,;:()\n]|\n(?=[A-Za-z])){1,100}+)  # per X, citing X
    | \b(?:study|survey|report|analysis|research|poll|paper|data|estimates?|figures|statistics
         |index|census|review|research|projections?|forecasts?|findings|audit|white\s+paper)
      \s+(?:by|from|at|conducted\s+by|published\s+by|released\s+by)
      \s+(?P<c>(?:[^,;:()\n]|\n(?=[A-Za-z])|(?<=[0-9]),(?=[0-9]{3})){1,100}+)  # a study by X
    | \b(?:conducted|commissioned|carried\s+out|run|surveyed|polled|interviewed|questioned)\s+(?:by|for)\s+(?P<d>[^,;:()\n]{1,100}+)  # a poll conducted for X, insurers surveyed by X
    """,
    regex.VERBOSE | regex.IGNORECASE | regex.V0,
)
_FRAME = regex.compile(
    r"""
      (?:^|[\s(])(?:at|in)\s+(?:\w+\s+){0,2}?(?:like|such\s+as|including)\s+(?P<e>[^,;:()]{1,100}+)  # at firms like X
    | \b(?:like|such\s+as|including)\s+(?P<f>[^,;:()]{1,100}+)          # companies like X
    | ^\W{0,3}(?:at|for|inside|within)\s+(?P<g>[^,;:()]{1,100}+),        # At X, ...
    """,
    regex.VERBOSE | regex.IGNORECASE | regex.V0,
)
_POSSESSIVE = regex.compile(r"(?<=\w)['’]s\b", regex.V0)
_HEAD_CUT = regex.compile(r"\s(?:that|which|who|shows?|found|says?|said|reports?|,)\s", regex.V0)


_NOUNISH_VERBS = frozenset(
    "report reports estimates estimate shows show notes claims forecasts forecast projects projections "
    "finds records counts puts data".split()
)
# What follows a reporting word used as a noun: "bullying reports by 41%", "estimates of 3%".
_NOUN_AFTER = re.compile(r"[ \t]++(?:by|of|from|for|per)[ \t]")
_NOUN_PREMODIFIERS = frozenset(
    "some recent new early latest annual several many other these independent internal official media "
    "news press industry government".split()
)
# Heads of a "the ..." subject that report a figure without being anyone: "the chart shows".
_NOT_SPEAKERS = frozenset(
    "figure chart table graph number rate share price total average result change trend level value "
    "cost bill gap picture map story".split()
)
# A share of a group, as words: "two-thirds of CMOs", "half of them", "the majority of firms".
_SHARE_WORDS = frozenset(
    "half halves third thirds quarter quarters fifth fifths tenth tenths majority minority most".split()
)
_NOT_SOURCES = frozenset(
    "this these those its his hers ours theirs us yes is was has does who which that".split()
)


def _is_proper(tok: str, first: bool) -> bool:
    """Whether a token looks like (part of) a name: IBM, McKinsey, theWorld, Coca-Cola."""
    low = tok.lower().rstrip(".")
    if len(tok) < 2 or tok[0].isdigit():
        return False  # "C", "W", "10K", "A321neos": a unit, a letter or a model, not a name
    if tok.isascii():  # the common case: compare with the lower-cased token, no loop over characters
        if low in _GENERIC_CAPS or tok == low or tok == tok.lower():
            return False
        tail_upper = tok[1:] != tok[1:].lower()
    else:
        if low in _GENERIC_CAPS or not any(c.isupper() for c in tok):
            return False
        tail_upper = any(c.isupper() for c in tok[1:])
    if "-" in tok:
        parts = [p for p in tok.split("-") if p]
        return all(p[:1].isupper() for p in parts) and not all(p.lower() in _GENERIC_CAPS for p in parts)
    if tail_upper:
        return True  # IBM, McKinsey, JPMorgan, theWorld
    return not (first and low in _COMMON_STARTERS)


def named_entity(phrase: str, sentence_start: bool = False) -> str | None:
    """The longest run of capitalised words (joined by of/for/and/&) in ``phrase``.

    >>> named_entity("a 2025 IBM report")
    'IBM'
    >>> named_entity("theWorld Economic Forum")
    'theWorld Economic Forum'
    >>> named_entity("Early studies", sentence_start=True) is None
    True
    >>> named_entity("the Bureau of Labor Statistics")
    'Bureau of Labor Statistics'
    >>> named_entity("ABIDJAN / LONDON - When Kouassi N'Dri said")
    "Kouassi N'Dri"
    >>> named_entity("Marks & Spencer said")
    'Marks & Spencer'
    """
    if phrase.isascii() and phrase == phrase.lower():
        return None  # no capital letter: no token can be proper
    tok = _TOKEN_RE if re_safe(phrase) else _TOKEN
    toks = [(m.start(), m.end(), m.group()) for m in tok.finditer(phrase)]

    def joined(k: int) -> bool:
        """Whether token ``k`` follows token ``k - 1`` with only blanks (or "&") between."""
        a, b = toks[k - 1][1], toks[k][0]
        if b == a + 1 and phrase[a] == " ":
            return True  # the common case: one space
        raw = phrase[a:b]
        if "\t" in raw or raw.count("\n") > 1:
            return False  # table cells and paragraphs are never one name (a wrapped line may be)
        gap = raw.strip()
        return not gap or gap == "&"

    best: tuple[int, int] | None = None
    best_len = 0
    i = 0
    while i < len(toks):
        # A name never runs across a comma, slash or dash ("ABIDJAN / LONDON - When ..."); what
        # follows a dash or colon starts afresh, like a sentence.
        tok_i = toks[i][2]
        if not _is_proper(tok_i, False) or tok_i.lower().rstrip(".") in _CALENDAR:
            i += 1
            continue
        if tok_i.lower() in _DEMONYMS and i + 1 < len(toks) and toks[i + 1][2].islower() and joined(i + 1):
            i += 1
            continue  # "the European air navigation agency Eurocontrol", "a Norwegian trial"
        starts = (sentence_start and i == 0) or (
            i > 0 and not joined(i) and "," not in phrase[toks[i - 1][1] : toks[i][0]]
        )
        if starts and not _is_proper(tok_i, True):
            i += 1
            continue
        j = i
        k = i + 1
        while k < len(toks) and joined(k):
            t = toks[k][2]
            if _is_proper(t, False) or (
                t.isupper() and t.rstrip(".").lower() in _PLACE_CODES
            ):  # "Heartline UK"
                j = k
                k += 1
            elif (
                (t.lower() in _CONNECTORS or (t.isupper() and len(t) > 1))  # "Morrow ESG Ratings"
                and k + 1 < len(toks)
                and joined(k + 1)
                and _is_proper(toks[k + 1][2], False)
            ):
                k += 1
            else:
                break
        n = j - i + 1
        first = i
        if (
            i > 0
            and toks[i - 1][2] in _PARTICLES
            and joined(i)
            and (i < 2 or not joined(i - 1) or not _is_proper(toks[i - 2][2], False))
        ):
            first = i - 1  # "de Vries", "van der Berg" (one particle is enough to keep)
        if n > best_len:
            best, best_len = (toks[first][0], toks[j][1]), n
        i = k
    if best is None:
        return None
    ent = phrase[best[0] : best[1]]
    for suffix in ("'s", "’s", "'", "’", "."):
        if ent.endswith(suffix) and len(ent) > len(suffix) + 1:
            ent = ent[: -len(suffix)]
    return ent


def is_vague_source(attribution: str | None) -> bool:
    """A source that names nobody: "experts", "early studies", "a prominent hospital network"."""
    if not attribution:
        return False
    return named_entity(attribution, sentence_start=True) is None


def _trim_phrase(phrase: str, max_words: int = 6) -> str:
    words = phrase.split()
    while words and words[0].lower() in ("that", "the", "and", "while", "but", "so", "then"):
        if words[0].lower() == "the" and len(words) > 1:
            break
        words = words[1:]
    return " ".join(words[-max_words:]).strip(" .\"'“”")


_PHRASE_STARTS = frozenset("the a an its their our his her one some".split())


def _from_determiner(phrase: str) -> str:
    """A vague source from its determiner on: "months later the hospital's own evaluation" -> "the
    hospital's own evaluation"."""
    words = phrase.split()
    for k in range(len(words) - 2, 0, -1):
        if words[k].lower() in _PHRASE_STARTS:
            return " ".join(words[k:])
    return phrase


class Source:
    __slots__ = ("end", "named", "pos", "rank", "text")

    def __init__(self, text: str, pos: int, end: int, rank: float, named: bool) -> None:
        self.text = text
        self.pos = pos
        self.end = end
        self.rank = rank
        self.named = named


_CLAUSE_CUT = regex.compile(r"[,;:()\u2014]|\s\u2013\s", regex.V0)
_SUBJECT_CUT = regex.compile(
    r"\b(?:that|which|and|but|while|as|so|because|when|if)\s", regex.IGNORECASE | regex.V0
)
_NONSPACE = regex.compile(r"\S+", regex.V0)


class _Engine:
    """The patterns of ``sources_in``, compiled by one engine (``re`` is faster, ``regex`` exact)."""

    __slots__ = (
        "alpha",
        "clause_cut",
        "explicit",
        "frame",
        "head_cut",
        "nonspace",
        "possessive",
        "subject_cut",
    )

    def __init__(self, make: Callable[[regex.Pattern[str]], Any]) -> None:
        self.explicit = make(_EXPLICIT)
        self.frame = make(_FRAME)
        self.possessive = make(_POSSESSIVE)
        self.alpha = make(_ALPHA)
        self.head_cut = make(_HEAD_CUT)
        self.clause_cut = make(_CLAUSE_CUT)
        self.subject_cut = make(_SUBJECT_CUT)
        self.nonspace = make(_NONSPACE)


_CUE_SET = _DOC_WORDS | _SAY_VERB_SET
# A cue word (a document word or a reporting verb) as a substring: without one, no cue token.
_CUE_HINT = re.compile("|".join(sorted(_CUE_SET, key=lambda w: (-len(w), w))))
# A word every match of ``_EXPLICIT`` holds, looked for in the lower-cased sentence.
_EXPLICIT_HINT = re.compile(
    "according|per|cit|source|study|survey|report|analysis|research|poll|paper|data|estimate|figures"
    "|statistics|index|census|review|projection|forecast|findings|audit|white|conducted|commissioned|carried|run"
    "|interviewed|questioned"
)
_RX = _Engine(lambda p: p)
_RE = _Engine(twin)
_TOKEN_RE = twin(_TOKEN)
_BE = frozenset("is are was were be been being".split())
_HEAD_PREPOSITIONS = frozenset("for of from on in at about into across among".split())
_AUX = frozenset("has have had also recently previously now was were is are been will would".split())
_INDEFINITE = frozenset("one a an another some several many".split())
# Kinds of organisation a place name may modify: "One Chicago firm", "a London bank".
_ORG_HEADS = frozenset(
    "firm firms company companies bank banks lender lenders insurer insurers retailer retailers hospital "
    "hospitals school schools council councils charity charities employer employers provider providers "
    "carrier carriers manufacturer manufacturers operator operators startup startups chain chains fund "
    "funds investor investors agency agencies client clients customer customers brand brands".split()
)  # fmt: skip
_ADVERBS_BEFORE_VERB = frozenset("there here now also too already still again just".split())


def _subject(phrase: str, eng: _Engine) -> str:
    """The words after the last clause word ("that", "and", "while" ...) of ``phrase``.

    "and" between capitalised words is part of a name: "the Housing Supply and Affordability
    Council".
    """
    cut = 0
    for m in eng.subject_cut.finditer(phrase):
        if m.group()[:3].lower() == "and" and phrase[m.end() : m.end() + 1].isupper():
            before = phrase[: m.start()].split()
            if before and before[-1][:1].isupper():
                continue
        cut = m.end()
    return phrase[cut:].strip()


def _words_before(sentence: str, pos: int, max_words: int, eng: _Engine = _RX) -> tuple[str, int]:
    """The last ``max_words`` words before ``pos`` in the same clause, and where they start."""
    lo = max(0, pos - 240)
    seg = sentence[lo:pos]
    cuts = [m.end() for m in eng.clause_cut.finditer(seg)]
    if cuts:
        lo += cuts[-1]
        seg = sentence[lo:pos]
    spans = [(m.start(), m.end()) for m in eng.nonspace.finditer(seg)]
    k = max(0, len(spans) - max_words)
    # A name the window cuts ("Chief | Constable Mary Hollis said") is read whole: up to three
    # more capitalised words.
    stop = max(0, k - 3)
    while (
        k > stop
        and seg[spans[k - 1][0]].isupper()
        and (seg[spans[k][0]].isupper() or seg[spans[k][0] : spans[k][1]] in _CONNECTORS)
    ):
        k -= 1
    spans = spans[k:]
    if not spans:
        return "", pos
    return seg[spans[0][0] : spans[-1][1]], lo + spans[0][0]


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def _cue_words(
    sentence: str, low: str | None, eng: _Engine, hits: list[tuple[int, int, str]] | None = None
) -> list[tuple[int, int, str]]:
    """The ``_ALPHA`` tokens of ``sentence`` that are cue words, as (start, end, lower-cased word).

    On ``re_safe`` text (``low`` given) the cue words are found directly: a ``_CUE_HINT`` hit is a
    token exactly when ASCII letters do not continue it on either side (every cue word is shorter
    than the 15 letters ``_ALPHA`` cuts at; a letter run longer than that takes the token loop).
    """
    if low is not None:
        out: list[tuple[int, int, str]] = []
        n = len(low)
        if hits is None:
            hits = [(m.start(), m.end(), m.group()) for m in _CUE_HINT.finditer(low)]
        for p, q, word in hits:
            if (p == 0 or low[p - 1] not in _LETTERS) and (q == n or low[q] not in _LETTERS):
                out.append((p, q, word))
                continue
            r = p
            while r > 0 and low[r - 1] in _LETTERS:
                r -= 1
            t = q
            while t < n and low[t] in _LETTERS:
                t += 1
            if t - r > 15:
                break  # a letter run _ALPHA cuts into pieces: read it token by token
        else:
            return out
    out = []
    for m in eng.alpha.finditer(sentence):
        word = m.group().lower()
        if word in _CUE_SET:
            out.append((m.start(), m.end(), word))
    return out


_LOWER_WORD = re.compile("[a-z]{2,15}+")
# The first three letters of every word a match of ``_EXPLICIT`` can start with.
_EXPLICIT_STARTS = frozenset(
    "acc per cit sou stu sur rep ana res pol pap dat est fig sta ind cen rev pro for fin aud whi con com car "
    "run int que".split()
)


def _scan_words(sentence: str, low: str) -> tuple[list[tuple[int, int, str]], list[re.Match[str]]]:
    """``_cue_words`` and the ``_EXPLICIT`` matches of a ``re_safe`` sentence, from one word scan.

    ``_EXPLICIT`` can match only where one of its lead words starts: at a word start for all but
    "according", which is looked for anywhere. Trying it there, left to right and never inside an
    earlier match, finds what ``finditer`` finds.
    """
    cues: list[tuple[int, int, str]] = []
    starts: list[int] = []
    for m in _LOWER_WORD.finditer(low):
        w = m.group()
        if w in _CUE_SET:
            cues.append((m.start(), m.end(), w))
        if w[:3] in _EXPLICIT_STARTS:
            starts.append(m.start())
    found: list[re.Match[str]] = []
    if "according" in low:
        at = low.find("according")
        while at >= 0:
            starts.append(at)
            at = low.find("according", at + 1)
        starts = sorted(set(starts))
    elif not starts:
        return cues, found
    match = _RE.explicit.match
    last = 0
    for p in starts:
        if p < last:
            continue
        m = match(sentence, p)
        if m is not None:
            found.append(m)
            last = m.end()
    return cues, found


@lru_cache(maxsize=2048)
def sources_in(sentence: str) -> list[Source]:
    """Every source a sentence names, with a rank (higher is more explicit)."""
    return _sources(sentence)


def _sources(
    sentence: str,
    explicit_hint: bool | None = None,
    cue_hits: list[tuple[int, int, str]] | None = None,
) -> list[Source]:
    """``sources_in``; on ``re_safe`` text the caller may pass what the hint scans would find."""
    out: list[Source] = []
    eng = _RE if re_safe(sentence) else _RX
    # Each pattern below needs one of a few words; skip it when the sentence holds none of them
    # (on ``re_safe`` text only, where lower-casing maps exactly the letters IGNORECASE folds).
    low = sentence.lower() if eng is _RE else None
    explicit: Any
    cues: list[tuple[int, int, str]] | None = None
    if low is not None and explicit_hint is None and cue_hits is None:
        # One pass over the words finds the cue words and every place ``_EXPLICIT`` may match.
        cues, explicit = _scan_words(sentence, low)
    else:
        if low is not None and explicit_hint is None:
            explicit_hint = _EXPLICIT_HINT.search(low) is not None
        explicit = eng.explicit.finditer(sentence) if low is None or explicit_hint else ()
    for m in explicit:
        for g in ("a", "b", "c", "d"):
            raw = m.group(g)
            if raw is None:
                continue
            if g == "c" and _JOB_OF.search(sentence, max(0, m.start() - 30), m.start()):
                continue  # "VP of threat research at VaultBridge": a job title, not research by anyone
            head = eng.head_cut.split(raw, maxsplit=1)[0]
            if head.strip().lower() in ("the", "a", "an") and _DATA_FROM.match(raw):
                head = raw  # "according to the report by X": "report" is a noun here, not the verb
            head = _DATA_FROM.sub("", head, count=1)
            head = _WHEN_TAIL.sub("", head, count=1) or head
            ent = named_entity(head)
            publisher = _TITLE_FROM.search(head) if ent else None
            if publisher is not None:  # "the Talent Acquisition Benchmark from Corliss Group"
                ent = named_entity(publisher.group(1)) or ent
            if ent:
                out.append(Source(ent, m.start(), m.end(), 3.2, True))
                continue
            named = _name_after(sentence, m.end())
            if named is not None:  # "according to the director of finance, Sunil Mehra."
                out.append(Source(named[0], m.start(), named[1], 3.2, True))
                continue
            phrase = _trim_phrase(head)
            if phrase and not head.lstrip()[:1].isdigit():  # "a survey of 2,000 adults" names a sample
                out.append(Source(phrase, m.start(), m.end(), 2.0, False))
    doc_words: list[tuple[int, int, str]] = []
    say_verbs: list[tuple[int, int, str]] = []
    # One cheap pass; set look-ups instead of big alternations. ``re`` finds just the candidate words
    # (ASCII letter runs cut into 15-letter tokens, as ``_ALPHA`` cuts them).
    if cues is None:  # the word scan above yields whole words already
        cues = _cue_words(sentence, low, eng, cue_hits if low is not None else None)
    n = len(sentence)
    for cue in cues:
        word = cue[2]
        if (cue[0] > 0 and sentence[cue[0] - 1] == "-") or (cue[1] < n and sentence[cue[1]] == "-"):
            continue  # "stated-policies scenario", "report-based": part of a compound, not a verb
        if word in _DOC_WORDS:
            doc_words.append(cue)
        if word in _SAY_VERB_SET and not (cue[0] > 2 and sentence[cue[0]].isupper()):
            if (
                word == "published"
                and any(v[2] not in _DOC_WORDS for v in say_verbs)
                and _DOC_BEFORE.search(sentence, 0, cue[0])
            ):
                continue  # "it said in figures published on Thursday": a participle after the verb
            say_verbs.append(cue)  # "the United States", "Reports Ltd": a capital mid-sentence is a name
    for ws, we, _word in doc_words:  # "A 2025 IBM report", "a Gallup poll"
        phrase, at = _words_before(sentence, ws, 5, eng)
        ent = named_entity(phrase, sentence_start=at <= 2)
        if ent:
            out.append(Source(ent, at, we, 3.0, True))
    for ws, we, word in say_verbs:
        phrase, at = _words_before(sentence, ws, 9, eng)
        subj = _subject(phrase, eng)
        words = subj.split()
        if word == "expected" and words and words[-1].lower() in _BE:
            continue  # "Prices are expected to rise": passive, nobody named
        while words and (words[-1].lower() in _AUX or words[-1].lower() in _ADVERBS_BEFORE_VERB):
            words.pop()  # "Early polling there shows": the subject ends before "there"
        if not any(c.isalpha() for w in words for c in w):
            speaker = _speaker_after(sentence, we) if word in _INVERTED_SAY else None
            if speaker is not None:  # '"We recorded 312 collisions," said Inspector Tom Reyes.'
                out.append(Source(speaker[0], ws, speaker[1], 3.0 if speaker[2] else 2.0, speaker[2]))
                continue
            named = _appositive(sentence, ws, eng)
            if named is not None:  # "Its chief executive, Dana Ferreira, said"
                out.append(Source(named[0], named[1], we, 3.0, True))
            continue
        verb = word.lower()
        if verb in _NOUNISH_VERBS and words[-1].lower() in _DETERMINERS | _NOUN_PREMODIFIERS:
            continue  # "Some reports suggest": "reports" heads the subject; "suggest" is the verb
        if verb in _NOUNISH_VERBS and _NOUN_AFTER.match(sentence, we):
            continue  # "cut bullying reports by 41%", "estimates of 3%": a noun, not the verb
        if any(
            (w[:1].isdigit() or "%" in w or w.lower().rsplit("-", 1)[-1] in _SHARE_WORDS)
            and nxt in ("of", "in", "out")
            for w, nxt in zip(words, words[1:], strict=False)
        ):
            continue  # "62% of Americans said", "two-thirds of CMOs expect": a poll's result, not its source
        subj = " ".join(words)
        subj_pos = at + phrase.find(subj)
        ent = named_entity(subj, sentence_start=subj_pos <= 2)
        if (
            ent
            and words[0].lower() in _INDEFINITE
            and words[-1].lower() in _ORG_HEADS
            and subj.endswith(f"{ent} {words[-1]}")
        ):
            ent = None  # "One Chicago firm told me": a firm, not Chicago
        owner = _POSSESSIVE_DOC.match(subj)
        owner_ent = named_entity(owner.group(1), sentence_start=subj_pos <= 2) if owner is not None else None
        if owner_ent:  # "Deloitte's Annual Review of Football Finance estimates": Deloitte, not the title
            out.append(Source(owner_ent, subj_pos, we, 3.1, True))
            continue
        if ent and subj_pos <= 2 and len(words) > 1 and _lone_first_word(subj, ent, 0):
            ent = None  # "Usage data from one vendor showed": "Usage" starts a noun phrase, it names nobody
        if ent:
            out.append(Source(ent, subj_pos, we, 3.0, True))
            continue
        head = words[-1].lower().strip(".,")
        if head in VAGUE_HEADS or (
            len(words) <= 4
            and head.isalpha()
            and head not in _NOT_SOURCES
            and not any(w[:1].isdigit() or "%" in w for w in words)
            and (
                (head.endswith("s") and not head.endswith("ss"))
                # "the club said", "The government says": who speaks, if not by name
                or (
                    words[0].lower() in ("the", "its", "their", "one", "another")
                    and len(words) >= 2
                    and head not in _NOT_SPEAKERS
                )
            )
        ):
            out.append(Source(_from_determiner(_trim_phrase(subj)), subj_pos, we, 2.0, False))
            continue
        # "Official figures for the last school year put", "Earlier studies of injectable drugs found":
        # the head comes before the first preposition.
        k = next((j for j, w in enumerate(words) if w.lower() in _HEAD_PREPOSITIONS), 0)
        if 0 < k <= 3 and words[k - 1].lower() in VAGUE_HEADS:
            out.append(Source(" ".join(words[:k]), subj_pos, we, 2.0, False))
    if low is None or "like" in low or "such" in low or "including" in low:
        frames: Any = eng.frame.finditer(sentence)
    else:  # only "At X, ..." at the very start can match
        first = eng.frame.match(sentence)
        frames = (first,) if first is not None else ()
    for m in frames:
        for g in ("e", "f", "g"):
            if m.group(g) is None:
                continue
            group = m.group(g)
            ent = named_entity(group)
            if ent and group.lstrip(" \"'“").removeprefix("the ").startswith(ent):
                out.append(Source(ent, m.start(), m.end(), 2.5, True))
    if "n " in sentence[:6]:
        intro = _IN_A_STUDY.match(sentence)
        if intro is not None:  # "In one poll, ...", "In a 2024 Gallup survey of 1,000 adults, ..."
            head = intro.group("h")
            ent = named_entity(head)
            by = _BY_WHOM.search(sentence, intro.end("h"), intro.end())
            if by is not None:  # "In a 2025 survey of 4,800 owners by the charging app ChargeCheck, ..."
                ent = named_entity(by.group(1)) or ent
            if ent:
                out.append(Source(ent, intro.start("h"), intro.end("h"), 2.5, True))
            else:
                out.append(Source(head, intro.start("h"), intro.end("h"), 2.0, False))
    if "—" in sentence or "–" in sentence:
        dash = _DASH_SPEAKER.search(sentence)
        if dash is not None and named_entity(dash.group(1)) == dash.group(1):
            out.append(Source(dash.group(1), dash.start(1), dash.end(1), 3.0, True))
    possessives = eng.possessive.finditer(sentence) if "'" in sentence or "’" in sentence else ()
    for m in possessives:
        phrase, at = _words_before(sentence, m.start(), 4, eng)
        ent = named_entity(phrase, sentence_start=at <= 2)
        if ent:
            out.append(Source(ent, at, m.end(), 1.5, True))
    # "Pew" inside "Pew Research Center": keep the longer name.
    return [
        s for s in out if not any(t.text != s.text and s.text in t.text and t.rank >= s.rank for t in out)
    ]


# A study that frames the sentence: "In one poll, ...", "In a 2024 Gallup survey of 1,000 adults, ...".
_IN_A_STUDY = re.compile(
    r"\W{0,3}[Ii]n[ \t]+(?P<h>(?:a|an|one|the|its|their|our|this|that|another|a[ \t]+recent)[ \t]+"
    r"(?:[\w&.'’-]+[ \t]+){0,3}?(?:study|survey|poll|report|analysis|trial|pilot|review|experiment|audit"
    r"|census|studies|surveys|polls|trials|pilots))\b(?:[^,;:.!?\n]|(?<=[0-9])[,.](?=[0-9])){0,100},"
)
_BY_WHOM = re.compile(r"\b(?:by|for|from)[ \t]+([^,;:()\n]{2,80})")
# A speaker named after a quotation with a dash: '"...," — Aisha Rahman, logistics lead'.
_DASH_SPEAKER = re.compile(r"[\"”][ \t]*[—–][ \t]*((?:[A-Z][\w.'’-]*[ \t]+){0,3}[A-Z][\w'’-]*)")
# Reporting verbs that may come before their speaker: '"...," said Inspector Tom Reyes'.
_INVERTED_SAY = frozenset("said says added noted warned argued stated observed explained claimed".split())
# A title written with a full stop, which does not end the name: "said Dr. Elena Marsh".
_TITLE_DOT = r"(?:Dr|Mr|Mrs|Ms|Mx|Prof|Rev|Sen|Rep|Gov|Gen|Col|Lt|Capt|Sgt|Supt|Insp|Hon|Fr|St)\."
_SPEAKER_AFTER = re.compile(
    rf"(?:[ \t]{{1,3}}|[ \t]*\n[ \t]*)(?:the[ \t]+)?(?:{_TITLE_DOT}|[^\s,;:()\u2014.!?\"“”]+)"
    r"(?:[ \t]+[^\s,;:()\u2014.!?\"“”]+){0,5}"
)


def _appositive(sentence: str, pos: int, eng: _Engine) -> tuple[str, int] | None:
    """The speaker of "X, Y, said" (``pos`` is the verb): the name among X and Y, and where it starts.

    >>> _appositive("Its chief executive, Dana Ferreira, said so.", 35, _RE)
    ('Dana Ferreira', 21)
    >>> _appositive("Karen Whitfield, head of sales at Ridgeline, said so.", 45, _RE)
    ('Karen Whitfield', 0)
    """
    end = len(sentence[:pos].rstrip())
    if end == 0 or sentence[end - 1] != ",":
        return None
    start = sentence.rfind(",", 0, end - 1) + 1
    inner = sentence[start : end - 1].strip()
    ent = named_entity(inner)
    if ent is not None and inner.rstrip(" .") in (ent, f"the {ent}", f"The {ent}"):
        # "..., Dana Ferreira, said", "..., the Fiscal Review Office, expects"
        return ent, start + sentence[start:end].find(ent)
    if start == 0 or inner[:1].isupper():
        return None
    # "Karen Whitfield, vice president of operations at Ridgeline Supply, said": the name before.
    phrase, at = _words_before(sentence, start - 1, 6, eng)
    ent = named_entity(phrase, sentence_start=at <= 2)
    if ent is None or not phrase.rstrip(" .").endswith(ent):
        return None
    return ent, at + phrase.rfind(ent)


def _speaker_after(sentence: str, pos: int) -> tuple[str, int, bool] | None:
    """The speaker right after a reporting verb: (name or phrase, end, named), or None.

    >>> _speaker_after('"No," said Inspector Tom Reyes of the county force.', 10)
    ('Inspector Tom Reyes', 30, True)
    >>> _speaker_after('"No," said the chief constable.', 10)
    ('the chief constable', 30, False)
    """
    m = _SPEAKER_AFTER.match(sentence, pos)
    if m is None:
        return None
    phrase = m.group().strip()
    ent = named_entity(phrase)
    if ent is not None and phrase.startswith(ent):
        return ent, pos + m.group().index(ent) + len(ent), True
    words = phrase.split()
    if (
        words[0].lower() == "the"
        and 2 <= len(words) <= 4
        and (words[-1].lower() in VAGUE_HEADS or words[-1].lower() in _SPEAKER_HEADS)
    ):
        return phrase, m.end(), False
    return None


# Who speaks, if not by name: "said the chief constable", "the minister said".
_SPEAKER_HEADS = frozenset(
    "constable minister secretary spokesperson spokesman spokeswoman mayor chair chairman chairwoman "
    "president director chief governor superintendent inspector commissioner councillor officer "
    "economist analyst author researcher professor".split()
)  # fmt: skip


# "(the latest) figures released by X", "data from X", "the report by X": X is the source.
_DATA_FROM = re.compile(
    r"^\s*(?:the\s+|a\s+|an\s+)?(?:latest\s+|new\s+|official\s+|provisional\s+|annual\s+|monthly\s+)*"
    r"(?:figures|data|statistics|numbers|estimates|research|analysis|report|study|survey|review|paper|audit)\s+"
    r"(?:(?:released|published|compiled|collected|produced|issued|gathered)"
    r"(?:\s+(?:on|last|this|in)\s+\w+)?\s+(?:by|from)|from|by)\s+",
    re.IGNORECASE,
)
# "head of research at", "VP of threat research at": a job, before a document word.
_JOB_OF = re.compile(r"\bof[ \t]+(?:[a-z]+[ \t]+)?$")
# A titled publication and its publisher: "the Global Pay Index from Corliss Group".
_TITLE_FROM = re.compile(
    r"\b(?:Report|Benchmark|Index|Survey|Study|Review|Outlook|Barometer|Tracker|Monitor|Census|Audit"
    r"|Forecast|Poll|Scorecard|Atlas)[ \t]+(?:from|by)[ \t]+(.+)$"
)
# A document word right before a verb: "figures published", "the report published".
_DOC_BEFORE = re.compile(rf"\b(?:{'|'.join(sorted(_DOC_WORDS))})\s+$", re.IGNORECASE)
# The name after an unnamed source, set off by a comma: ", Sunil Mehra." (up to four capitalised words).
_NAME_AFTER = re.compile(r",[ \t]+((?:[A-Z][\w'’.-]*[ \t]+){0,3}[A-Z][\w'’-]*)[ \t]*(?:[.;]|,|$)")


def _name_after(sentence: str, pos: int) -> tuple[str, int] | None:
    """A name in apposition right after ``pos``, which ends the sentence or its own clause, and where it ends.

    >>> _name_after("It was 5%, according to the director of finance, Sunil Mehra.", 47)
    ('Sunil Mehra', 60)
    """
    m = _NAME_AFTER.match(sentence, pos)
    if m is None or named_entity(m.group(1)) != m.group(1):
        return None
    return m.group(1), m.end(1)


# A time after the source: "the council on Monday", "the ONS last week", "Eurostat in March".
_WHEN_TAIL = re.compile(
    r"\s+(?:on\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:last|this|next)\s+"
    r"(?:week|month|year|quarter)|in\s+(?:january|february|march|april|may|june|july|august|september"
    r"|october|november|december|[0-9]{4}))\b.*$",
    re.IGNORECASE,
)


# "X's [2024] [Annual] Review / report / survey ...": the owner of a document is its source.
_POSSESSIVE_DOC = re.compile(
    r"(.{1,60}?)['’]s\s+(?:[\w-]+\s+){0,4}?(?:report|review|survey|study|analysis|index|outlook|census|poll"
    r"|audit|data|figures|statistics|forecast|estimates?|research|paper|accounts|results)\b",
    re.IGNORECASE,
)
_PARENTHESIS = re.compile(r" ?\(([^()\n]{2,60})\)")


def parenthesised_source(text: str, pos: int) -> str | None:
    """A name in brackets right after a figure: "5.45% (Moneyfacts)", "12% (ONS)".

    >>> parenthesised_source("rate: 5.45% (Moneyfacts)", 11)
    'Moneyfacts'
    >>> parenthesised_source("cost $4bn (£3.2bn)", 9) is None
    True
    """
    m = _PARENTHESIS.match(text, pos)
    if m is None:
        return None
    inner = m.group(1).strip()
    ent = named_entity(inner)
    return ent if ent is not None and ent == inner else None


def subject_entity(sentence: str) -> str | None:
    """Fallback: the first named entity of a sentence (its subject, usually)."""
    ent = named_entity(sentence[:200], sentence_start=True)
    if ent is None:
        return None
    first = _TOKEN.search(sentence)
    if first is not None and _lone_first_word(sentence, ent, first.start()):
        # A lone capitalised first word ("Sales", "Revenue") is too often a common noun, unless
        # it does what only someone does: "Toyota sold", "Zara began charging".
        nxt = _TOKEN.search(sentence, first.start() + len(ent))
        if nxt is None or nxt.group().lower() not in _AGENT_VERBS:
            return None
        verb = nxt.group().lower()
        then = _TOKEN.search(sentence, nxt.end())
        after = then.group().lower() if then is not None else ""
        if verb.endswith("s") and not (
            after in _VERB_OBJECT_STARTS or after[:1].isdigit() or after[:1] in "$€£¥"
        ):
            return None  # "Annual plans churn less", "Blog posts drive": a noun, not "Toyota plans to"
        if after in _PARTICIPLE_NEXT:
            return None  # "Time spent in training": a participle, not "Zara spent $2bn"
    return ent


def _lone_first_word(sentence: str, ent: str, at: int) -> bool:
    """Whether ``ent`` is just the sentence's capitalised first word, with no capital inside (not IBM, McKinsey)."""
    return sentence.startswith(ent, at) and " " not in ent and not any(c.isupper() for c in ent[1:])


# What may follow a verb in "-s" whose subject acts: "Toyota plans to", "Zara opens its 100th store".
_VERB_OBJECT_STARTS = frozenset(
    "to a an the its their his her our more about up over nearly almost around some another new".split()
)
_PARTICIPLE_NEXT = frozenset("in on by at for with during per across".split())
# Verbs whose subject acts: a company or a person, not a measure ("Sales rose" is a measure).
_AGENT_VERBS = frozenset(
    "sold sells delivered delivers shipped ships hired hires employs employed made makes built builds "
    "opened opens launched launches began begins started starts announced announces paid pays spent "
    "spends invested invests acquired acquires bought buys owns operates operated charged charges "
    "plans planned aims aimed targets targeted expects expected signed signs won wins sued fined "
    "approved approves awarded awards posted posts recorded records served serves treated treats "
    "trained trains produced produces manufactures manufactured exported imports imported".split()
)  # fmt: skip


_ANAPHORA = regex.compile(
    r"^\W{0,3}(?:this|that|these|those|it|its|they|their|such|the\s+(?:company|firm|group|bank|study|"
    r"report|survey|agency|hospital|organi[sz]ation|institute|researchers|team|program|programme|"
    r"initiative|partnership|approach|change|shift|move|effort|system|tool|project))\b",
    regex.IGNORECASE | regex.V0,
)


# A name a pronoun may stand for: a few words, no dateline ("ABIDJAN / LONDON - When ...").
_PLAIN_NAME = re.compile(r"[^\s/|:–—-]+(?:[ -][^\s/|:–—-]+){0,4}")
# "she said", "he added": a speaker named in the sentence before.
# The verbs "she"/"he" speak with ("She said", "he also noted"); claims.py starts sentences with them.
PRONOUN_VERBS = (
    r"said|says|added|adds|noted|notes|warned|argued|stated|explained|estimated|estimates|told|believes"
    r"|expects|pointed\s+out"
)
_PRONOUN_SAYS = re.compile(rf"\b(?:she|he)\s+(?:also\s+)?(?:{PRONOUN_VERBS})\b", re.IGNORECASE)


# ", it said": the sentence's subject (an organisation) reports its own figure.
_IT_SAYS = re.compile(
    r"\bit\s+(?:also\s+)?(?:said|says|added|reported|reports|estimated|estimates|noted|warned|found)\b",
    re.IGNORECASE,
)


Attribution = tuple[str | None, bool, bool]
"""(source, vague, inferred): ``inferred`` when the text names no source and the sentence's
subject stands in for one ("Toyota sold 11.2 million vehicles": Toyota)."""


def attribution_in(sentence: str, claim_pos: int, previous: str | None) -> Attribution:
    """The source for a claim at ``claim_pos`` in ``sentence``: (source, vague, inferred).

    ``previous`` is the sentence before, when it is in the same paragraph.

    >>> attribution_in("According to McKinsey, output could rise 5%.", 40, None)
    ('McKinsey', False, False)
    >>> attribution_in("Early studies show that scores improved by 40%.", 44, None)
    ('Early studies', True, False)
    >>> attribution_in("Toyota sold 11.2 million vehicles.", 12, None)
    ('Toyota', False, True)
    """
    return SentenceAttribution(sentence, previous).at(claim_pos)


_UNSET: Any = object()


class SentenceAttribution:
    """``attribution_in`` for every claim of one sentence: the sentence-level work is done once.

    ``previous_sources`` returns ``sources_in(previous)``; it is called only when needed.
    """

    __slots__ = (
        "_prev_best", "_previous_sources", "_speaker", "_speaker_of", "_tail", "previous", "sentence", "sources",
    )  # fmt: skip

    def __init__(
        self,
        sentence: str,
        previous: str | None,
        sources: list[Source] | None = None,
        previous_sources: Callable[[], list[Source]] | None = None,
        speaker: Callable[[], str | None] | None = None,
    ) -> None:
        self.sentence = sentence
        self.previous = previous
        self.sources = sources_in(sentence) if sources is None else sources
        self._previous_sources = previous_sources
        self._speaker = speaker
        self._prev_best: Any = _UNSET
        self._tail: Any = _UNSET
        self._speaker_of: Any = _UNSET

    def _previous_best(self) -> Source | None:
        if self._prev_best is _UNSET:
            previous = self.previous
            if previous is None:
                self._prev_best = None
            else:
                fn = self._previous_sources
                srcs = fn() if fn is not None else sources_in(previous)
                self._prev_best = _best(srcs, len(previous))
        return self._prev_best  # type: ignore[no-any-return]

    def _spoken(self) -> str | None:
        """The speaker of the whole sentence (transcript turn, quotation, "She said", list lead-in)."""
        if self._speaker_of is _UNSET:
            self._speaker_of = self._speaker() if self._speaker is not None else None
        return self._speaker_of  # type: ignore[no-any-return]

    def at(self, claim_pos: int) -> Attribution:
        sources = self.sources
        if sources and ";" in self.sentence:
            # "X's deal projected $40m; an audit found the real figure was a quarter of that": a
            # source in the claim's own clause comes first.
            lo = self.sentence.rfind(";", 0, claim_pos) + 1
            hi = self.sentence.find(";", claim_pos)
            hi = len(self.sentence) if hi < 0 else hi
            sources = [s for s in sources if lo <= s.pos < hi] or sources
        best = _best(sources, claim_pos) if sources else None
        if best is not None and best.rank < 2.0 and self.previous is not None:
            # "Cotality reported ... Sydney's median value hit A$1.24m": a name that only owns
            # something ("Sydney's") yields to a source the sentence before names.
            prev = self._previous_best()
            if prev is not None and prev.named and prev.rank >= 3.0:
                return prev.text, False, False
        if best is not None and best.rank < 2.0:
            spoken = self._spoken()  # "She added that Brannock's panel shrank": she, not Brannock
            if spoken:
                return spoken, False, False
        if best is not None and (best.named or best.rank >= 2.0):
            return best.text, not best.named, False
        if self.previous is not None:
            prev = self._previous_best()
            if prev is not None and prev.rank >= 2.0:
                return prev.text, not prev.named, False
        if best is not None:
            return best.text, not best.named, False
        if self._tail is _UNSET:
            speaker = self._spoken()
            # Who speaks the sentence: a transcript turn's label ("OSEI-BONSU: ... Debt is close to
            # 96% of GDP.") or the speaker of the quotation it belongs to.
            self._tail = (speaker, False, False) if speaker else self._fallback()
        return self._tail  # type: ignore[no-any-return]

    def _fallback(self) -> Attribution:
        ent = subject_entity(self.sentence)
        if ent:
            # "The Ombudsman received 11,862 complaints, it said": the subject speaks, named by "it".
            return ent, False, _IT_SAYS.search(self.sentence) is None
        previous = self.previous
        if previous is not None and _PRONOUN_SAYS.search(self.sentence):
            # "She said burglaries fell 14%": the speaker the sentence before names.
            prev = self._previous_best()
            if prev is not None:
                return prev.text, not prev.named, False
            ent = subject_entity(previous)
            if ent and _PLAIN_NAME.fullmatch(ent):
                return ent, False, False
        if previous is not None and _ANAPHORA.match(self.sentence):
            prev = self._previous_best()
            if prev is not None:
                return prev.text, not prev.named, False  # "This ...": the source the sentence before names
            ent = subject_entity(previous)
            if ent:
                return ent, is_vague_source(ent), True
        return None, False, False


# A transcript turn: "OSEI-BONSU: We think ...", "**Jane Smith:** Yes."; the words after the colon
# start with a letter or a quote (a data label such as "Revenue: $4.2bn" is not a speaker).
_SPEAKER_LABEL = re.compile(
    r"^[ \t]*(?:\*\*|__)?(?P<name>[A-Z][\w.'’-]*(?:[ \t][A-Z][\w.'’-]*){0,3})(?:\*\*|__)?[ \t]*:"
    r"(?:\*\*|__)?[ \t]+(?:\*\*|__)?[\"'“‘A-Za-z]",
    re.MULTILINE,
)
_NOT_LABELS = frozenset(
    "q a question answer interviewer note notes source sources update updated editor correction photo "
    "caption related disclosure summary background method methodology chart table figure read image "
    "credit credits tags posted published date title author by subject re fwd key takeaway takeaways "
    "warning tip tips example step part chapter section episode transcript recorded verdict claim fact "
    "context bottom line conclusion conclusions result results update edit ps nb bonus".split()
)  # fmt: skip


class Speakers:
    """The speaker labels of a transcript, read once per text and looked up by position.

    A label counts when it is written in capitals ("OSEI-BONSU:"), has two or more words
    ("Amara Osei-Bonsu:"), or opens two turns or more ("Smith:" twice); "Note:" and the like never.
    """

    __slots__ = ("_names", "_starts", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        found = [(m.start(), m.group("name")) for m in _SPEAKER_LABEL.finditer(text)]
        found = [(p, n) for p, n in found if n.split()[0].lower().rstrip(".") not in _NOT_LABELS]
        seen: dict[str, int] = {}
        for _, n in found:
            seen[n] = seen.get(n, 0) + 1
        keep = [(p, n) for p, n in found if n.isupper() and len(n) > 1 or " " in n or seen[n] > 1]
        self._starts = [p for p, _ in keep]
        self._names = [n for _, n in keep]

    def at(self, pos: int) -> str | None:
        """The speaker of the turn that holds ``pos``: the last label before it in its paragraph."""
        k = bisect_right(self._starts, pos) - 1
        if k < 0:
            return None
        label = self._starts[k]
        if _BLANK_GAP.search(self.text, label, pos):
            return None
        return self._names[k]


_BLANK_GAP = re.compile(r"\n[ \t]*\n")

QUOTE_OPENERS = frozenset('"“')
_QUOTE_MARK = re.compile(r'["“”]')


def quote_spans(text: str, lo: int, hi: int) -> list[tuple[int, int]]:
    """The quotations in ``text[lo:hi]`` as (start, end), quote marks included; one still open at
    ``hi`` runs to it.

    >>> t = 'He said: "Yes. No." Then “maybe'
    >>> [t[a:b] for a, b in quote_spans(t, 0, len(t))]
    ['"Yes. No."', '“maybe']
    """
    spans: list[tuple[int, int]] = []
    opened = -1
    for m in _QUOTE_MARK.finditer(text, lo, hi):
        c, p = m.group(), m.start()
        if opened < 0:
            if c != "”":
                opened = p
        elif c != "“":
            spans.append((opened, p + 1))
            opened = -1
    if opened >= 0:
        spans.append((opened, hi))
    return spans


class WindowHints:
    """The hint scans of ``sources_in`` run once over a long region, then read for any window in it.

    A window's own scan finds exactly the region's hits inside it unless a hit straddles one of its
    ends; then (``None``) the window is scanned itself.
    """

    __slots__ = ("_cue_ends", "_cue_starts", "_cues", "_exp_ends", "_exp_starts")

    def __init__(self, text: str, lo: int, hi: int) -> None:
        low = text[lo:hi].lower()
        self._cues = [(m.start() + lo, m.end() + lo, m.group()) for m in _CUE_HINT.finditer(low)]
        self._cue_starts = [c[0] for c in self._cues]
        self._cue_ends = [c[1] for c in self._cues]
        exp = [(m.start() + lo, m.end() + lo) for m in _EXPLICIT_HINT.finditer(low)]
        self._exp_starts = [p for p, _ in exp]
        self._exp_ends = [q for _, q in exp]

    @staticmethod
    def _range(starts: list[int], ends: list[int], a: int, b: int) -> tuple[int, int] | None:
        i = bisect_left(starts, a)
        if i > 0 and ends[i - 1] > a:
            return None
        j = bisect_left(starts, b)
        if j > i and ends[j - 1] > b:
            return None
        return i, j

    def sources(self, text: str, a: int, b: int) -> list[Source]:
        """``sources_in(text[a:b])`` for a ``re_safe`` window inside the region."""
        window = text[a:b]
        er = self._range(self._exp_starts, self._exp_ends, a, b)
        explicit = None if er is None else er[1] > er[0]
        cr = self._range(self._cue_starts, self._cue_ends, a, b)
        cues = None if cr is None else [(p - a, q - a, w) for p, q, w in self._cues[cr[0] : cr[1]]]
        return _sources(window, explicit, cues)


def _best(sources: list[Source], claim_pos: int) -> Source | None:
    if not sources:
        return None

    def key(s: Source) -> tuple[float, int]:
        dist = claim_pos - s.end if s.end <= claim_pos else (s.pos - claim_pos) + 1000
        return (s.rank, -abs(dist))

    return max(sources, key=key)
