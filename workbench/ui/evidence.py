"""The evidence panel of the Review screen: check a claim against a source, keep the evidence.

A source comes from a URL, an uploaded file or pasted text. It is loaded once and kept,
with its match against the claim, in ``st.session_state`` per claim, so reruns neither
refetch nor recompute (the match is recomputed from the kept text only when the claim
itself changed). The match is a *suggestion*: nothing is saved until the reviewer attaches
a passage or saves a verdict themselves.

Everything that comes from a source is untrusted. It is escaped before it is rendered:
``md_escape`` for Markdown, ``escape_text``/``highlight`` for HTML, and stored text is
only ever shown escaped.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from workbench.documents.sources import fetch_url, load_source_bytes, source_from_text
from workbench.errors import FetchError, WorkbenchError
from workbench.store import Store, service
from workbench.store.service import Actor, ClaimDetail, SourceRow
from workbench.ui.highlight import Mark, highlight
from workbench.ui.widgets import UNIT_LABELS, flash, format_value, md_escape, verdict_label, when

__all__ = [
    "MAX_PASSAGES",
    "SHOW_SOURCES",
    "STATUS_BADGES",
    "evidence_panel",
    "format_deviation",
    "passage_html",
    "show_checks",
    "source_evidence",
]

MAX_PASSAGES = 3
#: Stored text shown in full up to this many characters; the rest is offered as a download.
SHOWN_CHARS = 20_000
STATUS_BADGES: dict[str, tuple[str, str, str]] = {
    "supports": ("Supports the claim", "green", ":material/check_circle:"),
    "number_differs": ("Number differs", "red", ":material/error:"),
    "not_found": ("Not found in the source", "gray", ":material/search_off:"),
}
#: Set after evidence is attached: the Review screen then opens on its Sources tab to show it.
SHOW_SOURCES = "_ev_show_sources"
_STATE = "_evidence"  # session_state[_STATE][claim_id] = {"doc", "match", "url", "origin", "version", ...}


# ------------------------------------------------------------------ pure helpers


def format_deviation(deviation: float | None, unit: str, currency: str | None = None) -> str:
    """Source minus claim on the claim's scale, e.g. ``-10 percentage points``, ``+USD 200 m``."""
    if deviation is None:
        return "—"
    sign = "+" if deviation > 0 else "−" if deviation < 0 else "±"
    if unit in ("percent", "percentage_points"):  # a gap between two percentages is in points
        return f"{sign}{abs(deviation):,.3g} percentage points"
    return sign + format_value(abs(deviation), unit, None, currency)


def format_relative(relative: float | None) -> str:
    return "" if relative is None else f"{relative:+.1%} of the claimed figure"


def passage_html(passage: Any) -> str:
    """The passage escaped, with the figure that decided the match marked (offsets are into the source)."""
    marks = []
    if passage.figure_start is not None and passage.figure_end is not None:
        s, e = passage.figure_start - passage.start, passage.figure_end - passage.start
        if 0 <= s < e <= len(passage.text):
            marks.append(Mark(s, e, "current", "The figure the source gives"))
    return highlight(passage.text, marks)


def _badge(status: str | None) -> None:
    if not status:
        return
    label, color, icon = STATUS_BADGES.get(status, (status.replace("_", " "), "gray", None))
    st.badge(label, color=color, icon=icon)  # type: ignore[arg-type]


def _source_figure(value: dict[str, Any] | None) -> str:
    if not value:
        return "—"
    unit = str(value.get("unit") or "")
    normal = format_value(value.get("value"), unit, value.get("value_high"), value.get("currency"))
    return (
        f"“{md_escape(str(value.get('text') or ''))}” — {md_escape(normal)} ({UNIT_LABELS.get(unit, unit)})"
    )


# ------------------------------------------------------------------ the arithmetic flags


def show_checks(detail: ClaimDetail) -> None:
    """The arithmetic problems found inside the document around this claim, as a warning."""
    for check in detail.checks or []:
        message = md_escape(str(check.get("message") or ""))
        extra = []
        if check.get("stated") is not None:
            extra.append(f"stated {check['stated']:,.4g}")
        if check.get("expected") is not None:
            extra.append(f"expected {check['expected']:,.4g}")
        st.warning(
            f"**Arithmetic check:** {message}"
            + (f"  \n:gray[{md_escape(', '.join(extra))}]" if extra else ""),
            icon=":material/calculate:",
        )


