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
from workbench.ui.widgets import show_flash

st.set_page_config(page_title="Claim workbench", page_icon=":material/fact_check:", layout="wide")

PAGES = [
    st.Page("screens/queue.py", title="Claims queue", icon=":material/checklist:", default=True),
    st.Page("screens/review.py", title="Review", icon=":material/rate_review:"),
    st.Page("screens/documents.py", title="Documents", icon=":material/description:"),
    st.Page("screens/add_claim.py", title="Add a missed claim", icon=":material/add_comment:"),
    st.Page("screens/reports.py", title="Reports", icon=":material/bar_chart:"),
]
page = st.navigation(PAGES)

with st.sidebar:
    if "reviewer_name" not in st.session_state:
        st.session_state["reviewer_name"] = st.session_state.get("_keep_reviewer_name") or resources.os_user()
    st.text_input(
        "Reviewer",
        key="reviewer_name",
        help="Every verdict, note and change you make is recorded under this name.",
    )
    st.session_state["_keep_reviewer_name"] = st.session_state["reviewer_name"]
    try:
        store = resources.store()
        with store.reader.begin() as s:
            done, total = service.review_progress(s)
        if total:
            st.progress(done / total, text=f"{done:,} of {total:,} claims reviewed")
        st.caption(f":material/database: {store.describe()}")
    except WorkbenchError as exc:
        st.error(f"The database could not be opened: {exc}")
        st.stop()
    if resources.mode() == "team":
        st.caption("Team mode: sign-in arrives in a later version; actions use the name above.")

show_flash()
page.run()
