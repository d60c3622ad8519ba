"""Reports: where the checking stands, and the files to publish or share."""

from __future__ import annotations

import io

import altair as alt
import pandas as pd
import streamlit as st

from workbench.report.export import export_to
from workbench.store import service
from workbench.store.service import ClaimFilter
from workbench.ui import resources
from workbench.ui.widgets import (
    STATUS_LABELS,
    VERDICT_LABELS,
    document_titles,
    progress_figure,
    status_label,
    verdict_label,
)

ss = st.session_state
store = resources.store()
settings = resources.settings()
LARGE = 20_000  # above this many claims, exports are built on request rather than on every visit

st.header("Reports")
titles = document_titles(store)

c1, c2, c3 = st.columns([3, 2, 2])
# "All documents" is 0, not None: Streamlit offers a clear (×) button on a selectbox whose value is None.
doc_id = c1.selectbox("Document", [0, *titles], key="rep_document",
                      format_func=lambda i: titles[i] if i else "All documents") or None  # fmt: skip
statuses = c2.multiselect("Status", list(STATUS_LABELS), key="rep_status", format_func=status_label,
                          placeholder="Any status")  # fmt: skip
verdicts = c3.multiselect("Verdict", ["", *service.VERDICT_KEYS], key="rep_verdict", format_func=verdict_label,
                          placeholder="Any verdict")  # fmt: skip
filters = ClaimFilter(document_id=doc_id, status=tuple(statuses), verdict=tuple(verdicts))

with store.reader.begin() as s:
    counts = service.verdict_counts(s, filters)
    per_day = service.progress_over_time(s, filters)
    reviewed, total = service.review_progress(s, filters)

progress_figure(reviewed, total)
left, right = st.columns(2, gap="large")
with left:
    st.subheader("Verdicts", anchor=False)
    order = [
        "accurate",
        "needs_context",
        "misleading",
        "inaccurate",
        "unsupported",
        "unverifiable",
        "not_a_claim",
        "",
    ]
    names = {**VERDICT_LABELS, "not_a_claim": "Not a claim", "": "No verdict yet"}
    data = pd.DataFrame(
        [{"Verdict": names.get(k, k), "Claims": counts.get(k, 0), "order": i} for i, k in enumerate(order)]
    )
    chart = (
        alt.Chart(data)
        .mark_bar(color="#1f5fa8", cornerRadiusEnd=3)
        .encode(
            x=alt.X("Claims:Q", title="Claims"),
            y=alt.Y("Verdict:N", sort=alt.SortField("order"), title=None),
            tooltip=["Verdict", "Claims"],
        )
        .properties(height=260)
    )
    st.altair_chart(chart, width="stretch", key="verdict_chart")
with right:
    st.subheader("Reviewed over time", anchor=False)
    if per_day:
        days = pd.DataFrame(per_day, columns=["Day", "Reviewed"])
        days["Day"] = pd.to_datetime(days["Day"])
        days["Total reviewed"] = days["Reviewed"].cumsum()
        base = alt.Chart(days).encode(
            x=alt.X("Day:T", title=None, axis=alt.Axis(format="%d %b", tickCount="day")),
            y=alt.Y("Total reviewed:Q"),
            tooltip=["Day:T", "Reviewed", "Total reviewed"],
        )
        # Points as well as the area: a single day of work is one point, which an area alone hides.
        line = (
            base.mark_area(line={"color": "#1f5fa8"}, color="#dce8f7")
            + base.mark_point(filled=True, size=70, color="#1f5fa8")
        ).properties(height=260)
        st.altair_chart(line, width="stretch", key="progress_chart")
    else:
        st.caption("Nothing reviewed yet: the chart starts with the first verdict.")

st.subheader("Download", anchor=False)
st.caption(
    "CSV opens in any spreadsheet (edit verdicts there and bring them back with `workbench import-verdicts`). "
    "ClaimReview is the schema.org format search engines read; it holds final verdicts only."
)
if total > LARGE and not ss.get("_exports_for") == filters:
    if st.button(f"Prepare the files for {total:,} claims", key="prepare_exports"):
        ss["_exports_for"] = filters
        st.rerun()
    st.stop()


def build(fmt: str) -> tuple[str, list[str], int]:
    out = io.StringIO()
    res = export_to(store.reader, fmt, out, filters, settings, title="Fact-check report")
    return out.getvalue(), res.problems, res.count


with st.spinner("Preparing the files…"):
    csv_data, _, n_csv = build("csv")
    cr_data, cr_problems, n_cr = build("claimreview")
    md_data, _, _ = build("markdown")
a, b, c = st.columns(3)
a.download_button(f"CSV ({n_csv:,} claims)", csv_data, "claims.csv", "text/csv", key="dl_csv",
                  icon=":material/table:", width="stretch")  # fmt: skip
b.download_button(f"ClaimReview ({n_cr:,})", cr_data, "claimreview.json", "application/ld+json",
                  key="dl_claimreview", icon=":material/data_object:", width="stretch")  # fmt: skip
c.download_button("Report (Markdown)", md_data, "report.md", "text/markdown", key="dl_markdown",
                  icon=":material/article:", width="stretch")  # fmt: skip
if cr_problems:
    with st.expander(f"ClaimReview: {len(cr_problems)} problem{'s' if len(cr_problems) != 1 else ''} to fix before publishing",
                     icon=":material/warning:", expanded=len(cr_problems) <= 5):  # fmt: skip
        for p in cr_problems[:200]:
            st.markdown(f"- {p}")
