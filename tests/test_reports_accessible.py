"""Reports fit to publish: tagged PDF, Word with a contents field and alt text, spreadsheets that print and open
cleanly, CSV that Excel reads, and the same data giving the same bytes in every format."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pdfplumber
import pytest
from docx import Document

from reports import documents
from reports.model import Report
from tests import pdf_structure
from tests.report_samples import default_reports
from tests.test_reports_documents import _report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


@pytest.fixture(scope="module")
def report():
    return _report()


@pytest.fixture(scope="module")
def real_reports() -> dict[str, Report]:
    """The national, a trust and a proposals report of the default data, as a reader meets them."""
    return default_reports()


@pytest.fixture(scope="module")
def real_pdfs(real_reports: dict[str, Report]) -> dict[str, bytes]:
    return {name: documents.render(report, "pdf") for name, report in real_reports.items()}


@pytest.mark.parametrize("name", ["national", "trust", "proposals"])
def test_the_pdf_meets_the_structural_rules_of_pdf_ua(real_reports, real_pdfs, name):
    """PDF/UA-1 (ISO 14289-1) rules a tag-tree reader can check, for each kind of report: what veraPDF tests first."""
    report = real_reports[name]
    faults = pdf_structure.problems(real_pdfs[name], report.title)
    assert not faults, "\n".join(faults)
    structure = pdf_structure.read(real_pdfs[name])
    # Every chart the report holds is a Figure (with its alternative text, checked above), none lost as markup.
    figures = structure.elements("/Figure")
    assert len(figures) == len(report.charts()) >= 1
    assert {str(f.node["/Alt"]).partition(".")[0] for f in figures} == {c.title for c in report.charts()}
    # The tables keep their header rows (in THead, repeated where a table runs on) and the contents are links.
    tables = structure.elements("/Table")
    headed = [t for t in tables if any(c.tag == "/THead" for c in t.children)]
    assert len(headed) >= min(3, len([t for t in report.tables() if t.in_documents]))
    assert len(structure.elements("/Link")) >= len(list(report.all_sections()))
    # The tag tree holds the text a reader meets: the title first, then the key findings.
    headings = [structure.text(h) for h in structure.elements() if h.tag in ("/H1", "/H2")]
    assert headings[0] == report.title and "Key findings" in headings[1:3]


def test_the_pdf_is_tagged_with_its_language_and_title(report):
    faults = pdf_structure.problems(documents.render(report, "pdf"), "National burden report")
    assert not faults, "\n".join(faults)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "xlsx", "html", "csv"])
def test_the_same_report_gives_the_same_bytes_in_every_format(report, fmt):
    assert documents.render(report, fmt) == documents.render(_report(), fmt)


def test_the_word_document_has_a_contents_field_headings_and_alt_text_on_every_picture(report):
    doc = Document(io.BytesIO(documents.render(report, "docx")))
    body = doc.element.body
    instructions = [t.text for t in body.iter(f"{W}instrText")]
    assert any(i.strip().startswith("TOC") for i in instructions)
    levels = {p.style.name for p in doc.paragraphs if p.style is not None and p.style.name.startswith("Heading")}
    assert {"Heading 1", "Heading 2"} <= levels
    pictures = list(body.iter(f"{WP}docPr"))
    assert pictures and all(p.get("descr") for p in pictures)
    assert "Hours by trust" in pictures[0].get("descr")


def test_every_sheet_prints_landscape_to_one_page_wide_with_its_header_row_repeated(report):
    book = openpyxl.load_workbook(io.BytesIO(documents.render(report, "xlsx")))
    sheet = book["trusts"]
    assert sheet.page_setup.orientation == "landscape"
    assert sheet.page_setup.fitToWidth == 1 and sheet.page_setup.fitToHeight == 0
    assert sheet.sheet_properties.pageSetUpPr.fitToPage is True
    assert sheet.print_title_rows in ("1:1", "$1:$1")


def test_every_sheet_has_unique_headers():
    for report in (_report(),):
        book = openpyxl.load_workbook(io.BytesIO(documents.render(report, "xlsx")))
        for sheet in book.worksheets[1:]:
            if sheet.title == "Charts":
                continue
            header = [c.value for c in sheet[1]]
            assert len(header) == len(set(header)), (sheet.title, header)


def test_csv_files_carry_a_byte_order_mark_so_excel_reads_pounds():
    archive = zipfile.ZipFile(io.BytesIO(documents.render(_report(), "csv")))
    for name in archive.namelist():
        if name.endswith(".csv"):
            assert archive.read(name).startswith(b"\xef\xbb\xbf"), name


def _tiny_pdf(body: str, title: str = "Tiny") -> bytes:
    """A small page laid out by WeasyPrint as the reports are (PDF/UA-1), for showing that the checker can fail."""
    from weasyprint import HTML

    page = f'<html lang="en-GB"><head><title>{title}</title></head><body>{body}</body></html>'
    return bytes(HTML(string=page).write_pdf(pdf_variant="pdf/ua-1"))


@pytest.mark.parametrize(
    ("body", "fault"),
    [
        ("<h1>Title</h1><h3>Skipped a level</h3><p>Some words.</p>", "H1 then H3"),
        ("<h2>No title</h2><p>Some words.</p>", "do not open with one H1"),
        ('<h1>Title</h1><img src="data:image/svg+xml;base64,PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmci'
         'IHdpZHRoPSIxMCIgaGVpZ2h0PSIxMCIvPg==">', "Figure without alternative text"),
        ("<h1>Title</h1><table><tr><td>A</td><td>1</td></tr></table>", "no header cell"),
        ("<h1>Title</h1><table><tr><th>Date</th><td>1 May</td></tr></table>", "names no header cell"),
        ("<h1>Title</h1><p>Read first, drawn lower.</p>"
         '<p style="position: absolute; top: 0">Read second, drawn above.</p>', "sits above it"),
        ("<h1>Title</h1><p>Words.</p><style>@page { @bottom-center { content: 'Page ' counter(page) } }</style>",
         "neither in the tag tree nor an Artifact"),
    ],
)  # fmt: skip
def test_the_structure_check_finds_each_fault(body, fault):
    faults = pdf_structure.problems(_tiny_pdf(body), "Tiny")
    assert any(fault in f for f in faults), faults


def test_the_structure_check_passes_a_well_made_page():
    body = (
        "<h1>Title</h1><h2>Part</h2><p>Some words.</p>"
        "<table><thead><tr><th>Trust</th><th>Hours</th></tr></thead><tbody><tr><td>Kent</td><td>12</td></tr>"
        '</tbody></table><table><tr><th scope="row">Date</th><td>1 May</td></tr></table>'
    )
    assert pdf_structure.problems(_tiny_pdf(body), "Tiny") == []
    assert "document title 'Tiny', not 'Other'" in " ".join(pdf_structure.problems(_tiny_pdf(body), "Other"))


def test_the_running_header_and_footer_become_artifacts_still_printed():
    """WeasyPrint tags the page margins outside the tree; the reports' finisher makes them Artifacts instead."""
    from weasyprint import HTML

    from reports.pdf_tags import mark_untagged_content_as_artifacts

    page = (
        '<html lang="en-GB"><head><title>Tiny</title></head><body><h1>Title</h1><p>Words.</p>'
        "<style>@page { @bottom-center { content: 'Page ' counter(page) } }</style></body></html>"
    )
    pdf = bytes(HTML(string=page).write_pdf(pdf_variant="pdf/ua-1", finisher=mark_untagged_content_as_artifacts))
    assert pdf_structure.problems(pdf, "Tiny") == []
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        assert "Page 1" in (document.pages[0].extract_text() or "")
