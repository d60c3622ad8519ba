"""Review sessions (editors): create, assign, follow on the dashboard, close, download the report."""

from __future__ import annotations

import io
from datetime import date

import altair as alt
import pandas as pd
import streamlit as st

from workbench.report.export import export_to
from workbench.store import service, team
from workbench.store.service import ClaimFilter
from workbench.ui import resources
from workbench.ui.widgets import (
    VERDICT_LABELS,
    describe_event,
    flash,
    friendly,
    md_escape,
    pick,
    progress_figure,
    when,
)

ss = st.session_state
store = resources.store()
settings = resources.settings()
actor = resources.current_actor()

st.header("Sessions")
if not actor.can("manage_sessions"):
    st.error("Only editors manage review sessions.", icon=":material/lock:")
    st.stop()

with store.reader.begin() as s:
    sessions = team.list_sessions(s)
    documents = dict(service.document_choices(s))
    people = [u for u in team.list_users(s, include_disabled=False) if u.role in team.ROLES]

# ---------------------------------------------------------------- create
with st.expander("New review session", icon=":material/add_circle:", expanded=not sessions):
    c1, c2, c3 = st.columns([3, 1.2, 1.2])
    name = c1.text_input("Name", key="s_name", placeholder="e.g. Budget speech, 12 May")
    due = c2.date_input("Due", key="s_due", value=None, min_value=date(2000, 1, 1), format="YYYY-MM-DD")
    mode = c3.selectbox(
        "Review", ["single", "double"], key="s_mode",
        format_func={"single": "Single review", "double": "Double review (blind)"}.__getitem__,
    )  # fmt: skip
    description = st.text_area("Description (optional)", key="s_description", height=68)
    source = st.radio(
        "Claims", ["documents", "queue"], key="s_from", horizontal=True,
        format_func={"documents": "From documents", "queue": "The claims queue's current filter"}.__getitem__,
    )  # fmt: skip
    doc_ids: list[int] = []
    if source == "documents":
        doc_ids = st.multiselect(
            "Documents", list(documents), key="s_documents", format_func=lambda i: f"#{i} · {documents[i]}",
            placeholder="Pick the articles to review",
        )  # fmt: skip
    else:
        st.caption("Uses the filters last set on the Claims queue (all claims if none were set).")
    if st.button("Create the session", key="s_create", type="primary", icon=":material/add:"):
        with friendly("The session was not created: "):
            with store.sessions.begin() as s:
                new_id = team.create_session(
                    s, name, description=description.strip() or None,
                    due_date=due.isoformat() if due else None, mode=mode,
                    document_ids=doc_ids if source == "documents" else None,
                    filters=ss.get("queue_filters", ClaimFilter()) if source == "queue" else None, actor=actor,
                )  # fmt: skip
            ss["s_session"] = new_id
            flash(f"Session created: {name.strip()}")
            st.rerun()

if not sessions:
    st.info("No review sessions yet. Create one above.", icon=":material/inbox:")
    st.stop()

by_id = {r.id: r for r in sessions}
row = by_id[pick("Session", by_id, "s_session", lambda r: f"#{r.id} · {r.name} · {r.mode} · {r.status}")]
sid = row.id
is_open = row.status == "open"
meta = [f"{row.total:,} claims", "double, blind review" if row.mode == "double" else "single review"]
if row.due_date:
    meta.append(f"due {row.due_date}")
meta.append(f"created by {md_escape(row.created_by)}, {when(row.created_at)}")
if row.closed_at:
    meta.append(f"closed {when(row.closed_at)}")
st.caption(" · ".join(meta))
if row.description:
    st.markdown(md_escape(row.description))

