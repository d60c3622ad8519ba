"""Score the extractor on a holdout set in the shared gold format (anchors, as ../shared/tools/score_extract.py).

Anchors are looked for in the loaded document text (for HTML, the visible text), so the few whose
anchor spans markup are left out; optional HTML table cells count wherever their text sits in a
table row.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.documents import load_document
from workbench.extract import Claim, extract_claims


@dataclass
class Tally:
    gold: int = 0
    found: int = 0
    scored: int = 0
    good: int = 0
    value: int = 0
    direction: list[bool] = field(default_factory=list)
    hedge: list[bool] = field(default_factory=list)
    source: list[bool] = field(default_factory=list)


def _spans(text: str, items: list[dict[str, Any]]) -> list[tuple[int, int, dict[str, Any]]]:
    out = []
    for c in items:
        at = text.find(c["anchor"])
        if at >= 0:
            s = at + c["anchor"].index(c["num"])
            out.append((s, s + len(c["num"]), c))
    return out


def _table_cells(text: str, items: list[dict[str, Any]]) -> list[tuple[int, int, dict[str, Any]]]:
    """Optional HTML table cells ("<td>23%</td>"): every occurrence of the cell's text in a table row."""
    out = []
    for c in items:
        if c["anchor"].startswith("<td>"):
            num = c["num"]
            at = text.find(num)
            while at >= 0:
                line = text[text.rfind("\n", 0, at) + 1 : text.find("\n", at) % (len(text) + 1)]
                if "\t" in line:
                    out.append((at, at + len(num), c))
                at = text.find(num, at + 1)
    return out


def _hits(claims: list[Claim], s: int, e: int) -> list[Claim]:
    return [c for c in claims if c.start < e and s < c.end]


def _value_ok(g: dict[str, Any], c: Claim) -> bool:
    have = [v for v in (c.value, c.value_high, c.value_from) if v is not None]
    want = [float(g["value"]), *map(float, g.get("alt", []))]
    if g["unit"] == "fraction":
        want += [w * 100 for w in want]
    return any(abs(h - w) <= max(1e-9, 2e-3 * abs(w)) for h in have for w in want)


def score(folder: Path) -> Tally:
    t = Tally()
    gold_file: dict[str, dict[str, Any]] = json.loads((folder / "gold.json").read_text(encoding="utf-8"))
    for name, g in gold_file.items():
        text = load_document(folder / name).text
        claims = extract_claims(text)
        gold = _spans(text, g["claims"])
        optional = _spans(text, g["optional"]) + _table_cells(text, g["optional"])
        for c in claims:
            on_gold = any(c.start < e and s < c.end for s, e, _ in gold)
            if on_gold or not any(c.start < e and s < c.end for s, e, _ in optional):
                t.scored += 1
                t.good += on_gold
        for s, e, g_claim in gold:
            t.gold += 1
            hit = _hits(claims, s, e)
            if not hit:
                continue
            t.found += 1
            t.value += any(_value_ok(g_claim, c) for c in hit)
            if "direction" in g_claim:
                t.direction.append(any(c.direction == g_claim["direction"] for c in hit))
            if "hedge" in g_claim:
                t.hedge.append(any(g_claim["hedge"].lower() in (c.hedge or "").lower() for c in hit))
            if "source" in g_claim:
                t.source.append(any(g_claim["source"].lower() in (c.attribution or "").lower() for c in hit))
    return t


def share(xs: list[bool]) -> float:
    assert xs
    return sum(xs) / len(xs)
