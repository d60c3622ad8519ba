"""Score the shared hard-case corpus with the shared scorer, through the real CLI."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / ".." / "shared" / "corpus"
SCORER = REPO / ".." / "shared" / "tools" / "score_extract.py"


@pytest.mark.skipif(
    not (CORPUS / "gold.json").exists() or not SCORER.exists(),
    reason="the shared corpus (../shared/corpus and ../shared/tools/score_extract.py) is not checked out here",
)
def test_shared_corpus_scores() -> None:
    cmd = [sys.executable, str(SCORER), str(CORPUS / "gold.json"), str(CORPUS), "--",
           sys.executable, "-m", "workbench", "extract", "{doc}", "--format", "jsonl"]  # fmt: skip
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, timeout=240).stdout
    last = out.strip().splitlines()[-1]
    scores = {k: float(v) for k, v in re.findall(r"(\w+) ([0-9.]+)", last)}
    assert scores["recall"] == 1.0, out
    assert scores["precision"] == 1.0, out
    assert scores["value_acc"] == 1.0, out
    assert re.search(r"negatives_hit 0/", last), out
    assert scores["attribution"] >= 0.9, out