# ---------------------------------------------------------------- assign
if is_open:
    with st.container(border=True):
        st.markdown("**Assign the claims**")
        c1, c2, c3 = st.columns([3, 1.5, 1], vertical_alignment="bottom")
        names = [u.name for u in people]
        reviewers = c1.multiselect("Reviewers", names, key="s_reviewers", placeholder="Pick reviewers")
        strategy = c2.selectbox(
            "Strategy", list(team.STRATEGIES), key="s_strategy", index=1,
            format_func={"manual": "Manual (picked claims)", "round_robin": "Round robin",
                         "balanced": "Balanced (least open work)"}.__getitem__,
        )  # fmt: skip
        picked: list[int] = []
        if strategy == "manual":
            with store.reader.begin() as s:
                rows = service.list_claims(s, ClaimFilter(session_id=sid), sort="id", limit=500).rows
            labels = {r.id: f"#{r.id} · {r.text}" for r in rows}
            picked = st.multiselect("Claims", list(labels), key="s_claims", format_func=labels.__getitem__)
            st.caption("Manual: the claims go to the first reviewer (and the second one in double review).")
        if c3.button(
            "Assign", key="s_assign", type="primary", icon=":material/assignment_ind:", width="stretch"
        ):
            with friendly("Not assigned: "):
                with store.sessions.begin() as s:
                    res = team.assign(s, sid, strategy=strategy, reviewers=reviewers, claim_ids=picked or None,
                                      actor=actor)  # fmt: skip
                who = ", ".join(f"{k} {v}" for k, v in res.per_reviewer.items())
                flash(
                    f"Assigned {res.assigned} claims ({who})"
                    + (f"; {len(res.skipped)} skipped" if res.skipped else "")
                )
                st.rerun()

# ---------------------------------------------------------------- dashboard
with store.reader.begin() as s:
    dash = team.session_dashboard(s, sid, activity=0)

progress_figure(dash.done, dash.total)
m1, m2, m3, m4 = st.columns(4)
m1.metric("Decided", f"{dash.done:,} / {dash.total:,}")
m2.metric("Disagreements", f"{dash.disagreements:,}")
median = dash.median_seconds
m3.metric(
    "Median time per claim",
    "—" if median is None else f"{median / 60:.1f} min" if median >= 60 else f"{median:.0f} s",
)
ag = dash.agreement
m4.metric("Percent agreement", "—" if ag.percent is None else f"{ag.percent:.0%}")

left, right = st.columns(2, gap="large")
with left:
    st.subheader("Claims per reviewer", anchor=False)
    if dash.per_reviewer:
        load = pd.DataFrame(
            [{"Reviewer": r.reviewer, "Claims": n, "State": state}
             for r in dash.per_reviewer
             for state, n in (("Reviewed", r.done), ("To do", max(0, r.assigned - r.done)))]
        )  # fmt: skip
        chart = (
            alt.Chart(load)
            .mark_bar()
            .encode(
                x=alt.X("Claims:Q", stack="zero"),
                y=alt.Y("Reviewer:N", title=None),
                color=alt.Color(
                    "State:N", scale=alt.Scale(domain=["Reviewed", "To do"], range=["#1f5fa8", "#c9d7ea"])
                ),
                tooltip=["Reviewer", "State", "Claims"],
            )
            .properties(height=max(120, 34 * len(dash.per_reviewer)))
        )
        st.altair_chart(chart, width="stretch", key="s_load_chart")
    else:
        st.caption("Nobody is assigned yet.")
with right:
    st.subheader("Verdicts", anchor=False)
    names_v = {**VERDICT_LABELS, "not_a_claim": "Not a claim", "": "No verdict yet"}
    data = pd.DataFrame([{"Verdict": names_v.get(k, k), "Claims": n} for k, n in dash.verdicts.items() if n])
    if not data.empty:
        chart = (
            alt.Chart(data)
            .mark_bar(color="#1f5fa8", cornerRadiusEnd=3)
            .encode(
                x=alt.X("Claims:Q"),
                y=alt.Y("Verdict:N", sort="-x", title=None),
                tooltip=["Verdict", "Claims"],
            )
            .properties(height=max(120, 34 * len(data)))
        )
        st.altair_chart(chart, width="stretch", key="s_verdict_chart")

