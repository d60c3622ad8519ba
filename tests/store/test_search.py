"""Free-text search through the index (migration 0004) means exactly what the scan means.

Each test runs on SQLite (FTS5 trigram table) and PostgreSQL (pg_trgm GIN indexes). The
reference is the same query without the index: on SQLite the LIKE scan, on PostgreSQL the
ILIKE query with index and bitmap scans turned off.
"""

from __future__ import annotations

import hashlib
import logging
import random
from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from alembic import command
from sqlalchemy import create_engine, select, text

from workbench.documents.types import Document
from workbench.extract.types import Claim as ExtractedClaim
from workbench.store import open_store, search, service
from workbench.store.engine import make_engine
from workbench.store.schema import alembic_config, upgrade
from workbench.store.seed import seed_small_corpus
from workbench.store.service import Actor, ClaimFilter

ME = Actor("alice")

SENTENCES = [
    # (sentence, claim surface, metric, attribution)
    ("Bus RIDERSHIP rose 14% in Lyon last year.", "14%", "bus ridership", "the Transit Authority"),
    ("Discount codes of 100%_off are a typo, but 50% off is real.", "50%", "discount", None),
    ("The folder C:\\data\\2024 held 12 files, up 3% on 2023.", "3%", "file count", "IT_dept"),
    ("Über 30% der Schüler nutzen das ÖPNV-Angebot.", "30%", "Schüler", "Statistik Äustria"),
    ('He said "about 40%" of the 5 \u212aelvin readings were "wrong".', "40%", "readings", 'the "Lab"'),
    ("Costs rose by a 10th, or 10%, in the occupancy survey.", "10%", None, "McKinsey & Co."),
]
ARTICLE = "Search test article\n\n" + " ".join(s for s, *_ in SENTENCES) + "\n"


def _claims(article: str) -> list[ExtractedClaim]:
    out = []
    for sentence, surface, metric, attribution in SENTENCES:
        start = article.index(sentence) + sentence.index(surface)
        value = float(surface.rstrip("%"))
        out.append(
            ExtractedClaim(
                start=start, end=start + len(surface), text=surface, value=value, unit="percent",
                metric=metric, attribution=attribution, sentence=sentence, checkworthiness=value / 100,
            )
        )  # fmt: skip
    return out


def add_article(store, article: str = ARTICLE) -> int:  # type: ignore[no-untyped-def]
    doc = Document(text=article, title="Search test", path="search.txt")
    h = hashlib.sha256(article.encode()).hexdigest()
    with store.sessions.begin() as s:
        return service.ingest_document(s, doc, _claims(article), content_hash=h, actor=ME).document_id


@pytest.fixture
def corpus(seeded):  # type: ignore[no-untyped-def]
    add_article(seeded)
    return seeded


def ids(session, term: str, **filters) -> list[int]:  # type: ignore[no-untyped-def]
    q = service.filtered(select(service.Claim.id), ClaimFilter(text=term, **filters)).order_by(
        service.Claim.id
    )
    return list(session.scalars(q))


@contextmanager
def without_index(store) -> Iterator:  # type: ignore[no-untyped-def]
    """A read session whose text search scans the table: the reference for the index."""
    engine = store.engine
    if engine.dialect.name == "sqlite":
        setattr(engine.dialect, search.DIALECT_FLAG, False)
        engine.clear_compiled_cache()
        try:
            with store.reader.begin() as s:
                yield s
        finally:
            search.detect(engine)
    else:
        with store.reader.begin() as s:
            s.execute(text("SET LOCAL enable_bitmapscan = off"))
            s.execute(text("SET LOCAL enable_indexscan = off"))
            yield s


