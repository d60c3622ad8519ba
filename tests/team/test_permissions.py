"""Each role tries each action it may not take, through the service layer and through the CLI (--as)."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from workbench.cli import app
from workbench.errors import PermissionDenied
from workbench.store import service, team
from workbench.store.service import Actor, ClaimFilter

ANN = Actor("ann", "reviewer")
EVE = Actor("eve", "editor")
ROOT = Actor("root", "admin")


@pytest.fixture
def open_session(team_store):
    with team_store.sessions.begin() as s:
        sid = team.create_session(s, "S", mode="double", filters=ClaimFilter(), actor=EVE)
        team.assign(s, sid, strategy="round_robin", reviewers=["ann", "bob"], actor=EVE)
        c = team.my_queue(s, "ann", session_id=sid)[0].claim_id
        team.submit_review(s, sid, c, "accurate", actor=ANN)
        team.submit_review(s, sid, c, "misleading", actor=Actor("bob", "reviewer"))
    return team_store, sid, c


REVIEWER_FORBIDDEN = {
    "finalise": lambda s, sid, c: service.set_verdict(
        s, c, "accurate", expected_version=3, actor=ANN, final=True
    ),
    "settle": lambda s, sid, c: team.settle(s, sid, c, "accurate", actor=ANN),
    "create session": lambda s, sid, c: team.create_session(s, "x", filters=ClaimFilter(), actor=ANN),
    "close session": lambda s, sid, c: team.close_session(s, sid, actor=ANN),
    "assign": lambda s, sid, c: team.assign(s, sid, reviewers=["ann", "bob"], actor=ANN),
    "add user": lambda s, sid, c: team.add_user(s, "mal", "admin", "long enough", actor=ANN),
    "disable user": lambda s, sid, c: team.disable_user(s, "root", actor=ANN),
    "reset password": lambda s, sid, c: team.reset_password(s, "root", "long enough", actor=ANN),
}
EDITOR_FORBIDDEN = {
    "add user": lambda s, sid, c: team.add_user(s, "mal", "admin", "long enough", actor=EVE),
    "disable user": lambda s, sid, c: team.disable_user(s, "ann", actor=EVE),
    "reset password": lambda s, sid, c: team.reset_password(s, "ann", "long enough", actor=EVE),
}


@pytest.mark.parametrize("action", list(REVIEWER_FORBIDDEN))
def test_reviewer_is_refused(open_session, action):
    store, sid, c = open_session
    with pytest.raises(PermissionDenied), store.sessions.begin() as s:
        REVIEWER_FORBIDDEN[action](s, sid, c)


@pytest.mark.parametrize("action", list(EDITOR_FORBIDDEN))
def test_editor_is_refused_user_management(open_session, action):
    store, sid, c = open_session
    with pytest.raises(PermissionDenied), store.sessions.begin() as s:
        EDITOR_FORBIDDEN[action](s, sid, c)


def test_editor_and_admin_may(open_session):
    store, sid, c = open_session
    with store.sessions.begin() as s:
        team.settle(s, sid, c, "needs_context", note="editor's call", actor=EVE)
        team.add_user(s, "new", "reviewer", "long enough", actor=ROOT)


def cli(store, *args, input=None):
    return CliRunner().invoke(app, [*args, "--database", store.url], input=input)


CLI_REVIEWER_FORBIDDEN = [
    ["users", "add", "mal", "--role", "admin", "--password-stdin", "--as", "ann"],
    ["users", "disable", "root", "--as", "ann"],
    ["users", "reset-password", "root", "--password-stdin", "--as", "ann"],
    ["sessions", "create", "x", "--status", "new", "--as", "ann"],
    ["sessions", "assign", "1", "--reviewer", "ann", "--reviewer", "bob", "--as", "ann"],
    ["sessions", "close", "1", "--as", "ann"],
]
CLI_EDITOR_FORBIDDEN = [
    ["users", "add", "mal", "--role", "admin", "--password-stdin", "--as", "eve"],
    ["users", "disable", "ann", "--as", "eve"],
    ["users", "reset-password", "ann", "--password-stdin", "--as", "eve"],
]


@pytest.mark.parametrize("args", CLI_REVIEWER_FORBIDDEN + CLI_EDITOR_FORBIDDEN, ids=" ".join)
def test_cli_refuses_by_role(open_session, args):
    store, _, _ = open_session
    r = cli(store, *args, input="long enough password\n")
    assert r.exit_code == 1, r.output
    assert "may not" in r.output


def test_cli_users_and_sessions_end_to_end(open_session, tmp_path):
    store, sid, _ = open_session
    r = cli(store, "users", "add", "zoe", "--role", "editor", "--password-stdin", input="zoe's passphrase\n")
    assert r.exit_code == 0, r.output
    r = cli(store, "users", "add", "tiny", "--password-stdin", input="short\n")
    assert r.exit_code == 1 and "at least 8 characters" in r.output
    r = cli(store, "users", "add", "pat", "--role", "reviewer", input="pat-passphrase\npat-passphrase\n")
    assert r.exit_code == 0, r.output  # hidden prompt, asked twice
    r = cli(store, "users", "list")
    assert "zoe\teditor" in r.output and "pat\treviewer" in r.output and "passphrase" not in r.output
    r = cli(store, "sessions", "create", "Second", "--document", "1", "--mode", "double", "--due", "2026-06-01",
            "--as", "zoe")  # fmt: skip
    assert r.exit_code == 0 and "10 claims" in r.output, r.output
    new_sid = int(r.output.split()[2])
    r = cli(store, "sessions", "assign", str(new_sid), "--reviewer", "ann", "--reviewer", "pat",
            "--strategy", "balanced", "--as", "zoe")  # fmt: skip
    assert r.exit_code == 0 and "Assigned 10 claims" in r.output, r.output
    r = cli(store, "sessions", "list")
    assert "Second\tdouble\topen\t0/10" in r.output
    out = tmp_path / "s.csv"
    r = cli(store, "sessions", "report", str(sid), "--output", str(out))
    assert r.exit_code == 0, r.output
    assert out.read_text().count("\n") == 21  # header + 20 claims
    md = tmp_path / "s.md"
    r = cli(store, "sessions", "report", str(sid), "--format", "markdown", "--output", str(md))
    assert r.exit_code == 0 and "Cohen's kappa" in md.read_text()
    r = cli(store, "users", "disable", "pat")
    assert r.exit_code == 0
    r = cli(store, "sessions", "list", "--as", "pat")
    assert r.exit_code != 0  # list takes no --as: the option is unknown
    r = cli(store, "sessions", "close", str(new_sid), "--as", "pat")
    assert r.exit_code == 1 and "disabled" in r.output
    r = cli(store, "sessions", "assign", "999", "--reviewer", "ann", "--as", "nobody")
    assert r.exit_code == 1 and "no user 'nobody'" in r.output
