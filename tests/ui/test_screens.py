"""Each screen driven through AppTest against a temporary SQLite database seeded via the service layer.

Widgets inside st.form (fields, sources, notes) are set and then submitted in the same run:
AppTest applies form values only when the submit button is clicked.
"""

from __future__ import annotations

import pytest

from workbench.store import service
from workbench.store.service import Actor, ClaimFilter

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def claims(store, **kw):  # type: ignore[no-untyped-def]
    with store.reader.begin() as s:
        return service.list_claims(s, ClaimFilter(**kw), sort="id", limit=100).rows


def claim(store, claim_id: int):  # type: ignore[no-untyped-def]
    with store.reader.begin() as s:
        return service.get_claim(s, claim_id)


def ok(at):  # type: ignore[no-untyped-def]
    assert not at.exception, [e.value for e in at.exception]
    return at


def all_text(at) -> str:  # type: ignore[no-untyped-def]
    parts = [m.value for m in at.markdown] + [e.value for e in at.error] + [w.value for w in at.warning]
    parts += [i.value for i in at.info] + [c.value for c in at.caption] + [s.value for s in at.success]
    return "\n".join(str(p) for p in parts)


def open_review(new_app, claim_id: int):  # type: ignore[no-untyped-def]
    at = ok(new_app().run())
    at.session_state["claim_id"] = claim_id
    return ok(at.switch_page("screens/review.py").run())


# ------------------------------------------------------------------ empty database


def test_empty_database_says_what_to_do(empty_url, new_app) -> None:  # type: ignore[no-untyped-def]
    at = ok(new_app().run())
    assert "No documents yet" in all_text(at) and "workbench demo" in all_text(at)
    for page in ("screens/review.py", "screens/reports.py", "screens/add_claim.py"):
        assert "No documents yet" in all_text(ok(at.switch_page(page).run())), page


# ------------------------------------------------------------------ queue


