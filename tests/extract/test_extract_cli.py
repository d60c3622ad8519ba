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
