"""Pure translations from what a reviewer typed into service calls' arguments. No Streamlit here."""

from __future__ import annotations

import math
import re
from typing import Any

from workbench.errors import BadInput
from workbench.extract.numbers import FRACTION_WORDS, SCALES, WORD_NUMBERS
from workbench.extract.numbers import parse_number as parse_prose_number

__all__ = ["NUMBER_EXAMPLES", "field_changes", "format_number", "parse_number", "safe_url"]

NUMBER_FIELDS = ("value", "value_high")
TEXT_FIELDS = ("hedge", "metric", "attribution")


NUMBER_EXAMPLES = "24, 1,200,000, 1.2bn, $1.2 billion, 24%, 97m or a fifth"
# A figure as people type it: optional sign and currency, digits, a scale word, a unit sign.
_TYPED_FIGURE = re.compile(
    r"""^[-+\u2212]?\s*(?:[$\u00a3\u20ac\u00a5]|[a-z]{3}\s)?\s*[-+\u2212]?
    (?:\d[\d,]*(?:\.\d+)?|\.\d+)\s*(?:(?:SCALES)(?![a-z]))?\s*
    (?:%|percent|per\s?cent|pp|percentage\s+points?|points?|x|\u00d7|times)?$""".replace(
        "SCALES", "|".join(sorted(SCALES, key=len, reverse=True))
    ),
    re.IGNORECASE | re.VERBOSE,
)
_NUMBER_WORDS = {*WORD_NUMBERS, *SCALES, *FRACTION_WORDS, "and"}


def parse_number(raw: str | None, label: str = "value") -> float | None:
    """A figure as a reviewer types it -> float; '' -> None; anything else -> BadInput.

    Plain numbers ('1,200', '1.2e9') and the forms the extractor reads in prose:
    '1.2bn', '1.2 bn', '$1.2 billion', '24%', '97m', 'two hundred', 'a fifth'.
    """
    text = (raw or "").strip().replace("\u00a0", " ")
    if not text:
        return None
    number: float | None
    try:
        number = float(text.replace(",", "").replace(" ", ""))
    except ValueError:
        number = None
        match = _TYPED_FIGURE.match(text)
        words = re.findall(r"[a-z]+", text.lower().replace("-", " "))
        if match:
            number = parse_prose_number(text)
        elif words and not re.search(r"\d", text) and all(w in _NUMBER_WORDS for w in words):
            number = parse_prose_number(text)
    if number is None:
        raise BadInput(
            f"{label.capitalize()} must be a number such as {NUMBER_EXAMPLES}; {raw.strip()!r} is not one"
        )
    if not math.isfinite(number):
        raise BadInput(f"{label.capitalize()} must be a finite number")
    return number


def format_number(value: float | None) -> str:
    if value is None:
        return ""
    return str(int(value)) if float(value).is_integer() and abs(value) < 1e16 else repr(float(value))


def field_changes(current: dict[str, Any], typed: dict[str, Any]) -> dict[str, Any]:
    """The fields the reviewer actually changed, in the types ``update_claim_fields`` takes.

    ``typed`` holds the form's raw values: numbers as text, ``unit`` and ``direction``
    as chosen ("" for none), text fields as typed ("" clears them).
    """
    changes: dict[str, Any] = {}
    for key, raw in typed.items():
        if key in NUMBER_FIELDS:
            new: Any = parse_number(raw, "upper value" if key == "value_high" else "value")
        elif key == "unit":
            new = raw
        else:
            new = (raw or "").strip() or None
        old = current.get(key)
        if key in NUMBER_FIELDS and new is not None and old is not None:
            if math.isclose(float(old), new, rel_tol=1e-12, abs_tol=0.0):
                continue
        elif new == old:
            continue
        changes[key] = new
    return changes


def safe_url(url: str | None) -> str | None:
    """The URL if it is a plain web address (http or https), else None: never a javascript: link."""
    u = (url or "").strip()
    if u.lower().startswith(("http://", "https://")) and not any(c in u for c in "\"'<> \n\r\t"):
        return u
    return None
