"""Compiled patterns of the extractor (VERBOSE, a comment per line).

Every repetition is bounded or possessive, so no pattern backtracks badly on
adversarial input (long digit runs, no spaces, repeated hedges).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

import regex

__all__ = [
    "ATOM",
    "ATOM_RE",
    "CANDIDATE",
    "CANDIDATE_LOWER",
    "FRONT_MATTER",
    "LIST_PREFIX",
    "MASK",
    "MASK_RE",
    "NEXT_WORDS",
    "PREV_WORDS",
    "SENTENCE_BREAK",
    "candidate_starts",
    "next_words",
    "re_safe",
    "twin",
]

_F = regex.VERBOSE | regex.IGNORECASE | regex.V0

_UNITS = r"one|two|three|four|five|six|seven|eight|nine"
_TEENS = r"ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen"
_TENS = r"twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety"
_FRACS = r"halves|half|thirds?|quarters?|fourths?|fifths?|sixths?|sevenths?|eighths?|ninths?|tenths?"
_SCALEWORD = r"hundred|thousand|million|billion|trillion"

# Regions that never hold a claim. They are blanked (same length) before matching,
# so offsets stay those of the original text.
MASK = regex.compile(
    r"""
      !\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)          # markdown image: alt text and target
    | (?<=\])\([^)\s]{1,2000}(?:\s"[^"\n]{0,300}")?\)  # markdown link target (the link text stays)
    | \[[^\]\n]{1,300}\]:[ \t]*\S{1,2000}           # reference-style link definition
    | <[a-z/!][^<>\n]{0,1000}>                        # HTML tag or comment
    | (?:https?|ftp)://[^\s<>"'\])]{1,2000}           # URL
    | \bwww\.[^\s<>"'\])]{1,2000}                     # bare www URL
    | `[^`\n]{1,500}`                                 # inline code
    """,
    _F,
)
# Dates, times, versions, identifiers, file names and phone numbers are not masked here:
# the ATOM boundaries and the checks on bare numbers (claims.py) reject them, which is
# much cheaper than scanning every word for them.

# Where an atom may start: a digit run, a currency sign, a sign, or a number word.
CANDIDATE = regex.compile(
    rf"""
      [0-9]{{1,15}}+                                    # a digit run
    | [$€£¥₹₩₽]                                         # a currency symbol
    | [-+\u2212](?=[$€£¥₹0-9.])                         # a sign
    | \.(?=[0-9])                                       # .5
    | \b(?:us|usd|au|ca|nz|hk|a|c|s|r)\$                # A$, US$
    | \b(?:usd|eur|gbp|jpy|cny|rmb|inr|chf|aud|cad|rs)\b  # ISO codes (ATOM checks the case)
    | \b(?:a|an|one)(?=\s(?:dozen|{_SCALEWORD}|{_FRACS})\b)  # a dozen, a fifth
    | \b(?:{_UNITS}|{_TEENS}|{_TENS}|zero|{_FRACS}|twice|doubl\w{{1,3}}|tripl\w{{1,3}}|trebled
        |quadrupl\w{{1,3}}|halv\w{{1,3}}|\w{{3,6}}fold)\b      # number, fraction and multiplier words
    """,
    _F,
)

# Front matter: a YAML block at the very start of the file.
FRONT_MATTER = regex.compile(
    r"""
    \A\ufeff?---[ \t]*\r?\n             # opening fence on the first line
    (?:[^\n]*+\n){0,500}?               # at most 500 lines of YAML
    (?:---|\.\.\.)[ \t]*+(?:\r?\n|\Z)   # closing fence
    """,
    regex.VERBOSE,
)

# One numeric atom: an optional sign and currency, a number in digits or words,
# an optional scale and an optional unit suffix. Composite expressions (ranges,
# changes, "one in five") are built from neighbouring atoms in Python.
ATOM = regex.compile(
    rf"""
    (?<![\w.,/\\:'’&^=+\#@%]|[a-z]-)                  # not glued to a word, path, tag or another number
    (?P<atom>
      (?P<sign>[-+\u2212](?=[$€£¥₹0-9.]))?+            # explicit sign: -3.2%, +4%
      (?P<cur>(?:US|USD|A|AU|C|CA|NZ|HK|S|R)?\$          # dollar sign, optionally national
        | [€£¥₹₩₽]                                      # other currency symbols
        | (?-i:USD|EUR|GBP|JPY|CNY|RMB|INR|CHF|AUD|CAD)\s?+  # ISO code before the number
        | (?-i:Rs\.?)\s?+                               # rupees
      )?+
      (?:
        (?P<num>[0-9]{{1,3}}(?:,[0-9]{{3}})++(?:\.[0-9]{{1,12}})?+  # 1,234,567.8
          | [0-9]{{1,15}}+(?:\.[0-9]{{1,12}})?+                  # 1234.5
          | \.[0-9]{{1,12}}+                                      # .5
        )
        (?![0-9]|[.,][0-9])                             # the whole number, never a piece of one
        (?:\s?+(?P<scale>thousand|million|billion|trillion|mln|mn|bn|tn)\b  # scale word
          | (?P<scale2>(?-i:k|K|m|M|b|B|bn))(?![\w])     # glued abbreviation: 360k, $5m
        )?+
      | (?P<inword>(?:{_UNITS})-in-(?:{_UNITS}|{_TEENS}|{_TENS}|hundred|[0-9]{{1,4}}))\b  # one-in-three
      | (?P<frac>(?:(?:{_UNITS}|a|an)[-\s])?+(?:{_FRACS})\b)  # fraction words: two-thirds, a fifth, half
      | (?P<mult>twice|double[ds]?|doubling|tripl(?:e[ds]?|ing)|trebled|quadrupl(?:e[ds]?|ing)
          |halv(?:ed|es|ing)|(?:two|three|four|five|six|seven|eight|nine|ten|twenty|hundred)fold)\b  # multiplier words
      | (?P<word>
          (?:a|one)\s(?:dozen|{_SCALEWORD})\b                 # a dozen, a million
          | (?:(?:{_TENS})(?:[-\s](?:{_UNITS}))?+|{_TEENS}|{_UNITS}|zero)\b  # twenty-five, thirteen
        )
        (?:\s(?:{_SCALEWORD}|dozen)\b){{0,3}}+              # two hundred thousand
      )
      (?P<suffix>
          \s?+(?:%|per\s?cent\b|percent\b|pct\b)(?:\s?+(?:points?|pts?)\b)?+  # 31%, 31 percent, 2% points
        | (?:-|\s)percentage[-\s]points?\b              # 2 percentage points
        | \s?+(?:pp|ppts?|p\.p\.)(?![\w])                 # 2pp
        | (?-i:pc)\b                                    # 31pc
        | (?-i:p)(?![\w])                                # 212p: pence
        | -percent\b                                    # 31-percent
        | -(?:percentage-)?points?(?=[ \t]+(?:gap|lead|drop|rise|fall|swing|margin|jump|increase|decrease
            |difference|decline|gain|deficit|advantage)\b)  # a 29-point gap (not a 10-point plan)
        | -(?:(?P<hscale>thousand|million|billion)-)?+(?P<hunit>(?:square|cubic)-(?:foot|feet|metre|meter|mile
            |kilometre|kilometer|yard)|kilomet(?:er|re)|met(?:er|re)|mile|(?:mega|giga|kilo|tera)watt(?:-hour)?
            |acre|hectare|tonne|ton|litre|liter|gallon|barrel|foot|inch|kilogram|gram|mph|degree
          )\b   # a compound modifier that measures: a 9-kilometer conveyor (not a 2-hour meeting)
        | \s?+(?:percentage|basis)\s+points?\b           # basis points
        | \s?+(?-i:bps?)\b                               # 25bps, 3bp
        | \s(?-i:cents?)\b                               # 20 cents
        | (?-i:x|X)(?![\w])                              # 3x
        | \s?+×                                          # 3×
        | -?fold\b                                      # 10-fold
        | \s(?:times)(?=\s(?:as|more|higher|greater|larger|bigger|faster|lower|smaller|less|fewer|the|that|than|over|what|its|their|his|her|our)\b)  # three times as likely
        | \s?+(?-i:USD|EUR|GBP|JPY|CNY|RMB|INR|CHF|AUD|CAD)\b  # 5 million USD
        | \s(?:dollars?|euros?|pounds\s+sterling|yen|yuan|rupees?|pesos?|(?-i:CFA\s)?francs)\b  # 5 million dollars
        | \s?+°\s?+[CF]\b                                # 1.2°C
        | (?-i:C|F)(?![\w])                             # 1.2C
        | (?P<qunit>mm|cm|km|kg|mg|ml|kwh|mwh|gwh|twh|wh|nm|kw|mw|gw|gb|tb|mb|mbps|gbps|ghz|mph|kph|ppm|ppb|lbs
          |(?-i:g))(?![\w])  # 4.5mm, 10GW, a 200g bar (not 5G)
      )?+
    )
    (?![\w]|-(?![0-9$€£¥₹]))                           # not glued to the next word (1950s, 5-year, 3rd)
    """,
    _F,
)

# Up to three words after a claim, to find what it counts or measures.
NEXT_WORDS = regex.compile(
    r"""
    [ \t]{0,3}+(?:\n[ \t]{0,3}+)?+                      # a little white space, at most one line break
    (?P<w1>[^\W\d_][\w'’&/.-]{0,40}+)                   # first word
    (?:[ \t]{1,3}+(?P<w2>[^\W\d_][\w'’&/.-]{0,40}+))?+  # second word
    (?:[ \t]{1,3}+(?P<w3>[^\W\d_][\w'’&/.-]{0,40}+))?+  # third word
    (?:[ \t]{1,3}+(?P<w4>[^\W\d_][\w'’&/.-]{0,40}+))?+  # fourth word
    """,
    regex.VERBOSE,
)

_PREV_TOKEN = regex.compile(r"[\w'’&.$-]{1,40}", regex.V0)


class PrevWords:
    """Up to four words right before a position, on the same line (a cheap stand-in for a
    right-anchored regex, which the regex engine would retry at every start position).

    ``group("w1")`` is the word right before, ``group("punct")`` a comma or bracket
    between it and the number, ``start("w1")`` its offset.
    """

    __slots__ = ("_groups", "_starts")

    def __init__(self, groups: dict[str, str | None], starts: dict[str, int]) -> None:
        self._groups = groups
        self._starts = starts

    def group(self, name: str) -> str | None:
        return self._groups.get(name)

    def start(self, name: str) -> int:
        return self._starts[name]

    @staticmethod
    def search(text: str, lo: int, hi: int) -> PrevWords | None:
        # Read backwards from ``hi``: only the last four tokens matter, so the window is never
        # tokenised as a whole. Same result as ``_search_slow`` (which tokenises left to right).
        nl = text.rfind("\n", lo, hi)
        base = nl + 1 if nl >= 0 else lo
        end = hi
        while end > base and text[end - 1] in " \t":
            end -= 1
        if hi - end > 3 or end == base:
            return None
        punct = ""
        if text[end - 1] in ',;:()"“”':
            punct = text[end - 1]
            end -= 1
        core = text[base:end]
        if not core.isascii() and not re_safe(core):
            return PrevWords._search_slow(text, lo, hi)
        # The reversed line read forwards: up to four runs of token characters with 1-3 blanks
        # between them (one ``re`` match instead of a character-by-character loop).
        m = _PREV_RUNS_REVERSED.match(core[::-1])
        if m is None:
            return None
        groups: dict[str, str | None] = {"punct": punct}
        starts: dict[str, int] = {}
        j = len(core)
        run1, gap1, run2, gap2, run3, gap3, run4 = m.groups()
        for name, run, gap in (
            ("w1", run1, gap1),
            ("w2", run2, gap2),
            ("w3", run3, gap3),
            ("w4", run4, None),
        ):
            if run is None:
                break
            i = j - len(run)
            ts = i + ((j - i - 1) // 40) * 40  # a run longer than 40 is cut into 40-char tokens
            groups[name] = core[ts:j]
            starts[name] = base + ts
            if ts > i or gap is None:
                break  # the token before is glued to this one (no gap), or there is none
            j = i - len(gap)
        return PrevWords(groups, starts)

    @staticmethod
    def _search_slow(text: str, lo: int, hi: int) -> PrevWords | None:
        window = text[lo:hi]
        nl = window.rfind("\n")
        base = lo + nl + 1
        seg = window[nl + 1 :]
        core = seg.rstrip(" \t")
        if len(seg) - len(core) > 3 or not core:
            return None
        punct = ""
        if core[-1] in ',;:()"“”':
            punct, core = core[-1], core[:-1]
        tok = _PREV_TOKEN_RE if core.isascii() or re_safe(core) else _PREV_TOKEN
        toks = [(m.start(), m.end()) for m in tok.finditer(core)]
        if not toks or toks[-1][1] != len(core):
            return None
        groups: dict[str, str | None] = {"punct": punct}
        starts: dict[str, int] = {}
        names = ("w1", "w2", "w3", "w4")
        k = len(toks) - 1
        for idx, name in enumerate(names):
            if k < 0:
                break
            ts, te = toks[k]
            if idx > 0:
                gap = core[te : starts[names[idx - 1]] - base]
                if not (1 <= len(gap) <= 3 and not gap.strip(" \t")):
                    break
            groups[name] = core[ts:te]
            starts[name] = base + ts
            k -= 1
        return PrevWords(groups, starts)


_PREV_RUN = r"([\w'’&.$-]+)"
# Up to four token runs, right to left, in the reversed text: "w1 w2 w3 w4" reversed.
_PREV_RUNS_REVERSED = re.compile(
    rf"{_PREV_RUN}(?:([ \t]{{1,3}}){_PREV_RUN}(?:([ \t]{{1,3}}){_PREV_RUN}(?:([ \t]{{1,3}}){_PREV_RUN})?)?)?"
)


PREV_WORDS = PrevWords

# Numbered list items and headings: "1- Data Literacy", "2. Talks", "(3)".
LIST_PREFIX = regex.compile(
    r"""
    (?:\A|\n)[ \t]{0,12}+                               # start of a line
    (?:[-*•+>][ \t]{1,4}+)?+                            # a bullet
    (?:\#{1,6}[ \t]{1,4}+)?+                            # a markdown heading
    (?:\(|\[)?+                                         # "(3)"
    \Z
    """,
    regex.VERBOSE,
)

# Sentence boundaries: end punctuation then a capital, a blank line, or a new line
# that starts a heading, list item or a capitalised line.
SENTENCE_BREAK = regex.compile(
    r"""
      (?<=[.!?…][\"'”’)\]]{0,3})[ \t]*+\r?\n(?:[ \t]*+\r?\n)*+[ \t]*+  # punctuation then line break(s)
    | (?<=[.!?…][\"'”’)\]]{0,3})[ \t]++(?=[\"'“‘(\[]?+[A-Z0-9$€£])      # punctuation, space, capital
    | [ \t]*+\r?\n(?:[ \t]*+\r?\n)++[ \t]*+                          # blank line
    | [ \t]*+\r?\n[ \t]*+(?=[^a-z\s])                                 # line break before a non-lowercase
    """,
    regex.VERBOSE,
)


# --------------------------------------------------------------------------- fast scan (stdlib re)
#
# The ``regex`` engine is slow at scanning: trying CANDIDATE at every position of a text
# costs about a microsecond per character. The stdlib ``re`` engine runs the same ATOM
# three times faster, and a trie of the candidate words (matched on the lower-cased
# text) lets it skip most positions at once. ``re`` and ``regex`` differ only on some
# non-ASCII characters (combining marks, superscript digits, the Kelvin sign ...):
# ``re_safe`` says whether a text holds none of them; otherwise the patterns above are used.


def _candidate_trie() -> str:
    """CANDIDATE's word alternatives as one prefix tree (same start positions, far fewer branches)."""
    trie: dict[str, Any] = {}

    def add(word: str, tail: str) -> None:
        node = trie
        for ch in word:
            node = node.setdefault(ch, {})
        node.setdefault("", []).append(tail)

    for w in ("us", "usd", "au", "ca", "nz", "hk", "a", "c", "s", "r"):
        add(w, r"\$")
    for w in ("usd", "eur", "gbp", "jpy", "cny", "rmb", "inr", "chf", "aud", "cad", "rs"):
        add(w, r"\b")
    for w in ("a", "an", "one"):
        add(w, rf"(?=\s(?:dozen|{_SCALEWORD}|{_FRACS})\b)")
    for group in (_UNITS, _TEENS, _TENS, "zero|twice|trebled"):
        for w in group.split("|"):
            add(w, r"\b")
    for w in _FRACS.split("|"):
        if w.endswith("s?"):
            add(w[:-2], r"\b")
            add(w[:-2] + "s", r"\b")
        else:
            add(w, r"\b")
    for w in ("doubl", "tripl", "quadrupl", "halv"):
        add(w, r"\w{1,3}\b")

    def gen(node: dict[str, Any]) -> str:
        parts = [re.escape(ch) + gen(child) for ch, child in sorted(node.items()) if ch]
        parts += list(dict.fromkeys(node.get("", [])))
        return parts[0] if len(parts) == 1 else "(?:" + "|".join(parts) + ")"

    return gen(trie)


# CANDIDATE for the lower-cased text (``re``, no IGNORECASE): the same start positions, but for
# "tenfold" and the like (``candidate_starts`` adds those). It also carries ATOM's look-behind
# (on the lower-cased text ``[a-z]`` stands for IGNORECASE's letters), so positions where ATOM
# cannot match are never handed to Python. Every position inside a candidate follows a word
# character, so dropping a candidate uncovers no new match. Each alternative starts with a
# literal character or a class, which ``re`` checks before entering it (the word boundary of
# CANDIDATE is implied by the look-behind).
CANDIDATE_LOWER = re.compile(
    r"(?<![\w.,/\\:'’&^=+\#@])(?<![a-z]-)"
    r"(?:[0-9][0-9]{0,14}+|[$€£¥₹₩₽]|[-+\u2212](?=[$€£¥₹0-9.])|\.(?=[0-9])|" + _candidate_trie() + ")"
)
# CANDIDATE's "\w{3,6}fold": looked for only where the text holds "fold" (tried at every word
# start, it would cost a fifth of the scan).
_FOLD_AT = re.compile(r"fold\b")
_FOLD_WORD = re.compile(r"(?<![\w.,/\\:'’&^=+\#@])(?<![a-z]-)\b\w{3,6}fold\b")


def candidate_starts(low: str, lo: int, hi: int) -> list[int]:
    """Where CANDIDATE matches in ``low[lo:hi]`` (a lower-cased, ``re_safe`` text), in order."""
    starts = [m.start() for m in CANDIDATE_LOWER.finditer(low, lo, hi)]
    if low.find("fold", lo, hi) >= 0:
        extra = []
        for m in _FOLD_AT.finditer(low, lo, hi):
            p = m.start()
            for q in range(max(lo, p - 6), p - 2):
                if _FOLD_WORD.match(low, q, hi) is not None:
                    extra.append(q)
                    break
        if extra:
            starts = sorted(set(starts).union(extra))
    return starts


# ATOM for ``re``: its look-behind needs one fixed width per assertion.
ATOM_RE = re.compile(
    ATOM.pattern.replace(r"(?<![\w.,/\\:'’&^=+\#@%]|[a-z]-)", r"(?<![\w.,/\\:'’&^=+\#@%])(?<![a-z]-)", 1),
    re.VERBOSE | re.IGNORECASE,
)
_URL_TAIL = r"""[^\s<>"'\])]{1,2000}"""
# MASK for ``re``, written so that every alternative starts with one literal character: ``re``
# then skips to the next such character in C instead of trying the pattern at every position
# (a quarter of the time ``regex`` takes). Same alternatives, same order, same matches.
MASK_RE = re.compile(
    "|".join(
        (
            r"!\[[^\]\n]{0,500}\]\([^)\n]{0,2000}\)",  # markdown image
            r"""\((?<=\]\()[^)\s]{1,2000}(?:\s"[^"\n]{0,300}")?\)""",  # markdown link target
            r"\[[^\]\n]{1,300}\]:[ \t]*\S{1,2000}",  # reference-style link definition
            r"<[a-zA-Z/!][^<>\n]{0,1000}>",  # HTML tag or comment
            *(f"{c}[tT][tT][pP][sS]?://{_URL_TAIL}" for c in "hH"),  # URL
            *(f"{c}[tT][pP]://{_URL_TAIL}" for c in "fF"),
            *(rf"{c}(?<!\w{c})[wW][wW]\.{_URL_TAIL}" for c in "wW"),  # bare www URL
            r"`[^`\n]{1,500}`",  # inline code
        )
    )
)
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_ASCII_SEPARATORS = re.compile(r"[\x1c-\x1f]")


