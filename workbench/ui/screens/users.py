"""Users (admins): the accounts, adding one, disabling one, resetting a password."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from workbench.store import team
from workbench.ui import resources
from workbench.ui.auth import ROLE_LABELS
from workbench.ui.widgets import flash, friendly, when

ss = st.session_state
store = resources.store()
actor = resources.current_actor()

st.header("Users")
if not actor.can("manage_users"):
    st.error("Only admins manage user accounts.", icon=":material/lock:")
    st.stop()

with store.reader.begin() as s:
    users = team.list_users(s)

st.dataframe(
    pd.DataFrame(
        [{"Name": u.name, "Role": ROLE_LABELS.get(u.role, u.role), "Enabled": not u.disabled,
          "Last login": when(u.last_login_at), "Created": when(u.created_at)} for u in users]
    ),
    hide_index=True, width="stretch", key="u_table",
)  # fmt: skip


def _passwords_match(a: str, b: str) -> bool:
    if a != b:
        st.error("The two passwords differ.", icon=":material/error:")
        return False
    return True


add, disable, reset = st.tabs(["Add a user", "Disable a user", "Reset a password"])
with add:
    with st.form("u_add_form", clear_on_submit=True, border=False):
        c1, c2 = st.columns([2, 1])
        name = c1.text_input("Name", key="u_name")
        role = c2.selectbox("Role", list(team.ROLES), key="u_role", format_func=ROLE_LABELS.__getitem__)
        c1, c2 = st.columns(2)
        pw1 = c1.text_input("Password", key="u_password", type="password",
                            help=f"At least {team.MIN_PASSWORD_LENGTH} characters.")  # fmt: skip
        pw2 = c2.text_input("Password again", key="u_password2", type="password")
        if st.form_submit_button("Add user", key="u_add", type="primary", icon=":material/person_add:"):
            if _passwords_match(pw1, pw2):
                with friendly("Not added: "):
                    with store.sessions.begin() as s:
                        team.add_user(s, name, role, pw1, actor=actor)
                    flash(f"Added {name.strip()} ({ROLE_LABELS[role]})")
                    st.rerun()

enabled = [u.name for u in users if not u.disabled]
with disable:
    who = st.selectbox("User", enabled, key="u_disable_name", index=None, placeholder="Pick an account")
    st.caption("A disabled user is signed out everywhere and cannot sign in; their work stays.")
    if st.button("Disable", key="u_disable", disabled=who is None, icon=":material/person_off:"):
        with friendly("Not disabled: "):
            with store.sessions.begin() as s:
                team.disable_user(s, who, actor=actor)
            flash(f"Disabled {who}")
            st.rerun()

with reset:
    with st.form("u_reset_form", clear_on_submit=True, border=False):
        target = st.selectbox("User", [u.name for u in users], key="u_reset_name", index=None,
                              placeholder="Pick an account")  # fmt: skip
        c1, c2 = st.columns(2)
        new1 = c1.text_input("New password", key="u_reset_password", type="password")
        new2 = c2.text_input("New password again", key="u_reset_password2", type="password")
        if st.form_submit_button("Reset password", key="u_reset", icon=":material/key:"):
            if target is None:
                st.error("Pick an account.", icon=":material/error:")
            elif _passwords_match(new1, new2):
                with friendly("Not reset: "):
                    with store.sessions.begin() as s:
                        team.reset_password(s, target, new1, actor=actor)
                    flash(f"New password set for {target}; they are signed out everywhere")
                    st.rerun()
