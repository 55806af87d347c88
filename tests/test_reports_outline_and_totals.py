"""The Word outline has three heading levels, and every spreadsheet table that adds up ends with its totals row."""

from __future__ import annotations

import datetime as dt
import io
import itertools

import openpyxl
import pytest
from docx import Document

from catalogue.dataset import load_default_catalogue
from reports import builders, documents
from reports.model import Chart, Table
from reports.render_tables import sheet_names

TODAY = dt.date(2026, 11, 24)
TRUST = "Cheshire Probation Trust"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
# The sheets that had no totals row, and must now end with one.
NATIONAL_TOTALLED = {"requirements", "by_directive", "by_issuer", "by_purpose", "by_outcome", "by_activity"}
TRUST_TOTALLED = {"trust_requirements", "inputs"}


@pytest.fixture(scope="module")
def reports() -> dict:
    ctx = builders.prepare(load_default_catalogue(), None, TODAY)
    return {"national": builders.national_report(ctx), "trust": builders.trust_report(ctx, TRUST)}


def _headings(report) -> list[tuple[str, str]]:
    """The document's headings in order, as (text, style name)."""
    doc = Document(io.BytesIO(documents.render(report, "docx")))
    return [(p.text, p.style.name) for p in doc.paragraphs if p.style is not None and p.style.name.startswith("Head")]


def _levels(report) -> dict[str, str]:
    return dict(_headings(report))


@pytest.mark.parametrize("kind", ["national", "trust"])
def test_word_titles_sections_and_table_titles_are_headings_1_2_and_3(reports, kind) -> None:
    report = reports[kind]
    levels = _levels(report)
    assert levels[report.title] == "Heading 1"
    assert levels["1. " + report.sections[0].title] == "Heading 2"
    titled = [b.title for s in report.all_sections() for b in s.blocks if isinstance(b, (Table, Chart))]
    shown = [b.title for s in report.all_sections() for b in s.blocks if isinstance(b, Chart) or
             (isinstance(b, Table) and b.in_documents)]  # fmt: skip
    assert titled and all(levels[t] == "Heading 3" for t in shown)
    # No level skipped: every Heading 3 follows a Heading 2 or 3, every Heading 2 a heading.
    order = [int(name[-1]) for _, name in _headings(report)]
    assert order[0] == 1 and order.count(1) == 1 and all(b <= a + 1 for a, b in itertools.pairwise(order))


def test_the_national_outline_has_the_titles_the_brief_names(reports) -> None:
    levels = _levels(reports["national"])
    assert levels["Hours a year in every trust"] == "Heading 3"
    assert levels["The burden by purpose"] == "Heading 3"


def test_the_contents_field_lists_the_sections_below_the_title(reports) -> None:
    report = reports["national"]
    doc = Document(io.BytesIO(documents.render(report, "docx")))
    instructions = [t.text for t in doc.element.body.iter(f"{W}instrText") if t.text.strip().startswith("TOC")]
    assert instructions and '\\o "2-2"' in instructions[0]
    # Before Word or LibreOffice updates it, the field already shows what the update will list.
    contents = next(p for p in doc.paragraphs if "Executive summary" in p.text and p.style.name == "Normal")
    lines = contents.text.split("\n")
    assert lines[:2] == ["Key findings", "Executive summary"]
    assert "1. " + report.sections[0].title in lines and "Hours a year in every trust" not in lines
    assert next(p for p in doc.paragraphs if p.text == "Contents").style.name == "TOC Heading"  # not listed itself


def _sheet(book, name: str) -> list[tuple]:
    return list(book[name].iter_rows(values_only=True))


@pytest.mark.parametrize(("kind", "expected"), [("national", NATIONAL_TOTALLED), ("trust", TRUST_TOTALLED)])
def test_each_table_that_adds_up_ends_with_a_total_of_its_column_sums(reports, kind, expected) -> None:
    report = reports[kind]
    book = openpyxl.load_workbook(io.BytesIO(documents.render(report, "xlsx")))
    names = sheet_names(report.tables())
    totalled = set()
    for table in report.tables():
        if table.total_row is not None:
            continue  # tables with a computed total (the national figures) are tested elsewhere
        rows = _sheet(book, names[table.key])
        additive = [c for c in table.columns if c.additive]
        if not additive:
            assert len(rows) == len(table.frame) + 1, f"{table.key}: a totals row with nothing to add"
            continue
        totalled.add(table.key)
        assert len(rows) == len(table.frame) + 2, table.key
        header, data, last = list(rows[0]), rows[1:-1], rows[-1]
        first_text = next(c for c in table.columns if c.kind == "text")
        assert last[header.index(first_text.label)] == "Total", table.key
        for index, column in enumerate(table.columns):
            if column.additive:
                expected_sum = sum(r[index] or 0 for r in data)
                assert last[index] == pytest.approx(expected_sum), (table.key, column.label)
            elif column is not first_text:
                assert last[index] is None, (table.key, column.label)  # minutes, shares, rates, ranks stay blank
        cells = [c for c in book[names[table.key]][len(rows)] if c.value is not None]
        assert all(c.font.bold for c in cells), table.key
        assert str(book[names[table.key]].print_area).endswith(f"${len(rows)}"), table.key
    assert expected <= totalled, expected - totalled


def test_what_is_never_summed(reports) -> None:
    by_table = {t.key: {c.key: c.additive for c in t.columns} for t in reports["trust"].tables()}
    for never in ("minutes_central", "bau_share", "hourly_tariff", "overhead_rate", "occurrences_per_unit", "volume"):
        assert by_table["inputs"][never] is False, never
    assert by_table["trust_requirements"]["rank"] is False
    national = {t.key: {c.key: c.additive for c in t.columns} for t in reports["national"].tables()}
    assert national["trusts"]["hours_per_offender"] is False
    assert national["by_directive"]["share_of_hours"] is True  # shares of one national total add up to it


def test_the_csv_files_hold_the_rows_only(reports) -> None:
    import zipfile

    import pandas as pd

    from reports.render_tables import csv_file_names

    report = reports["trust"]
    archive = zipfile.ZipFile(io.BytesIO(documents.render(report, "csv")))
    files = csv_file_names(report.tables())
    inputs = next(t for t in report.tables() if t.key == "inputs")
    read = pd.read_csv(io.BytesIO(archive.read(files["inputs"])))
    assert len(read) == len(inputs.frame) and "Total" not in set(read["trust"])
