"""The ``workbench`` command line.

A thin client over the library, in the manner of sqlite-utils: commands parse
options, call ``documents``/``extract``/``store.service``, and turn a
``WorkbenchError`` into one readable line and a non-zero exit. Heavy modules
(SQLAlchemy, Streamlit) are imported inside the commands that need them, so
``workbench extract`` starts fast and stays free of both.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from workbench import __version__
from workbench.cli_extract import (
    DEFAULT_MAX_MB,
    FORMAT_HELP,
    MAX_MB_HELP,
    PATHS_HELP,
    WORKERS_HELP,
    check_options,
    run_extract,
)
from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.config import Settings
    from workbench.store import Store
    from workbench.store.service import Actor, ClaimFilter

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
    ctx: typer.Context,
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Find, check and publish the numeric claims in articles."""
    ctx.call_on_close(_close_stores)


# --------------------------------------------------------------------------- extract


@app.command()
def extract(
    paths: Annotated[list[str], typer.Argument(help=PATHS_HELP)],
    fmt: Annotated[str, typer.Option("--format", "-f", help=FORMAT_HELP)] = "jsonl",
    max_mb: Annotated[float, typer.Option("--max-mb", help=MAX_MB_HELP)] = DEFAULT_MAX_MB,
    workers: Annotated[int, typer.Option("--workers", min=0, help=WORKERS_HELP)] = 0,
) -> None:
    """Print every numeric claim in the given documents (no database needed)."""
    problem = check_options(fmt, workers)
    if problem is not None:
        raise fail(problem, 2)
    code = run_extract(paths, fmt, max_mb, workers)
    if code:
        raise typer.Exit(code)


# --------------------------------------------------------------------------- database commands

DatabaseOpt = Annotated[
    str | None,
    typer.Option("--database", "-d", help="Database URL (default: WORKBENCH_DATABASE_URL or sqlite:///claims.db).",
                 show_default=False),
]  # fmt: skip


def _settings(database: str | None = None) -> Settings:
    from workbench.config import Settings

    return Settings.load({"database_url": database})


def _absolute_sqlite(url: str) -> str:
    """sqlite:///claims.db -> sqlite:////abs/path/claims.db, so the app finds it from any folder."""
    prefix = "sqlite:///"
    if url.startswith(prefix) and not url.startswith(prefix + "/") and ":memory:" not in url:
        return prefix + str(Path(url[len(prefix) :]).expanduser().resolve())
    return url


def _open(database: str | None) -> Store:
    from sqlalchemy.exc import SQLAlchemyError

    from workbench.store import open_store
    from workbench.store.engine import describe_url

    url = _absolute_sqlite(_settings(database).database_url)
    try:
        store = open_store(url)
    except SQLAlchemyError as exc:
        reason = str(getattr(exc, "orig", None) or exc).strip().splitlines()[0]
        raise fail(f"cannot open the database {describe_url(url)}: {reason}") from None
    except ModuleNotFoundError as exc:
        if "psycopg" in str(exc):
            raise fail('PostgreSQL needs its driver: pip install "claim-workbench[postgres]"') from None
        raise
    _OPENED.append(store)
    return store


_OPENED: list[Store] = []


def _close_stores() -> None:
    """Close pooled connections when a command ends (the root callback registers this)."""
    while _OPENED:
        _OPENED.pop().engine.dispose()


def _actor(name: str | None = None) -> Actor:
    from workbench.store.service import Actor

    return Actor(name or _os_user(), "admin")


def _acting_as(store: Store, as_user: str | None) -> Actor:
    """Who a command acts as. Once the database has accounts, ``--as`` must name one, and its
    role applies; before that, ``--as`` is only the name written to the audit log."""
    if as_user is None:
        return _actor()
    from workbench.store.team import actor_for_name, list_users

    try:
        with store.reader.begin() as session:
            if list_users(session):
                return actor_for_name(session, as_user)
    except WorkbenchError as exc:
        raise fail(str(exc)) from None
    return _actor(as_user)


def _os_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except Exception:  # no login name in some containers
        return "local"


@app.command()
def init(database: DatabaseOpt = None) -> None:
    """Create the claims database, or upgrade it to the newest schema."""
    from workbench.store.schema import current_revision, head_revision

    store = _open(database)
    typer.echo(
        f"Database ready: {store.describe()} (schema {current_revision(store.engine) or head_revision()})"
    )


