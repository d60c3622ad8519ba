"""Review one claim: read it in context, gather sources, give a verdict.

Every write sends the version the reviewer loaded. If someone else changed the
claim in between, nothing is written: the reviewer sees what changed and by whom,
and decides to reload or to apply their edit again on top, deliberately.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from workbench.errors import EditConflict, WorkbenchError
from workbench.extract.types import UNITS
from workbench.store import service
from workbench.store import team as service_team
from workbench.store.service import ClaimDetail, ClaimFilter, SourceInput
from workbench.ui import resources
from workbench.ui.edits import NUMBER_EXAMPLES, field_changes, format_number, parse_number, safe_url
from workbench.ui.evidence import SHOW_SOURCES, evidence_panel, show_checks, source_evidence
from workbench.ui.highlight import Mark, highlight, paragraph_bounds
from workbench.ui.teamwork import review_setup, verdict_action, visible_history
from workbench.ui.widgets import (
    UNIT_LABELS,
    VERDICT_DESCRIPTIONS,
    describe_event,
    empty_state,
    flag_label,
    flash,
    format_value,
    friendly,
    md_escape,
    status_label,
    verdict_label,
    when,
)

ss = st.session_state
store = resources.store()
# Widgets whose defaults come from the claim: forgotten when another claim is opened or reloaded.
CLAIM_WIDGETS = (
    "verdict", "verdict_note", "f_value", "f_value_high", "f_unit", "f_direction", "f_hedge", "f_metric",
    "f_attribution",
)  # fmt: skip
# The "Add a source" form: kept on a validation error, emptied after a save or on another claim.
SOURCE_KEYS = ("src_url", "src_title", "src_publisher", "src_date", "src_excerpt", "src_value", "src_stance")
CLEAR_SOURCE_FORM = "_clear_source_form"
FIELD_KEYS = {"value": "f_value", "value_high": "f_value_high", "unit": "f_unit", "direction": "f_direction",
              "hedge": "f_hedge", "metric": "f_metric", "attribution": "f_attribution"}  # fmt: skip


def _claim_id() -> int | None:
    raw = ss.get("claim_id") or st.query_params.get("claim")
    try:
        return int(raw) if raw else None
    except ValueError:
        return None


def _open(claim_id: int | None) -> None:
    """Switch to another claim: its own fresh widgets and base version."""
    ss["claim_id"] = claim_id
    for k in (*CLAIM_WIDGETS, "base_version", "pending_edit", "conflict"):
        ss.pop(k, None)


filters: ClaimFilter = ss.get("queue_filters", ClaimFilter())
sort: str = ss.get("queue_sort", "checkworthiness")
claim_id = _claim_id()
with store.reader.begin() as s:
    if claim_id is None:
        first = (
            service.list_claims(s, filters, sort=sort, limit=1).rows or service.list_claims(s, limit=1).rows
        )
        if not first:
            st.header("Review")
            empty_state() if not service.document_choices(s, limit=1) else st.info(
                "There are no claims to review."
            )
            st.stop()
        claim_id = first[0].id
    try:
        detail: ClaimDetail = service.get_claim(s, claim_id)
    except WorkbenchError as exc:
        st.header("Review")
        st.error(f"{exc}. It may have been deleted with its document.", icon=":material/error:")
        if st.button("Back to the queue", key="back_to_queue"):
            st.switch_page("screens/queue.py")
        st.stop()
    prev_id, next_id = service.neighbours(s, claim_id, filters, sort=sort)
    text = service.document_text(s, detail.document_id)
    lo, hi = paragraph_bounds(text, detail.start, detail.end)
    nearby = service.claim_spans(s, detail.document_id, lo, hi, limit=200)
    history = service.claim_history(s, claim_id)

if ss.get("_review_claim") != claim_id:  # another claim than last time: fresh widgets and base version
    _open(claim_id)
    ss[CLEAR_SOURCE_FORM] = True
    ss["_review_claim"] = claim_id
st.query_params["claim"] = str(claim_id)
# The version this reviewer is working from: NOT refreshed on every rerun, otherwise a
# change made by someone else meanwhile would be silently overwritten on Save.
base_version: int = ss.setdefault("base_version", detail.version)
actor = resources.current_actor()
TEAM = resources.mode() == "team"

# ---------------------------------------------------------------- header and navigation
c1, c2, c3, c4 = st.columns([5, 1.2, 1.2, 1.2], vertical_alignment="bottom")
c1.header(f"Claim #{detail.id}: {md_escape(detail.text)}", anchor=False)
if c2.button("Queue", key="back_to_queue", icon=":material/arrow_back:", width="stretch"):
    st.switch_page("screens/queue.py")
if c3.button(
    "Previous", key="prev", icon=":material/chevron_left:", disabled=prev_id is None, width="stretch"
):
    _open(prev_id)
    st.rerun()
if c4.button("Next", key="next", icon=":material/chevron_right:", disabled=next_id is None, width="stretch"):
    _open(next_id)
    st.rerun()

badges = st.container(horizontal=True)
with badges:
    st.badge(status_label(detail.status), color="green" if detail.status == "final" else "blue")
    if detail.verdict:
        st.badge(verdict_label(detail.verdict), icon=":material/gavel:", color="violet")
    st.badge(
        f"Check-worthiness {detail.checkworthiness:.2f}",
        color="orange" if detail.checkworthiness >= 0.6 else "gray",
    )
    for flag in detail.flags:
        st.badge(flag_label(flag, len(detail.sources)), color="gray")
    if detail.origin == "manual":
        st.badge("Added by hand", color="gray")
    if detail.assignee:
        st.badge(f"Assigned to {detail.assignee}", icon=":material/person:", color="gray")

show_checks(detail)  # arithmetic problems found in the document around this claim
# Team mode: the soft lock (refreshed on every run), the review session, blind double review.
team_ctx = (
    review_setup(store, detail, actor, lock_minutes=resources.settings().lock_minutes) if TEAM else None
)

if detail.version != base_version and "conflict" not in ss:
    st.warning(
        f"{detail.updated_by} changed this claim at {when(detail.updated_at)} after you opened it. "
        "The page shows the latest; saving will ask you what to do with your edit.",
        icon=":material/sync_problem:",
    )


# ---------------------------------------------------------------- conflicts
def _apply(edit: dict[str, Any], version: int) -> int:
    with store.sessions.begin() as s:
        if edit["kind"] == "review":  # team mode: this person's review in a session
            return service_team.submit_review(s, edit["session_id"], edit["claim_id"], edit["verdict"],
                                              edit.get("note") or "", actor=actor, expected_version=version).version  # fmt: skip
        if edit["kind"] == "verdict":
            return service.set_verdict(s, edit["claim_id"], edit["verdict"], expected_version=version,
                                       actor=actor, note=edit.get("note"), final=edit.get("final", True))  # fmt: skip
        return service.update_claim_fields(s, edit["claim_id"], dict(edit["changes"]), expected_version=version,
                                           actor=actor)  # fmt: skip


def _save(edit: dict[str, Any], done: str) -> None:
    """Apply an edit against the loaded version; on a conflict keep it pending and explain."""
    try:
        _apply(edit, base_version)
    except EditConflict as exc:
        ss["pending_edit"] = edit
        ss["conflict"] = {"by": exc.changed_by, "at": exc.changed_at, "changes": exc.changes,
                          "current": exc.current_version}  # fmt: skip
        st.rerun()
    except WorkbenchError as exc:
        st.error(str(exc), icon=":material/error:")
        return
    flash(done)
    _open(detail.id)
    st.rerun()


if "conflict" in ss and "pending_edit" in ss:
    conflict, pending = ss["conflict"], ss["pending_edit"]
    with st.container(border=True, key="conflict_panel"):
        st.error(
            f"**Not saved.** {conflict['by'] or 'Someone'} changed this claim"
            f"{' at ' + when(conflict['at']) if conflict['at'] else ''} after you opened it.",
            icon=":material/sync_problem:",
        )
        rows = []
        for k, c in conflict["changes"].items():
            shown = verdict_label if k == "verdict" else status_label if k == "status" else str
            rows.append({
                "Field": k.replace("_", " ").capitalize(),
                "Was": "—" if c.get("from") is None else shown(c["from"]),
                "Now": "—" if c.get("to") is None else shown(c["to"]),
                "Changed by": c.get("by") or "",
            })  # fmt: skip
        if rows:
            st.dataframe(rows, hide_index=True, width="stretch", key="conflict_changes")
        if pending["kind"] in ("verdict", "review"):
            mine = f"verdict **{verdict_label(pending['verdict'])}**" + (
                " with a note" if pending.get("note") else ""
            )
        else:
            mine = ", ".join(
                f"{k.replace('_', ' ')} → **{md_escape(str(v))}**" for k, v in pending["changes"].items()
            )
        st.markdown(f"Your edit, not yet saved: {mine}")
        k1, k2, _ = st.columns([1, 1, 2])
        if k1.button("Reload the latest", key="conflict_reload", icon=":material/refresh:", width="stretch"):
            _open(detail.id)
            flash("Reloaded: you now see the latest version", icon=":material/refresh:")
            st.rerun()
        if k2.button("Keep my edit", key="conflict_keep", icon=":material/save:", type="primary", width="stretch",
                     help="Apply your edit on top of the latest version."):  # fmt: skip
            try:
                _apply(pending, detail.version)
            except EditConflict as exc:  # changed yet again: show the new state of affairs
                ss["conflict"] = {"by": exc.changed_by, "at": exc.changed_at, "changes": exc.changes,
                                  "current": exc.current_version}  # fmt: skip
                st.rerun()
            except WorkbenchError as exc:
                st.error(str(exc), icon=":material/error:")
            else:
                flash("Your edit was applied on top of the latest version")
                _open(detail.id)
                st.rerun()

left, right = st.columns([3, 2], gap="large")

# ---------------------------------------------------------------- the claim in its document
with left:
    url = safe_url(detail.document_url)
    title = md_escape(detail.document_title)
    st.markdown(f"**[{title}]({url})**" if url else f"**{title}**")
    meta = [x for x in (detail.document_author, detail.document_published) if x]
    if meta or (detail.document_url and not url):
        st.caption(
            md_escape(
                " · ".join([*meta, *([detail.document_url] if detail.document_url and not url else [])])
            )
        )
    marks = [
        Mark(c.start, c.end, "current" if c.id == detail.id else "other",
             f"Claim {c.id} · {status_label(c.status)}" + (f" · {verdict_label(c.verdict)}" if c.verdict else ""))
        for c in nearby
    ]  # fmt: skip
    if not any(m.kind == "current" for m in marks):
        marks.append(Mark(detail.start, detail.end, "current", f"Claim {detail.id}"))
    st.markdown(highlight(text, marks, start=lo, end=hi), unsafe_allow_html=True)
    st.caption("Yellow: this claim. Blue: other claims in the same paragraph.")

    with st.container(border=True):
        fields = {
            "Value": (f"{format_value(detail.value_from, detail.unit, None, detail.currency)} → "
                      if detail.value_from is not None else "")
            + format_value(detail.value, detail.unit, detail.value_high, detail.currency),
            "Metric": detail.metric, "Attribution": detail.attribution, "Hedge": detail.hedge,
            "Direction": detail.direction, "Counted": detail.noun,
        }  # fmt: skip
        cols = st.columns(3)
        for i, (k, v) in enumerate(fields.items()):
            cols[i % 3].markdown(f"**{k}**  \n{md_escape(v) if v else '—'}")

    if detail.cluster or detail.cluster_drift:
        st.subheader("The same figure elsewhere", anchor=False)
        if detail.cluster_drift:
            st.warning(md_escape(detail.cluster_drift), icon=":material/warning:")
        for m in detail.cluster:
            st.markdown(
                f"- {md_escape(m.text)} in *{md_escape(m.document_title)}* — {status_label(m.status)}"
                + (f", **{verdict_label(m.verdict)}**" if m.verdict else "")
            )

    with st.expander(f"History ({len(history)})", icon=":material/history:"):
        for e in reversed(visible_history(history, actor, team_ctx)):
            st.markdown(f"**{md_escape(e.actor)}** {md_escape(describe_event(e))}  \n:gray[{when(e.at)}]")

# ---------------------------------------------------------------- verdict, fields, sources, notes
with right:
    sources_tab = f"Sources ({len(detail.sources)})"
    tab_verdict, tab_sources, tab_fields, tab_notes = st.tabs(
        ["Verdict", sources_tab, "Fix the figure", f"Notes ({len(detail.notes)})"],
        default=sources_tab if ss.pop(SHOW_SOURCES, False) else None,  # just attached evidence: show it
    )
    with tab_verdict:
        if detail.suggested_verdict and detail.suggested_verdict != ss.get("verdict"):
            st.info(f"Suggestion: **{verdict_label(detail.suggested_verdict)}** — {md_escape(detail.suggestion_reason)}",
                    icon=":material/lightbulb:")  # fmt: skip
            st.button("Use this suggestion", key="use_suggestion",
                      on_click=lambda: ss.update(verdict=detail.suggested_verdict))  # fmt: skip
        if "verdict" not in ss and detail.verdict:
            ss["verdict"] = detail.verdict
        choice = st.selectbox(
            "Verdict", service.VERDICT_KEYS, key="verdict", index=None, format_func=verdict_label,
            placeholder="Choose a verdict",
        )  # fmt: skip
        if choice:
            st.caption(VERDICT_DESCRIPTIONS[choice])
        note = st.text_area("Note (optional)", key="verdict_note", height=80,
                            placeholder="Why: the source, the calculation, what is missing…")  # fmt: skip
        if detail.verdict_by:
            st.caption(f"Current verdict set by {md_escape(detail.verdict_by)}, {when(detail.verdict_at)}")
        label, button_key, final = verdict_action(actor, team_ctx)
        if st.button(label, key=button_key, type="primary", disabled=choice is None, icon=":material/gavel:"):
            edit = {"kind": "verdict", "claim_id": detail.id, "verdict": choice, "note": note.strip() or None,
                    "final": final}  # fmt: skip
            if team_ctx is not None and team_ctx.submits_review:
                edit.update(kind="review", session_id=team_ctx.session_id)
            _save(edit, f"Verdict {'saved' if final else 'proposed'}: {verdict_label(choice)}")

    with tab_sources:
        for src in detail.sources:
            with st.container(border=True):
                link = safe_url(src.url)
                name = md_escape(src.title or src.url or "Untitled source")
                st.markdown(f"**[{name}]({link})**" if link else f"**{name}**")
                bits = [md_escape(b) for b in (src.publisher, src.published) if b]
                if src.source_value is not None:
                    bits.append(f"gives {format_value(src.source_value, src.source_unit or detail.unit)}")
                if src.stance:
                    bits.append({"supports": ":green[supports]", "contradicts": ":red[contradicts]"}.get(
                        src.stance, ":gray[context]"))  # fmt: skip
                if bits:
                    st.markdown(" · ".join(bits))
                if src.url and not link:
                    st.caption(md_escape(src.url))
                if src.excerpt:
                    st.markdown(f"> {md_escape(src.excerpt)}")
                source_evidence(src, detail, store)  # match status, deviation, retrieval, stored text
                st.caption(f"Added by {md_escape(src.created_by)}, {when(src.created_at)}")
        if not detail.sources:
            st.caption("No sources yet. Add the report or dataset the figure comes from.")
        evidence_panel(detail, store, actor)  # check against a source by link, file or pasted text
        if ss.pop(CLEAR_SOURCE_FORM, False):  # saved last run, or another claim: empty the form
            # Assigned, not deleted, before the widgets exist: so the browser's copy is emptied too.
            ss.update({k: "" for k in SOURCE_KEYS} | {"src_stance": "supports"})
        with st.form("source_form", border=True):
            st.markdown("**Add a source**")
            s_url = st.text_input("Link", key="src_url", placeholder="https://")
            s_title = st.text_input("Title", key="src_title")
            a, b = st.columns(2)
            s_pub = a.text_input("Publisher", key="src_publisher")
            s_date = b.text_input("Date", key="src_date", placeholder="2026-03-01")
            s_excerpt = st.text_area("Excerpt", key="src_excerpt", height=80,
                                     placeholder="The passage that gives the figure")  # fmt: skip
            a, b = st.columns(2)
            s_value = a.text_input("The figure it gives", key="src_value", placeholder="e.g. 24%, 1.2bn, 97m",
                                   help=f"As you would write it: {NUMBER_EXAMPLES}.")  # fmt: skip
            s_stance = b.selectbox("It…", ["supports", "contradicts", "context"], key="src_stance",
                                   format_func={"supports": "Supports the claim", "contradicts": "Contradicts it",
                                                "context": "Gives context"}.__getitem__)  # fmt: skip
            if st.form_submit_button("Add source", key="add_source", icon=":material/add_link:"):
                with friendly():
                    if s_url.strip() and not safe_url(s_url):
                        st.error("The link must start with http:// or https://", icon=":material/error:")
                    else:
                        src_in = SourceInput(
                            url=s_url.strip() or None, title=s_title.strip() or None,
                            publisher=s_pub.strip() or None, published=s_date.strip() or None,
                            excerpt=s_excerpt.strip() or None, source_value=parse_number(s_value, "the figure"),
                            source_unit=detail.unit if s_value.strip() else None, stance=s_stance,
                        )  # fmt: skip
                        with store.sessions.begin() as s:
                            service.add_source(s, detail.id, src_in, actor=actor)
                        ss[CLEAR_SOURCE_FORM] = True
                        flash("Source added")
                        st.rerun()

    with tab_fields:
        st.caption("Correct what the extractor read. The claim's text in the article does not change.")
        current = detail.editable()
        defaults = {
            "f_value": format_number(detail.value), "f_value_high": format_number(detail.value_high),
            "f_unit": detail.unit, "f_direction": detail.direction or "", "f_hedge": detail.hedge or "",
            "f_metric": detail.metric or "", "f_attribution": detail.attribution or "",
        }  # fmt: skip
        for k, v in defaults.items():
            ss.setdefault(k, v)
        with st.form("fields_form", border=False):
            a, b = st.columns(2)
            a.text_input("Value", key="f_value", help=f"As you would write it: {NUMBER_EXAMPLES}.")
            b.text_input("Upper value (ranges)", key="f_value_high", help="Only for ranges such as 5–7%.")
            a.selectbox("Unit", list(UNITS), key="f_unit", format_func=lambda u: UNIT_LABELS.get(u, u))
            b.selectbox("Direction", ["", "increase", "decrease"], key="f_direction",
                        format_func=lambda d: d.capitalize() if d else "None")  # fmt: skip
            st.text_input("Metric", key="f_metric", placeholder="What is measured")
            st.text_input(
                "Attribution", key="f_attribution", placeholder="Who the article says it comes from"
            )
            st.text_input("Hedge", key="f_hedge", placeholder="up to, about, nearly…")
            if st.form_submit_button("Save corrections", key="save_fields", icon=":material/edit:"):
                with friendly():
                    typed = {f: ss[k] for f, k in FIELD_KEYS.items()}
                    typed["direction"] = typed["direction"] or None
                    changes = field_changes(current, typed)
                    if not changes:
                        st.info("Nothing changed.")
                    else:
                        _save({"kind": "fields", "claim_id": detail.id, "changes": changes},
                              f"Corrected: {', '.join(k.replace('_', ' ') for k in changes)}")  # fmt: skip

    with tab_notes:
        for n in detail.notes:
            with st.container(border=True):
                st.markdown(f"**{md_escape(n.author)}** :gray[{when(n.created_at)}]")
                st.text(n.body)
        if not detail.notes:
            st.caption("No notes yet.")
        with st.form("note_form", clear_on_submit=True, border=False):
            body = st.text_area("Add a note", key="note_body", height=80)
            if st.form_submit_button("Add note", key="add_note", icon=":material/comment:"):
                with friendly():
                    with store.sessions.begin() as s:
                        service.add_note(s, detail.id, body, actor=actor)
                    flash("Note added")
                    st.rerun()
