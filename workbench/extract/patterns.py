"""Compiled patterns of the extractor (VERBOSE, a comment per line).

Every repetition is bounded or possessive, so no pattern backtracks badly on
adversarial input (long digit runs, no spaces, repeated hedges).
"""

from __future__ import annotations

import regex

__all__ = [
    "ATOM",
    "FRONT_MATTER",
    "LIST_PREFIX",
    "MASK",
    "NEXT_WORDS",
    "PREV_WORDS",
    "SENTENCE_BREAK",
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
    | \b[\w.+-]{1,100}@[\w-]{1,100}(?:\.[\w-]{1,60}){1,5}  # e-mail address
    | (?<![\w$£€])[@#]\w{1,100}                        # @mention, #hashtag, #42
    | `[^`\n]{1,500}`                                 # inline code
    | \b[\w-]{1,200}\.(?:jpe?g|png|gif|webp|svg|pdf|html?|md|csv|json|py|txt|docx?|xlsx?|pptx?|zip)\b  # file name
    | \b[a-z]{1,30}(?:\.[a-z0-9-]{1,60}){0,3}\.(?:com|org|net|io|ai|gov|edu|co\.uk|dev|app)(?:/\S{0,500})?\b  # domain
    | \b[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}\b   # ISO date 2025-02-21
    | \b[0-9]{1,2}[/.][0-9]{1,2}[/.][0-9]{2,4}\b   # 21/02/2025, 2.21.25
    | \b[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?:\s?[ap]\.?m\.?)?  # clock time 10:30, 9:15 pm
    | \b[0-9]{1,2}\s?[ap]\.m\.                         # 9 a.m.
    | \b[0-9]{1,2}\s?[ap]m\b                           # 9 pm
    | \b[0-9]{1,2}[-/][0-9]{4}\b                      # 02/2025
    | \bv?[0-9]{1,4}(?:\.[0-9]{1,4}){2,6}\b          # version 1.2.3, IP address
    | \bv[0-9]{1,4}(?:\.[0-9]{1,4}){0,6}\b          # v2, v2.1
    | (?<![\w$£€¥])[a-z]{1,20}[-_]?[0-9][\w-]{0,40}   # identifiers: NCT04829311, GPT-4, COVID-19, Q3, FY2024
    | [0-9]{1,10}-[a-z]{1,20}[-_][0-9][\w-]{0,40}    # product codes 12-ab-34
    | (?<![\w.,])\+?\(?[0-9]{1,4}\)?(?:[ .-]\(?[0-9]{2,5}\)?){2,5}(?![\w%])  # phone-like digit groups
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
    (?<![\w.,/\\:'’&^=+]|[a-z]-)                     # not glued to a word, path or another number
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
        | -percent\b                                    # 31-percent
        | \s?+(?:percentage|basis)\s+points?\b           # basis points
        | \s?+bps\b                                     # 25bps
        | (?-i:x|X)(?![\w])                              # 3x
        | \s?+×                                          # 3×
        | -?fold\b                                      # 10-fold
        | \s(?:times)(?=\s(?:as|more|higher|greater|larger|bigger|faster|lower|smaller|less|fewer|the|that|than|over|what|its|their|his|her|our)\b)  # three times as likely
        | \s?+(?-i:USD|EUR|GBP|JPY|CNY|RMB|INR|CHF|AUD|CAD)\b  # 5 million USD
        | \s(?:dollars?|euros?|pounds\s+sterling|yen|yuan|rupees?|pesos?|francs)\b  # 5 million dollars
        | \s?+°\s?+[CF]\b                                # 1.2°C
        | (?-i:C|F)(?![\w])                             # 1.2C
      )?+
    )
    (?![\w]|-(?![0-9]))                                 # not glued to the next word (1950s, 5-year, 3rd)
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

# Up to four words before a claim (matched on the reversed window is too clever: we
# match on a bounded window that ends at the claim and anchor at its end).
PREV_WORDS = regex.compile(
    r"""
    (?:(?P<w4>[\w'’&.$-]{1,40}+)[ \t]{1,3}+)?            # fourth word back
    (?:(?P<w3>[\w'’&.$-]{1,40}+)[ \t]{1,3}+)?            # third word back
    (?:(?P<w2>[\w'’&.$-]{1,40}+)[ \t]{1,3}+)?            # second word back
    (?P<w1>[\w'’&.$-]{1,40}+)                           # the word right before
    (?P<punct>[,;:()"“”]?+)[ \t]{0,3}+\Z                # maybe a comma, then white space up to the claim
    """,
    regex.VERBOSE,
)

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