# ------------------------------------------------------------------ the sources list


def source_evidence(src: SourceRow, detail: ClaimDetail, store: Store) -> None:
    """Inside a source's card: match status, the figure and deviation, retrieval, the stored text."""
    if src.match_status or src.deviation is not None:
        row = st.container(horizontal=True, vertical_alignment="center")
        with row:
            _badge(src.match_status)
            if src.deviation is not None:
                st.markdown(
                    f"Deviation **{md_escape(format_deviation(src.deviation, detail.unit, detail.currency))}**"
                )
    if src.retrieved_at:
        st.caption(
            f"Retrieved {when(src.retrieved_at)}"
            + (f" · SHA-256 {md_escape(src.content_hash[:12])}…" if src.content_hash else "")
        )
    if src.has_content:
        with st.expander("Show stored text", key=f"ev_stored_{src.id}", on_change="rerun",
                         icon=":material/article:") as box:  # fmt: skip
            if box.open:  # loaded only when opened
                with store.reader.begin() as s:
                    content = service.get_source_content(s, src.id) or ""
                st.markdown(highlight(content, [], end=SHOWN_CHARS), unsafe_allow_html=True)
                if len(content) > SHOWN_CHARS:
                    st.caption(f"Showing the first {SHOWN_CHARS:,} of {len(content):,} characters.")
                    st.download_button("Download the full text", content, file_name=f"source-{src.id}.txt",
                                       mime="text/plain", key=f"ev_download_{src.id}")  # fmt: skip


# ------------------------------------------------------------------ the panel


def _title(state: dict[str, Any]) -> str | None:
    """A name for the kept source: the document's title, else the file's name or "Pasted text"."""
    doc = state["doc"]
    if doc.title:
        return None  # attach_evidence takes the document's own
    return {"paste": "Pasted text", "file": doc.path}.get(state["origin"])


def _state(claim_id: int) -> dict[str, Any]:
    return st.session_state.setdefault(_STATE, {}).setdefault(claim_id, {})


def _load(detail: ClaimDetail, store: Store, doc: Any, *, origin: str, url: str | None = None,
          **extra: Any) -> None:  # fmt: skip
    """Keep a loaded source and its match for this claim."""
    with store.reader.begin() as s:
        match = service.check_source(s, detail.id, doc.text)
    state = _state(detail.id)
    seen = state.get("file_id")  # the upload already read: kept, so it is not read again over this source
    state.clear()
    state.update({"doc": doc, "match": match, "origin": origin, "url": url, "version": detail.version,
                  "file_id": seen, **extra})  # fmt: skip


def _inputs(detail: ClaimDetail, store: Store) -> None:
    """The three ways to give a source. Errors are shown in place and the previous source is kept."""
    state = _state(detail.id)
    by_url, by_file, by_paste = st.tabs(["Link", "File", "Paste"])
    with by_url:
        url = st.text_input("Link to the source", key="ev_url", placeholder="https://")
        if st.button("Fetch and check", key="ev_fetch", icon=":material/download:"):
            url = url.strip()
            if not url:
                st.error("Type the address of the source first.", icon=":material/error:")
            else:
                try:
                    with st.spinner("Fetching the source…"):
                        doc = fetch_url(url)
                    _load(detail, store, doc, origin="url", url=str(doc.url or url))
                except FetchError as exc:
                    st.error(
                        f"Could not fetch the source: {md_escape(str(exc))}  \n"
                        "You can still check it: open the page yourself, copy its text and paste it "
                        "under **Paste**, or save it and upload the file under **File**.",
                        icon=":material/cloud_off:",
                    )
                except WorkbenchError as exc:
                    st.error(f"Could not read the source: {md_escape(str(exc))}", icon=":material/error:")
    with by_file:
        up = st.file_uploader(
            "A saved page, PDF or text file", key="ev_file", type=["html", "htm", "pdf", "txt", "md"]
        )
        if up is not None and state.get("file_id") != up.file_id:
            try:
                with st.spinner("Reading the file…"):
                    doc = load_source_bytes(up.getvalue(), name=up.name)
                _load(detail, store, doc, origin="file", file_id=up.file_id)
            except WorkbenchError as exc:
                st.error(
                    f"Could not read {md_escape(up.name)}: {md_escape(str(exc))}", icon=":material/error:"
                )
    with by_paste:
        pasted = st.text_area("The source's text", key="ev_paste", height=140,
                              placeholder="Paste the report's or article's text here")  # fmt: skip
        if st.button("Check pasted text", key="ev_check_paste", icon=":material/fact_check:"):
            try:
                _load(detail, store, source_from_text(pasted), origin="paste")
            except WorkbenchError as exc:
                st.error(md_escape(str(exc)).capitalize(), icon=":material/error:")


