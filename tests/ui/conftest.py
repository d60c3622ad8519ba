"""AppTest fixtures: the app against a fresh, seeded SQLite database per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

APP = Path(__file__).resolve().parents[2] / "workbench" / "ui" / "app.py"


@pytest.fixture
def ui_store(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator:  # type: ignore[type-arg]
    """A seeded store; the app reads its URL from the environment like under `workbench serve`."""
    import streamlit as st

    from workbench.store import open_store
    from workbench.store.seed import seed_small_corpus

    monkeypatch.setenv("WORKBENCH_DATABASE_URL", sqlite_url)
    monkeypatch.setenv("WORKBENCH_MODE", "local")
    monkeypatch.setenv(
        "WORKBENCH_CONFIG", str(Path(sqlite_url.removeprefix("sqlite:///")).with_name("none.toml"))
    )
    st.cache_resource.clear()
    store = open_store(sqlite_url)
    seed_small_corpus(store)
    yield store
    st.cache_resource.clear()
    store.engine.dispose()


@pytest.fixture
def empty_url(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> str:
    import streamlit as st

    monkeypatch.setenv("WORKBENCH_DATABASE_URL", sqlite_url)
    st.cache_resource.clear()
    return sqlite_url


@pytest.fixture
def new_app():  # type: ignore[no-untyped-def]
    """A factory: ``new_app().run()`` is the app as a fresh browser tab would see it."""
    from streamlit.testing.v1 import AppTest

    return lambda: AppTest.from_file(str(APP), default_timeout=30)