st.subheader("Agreement", anchor=False)
if ag.items:
    a1, a2, a3 = st.columns(3)
    a1.metric("Claims with two reviews", f"{ag.items:,}")
    a2.metric("Cohen's kappa", "—" if ag.kappa is None else f"{ag.kappa:.2f}")
    a3.metric("Fleiss' kappa", "—" if ag.fleiss is None else f"{ag.fleiss:.2f}", help=ag.fleiss_note or None)
    if ag.pairs:
        st.dataframe(
            pd.DataFrame([{"Reviewers": f"{p.reviewer_a} / {p.reviewer_b}", "Claims": p.items,
                           "Agreement": "—" if p.percent is None else f"{p.percent:.0%}",
                           "Kappa": "—" if p.kappa is None else f"{p.kappa:.2f}"} for p in ag.pairs]),
            hide_index=True, width="stretch", key="s_pairs",
        )  # fmt: skip
    if ag.labels:
        st.dataframe(
            pd.DataFrame([{"Verdict": VERDICT_LABELS.get(la.label, la.label), "Chosen": la.ratings,
                           "Specific agreement": "—" if la.specific is None else f"{la.specific:.0%}"}
                          for la in ag.labels]),
            hide_index=True, width="stretch", key="s_labels",
        )  # fmt: skip
else:
    st.caption("Agreement figures appear once claims have two reviews (double-review sessions).")


@st.fragment(run_every=15)
def activity_feed(session_id: int) -> None:
    """The session's latest events from the audit log, refreshed on its own every 15 seconds."""
    with store.reader.begin() as s:
        events = service.recent_activity(s, limit=15, session_id=session_id)
    st.subheader("Activity", anchor=False)
    if not events:
        st.caption("Nothing yet.")
    for e in events:
        claim = f" (claim #{e.claim_id})" if e.claim_id else ""
        st.markdown(f"**{md_escape(e.actor)}** {md_escape(describe_event(e))}{claim}  \n:gray[{when(e.at)}]")


activity_feed(sid)

# ---------------------------------------------------------------- report and closing
st.subheader("Report", anchor=False)
report_filter = ClaimFilter(session_id=sid)
csv_out, md_out = io.StringIO(), io.StringIO()
export_to(store.reader, "csv", csv_out, report_filter, settings)
export_to(store.reader, "markdown", md_out, report_filter, settings, title=f"Review session: {row.name}",
          agreement=ag.lines() if ag.items else None)  # fmt: skip
d1, d2, _ = st.columns([1, 1, 2])
d1.download_button("Session CSV", csv_out.getvalue(), f"session-{sid}.csv", "text/csv", key="s_dl_csv",
                   icon=":material/table:", width="stretch")  # fmt: skip
d2.download_button("Session report (Markdown)", md_out.getvalue(), f"session-{sid}.md", "text/markdown",
                   key="s_dl_markdown", icon=":material/article:", width="stretch")  # fmt: skip

if is_open:
    if st.button("Close this session…", key="s_close", icon=":material/lock:"):
        ss["s_confirm_close"] = sid
    if ss.get("s_confirm_close") == sid:
        left_open = row.total - row.done
        st.warning(
            f"Close **{md_escape(row.name)}**? It then takes no more reviews, assignments or settling"
            + (f"; {left_open} claims are not decided yet." if left_open else "."),
            icon=":material/warning:",
        )
        a, b, _ = st.columns([1, 1, 3])
        if a.button("Yes, close it", key="s_close_confirm", type="primary", width="stretch"):
            with friendly("Not closed: "):
                with store.sessions.begin() as s:
                    team.close_session(s, sid, actor=actor)
                ss.pop("s_confirm_close", None)
                flash(f"Closed {row.name}")
                st.rerun()
        if b.button("Cancel", key="s_close_cancel", width="stretch"):
            ss.pop("s_confirm_close", None)
            st.rerun()
