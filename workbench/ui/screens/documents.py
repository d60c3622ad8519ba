"""Documents: add articles, see how far each one is reviewed, read one with its claims marked."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from workbench.errors import WorkbenchError
from workbench.store import service
from workbench.ui import resources
from workbench.ui.edits import safe_url
from workbench.ui.highlight import Mark, body_start, highlight
from workbench.ui.uploads import UPLOAD_TYPES, ingest_items, load_paste, load_uploads
from workbench.ui.widgets import (
    flash,
    friendly,
    md_escape,
    progress_figure,
    status_label,
    table_height,
    verdict_label,
)

ss = st.session_state
store = resources.store()
settings = resources.settings()
actor = resources.current_actor()

st.header("Documents")


def _ingest(items: list) -> None:  # type: ignore[type-arg]
    bar = st.progress(0.0, text="Reading…")

    def progress(done: int, total: int | None, name: str) -> None:
        bar.progress(done / total if total else 1.0, text=f"{done} of {total or done}: {name}")

    try:
        summary = ingest_items(store, items, actor=actor, progress=progress)
    except WorkbenchError as exc:
        bar.empty()
        st.error(str(exc), icon=":material/error:")
        return
    bar.empty()
    for name, message in summary.errors:
        st.error(f"**{md_escape(name)}** was not added: {md_escape(message)}", icon=":material/error:")
    if summary.new or summary.unchanged:
        msg = f"Added {summary.new} document{'s' if summary.new != 1 else ''} with {summary.claims_added} claims"
        if summary.unchanged:
            msg += f"; {summary.unchanged} already here"
        st.success(msg, icon=":material/check_circle:")
        st.toast(msg, icon=":material/check_circle:")


if actor.can("ingest"):  # team mode: reviewers read documents, editors add them
    add_upload, add_paste = st.tabs(["Upload files", "Paste text"])
    with add_upload:
        files = st.file_uploader(
            "Articles (.txt, .md, .html)", type=UPLOAD_TYPES, accept_multiple_files=True, key="upload",
            help=f"Up to {settings.max_file_mb:g} MB each. The same text is never stored twice.",
        )  # fmt: skip
        if st.button("Add these documents", key="ingest_upload", type="primary", disabled=not files):
            _ingest(
                load_uploads([(f.name, f.getvalue()) for f in files or []], max_bytes=settings.max_file_bytes)
            )
    with add_paste:
        title = st.text_input("Title", key="paste_title", placeholder="The headline")
        pasted = st.text_area(
            "Article text", key="paste_text", height=200, placeholder="Paste the article here"
        )
        if st.button("Add this text", key="ingest_paste", type="primary"):
            try:
                doc = load_paste(pasted, title, max_bytes=settings.max_file_bytes)
            except WorkbenchError as exc:
                st.error(str(exc), icon=":material/error:")
            else:
                _ingest([(doc.title or "pasted text", doc)])

with store.reader.begin() as s:
    docs = service.list_documents(s, limit=500)
if not docs:
    st.info("No documents yet — add some above or run `workbench demo`.", icon=":material/inbox:")
    st.stop()

st.subheader("In the database", anchor=False)
st.dataframe(
    pd.DataFrame(
        {
            "Title": [d.title for d in docs],
            "Reviewed": [d.reviewed / d.claim_count if d.claim_count else 0.0 for d in docs],
            "Progress": [f"{d.reviewed} of {d.claim_count} reviewed" for d in docs],
            "Added": [d.created_at for d in docs],
            "By": [d.created_by for d in docs],
            "Link": [safe_url(d.url) or "" for d in docs],  # only web addresses become links
        },
        index=pd.Index([d.id for d in docs], name="#"),
    ),
    key="documents_table",
    width="stretch",
    height=table_height(len(docs)),
    column_config={
        "#": st.column_config.NumberColumn(width=40),
        "Title": st.column_config.TextColumn(width=290),
        "Reviewed": st.column_config.ProgressColumn(min_value=0.0, max_value=1.0, format="percent", width=80),
        "Progress": st.column_config.TextColumn(width=125, help="Claims with a verdict, of all claims"),
        "Added": st.column_config.DatetimeColumn(format="D MMM YYYY, HH:mm", width=135),
        "By": st.column_config.TextColumn(width=70),
        "Link": st.column_config.LinkColumn(width=150, display_text=r"https?://(?:www\.)?([^/]+)"),
    },
)

titles = {d.id: d.title for d in docs}
if ss.get("document") not in titles:
    ss.pop("document", None)
doc_id = st.selectbox(
    "Read a document", list(titles), key="document", format_func=lambda i: f"#{i} · {titles[i]}"
)
with store.reader.begin() as s:
    detail = service.get_document(s, doc_id)
    spans = service.claim_spans(s, doc_id)

with st.container(border=True):
    head, tools = st.columns([4, 1], vertical_alignment="top")
    head.subheader(md_escape(detail.title), anchor=False)
    file_name = (
        detail.path.replace("\\", "/").rsplit("/", 1)[-1] if detail.path else None
    )  # not the server's path
    meta = [md_escape(x) for x in (detail.author, detail.published, detail.url, file_name) if x]
    if meta:
        head.caption(" · ".join(meta))
    with head:
        progress_figure(detail.reviewed, len(detail.claims))
    with tools:
        if actor.can("delete_document") and st.button(
            "Delete…", key="delete_doc", icon=":material/delete:", width="stretch"
        ):
            ss["confirm_delete_for"] = doc_id
    if ss.get("confirm_delete_for") == doc_id:
        st.warning(
            f"Delete **{md_escape(detail.title)}** and its {len(detail.claims)} claims, with their verdicts, "
            "sources and notes? This cannot be undone.",
            icon=":material/warning:",
        )
        a, b, _ = st.columns([1, 1, 3])
        if a.button("Yes, delete it", key="confirm_delete", type="primary", width="stretch"):
            with friendly():
                with store.sessions.begin() as s:
                    service.delete_document(s, doc_id, actor=actor)
                ss.pop("confirm_delete_for", None)
                ss.pop("document", None)
                flash(f"Deleted {detail.title}")
                st.rerun()
        if b.button("Cancel", key="cancel_delete", width="stretch"):
            ss.pop("confirm_delete_for", None)
            st.rerun()

    marks = [
        Mark(c.start, c.end, "reviewed" if c.status in ("final", "not_a_claim") else "other",
             f"Claim {c.id} · {status_label(c.status)}" + (f" · {verdict_label(c.verdict)}" if c.verdict else ""))
        for c in spans
    ]  # fmt: skip
    # The article as a reader sees it: without the YAML front matter its title and author came from.
    st.markdown(
        highlight(detail.text, marks, start=body_start(detail.text), ellipsis=False), unsafe_allow_html=True
    )
    st.caption("Blue: claims to review. Green: reviewed. Hover over a claim for its status.")
    if detail.claims:
        ids = [c.id for c in detail.claims]
        labels = {c.id: f"#{c.id} · {c.text} · {status_label(c.status)}" for c in detail.claims}
        a, b = st.columns([4, 1], vertical_alignment="bottom")
        pick = a.selectbox("Claim", ids, key="doc_open_claim", format_func=labels.__getitem__)
        if b.button("Review it", key="doc_open", width="stretch", icon=":material/open_in_new:"):
            ss["claim_id"] = int(pick)
            ss["queue_filters"] = service.ClaimFilter(document_id=doc_id)
            ss["queue_sort"] = "position"
            st.switch_page("screens/review.py")
