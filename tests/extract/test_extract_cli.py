"""``workbench extract`` end to end, in a subprocess: jsonl, csv, table and standard input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

TEXT = (
    "---\ntitle: 'Numbers'\nread_time: '5 mins'\n---\n"
    "According to the Census Bureau, median income rose 4.1% to $74,580 in 2023.\n"
)


def run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "workbench", "extract", *args],
        input=stdin, capture_output=True, text=True, timeout=60, encoding="utf-8",
    )  # fmt: skip


@pytest.fixture
def doc(tmp_path: Path) -> Path:
    p = tmp_path / "doc.md"
    p.write_text(TEXT, encoding="utf-8")
    return p


def test_jsonl(doc: Path) -> None:
    r = run(str(doc), "--format", "jsonl")
    assert r.returncode == 0, r.stderr
    recs = [json.loads(line) for line in r.stdout.splitlines()]
    assert [(x["text"], x["value"], x["unit"]) for x in recs] == [
        ("4.1%", 4.1, "percent"),
        ("$74,580", 74580.0, "currency"),
    ]
    for x in recs:
        assert TEXT[x["start"] : x["end"]] == x["text"]
        assert x["document"] == str(doc)
        assert "Census Bureau" in x["attribution"]
    assert recs[0]["direction"] == "increase"


def test_csv(doc: Path) -> None:
    r = run(str(doc), "--format", "csv")
    assert r.returncode == 0, r.stderr
    rows = list(csv.DictReader(io.StringIO(r.stdout)))
    assert [row["text"] for row in rows] == ["4.1%", "$74,580"]
    assert rows[1]["currency"] == "USD"


def test_table(doc: Path) -> None:
    r = run(str(doc), "--format", "table")
    assert r.returncode == 0, r.stderr
    assert "4.1%" in r.stdout and "2 claims" in r.stdout


def test_stdin() -> None:
    r = run("-", "--format", "jsonl", stdin="Nearly half of 2,000 workers said pay fell 3%.")
    assert r.returncode == 0, r.stderr
    texts = [json.loads(line)["text"] for line in r.stdout.splitlines()]
    assert texts == ["half", "2,000", "3%"]


def test_plain_extract_starts_without_typer_or_pydantic(doc: Path) -> None:
    """`workbench extract` takes the argparse path (0.1 s less start-up), and prints the same claims."""
    code = (
        "import sys; sys.argv = ['workbench', 'extract', sys.argv[1]]\n"
        "from workbench.entry import main\n"
        "try:\n    main()\nexcept SystemExit as e:\n    code = e.code\n"
        "print('MODULES', sorted(m for m in sys.modules if m.split('.')[0] in ('typer', 'pydantic', 'click')))"
    )
    r = subprocess.run([sys.executable, "-c", code, str(doc)], capture_output=True, text=True, check=True)
    *lines, modules = r.stdout.splitlines()
    assert modules == "MODULES []"
    assert lines == run(str(doc)).stdout.splitlines()


def test_typer_and_fast_paths_agree(doc: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from workbench.cli import app

    missing = str(tmp_path / "missing.txt")
    for args in ([str(doc), "--format", "csv"], [missing, str(doc)], [str(doc), "--format", "xml"]):
        fast = run(*args)
        slow = CliRunner().invoke(app, ["extract", *args])
        assert slow.exit_code == fast.returncode, (args, slow.output, fast.stderr)
        assert slow.stdout == fast.stdout, args
        assert slow.stderr.strip() == fast.stderr.strip(), args


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--workers", "-1", "x.txt"], "--workers must be 0 or more"),
        (["--format", "xml", "x.txt"], "unknown format 'xml'"),
        ([], "required: PATHS"),
    ],
    ids=["negative-workers", "unknown-format", "no-paths"],
)
def test_usage_errors(args: list[str], message: str) -> None:
    r = run(*args)
    assert r.returncode == 2
    assert message in r.stderr and "Traceback" not in r.stderr


def test_extract_help_goes_to_typer() -> None:
    r = run("--help")
    assert r.returncode == 0
    assert "--workers" in r.stdout and "Usage: " in r.stdout  # typer's help, not argparse's
