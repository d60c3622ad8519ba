"""Shared resources for the screens: the store, the settings and who is acting.

The database URL is read OUTSIDE the cached function and passed in as its argument,
so a changed URL (another test, another ``workbench serve``) gets its own Store
instead of the first one cached in this process (see shared/RECIPES.md).
"""

from __future__ import annotations

import getpass
import os
from collections.abc import Mapping
from typing import Any

import streamlit as st

from workbench.config import Settings
from workbench.store import Store, open_store
from workbench.store.service import Actor

AUTH_ACTOR = "_auth_actor"  # session-state key of the logged-in Actor (team mode), set by workbench.ui.auth

__all__ = ["AUTH_ACTOR", "current_actor", "get_store", "mode", "reviewer_name", "settings", "store"]


@st.cache_resource(show_spinner="Opening the database…")
def get_store(url: str) -> Store:
    return open_store(url)


def _secrets() -> Mapping[str, Any] | None:
    try:
        return dict(st.secrets) or None
    except Exception:  # no secrets.toml anywhere: Streamlit raises rather than returning {}
        return None


def settings() -> Settings:
    return Settings.load(secrets=_secrets())


def store() -> Store:
    return get_store(settings().database_url)


def mode() -> str:
    """``local`` (the default: one person on their own machine) or ``team``."""
    return "team" if os.environ.get("WORKBENCH_MODE", "local").strip().lower() == "team" else "local"


def os_user() -> str:
    try:
        return getpass.getuser() or "reviewer"
    except Exception:  # no USER/LOGNAME and no passwd entry, e.g. in some containers
        return "reviewer"


def reviewer_name() -> str:
    name = str(st.session_state.get("reviewer_name") or "").strip()
    return name or os_user()


def current_actor() -> Actor:
    """Who every action on every screen is attributed to.

    Local mode: the name in the sidebar (the OS user unless changed), acting as the
    admin of their own database. Team mode: the logged-in account and its role, as
    validated by :mod:`workbench.ui.auth` on this run (the app shows nothing else
    before that); a run without a login stops here rather than act as anyone.
    """
    if mode() == "team":
        actor = st.session_state.get(AUTH_ACTOR)
        if not isinstance(actor, Actor):
            st.stop()
        return actor
    return Actor(reviewer_name(), "admin")
