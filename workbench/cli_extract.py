"""``workbench extract``: the command that needs no database, and starts fast.

The command is declared twice over one implementation, ``run_extract``: as a typer command in
``workbench.cli`` (for ``workbench --help``, ``workbench extract --help`` and ``CliRunner``), and
here with argparse, which ``workbench.entry`` runs for a plain ``workbench extract ...``. Typer
builds its parameters through pydantic, and importing both costs about 0.1 s, a tenth of the
time ``workbench extract`` takes on 5 MB. This module imports neither (an import-linter
contract in pyproject.toml holds it to that).
"""

from __future__ import annotations

import argparse
import csv
import sys
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path
from typing import Any, TextIO

from workbench.errors import WorkbenchError

__all__ = ["EXTRACT_CSV_FIELDS", "FORMATS", "main", "run_extract"]

FORMATS = ("jsonl", "csv", "table")
EXTRACT_CSV_FIELDS = [
    "document", "start", "end", "text", "value", "value_high", "value_from", "unit", "currency", "noun",
    "direction", "hedge", "metric", "attribution", "sentence", "checkworthiness", "flags",
]  # fmt: skip

PATHS_HELP = "Files to read (.txt, .md, .html); '-' reads standard input."
FORMAT_HELP = "jsonl, csv or table."
MAX_MB_HELP = "Refuse files larger than this many MB."
WORKERS_HELP = "Processes that share a long file; 0 means one per CPU."
DEFAULT_MAX_MB = 20.0


def _jsonl(document: str, claims: list[Any]) -> str:
    """The JSON lines of one piece's claims (runs in a worker process for long files)."""
    return "".join([c.to_json(document) + "\n" for c in claims])


def _records(document: str, claims: list[Any]) -> list[dict[str, Any]]:
    return [c.to_record(document) for c in claims]


def _iter_extract(
    paths: Sequence[str], max_bytes: int, fn: Callable[[str, list[Any]], Any], workers: int
) -> Iterator[Any]:
    """``fn(path, claims)`` for each piece of each document, or the document's error."""
    from workbench.documents import load_document, load_text
    from workbench.extract.chunks import map_chunks

    for path in paths:
        try:
            doc = (
                load_text(sys.stdin.buffer.read(), name="-")
                if path == "-"
                else load_document(path, max_bytes=max_bytes)
            )
        except WorkbenchError as exc:
            yield exc
            continue
        yield from map_chunks(doc.text, partial(fn, path), workers)


def error_line(message: str, err: TextIO | None = None) -> None:
    """``Error: message`` on standard error, in red on a terminal (as typer.secho prints it)."""
    err = sys.stderr if err is None else err
    text = f"Error: {message}"
    if err.isatty():
        text = f"\x1b[31m{text}\x1b[0m"
    print(text, file=err)


def run_extract(
    paths: Sequence[str],
    fmt: str = "jsonl",
    max_mb: float = DEFAULT_MAX_MB,
    workers: int = 0,
    out: TextIO | None = None,
) -> int:
    """Print every claim of ``paths`` to ``out`` in ``fmt``; the exit code (1 if a file failed).

    A file that cannot be read gets one error line, and the others are still read.
    """
    from workbench.extract.chunks import default_workers

    out = sys.stdout if out is None else out
    errors = 0
    fn = _jsonl if fmt == "jsonl" else _records
    pieces = _iter_extract(paths, int(max_mb * 1024 * 1024), fn, workers or default_workers())
    writer = None
    rows: list[dict[str, Any]] = []
    for piece in pieces:
        if isinstance(piece, WorkbenchError):
            errors += 1
            error_line(str(piece))
            continue
        if fmt == "jsonl":
            out.write(piece)
        elif fmt == "csv":
            from workbench.report.cells import safe_cell

            if writer is None:
                writer = csv.DictWriter(out, fieldnames=EXTRACT_CSV_FIELDS, extrasaction="ignore")
                writer.writeheader()
            for rec in piece:
                writer.writerow({k: safe_cell(";".join(v) if k == "flags" else v) for k, v in rec.items()})
        else:
            rows.extend(piece)
    if fmt == "table":
        _print_table(rows, out)
    return 1 if errors else 0


def _print_table(rows: list[dict[str, Any]], out: TextIO) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    for col in ("document", "text", "value", "unit", "direction", "hedge", "metric", "attribution", "score"):
        table.add_column(col, overflow="fold")
    for r in rows:
        table.add_row(
            Path(r["document"]).name,
            r["text"],
            _num(r["value"]) + (f"–{_num(r['value_high'])}" if r["value_high"] is not None else ""),
            r["unit"],
            r["direction"] or "",
            r["hedge"] or "",
            r["metric"] or "",
            r["attribution"] or "",
            f"{r['checkworthiness']:.2f}",
        )
    Console(file=out).print(table)
    print(f"{len(rows)} claims", file=out)


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:,.10f}".rstrip("0").rstrip(".")


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="workbench extract",
        description="Print every numeric claim in the given documents (no database needed).",
    )
    p.add_argument("paths", nargs="+", metavar="PATHS...", help=PATHS_HELP)
    p.add_argument("--format", "-f", dest="fmt", default="jsonl", help=FORMAT_HELP)
    p.add_argument("--max-mb", type=float, default=DEFAULT_MAX_MB, help=MAX_MB_HELP)
    p.add_argument("--workers", type=int, default=0, help=WORKERS_HELP)
    return p


def check_options(fmt: str, workers: int) -> str | None:
    """The usage error in these options, if any (both declarations of the command share it)."""
    if fmt not in FORMATS:
        return f"unknown format {fmt!r}: use jsonl, csv or table"
    if workers < 0:
        return f"--workers must be 0 or more, not {workers}"
    return None


def main(argv: Sequence[str]) -> int:
    """``workbench extract ARGS``; the exit code (2 for a usage error)."""
    args = _parser().parse_args(list(argv))
    problem = check_options(args.fmt, args.workers)
    if problem is not None:
        error_line(problem)
        return 2
    return run_extract(args.paths, args.fmt, args.max_mb, args.workers)
