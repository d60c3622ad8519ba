"""Team-mode fixtures: accounts and a corpus of hand-made claims, on every backend."""

from __future__ import annotations

import hashlib

import pytest
from sqlalchemy import select

from workbench.documents.types import Document
from workbench.extract.types import Claim
from workbench.store import service, team
from workbench.store.models import Claim as ClaimModel
from workbench.store.service import Actor

ADMIN = Actor("root", "admin")
PASSWORD = "correct horse"


def add_claims(store, n_claims: int, *, per_doc: int = 100, tag: str = "") -> list[int]:
    """n_claims claims in documents of per_doc claims each, built by hand (no extractor)."""
    ids: list[int] = []
    with store.sessions.begin() as s:
        for d in range(0, n_claims, per_doc):
            k = min(per_doc, n_claims - d)
            text = "".join(f"Item {i:05d} grew {i % 90 + 1}% this year. " for i in range(d, d + k))
            claims = []
            pos = 0
            for i in range(d, d + k):
                sentence = f"Item {i:05d} grew {i % 90 + 1}% this year. "
                surface = f"{i % 90 + 1}%"
                start = pos + sentence.index(surface)
                claims.append(Claim(start=start, end=start + len(surface), text=surface, value=float(i % 90 + 1),
                                    unit="percent", sentence=sentence.strip(), checkworthiness=0.5))  # fmt: skip
                pos += len(sentence)
            doc = Document(text=text, title=f"Doc {tag}{d}", path=f"doc{tag}{d}.txt")
            h = hashlib.sha256((tag + text).encode()).hexdigest()
            service.ingest_document(s, doc, claims, content_hash=h, actor=ADMIN)
        ids = list(s.scalars(select(ClaimModel.id).order_by(ClaimModel.id)))
    return ids


def add_users(store, names_roles: dict[str, str]) -> None:
    with store.sessions.begin() as s:
        for name, role in names_roles.items():
            team.add_user(s, name, role, PASSWORD, actor=ADMIN)


@pytest.fixture
def team_store(store):
    """A store with 20 claims in 2 documents and the accounts ann, bob (reviewers), eve (editor), root (admin)."""
    add_claims(store, 20, per_doc=10)
    add_users(store, {"ann": "reviewer", "bob": "reviewer", "eve": "editor", "root": "admin"})
    return store


@pytest.fixture(autouse=True)
def cheap_argon2(monkeypatch):
    """Still argon2id, at a test-sized cost (the real one takes ~0.5 s per hash on CI machines)."""
    from argon2 import PasswordHasher

    monkeypatch.setattr(team, "_hasher", PasswordHasher(time_cost=1, memory_cost=1024, parallelism=1))
    team._dummy_hash.cache_clear()
    yield
    team._dummy_hash.cache_clear()


@pytest.fixture
def make_claims():
    return add_claims


@pytest.fixture
def make_users():
    return add_users
