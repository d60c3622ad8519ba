"""Spreadsheet-safe cells (CSV injection, OWASP's recommendation)."""

from __future__ import annotations

from typing import Any

__all__ = ["FORMULA_PREFIXES", "safe_cell"]

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: Any) -> Any:
    """Neutralise a text cell a spreadsheet would run as a formula; leave numbers alone.

    >>> safe_cell("=HYPERLINK(\\"http://x\\")")
    "'=HYPERLINK(\\"http://x\\")"
    >>> safe_cell(-3.2)
    -3.2
    >>> safe_cell("-3.2%")
    "'-3.2%"
    >>> safe_cell(None)
    ''
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return value
    text = str(value)
    if text.startswith(FORMULA_PREFIXES):
        return "'" + text
    return text
