"""Team-mode sign-in: the login form, the login token, the sidebar's account box.

A login is a random token issued by :func:`workbench.store.team.login` (only its hash
is stored). The app keeps it in the session state and in the page's query string
(``?t=...``) so that it survives a page reload for ``Settings.login_hours``; on every
run it is validated again with :func:`~workbench.store.team.actor_for_token`, so a
logout, an expired token or a disabled account ends the login at once.
"""

from __future__ import annotations

import streamlit as st

from workbench.errors import AuthError, WorkbenchError
from workbench.store import Store, team
from workbench.store.service import Actor
from workbench.ui.resources import AUTH_ACTOR

__all__ = ["ROLE_LABELS", "account_box", "require_login"]

TOKEN = "_auth_token"  # session-state key of the token
PARAM = "t"  # query-string key of the token
ROLE_LABELS = {"reviewer": "Reviewer", "editor": "Editor", "admin": "Admin"}


def _forget() -> None:
    ss = st.session_state
    ss.pop(TOKEN, None)
    ss.pop(AUTH_ACTOR, None)
    if PARAM in st.query_params:
        del st.query_params[PARAM]


def current_token() -> str | None:
    raw = st.session_state.get(TOKEN) or st.query_params.get(PARAM)
    return str(raw) if raw else None


def _validate(store: Store) -> Actor | None:
    token = current_token()
    if not token:
        return None
    with store.reader.begin() as s:
        actor = team.actor_for_token(s, token)
    if actor is None:
        _forget()
        return None
    st.session_state[TOKEN] = token
    st.session_state[AUTH_ACTOR] = actor
    if st.query_params.get(PARAM) != token:  # page switches drop the query string: put it back
        st.query_params[PARAM] = token
    return actor


def _login_form(store: Store, hours: float) -> None:
    st.header("Claim workbench", anchor=False)
    st.caption("Sign in with the account your editor or admin gave you.")
    with st.form("login_form", border=True, width=420):
        name = st.text_input("Name", key="login_user", autocomplete="username")
        password = st.text_input(
            "Password", key="login_password", type="password", autocomplete="current-password"
        )
        submitted = st.form_submit_button(
            "Sign in", key="login_submit", type="primary", icon=":material/login:"
        )
    if not submitted:
        return
    if not name.strip() or not password:
        st.error("Enter your name and password.", icon=":material/error:")
        return
    try:
        actor, token = team.login(store.sessions, name, password, hours=hours)
    except AuthError as exc:
        st.error(f"Not signed in: {exc}.", icon=":material/lock:")
        return
    except WorkbenchError as exc:
        st.error(f"Not signed in: {exc}", icon=":material/error:")
        return
    st.session_state[TOKEN] = token
    st.session_state[AUTH_ACTOR] = actor
    st.session_state.pop("login_password", None)
    st.query_params[PARAM] = token
    st.rerun()


def require_login(store: Store, hours: float) -> Actor:
    """The logged-in Actor; without a valid login, draw the login form and stop the run."""
    actor = _validate(store)
    if actor is not None:
        return actor
    _login_form(store, hours)
    st.stop()
    raise AssertionError("unreachable")  # st.stop() raises


def account_box(store: Store, actor: Actor) -> None:
    """Sidebar: who is signed in, as what, and the logout button."""
    st.markdown(f":material/account_circle: **{actor.name}** · {ROLE_LABELS.get(actor.role, actor.role)}")
    if st.button("Log out", key="logout", icon=":material/logout:"):
        token = current_token()
        if token:
            with store.sessions.begin() as s:
                team.logout(s, token)
        _forget()
        for k in [k for k in st.session_state if not str(k).startswith("login_")]:
            del st.session_state[k]  # the next person at this browser starts clean
        st.rerun()
