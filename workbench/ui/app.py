"""The claim workbench in the browser: the frame around every screen.

Run it with ``workbench serve`` (or ``streamlit run workbench/ui/app.py``). It sets the
page, draws the shared sidebar (who is reviewing, which database, overall progress)
and hands over to the screen the user picked.
"""

from __future__ import annotations

import streamlit as st

from workbench.errors import WorkbenchError
from workbench.store import service
from workbench.ui import resources
from workbench.ui.widgets import md_escape, show_flash

st.set_page_config(page_title="Claim workbench", page_icon=":material/fact_check:", layout="wide")

TEAM = resources.mode() == "team"

try:
    store = resources.store()
except WorkbenchError as exc:
    st.error(f"The database could not be opened: {exc}")
    st.stop()

actor = None
if TEAM:  # nothing but the login form until someone has signed in
    from workbench.ui import auth

    actor = auth.require_login(store, resources.settings().login_hours)


def _pages() -> list:  # type: ignore[type-arg]
    queue = st.Page("screens/queue.py", title="Claims queue", icon=":material/checklist:", default=True)
    review = st.Page("screens/review.py", title="Review", icon=":material/rate_review:")
    documents = st.Page("screens/documents.py", title="Documents", icon=":material/description:")
    add_claim = st.Page("screens/add_claim.py", title="Add a missed claim", icon=":material/add_comment:")
    reports = st.Page("screens/reports.py", title="Reports", icon=":material/bar_chart:")
    if actor is None:  # local mode: one person, all screens
        return [queue, review, documents, add_claim, reports]
    pages = [
        st.Page("screens/my_queue.py", title="My queue", icon=":material/assignment_ind:"),
        queue, review, documents,
    ]  # fmt: skip
    if actor.can("add_claim"):  # DESIGN: reviewers, too, add the claims the extractor missed
        pages.append(add_claim)
    if actor.can("manage_sessions"):
        pages += [
            st.Page("screens/sessions.py", title="Sessions", icon=":material/groups:"),
            st.Page("screens/disagreements.py", title="Disagreements", icon=":material/call_split:"),
        ]
    pages.append(reports)
    if actor.can("manage_users"):
        pages.append(st.Page("screens/users.py", title="Users", icon=":material/manage_accounts:"))
    return pages


page = st.navigation(_pages())

with st.sidebar:
    if actor is not None:
        auth.account_box(store, actor)
    else:
        if "reviewer_name" not in st.session_state:
            st.session_state["reviewer_name"] = (
                st.session_state.get("_keep_reviewer_name") or resources.os_user()
            )
        st.text_input(
            "Reviewer",
            key="reviewer_name",
            help="Every verdict, note and change you make is recorded under this name.",
        )
        st.session_state["_keep_reviewer_name"] = st.session_state["reviewer_name"]
    try:
        with store.reader.begin() as s:
            done, total = service.review_progress(s)
        if total:
            st.progress(done / total, text=f"{done:,} of {total:,} claims reviewed")
        st.caption(
            f":material/database: {md_escape(store.short_name())}",
            help=f"Database: `{store.describe()}`",
        )
    except WorkbenchError as exc:
        st.error(f"The database could not be opened: {exc}")
        st.stop()

show_flash()
page.run()
