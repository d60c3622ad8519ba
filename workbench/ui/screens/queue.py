"""Claims queue: find the claims to check, act on many at once, open one for review."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from workbench.errors import WorkbenchError
from workbench.extract.types import UNITS
from workbench.store import service
from workbench.store.service import ClaimFilter
from workbench.ui import resources
from workbench.ui.widgets import (
    STATUS_LABELS,
    UNIT_LABELS,
    document_titles,
    flash,
    format_value,
    persist_widgets,
    progress_figure,
    status_label,
    table_height,
    verdict_label,
)

FILTER_KEYS = (
    "q_document", "q_status", "q_verdict", "q_unit", "q_score", "q_cluster", "q_assignee", "q_text", "q_sort",
    "q_page_size", "q_page",
)  # fmt: skip
PAGE_SIZES = (25, 50, 100, 200)
# "All documents" as 0, not None: Streamlit offers a clear (×) button on a selectbox whose value is None.
ALL_DOCUMENTS = 0
ss = st.session_state
persist_widgets(FILTER_KEYS)
store = resources.store()

st.header("Claims queue")

titles = document_titles(store)

# ---------------------------------------------------------------- filters
with st.container(border=True):
    c1, c2, c3, c4 = st.columns([3, 2, 2, 2])
    doc_id = c1.selectbox(
        "Document",
        [ALL_DOCUMENTS, *titles],
        key="q_document",
        format_func=lambda i: "All documents" if i == ALL_DOCUMENTS else titles[i],
    ) or None  # fmt: skip
    statuses = c2.multiselect("Status", list(STATUS_LABELS), key="q_status", format_func=status_label,
                              placeholder="Any status")  # fmt: skip
    verdicts = c3.multiselect("Verdict", ["", *service.VERDICT_KEYS], key="q_verdict", format_func=verdict_label,
                              placeholder="Any verdict")  # fmt: skip
    units = c4.multiselect("Unit", list(UNITS), key="q_unit", format_func=lambda u: UNIT_LABELS.get(u, u),
                           placeholder="Any unit")  # fmt: skip
    c5, c6, c7, c8 = st.columns([3, 2, 2, 2])
    text = c5.text_input("Search", key="q_text", placeholder="Words in the claim, sentence, metric or source")
    lo, hi = c6.slider("Check-worthiness", 0.0, 1.0, (0.0, 1.0), step=0.05, key="q_score",
                       help="How much a claim deserves checking: precise, unsourced and hedged figures score higher.")  # fmt: skip
    cluster = c7.number_input("Cluster", min_value=1, value=None, step=1, key="q_cluster",
                              placeholder="Any cluster", help="The same figure across documents.")  # fmt: skip
    assignee = c8.text_input("Assigned to", key="q_assignee", placeholder="Anyone",
                             help="A reviewer's name, or `-` for claims nobody is assigned to.")  # fmt: skip

filters = ClaimFilter(
    document_id=doc_id,
    status=tuple(statuses),
    verdict=tuple(verdicts),
    unit=tuple(units),
    min_score=lo if lo > 0 else None,
    max_score=hi if hi < 1 else None,
    cluster_id=int(cluster) if cluster else None,
    assignee=None if not assignee.strip() else ("" if assignee.strip() == "-" else assignee.strip()),
    text=text.strip() or None,
)

# ---------------------------------------------------------------- sort and page
c1, c2, c3, c4 = st.columns([3, 1, 1, 3], vertical_alignment="bottom")
sort = c1.selectbox("Sort by", list(service.SORTS), key="q_sort", format_func=service.SORTS.__getitem__)
size = c2.selectbox("Per page", PAGE_SIZES, index=1, key="q_page_size")
if ss.get("_queue_seen") not in (None, (filters, sort, size)):  # new filters: back to the first page
    ss["q_page"] = 1
ss["_queue_seen"] = (filters, sort, size)
with store.reader.begin() as s:
    total = service.count_claims(s, filters)
    pages = max(1, -(-total // size))
    if ss.get("q_page", 1) > pages:
        ss["q_page"] = pages
    page_no = c3.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key="q_page")
    page = service.list_claims(s, filters, sort=sort, offset=(int(page_no) - 1) * size, limit=size)
    reviewed, in_filter = service.review_progress(s, filters)
with c4:
    progress_figure(reviewed, in_filter)

# The review screen's Previous/Next follow exactly this queue.
ss["queue_filters"] = filters
ss["queue_sort"] = sort

if not page.rows:
    st.info(
        "No claims match these filters. Widen them, or clear the search box.",
        icon=":material/filter_alt_off:",
    )
    st.stop()

first = page.offset + 1
st.caption(f"Showing {first:,}–{page.offset + len(page.rows):,} of {page.total:,} claims")

# Key columns first, each only as wide as it needs, so a laptop screen shows the figure,
# where it stands and who has it without scrolling sideways.
table = pd.DataFrame(
    {
        "Claim": [r.text for r in page.rows],
        "Value": [format_value(r.value, r.unit, r.value_high) for r in page.rows],
        "Score": [r.checkworthiness for r in page.rows],
        "Status": [status_label(r.status) for r in page.rows],
        "Verdict": [verdict_label(r.verdict) if r.verdict else "" for r in page.rows],
        "Assignee": [r.assignee or "" for r in page.rows],
        "Document": [r.document_title for r in page.rows],
        "Metric": [r.metric or "" for r in page.rows],
        "Attribution": [r.attribution or "" for r in page.rows],
    },
    index=pd.Index([r.id for r in page.rows], name="#"),
)
row_ids = [r.id for r in page.rows]
ss["_queue_page_ids"] = row_ids


def _selection_changed() -> None:
    rows = ss["queue_table"].selection.rows
    ids = ss.get("_queue_page_ids", [])
    ss["bulk_ids"] = [ids[i] for i in rows if i < len(ids)]


st.dataframe(
    table,
    key="queue_table",
    on_select=_selection_changed,
    selection_mode="multi-row",
    width="stretch",
    height=table_height(len(page.rows)),
    column_config={
        "#": st.column_config.NumberColumn(width=48, help="Claim number"),
        "Claim": st.column_config.TextColumn(width=150, help="The figure as the article words it"),
        "Value": st.column_config.TextColumn(width=80, help="The figure as read by the extractor"),
        "Score": st.column_config.ProgressColumn(
            min_value=0.0, max_value=1.0, format="%.2f", width=72, help="Check-worthiness, 0 to 1"
        ),
        "Status": st.column_config.TextColumn(width=100),
        "Verdict": st.column_config.TextColumn(width=110),
        "Assignee": st.column_config.TextColumn(width=90),
        "Document": st.column_config.TextColumn(width=180),
        "Metric": st.column_config.TextColumn(width=130),
        "Attribution": st.column_config.TextColumn(width=130),
    },
)
st.caption("Tick rows on the left to act on several claims at once.")

# ---------------------------------------------------------------- open one claim
labels: dict[int, str] = {r.id: f"#{r.id} · {r.text} · {r.document_title}" for r in page.rows}
ss["bulk_ids"] = [i for i in ss.get("bulk_ids", []) if i in labels]
if ss.get("open_claim") not in labels:
    ss["open_claim"] = (ss["bulk_ids"] or row_ids)[0]
c1, c2 = st.columns([4, 1], vertical_alignment="bottom")
chosen = c1.selectbox("Open a claim", row_ids, key="open_claim", format_func=labels.__getitem__)
if c2.button("Open for review", key="open", type="primary", icon=":material/open_in_new:", width="stretch"):
    ss["claim_id"] = int(chosen)
    st.switch_page("screens/review.py")

# ---------------------------------------------------------------- bulk actions
if not resources.current_actor().can("bulk"):  # team mode: reviewers act on one claim at a time
    st.stop()
with st.expander("Act on several claims", icon=":material/done_all:", expanded=bool(ss["bulk_ids"])):
    selected = st.multiselect(
        "Selected claims", row_ids, key="bulk_ids", format_func=labels.__getitem__,
        placeholder="Tick rows in the table, or pick claims here",
    )  # fmt: skip
    st.button("Select the whole page", key="bulk_select_page", on_click=lambda: ss.update(bulk_ids=row_ids))
    n = len(selected)
    c1, c2, c3 = st.columns(3, vertical_alignment="bottom")
    new_status = c1.selectbox("Status", list(STATUS_LABELS), key="bulk_status", format_func=status_label)

    def _bulk(action: str, **kw: Any) -> None:
        actor = resources.current_actor()
        try:
            with store.sessions.begin() as s:
                if action == "status":
                    changed = service.bulk_set_status(s, selected, kw["status"], actor=actor)
                else:
                    changed = service.bulk_assign(s, selected, kw["assignee"], actor=actor)
        except WorkbenchError as exc:
            st.error(str(exc), icon=":material/error:")
            return
        flash(f"{changed} of {n} claim{'s' if n != 1 else ''} updated")
        del ss["bulk_ids"]
        st.rerun()

    if c1.button("Set status", key="bulk_apply_status", disabled=not n, width="stretch"):
        _bulk("status", status=new_status)
    if c2.button("Mark as not a claim", key="bulk_not_claim", disabled=not n, width="stretch",
                 help="Tells us the extractor was wrong; these leave the review queue."):  # fmt: skip
        _bulk("status", status="not_a_claim")
    who = c3.text_input("Assign to", key="bulk_assignee", placeholder="A reviewer's name (empty: unassign)")
    if c3.button("Assign", key="bulk_assign", disabled=not n, width="stretch"):
        _bulk("assign", assignee=who)
