"""Numbers as written in prose -> floats.

The doctests are the spec:

>>> parse_number("1.2 million")
1200000.0
>>> parse_number("$1.1bn")
1100000000.0
>>> parse_number("360k")
360000.0
>>> parse_number("1,234.5")
1234.5
>>> parse_number("-3.2")
-3.2
>>> parse_number("Thirteen")
13.0
>>> parse_number("ninety-nine")
99.0
>>> parse_number("a dozen")
12.0
>>> parse_number("two hundred")
200.0
>>> parse_number("three million")
3000000.0
>>> parse_number("two-thirds")
0.6666666666666666
>>> parse_number("a fifth")
0.2
>>> parse_number("half")
0.5
>>> parse_number("a quarter")
0.25
>>> parse_number("n/a") is None
True
"""

from __future__ import annotations

import regex

__all__ = ["FRACTION_WORDS", "SCALES", "WORD_NUMBERS", "parse_number", "parse_number_words", "scale_of"]

WORD_NUMBERS: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15,
    "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30,
    "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1,
    "dozen": 12,
}  # fmt: skip

# Scale words and abbreviations, lower-cased. "m" and "b" are millions and billions,
# as in business prose ("$5m", "3bn"); metres never reach this table (see patterns.py).
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "m": 1e6, "mln": 1e6,
    "billion": 1e9, "bn": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12, "t": 1e12, "dozen": 12.0,
}  # fmt: skip

# Denominators of fraction words: "a fifth" -> 1/5, "two-thirds" -> 2/3.
FRACTION_WORDS: dict[str, float] = {
    "half": 2, "halves": 2, "third": 3, "thirds": 3, "quarter": 4, "quarters": 4, "fourth": 4,
    "fourths": 4, "fifth": 5, "fifths": 5, "sixth": 6, "sixths": 6, "seventh": 7, "sevenths": 7,
    "eighth": 8, "eighths": 8, "ninth": 9, "ninths": 9, "tenth": 10, "tenths": 10,
}  # fmt: skip

_DIGITS = regex.compile(
    r"""
    (?P<sign>[-+\u2212])?+              # optional sign (ASCII or the Unicode minus)
    [^\d.]{0,12}?                       # a currency symbol or code between sign and digits
    (?P<num>\d[\d,]*+(?:\.\d++)?+       # 1,234.5
      | \.\d++)                         # .5
    \s?+
    (?P<scale>[a-z]+)?                  # million, bn, k ...
    """,
    regex.VERBOSE | regex.IGNORECASE,
)
_WORD = regex.compile(r"[a-z]+", regex.IGNORECASE)


def scale_of(word: str | None) -> float:
    """The multiplier of a scale word; 1 for none or an unknown word.

    >>> scale_of("bn")
    1000000000.0
    >>> scale_of(None)
    1.0
    """
    if not word:
        return 1.0
    return SCALES.get(word.lower(), 1.0)


def _parse_words(words: list[str]) -> float | None:
    """Sum-and-scale parse of number words ("two hundred fifty thousand")."""
    total = 0.0
    current = 0.0
    seen = False
    for w in words:
        if w in ("and",):
            continue
        if w in WORD_NUMBERS and w != "dozen":
            current += WORD_NUMBERS[w]
            seen = True
        elif w == "dozen":
            current = (current or 1) * 12
            seen = True
        elif w == "hundred":
            current = (current or 1) * 100
            seen = True
        elif w in SCALES and len(w) > 2:
            total += (current or 1) * SCALES[w]
            current = 0.0
            seen = True
        else:
            return None
    return total + current if seen else None


def parse_number(text: str) -> float | None:
    """Parse a number as written in prose; None when ``text`` holds none."""
    s = text.strip()
    if not s:
        return None
    m = _DIGITS.search(s)
    if m is not None:
        num = m.group("num").replace(",", "")
        try:
            value = float(num)
        except ValueError:
            return None
        value *= scale_of(m.group("scale"))
        return -value if m.group("sign") in ("-", "\u2212") else value
    return parse_number_words(s)


def parse_number_words(text: str) -> float | None:
    """``parse_number`` of a number written in words only ("two-thirds", "a dozen").

    >>> parse_number_words("two-thirds")
    0.6666666666666666
    """
    words = [w.lower() for w in _WORD.findall(text.replace("-", " "))]
    if not words:
        return None
    # Fractions: "two-thirds", "a fifth", "half", "three quarters".
    if words[-1] in FRACTION_WORDS and (len(words) == 1 or words[-2] in WORD_NUMBERS):
        num_words = words[:-1]
        numerator = _parse_words(num_words) if num_words else 1.0
        if numerator is None:
            return None
        return numerator / FRACTION_WORDS[words[-1]]
    if words[0] in ("a", "an") and len(words) == 1:
        return None
    return _parse_words(words)