def _result(detail: ClaimDetail, store: Store, actor: Actor) -> None:
    state = _state(detail.id)
    doc, match = state["doc"], state["match"]
    if state.get("version") != detail.version:  # the claim was corrected since: match again, no refetch
        with store.reader.begin() as s:
            match = state["match"] = service.check_source(s, detail.id, doc.text)
        state["version"] = detail.version
    with st.container(border=True, key="ev_result"):
        name = (
            state.get("url")
            or doc.title
            or {"paste": "Pasted text"}.get(state["origin"], doc.path or "Source")
        )
        st.caption(f"Checked against {md_escape(str(name))} · {len(doc.text):,} characters")
        _badge(match.status)
        st.markdown(md_escape(match.explanation))
        if match.source_value:
            st.markdown(f"**The source gives** {_source_figure(match.source_value)}")
        if match.deviation is not None:
            rel = format_relative(match.relative_deviation)
            st.markdown(
                f"**Deviation** {md_escape(format_deviation(match.deviation, detail.unit, detail.currency))}"
                + (f" ({md_escape(rel)})" if rel else "")
            )
        if match.suggested_verdict:
            st.info(
                f"Suggested verdict: **{verdict_label(match.suggested_verdict)}** — a suggestion; "
                "nothing is set until you save",
                icon=":material/lightbulb:",
            )

            def use() -> None:
                st.session_state["verdict"] = match.suggested_verdict
                flash(f"Verdict picker set to {verdict_label(match.suggested_verdict)}: not saved until you "
                      "press Save verdict", icon=":material/gavel:")  # fmt: skip

            st.button("Use this verdict", key="ev_use_verdict", on_click=use, icon=":material/gavel:",
                      help="Fills in the verdict picker on the Verdict tab. Nothing is saved.")  # fmt: skip
        passages = match.passages[:MAX_PASSAGES]
        if passages:
            st.markdown("**Best passages**")
        for i, p in enumerate(passages):
            with st.container(border=True):
                st.markdown(passage_html(p), unsafe_allow_html=True)
                st.caption(
                    f"Passage {i + 1} · match score {p.score:.0f}/100 · characters {p.start:,}–{p.end:,}"
                )
                if st.button("Attach as evidence", key=f"ev_attach_{i}", icon=":material/attach_file:",
                            help="Keeps this passage, the figure and the source's full text with the claim."):  # fmt: skip
                    try:
                        with store.sessions.begin() as s:
                            service.attach_evidence(s, detail.id, doc, match, passage=i, url=state.get("url"),
                                                    title=_title(state), actor=actor)  # fmt: skip
                    except WorkbenchError as exc:
                        st.error(md_escape(str(exc)), icon=":material/error:")
                    else:
                        flash("Evidence attached to the claim", icon=":material/attach_file:")
                        st.session_state[SHOW_SOURCES] = True  # the Review screen opens its Sources tab
                        st.rerun()
        if not passages:
            st.caption("No passage of the source comes close to the claim.")
        if st.button("Clear", key="ev_clear", icon=":material/close:"):
            for k in ("doc", "match"):
                state.pop(k, None)
            st.rerun()


def evidence_panel(detail: ClaimDetail, store: Store, actor: Actor) -> None:
    """'Check against a source': load a source, see what it says, attach a passage as evidence."""
    with st.container(border=True, key="ev_panel"):
        st.markdown("**Check against a source**")
        st.caption(
            "Give the source by link, file or pasted text; the workbench looks for the claim's figure in it."
        )
        _inputs(detail, store)
        if _state(detail.id).get("match") is not None:
            _result(detail, store, actor)
