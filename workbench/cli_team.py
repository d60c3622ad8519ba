"""``workbench users`` and ``workbench sessions``: accounts and review sessions from the command line.

Registered in cli.py with:
    app.add_typer(users_app, name="users")
    app.add_typer(sessions_app, name="sessions")

Who is acting: ``--as NAME`` acts as that account, with the role the database
gives it (reviewer, editor or admin). Without ``--as`` the command runs in local
mode: whoever can run commands against the database file (the OS user) is
trusted as its admin, the same as everywhere else in the CLI. In team mode the
accounts protect the app, not the database file: anyone who can write the file
or knows the server's database URL can change it directly.

Passwords are read with a hidden, confirmed prompt, or one line from standard
input with ``--password-stdin`` (for scripts); they never appear in the audit log.

The workbench.cli helpers are imported inside the functions: cli.py imports this
module at its end, so a top-level import here would be circular.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Annotated

import typer

from workbench.errors import WorkbenchError

if TYPE_CHECKING:
    from workbench.store import Store
    from workbench.store.service import Actor

__all__ = ["sessions_app", "users_app"]

users_app = typer.Typer(help="Team accounts: add, list, disable, reset passwords.", no_args_is_help=True)
sessions_app = typer.Typer(help="Review sessions: create, assign, close, report.", no_args_is_help=True)

DatabaseOpt = Annotated[
    str | None,
    typer.Option("--database", "-d", help="Database URL (default: WORKBENCH_DATABASE_URL or sqlite:///claims.db).",
                 show_default=False),
]  # fmt: skip
AsOpt = Annotated[
    str | None,
    typer.Option("--as", help="Act as this account, with its role (default: the OS user, as admin).",
                 show_default=False),
]  # fmt: skip
PasswordStdinOpt = Annotated[
    bool, typer.Option("--password-stdin", help="Read the password from one line of standard input.")
]


def _fail(message: str, code: int = 1) -> typer.Exit:
    from workbench.cli import fail

    return fail(message, code)


def _store(database: str | None) -> Store:
    from workbench.cli import _open

    return _open(database)


@contextmanager
def _errors() -> Iterator[None]:
    """A domain error becomes one red line and exit code 1."""
    try:
        yield
    except WorkbenchError as exc:
        raise _fail(str(exc)) from None


def _acting(store: Store, as_user: str | None) -> Actor:
    from workbench.cli import _acting_as

    return _acting_as(store, as_user)


def _password(from_stdin: bool) -> str:
    if from_stdin:
        line = sys.stdin.readline()
        return line.rstrip("\r\n")
    return str(typer.prompt("Password", hide_input=True, confirmation_prompt=True))


# --------------------------------------------------------------------------- users


@users_app.command("add")
def users_add(
    name: Annotated[str, typer.Argument(help="Login name.")],
    role: Annotated[str, typer.Option("--role", help="reviewer, editor or admin.")] = "reviewer",
    password_stdin: PasswordStdinOpt = False,
    database: DatabaseOpt = None,
    as_user: AsOpt = None,
) -> None:
    """Add an account (asks for the password twice, hidden)."""
    from workbench.store.team import add_user

    store = _store(database)
    actor = _acting(store, as_user)
    password = _password(password_stdin)
    with _errors(), store.sessions.begin() as session:
        add_user(session, name, role, password, actor=actor)
    typer.echo(f"Added {role} {name}.")


@users_app.command("list")
def users_list(database: DatabaseOpt = None) -> None:
    """List the accounts, their roles and last logins."""
    from workbench.store.team import list_users

    store = _store(database)
    with store.reader.begin() as session:
        rows = list_users(session)
    if not rows:
        typer.echo("No accounts yet: `workbench users add NAME --role admin`.")
    for u in rows:
        last = u.last_login_at.strftime("%Y-%m-%d %H:%M") if u.last_login_at else "never"
        state = "  (disabled)" if u.disabled else ""
        typer.echo(f"{u.name}\t{u.role}\tlast login {last}{state}")


@users_app.command("disable")
def users_disable(
    name: Annotated[str, typer.Argument(help="Login name.")],
    database: DatabaseOpt = None,
    as_user: AsOpt = None,
) -> None:
    """Disable an account and sign it out everywhere."""
    from workbench.store.team import disable_user

    store = _store(database)
    actor = _acting(store, as_user)
    with _errors(), store.sessions.begin() as session:
        disable_user(session, name, actor=actor)
    typer.echo(f"Disabled {name}.")


@users_app.command("reset-password")
def users_reset_password(
    name: Annotated[str, typer.Argument(help="Login name.")],
    password_stdin: PasswordStdinOpt = False,
    database: DatabaseOpt = None,
    as_user: AsOpt = None,
) -> None:
    """Set a new password (clears the login throttle, signs the user out everywhere)."""
    from workbench.store.team import reset_password

    store = _store(database)
    actor = _acting(store, as_user)
    password = _password(password_stdin)
    with _errors(), store.sessions.begin() as session:
        reset_password(session, name, password, actor=actor)
    typer.echo(f"New password set for {name}.")


# --------------------------------------------------------------------------- sessions


@sessions_app.command("create")
def sessions_create(
    name: Annotated[str, typer.Argument(help="Session name.")],
    document: Annotated[
        list[int] | None, typer.Option("--document", help="A document id (repeatable).")
    ] = None,
    status: Annotated[
        list[str] | None, typer.Option("--status", help="Only claims with this status (repeatable).")
    ] = None,
    mode: Annotated[str, typer.Option("--mode", help="single, or double (blind double review).")] = "single",
    due: Annotated[str | None, typer.Option("--due", help="Due date, e.g. 2026-05-31.")] = None,
    description: Annotated[str | None, typer.Option("--description", help="What the session is for.")] = None,
    database: DatabaseOpt = None,
    as_user: AsOpt = None,
) -> None:
    """Create a review session from documents and/or a status filter (editors)."""
    from workbench.store.service import ClaimFilter
    from workbench.store.team import create_session, get_session

    store = _store(database)
    actor = _acting(store, as_user)
    filters = ClaimFilter(status=tuple(status)) if status else None
    with _errors(), store.sessions.begin() as session:
        sid = create_session(session, name, description=description, due_date=due, mode=mode,
                             document_ids=document or None, filters=filters, actor=actor)  # fmt: skip
        row = get_session(session, sid)
    typer.echo(f"Created session {sid} ({row.mode} review): {row.total} claims.")


@sessions_app.command("list")
def sessions_list(database: DatabaseOpt = None) -> None:
    """List review sessions with their progress."""
    from workbench.store.team import list_sessions

    store = _store(database)
    with store.reader.begin() as session:
        rows = list_sessions(session)
    if not rows:
        typer.echo("No review sessions yet: `workbench sessions create NAME --document ID`.")
    for r in rows:
        due = f", due {r.due_date}" if r.due_date else ""
        dis = f", {r.disagreements} disagreements" if r.disagreements else ""
        typer.echo(f"{r.id}\t{r.name}\t{r.mode}\t{r.status}\t{r.done}/{r.total} done{dis}{due}")


@sessions_app.command("assign")
def sessions_assign(
    session_id: Annotated[int, typer.Argument(help="Session id.")],
    reviewer: Annotated[
        list[str], typer.Option("--reviewer", help="A reviewer's account name (repeatable).")
    ],
    strategy: Annotated[
        str, typer.Option("--strategy", help="round-robin, balanced (by open work), or manual.")
    ] = "round-robin",
    claim: Annotated[
        list[int] | None, typer.Option("--claim", help="Only these claim ids (repeatable).")
    ] = None,
    database: DatabaseOpt = None,
    as_user: AsOpt = None,
) -> None:
    """Assign a session's claims to reviewers (editors)."""
    from workbench.store.team import assign

    store = _store(database)
    actor = _acting(store, as_user)
    with _errors(), store.sessions.begin() as session:
        res = assign(session, session_id, strategy=strategy, reviewers=reviewer, claim_ids=claim or None,
                     actor=actor)  # fmt: skip
    per = ", ".join(f"{k} {v}" for k, v in res.per_reviewer.items())
    typer.echo(f"Assigned {res.assigned} claims: {per}.")
    if res.skipped:
        typer.echo(f"Left {len(res.skipped)} claims that already have reviews as they were.")