def assert_index_used(store, term: str) -> None:  # type: ignore[no-untyped-def]
    q = service.filtered(select(service.Claim.id), ClaimFilter(text=term))
    with store.reader.begin() as s:
        if store.engine.dialect.name == "sqlite":
            assert "claims_fts MATCH" in str(q.compile(s.get_bind()))
        else:
            s.execute(text("SET LOCAL enable_seqscan = off"))
            pattern = f"%{search.escape_like(term)}%"
            plan = "\n".join(
                s.scalars(text("EXPLAIN SELECT id FROM claims WHERE sentence ILIKE :p"), {"p": pattern})
            )
            assert "ix_claims_sentence_trgm" in plan, plan


def test_the_migration_builds_the_index(corpus):
    if corpus.engine.dialect.name == "sqlite":
        assert search.detect(corpus.engine) is True
    else:
        with corpus.reader.begin() as s:
            options = s.execute(
                text("SELECT relname, reloptions FROM pg_class WHERE relname LIKE 'ix_claims_%_trgm'")
            ).all()
        assert {name for name, _ in options} == search.TRIGRAM_INDEXES
        assert all(opts == ["gin_pending_list_limit=1024"] for _, opts in options)
    assert_index_used(corpus, "ridership")
    with corpus.sessions.begin() as s:  # after a bulk load: ANALYZE, and merge the pending entries
        service.refresh_statistics(s)
    assert_index_used(corpus, "ridership")


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("ridership", ["14%"]),  # whole word
        ("IDERSHI", ["14%"]),  # mid-word, case folded both ways
        ("rIdErShIp RoSe 1", ["14%"]),  # across words, spaces included
        ("ccupan", ["10%"]),  # the seed corpus has "occupancy" too (see below)
        ("100%_off", ["50%"]),  # % and _ taken literally
        ("0%_o", ["50%"]),
        ("C:\\data\\2024", ["3%"]),  # backslashes taken literally
        ("\\data", ["3%"]),
        ("it_dept", ["3%"]),  # the attribution column, case folded
        ('"about 40%"', ["40%"]),  # double quotes cannot break the FTS5 query
        ('the "lab', ["40%"]),
        ("& Co", ["10%"]),
        ("a 10th, or", ["10%"]),
        ("discount", ["50%"]),  # the metric column
        ("file cou", ["3%"]),
        ("%%", []),
        ("___", []),
        ("14%", ["14%"]),  # the claim text column
        ("bus ridership rose 15%", []),
    ],
)
def test_search_finds_substrings_in_any_column(corpus, term, expected):
    with corpus.reader.begin() as s:
        found = [r.text for r in service.list_claims(s, ClaimFilter(text=term), sort="id", limit=100).rows]
        found = [t for t in found if t in {c for _, c, _, _ in SENTENCES}]
        if term == "ccupan":  # two seed claims share a sentence with "occupancy"
            assert service.count_claims(s, ClaimFilter(text=term)) == 3
        assert sorted(found) == sorted(expected), term
    with without_index(corpus) as s:
        assert ids(s, term) == ids_with_index(corpus, term)


def ids_with_index(store, term: str) -> list[int]:  # type: ignore[no-untyped-def]
    with store.reader.begin() as s:
        return ids(s, term)


def test_case_folding_is_the_scans(corpus):
    """SQLite folds ASCII only (lower()); PostgreSQL's ILIKE folds more. The index follows suit."""
    for term in ["ÜBER", "über", "schüler", "SCHÜLER", "öpnv", "kelvin", "\u212aelvin", "äustria"]:
        with without_index(corpus) as s:
            expected = ids(s, term)
        assert ids_with_index(corpus, term) == expected, term
    with corpus.reader.begin() as s:
        assert len(ids(s, "Über 30")) == 1
        assert len(ids(s, "ÜBER 30")) == 1  # both backends fold the ASCII letters
        if corpus.engine.dialect.name == "sqlite":
            # SQLite's lower() leaves non-ASCII letters alone, with or without the index
            assert ids(s, "über 30") == []
            assert ids(s, "kelvin") == []


