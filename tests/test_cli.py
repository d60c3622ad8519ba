"""The command line, end to end, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from workbench.cli import app

runner = CliRunner()

ARTICLE = (
    "Bus ridership rose 14% last year, according to the Transit Authority. "
    "Fares brought in $310 million. One in four riders is a student.\n"
)


def invoke(*args: str, input: str | None = None):
    return runner.invoke(app, list(args), input=input, catch_exceptions=False)


@pytest.fixture
def articles(tmp_path):
    d = tmp_path / "articles"
    d.mkdir()
    (d / "buses.txt").write_text(ARTICLE, encoding="utf-8")
    (d / "trams.md").write_text("---\ntitle: Trams\ndate: 2026-01-02\n---\nTram delays fell 9% in March.\n",
                                encoding="utf-8")  # fmt: skip
    (d / "broken.html").write_bytes(b"%PDF-1.7\n\x00\x00binary")
    return d


def test_init_ingest_export_import(db_url, articles, tmp_path):
    r = invoke("init", "--database", db_url)
    assert r.exit_code == 0 and "Database ready" in r.output
    r = invoke("ingest", str(articles), "--database", db_url)
    assert r.exit_code == 0, r.output
    assert "2 new documents" in r.output and "1 error" in r.output and "broken.html" in r.output
    r = invoke("ingest", str(articles), "--database", db_url)
    assert "0 new documents, 2 unchanged, 0 claims added" in r.output

    out = tmp_path / "claims.csv"
    r = invoke("export", "--format", "csv", "--output", str(out), "--database", db_url, "--excel")
    assert r.exit_code == 0, r.output
    raw = out.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    assert {r["text"] for r in rows} >= {"14%", "$310 million", "9%"}
    money = next(r for r in rows if r["text"] == "$310 million")
    assert money["value"] == "310000000" and money["unit"] == "currency"

    for r_ in rows:
        if r_["text"] == "14%":
            r_["verdict"] = "accurate"
            r_["notes"] = "Matches the authority's annual report"
    edited = tmp_path / "edited.csv"
    with edited.open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    r = invoke("import-verdicts", str(edited), "--database", db_url, "--as", "editor1")
    assert r.exit_code == 0, r.output
    assert "1 updated" in r.output and "1 notes added" in r.output
    r = invoke("import-verdicts", str(edited), "--database", db_url)  # now stale: refused, non-zero
    assert r.exit_code == 1 and "conflict" in r.output

    r = invoke("export", "--format", "claimreview", "--database", db_url)
    docs = json.loads(r.stdout)
    assert len(docs) == 1 and docs[0]["reviewRating"]["alternateName"] == "Accurate"
    r = invoke("export", "--format", "jsonl", "--verdict", "accurate", "--database", db_url)
    lines = [json.loads(line) for line in r.stdout.splitlines()]
    assert [x["text"] for x in lines] == ["14%"] and lines[0]["verdict_by"] == "editor1"
    r = invoke("export", "--format", "markdown", "--database", db_url)
    assert "| Accurate | 1 |" in r.stdout


def test_bad_database_url_is_one_line(tmp_path):
    r = runner.invoke(app, ["init", "--database", "postgresql+psycopg://nobody@127.0.0.1:1/none"])
    assert r.exit_code == 1
    assert "cannot open the database" in r.output and "Traceback" not in r.output


def test_unknown_export_format(sqlite_url):
    r = invoke("export", "--format", "xlsx", "--database", sqlite_url)
    assert r.exit_code == 2 and "unknown format" in r.output


def test_import_a_file_that_is_not_an_export(sqlite_url, tmp_path):
    f = tmp_path / "x.csv"
    f.write_text("a,b\n1,2\n", encoding="utf-8")
    r = runner.invoke(app, ["import-verdicts", str(f), "--database", sqlite_url])
    assert r.exit_code == 1 and "no claim_id column" in r.output


def test_demo_without_serving_loads_the_samples(sqlite_url):
    r = invoke("demo", "--no-serve", "--database", sqlite_url)
    assert r.exit_code == 0, r.output
    assert "4 new documents" in r.output
    r = invoke("demo", "--no-serve", "--database", sqlite_url)
    assert "0 new documents, 4 unchanged" in r.output


def test_serve_team_refuses_without_an_admin(sqlite_url):
    r = runner.invoke(app, ["serve", "--team", "--database", sqlite_url])
    assert r.exit_code == 1 and "admin" in r.output


def test_streamlit_command_passes_its_own_options():
    from workbench.cli import APP_PATH, streamlit_command

    cmd = streamlit_command("127.0.0.1", 8765, headless=True)
    assert str(APP_PATH) in cmd and APP_PATH.is_file()
    opts = dict(zip(cmd[5::2], cmd[6::2], strict=True))
    assert opts["--server.headless"] == "true" and opts["--browser.gatherUsageStats"] == "false"
    assert opts["--server.address"] == "127.0.0.1" and opts["--server.port"] == "8765"


def test_as_names_an_account_once_there_are_accounts(seeded, db_url, tmp_path):
    from workbench.store import team
    from workbench.store.service import Actor

    with seeded.sessions.begin() as s:
        team.add_user(s, "rita", "reviewer", "a long password", actor=Actor("admin"))
    r = invoke("export", "--format", "csv", "--output", str(tmp_path / "x.csv"), "--database", db_url)
    assert r.exit_code == 0, r.output
    rows = list(csv.DictReader(io.StringIO((tmp_path / "x.csv").read_text(encoding="utf-8"))))
    rows[0]["verdict"] = "accurate"
    with (tmp_path / "x.csv").open("w", encoding="utf-8", newline="") as fh:
        w = csv.DictWriter(fh, fieldnames=list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    r = runner.invoke(app, ["import-verdicts", str(tmp_path / "x.csv"), "--database", db_url, "--as", "rita"])
    assert (
        r.exit_code == 1 and "may not finalise" in r.output
    )  # a reviewer cannot finalise from a spreadsheet
    r = runner.invoke(
        app, ["import-verdicts", str(tmp_path / "x.csv"), "--database", db_url, "--as", "nobody"]
    )
    assert r.exit_code == 1 and "nobody" in r.output
