"""Inter-reviewer agreement: percent agreement, Cohen's and Fleiss' kappa, per-label agreement.

Pure Python, no database: the store hands in who said what about which claim.

>>> cohen_kappa([("y", "y")] * 20 + [("y", "n")] * 5 + [("n", "y")] * 10 + [("n", "n")] * 15)
0.4
>>> percent_agreement([("a", "a"), ("a", "b")])
0.5
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations

__all__ = [
    "AgreementReport",
    "LabelAgreement",
    "PairAgreement",
    "agreement_report",
    "cohen_kappa",
    "fleiss_kappa",
    "percent_agreement",
    "specific_agreement",
]

Pair = tuple[str, str]


def percent_agreement(pairs: Sequence[Pair]) -> float | None:
    """Share of items on which the two raters chose the same label (None without items)."""
    if not pairs:
        return None
    return sum(a == b for a, b in pairs) / len(pairs)


def cohen_kappa(pairs: Sequence[Pair]) -> float | None:
    """Cohen's kappa for two raters; ``pairs`` holds (rater A's label, rater B's label) per item.

    None when it is undefined: no items, or both raters used one and the same label throughout
    (chance agreement is 1). Rounded to 12 places so textbook values compare exactly.
    """
    n = len(pairs)
    if not n:
        return None
    po = sum(a == b for a, b in pairs) / n
    ca = Counter(a for a, _ in pairs)
    cb = Counter(b for _, b in pairs)
    pe = sum(ca[k] * cb[k] for k in ca) / (n * n)
    if pe >= 1:
        return None
    return round((po - pe) / (1 - pe), 12)


def fleiss_kappa(table: Sequence[Sequence[int]]) -> float | None:
    """Fleiss' kappa from an items x categories table of counts, every item rated by the same number of raters.

    None when it is undefined (fewer than two raters per item, unequal counts, or no variation at all).
    """
    if not table:
        return None
    per_item = {sum(row) for row in table}
    if len(per_item) != 1:
        return None
    m = per_item.pop()
    if m < 2:
        return None
    n_items = len(table)
    k = len(table[0])
    p_j = [sum(row[j] for row in table) / (n_items * m) for j in range(k)]
    p_i = [(sum(c * c for c in row) - m) / (m * (m - 1)) for row in table]
    p_bar = sum(p_i) / n_items
    pe = sum(p * p for p in p_j)
    if pe >= 1:
        return None
    return round((p_bar - pe) / (1 - pe), 12)


def specific_agreement(items: Sequence[Sequence[str]], label: str) -> float | None:
    """Category-specific agreement for ``label`` over items with two or more ratings each.

    sum_i n_ik (n_ik - 1) / sum_i n_ik (n_i - 1), which for two raters is the positive specific
    agreement 2a / (2a + b + c). None when nobody used the label.
    """
    num = den = 0
    for ratings in items:
        n_i = len(ratings)
        if n_i < 2:
            continue
        n_ik = sum(r == label for r in ratings)
        num += n_ik * (n_ik - 1)
        den += n_ik * (n_i - 1)
    return num / den if den else None


@dataclass(frozen=True, slots=True)
class PairAgreement:
    reviewer_a: str
    reviewer_b: str
    items: int
    percent: float | None
    kappa: float | None


@dataclass(frozen=True, slots=True)
class LabelAgreement:
    label: str
    ratings: int  # how often the label was chosen
    specific: float | None  # category-specific agreement


@dataclass(frozen=True, slots=True)
class AgreementReport:
    """Agreement over the items rated by two or more reviewers.

    ``kappa`` is Cohen's kappa over all two-rater items, each rating in the order given (in a
    double-review session: the first reviewer, then the second), ``percent`` the share of those
    items with one verdict. ``fleiss`` needs every multi-rated item rated by the same number (3 or
    more) of reviewers; otherwise it is None and ``fleiss_note`` says why.
    """

    items: int  # items with at least two ratings
    percent: float | None
    kappa: float | None
    fleiss: float | None
    fleiss_note: str
    pairs: list[PairAgreement] = field(default_factory=list)
    labels: list[LabelAgreement] = field(default_factory=list)

    def lines(self) -> list[str]:
        """Readable lines for the Markdown report."""
        out = [
            f"Claims reviewed by two or more reviewers: {self.items}",
            f"Percent agreement: {_pct(self.percent)}; Cohen's kappa: {_num(self.kappa)}",
            f"Fleiss' kappa: {_num(self.fleiss) if self.fleiss is not None else 'n/a'}"
            + (f" ({self.fleiss_note})" if self.fleiss_note else ""),
        ]
        for p in self.pairs:
            out.append(
                f"{p.reviewer_a} / {p.reviewer_b}: {p.items} claims, {_pct(p.percent)} agreement, kappa {_num(p.kappa)}"
            )
        for la in self.labels:
            out.append(f"{la.label}: chosen {la.ratings} times, specific agreement {_pct(la.specific)}")
        return out


def _pct(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.0%}"


def _num(x: float | None) -> str:
    return "n/a" if x is None else f"{x:.3f}"


def agreement_report(
    ratings: Mapping[Hashable, Sequence[tuple[str, str]]], labels: Sequence[str] = ()
) -> AgreementReport:
    """Agreement figures from ``{item: [(reviewer, label), ...]}`` (ratings in first-reviewer order).

    ``labels`` fixes the label order of the per-label figures (others follow, sorted).
    """
    multi = {item: list(rs) for item, rs in ratings.items() if len(rs) >= 2}
    two = [(rs[0][1], rs[1][1]) for rs in multi.values() if len(rs) == 2]
    by_pair: dict[tuple[str, str], list[Pair]] = {}
    for rs in multi.values():
        for (ra, la), (rb, lb) in combinations(sorted(rs), 2):
            by_pair.setdefault((ra, rb), []).append((la, lb))
    pairs = [
        PairAgreement(a, b, len(ps), percent_agreement(ps), cohen_kappa(ps))
        for (a, b), ps in sorted(by_pair.items())
    ]
    counts: Counter[str] = Counter(label for rs in multi.values() for _, label in rs)
    order = [la for la in labels] + sorted(set(counts) - set(labels))
    label_rows = [
        LabelAgreement(la, counts[la], specific_agreement([[x for _, x in rs] for rs in multi.values()], la))
        for la in order
    ]
    sizes = {len(rs) for rs in multi.values()}
    fleiss: float | None = None
    if not multi:
        note = "no claim has two reviews yet"
    elif len(sizes) != 1:
        note = "claims have different numbers of reviewers"
    elif (m := sizes.pop()) < 3:
        note = f"needs three or more reviewers per claim (here {m})"
    else:
        note = ""
        cats = order or sorted(counts)
        fleiss = fleiss_kappa([[sum(x == c for _, x in rs) for c in cats] for rs in multi.values()])
    return AgreementReport(
        len(multi), percent_agreement(two), cohen_kappa(two), fleiss, note, pairs, label_rows
    )
