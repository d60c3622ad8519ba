"""Small building blocks the screens share: friendly errors, flashes, badges, labels."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

import streamlit as st

from workbench.config import VERDICTS
from workbench.errors import WorkbenchError
from workbench.store.service import AuditRow

__all__ = [
    "VERDICT_LABELS", "describe_event", "empty_state", "flash", "format_value", "friendly", "md_escape",
    "persist_widgets", "progress_figure", "show_flash", "status_label", "table_height", "verdict_label",
]  # fmt: skip

VERDICT_LABELS = {v.key: v.label for v in VERDICTS}
VERDICT_DESCRIPTIONS = {v.key: v.description for v in VERDICTS}
STATUS_LABELS = {
    "new": "New",
    "in_review": "In review",
    "second_review": "Second review",
    "final": "Final",
    "not_a_claim": "Not a claim",
}
UNIT_LABELS = {
    "percent": "Percent",
    "percentage_points": "Percentage points",
    "fraction": "Fraction",
    "multiplier": "Multiplier",
    "currency": "Money",
    "count": "Count",
    "quantity": "Quantity",
}
FLAG_LABELS = {
    "no_source": "No source named",
    "vague_source": "Vague source",
    "inferred_source": "Source inferred from the sentence's subject",
    "hedged": "Hedged",
    "precise_figure": "Precise figure",
    "comparative": "Comparison",
    "projection": "Projection",
    "change": "Change over time",
    "arithmetic_pp_vs_percent": "Arithmetic: points vs percent",
    "arithmetic_change_mismatch": "Arithmetic: change does not add up",
    "arithmetic_shares_over_100": "Arithmetic: shares over 100%",
    "arithmetic_times_vs_percent": "Arithmetic: times vs percent",
    "arithmetic_cagr_mismatch": "Arithmetic: growth rate does not add up",
}
EMPTY_DB = "No documents yet — add some on the **Documents** page or run `workbench demo`."

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>$:~=^])")


def md_escape(text: str | None) -> str:
    """User text made inert for ``st.markdown`` (no links, emphasis, maths or shortcodes)."""
    return _MD_SPECIAL.sub(r"\\\1", (text or "").replace("\n", " "))


def verdict_label(key: str | None) -> str:
    return VERDICT_LABELS.get(key or "", "No verdict yet" if not key else key)


def status_label(key: str) -> str:
    return STATUS_LABELS.get(key, key)


def format_value(
    value: float | None, unit: str, value_high: float | None = None, currency: str | None = None
) -> str:
    if value is None:
        return "—"

    def one(v: float) -> str:
        if abs(v) >= 1e9:
            s = f"{v / 1e9:,.3g} bn"
        elif abs(v) >= 1e6:
            s = f"{v / 1e6:,.3g} m"
        else:
            s = f"{v:,.6g}"
        return s

    text = one(value) + (f"–{one(value_high)}" if value_high is not None else "")
    if unit == "percent":
        return text + "%"
    if unit == "percentage_points":
        return text + " pp"
    if unit == "multiplier":
        return text + "×"
    if unit == "currency":
        return f"{currency or ''} {text}".strip()
    return text


# st.dataframe's geometry (Streamlit 1.67): 35 px rows, a 35 px header, a 1 px border top and bottom.
ROW_PX, HEADER_PX, BORDER_PX = 35, 35, 2


def table_height(rows: int, max_rows: int = 15) -> int:
    """The height that fits ``rows`` rows exactly (no empty strip below the last), scrolling past ``max_rows``."""
    return HEADER_PX + ROW_PX * max(1, min(rows, max_rows)) + BORDER_PX


def flag_label(flag: str, sources: int = 0) -> str:
    """A flag's badge text. "No source named" is about the article's text, so once the
    reviewer has attached sources the badge says both rather than seeming to contradict them."""
    if flag == "no_source" and sources:
        return f"No source named in the text · {sources} source{'s' if sources != 1 else ''} attached"
    return FLAG_LABELS.get(flag, flag.replace("_", " ").capitalize())


@contextmanager
def friendly(prefix: str = "") -> Iterator[None]:
    """Show an expected problem as one calm error line instead of a traceback."""
    try:
        yield
    except WorkbenchError as exc:
        st.error(f"{prefix}{exc}", icon=":material/error:")


def flash(message: str, icon: str = ":material/check_circle:") -> None:
    """A toast that survives the ``st.rerun()`` that usually follows a write."""
    st.session_state.setdefault("_flash", []).append((message, icon))


def show_flash() -> None:
    for message, icon in st.session_state.pop("_flash", []):
        st.toast(message, icon=icon)


def empty_state(message: str = EMPTY_DB) -> None:
    st.info(message, icon=":material/inbox:")
    st.page_link("screens/documents.py", label="Go to Documents", icon=":material/description:")


def document_titles(store: Any) -> dict[int, str]:
    """The documents as {id: title} for a picker; with none, show the empty state and stop the page."""
    from workbench.store import service

    with store.reader.begin() as s:
        documents = service.document_choices(s)
    if not documents:
        empty_state()
        st.stop()
    return dict(documents)


def pick(label: str, options: Mapping[int, Any], key: str, describe: Callable[[Any], str]) -> int:
    """A select box over ``options`` (id -> row) that keeps its choice across reruns.

    A choice that is no longer among the options (settled, closed, deleted) falls back to the first.
    """
    if st.session_state.get(key) not in options:
        st.session_state[key] = next(iter(options))
    return st.selectbox(label, list(options), key=key, format_func=lambda i: describe(options[i]))  # type: ignore[no-any-return]


def progress_figure(reviewed: int, total: int, *, key: str | None = None) -> None:
    frac = reviewed / total if total else 0.0
    st.progress(frac, text=f"**{reviewed:,} of {total:,}** reviewed ({frac:.0%})")


def persist_widgets(keys: Sequence[str]) -> None:
    """Keep these widgets' values when the user visits another screen and comes back.

    Streamlit forgets the state of widgets that were not drawn on a run; a shadow
    copy under ``_keep_<key>`` restores them.
    """
    ss = st.session_state
    for k in keys:
        shadow = f"_keep_{k}"
        if k in ss:
            ss[shadow] = ss[k]
        elif shadow in ss:
            ss[k] = ss[shadow]


def remember_widgets(keys: Sequence[str]) -> None:
    ss = st.session_state
    for k in keys:
        if k in ss:
            ss[f"_keep_{k}"] = ss[k]


def when(at: datetime | None) -> str:
    return at.strftime("%d %b %Y, %H:%M") if at else ""


_ACTIONS = {
    "ingest": "added the document",
    "set_verdict": "set the verdict",
    "set_status": "changed the status",
    "bulk_set_status": "changed the status (bulk)",
    "assign": "assigned",
    "edit_fields": "corrected fields",
    "add_source": "added a source",
    "remove_source": "removed a source",
    "add_note": "added a note",
    "add_claim": "added this claim by hand",
    "settle": "settled the verdict",
}


def _show(key: str, value: Any) -> str:
    if value is None or value == "":
        return "—"
    if key == "verdict":
        return verdict_label(value)
    if key == "status":
        return status_label(value)
    return str(value)


def describe_event(e: AuditRow) -> str:
    """One line of the claim's timeline, e.g. 'set the verdict: Accurate; status: Final'."""
    what = _ACTIONS.get(e.action, e.action.replace("_", " "))
    after = {k: v for k, v in (e.after or {}).items() if k not in ("version", "verdict_by", "verdict_at")}
    if e.action in ("add_source",):
        detail = after.get("title") or after.get("url") or ""
    elif e.action == "add_note":
        body = str(after.get("body", ""))
        detail = body if len(body) <= 80 else body[:79] + "…"
    elif e.action == "add_claim":
        detail = str(after.get("text", ""))
    else:
        detail = "; ".join(f"{k.replace('_', ' ')}: {_show(k, v)}" for k, v in after.items())
    return f"{what}: {detail}" if detail else what