@lru_cache(maxsize=8192)
def _re_safe_char(c: str) -> bool:
    low = c.lower()
    return (
        len(low) == 1
        and not low.isascii()
        and bool(regex.match(r"\w", c)) == bool(re.match(r"\w", c)) == bool(re.match(r"\w", low))
        and bool(regex.match(r"\s", c)) == bool(re.match(r"\s", c))
        and not re.match(r"[a-z]", c, re.IGNORECASE)
        and not regex.match(r"[a-z]", c, regex.IGNORECASE | regex.V0)
    )


def re_safe(text: str) -> bool:
    """Whether ``re`` and ``regex`` read ``text`` alike (and lower-casing keeps every offset)."""
    if _ASCII_SEPARATORS.search(text) is not None:
        return False  # \x1c-\x1f: white space to ``re`` (str.isspace), not to ``regex``
    return text.isascii() or all(_re_safe_char(c) for c in set(_NON_ASCII.findall(text)))


def twin(pattern: regex.Pattern[str]) -> re.Pattern[str]:
    """The same pattern compiled by ``re`` (use it only on ``re_safe`` text)."""
    flags = pattern.flags & (regex.VERBOSE | regex.IGNORECASE)
    return re.compile(
        pattern.pattern,
        (re.VERBOSE if flags & regex.VERBOSE else 0) | (re.IGNORECASE if flags & regex.IGNORECASE else 0),
    )


_PREV_TOKEN_RE = twin(_PREV_TOKEN)
_NEXT_WORDS_RE = twin(NEXT_WORDS)
_NEXT_REACH = 200  # NEXT_WORDS never reads further than this past its start


def next_words(text: str, pos: int) -> Any:
    """``NEXT_WORDS.match(text, pos)``, by ``re`` when the few characters it may read allow."""
    if re_safe(text[pos : pos + _NEXT_REACH]):
        return _NEXT_WORDS_RE.match(text, pos)
    return NEXT_WORDS.match(text, pos)
