"""The claim record: what the extractor returns, and what ``workbench extract`` prints.

Field names follow ../shared/DESIGN.md ("The claim record"); later tools script
against the JSON, so change them only together with DESIGN.md and the README.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from json.encoder import encode_basestring as _json_str  # the C encoder json.dumps uses for str
from typing import Any, Literal

__all__ = ["UNITS", "Claim", "Unit"]

Unit = Literal[
    "percent",  # 31% -> 31
    "percentage_points",  # 2 percentage points / 2pp -> 2
    "fraction",  # one in five -> 0.2 (always 0..1)
    "multiplier",  # 3x, tripled -> 3; halved -> 0.5
    "currency",  # $4.2bn -> 4200000000 with currency "USD"
    "count",  # 97 million new jobs -> 97000000, noun "jobs"
    "quantity",  # 4.7 hours -> 4.7, noun "hours"
]
UNITS: tuple[str, ...] = (
    "percent",
    "percentage_points",
    "fraction",
    "multiplier",
    "currency",
    "count",
    "quantity",
)


@dataclass(frozen=True, slots=True)
class Claim:
    """One numeric claim found in a text.

    ``text == document_text[start:end]`` always holds.

    Ranges ("between 20% and 30%") set ``value`` and ``value_high``.
    Changes ("from 6.2% to 4.0%", "rose from 12 to 18") keep both figures:
    ``value_from`` is the starting figure and ``value`` the figure it reached.
    """

    start: int
    end: int
    text: str
    value: float | None
    unit: str
    value_high: float | None = None
    value_from: float | None = None
    currency: str | None = None
    noun: str | None = None
    direction: str | None = None  # "increase" | "decrease" | None
    hedge: str | None = None
    metric: str | None = None
    attribution: str | None = None
    sentence: str = ""
    checkworthiness: float = 0.0
    flags: tuple[str, ...] = field(default_factory=tuple)

    def to_record(self, document: str | None = None) -> dict[str, Any]:
        """The JSON-ready record of DESIGN.md, with ``document`` first."""
        return {
            "document": document,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "value": self.value,
            "unit": self.unit,
            "value_high": self.value_high,
            "value_from": self.value_from,
            "currency": self.currency,
            "noun": self.noun,
            "direction": self.direction,
            "hedge": self.hedge,
            "metric": self.metric,
            "attribution": self.attribution,
            "sentence": self.sentence,
            "checkworthiness": self.checkworthiness,
            "flags": list(self.flags),
        }

    def to_json(self, document: str | None = None) -> str:
        """``json.dumps(self.to_record(document), ensure_ascii=False)``, twice as fast.

        ``workbench extract`` writes one line per claim, and building the dict and walking it
        in the encoder cost as much as a tenth of the extraction itself.
        ``tests/extract/test_claim_json.py`` holds this to ``to_record``.
        """
        s = _json_str
        return (
            f'{{"document": {_json_opt(document)}, "start": {self.start!r}, "end": {self.end!r}, '
            f'"text": {s(self.text)}, "value": {_json_num(self.value)}, "unit": {s(self.unit)}, '
            f'"value_high": {_json_num(self.value_high)}, "value_from": {_json_num(self.value_from)}, '
            f'"currency": {_json_opt(self.currency)}, "noun": {_json_opt(self.noun)}, '
            f'"direction": {_json_opt(self.direction)}, "hedge": {_json_opt(self.hedge)}, '
            f'"metric": {_json_opt(self.metric)}, "attribution": {_json_opt(self.attribution)}, '
            f'"sentence": {s(self.sentence)}, "checkworthiness": {_json_num(self.checkworthiness)}, '
            f'"flags": [{", ".join(map(s, self.flags))}]}}'
        )


def _json_opt(v: str | None) -> str:
    return "null" if v is None else _json_str(v)


def _json_num(v: float | None) -> str:
    if v is None:
        return "null"
    if math.isfinite(v):
        return repr(v)  # what json.dumps writes for an int or a finite float
    return json.dumps(v)  # NaN, Infinity
