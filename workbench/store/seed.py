"""A small hand-made corpus: the same fixture data for tests, the app's tests and the browser tests.

The claims are built by hand, not by the extractor, so store and UI tests do
not move when extraction improves.
"""

from __future__ import annotations

import hashlib
from typing import Any

from workbench.documents.types import Document
from workbench.extract.types import Claim

__all__ = ["SEED_DOCUMENTS", "seed_small_corpus"]

ARTICLE_A = (
    "Remote work and the four-day week\n\n"
    "According to the Workplace Institute, companies that moved to a four-day week saw a 24% rise in "
    "reported productivity. Experts say one in five workers would change jobs for the option.\n\n"
    "Office occupancy fell from 62% to 41% between the two surveys, and the city lost $1.2bn in "
    "commuter spending."
)
ARTICLE_B = (
    "Hospitals and AI triage\n\n"
    "Nurses at Northfield Clinic reported a 24% rise in productivity after the rollout. "
    "Waiting times fell 18% in a year, the clinic said.\n\n"
    "A hostile line: <script>alert('x')</script> and [link](javascript:alert(1)) with 3 claims."
)


def _claim(text: str, surface: str, **kw: Any) -> Claim:
    start = text.index(surface)
    sentence_start = max(text.rfind("\n", 0, start) + 1, text.rfind(". ", 0, start) + 2)
    sentence_end = min((i for i in (text.find(". ", start), text.find(".\n", start)) if i >= 0), default=-1)
    sentence = text[sentence_start : sentence_end + 1 if sentence_end >= 0 else len(text)].strip()
    return Claim(start=start, end=start + len(surface), text=surface, sentence=sentence, **kw)


SEED_DOCUMENTS: list[tuple[Document, list[Claim]]] = [
    (
        Document(
            text=ARTICLE_A,
            title="Remote work and the four-day week",
            url="https://news.example/remote",
            author="A. Writer",
            published="2026-03-01",
            path="remote.txt",
        ),  # fmt: skip
        [
            _claim(
                ARTICLE_A,
                "24%",
                value=24.0,
                unit="percent",
                direction="increase",
                metric="reported productivity",
                attribution="the Workplace Institute",
                checkworthiness=0.55,
                flags=("precise_figure",),
            ),  # fmt: skip
            _claim(
                ARTICLE_A,
                "one in five",
                value=0.2,
                unit="fraction",
                noun="workers",
                metric="workers",
                attribution="Experts",
                checkworthiness=0.8,
                flags=("vague_source",),
            ),  # fmt: skip
            _claim(
                ARTICLE_A,
                "from 62% to 41%",
                value=41.0,
                value_from=62.0,
                unit="percent",
                direction="decrease",
                metric="Office occupancy",
                checkworthiness=0.9,
                flags=("no_source", "change"),
            ),  # fmt: skip
            _claim(
                ARTICLE_A,
                "$1.2bn",
                value=1.2e9,
                unit="currency",
                currency="USD",
                metric="commuter spending",
                checkworthiness=0.85,
                flags=("no_source",),
            ),  # fmt: skip
        ],
    ),
    (
        Document(
            text=ARTICLE_B,
            title="Hospitals and AI triage",
            url="https://news.example/triage",
            path="triage.txt",
        ),  # fmt: skip
        [
            _claim(
                ARTICLE_B,
                "24%",
                value=24.0,
                unit="percent",
                direction="increase",
                metric="productivity",
                attribution="Northfield Clinic",
                checkworthiness=0.5,
                flags=("precise_figure",),
            ),  # fmt: skip
            _claim(
                ARTICLE_B,
                "18%",
                value=18.0,
                unit="percent",
                direction="decrease",
                metric="Waiting times",
                attribution="the clinic",
                checkworthiness=0.6,
            ),  # fmt: skip
            _claim(ARTICLE_B, "3 claims", value=3.0, unit="count", noun="claims", checkworthiness=0.1),
        ],
    ),
]


def seed_small_corpus(store: Any, actor_name: str = "seed") -> list[int]:
    """Ingest SEED_DOCUMENTS through the service layer; returns the document ids."""
    from workbench.store import service

    actor = service.Actor(actor_name)
    ids = []
    with store.sessions.begin() as session:
        for doc, claims in SEED_DOCUMENTS:
            h = hashlib.sha256(doc.text.encode()).hexdigest()
            ids.append(service.ingest_document(session, doc, claims, content_hash=h, actor=actor).document_id)
    return ids
