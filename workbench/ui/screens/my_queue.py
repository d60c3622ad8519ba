"""My queue: the claims assigned to the signed-in reviewer in open review sessions."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from workbench.store import team
from workbench.ui import resources
from workbench.ui.widgets import status_label

ss = st.session_state
store = resources.store()
actor = resources.current_actor()

st.header("My queue")
with store.reader.begin() as s:
    items = team.my_queue(s, actor.name)

if not items:
    st.info(
        "Nothing assigned to you is waiting. When an editor assigns you claims in a review session, "
        "they appear here.",
        icon=":material/inbox:",
    )
    st.stop()

sessions = {i.session_id: i for i in items}
st.caption(
    f"{len(items):,} claim{'s' if len(items) != 1 else ''} to review in "
    f"{len(sessions)} session{'s' if len(sessions) != 1 else ''}. Most urgent first."
)
table = pd.DataFrame(
    {
        "Claim": [i.text for i in items],
        "Document": [i.document_title for i in items],
        "Session": [i.session_name for i in items],
        "Due": [i.due_date or "" for i in items],
        "Review": [
            ("Double (blind)" if i.mode == "double" else "Single")
            + (", second" if i.role == "second" else "")
            for i in items
        ],
        "Score": [i.checkworthiness for i in items],
        "Status": [status_label(i.status) for i in items],
    },
    index=pd.Index([i.claim_id for i in items], name="#"),
)
st.dataframe(
    table,
    key="mq_table",
    width="stretch",
    height=min(38 * (len(items) + 1), 520),
    column_config={
        "Claim": st.column_config.TextColumn(width="large"),
        "Score": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="%.2f", width="small"),
    },
)

labels = {i.claim_id: f"#{i.claim_id} · {i.text} · {i.session_name}" for i in items}
by_claim = {i.claim_id: i for i in items}
if ss.get("mq_open_claim") not in labels:
    ss["mq_open_claim"] = items[0].claim_id
c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
chosen = c1.selectbox("Open a claim", list(labels), key="mq_open_claim", format_func=labels.__getitem__)
if c2.button(
    "Open for review", key="mq_open", type="primary", icon=":material/open_in_new:", width="stretch"
):
    ss["claim_id"] = int(chosen)
    ss["review_session_id"] = by_claim[int(chosen)].session_id
    st.switch_page("screens/review.py")
