"""Pure translations from what a reviewer typed into service calls' arguments. No Streamlit here."""

from __future__ import annotations

import math
from typing import Any

from workbench.errors import BadInput

__all__ = ["field_changes", "parse_number", "safe_url"]

NUMBER_FIELDS = ("value", "value_high")
TEXT_FIELDS = ("hedge", "metric", "attribution")


def parse_number(raw: str | None, label: str = "value") -> float | None:
    """'1,200', ' 24 ', '1.2e9' -> float; '' -> None; anything else -> BadInput with a plain message."""
    text = (raw or "").strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise BadInput(f"{label} must be a number such as 24 or 1200000, not {raw!r}") from None
    if not math.isfinite(number):
        raise BadInput(f"{label} must be a finite number")
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
            new: Any = parse_number(raw, key.replace("_", " "))
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