@app.command()
def ingest(
    paths: Annotated[
        list[str], typer.Argument(help="Files, folders (recursive), globs, or '-' for standard input.")
    ],
    database: DatabaseOpt = None,
    max_mb: Annotated[
        float | None, typer.Option("--max-mb", help="Refuse files larger than this (default 20).")
    ] = None,
    as_user: Annotated[str | None, typer.Option("--as", help="Name recorded in the audit log.")] = None,
) -> None:
    """Load articles, extract their claims and store them (re-ingesting is a no-op)."""
    from workbench.store.ingest import ingest_paths

    settings = _settings(database)
    store = _open(database)
    max_bytes = int((max_mb or settings.max_file_mb) * 1024 * 1024)
    progress = _progress_bar() if sys.stderr.isatty() else None
    try:
        summary = ingest_paths(store.sessions, paths, actor=_acting_as(store, as_user), max_bytes=max_bytes,
                               progress=progress.update if progress else None)  # fmt: skip
    finally:
        if progress:
            progress.close()
    for name, msg in summary.errors:
        typer.secho(f"skipped {name}: {msg}", err=True, fg=typer.colors.YELLOW)
    if summary.new:
        _recluster(store)
    typer.echo(f"Ingested into {store.describe()}: {summary.line()}.")
    if summary.errors and not summary.documents:
        raise typer.Exit(1)


