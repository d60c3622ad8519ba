"""CSV export and the spreadsheet round trip.

Numbers stay numbers, written in plain decimal notation (never ``1e+16``); text
cells that a spreadsheet would run as a formula get a leading apostrophe, which
:func:`read_verdict_csv` removes again on the way back in.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from decimal import Decimal
from typing import IO, Any

from workbench.errors import BadInput
from workbench.report.cells import FORMULA_PREFIXES, safe_cell

__all__ = ["plain_number", "read_verdict_csv", "write_csv"]

NUMERIC = {
    "claim_id",
    "version",
    "document_id",
    "value",
    "value_high",
    "value_from",
    "checkworthiness",
    "cluster_id",
}


def plain_number(v: float | int | None) -> str:
    """A number as a spreadsheet reads it, without exponent.

    >>> plain_number(97000000.0)
    '97000000'
    >>> plain_number(1.4)
    '1.4'
    >>> plain_number(3e15)
    '3000000000000000'
    >>> plain_number(0.000012)
    '0.000012'
    """
    if v is None:
        return ""
    if isinstance(v, int):
        return str(v)
    r = repr(v)
    if "e" not in r and "n" not in r:  # the common case: already plain (nan/inf contain an n)
        return r[:-2] if r.endswith(".0") else r
    d = Decimal(r)
    text = format(d, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


def write_csv(rows: Iterable[dict[str, Any]], out: IO[str], columns: Iterable[str]) -> int:
    """Stream rows to ``out``; returns how many were written."""
    cols = list(columns)
    spec = [(c, c in NUMERIC) for c in cols]
    w = csv.writer(out, lineterminator="\r\n")
    w.writerow(cols)
    n = 0
    for row in rows:
        cells = []
        for col, numeric in spec:  # inlined: this loop runs once per cell of a 200,000-row export
            v = row[col] if col in row else None
            t = type(v)
            if v is None:
                cells.append("")
            elif t is str:
                cells.append("'" + v if v and v[0] in _FORMULA_START else v)
            elif numeric and (t is float or t is int):
                cells.append(plain_number(v))
            else:
                cells.append(safe_cell(v))
        w.writerow(cells)
        n += 1
    return n


_FORMULA_START = frozenset(p[0] for p in FORMULA_PREFIXES)


def _unquote(cell: str) -> str:
    if cell.startswith("'") and cell[1:].startswith(FORMULA_PREFIXES):
        return cell[1:]
    return cell


def read_verdict_csv(data: bytes | str) -> Iterator[dict[str, str]]:
    """Rows of an edited export: BOM tolerated, injection guards undone."""
    if isinstance(data, bytes):
        for enc in ("utf-8-sig", "cp1252"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - cp1252 decodes nearly anything
            raise BadInput("the CSV file is not UTF-8 text")
    else:
        text = data.lstrip("\ufeff")
    sample = text[:4096]
    try:
        dialect: Any = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.DictReader(io.StringIO(text, newline=""), dialect=dialect)
    if not reader.fieldnames or "claim_id" not in [f.strip() for f in reader.fieldnames]:
        raise BadInput(
            "the CSV has no claim_id column: import a file made by `workbench export --format csv`"
        )
    for row in reader:
        yield {(k or "").strip(): _unquote(v or "") for k, v in row.items() if k is not None}
