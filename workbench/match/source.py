"""Match one claim against a source text: does the source give the same figure?

The pipeline keeps a 1 MB source under a second:

1. split the source into passages (paragraphs; long ones into sentence windows);
2. prefilter cheaply: the passage has a number in it and shares word stems with
   the claim's metric and sentence (set intersection, no fuzzy matching yet);
3. rank the survivors with rapidfuzz (``process.extract`` with a ``score_cutoff``);
4. run the extractor on the best few passages only, and score each figure's own
   clause against the claim, so the same number about something else is not
   mistaken for support;
5. compare figures unit-aware (:mod:`workbench.match.equivalence`).

The outcome is a *suggestion* for a reviewer. Nothing here writes a verdict.
"""

from __future__ import annotations

import heapq
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import regex
from rapidfuzz import fuzz, process, utils

from workbench.errors import BadInput
from workbench.extract.types import Claim
from workbench.match.equivalence import Comparison, compare_figures, to_common_scale
from workbench.match.passages import keywords, split_passages, split_sentences, stems

__all__ = [
    "DIFFERS_MIN_SCORE",
    "SUPPORTS_MIN_SCORE",
    "Passage",
    "SourceMatch",
    "match_source",
    "suggest_verdict",
]

Extractor = Callable[[str], Sequence[Claim]]

#: A figure's clause must be at least this similar (0-100) to the claim to support it.
SUPPORTS_MIN_SCORE = 70.0
#: ... and at least this similar to be reported as a different figure for the same thing.
DIFFERS_MIN_SCORE = 72.0
#: Passages given to the extractor after the cheap prefilter and the fuzzy ranking.
_EXTRACT_PASSAGES = 24
#: Not the same measure, but worth showing a reviewer as a different figure for the same thing.
_REPORTED_MISMATCHES = frozenset({"pp_vs_percent", "currency_mismatch"})
_PREFILTER_PASSAGES = 200

_HAS_NUMBER = regex.compile(
    r"\d|(?i:\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen"
    r"|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty"
    r"|ninety|hundred|half|third|quarter|fifth|tenth|double[ds]?|triple[ds]?|halved|percent)\b)"
)
# Where one clause ends and another begins: a figure's topic stays on its side of these.
_CLAUSE_BREAK = regex.compile(r"(?i);|,\s+(?:and|but|while|whereas)\b|\bwhile\b|\bwhereas\b|\bbut\b|:\s")


@dataclass(frozen=True, slots=True)
class Passage:
    """A passage of the source; offsets index into the source text.

    ``figure_start``/``figure_end`` locate the figure that decided the match, if any.
    ``score`` is 0-100: the figure's topical similarity, else the passage's.
    """

    text: str
    start: int
    end: int
    score: float
    figure_start: int | None = None
    figure_end: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "score": round(self.score, 1),
            "figure_start": self.figure_start,
            "figure_end": self.figure_end,
        }


