"""Long texts are read piece by piece (cut at blank lines): the pieces must give the whole's claims."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from test_extract_properties import PROSE

from workbench.documents import load_document
from workbench.extract import chunks as chunks_mod
from workbench.extract import extract_claims
from workbench.extract.chunks import chunk_spans, claim_chunks, map_chunks
from workbench.samples import sample_paths

GOLDEN = Path(__file__).parent.parent / "golden"


def _pieced(text: str, size: int, workers: int = 1) -> list[object]:
    return [c for piece in claim_chunks(text, workers=workers, size=size) for c in piece]


def _texts() -> list[tuple[str, str]]:
    out = [(p.name, load_document(p).text) for p in sample_paths()]
    for p in sorted(GOLDEN.glob("*.json")):
        cases = json.loads(p.read_text(encoding="utf-8"))
        out.append((p.name, "\n\n".join(c["text"] for c in cases)))
    return out


@pytest.mark.parametrize(("name", "text"), _texts(), ids=[n for n, _ in _texts()])
@pytest.mark.parametrize("size", [1, 80, 2000])
def test_pieces_give_the_claims_of_the_whole(name: str, text: str, size: int) -> None:
    whole = extract_claims(text)
    assert len(chunk_spans(text, size)) > 1
    assert _pieced(text, size) == whole


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PROSE, min_size=1, max_size=6).map("\n\n".join), st.sampled_from([1, 10, 50]))
@example("---\ntitle: x\n\nsize: 5%\n---\nSales rose 5%.\n\n---\nIt fell 3%.\n---\n", 1)
@example("According to IBM,\n\n 31% of firms", 1)
@example("Gartner's survey found:\n\n- 45% plan cuts.\n\n- 12% do not.", 1)
@example('"It works," said Dr Ada Vandermeer.\n\nShe said sales rose 26%.', 1)
@example('"It rose 3%," said Dr Ada Vandermeer.\n\nThe cell cost $1.4m, he said.', 1)
@example('"It rose 3%," said Dr Ada Vandermeer.\n\nCosts fell. She said sales rose 26%.', 1)
def test_pieces_agree_on_any_text(text: str, size: int) -> None:
    assert _pieced(text, size) == extract_claims(text)


def test_spans_cover_the_text_and_cut_after_blank_lines() -> None:
    text = "A rose 5%.\n\nB fell 3%.\n \t\nC grew 2%.\n\n"
    spans = chunk_spans(text, size=1)
    assert spans[0][0] == 0 and spans[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(spans, spans[1:], strict=False))
    assert [text[lo:hi].strip() for lo, hi in spans] == ["A rose 5%.", "B fell 3%.", "C grew 2%."]


def test_front_matter_stays_in_the_first_piece() -> None:
    text = "---\ntitle: Jobs\n\nnote: 12% of it\n---\nJobs rose 4%.\n\nThen 7%.\n"
    first = chunk_spans(text, size=1)[0]
    assert text[first[0] : first[1]].startswith("---\ntitle: Jobs\n\nnote: 12% of it\n---\n")
    assert [c.text for c in _pieced(text, 1)] == ["4%", "7%"]


def test_no_cut_before_a_paragraph_that_takes_its_source_from_the_one_before() -> None:
    text = (
        "Gartner's survey found:\n\n- 45% plan cuts.\n\nSaid Ada: 3%.\n\nShe said sales rose 26%.\n\nEnd 1%."
    )
    pieces = [text[lo:hi] for lo, hi in chunk_spans(text, size=1)]
    assert pieces == [
        "Gartner's survey found:\n\n- 45% plan cuts.\n\n",
        "Said Ada: 3%.\n\nShe said sales rose 26%.\n\n",
        "End 1%.",
    ]


def test_a_text_without_blank_lines_is_one_piece() -> None:
    text = "Sales rose 5%. " * 100
    assert chunk_spans(text, size=10) == [(0, len(text))]


def _texts_of(claims: list[object]) -> list[str]:
    return [c.text for c in claims]  # type: ignore[attr-defined]


def test_worker_processes_give_the_same_claims(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(chunks_mod, "PARALLEL_MIN_CHARS", 0)
    text = "\n\n".join(t for _, t in _texts())
    pieces = list(map_chunks(text, _texts_of, workers=2, size=3000))
    assert len(pieces) > 2
    assert [t for piece in pieces for t in piece] == [c.text for c in extract_claims(text)]
