"""Arithmetic checks inside one document: do the figures in a sentence agree with each other?

Each check reads the claims of one sentence together with the words between them,
and is conservative: it flags only when the figures are plainly presented as
related (endpoints and the change between them, shares of one whole, a multiple
and a percentage for the same rise, a yearly rate and its total).

Tolerance follows the precision written (:func:`workbench.match.equivalence.written_tolerance`),
propagated through the arithmetic, so "from 4.7 to 3.1 hours, a 34% cut" passes.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from workbench.extract.types import Claim
from workbench.match.equivalence import written_tolerance
from workbench.match.passages import split_sentences

__all__ = [
    "CHECKWORTHINESS_BOOST",
    "FLAG_NAMES",
    "ArithmeticFlag",
    "check_arithmetic",
]

#: The flag the store adds to each claim involved, per kind of check.
FLAG_NAMES: dict[str, str] = {
    "pp_vs_percent": "arithmetic_pp_vs_percent",
    "change_mismatch": "arithmetic_change_mismatch",
    "shares_over_100": "arithmetic_shares_over_100",
    "times_vs_percent": "arithmetic_times_vs_percent",
    "cagr_mismatch": "arithmetic_cagr_mismatch",
}

#: How much each flag should raise a claim's check-worthiness (added, then capped at 1.0).
#: An internal contradiction is strong evidence that something is wrong, stronger than a
#: missing source, so these outrank the extractor's own signals; the shares check is the
#: most heuristic of them, so it counts for less.
CHECKWORTHINESS_BOOST: dict[str, float] = {
    "arithmetic_pp_vs_percent": 0.3,
    "arithmetic_change_mismatch": 0.3,
    "arithmetic_shares_over_100": 0.2,
    "arithmetic_times_vs_percent": 0.25,
    "arithmetic_cagr_mismatch": 0.3,
}


@dataclass(frozen=True, slots=True)
class ArithmeticFlag:
    """One inconsistency between figures of the same sentence.

    ``claim_indices`` index the ``claims`` list given to :func:`check_arithmetic`;
    ``claim_starts`` are the same claims' start offsets in the text, for the store.
    ``expected`` is what the arithmetic gives, ``stated`` what the text says,
    both on the stated figure's scale (percent for percentages).
    """

    kind: str
    claim_indices: tuple[int, ...]
    claim_starts: tuple[int, ...]
    message: str
    expected: float | None
    stated: float | None

    @property
    def flag_name(self) -> str:
        return FLAG_NAMES[self.kind]


_CHANGE_WORDS = regex.compile(
    r"(?i)\b(increas\w*|decreas\w*|ris(?:e|es|ing)|rose|fall(?:s|ing)?|fell|drop\w*|reduc\w*|cut\w*|"
    r"declin\w*|gain\w*|jump\w*|grow\w*|grew|growth|climb\w*|surg\w*|lower|higher|more|less|up|down|"
    r"improv\w*|boost\w*|shr[iu]nk\w*|slump\w*)\b"
)
_MORE_WORDS = regex.compile(
    r"(?i)\b(more|higher|greater|larger|bigger|increase\w*|rise|rose|up|extra|faster)\b"
)
_PER_YEAR = regex.compile(
    r"(?i)^\W{0,3}(?:a|per|each|every)\s+year\b|^\W{0,3}(?:annually|yearly|per\s+annum)\b"
)
_YEARS = regex.compile(
    r"(?i)\b(?:for|over|across|in)\s+(?:the\s+(?:past|last|next|following)\s+)?"
    r"(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty)"
    r"\s+(?:consecutive\s+|straight\s+|successive\s+)?years\b"
)
_TOTAL_WORDS = regex.compile(
    r"(?i)\b(in\s+total|total|overall|altogether|cumulative\w*|in\s+all|all\s+told)\b"
)
_WORD_NUMBERS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
}
_FROM_BEFORE = regex.compile(r"(?i)\bfrom\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|just\s+)?$")
_TO_BETWEEN = regex.compile(
    r"(?i)^\s*(?:to|down\s+to|up\s+to)\s+(?:about\s+|around\s+|roughly\s+|nearly\s+|just\s+)?$"
)
_OF_GROUP = regex.compile(r"(?i)^\s+of\s+(?:the\s+|all\s+|those\s+|these\s+|its\s+|their\s+|our\s+)?(\p{L}+)")
_BREAKDOWN_CUE = regex.compile(
    r"(?i)\b(while|whereas|the\s+rest|remaining|remainder|the\s+others?|others|whilst)\b|;"
)
_REST = regex.compile(r"(?i)\b(the\s+rest|remaining|remainder|the\s+others?|others|other)\b")
_NEGATED = regex.compile(r"(?i)\b(not|n't|no|never|neither|undecided|unsure|against|oppose\w*)\b")


def _fmt(v: float) -> str:
    r = round(v, 1)
    return f"{int(r)}" if r == int(r) else f"{r}"


def _is_percent(c: Claim) -> bool:
    return c.unit == "percent" and c.value is not None


def _by_sentence(claims: Sequence[Claim], text: str) -> list[list[int]]:
    spans = split_sentences(text)
    starts = [s for s, _ in spans]
    groups: dict[int, list[int]] = {}
    for i, c in enumerate(claims):
        k = bisect.bisect_right(starts, c.start) - 1
        groups.setdefault(k, []).append(i)
    return [sorted(g, key=lambda i: claims[i].start) for g in groups.values()]


def _tol(c: Claim) -> float:
    return written_tolerance(c.text, c.value or 0.0, c.unit, c.hedge)


def _is_change(c: Claim, text: str) -> bool:
    if c.direction:
        return True
    around = text[max(0, c.start - 30) : c.start] + " " + text[c.end : c.end + 30]
    return bool(_CHANGE_WORDS.search(around))


def check_arithmetic(claims: Sequence[Claim], text: str) -> list[ArithmeticFlag]:
    """All arithmetic inconsistencies among ``claims`` (from ``extract_claims(text)``)."""
    flags: list[ArithmeticFlag] = []
    for group in _by_sentence(claims, text):
        if len(group) < 1:
            continue
        flags.extend(_check_changes(claims, group, text))
        flags.extend(_check_times(claims, group, text))
        flags.extend(_check_cagr(claims, group, text))
        flags.extend(_check_shares(claims, group, text))
    return flags


def _flag(
    kind: str, claims: Sequence[Claim], idx: Sequence[int], msg: str, expected: float, stated: float
) -> ArithmeticFlag:
    idx = tuple(sorted(set(idx)))
    return ArithmeticFlag(kind, idx, tuple(claims[i].start for i in idx), msg, expected, stated)


# --- a stated change against its endpoints ------------------------------------------------


def _endpoint_pairs(
    claims: Sequence[Claim], group: list[int], text: str
) -> list[tuple[float, float, float, float, str, tuple[int, ...]]]:
    """(from, to, tol_from, tol_to, unit, claim indices) for each "from X to Y" in the sentence."""
    pairs: list[tuple[float, float, float, float, str, tuple[int, ...]]] = []
    for i in group:
        c = claims[i]
        if c.value_from is not None and c.value is not None:
            # one claim holds both figures; read each one's precision from the same text
            t = written_tolerance(c.text.split(" to ")[-1], c.value, c.unit, c.hedge)
            f = written_tolerance(c.text.split(" to ")[0], c.value_from, c.unit, c.hedge)
            pairs.append((c.value_from, c.value, f, t, c.unit, (i,)))
        elif (
            c.value_high is not None
            and c.value is not None
            and " to " in c.text
            and (
                c.text.lower().startswith("from ")
                or _FROM_BEFORE.search(text[max(0, c.start - 25) : c.start])
            )
        ):
            # "rose from 6% to 8%" read as a range 6..8: after "from", it is a change
            low, high = c.text.rsplit(" to ", 1)
            f = written_tolerance(low, c.value, c.unit, c.hedge)
            t = written_tolerance(high, c.value_high, c.unit, c.hedge)
            pairs.append((c.value, c.value_high, f, t, c.unit, (i,)))
    for a, b in zip(group, group[1:], strict=False):
        ca, cb = claims[a], claims[b]
        if ca.value is None or cb.value is None or ca.unit != cb.unit or ca.value_from is not None:
            continue
        if _FROM_BEFORE.search(text[max(0, ca.start - 25) : ca.start]) and _TO_BETWEEN.match(
            text[ca.end : cb.start]
        ):
            pairs.append((ca.value, cb.value, _tol(ca), _tol(cb), ca.unit, (a, b)))
    return pairs


def _check_changes(claims: Sequence[Claim], group: list[int], text: str) -> list[ArithmeticFlag]:
    out = []
    for v_from, v_to, tol_from, tol_to, unit, ends in _endpoint_pairs(claims, group, text):
        if v_from == 0:
            continue
        stated = [
            i
            for i in group
            if i not in ends
            and claims[i].unit in {"percent", "percentage_points"}
            and claims[i].value is not None
            and claims[i].value_from is None
            and _is_change(claims[i], text)
        ]
        if not stated:
            continue
        s_idx = min(stated, key=lambda i: abs(claims[i].start - claims[ends[-1]].end))
        s = claims[s_idx]
        sv = abs(s.value or 0.0)
        rel = (v_to - v_from) / abs(v_from) * 100.0
        diff = v_to - v_from
        # precision of the endpoints, propagated through (to - from) / from
        rel_tol = 100.0 * (tol_to / abs(v_from) + tol_from * abs(v_to) / v_from**2)
        s_tol = _tol(s)
        idx = (*ends, s_idx)
        u = "%" if unit == "percent" else ""
        span = f"from {_fmt(v_from)}{u} to {_fmt(v_to)}{u}"
        if s.unit == "percentage_points":
            if unit == "percent" and abs(sv - abs(diff)) > s_tol + tol_to + tol_from:
                out.append(
                    _flag(
                        "change_mismatch",
                        claims,
                        idx,
                        f"A change {span} is {_fmt(abs(diff))} percentage points, "
                        f"but the text says {_fmt(sv)} percentage points.",
                        abs(diff),
                        sv,
                    )
                )
            continue
        if abs(sv - abs(rel)) <= s_tol + rel_tol:
            if s.direction and (s.direction == "increase") != (rel > 0) and abs(rel) > rel_tol:
                out.append(
                    _flag(
                        "change_mismatch",
                        claims,
                        idx,
                        f"A change {span} is {'a rise' if rel > 0 else 'a fall'}, "
                        f"but the text calls it {'an increase' if s.direction == 'increase' else 'a decrease'}.",
                        rel,
                        sv,
                    )
                )
            continue
        if unit == "percent" and abs(sv - abs(diff)) <= s_tol + tol_to + tol_from:
            out.append(
                _flag(
                    "pp_vs_percent",
                    claims,
                    idx,
                    f"A change {span} is {_fmt(abs(diff))} percentage points, which is a "
                    f"{_fmt(abs(rel))}% {'increase' if rel > 0 else 'decrease'}; the text calls it "
                    f"{_fmt(sv)}%, confusing percentage points with percent.",
                    abs(rel),
                    sv,
                )
            )
            continue
        out.append(
            _flag(
                "change_mismatch",
                claims,
                idx,
                f"A change {span} is a {_fmt(abs(rel))}% {'increase' if rel > 0 else 'decrease'}, "
                f"but the text says {_fmt(sv)}%.",
                abs(rel),
                sv,
            )
        )
    return out


# --- "3 times more" against "200% more" ---------------------------------------------------


def _check_times(claims: Sequence[Claim], group: list[int], text: str) -> list[ArithmeticFlag]:
    out = []
    mults = [i for i in group if claims[i].unit == "multiplier" and (claims[i].value or 0) > 1]
    pcts = [
        i
        for i in group
        if _is_percent(claims[i])
        and claims[i].value_from is None
        and (
            claims[i].direction == "increase" or _MORE_WORDS.search(text[claims[i].end : claims[i].end + 25])
        )
    ]
    for m in mults:
        if not pcts:
            break
        p = min(pcts, key=lambda i: abs(claims[i].start - claims[m].start))
        mv, pv = claims[m].value or 0.0, claims[p].value or 0.0
        expected = (mv - 1.0) * 100.0
        tol = _tol(claims[p]) + 1.0
        if abs(pv - expected) <= tol:
            continue
        if abs(pv - mv * 100.0) <= tol:
            msg = (
                f"{_fmt(mv)} times as much is {_fmt(expected)}% more, not {_fmt(pv)}% more: "
                f"{_fmt(pv)}% more would be {_fmt(mv + 1)} times as much. "
                "'Times more' and 'percent more' are off by one here."
            )
        else:
            msg = (
                f"{_fmt(mv)} times as much is {_fmt(expected)}% more, but the text gives {_fmt(pv)}%; "
                "the multiple and the percentage do not describe the same rise."
            )
        out.append(_flag("times_vs_percent", claims, (m, p), msg, expected, pv))
    return out


# --- a yearly rate against the total it claims --------------------------------------------


def _check_cagr(claims: Sequence[Claim], group: list[int], text: str) -> list[ArithmeticFlag]:
    yearly = [
        i
        for i in group
        if _is_percent(claims[i]) and _PER_YEAR.search(text[claims[i].end : claims[i].end + 20])
    ]
    if not yearly:
        return []
    first, last = claims[group[0]].start, claims[group[-1]].end
    sentence = text[max(0, first - 200) : last + 200]
    years = _YEARS.search(sentence)
    if not years:
        return []
    n_text = years.group("n").lower()
    n = int(n_text) if n_text.isdigit() else _WORD_NUMBERS[n_text]
    out = []
    for y in yearly:
        totals = [
            i
            for i in group
            if i != y
            and _is_percent(claims[i])
            and _TOTAL_WORDS.search(text[max(0, claims[i].start - 30) : claims[i].end + 30])
        ]
        if not totals:
            continue
        t = totals[0]
        r, tv = claims[y].value or 0.0, claims[t].value or 0.0
        expected = ((1.0 + r / 100.0) ** n - 1.0) * 100.0
        # the yearly rate's own rounding, compounded
        tol = _tol(claims[t]) + n * (1.0 + r / 100.0) ** (n - 1) * _tol(claims[y]) + 0.5
        if abs(tv - expected) <= tol:
            continue
        msg = (
            f"{_fmt(r)}% a year for {n} years compounds to about {_fmt(expected)}% in total, not {_fmt(tv)}%."
        )
        if abs(tv - r * n) <= _tol(claims[t]) + 0.5:
            msg += f" {_fmt(tv)}% is what you get by adding {n} x {_fmt(r)}% instead of compounding."
        out.append(_flag("cagr_mismatch", claims, (y, t), msg, expected, tv))
    return out


# --- shares of one whole that add up to more than 100% ------------------------------------


def _check_shares(claims: Sequence[Claim], group: list[int], text: str) -> list[ArithmeticFlag]:
    shares = [
        i
        for i in group
        if _is_percent(claims[i])
        and claims[i].value_high is None
        and claims[i].value_from is None
        and not claims[i].direction
        and not _CHANGE_WORDS.search(text[claims[i].end : claims[i].end + 12])
    ]
    if len(shares) < 2:
        return []
    # Chain consecutive shares of the same whole: "62% of voters back it, while 45% do not".
    # Both must be shares of one group (named once, or the same name twice), joined by a
    # breakdown cue, and the later one must read as the complement ("not", "the rest", ...):
    # "60% of adults use X and 50% of adults use Y" may well overlap, so it is left alone.
    groups: dict[str, list[int]] = {}
    current: str | None = None
    prev: int | None = None
    for i in shares:
        c = claims[i]
        m = _OF_GROUP.match(text[c.end : c.end + 60])
        name = m.group(1).lower().rstrip("s") if m else None
        if prev is not None and current is not None and name in {None, current}:
            between = text[claims[prev].end : c.start]
            clause = text[c.end : c.end + 50]
            joined = _BREAKDOWN_CUE.search(between) or regex.search(r"(?i)\band\b", between)
            complement = _NEGATED.search(clause) or _REST.search(between + " " + clause)
            if joined and complement:
                members = groups.setdefault(current, [prev])
                if members[-1] != prev:
                    members.append(prev)
                members.append(i)
                prev = i
                continue
        current, prev = name, i
    out = []
    for name, members in groups.items():
        if len(members) < 2:
            continue
        total = sum(claims[i].value or 0.0 for i in members)
        if total > 100.5:
            parts = " + ".join(f"{_fmt(claims[i].value or 0.0)}%" for i in members)
            out.append(
                _flag(
                    "shares_over_100",
                    claims,
                    members,
                    f"These shares of the same group ({name}s) add up to {_fmt(total)}% ({parts}), more than 100%. "
                    "Unless people could be counted in more than one group, one of the figures is wrong.",
                    100.0,
                    total,
                )
            )
    return out