@pytest.mark.parametrize("term", ["oc", "O", "%", "_", "\\", "4", "1%", " r ", "  ", "\u212a"])
def test_short_terms_are_scanned_with_the_same_meaning(corpus, term):
    with corpus.reader.begin() as s:
        q = service.filtered(select(service.Claim.id), ClaimFilter(text=term))
        assert "claims_fts" not in str(q.compile(s.get_bind()))
        got = ids(s, term)
    with without_index(corpus) as s:
        assert got == ids(s, term)
    if term == "%":
        assert got  # "%" is a literal percent sign: most claims have one
    if term == "_":
        assert len(got) == 2  # "100%_off" and "IT_dept"


def test_random_terms_agree_with_the_scan(corpus):
    """Substrings of the stored text in random case, and odd characters, on both paths."""
    rng = random.Random(3)
    with corpus.reader.begin() as s:
        texts = [
            t
            for row in s.execute(select(service.Claim.sentence, service.Claim.attribution))
            for t in row
            if t
        ]
    terms = []
    for _ in range(150):
        t = rng.choice(texts)
        i = rng.randrange(len(t))
        sub = t[i : i + rng.randint(1, 9)]
        terms.append("".join(c.upper() if rng.random() < 0.4 else c for c in sub))
    terms += ["".join(rng.choice("ab%_\\\"' Ü\u212ak1") for _ in range(rng.randint(1, 6))) for _ in range(60)]
    with corpus.reader.begin() as s:
        indexed = {t: ids(s, t) for t in terms}
    with without_index(corpus) as s:
        scanned = {t: ids(s, t) for t in terms}
    assert indexed == scanned
    assert sum(bool(v) for v in indexed.values()) > 100  # most substrings of stored text are found


@pytest.mark.parametrize("sort", list(service.SORTS))
def test_pages_of_a_search_are_the_same_rows_in_the_same_order(corpus, sort):
    for extra in [{}, {"status": ("new",), "unit": ("percent",), "min_score": 0.1}]:
        f = ClaimFilter(text="%", **extra)  # short: scanned
        g = ClaimFilter(text=" the ", **extra)  # indexed
        for flt in (f, g):
            with corpus.reader.begin() as s:
                pages = [service.list_claims(s, flt, sort=sort, offset=o, limit=2) for o in (0, 2, 4)]
            with without_index(corpus) as s:
                ref = [service.list_claims(s, flt, sort=sort, offset=o, limit=2) for o in (0, 2, 4)]
            assert [[r.id for r in p.rows] for p in pages] == [[r.id for r in p.rows] for p in ref]
            assert pages[0].total == ref[0].total
            everything = service_ids_in_order(corpus, flt, sort)
            assert [r.id for p in pages for r in p.rows] == everything[:6]


def service_ids_in_order(store, flt: ClaimFilter, sort: str) -> list[int]:  # type: ignore[no-untyped-def]
    with store.reader.begin() as s:
        return [r.id for r in service.list_claims(s, flt, sort=sort, limit=1000).rows]


def test_an_edited_metric_is_found_and_the_old_one_is_not(corpus):
    with corpus.reader.begin() as s:
        (cid,) = ids(s, "file count")
        version = service.get_claim(s, cid).version
    with corpus.sessions.begin() as s:
        version = service.update_claim_fields(
            s, cid, {"metric": "Cycle LANES"}, expected_version=version, actor=ME
        )
        service.set_status(s, cid, "in_review", expected_version=version, actor=ME)  # not a searched column
    with corpus.reader.begin() as s:
        assert ids(s, "file count") == []
        assert ids(s, "cycle lan") == [cid]
        assert ids(s, "CYCLE") == [cid]
        assert ids(s, "folder C:") == [cid]  # the unchanged columns are still found
    with without_index(corpus) as s:
        assert ids(s, "cycle lan") == [cid] and ids(s, "file count") == []