@dataclass(frozen=True, slots=True)
class SourceMatch:
    """What the source says about the claim.

    ``status`` is ``supports``, ``number_differs`` or ``not_found``.
    ``source_value`` is the source's figure, normalised like the claim record
    (value, value_high, unit, currency, noun, text, start, end) or None.
    ``deviation`` is source minus claim on the claim's scale (percentage points
    for percent claims); ``relative_deviation`` is that over the claim value.
    ``reason`` is the comparison's reason (e.g. ``pp_vs_percent``).
    """

    status: str
    source_value: dict[str, Any] | None
    deviation: float | None
    passages: list[Passage]
    suggested_verdict: str | None
    explanation: str
    relative_deviation: float | None = None
    reason: str | None = None
    claim: Claim | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: status, source_value, deviation, passages, suggested_verdict, explanation."""
        return {
            "status": self.status,
            "source_value": self.source_value,
            "deviation": self.deviation,
            "relative_deviation": self.relative_deviation,
            "reason": self.reason,
            "passages": [p.to_dict() for p in self.passages],
            "suggested_verdict": self.suggested_verdict,
            "explanation": self.explanation,
        }


def suggest_verdict(match: SourceMatch) -> str | None:
    """A verdict a reviewer may accept; never applied automatically.

    supports -> ``accurate``; number_differs -> ``inaccurate``, or ``misleading``
    when the gap is small (within 5% of the value, or a rounding step) or the
    source measures in percentage points where the claim says percent;
    not_found -> ``unsupported``.
    """
    if match.status == "supports":
        return "accurate"
    if match.status == "number_differs":
        if match.reason == "pp_vs_percent":
            return "misleading"
        rel = match.relative_deviation
        if rel is not None and abs(rel) <= 0.05:
            return "misleading"
        return "inaccurate"
    if match.status == "not_found":
        return "unsupported"
    return None


def _default_extractor() -> Extractor:
    from workbench.extract import extract_claims

    return extract_claims


def _pick_claim(text: str, extract: Extractor) -> Claim:
    claims = [c for c in extract(text) if c.value is not None]
    if not claims:
        raise BadInput(f"no numeric claim found in {text[:80]!r}")
    # the most check-worthy; the first one on ties
    return max(enumerate(claims), key=lambda ic: (ic[1].checkworthiness, -ic[0]))[1]


def _fmt(v: float) -> str:
    if v == int(v) and abs(v) < 1e15:
        return f"{int(v):,}"
    return f"{v:,.2f}".rstrip("0").rstrip(".")


def _describe(value: float, unit: str, currency: str | None = None, noun: str | None = None) -> str:
    if unit in {"percent", "fraction"}:
        return f"{_fmt(to_common_scale(value, unit))}%"
    if unit == "percentage_points":
        return f"{_fmt(value)} percentage points"
    if unit == "multiplier":
        return f"{_fmt(value)} times"
    if unit == "currency":
        return f"{currency + ' ' if currency else ''}{_fmt(value)}"
    return f"{_fmt(value)}{' ' + noun if noun else ''}"


def _deviation_words(comp: Comparison, claim: Claim) -> str:
    if comp.deviation is None:
        return ""
    unit_word = {
        "percent": " percentage points",
        "fraction": " percentage points",
        "percentage_points": " percentage points",
    }.get(claim.unit, "")
    text = f"a difference of {'+' if comp.deviation > 0 else ''}{_fmt(round(comp.deviation, 4))}{unit_word}"
    if comp.relative_deviation is not None:
        text += f" ({comp.relative_deviation * 100:+.1f}% of the claimed figure)"
    return text


@dataclass(slots=True)
class _Candidate:
    figure: Claim
    start: int  # offsets into the source
    end: int
    score: float
    passage: int
    comparison: Comparison


def _clause_window(
    source: str, sent: tuple[int, int], fig_start: int, fig_end: int, neighbours: list[int]
) -> str:
    """The words around a figure that belong to it: its clause, within its sentence."""
    ss, se = sent
    lo = max(ss, fig_start - 100)
    hi = min(se, fig_end + 60)
    for n in neighbours:  # other figures' offsets in the same sentence bound the window
        if n < fig_start:
            lo = max(lo, n)
        elif n >= fig_end:
            hi = min(hi, n)
    before = source[lo:fig_start]
    breaks = list(_CLAUSE_BREAK.finditer(before))
    if breaks:
        lo += breaks[-1].end()
    after = source[fig_end:hi]
    m = _CLAUSE_BREAK.search(after)
    if m:
        hi = fig_end + m.start()
    return source[lo:hi]


def match_source(
    claim: Claim | str,
    source_text: str,
    *,
    top_k: int = 3,
    extractor: Extractor | None = None,
) -> SourceMatch:
    """Find the claim's figure in ``source_text``.

    ``claim`` may be a :class:`Claim` or a sentence, from which the most
    check-worthy claim is extracted (:class:`~workbench.errors.BadInput` if it
    has none). ``extractor`` defaults to :func:`workbench.extract.extract_claims`.
    """
    extract = extractor or _default_extractor()
    if isinstance(claim, str):
        claim = _pick_claim(claim, extract)

    hedge = claim.hedge or _hedge_before(claim)
    metric = (claim.metric or "").strip()
    metric_kw = keywords(metric)
    sentence_kw = keywords(claim.sentence.replace(claim.text, " ") if claim.sentence else "")
    if not sentence_kw and not metric_kw:
        sentence_kw = keywords(claim.text)
    metric_stems = stems(metric_kw)
    sentence_stems = stems(sentence_kw) - metric_stems
    query = " ".join(dict.fromkeys(metric_kw + sentence_kw))
    clause = _claim_clause(claim)
    # the claim's sentence may state other figures ("31.4% ... more than half"): a source
    # figure that matches one of those is that figure's twin, not a rival of the claim's
    siblings = _sibling_figures(claim, extract)

    # 1-2. passages with a number and shared stems (cheap), best first
    spans = split_passages(source_text)
    scored: list[tuple[float, int]] = []
    word_re = regex.compile(r"\p{L}{2,}")
    for i, (ps, pe) in enumerate(spans):
        chunk = source_text[ps:pe]
        if not _HAS_NUMBER.search(chunk):
            continue
        found = {w[:5] for w in word_re.findall(chunk.lower())}
        cheap = 2.0 * len(metric_stems & found) + len(sentence_stems & found)
        if cheap >= (2.0 if metric_stems else 1.0):
            scored.append((cheap, i))
    best = heapq.nlargest(_PREFILTER_PASSAGES, scored)

    # 3. fuzzy ranking of the survivors
    choices = {i: source_text[spans[i][0] : spans[i][1]] for _, i in best}
    ranked = process.extract(
        query,
        choices,
        scorer=fuzz.token_set_ratio,
        processor=utils.default_process,
        limit=_EXTRACT_PASSAGES,
        score_cutoff=30,
    )
    passage_score = {key: float(score) for _, score, key in ranked}

    # 4. figures in the best passages, each scored on its own clause
    candidates: list[_Candidate] = []
    seen: set[tuple[int, int]] = set()
    for _, _, i in ranked:
        ps, pe = spans[i]
        chunk = source_text[ps:pe]
        figures = [f for f in extract(chunk) if f.value is not None]
        sents = split_sentences(chunk)
        offsets = [(f.start, f.end) for f in figures]
        for f in figures:
            key = (ps + f.start, ps + f.end)
            if key in seen:
                continue
            seen.add(key)
            sent = next(((s, e) for s, e in sents if s <= f.start < e), (0, len(chunk)))
            neighbours = [
                o for s, e in offsets if (s, e) != (f.start, f.end) and sent[0] <= s < sent[1] for o in (s, e)
            ]
            window = _clause_window(chunk, sent, f.start, f.end, neighbours)
            score = _topical_score(metric, clause, query, window, chunk[sent[0] : sent[1]], f)
            comp = compare_figures(
                claim.value,
                claim.unit,
                claim.text,
                f.value,
                f.unit,
                f.text,
                claim_value_high=claim.value_high,
                source_value_high=f.value_high,
                claim_currency=claim.currency,
                source_currency=f.currency,
                claim_noun=claim.noun,
                source_noun=f.noun,
                claim_hedge=hedge,
            )
            if not comp.equal and any(_same_figure(f, o) for o in siblings):
                continue
            candidates.append(_Candidate(f, key[0], key[1], score, i, comp))

    return _decide(claim, source_text, spans, passage_score, candidates, top_k)


_HEDGE_BEFORE = regex.compile(
    r"(?i)\b(more than|less than|fewer than|at least|up to|over|under|about|around|roughly|nearly|almost"
    r"|approximately|some)\s+$"
)


def _hedge_before(claim: Claim) -> str | None:
    """A hedge written just before the figure in its sentence, when the claim has none."""
    if not claim.sentence:
        return None
    at = claim.sentence.find(claim.text)
    if at < 0:
        return None
    m = _HEDGE_BEFORE.search(claim.sentence[max(0, at - 20) : at])
    return m.group(1).lower() if m else None


def _sibling_figures(claim: Claim, extract: Extractor) -> list[Claim]:
    if not claim.sentence or claim.text not in claim.sentence:
        return []
    at = claim.sentence.find(claim.text)
    return [
        f
        for f in extract(claim.sentence)
        if f.value is not None and not (f.start <= at < f.end or at <= f.start < at + len(claim.text))
    ]


def _same_figure(a: Claim, b: Claim) -> bool:
    return compare_figures(
        a.value, a.unit, a.text, b.value, b.unit, b.text, claim_value_high=a.value_high
    ).equal


def _claim_clause(claim: Claim) -> str:
    """The content words of the claim's own clause (its figure's neighbourhood in its sentence)."""
    sentence = claim.sentence or claim.text
    at = sentence.find(claim.text)
    if at < 0:
        return " ".join(keywords(sentence))
    window = _clause_window(sentence, (0, len(sentence)), at, at + len(claim.text), [])
    return " ".join(keywords(window))


def _topical_score(metric: str, clause: str, query: str, window: str, sentence: str, figure: Claim) -> float:
    """0-100: how much the figure's clause is about what the claim is about.

    The extractor's metric can be thin ("clinics"), so it is never trusted alone:
    the claim's own clause must also resemble the figure's clause.
    """
    window_kw = " ".join(keywords(window))
    sentence_kw = " ".join(keywords(sentence))
    clause_score = fuzz.token_set_ratio(clause, window_kw, processor=utils.default_process)
    sentence_score = fuzz.token_set_ratio(query, sentence_kw, processor=utils.default_process)
    if metric:
        metric_score = max(
            fuzz.token_set_ratio(metric, window_kw, processor=utils.default_process),
            fuzz.token_set_ratio(metric, figure.metric or "", processor=utils.default_process)
            if figure.metric
            else 0.0,
        )
        return 0.35 * metric_score + 0.4 * clause_score + 0.25 * sentence_score
    return 0.6 * clause_score + 0.4 * sentence_score


def _source_value(c: _Candidate) -> dict[str, Any]:
    f = c.figure
    return {
        "value": f.value,
        "value_high": f.value_high,
        "unit": f.unit,
        "currency": f.currency,
        "noun": f.noun,
        "text": f.text,
        "start": c.start,
        "end": c.end,
    }


def _decide(
    claim: Claim,
    source_text: str,
    spans: list[tuple[int, int]],
    passage_score: dict[int, float],
    candidates: list[_Candidate],
    top_k: int,
) -> SourceMatch:
    supports = [c for c in candidates if c.comparison.equal and c.score >= SUPPORTS_MIN_SCORE]
    differs = [
        c
        for c in candidates
        if not c.comparison.equal
        and (c.comparison.comparable or c.comparison.reason in _REPORTED_MISMATCHES)
        and c.score >= DIFFERS_MIN_SCORE
    ]
    said = _describe(claim.value or 0.0, claim.unit, claim.currency, claim.noun)
    about = f" for {claim.metric!r}" if claim.metric else ""
    chosen: _Candidate | None = None
    if supports:
        chosen = max(supports, key=lambda c: (c.score, -c.start))
        status = "supports"
        how = "the same figure" if chosen.comparison.reason == "equal" else "a matching figure"
        explanation = (
            f"The source gives {how}{about}: {chosen.figure.text!r} "
            f"(characters {chosen.start}-{chosen.end}), which agrees with the claimed {said}"
        )
        if chosen.comparison.reason == "within_rounding" and chosen.comparison.deviation:
            explanation += f" within the precision written ({_deviation_words(chosen.comparison, claim)})"
        elif chosen.comparison.note:
            explanation += f" ({chosen.comparison.note})"
        explanation += "."
    elif differs:
        # the most topical one; among equals, the closest figure
        chosen = max(
            differs,
            key=lambda c: (round(c.score), -abs(c.comparison.relative_deviation or 0.0), -c.start),
        )
        status = "number_differs"
        comp = chosen.comparison
        explanation = (
            f"The source gives {chosen.figure.text!r}{about} (characters {chosen.start}-{chosen.end}) "
            f"where the claim says {said}"
        )
        if comp.reason in _REPORTED_MISMATCHES:
            explanation += f": {comp.note}."
        else:
            explanation += f": {_deviation_words(comp, claim)}."
    else:
        status = "not_found"
        near = [c for c in candidates if c.score >= SUPPORTS_MIN_SCORE and c.comparison.equal]
        explanation = (
            f"No passage in the source gives a figure{about} comparable with the claimed {said}."
            if not near
            else "The figure appears, but not in a passage about the same thing."
        )
        same_number_elsewhere = [c for c in candidates if c.comparison.equal and c.score < SUPPORTS_MIN_SCORE]
        if same_number_elsewhere:
            c = same_number_elsewhere[0]
            explanation += (
                f" The same number appears at characters {c.start}-{c.end} ({c.figure.text!r}), "
                "but about something else."
            )

    passages: list[Passage] = []
    if chosen is not None:
        ps, pe = spans[chosen.passage]
        passages.append(Passage(source_text[ps:pe], ps, pe, chosen.score, chosen.start, chosen.end))
    for i, score in sorted(passage_score.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(passages) >= top_k:
            break
        if chosen is not None and i == chosen.passage:
            continue
        ps, pe = spans[i]
        passages.append(Passage(source_text[ps:pe], ps, pe, score))

    final = chosen.comparison if chosen else None
    match = SourceMatch(
        status=status,
        source_value=_source_value(chosen) if chosen else None,
        deviation=final.deviation if final else None,
        passages=passages[:top_k],
        suggested_verdict=None,
        explanation=explanation,
        relative_deviation=final.relative_deviation if final else None,
        reason=final.reason if final else None,
        claim=claim,
    )
    return replace(match, suggested_verdict=suggest_verdict(match))
