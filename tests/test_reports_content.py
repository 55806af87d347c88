"""The three reports' content: hand-computed totals, fingerprints, escaping, and every format read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile

import openpyxl
import pandas as pd
import pytest
from audit_fixtures import two_trust_catalogue
from docx import Document
from pypdf import PdfReader

from audit.policy import Policy
from audit.scenarios import Scenario
from catalogue.models import LocalMeasurement, Provenance, ProvenanceKind
from reports import builders, documents
from reports import tables as tb
from reports.fingerprint import fingerprint
from reports.model import Table

TODAY = dt.date(2026, 11, 24)


@pytest.fixture(scope="module")
def ctx() -> builders.ReportContext:
    return builders.prepare(two_trust_catalogue(), Policy(), TODAY)


def _pdf_text(data: bytes) -> str:
    return " ".join(" ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(data)).pages)


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    parts = [p.text for p in doc.paragraphs]
    parts += [c.text for t in doc.tables for r in t.rows for c in r.cells]
    return " ".join(" ".join(parts).split())


# --- hand-computed figures (tests/audit_fixtures.py docstring) --------------------------------------


def test_national_report_carries_the_hand_computed_totals(ctx: builders.ReportContext) -> None:
    report = builders.national_report(ctx)
    values = {k.label: k.value for k in report.key_figures}
    assert values["Hours a year"] == "1,428 h"
    assert values["Cost a year"] == "£35,100"
    assert "an administrative burden of £35,000 (90% interval" in report.summary[0]
    assert "costing £35,100 a year" in report.summary[0]
    ranking = next(t for t in report.tables() if t.key == "trusts")
    assert ranking.frame["trust"].tolist() == ["A", "B"]  # A: 0.554 h per offender, B: 0.437
    assert ranking.formatted_total()[2] == "1,428 h"


def test_trust_report_carries_the_trusts_figures(ctx: builders.ReportContext) -> None:
    report = builders.trust_report(ctx, "A")
    values = {k.label: k.value for k in report.key_figures}
    assert values["Hours a year"] == "554 h"
    assert values["Cost a year"] == "£13,550"
    assert "1st heaviest of 2 trusts" in [k.detail for k in report.key_figures]
    figures = next(t for t in report.tables() if t.key == "trust_figures").formatted()
    assert figures.iloc[0].tolist() == ["Recurring hours a year", "554 h", "375 h", "1,078 h", "1,428 h"]


def test_local_measurements_sit_beside_the_national_estimate(ctx: builders.ReportContext) -> None:
    # Trust B measured R1 at 12 minutes: 4,000 occurrences -> 800 h, against 15 minutes -> 1,000 h nationally.
    table = tb.local_measurements(ctx.result, ctx.national_only(), "B")
    row = table.frame.iloc[0]
    assert row["requirement"] == "R1"
    assert row["own_minutes"] == 12 and row["minutes_central_national"] == 15
    assert row["hours_central"] == pytest.approx(800) and row["hours_central_national"] == pytest.approx(1000)
    assert row["difference_hours"] == pytest.approx(-200)
    assert tb.local_measurements(ctx.result, ctx.national_only(), "A").frame.empty


def test_unknown_trust_is_named_in_the_error(ctx: builders.ReportContext) -> None:
    with pytest.raises(builders.UnknownTrust, match="no trust called 'Z'"):
        builders.trust_report(ctx, "Z")


def test_trust_names_resolve_without_the_suffix() -> None:
    cat = two_trust_catalogue()
    cat = cat.model_copy(
        update={"trusts": [t.model_copy(update={"name": f"{t.name}x Probation Trust"}) for t in cat.trusts]}
    )
    context = builders.prepare(cat, Policy(), TODAY)
    assert builders.resolve_trust(context, "ax") == "Ax Probation Trust"
    assert builders.resolve_trust(context, "BX PROBATION TRUST") == "Bx Probation Trust"


def test_estimate_share_counts_the_figures(ctx: builders.ReportContext) -> None:
    counts = tb.estimate_counts(ctx.result).set_index("figures")
    # R1's minutes are an estimate; every frequency is cited; each trust's reports figure is an estimate.
    assert counts.loc["Requirement minutes", ["count", "estimates"]].tolist() == [3, 1]
    assert counts.loc["Requirement frequencies", ["count", "estimates"]].tolist() == [3, 0]
    assert counts.loc["Trust volumes and staff", ["count", "estimates"]].tolist() == [8, 2]
    assert counts.loc["Trust volumes and staff", "count"] == 8
    one_trust = tb.estimate_counts(ctx.result, "A").set_index("figures")
    assert one_trust.loc["Trust volumes and staff", ["count", "estimates"]].tolist() == [4, 1]
    assert 0 < tb.estimate_share(ctx.result) < 1


def test_policy_appendix_lists_every_value_with_its_source(ctx: builders.ReportContext) -> None:
    report = builders.national_report(ctx)
    policy = next(t for t in report.tables() if t.key == "policy")
    names = set(Policy.model_fields) - {"provenance"}
    assert set(policy.frame["setting"]) == {tb.setting_label(n) for n in names}
    assert not any("_" in s for s in policy.frame["setting"])  # words, never the setting's key
    assert policy.frame["source"].str.len().min() > 0
    assert set(policy.frame["basis"]) <= {"cited", "derived", "estimate"}


def test_policy_appendix_shows_values_in_words_and_each_basis_as_its_provenance_kind() -> None:
    derived = Provenance(kind=ProvenanceKind.DERIVED, rationale="an average of the grades' own figures")
    policy = Policy().model_copy(update={"provenance": {**Policy().provenance, "overhead_rate": derived}})
    report = builders.national_report(builders.prepare(two_trust_catalogue(), policy, TODAY))
    rows = next(t for t in report.tables() if t.key == "policy").frame.set_index("setting")
    overhead, grades = rows.loc[tb.setting_label("overhead_rate")], rows.loc[tb.setting_label("direct_contact_grades")]
    assert overhead["value"] == "25%" and overhead["basis"] == "derived"  # a derived value is never "cited"
    assert grades["value"] == "PO, PSO"  # the catalogue's grade names, not codes
    assert rows.loc[tb.setting_label("audit_date"), "value"] == "31 March 2011"


# --- fingerprint ---------------------------------------------------------------------------------------


def test_fingerprint_is_stable_and_changes_with_the_data() -> None:
    cat = two_trust_catalogue()
    same = fingerprint(cat, Policy())
    assert same == fingerprint(two_trust_catalogue(), Policy())
    shuffled = cat.model_copy(update={"requirements": list(reversed(cat.requirements))})
    assert fingerprint(shuffled, Policy()) == same
    changed = cat.model_copy(deep=True)
    changed.requirements[0] = changed.requirements[0].model_copy(update={"minutes_central": 16})
    assert fingerprint(changed, Policy()) != same
    assert fingerprint(cat, Policy().with_values(actor="t", overhead_rate=0.3)) != same
    assert fingerprint(cat, Policy(), {"remove:R2": "accepted"}) != same


def test_same_inputs_give_the_same_tables() -> None:
    first = builders.national_report(builders.prepare(two_trust_catalogue(), Policy(), TODAY))
    second = builders.national_report(builders.prepare(two_trust_catalogue(), Policy(), TODAY))
    assert first.fingerprint == second.fingerprint
    for a, b in zip(first.tables(), second.tables(), strict=True):
        pd.testing.assert_frame_equal(a.data, b.data)
    assert documents.render(first, "csv") == documents.render(second, "csv")


# --- proposals report: decisions, comments, escaping -------------------------------------------------


EVIL = "<script>alert('x')</script>"


@pytest.fixture(scope="module")
def proposals(ctx: builders.ReportContext):
    scenario = Scenario(
        "Spring", "First pass.", "ann", "2026-11-01", {"remove:R2": "accepted", "devolve:R4": "rejected"}
    )
    reviews = [
        {"proposal_id": "devolve:R4", "scenario": "Spring", "decision": "reject", "reviewer": "ann",
         "comment": f"{EVIL} keep it", "decided_at": "2026-11-02T10:00:00"},
        {"proposal_id": "remove:R2", "scenario": None, "decision": "accept", "reviewer": "bob",
         "comment": "=HYPERLINK(\"http://x\")", "decided_at": "2026-11-03T10:00:00"},
        {"proposal_id": "remove:R2", "scenario": "Other", "decision": "reject", "reviewer": "cy",
         "comment": "not this scenario", "decided_at": "2026-11-03T10:00:00"},
    ]  # fmt: skip
    return builders.proposals_report(ctx, scenario, builders.reviews_for(reviews, "Spring"))


def test_proposals_report_has_decisions_savings_and_one_in_two_out(proposals) -> None:
    # Accepting remove:R2 saves R2 entirely: 48 h, £600 a year nationally (its cost at 25% overhead).
    values = {k.label: k.value for k in proposals.key_figures}
    assert values["Hours released"] == "48 h"
    assert values["Saving a year"] == "£600"
    assert values["Decisions"] == "1 accepted"
    decisions = next(t for t in proposals.tables() if t.key == "decisions").frame.set_index("id")
    assert decisions.loc["remove:R2", "decision"] == "accepted"
    assert decisions.loc["devolve:R4", "decision"] == "rejected"
    assert "not this scenario" not in " ".join(decisions["comments"])
    assert "One-in-two-out" in values
    assert proposals.fingerprint != builders.national_report(builders.prepare(two_trust_catalogue())).fingerprint


def test_comments_are_inert_in_html_pdf_xlsx_and_csv(proposals) -> None:
    html = documents.render(proposals, "html").decode()
    assert EVIL not in html and "&lt;script&gt;" in html and "<script" not in html
    assert EVIL in _pdf_text(documents.render(proposals, "pdf"))  # printed as text
    book = openpyxl.load_workbook(io.BytesIO(documents.render(proposals, "xlsx")))
    cells = [c for row in book["decisions"].iter_rows(values_only=True) for c in row if isinstance(c, str)]
    assert not any(c.startswith(("=", "+", "-", "@")) for c in cells)
    assert any("HYPERLINK" in c for c in cells)
    archive = zipfile.ZipFile(io.BytesIO(documents.render(proposals, "csv")))
    name = next(n for n in archive.namelist() if n.endswith("_decisions.csv"))
    for row in csv.reader(io.StringIO(archive.read(name).decode("utf-8-sig"))):
        assert not any(cell.startswith(("=", "+", "@")) for cell in row)


# --- every format read back -----------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_trust_report_documents_name_the_trust_and_its_totals(fmt: str) -> None:
    cat = two_trust_catalogue()
    cat = cat.model_copy(update={"trusts": [t.model_copy(update={"name": f"Trust {t.name}"}) for t in cat.trusts]})
    cat.local_measurements[0] = LocalMeasurement(
        trust="Trust B", requirement="R1", minutes=12, recorded_on=dt.date(2011, 2, 1)
    )
    context = builders.prepare(cat, Policy(), TODAY)
    data = documents.render(builders.trust_report(context, "Trust A"), fmt)
    text = {"pdf": _pdf_text, "docx": _docx_text, "html": lambda d: d.decode()}[fmt](data)
    assert "Trust A: burden of central directives" in text
    for figure in ("554 h", "£13,550", "1,428 h", TODAY.strftime("%d %B %Y"), context.fingerprint):
        assert figure in text, figure


def test_xlsx_and_csv_hold_every_row_of_every_table(ctx: builders.ReportContext) -> None:
    report = builders.national_report(ctx)
    book = openpyxl.load_workbook(io.BytesIO(documents.render(report, "xlsx")))
    archive = zipfile.ZipFile(io.BytesIO(documents.render(report, "csv")))
    from reports.render_tables import csv_file_names, sheet_names

    sheets, files = sheet_names(report.tables()), csv_file_names(report.tables())
    for table in report.tables():
        rows = list(book[sheets[table.key]].iter_rows(values_only=True))
        assert list(rows[0]) == [c.label for c in table.columns]
        assert len(set(rows[0])) == len(rows[0]), f"{table.key}: two columns share a heading"
        total = 1 if table.spreadsheet_total() is not None else 0  # the workbook adds the totals row below the data
        assert len(rows) - 1 == len(table.frame) + total, table.key
        read = pd.read_csv(io.BytesIO(archive.read(files[table.key])))
        assert list(read.columns) == [c.key for c in table.columns]
        assert len(read) == len(table.frame), table.key
    trusts = list(book[sheets["trusts"]].iter_rows(values_only=True))
    hours = [c.label for c in next(t for t in report.tables() if t.key == "trusts").columns].index("Hours a year")
    assert sum(r[hours] for r in trusts[1:-1]) == pytest.approx(1428)
    assert trusts[-1][hours] == pytest.approx(1428)  # the totals row


def test_document_window_shows_the_trust_and_its_neighbours() -> None:
    frame = pd.DataFrame({"x": list(range(10))})
    from reports.model import Column

    table = Table("t", "T", frame, [Column("x", "X", "x", "int")], document_index=[3, 4, 5])
    assert table.formatted()["X"].tolist() == ["3", "4", "5"]
    assert table.truncated and len(table.data) == 10


def test_all_trusts_zip_holds_one_report_per_trust(ctx: builders.ReportContext) -> None:
    from reports.batch import trust_reports_zip

    seen: list[tuple[str, int, int]] = []
    data = trust_reports_zip(ctx, "html", on_done=lambda trust, done, total: seen.append((trust, done, total)))
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.namelist() == ["trust-report-a.html", "trust-report-b.html"]
    assert "874 h" in archive.read("trust-report-b.html").decode()  # B: 874 central hours
    assert seen == [("A", 1, 2), ("B", 2, 2)]
