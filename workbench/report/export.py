"""Run an export: stream store rows into one of the report formats."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import IO

from sqlalchemy.orm import Session, sessionmaker

from workbench.config import Settings
from workbench.report.claimreview import claimreviews
from workbench.report.csv_io import write_csv
from workbench.report.markdown import write_markdown
from workbench.store.service import EXPORT_COLUMNS, ClaimFilter, iter_export_rows

__all__ = ["ExportResult", "export_to"]


@dataclass
class ExportResult:
    count: int = 0
    noun: str = "claims"
    problems: list[str] = field(default_factory=list)


def export_to(
    reader: sessionmaker[Session], fmt: str, out: IO[str], filters: ClaimFilter, settings: Settings,
    *, title: str = "Fact-check report", agreement: list[str] | None = None,
) -> ExportResult:  # fmt: skip
    """Stream the claims that match ``filters`` to ``out`` in one read transaction."""
    res = ExportResult()
    with reader.begin() as session:
        rows = iter_export_rows(session, filters)
        if fmt == "csv":
            res.count = write_csv(rows, out, EXPORT_COLUMNS)
        elif fmt == "jsonl":
            for row in rows:
                out.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")
                res.count += 1
        elif fmt == "claimreview":
            docs = []
            for doc, missing in claimreviews(rows, settings):
                if missing:
                    res.problems.append(f"{doc['url']}: missing {', '.join(missing)}")
                docs.append(doc)
            json.dump(docs, out, ensure_ascii=False, indent=2)
            out.write("\n")
            res.count, res.noun = len(docs), "ClaimReviews"
            if not docs:
                res.problems.append("no claim has a final verdict yet, so there is nothing to publish")
        elif fmt == "markdown":
            res.count = write_markdown(rows, out, title=title, agreement=agreement)
        else:
            raise ValueError(fmt)
    return res