def test_queue_lists_and_filters(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    at = ok(new_app().run())
    assert len(at.dataframe[0].value) == 7
    at.multiselect(key="q_unit").set_value(["fraction"]).run()
    assert list(ok(at).dataframe[0].value["Claim"]) == ["one in five"]
    at.multiselect(key="q_unit").set_value([]).run()
    at.text_input(key="q_text").set_value("waiting").run()
    assert list(ok(at).dataframe[0].value["Claim"]) == ["18%"]
    at.text_input(key="q_text").set_value("no such words").run()
    assert "No claims match" in all_text(ok(at))


def test_queue_score_and_document_filters(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    at = ok(new_app().run())
    at.slider(key="q_score").set_value((0.7, 1.0)).run()
    assert sorted(ok(at).dataframe[0].value["Claim"]) == sorted(["one in five", "from 62% to 41%", "$1.2bn"])
    at.slider(key="q_score").set_value((0.0, 1.0)).run()
    doc_b = claims(ui_store, unit=("count",))[0].document_id
    at.selectbox(key="q_document").set_value(doc_b).run()
    assert len(ok(at).dataframe[0].value) == 3


def test_queue_table_key_columns_first_with_set_widths(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    import json

    at = ok(new_app().run())
    table = at.dataframe[0]
    assert list(table.value.columns)[:5] == ["Claim", "Value", "Score", "Status", "Verdict"]
    widths = {k: v.get("width") for k, v in json.loads(table.proto.columns).items()}
    assert all(isinstance(widths[c], int) for c in table.value.columns)
    # Everything up to the document title fits a laptop's main area next to the sidebar.
    shown = ["#", "Claim", "Value", "Score", "Status", "Verdict", "Assignee", "Document"]
    assert sum(widths[c] for c in shown) <= 900


def test_table_height_fits_the_rows() -> None:
    from workbench.ui.widgets import table_height

    assert table_height(1) == 35 + 35 + 2
    assert table_height(7) == 35 * 8 + 2
    assert table_height(50) == table_height(15)


def test_document_filters_have_no_clear_button(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    """Streamlit shows a clear (×) on a selectbox whose value is None: "All documents" is 0."""
    at = ok(new_app().run())
    assert at.selectbox(key="q_document").value == 0 and at.selectbox(key="q_document").proto.HasField(
        "default"
    )
    ok(at.switch_page("screens/reports.py").run())
    sb = at.selectbox(key="rep_document")
    assert sb.value == 0 and sb.proto.HasField("default") and sb.format_func(0) == "All documents"


def test_sidebar_names_the_database_briefly(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    at = ok(new_app().run())
    (cap,) = at.sidebar.caption
    assert cap.value.endswith("claims\\.db") and "pytest" not in cap.value
    assert ui_store.url in cap.proto.help


def _add_many(store, n: int) -> None:  # type: ignore[no-untyped-def]
    from workbench.documents.types import Document
    from workbench.extract.types import Claim

    text = " ".join(f"{i}%" for i in range(n))
    spans, pos = [], 0
    for i in range(n):
        start = text.index(f"{i}%", pos)
        pos = start + len(f"{i}%")
        spans.append(Claim(start=start, end=pos, text=f"{i}%", value=float(i), unit="percent", sentence="s",
                           checkworthiness=0.3))  # fmt: skip
    with store.sessions.begin() as s:
        service.ingest_document(
            s, Document(text=text, title="Many"), spans, content_hash="many", actor=Actor("t")
        )


def test_queue_pagination(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    _add_many(ui_store, 60)  # 67 claims in all
    at = ok(new_app().run())
    at.selectbox(key="q_page_size").set_value(25).run()
    assert len(ok(at).dataframe[0].value) == 25
    assert at.number_input(key="q_page").max == 3
    assert "1–25 of 67" in all_text(at)
    at.number_input(key="q_page").set_value(3).run()
    assert len(ok(at).dataframe[0].value) == 17
    assert "51–67 of 67" in all_text(at)
    at.multiselect(key="q_unit").set_value(["percent"]).run()  # new filters: back to page 1
    assert ok(at).number_input(key="q_page").value == 1


def test_queue_pages_in_sql(ui_store, new_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import workbench.ui.screens  # noqa: F401  (the package exists, screens are run as scripts)

    seen = []
    real = service.list_claims

    def spy(session, filters, **kw):  # type: ignore[no-untyped-def]
        seen.append(kw)
        return real(session, filters, **kw)

    monkeypatch.setattr(service, "list_claims", spy)
    ok(new_app().run())
    assert seen and seen[-1]["limit"] == 50 and seen[-1]["offset"] == 0


def test_opening_a_claim_keeps_the_queue(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    at = ok(new_app().run())
    at.multiselect(key="q_unit").set_value(["percent"]).run()
    target = claims(ui_store, unit=("percent",))[1].id
    at.selectbox(key="open_claim").set_value(target).run()
    at.button(key="open").click().run()
    ok(at)
    assert at.session_state["claim_id"] == target
    assert at.session_state["queue_filters"].unit == ("percent",)
    assert f"Claim #{target}" in at.header[0].value
    # Next follows the queue: only percent claims
    at.button(key="next").click().run()
    nxt = at.session_state["claim_id"]
    assert nxt != target and claim(ui_store, nxt).unit == "percent"
    at.button(key="prev").click().run()
    assert ok(at).session_state["claim_id"] == target


def test_bulk_actions(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    ids = [c.id for c in claims(ui_store)][:3]
    at = ok(new_app().run())
    at.multiselect(key="bulk_ids").set_value(ids[:2]).run()
    at.selectbox(key="bulk_status").set_value("in_review").run()
    at.button(key="bulk_apply_status").click().run()
    ok(at)
    assert [claim(ui_store, i).status for i in ids[:2]] == ["in_review", "in_review"]
    assert "2 of 2 claims updated" in [t.value for t in at.toast]
    at.multiselect(key="bulk_ids").set_value([ids[2]]).run()
    at.button(key="bulk_not_claim").click().run()
    assert claim(ui_store, ids[2]).status == "not_a_claim"
    at.multiselect(key="bulk_ids").set_value(ids[:2]).run()
    at.text_input(key="bulk_assignee").set_value("maria").run()
    at.button(key="bulk_assign").click().run()
    ok(at)
    assert {claim(ui_store, i).assignee for i in ids[:2]} == {"maria"}
    # attributed to the reviewer named in the sidebar
    with ui_store.reader.begin() as s:
        assert service.claim_history(s, ids[0])[-1].actor == at.session_state["reviewer_name"]


# ------------------------------------------------------------------ review


def test_saving_a_verdict(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    target = claims(ui_store)[0].id
    at = open_review(new_app, target)
    at.text_input(key="reviewer_name").set_value("Ana Reviewer").run()
    at.selectbox(key="verdict").set_value("misleading").run()
    assert any("suggest something the source does not support" in c.value for c in at.caption)
    at.text_area(key="verdict_note").set_value("The institute measured only 40 firms.").run()
    at.button(key="save").click().run()
    ok(at)
    d = claim(ui_store, target)
    assert (d.verdict, d.status, d.verdict_by) == ("misleading", "final", "Ana Reviewer")
    assert [n.body for n in d.notes] == ["The institute measured only 40 firms."]
    assert "Verdict saved: Misleading" in [t.value for t in at.toast]


def test_review_from_query_param_and_first_in_queue(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    target = claims(ui_store)[2].id
    at = new_app()
    at.query_params["claim"] = str(target)
    at.run()
    ok(at.switch_page("screens/review.py").run())
    assert f"Claim #{target}" in at.header[0].value
    at2 = ok(new_app().run())
    ok(at2.switch_page("screens/review.py").run())
    with ui_store.reader.begin() as s:
        top = service.list_claims(s, limit=1).rows[0]
    assert f"Claim #{top.id}" in at2.header[0].value


def test_conflict_keep_my_edit(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    target = claims(ui_store)[0].id
    at = open_review(new_app, target)
    at.selectbox(key="verdict").set_value("accurate").run()
    with ui_store.sessions.begin() as s:  # a colleague gets there first
        service.set_verdict(s, target, "inaccurate", expected_version=1, actor=Actor("bob"))
    at.button(key="save").click().run()
    ok(at)
    d = claim(ui_store, target)
    assert d.verdict == "inaccurate" and d.verdict_by == "bob"  # nothing overwritten
    text = all_text(at)
    assert "Not saved" in text and "bob" in text
    changes = at.dataframe[0].value  # the only table on the review screen
    assert "Inaccurate" in changes.to_string()
    at.button(key="conflict_keep").click().run()
    ok(at)
    d = claim(ui_store, target)
    assert d.verdict == "accurate" and d.version == 3
    assert "Not saved" not in all_text(at)


def test_conflict_reload_discards(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    target = claims(ui_store)[1].id
    at = open_review(new_app, target)
    at.text_input(key="f_metric").set_value("my metric")
    with ui_store.sessions.begin() as s:
        service.update_claim_fields(
            s, target, {"metric": "their metric"}, expected_version=1, actor=Actor("bob")
        )
    at.button(key="save_fields").click().run()
    ok(at)
    assert claim(ui_store, target).metric == "their metric"
    assert "Not saved" in all_text(at)
    at.button(key="conflict_reload").click().run()
    ok(at)
    assert claim(ui_store, target).metric == "their metric"
    assert "Not saved" not in all_text(at)
    assert at.text_input(key="f_metric").value == "their metric"
    # and saving now works against the latest version
    at.selectbox(key="verdict").set_value("accurate").run()
    at.button(key="save").click().run()
    assert claim(ui_store, target).verdict == "accurate"


def test_editing_fields(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    target = claims(ui_store)[0].id
    at = open_review(new_app, target)
    at.text_input(key="f_value").set_value("25")
    at.text_input(key="f_attribution").set_value("Workplace Institute survey")
    at.button(key="save_fields").click().run()
    ok(at)
    d = claim(ui_store, target)
    assert (d.value, d.attribution, d.version) == (25.0, "Workplace Institute survey", 2)
    at.text_input(key="f_value").set_value("twenty-ish")
    at.button(key="save_fields").click().run()
    assert "Value must be a number such as" in all_text(ok(at))
    assert claim(ui_store, target).value == 25.0
    at.text_input(key="f_value").set_value("1.2bn")  # as the app itself writes figures
    at.button(key="save_fields").click().run()
    assert claim(ui_store, ok(at) and target).value == 1.2e9


def test_source_form_keeps_what_was_typed_until_saved(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    target = claims(ui_store)[0].id
    at = open_review(new_app, target)
    at.text_input(key="src_url").set_value("https://ons.example/bulletin")
    at.text_input(key="src_title").set_value("Labour productivity bulletin")
    at.text_area(key="src_excerpt").set_value("Output per hour rose by 1.2bn")
    at.text_input(key="src_value").set_value("1.2 bilion")  # a typo: refused, nothing lost
    at.button(key="add_source").click().run()
    text = all_text(ok(at))
    assert "must be a number such as" in text and "1.2bn" in text
    assert claim(ui_store, target).sources == []
    assert at.text_input(key="src_title").value == "Labour productivity bulletin"
    assert at.text_area(key="src_excerpt").value == "Output per hour rose by 1.2bn"
    at.text_input(key="src_value").set_value("$1.2 billion")
    at.button(key="add_source").click().run()
    (src,) = claim(ui_store, ok(at) and target).sources
    assert (src.title, src.source_value) == ("Labour productivity bulletin", 1.2e9)
    assert at.text_input(key="src_title").value == "" and at.text_input(key="src_value").value == ""


def test_adding_a_source_and_a_note(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    target = claims(ui_store)[0].id
    at = open_review(new_app, target)
    at.text_input(key="src_url").set_value("https://institute.example/report")
    at.text_input(key="src_title").set_value("Four-day week pilot")
    at.text_input(key="src_value").set_value("22")
    at.selectbox(key="src_stance").set_value("contradicts")
    at.button(key="add_source").click().run()
    ok(at)
    (src,) = claim(ui_store, target).sources
    assert (src.url, src.source_value, src.stance) == (
        "https://institute.example/report",
        22.0,
        "contradicts",
    )
    assert "Four" in all_text(at)
    at.text_input(key="src_url").set_value("javascript:alert(1)")
    at.button(key="add_source").click().run()
    assert "must start with http" in all_text(ok(at))
    assert len(claim(ui_store, target).sources) == 1
    at.text_area(key="note_body").set_value("Asked the institute for the raw data.")
    at.button(key="add_note").click().run()
    ok(at)
    assert [n.body for n in claim(ui_store, target).notes] == ["Asked the institute for the raw data."]


def test_hostile_document_is_shown_as_text(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    target = next(c.id for c in claims(ui_store) if c.text == "3 claims")
    at = open_review(new_app, target)
    html = "\n".join(m.value for m in at.markdown if "wb-doc" in m.value)
    assert "&lt;script&gt;" in html and "<script" not in html
    assert "javascript:" not in html and "](" not in html
    # and on the Documents page
    at.switch_page("screens/documents.py").run()
    at.selectbox(key="document").set_value(claim(ui_store, target).document_id).run()
    html = "\n".join(m.value for m in ok(at).markdown if "wb-doc" in m.value)
    assert "&lt;script&gt;" in html and "<script" not in html and "javascript:" not in html


# ------------------------------------------------------------------ documents


@pytest.fixture
def fake_extractor(monkeypatch):  # type: ignore[no-untyped-def]
    """Ingest needs an extractor; use a trivial one so these tests do not move with extraction."""
    import re

    from workbench.extract.types import Claim
    from workbench.store import ingest

    def extract(text: str) -> list[Claim]:
        return [Claim(start=m.start(), end=m.end(), text=m.group(), value=float(m.group(1)), unit="percent",
                      sentence=text) for m in re.finditer(r"(\d+)%", text)]  # fmt: skip

    monkeypatch.setattr(ingest, "extract_claims", extract)


def test_paste_a_document(ui_store, new_app, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    at = ok(new_app().switch_page("screens/documents.py").run())
    at.text_input(key="paste_title").set_value("Budget story").run()
    at.text_area(key="paste_text").set_value("Spending rose 12% and taxes 3%.").run()
    at.button(key="ingest_paste").click().run()
    ok(at)
    assert "Added 1 document with 2 claims" in all_text(at)
    with ui_store.reader.begin() as s:
        docs = service.list_documents(s)
    assert docs[0].title == "Budget story" and docs[0].claim_count == 2
    at.text_area(key="paste_text").set_value("   ").run()
    at.button(key="ingest_paste").click().run()
    assert "is empty" in all_text(ok(at))


def test_upload_handler_good_and_bad_file(ui_store, fake_extractor) -> None:  # type: ignore[no-untyped-def]
    from workbench.ui.uploads import ingest_items, load_uploads

    items = load_uploads(
        [("good.txt", b"Prices rose 7%."), ("bad.txt", b"\xff\x00\xfe\x81")], max_bytes=10_000
    )
    summary = ingest_items(ui_store, items, actor=Actor("t"))
    assert summary.new == 1 and summary.claims_added == 1
    assert [name for name, _ in summary.errors] == ["bad.txt"] and summary.errors[0][1]


def test_documents_progress_and_delete_confirmation(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    first = claims(ui_store)[0]
    with ui_store.sessions.begin() as s:
        service.set_verdict(s, first.id, "accurate", expected_version=1, actor=Actor("t"))
    at = ok(new_app().switch_page("screens/documents.py").run())
    at.selectbox(key="document").set_value(first.document_id).run()
    assert "1 of 4" in "".join(str(p.proto.text) for p in ok(at).get("progress"))
    table = at.dataframe[0].value
    assert "1 of 4 reviewed" in list(table["Progress"])
    at.button(key="delete_doc").click().run()
    assert "cannot be undone" in all_text(ok(at))
    with ui_store.reader.begin() as s:
        assert len(service.list_documents(s)) == 2  # not deleted before confirming
    at.button(key="confirm_delete").click().run()
    ok(at)
    with ui_store.reader.begin() as s:
        assert [d.id for d in service.list_documents(s)] != [] and first.document_id not in [
            d.id for d in service.list_documents(s)
        ]


def test_delete_can_be_cancelled(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    at = ok(new_app().switch_page("screens/documents.py").run())
    at.button(key="delete_doc").click().run()
    at.button(key="cancel_delete").click().run()
    ok(at)
    assert "cannot be undone" not in all_text(at)
    with ui_store.reader.begin() as s:
        assert len(service.list_documents(s)) == 2


# ------------------------------------------------------------------ reports


def test_reports_downloads_present(ui_store, new_app) -> None:  # type: ignore[no-untyped-def]
    target = claims(ui_store)[0].id
    with ui_store.sessions.begin() as s:
        service.set_verdict(s, target, "accurate", expected_version=1, actor=Actor("t"))
    at = ok(new_app().switch_page("screens/reports.py").run())
    keys = {e.proto.id for e in at.get("download_button")}
    assert all(any(k in i for i in keys) for k in ("dl_csv", "dl_claimreview", "dl_markdown")), keys
    assert "1 of 7" in "".join(str(p.proto.text) for p in at.get("progress"))
    at.multiselect(key="rep_verdict").set_value(["accurate"]).run()
    assert "1 of 1" in "".join(str(p.proto.text) for p in ok(at).get("progress"))


# ------------------------------------------------------------------ add a missed claim


def test_add_a_missed_claim(ui_store, new_app, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import workbench.extract as extract
    from workbench.extract.types import Claim

    def parse_span(text: str, start: int, end: int) -> Claim:
        return Claim(
            start=start, end=end, text=text[start:end], value=62.0, unit="percent", sentence=text[:40]
        )

    monkeypatch.setattr(extract, "parse_span", parse_span, raising=False)
    doc_id = claims(ui_store)[0].document_id
    at = ok(new_app().switch_page("screens/add_claim.py").run())
    at.selectbox(key="add_doc").set_value(doc_id).run()
    at.text_input(key="span_text").set_value("four-day").run()
    assert "How it will be read" in all_text(ok(at))
    at.button(key="save_claim").click().run()
    ok(at)
    manual = [c for c in claims(ui_store, document_id=doc_id) if c.text == "four-day"]
    assert len(manual) == 1
    at.button(key="open_new_claim").click().run()
    assert f"Claim #{manual[0].id}" in ok(at).header[0].value
