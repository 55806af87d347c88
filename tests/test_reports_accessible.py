"""Reports fit to publish: tagged PDF, Word with a contents field and alt text, spreadsheets that print and open
cleanly, CSV that Excel reads, and the same data giving the same bytes in every format."""

from __future__ import annotations

import io
import zipfile

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader

from reports import documents
from tests.test_reports_documents import _report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


@pytest.fixture(scope="module")
def report():
    return _report()


def test_the_pdf_is_tagged_with_its_language_and_title(report):
    reader = PdfReader(io.BytesIO(documents.render(report, "pdf")))
    root = reader.trailer["/Root"]
    assert "/StructTreeRoot" in root
    assert bool(root["/MarkInfo"]["/Marked"])
    assert root["/Lang"] == "en-GB"
    assert reader.metadata.title == "National burden report"
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])


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
