"""The ``workbench`` command line.

A thin client over the library, in the manner of sqlite-utils: commands parse
options, call ``documents``/``extract``/``store.service``, and turn a
``WorkbenchError`` into one readable line and a non-zero exit. Heavy modules
(SQLAlchemy, Streamlit) are imported inside the commands that need them, so
``workbench extract`` starts fast and stays free of both.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any

import typer

from workbench import __version__
from workbench.errors import WorkbenchError

app = typer.Typer(
    name="workbench",
    help="Find, check and publish the numeric claims in articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

__all__ = ["app", "main"]


def fail(message: str, code: int = 1) -> typer.Exit:
    typer.secho(f"Error: {message}", err=True, fg=typer.colors.RED)
    return typer.Exit(code)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"workbench {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Find, check and publish the numeric claims in articles."""


# --------------------------------------------------------------------------- extract

EXTRACT_CSV_FIELDS = [
    "document", "start", "end", "text", "value", "value_high", "value_from", "unit", "currency", "noun",
    "direction", "hedge", "metric", "attribution", "sentence", "checkworthiness", "flags",
]  # fmt: skip


def _iter_extract(paths: list[str], max_bytes: int) -> Iterator[dict[str, Any] | WorkbenchError]:
    from workbench.documents import load_document, load_text
    from workbench.extract import extract_claims

    for path in paths:
        try:
            doc = load_text(sys.stdin.buffer.read(), name="-") if path == "-" else load_document(path, max_bytes=max_bytes)
        except WorkbenchError as exc:
            yield exc
            continue
        for claim in extract_claims(doc.text):
            yield claim.to_record(path)


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help="Files to read (.txt, .md, .html); '-' reads standard input.")],
    fmt: Annotated[str, typer.Option("--format", "-f", help="jsonl, csv or table.")] = "jsonl",
    max_mb: Annotated[float, typer.Option("--max-mb", help="Refuse files larger than this many MB.")] = 20.0,
) -> None:
    """Print every numeric claim in the given documents (no database needed)."""
    if fmt not in ("jsonl", "csv", "table"):
        raise fail(f"unknown format {fmt!r}: use jsonl, csv or table", 2)
    errors = 0
    records: Iterable[dict[str, Any] | WorkbenchError] = _iter_extract(paths, int(max_mb * 1024 * 1024))
    out = sys.stdout
    writer = None
    rows: list[dict[str, Any]] = []
    for rec in records:
        if isinstance(rec, WorkbenchError):
            errors += 1
            typer.secho(f"Error: {rec}", err=True, fg=typer.colors.RED)
            continue
        if fmt == "jsonl":
            out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        elif fmt == "csv":
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=EXTRACT_CSV_FIELDS, extrasaction="ignore")
                writer.writeheader()
            from workbench.report.cells import safe_cell

            writer.writerow({k: safe_cell(";".join(v) if k == "flags" else v) for k, v in rec.items()})
        else:
            rows.append(rec)
    if fmt == "table":
        _print_table(rows)
    if errors:
        raise typer.Exit(1)


def _print_table(rows: list[dict[str, Any]]) -> None:
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
    Console().print(table)
    typer.echo(f"{len(rows)} claims")


def _num(v: float | None) -> str:
    if v is None:
        return ""
    return f"{v:,.10f}".rstrip("0").rstrip(".")


def main() -> None:
    try:
        app()
    except WorkbenchError as exc:  # a domain error that escaped a command: one line, no traceback
        typer.secho(f"Error: {exc}", err=True, fg=typer.colors.RED)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.secho("Interrupted.", err=True)
        sys.exit(130)