class _progress_bar:
    """A rich progress bar on stderr, for terminals only."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

        self._p = Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                           TimeRemainingColumn(), console=Console(stderr=True), transient=True)  # fmt: skip
        self._p.start()
        self._task = self._p.add_task("Ingesting", total=None)

    def update(self, done: int, total: int | None, name: str) -> None:
        self._p.update(
            self._task, completed=done, total=total, description=f"Ingesting {Path(name).name[:40]}"
        )

    def close(self) -> None:
        self._p.stop()


def _recluster(store: Store) -> None:
    from workbench.store.clusters import recluster

    with store.sessions.begin() as session:
        recluster(session)


def _filters(document: int | None, status: list[str] | None, verdict: list[str] | None,
             session_id: int | None) -> ClaimFilter:  # fmt: skip
    from workbench.store.service import ClaimFilter

    return ClaimFilter(document_id=document, status=tuple(status or ()), verdict=tuple(verdict or ()),
                       session_id=session_id)  # fmt: skip


@app.command()
def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv, jsonl, claimreview or markdown.")] = "csv",
    output: Annotated[
        str, typer.Option("--output", "-o", help="File to write, or '-' for standard output.")
    ] = "-",
    database: DatabaseOpt = None,
    document: Annotated[int | None, typer.Option(help="Only this document id.")] = None,
    status: Annotated[
        list[str] | None, typer.Option(help="Only claims with this status (repeatable).")
    ] = None,
    verdict: Annotated[
        list[str] | None, typer.Option(help="Only claims with this verdict (repeatable).")
    ] = None,
    session_id: Annotated[
        int | None, typer.Option("--session", help="Only claims in this review session.")
    ] = None,
    excel: Annotated[bool, typer.Option("--excel", help="CSV as UTF-8 with BOM, for Excel.")] = False,
) -> None:
    """Export claims and verdicts: CSV (spreadsheet-safe), JSON lines, ClaimReview JSON-LD or Markdown."""
    from workbench.report.export import export_to

    if fmt not in ("csv", "jsonl", "claimreview", "markdown"):
        raise fail(f"unknown format {fmt!r}: use csv, jsonl, claimreview or markdown", 2)
    store = _open(database)
    filters = _filters(document, status, verdict, session_id)
    settings = _settings(database)
    if output == "-":
        if excel:
            sys.stdout.write("\ufeff")
        result = export_to(store.reader, fmt, sys.stdout, filters, settings)
    else:
        with open(output, "w", encoding="utf-8-sig" if excel else "utf-8", newline="") as fh:
            result = export_to(store.reader, fmt, fh, filters, settings)
    for problem in result.problems:
        typer.secho(problem, err=True, fg=typer.colors.YELLOW)
    if output != "-":
        typer.echo(f"Wrote {result.count} {result.noun} to {output}.", err=True)


@app.command("import-verdicts")
def import_verdicts(
    file: Annotated[Path, typer.Argument(help="A CSV made by `workbench export --format csv`, edited.")],
    database: DatabaseOpt = None,
    as_user: Annotated[str | None, typer.Option("--as", help="Name recorded in the audit log.")] = None,
) -> None:
    """Bring verdicts and notes edited in a spreadsheet back in; stale rows are refused, not applied."""
    from workbench.report.csv_io import read_verdict_csv
    from workbench.store.service import import_verdict_rows

    if not file.is_file():
        raise fail(f"{file}: no such file")
    store = _open(database)
    data = file.read_bytes()
    actor = _acting_as(store, as_user)
    try:
        with store.sessions.begin() as session:
            result = import_verdict_rows(session, read_verdict_csv(data), actor=actor)
    except WorkbenchError as exc:
        raise fail(str(exc)) from None
    for n, msg in result.conflicts:
        typer.secho(f"row {n}: conflict: {msg}", err=True, fg=typer.colors.YELLOW)
    for n, msg in result.errors:
        typer.secho(f"row {n}: {msg}", err=True, fg=typer.colors.YELLOW)
    typer.echo(f"Imported {file}: {result.updated} updated, {result.unchanged} unchanged, "
               f"{result.notes_added} notes added, {len(result.conflicts)} conflicts, {len(result.errors)} errors.")  # fmt: skip
    if result.refused:
        raise typer.Exit(1)


# --------------------------------------------------------------------------- evidence


@app.command("check-source")
def check_source(
    source: Annotated[
        str, typer.Argument(help="The source: a file (.html, .pdf, .txt, .md), a URL, or '-'.")
    ],
    claim: Annotated[
        str | None, typer.Option("--claim", help="The claim as text, e.g. 'Sales rose 31% in 2024'.")
    ] = None,
    claim_id: Annotated[int | None, typer.Option("--claim-id", help="A claim in the database.")] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="json or table.")] = "json",
    attach: Annotated[
        bool, typer.Option("--attach", help="Keep the source and best passage as evidence (with --claim-id).")
    ] = False,
    database: DatabaseOpt = None,
    as_user: Annotated[str | None, typer.Option("--as", help="Name recorded in the audit log.")] = None,
) -> None:
    """Check a claim against its source: supports, number_differs or not_found, with the passages."""
    from workbench.documents.sources import fetch_url, load_source_bytes

    if (claim is None) == (claim_id is None):
        raise fail("give either --claim TEXT or --claim-id N", 2)
    if fmt not in ("json", "table"):
        raise fail(f"unknown format {fmt!r}: use json or table", 2)
    if attach and claim_id is None:
        raise fail("--attach needs --claim-id", 2)
    try:
        if source == "-":
            doc = load_source_bytes(sys.stdin.buffer.read(), name="stdin")
        elif source.lower().startswith(("http://", "https://")):
            doc = fetch_url(source)
        else:
            p = Path(source)
            if not p.is_file():
                raise fail(f"{source}: no such file")
            doc = load_source_bytes(p.read_bytes(), name=str(p))
        if claim_id is not None:
            store = _open(database)
            actor = _acting_as(store, as_user)
            with store.sessions.begin() as session:
                from workbench.store.service import attach_evidence
                from workbench.store.service import check_source as run_check

                result = run_check(session, claim_id, doc.text)
                if attach:
                    attach_evidence(session, claim_id, doc, result, actor=actor,
                                    url=source if "://" in source else None)  # fmt: skip
        else:
            from workbench.match import match_source

            assert claim is not None
            result = match_source(claim, doc.text)
    except WorkbenchError as exc:
        raise fail(str(exc)) from None
    if fmt == "json":
        typer.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{result.status}: {result.explanation}")
    if result.suggested_verdict:
        typer.echo(f"suggested verdict: {result.suggested_verdict} (a suggestion; nothing was set)")
    for p in result.passages:
        typer.echo(f"  [{p.start}:{p.end}] score {p.score:.0f}: {p.text[:200]}")


# --------------------------------------------------------------------------- the app

APP_PATH = Path(__file__).with_name("ui") / "app.py"


def streamlit_command(host: str, port: int, *, headless: bool | None = None) -> list[str]:
    """The ``streamlit run`` command line for the app, with every option passed explicitly."""
    import os

    if headless is None:
        has_display = sys.platform in ("darwin", "win32") or bool(
            os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
        )
        headless = not has_display
    return [
        sys.executable, "-m", "streamlit", "run", str(APP_PATH),
        "--server.address", host, "--server.port", str(port),
        "--server.headless", "true" if headless else "false",
        "--browser.gatherUsageStats", "false",
        "--server.fileWatcherType", "none",
        "--server.maxUploadSize", "50",
        "--client.toolbarMode", "minimal",
        "--theme.base", "light",
        "--theme.primaryColor", "#1f5fa8",
        "--theme.font", "sans serif",
    ]  # fmt: skip


def _serve(url: str, host: str, port: int, team: bool, headless: bool | None) -> None:
    import os
    import subprocess

    env = dict(os.environ, WORKBENCH_DATABASE_URL=url, WORKBENCH_MODE="team" if team else "local")
    env.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
    typer.echo(f"Serving {'team' if team else 'local'} workbench on http://{host}:{port} (database {_describe(url)}). "
               "Press Ctrl+C to stop.")  # fmt: skip
    cmd = streamlit_command(host, port, headless=headless)
    if os.name == "posix":
        # Become the Streamlit server (same process id), so that a stop signal sent to
        # `workbench serve` stops the server too instead of leaving it running on the port.
        _close_stores()
        sys.stdout.flush()
        sys.stderr.flush()
        os.execve(cmd[0], cmd, env)
    try:  # pragma: no cover - Windows has no exec that keeps the process
        code = subprocess.call(cmd, env=env)
    except KeyboardInterrupt:  # pragma: no cover
        code = 0
    raise typer.Exit(code)  # pragma: no cover


def _describe(url: str) -> str:
    from workbench.store.engine import describe_url

    return describe_url(url)


@app.command()
def serve(
    database: DatabaseOpt = None,
    host: Annotated[
        str, typer.Option(help="Address to bind; 127.0.0.1 keeps it on this machine.")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8501,
    team: Annotated[
        bool, typer.Option("--team", help="Require login (accounts from `workbench users`).")
    ] = False,
    headless: Annotated[
        bool | None, typer.Option("--headless/--open-browser", help="Do not open a browser.")
    ] = None,
) -> None:
    """Start the reviewer app in the browser on the configured database."""
    store = _open(database)
    if team:
        from workbench.store.team import admin_count

        with store.reader.begin() as session:
            if admin_count(session) == 0:
                raise fail("team mode needs at least one admin account: "
                           "run `workbench users add NAME --role admin` first")  # fmt: skip
    _serve(store.url, host, port, team, headless)


@app.command()
def demo(
    database: DatabaseOpt = None,
    host: Annotated[str, typer.Option(help="Address to bind.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.")] = 8501,
    no_serve: Annotated[
        bool, typer.Option("--no-serve", help="Only load the sample articles, do not start the app.")
    ] = False,
    headless: Annotated[
        bool | None, typer.Option("--headless/--open-browser", help="Do not open a browser.")
    ] = None,
) -> None:
    """Load the bundled sample articles into the database (claims.db) and start the app on it."""
    from workbench.samples import sample_paths
    from workbench.store.ingest import ingest_paths

    store = _open(database)
    summary = ingest_paths(store.sessions, [str(p) for p in sample_paths()], actor=_actor("demo"))
    if summary.new:
        _recluster(store)
    typer.echo(f"Demo database {store.describe()}: {summary.line()}.")
    if not no_serve:
        _serve(store.url, host, port, False, headless)


from workbench.cli_team import sessions_app, users_app  # noqa: E402  (cli_team imports cli lazily)

app.add_typer(users_app, name="users")
app.add_typer(sessions_app, name="sessions")


def main() -> None:
    try:
        app()
    except WorkbenchError as exc:  # a domain error that escaped a command: one line, no traceback
        typer.secho(f"Error: {exc}", err=True, fg=typer.colors.RED)
        sys.exit(1)
    except KeyboardInterrupt:
        typer.secho("Interrupted.", err=True)
        sys.exit(130)