@sessions_app.command("close")
def sessions_close(
    session_id: Annotated[int, typer.Argument(help="Session id.")],
    database: DatabaseOpt = None,
    as_user: AsOpt = None,
) -> None:
    """Close a session: no more reviews, assignments or settling (editors)."""
    from workbench.store.team import close_session

    store = _store(database)
    actor = _acting(store, as_user)
    with _errors(), store.sessions.begin() as session:
        left = close_session(session, session_id, actor=actor)
    typer.echo(f"Closed session {session_id}" + (f"; {left} claims were still open." if left else "."))


@sessions_app.command("report")
def sessions_report(
    session_id: Annotated[int, typer.Argument(help="Session id.")],
    output: Annotated[
        str, typer.Option("--output", "-o", help="File to write, or '-' for standard output.")
    ] = "-",
    fmt: Annotated[str, typer.Option("--format", "-f", help="csv (one row per claim) or markdown.")] = "csv",
    database: DatabaseOpt = None,
) -> None:
    """A session's claims as CSV, or a Markdown report with the agreement figures."""
    from workbench.cli import _settings
    from workbench.report.export import export_to
    from workbench.store.service import ClaimFilter
    from workbench.store.team import get_session, session_agreement

    if fmt not in ("csv", "markdown"):
        raise _fail(f"unknown format {fmt!r}: use csv or markdown", 2)
    store = _store(database)
    with _errors(), store.reader.begin() as session:
        row = get_session(session, session_id)
        lines = session_agreement(session, session_id).lines()
    settings = _settings(database)
    filters = ClaimFilter(session_id=session_id)
    kwargs = {"title": f"Review session: {row.name}", "agreement": lines} if fmt == "markdown" else {}
    if output == "-":
        result = export_to(store.reader, fmt, sys.stdout, filters, settings, **kwargs)  # type: ignore[arg-type]
    else:
        with open(output, "w", encoding="utf-8", newline="") as fh:
            result = export_to(store.reader, fmt, fh, filters, settings, **kwargs)  # type: ignore[arg-type]
        typer.echo(f"Wrote {result.count} {result.noun} to {output}.", err=True)
