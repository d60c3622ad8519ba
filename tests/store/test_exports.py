"""CSV (injection-safe, numeric), the spreadsheet round trip, ClaimReview and Markdown."""

from __future__ import annotations

import csv
import io
import json

from workbench.config import Settings
from workbench.report.claimreview import claimreview, validate
from workbench.report.csv_io import read_verdict_csv
from workbench.report.export import export_to
from workbench.store import service
from workbench.store.service import Actor, ClaimFilter

ME = Actor("alice")
SETTINGS = Settings(org_name="Example Checks", org_url="https://checks.example")


def export(store, fmt="csv", filters=None):
    out = io.StringIO()
    res = export_to(store.reader, fmt, out, filters or ClaimFilter(), SETTINGS)
    return out.getvalue(), res


def rows_of(text):
    return list(csv.DictReader(io.StringIO(text)))


def test_csv_has_the_design_columns_numbers_and_no_formulas(seeded):
    with seeded.sessions.begin() as s:
        cid = service.list_claims(s, ClaimFilter(unit=("currency",))).rows[0].id
        service.add_note(s, cid, '=HYPERLINK("http://evil.example","click")', actor=ME)
        service.add_note(s, cid, "@SUM(A1:A9)", actor=Actor("-bob"))
    text, res = export(seeded)
    rows = rows_of(text)
    assert res.count == 7 and len(rows) == 7
    for col in ("claim_id", "version", "value", "unit", "sentence", "document_title", "status", "verdict",
                "sources", "notes"):  # fmt: skip
        assert col in rows[0]
    money = next(r for r in rows if r["claim_id"] == str(cid))
    assert money["value"] == "1200000000"  # plain decimal, not 1.2e+09
    assert money["notes"].startswith("alice: =HYPERLINK")  # the cell does not start with a formula char
    hostile = [r["notes"] for r in rows if r["notes"]]
    # every text cell that begins with a formula character was neutralised
    for r in rows:
        for k, v in r.items():
            assert not v.startswith(("=", "+", "@", "\t", "\r")), (k, v)
            if v.startswith("-"):
                float(v)  # only a negative number may start with '-'
    assert hostile


def test_formula_cells_are_quoted_and_unquoted_again(seeded):
    with seeded.sessions.begin() as s:
        cid = service.list_claims(s).rows[0].id
        c = service.get_claim(s, cid)
        service.update_claim_fields(s, cid, {"metric": "=1+2", "attribution": "-cmd"}, expected_version=c.version,
                                    actor=ME)  # fmt: skip
    text, _ = export(seeded)
    row = next(r for r in rows_of(text) if r["claim_id"] == str(cid))
    assert row["metric"] == "'=1+2" and row["attribution"] == "'-cmd"
    back = next(r for r in read_verdict_csv(text.encode()) if r["claim_id"] == str(cid))
    assert back["metric"] == "=1+2"


