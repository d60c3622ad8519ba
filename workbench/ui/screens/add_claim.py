"""Add a claim the extractor missed: find its text in the document, check the reading, save."""

from __future__ import annotations

import streamlit as st

from workbench.errors import WorkbenchError
from workbench.extract import parse_span
from workbench.store import service
from workbench.ui import resources
from workbench.ui.highlight import Mark, highlight, paragraph_bounds
from workbench.ui.widgets import UNIT_LABELS, document_titles, flash, format_value, md_escape

ss = st.session_state
store = resources.store()

st.header("Add a missed claim")
st.caption("Find a figure the extractor did not pick up. Type it exactly as the article writes it.")
titles = document_titles(store)
doc_id = st.selectbox("Document", list(titles), key="add_doc", format_func=lambda i: f"#{i} · {titles[i]}")
with store.reader.begin() as s:
    text = service.document_text(s, doc_id)

how = st.radio("Locate it by", ["text", "offsets"], key="span_mode", horizontal=True,
               format_func={"text": "Its exact text", "offsets": "Character offsets"}.__getitem__)  # fmt: skip
span: tuple[int, int] | None = None
if how == "text":
    needle = st.text_input(
        "The figure as written", key="span_text", placeholder="e.g. one in five, $1.2bn, 24%"
    )
    if needle.strip():
        span = service.find_span(text, needle)
        if span is None:
            st.warning(
                "That text is not in this document. Check spaces and punctuation.",
                icon=":material/search_off:",
            )
else:
    a, b = st.columns(2)
    start = a.number_input("Start", 0, len(text), 0, key="span_start")
    end = b.number_input("End", 0, len(text), 0, key="span_end")
    if end > start:
        span = (int(start), int(end))

if span is not None:
    s0, e0 = span
    lo, hi = paragraph_bounds(text, s0, e0)
    with store.reader.begin() as s:
        around = service.claim_spans(s, doc_id, lo, hi, limit=200)
    marks = [Mark(c.start, c.end, "other", f"Claim {c.id} (already a claim)") for c in around]
    st.markdown(highlight(text, [Mark(s0, e0, "current", "New claim"), *marks], start=lo, end=hi),
                unsafe_allow_html=True)  # fmt: skip
    overlap = [c for c in around if c.start < e0 and c.end > s0]
    if overlap:
        st.warning(f"This overlaps claim #{overlap[0].id} ({md_escape(overlap[0].text)}). "
                   "Open that claim and correct its fields instead.", icon=":material/warning:")  # fmt: skip
    with st.container(border=True):
        st.markdown("**How it will be read**")
        parsed = parse_span(text, s0, e0)  # never raises: a span it cannot read gives an empty value
        cols = st.columns(4)
        cols[0].markdown(
            f"**Value**  \n{format_value(parsed.value, parsed.unit, parsed.value_high, parsed.currency)}"
        )
        cols[1].markdown(f"**Unit**  \n{UNIT_LABELS.get(parsed.unit, parsed.unit)}")
        cols[2].markdown(f"**Metric**  \n{md_escape(parsed.metric) or '—'}")
        cols[3].markdown(f"**Attribution**  \n{md_escape(parsed.attribution) or '—'}")
    if st.button("Save as a claim", key="save_claim", type="primary", disabled=bool(overlap),
                 icon=":material/add_comment:"):  # fmt: skip
        try:
            with store.sessions.begin() as s:
                new_id = service.add_manual_claim(s, doc_id, s0, e0, actor=resources.current_actor())
        except WorkbenchError as exc:
            st.error(str(exc), icon=":material/error:")
        else:
            ss["new_claim_id"] = new_id
            ss.pop("span_text", None)
            flash(f"Claim #{new_id} added")
            st.rerun()

if ss.get("new_claim_id"):
    if st.button(
        f"Review claim #{ss['new_claim_id']} now", key="open_new_claim", icon=":material/open_in_new:"
    ):
        ss["claim_id"] = ss.pop("new_claim_id")
        st.switch_page("screens/review.py")