def test_claims_of_a_deleted_document_disappear(corpus):
    with corpus.reader.begin() as s:
        doc_id = s.scalar(select(service.Claim.document_id).where(service.Claim.metric == "bus ridership"))
        assert ids(s, "ridership")
    with corpus.sessions.begin() as s:
        service.delete_document(s, doc_id, actor=ME)
    with corpus.reader.begin() as s:
        assert ids(s, "ridership") == [] and ids(s, "occupancy") != []
    # The same text again gets new claims (SQLite may give them the old ids): found once each.
    add_article(corpus)
    with corpus.reader.begin() as s:
        assert len(ids(s, "ridership")) == 1
        assert len(ids(s, "of the 5")) == 1


def test_a_manual_claim_is_found(corpus):
    with corpus.reader.begin() as s:
        doc_id = s.scalar(select(service.Claim.document_id).where(service.Claim.metric == "bus ridership"))
        start = ARTICLE.index("2023")
    with corpus.sessions.begin() as s:
        cid = service.add_manual_claim(s, doc_id, start, start + 4, actor=ME)
    with corpus.reader.begin() as s:
        assert cid in ids(s, "held 12 files")


def test_the_migration_indexes_existing_claims(db_url):
    """A database with claims from before 0004 is indexed by the upgrade."""
    engine = make_engine(db_url)
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    engine.dispose()
    store = open_store(db_url, migrate=False)
    seed_small_corpus(store)
    add_article(store)
    store.engine.dispose()
    store = open_store(db_url)  # upgrades to 0004
    try:
        assert_index_used(store, "ridership")
        with store.reader.begin() as s:
            assert len(ids(s, "RIDERSHIP")) == 1 and len(ids(s, "occupancy")) == 3
            assert len(ids(s, "100%_off")) == 1
    finally:
        store.engine.dispose()


def test_downgrade_drops_the_index_and_search_still_works(db_url):
    store = open_store(db_url)
    add_article(store)
    engine = store.engine
    cfg = alembic_config(engine)
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    assert search.detect(engine) is False
    with store.reader.begin() as s:
        assert len(ids(s, "ridership")) == 1  # by the scan
    with store.sessions.begin() as s:  # writes work without the triggers' table
        cid = ids(s, "ridership")[0]
        service.update_claim_fields(s, cid, {"metric": "tram use"}, expected_version=1, actor=ME)
    assert upgrade(engine) is True  # and back: the index is rebuilt from the claims
    search.detect(engine)
    assert_index_used(store, "tram use")
    with store.reader.begin() as s:
        assert len(ids(s, "tram use")) == 1
    engine.dispose()


def test_postgres_without_the_right_to_create_pg_trgm_still_migrates(db_url, caplog):
    """CREATE EXTENSION needs rights the account may not have: then search scans, and says so."""
    if not db_url.startswith("postgresql"):
        pytest.skip("PostgreSQL only")
    role = "wb_no_extension"
    admin = create_engine(db_url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP ROLE IF EXISTS {role}"))
        conn.execute(text(f"CREATE ROLE {role} LOGIN"))
        conn.execute(text(f"GRANT CREATE, USAGE ON SCHEMA public TO {role}"))
    url = db_url.replace("://postgres@", f"://{role}@", 1)
    assert url != db_url
    try:
        with caplog.at_level(logging.WARNING):
            store = open_store(url)
        assert any("pg_trgm" in r.getMessage() and "scans" in r.getMessage() for r in caplog.records)
        add_article(store)
        with store.reader.begin() as s:
            assert len(ids(s, "ridership")) == 1 and len(ids(s, "100%_off")) == 1
            indexes = s.scalars(text("SELECT indexname FROM pg_indexes WHERE tablename = 'claims'")).all()
            assert not set(indexes) & search.TRIGRAM_INDEXES
        store.engine.dispose()
    finally:
        with admin.connect() as conn:
            conn.execute(text(f"DROP OWNED BY {role}"))
            conn.execute(text(f"DROP ROLE {role}"))
        admin.dispose()