def test_round_trip_export_edit_import_reimport(seeded):
    text, _ = export(seeded)
    rows = rows_of(text)
    rows[0]["verdict"] = "Accurate"  # the label works as well as the key
    rows[1]["verdict"] = "misleading"
    rows[1]["notes"] = "Checked against the annual report"
    rows[2]["verdict"] = "pants on fire"
    rows.append({**rows[3], "claim_id": "99999", "verdict": "accurate"})
    with seeded.sessions.begin() as s:  # someone changes row 4's claim after the export
        c = service.get_claim(s, int(rows[3]["claim_id"]))
        service.set_status(s, c.id, "in_review", expected_version=c.version, actor=Actor("bob"))
    rows[3]["verdict"] = "inaccurate"
    edited = io.StringIO()
    w = csv.DictWriter(edited, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    with seeded.sessions.begin() as s:
        result = service.import_verdict_rows(
            s, read_verdict_csv(edited.getvalue().encode("utf-8-sig")), actor=ME
        )
    assert result.updated == 2 and result.notes_added == 1
    assert [n for n, _ in result.conflicts] == [5]
    assert "bob" in result.conflicts[0][1]
    assert sorted(n for n, _ in result.errors) == [4, 9]
    with seeded.reader.begin() as s:
        assert service.get_claim(s, int(rows[0]["claim_id"])).verdict == "accurate"
        d1 = service.get_claim(s, int(rows[1]["claim_id"]))
        assert d1.verdict == "misleading" and d1.notes[-1].body == "Checked against the annual report"
        assert service.get_claim(s, int(rows[3]["claim_id"])).verdict is None  # refused, not overwritten
    # re-importing the same file changes nothing more: the applied rows are now stale or unchanged
    with seeded.sessions.begin() as s:
        again = service.import_verdict_rows(s, read_verdict_csv(edited.getvalue()), actor=ME)
    assert again.updated == 0
    # and a fresh export carries the new verdicts and versions back out
    fresh = {r["claim_id"]: r for r in rows_of(export(seeded)[0])}
    assert fresh[rows[0]["claim_id"]]["verdict"] == "accurate"
    assert int(fresh[rows[0]["claim_id"]]["version"]) == int(rows[0]["version"]) + 1


def test_claimreview_for_final_verdicts_only_and_valid(seeded):
    with seeded.sessions.begin() as s:
        rows = service.list_claims(s, sort="id").rows
        service.set_verdict(s, rows[0].id, "inaccurate", expected_version=rows[0].version, actor=ME)
        service.set_verdict(s, rows[1].id, "unsupported", expected_version=rows[1].version, actor=ME)
        service.set_verdict(
            s, rows[2].id, "accurate", expected_version=rows[2].version, actor=ME, final=False
        )
    text, res = export(seeded, "claimreview")
    docs = json.loads(text)
    assert res.count == 2 and not res.problems
    by_rating = {d["reviewRating"]["alternateName"]: d for d in docs}
    inacc = by_rating["Inaccurate"]
    assert inacc["@type"] == "ClaimReview" and inacc["reviewRating"]["ratingValue"] == 1
    assert inacc["reviewRating"]["bestRating"] == 5 and inacc["author"]["name"] == "Example Checks"
    assert inacc["url"].startswith("https://checks.example/claims/")
    assert inacc["itemReviewed"]["appearance"]["url"] == "https://news.example/remote"
    assert "ratingValue" not in by_rating["Unsupported"]["reviewRating"]  # text rating only
    broken = claimreview({"claim_id": 1, "sentence": "", "text": "", "verdict": "nonsense"}, SETTINGS)
    assert validate(broken) == ["claimReviewed", "reviewRating.alternateName"]


def test_markdown_report_counts_and_escapes(seeded):
    with seeded.sessions.begin() as s:
        rows = service.list_claims(s, ClaimFilter(document_id=2), sort="position").rows
        for r in rows:
            service.set_verdict(s, r.id, "accurate", expected_version=r.version, actor=ME)
    text, res = export(seeded, "markdown")
    assert "| Accurate | 3 |" in text and "| Not yet checked | 4 |" in text
    assert "<script>" not in text and "\\<script\\>" in text


def test_export_flags_cells_and_pending_changes(seeded):
    """Flags come as JSON text and are joined once per distinct value: the cells are unchanged."""
    from sqlalchemy import update

    from workbench.store.models import Claim

    with seeded.sessions.begin() as s:
        ids = [r.id for r in service.list_claims(s, sort="id").rows]
        s.execute(update(Claim).where(Claim.id == ids[0]).values(flags=[]))
        s.execute(update(Claim).where(Claim.id.in_(ids[1:3])).values(flags=["x;y", "Über", "=1"]))
    with seeded.reader.begin() as s:
        want = {i: ";".join(service.get_claim(s, i).flags) for i in ids}
        got = {r["claim_id"]: r["flags"] for r in service.iter_export_rows(s, chunk=2)}
    assert got == want and got[ids[0]] == "" and got[ids[1]] == got[ids[2]] == "x;y;Über;=1"
    text, _ = export(seeded)
    assert {r["claim_id"]: r["flags"] for r in rows_of(text)} == {str(i): f for i, f in want.items()}
    s = seeded.sessions()
    try:  # an ORM change not yet flushed is exported, as session.execute would have it
        s.get(Claim, ids[3]).metric = "pending metric"
        assert (
            next(r for r in service.iter_export_rows(s) if r["claim_id"] == ids[3])["metric"]
            == "pending metric"
        )
    finally:
        s.rollback()
        s.close()
