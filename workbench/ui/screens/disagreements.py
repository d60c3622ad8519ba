"""Disagreements (editors): where two reviewers differ, side by side, and the editor's final word."""

from __future__ import annotations

import streamlit as st

from workbench.store import service, team
from workbench.ui import resources
from workbench.ui.widgets import flash, friendly, md_escape, pick, verdict_label, when

ss = st.session_state
store = resources.store()
actor = resources.current_actor()

st.header("Disagreements")
if not actor.can("settle"):
    st.error("Only editors settle disagreements.", icon=":material/lock:")
    st.stop()

with store.reader.begin() as s:
    sessions = [r for r in team.list_sessions(s, status="open") if r.disagreements]
if not sessions:
    st.info("No open session has a disagreement to settle.", icon=":material/check_circle:")
    st.stop()

sid = pick("Session", {r.id: r for r in sessions}, "d_session",
           lambda r: f"#{r.id} · {r.name} · {r.disagreements} to settle")  # fmt: skip
with store.reader.begin() as s:
    queue = team.disagreement_queue(s, sid)
if not queue:
    st.info("Nothing left to settle in this session.", icon=":material/check_circle:")
    st.stop()

items = {d.claim_id: d for d in queue}
d = items[pick(f"Claim ({len(queue)} to settle)", items, "d_claim",
               lambda d: f"#{d.claim_id} · {d.text} · {d.document_title}")]  # fmt: skip

with st.container(border=True):
    st.markdown(f"**#{d.claim_id} · {md_escape(d.document_title)}**")
    st.markdown(f"> {md_escape(d.sentence)}")
    cols = st.columns(max(2, len(d.reviews)))
    for col, r in zip(cols, d.reviews, strict=False):
        with col.container(border=True):
            st.markdown(f"**{md_escape(r.reviewer)}**  \n:gray[{when(r.created_at)}]")
            st.markdown(f"### {verdict_label(r.verdict)}")
            st.markdown(md_escape(r.rationale) if r.rationale else ":gray[No rationale given.]")

c1, c2 = st.columns([1, 2])
verdict = c1.selectbox("Final verdict", service.VERDICT_KEYS, key="d_verdict", index=None, format_func=verdict_label,
                       placeholder="Choose the verdict")  # fmt: skip
note = c2.text_area("Note (optional)", key="d_note", height=68, placeholder="Why this verdict")
if st.button("Settle", key="d_settle", type="primary", disabled=verdict is None, icon=":material/gavel:"):
    with friendly("Not settled: "):  # someone settled or changed it meanwhile: say so, save nothing
        with store.sessions.begin() as s:
            team.settle(s, sid, d.claim_id, verdict, note=note, actor=actor, expected_version=d.version)
        for k in ("d_verdict", "d_note", "d_claim"):
            ss.pop(k, None)
        flash(f"Settled #{d.claim_id}: {verdict_label(verdict)}")
        st.rerun()
