"""A readable Markdown report: verdict counts, then every checked claim with its sources and notes."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import IO, Any

from workbench.config import VERDICTS

__all__ = ["write_markdown"]

_LABELS = {v.key: v.label for v in VERDICTS}


def _md(text: Any) -> str:
    """Escape Markdown and HTML so document text is shown, never rendered."""
    s = "" if text is None else str(text)
    for ch in "\\`*_{}[]<>()#+-!|":
        s = s.replace(ch, "\\" + ch)
    return s.replace("\n", " ")


def write_markdown(
    rows: Iterable[dict[str, Any]], out: IO[str], *, title: str = "Fact-check report",
    agreement: list[str] | None = None,
) -> int:  # fmt: skip
    counts: Counter[str] = Counter()
    checked: list[dict[str, Any]] = []
    total = 0
    for r in rows:
        total += 1
        if r["status"] == "not_a_claim":
            counts["Not a claim"] += 1
        elif r.get("verdict"):
            counts[_LABELS.get(r["verdict"], r["verdict"])] += 1
            checked.append(r)
        else:
            counts["Not yet checked"] += 1
    out.write(f"# {_md(title)}\n\n")
    out.write(f"Generated {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')} — {total} claims.\n\n")
    out.write("## Verdicts\n\n| Verdict | Claims | Share |\n|---|---:|---:|\n")
    order = [v.label for v in VERDICTS] + ["Not a claim", "Not yet checked"]
    for label in order:
        if counts[label]:
            out.write(f"| {label} | {counts[label]} | {counts[label] / max(total, 1):.0%} |\n")
    if agreement:
        out.write("\n## Agreement\n\n")
        for line in agreement:
            out.write(f"- {line}\n")
    out.write("\n## Checked claims\n")
    for r in checked:
        out.write(f"\n### {_md(r['text'])} — {_md(r.get('document_title'))}\n\n")
        out.write(f"> {_md(r.get('sentence'))}\n\n")
        out.write(f"- **Verdict:** {_LABELS.get(r['verdict'], r['verdict'])} ({r['status']})")
        if r.get("verdict_by"):
            out.write(f", by {_md(r['verdict_by'])}")
        if r.get("verdict_at"):
            out.write(f" on {str(r['verdict_at'])[:10]}")
        out.write("\n")
        if r.get("attribution"):
            out.write(f"- **Source named in the text:** {_md(r['attribution'])}\n")
        if r.get("sources"):
            out.write("- **Sources:**\n")
            vals = (r.get("source_values") or "").split(" | ")
            for i, s in enumerate(r["sources"].split(" | ")):
                v = vals[i] if i < len(vals) and vals[i] else ""
                out.write(f"  - {_md(s)}{f' (gives {v})' if v else ''}\n")
        if r.get("notes"):
            out.write("- **Notes:**\n")
            for n in r["notes"].split("\n---\n"):
                out.write(f"  - {_md(n)}\n")
    if not checked:
        out.write("\nNo claim has a verdict yet.\n")
    return total
