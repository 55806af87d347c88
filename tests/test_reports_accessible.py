"""Reports fit to publish: tagged PDF, Word with a contents field and alt text, spreadsheets that print and open
cleanly, CSV that Excel reads, and the same data giving the same bytes in every format."""

from __future__ import annotations

import datetime as dt
import io
import itertools
import re
import zipfile
from collections.abc import Iterator
from typing import Any

import openpyxl
import pytest
from docx import Document
from pypdf import PdfReader

from catalogue.dataset import load_default_catalogue
from reports import builders, documents
from tests.test_reports_documents import _report

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


@pytest.fixture(scope="module")
def report():
    return _report()


@pytest.fixture(scope="module")
def trust_pdf() -> PdfReader:
    """A real trust report (default data) as a PDF: headings, tables, charts and links as a reader meets them."""
    ctx = builders.prepare(load_default_catalogue(), None, dt.date(2026, 11, 24))
    return PdfReader(io.BytesIO(documents.render(builders.trust_report(ctx, "Cheshire Probation Trust"), "pdf")))


def _elements(node: Any) -> Iterator[Any]:
    """Yield every structure element under ``node`` (the tag tree), in reading order."""
    kids = node.get("/K")
    for kid in kids if isinstance(kids, list) else [kids]:
        if kid is None or not hasattr(kid, "get_object"):
            continue  # a marked-content id: the content itself, not an element
        element = kid.get_object()
        if hasattr(element, "get") and element.get("/S") is not None:
            yield element
            yield from _elements(element)


def _children(element: Any) -> list[Any]:
    kids = element.get("/K")
    found = [k.get_object() for k in (kids if isinstance(kids, list) else [kids]) if hasattr(k, "get_object")]
    return [k for k in found if hasattr(k, "get") and k.get("/S") is not None]


def _fonts(resources: Any) -> Iterator[Any]:
    """Yield every font of a page's resources, and of the drawings (charts) it places."""
    for font in (resources.get("/Font") or {}).values():
        yield font.get_object()
    for drawing in (resources.get("/XObject") or {}).values():
        drawing = drawing.get_object()
        if drawing.get("/Subtype") == "/Form" and drawing.get("/Resources") is not None:
            yield from _fonts(drawing["/Resources"].get_object())


def test_the_pdf_meets_the_structural_rules_of_pdf_ua(trust_pdf):
    """PDF/UA-1 (ISO 14289-1) rules a tag-tree reader can check: what veraPDF would test first."""
    root = trust_pdf.trailer["/Root"]
    # Tagged: a structure tree with its parent tree, marked content, and the PDF/UA identifier in the XMP.
    tree = root["/StructTreeRoot"].get_object()
    assert "/ParentTree" in tree and bool(root["/MarkInfo"]["/Marked"])
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert 'pdfuaid:part="1"' in xmp
    # Language and title: the title in the document information and the XMP, shown in the viewer's title bar.
    title = "Cheshire Probation Trust: burden of central directives"
    assert root["/Lang"] == "en-GB" and trust_pdf.metadata.title == title and title in xmp
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    elements = list(_elements(tree))
    tags = [e["/S"] for e in elements]
    # Figures: every chart is a Figure with its alternative text.
    figures = [e for e in elements if e["/S"] == "/Figure"]
    assert len(figures) >= 2 and all(str(f.get("/Alt", "")).strip() for f in figures)
    # Headings in order: one H1 first, and no level skipped on the way down (H2 then H4 is a fault).
    levels = [int(t[2]) for t in tags if re.fullmatch(r"/H[1-6]", t)]
    assert levels[0] == 1 and levels.count(1) == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    # Tables: a table's header row is in THead and made of TH cells; every row holds only TH and TD cells.
    tables = [e for e in elements if e["/S"] == "/Table"]
    # A Table without a single TH is a layout grid, which PDF/UA forbids tagging as a table.
    for table in tables:
        assert "/TH" in {e["/S"] for e in _elements(table)}, [e["/S"] for e in _elements(table)][:12]
    headed = [t for t in tables if any(c["/S"] == "/THead" for c in _children(t))]
    assert len(headed) >= 4
    for table in headed:
        head = next(c for c in _children(table) if c["/S"] == "/THead")
        assert all({c["/S"] for c in _children(row)} == {"/TH"} for row in _children(head))
    for row in (e for e in elements if e["/S"] == "/TR"):
        assert {c["/S"] for c in _children(row)} <= {"/TH", "/TD"}
    # Links (the contents list) are tagged, described, and every page's tab order follows the structure.
    links = 0
    for page in trust_pdf.pages:
        assert page.get("/Tabs") == "/S"
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link":
                links += 1
                assert "/StructParent" in annotation and annotation.get("/Contents")
        # Every font is embedded, so the text reads the same everywhere.
        for font in _fonts(page["/Resources"]):
            descendants = font.get("/DescendantFonts")
            descriptor = (descendants[0].get_object() if descendants else font).get("/FontDescriptor")
            assert descriptor is not None and any(k.startswith("/FontFile") for k in descriptor.get_object())
    assert links >= 5 and tags.count("/Link") >= links


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
