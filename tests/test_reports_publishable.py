"""Reports fit to publish, read as a reader meets them: every page of the national, a trust and the proposals PDF
rendered and read back, key findings on the first page, a figure re-derived from the spreadsheet alone, full text,
one spelling per issuing body, the proposals report's target and caveat, the phone-width HTML, Word in LibreOffice.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import shutil
import subprocess
import zipfile
from pathlib import Path

import openpyxl
import pdfplumber
import pytest

from audit.proposals import actionable
from audit.scenarios import Scenario
from audit.stock import financial_year_label
from catalogue.dataset import load_default_catalogue
from reports import builders, documents
from reports import formatting as fmt

TODAY = dt.date(2026, 11, 24)
TRUST = "Cheshire Probation Trust"
# Internal material a reader must never meet: setting keys and codes, proposal ids, our paths, working words.
SNAKE_CASE = re.compile(r"\b[a-z]+_[a-z_]+\b")
PROPOSAL_ID = re.compile(r"\b(?:remove|reduce|simplify|devolve|replace|merge|retain):[A-Z0-9]")
INTERNAL = re.compile(r"/work/|/tmp/|\.py\b|UNVERIFIED|OCR of", re.IGNORECASE)
FEWEST_WORDS = 40  # a page with fewer words in its body than this is near-empty


@pytest.fixture(scope="module")
def ctx() -> builders.ReportContext:
    return builders.prepare(load_default_catalogue(), None, TODAY)


@pytest.fixture(scope="module")
def scenario(ctx: builders.ReportContext) -> Scenario:
    ids = actionable(ctx.result.proposals)["id"].tolist()
    decisions = {ids[0]: "accepted", ids[1]: "rejected", ids[2]: "accepted"}
    return Scenario(name="First review", description="", created_by="reviewer", created_at="2011-01-10",
                    decisions=decisions)  # fmt: skip


@pytest.fixture(scope="module")
def reports(ctx: builders.ReportContext, scenario: Scenario) -> dict:
    return {
        "national": builders.national_report(ctx),
        "trust": builders.trust_report(ctx, TRUST),
        "proposals": builders.proposals_report(ctx, scenario),
    }


@pytest.fixture(scope="module")
def pdfs(reports: dict) -> dict[str, bytes]:
    return {name: documents.render(report, "pdf") for name, report in reports.items()}


@pytest.mark.parametrize("name", ["national", "trust", "proposals"])
def test_every_page_renders_and_reads_clean(pdfs: dict[str, bytes], name: str, tmp_path: Path) -> None:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdfs[name])
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(path), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.png"))
    problems: list[str] = []
    with pdfplumber.open(path) as pdf:
        assert len(images) == len(pdf.pages)
        for number, page in enumerate(pdf.pages, 1):
            text = page.extract_text() or ""
            words = page.extract_words()
            outside = [
                w["text"] for w in words if w["x0"] < 0 or w["x1"] > page.width + 0.5 or w["bottom"] > page.height
            ]
            body = [w for w in words if 60 < w["top"] < page.height - 50]  # without running header and footer
            if outside:
                problems.append(f"page {number}: text cut off at the edge: {outside[:5]}")
            if "…" in text:
                problems.append(f"page {number}: text shortened with '…'")
            if number > 1 and len(body) < FEWEST_WORDS:
                problems.append(f"page {number}: near-empty ({len(body)} words)")
            for pattern, what in ((SNAKE_CASE, "raw code"), (PROPOSAL_ID, "proposal id"), (INTERNAL, "internal")):
                found = sorted(set(pattern.findall(text)))
                if found:
                    problems.append(f"page {number}: {what} {found[:5]}")
    assert not problems, "\n".join(problems)


def test_every_chart_of_the_reports_is_a_valid_vega_lite_spec(reports: dict) -> None:
    """The reports build their specs without validating them (it took a fifth of building one): checked here."""
    from altair.utils.schemapi import validate_jsonschema
    from altair.vegalite.v6.schema.core import load_schema

    schema = load_schema()
    specs = [c.spec for report in reports.values() for c in report.charts()]
    assert len(specs) >= 8
    for spec in specs:
        validate_jsonschema(spec, schema)


def test_the_first_page_carries_the_key_findings(pdfs: dict[str, bytes], ctx: builders.ReportContext) -> None:
    with pdfplumber.open(io.BytesIO(pdfs["national"])) as pdf:
        first = " ".join((pdf.pages[0].extract_text() or "").split())
    unc = ctx.result.uncertainty.national["cost"]
    headline = fmt.interval(ctx.result.national["cost_central"], unc["p05"], unc["p95"])
    assert "Key findings" in first
    assert headline in first  # e.g. '£62 m (90% interval £57–74 m)'
    assert "Prescribed practice with offenders is costed apart" in first
    assert "of the burden's hours rest on at least one estimated figure" in first
    assert "The three heaviest requirements" in first
    assert "Accepting every proposal would release" in first


def test_recommendations_each_name_who_should_act(reports: dict) -> None:
    for report in reports.values():
        owners = [r.owner for r in report.recommendations]
        assert owners and all(owners)
        assert {"Ministry (NOMS)", "Trusts", "Association"} <= set(owners)


def test_interval_is_rounded_as_publications_round() -> None:
    assert fmt.interval(200_757_352, 150_312_000, 259_734_000) == "£201 m (90% interval £150–260 m)"
    assert fmt.interval(1_834_000, 1_612_000, 2_123_000) == "£1.8 m (90% interval £1.6–2.1 m)"


def _sheet_rows(workbook: openpyxl.Workbook, title: str) -> list[dict]:
    sheet = workbook[title]
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    if "Total" in rows[-1]:  # a table that adds up ends with its totals row: not one of the table's rows
        rows = rows[:-1]
    return [dict(zip(header, r, strict=False)) for r in rows[1:] if any(v is not None for v in r)]


def test_a_spreadsheet_alone_re_derives_a_requirement_in_a_trust(reports: dict) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(documents.render(reports["trust"], "xlsx")))
    inputs = _sheet_rows(workbook, "inputs")
    assert len(inputs) > 10 and {r["Trust"] for r in inputs} == {TRUST}
    heaviest = max(inputs, key=lambda r: r["Hours (central)"])
    occurrences = heaviest["Occurrences per unit"] * heaviest["Volume"]
    hours = occurrences * heaviest["Minutes (central)"] / 60 * (1 - heaviest["Business-as-usual share"])
    cost = hours * heaviest["Hourly tariff"] * (1 + heaviest["Overhead rate"])
    assert occurrences == pytest.approx(heaviest["Occurrences a year"])
    # ... and the figures match those the report prints for that requirement in that trust.
    table = next(t for t in reports["trust"].tables() if t.key == "trust_requirements")
    row = table.frame[table.frame["requirement"] == heaviest["Requirement"]].iloc[0]
    assert fmt.hours(hours) == fmt.hours(row["hours_central"])
    assert fmt.money(cost) == fmt.money(row["cost_central"])
    for needed in ("Driver", "Staff grade", "Minutes (low)", "Minutes (high)", "Productive hours", "Provenance"):
        assert heaviest[needed] not in (None, "")


def test_spreadsheets_hold_the_full_text(reports: dict, ctx: builders.ReportContext) -> None:
    texts = {r.id: " ".join(r.text.split()) for r in ctx.catalogue.requirements}
    workbook = openpyxl.load_workbook(io.BytesIO(documents.render(reports["national"], "xlsx")))
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows(values_only=True):
            assert not any(isinstance(v, str) and "…" in v for v in row), sheet.title
    archive = zipfile.ZipFile(io.BytesIO(documents.render(reports["national"], "csv")))
    assert not any("…" in archive.read(n).decode("utf-8-sig") for n in archive.namelist())
    requirements = _sheet_rows(workbook, "requirements")
    assert all(" ".join(r["Requirement text"].split()) == texts[r["Requirement"]] for r in requirements)


def test_each_issuing_body_is_one_row(reports: dict) -> None:
    table = next(t for t in reports["national"].tables() if t.key == "by_issuer")
    groups = table.frame["group"].tolist()
    assert len(groups) == len(set(groups))
    assert not any(g.startswith("NOMS") or g.endswith("NPD") for g in groups)


def test_the_burden_through_time_stops_at_the_audit_year(reports: dict, ctx: builders.ReportContext) -> None:
    table = next(t for t in reports["national"].tables() if t.key == "stock_and_flow")
    assert table.frame["year"].iloc[-1] == financial_year_label(ctx.policy.audit_date)
    assert int(table.frame["stock_end"].iloc[0]) > 0 or int(table.frame["added"].iloc[0]) > 0


def test_the_proposals_report_says_whether_the_target_is_met_with_reasons_and_the_rules_date(reports: dict) -> None:
    report = reports["proposals"]
    words = " ".join(report.summary + report.findings)
    assert "misses the 25% reduction target" in words or "meets the 25% reduction target" in words
    assert "The one-in-two-out rule dates from January 2013" in words
    decisions = next(t for t in report.tables() if t.key == "decisions").frame
    rejected = decisions[decisions["decision"] == "rejected"].iloc[0]
    assert rejected["reason"] == "no reason recorded" and rejected["owner"]
    assert rejected["label"].startswith(("Remove", "Reduce", "Simplify", "Devolve", "Replace", "Merge"))


def test_the_report_has_scope_glossary_and_a_worked_example(reports: dict) -> None:
    national = reports["national"]
    keys = [s.key for s in national.all_sections()]
    assert {"scope", "glossary", "method", "uncertainty"} <= set(keys)
    method = next(s for s in national.appendix if s.key == "method")
    example = next(b for b in method.blocks if getattr(b, "title", "").startswith("Worked example"))
    assert any(item.startswith("hours = ") for item in example.items)


@pytest.mark.browser
def test_the_html_report_reads_at_phone_width(page, reports: dict) -> None:
    page.set_viewport_size({"width": 360, "height": 740})
    page.set_content(documents.render(reports["national"], "html").decode("utf-8"))
    # Nothing but a scrollable table or chart may reach past the screen: the page itself never scrolls sideways.
    width, outside = page.evaluate(
        """() => [document.documentElement.scrollWidth, [...document.querySelectorAll('body *')]
            .filter(e => !e.closest('.table-wrap') && !e.closest('figure.chart .svg'))
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.className)]"""
    )
    assert width <= 360 and outside == []


def test_the_word_document_converts_in_libreoffice(reports: dict, tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    source = tmp_path / "trust.docx"
    source.write_bytes(documents.render(reports["trust"], "docx"))
    subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
         "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    with pdfplumber.open(tmp_path / "trust.pdf") as pdf:
        text = " ".join((p.extract_text() or "") for p in pdf.pages)
        assert len(pdf.pages) > 3
    assert "Key findings" in text and "Recommendations" in text
    assert "Requiremen ts" not in text


def test_trusts_that_differ_only_by_size_are_not_ranked() -> None:
    from audit_fixtures import trust, two_trust_catalogue

    # B is A twice over: the same figures per offender, so a ranking would only order them by rounding.
    base = two_trust_catalogue()
    scaled = base.model_copy(
        update={
            "trusts": [
                trust("A", 1000, 400, 300, {"po": 40, "pso": 20}),
                trust("B", 2000, 800, 600, {"po": 80, "pso": 40}),
            ],
            "local_measurements": [],
        }
    )
    ctx = builders.prepare(scaled, None, TODAY)
    national = builders.national_report(ctx)
    words = " ".join(p.text for s in national.sections for p in s.blocks if hasattr(p, "text"))
    assert "size only" in words
    ranking = next(t for t in national.tables() if t.key == "trusts")
    assert "rank" not in (ranking.document_columns or [])
    trust_report = builders.trust_report(ctx, "B")
    assert "heaviest of" not in " ".join(k.detail for k in trust_report.key_figures)
    assert "not ranked: size only" in [k.detail for k in trust_report.key_figures]


def test_the_workbook_ends_a_table_with_its_totals_row(reports: dict, ctx: builders.ReportContext) -> None:
    workbook = openpyxl.load_workbook(io.BytesIO(documents.render(reports["national"], "xlsx")))
    sheet = workbook["trusts"]
    header = [c.value for c in sheet[1]]
    last = [c for c in sheet[sheet.max_row]]
    assert last[header.index("Trust")].value == "England and Wales"
    assert last[header.index("Trust")].font.bold
    assert last[header.index("Hours a year")].value == pytest.approx(ctx.result.national["hours_central"])
    assert sheet.max_row == len(ctx.trusts) + 2  # header, one row per trust, the total
    assert sheet.auto_filter.ref.endswith(str(len(ctx.trusts) + 1))  # sorting leaves the total where it is


def test_every_policy_setting_has_words_in_the_label_file() -> None:
    from audit.policy import Policy, describe_policy
    from reports import tables as tb

    labels = tb._csv_map("settings.csv", "setting", "label")
    missing = [row["setting"] for row in describe_policy(Policy()) if row["setting"] not in labels]
    assert not missing, f"add a label to reports/data/settings.csv for: {', '.join(missing)}"


def test_every_report_states_what_its_figures_rest_on_and_the_national_report_follows_the_burden_through_time():
    from audit.policy import Policy
    from catalogue.dataset import load_default_catalogue
    from reports import builders

    ctx = builders.prepare(load_default_catalogue(), Policy(), dt.date(2026, 12, 1))
    national = builders.national_report(ctx)
    trust = builders.trust_report(ctx, "Kent Probation Trust")
    for report in (national, trust):
        assert any(line.startswith("What the figures rest on:") and "estimated" in line for line in report.summary)
    assert "burden_through_time" in {c.key for c in national.charts()}
