"""The published files checked as a reader opens them: every PDF page rendered to an image and nothing reaching
the page's edge, no file path in the text; every sheet of every workbook set up to print; CSV that Excel reads;
Word documents in British English that LibreOffice lays out cleanly; the same data giving the same Word and Excel
bytes from a fresh audit; the HTML report of every kind readable on a phone.
"""

from __future__ import annotations

import io
import itertools
import re
import shutil
import subprocess
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pdfplumber
import pytest
from openpyxl.utils import get_column_letter
from PIL import Image

from reports import documents
from reports.model import Report
from tests.report_samples import KINDS, build_reports, default_reports

MM_PER_INCH = 25.4
SIDE_MARGIN_MM = 17  # print.css: nothing but the page furniture sits outside these margins
EDGE_MM = 10  # the outer strip of each side of a page, where no ink may fall
DPI = 40
INK = 200  # a grey level darker than this is ink
# A path of ours or a data file's name, which a reader must never meet as a citation.
FILE_PATH = re.compile(r"\b[\w.-]+/[\w./-]+\.(?:csv|ya?ml|json|py|txt|md|sqlite|db)\b|~/|\b[A-Z]:\\")
NUMBER = re.compile(r"[£$€]?[\d.,%–-]+")  # a figure in a table cell, which must never break across lines
DASH = re.compile(r"(?<=[–-])")  # a word splits after a dash or hyphen, keeping it
FEWEST_WORDS = 40  # a page with fewer words in its body than this is near-empty
LINE_TOLERANCE_PT = 2.0  # letters whose tops differ by less than this stand on one line
OVERLAP_SHARE = 0.5  # a letter starting in the first half of the one before collides with it (kerning is less)
SMALL_TEXT_SHARE = 0.4  # Lighthouse's "legible font sizes" audit fails a page with more text under 12 px


@pytest.fixture(scope="module")
def reports() -> dict[str, Report]:
    return default_reports()


@pytest.mark.parametrize("kind", KINDS)
def test_no_pdf_page_puts_ink_near_its_edges_or_text_outside_its_margins(reports, kind, tmp_path: Path) -> None:
    """A table or chart too wide for the page, cut off at its edge, leaves ink in the outer strip of the image;
    text too long for its cell runs into the next cell's."""
    path = tmp_path / f"{kind}.pdf"
    path.write_bytes(documents.render(reports[kind], "pdf"))
    subprocess.run(["pdftoppm", "-r", str(DPI), "-gray", str(path), str(tmp_path / "page")], check=True)
    images = sorted(tmp_path.glob("page-*.pgm"))
    problems = []
    strip = round(EDGE_MM * DPI / MM_PER_INCH)
    for number, image_path in enumerate(images, 1):
        image = Image.open(image_path)
        width, height = image.size
        for side, box in (("left", (0, 0, strip, height)), ("right", (width - strip, 0, width, height))):
            darkest, _lightest = image.crop(box).getextrema()
            if darkest < INK:
                problems.append(f"page {number}: ink within {EDGE_MM} mm of the {side} edge")
    points = 72 / MM_PER_INCH
    with pdfplumber.open(path) as pdf:
        assert len(pdf.pages) == len(images)
        for number, page in enumerate(pdf.pages, 1):
            left, right = SIDE_MARGIN_MM * points - 1, page.width - SIDE_MARGIN_MM * points + 1
            outside = [w["text"] for w in page.extract_words() if w["x0"] < left or w["x1"] > right]
            if outside:
                problems.append(f"page {number}: text outside the side margins: {outside[:5]}")
            paths = FILE_PATH.findall(page.extract_text() or "")
            if paths:
                problems.append(f"page {number}: file paths {paths[:3]}")
            overlaps = _overlapping_words(page)
            if overlaps:
                problems.append(f"page {number}: text running into other text: {overlaps[:3]}")
    assert not problems, "\n".join(problems)


def _overlapping_words(page: Any) -> list[str]:
    """Return the text where letters of a line overlap: text too long for its cell runs into its neighbour's.

    Turned text (a chart's slanted axis labels) is left out: its letters' boxes overlap by nature.
    """
    chars = sorted(
        (c for c in page.chars if c["text"].strip() and abs(c["matrix"][1]) < 1e-6 and abs(c["matrix"][2]) < 1e-6),
        key=lambda c: (c["top"], c["x0"]),
    )
    lines: list[list[dict]] = []
    for char in chars:
        if lines and char["top"] < lines[-1][0]["top"] + LINE_TOLERANCE_PT:
            lines[-1].append(char)
        else:
            lines.append([char])
    found = []
    for line in lines:
        line.sort(key=lambda c: c["x0"])
        for before, after in itertools.pairwise(line):
            if after["x0"] < before["x0"] + OVERLAP_SHARE * (before["x1"] - before["x0"]):
                found.append("".join(c["text"] for c in line))
                break
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_every_sheet_prints_its_whole_table_landscape_one_page_wide(reports, kind) -> None:
    """Print areas that cover each table and its total, landscape, one page wide, header row on every page."""
    book = openpyxl.load_workbook(io.BytesIO(documents.render(reports[kind], "xlsx")))
    tables = {t.title: t for t in reports[kind].tables()}
    assert len(book.worksheets) >= len(tables) + 1
    problems = []
    for sheet in book.worksheets:
        setup = sheet.page_setup
        fit = sheet.sheet_properties.pageSetUpPr
        if not (fit is not None and fit.fitToPage and setup.fitToWidth == 1 and setup.fitToHeight == 0):
            problems.append(f"{sheet.title}: does not print one page wide")
        if sheet.title in ("About", "Charts"):
            continue
        whole = f"$A$1:${get_column_letter(sheet.max_column)}${sheet.max_row}"
        if sheet.print_area is None or not sheet.print_area.endswith(whole):
            problems.append(f"{sheet.title}: print area {sheet.print_area!r}, not the table {whole}")
        if setup.orientation != "landscape" or sheet.print_title_rows not in ("1:1", "$1:$1"):
            problems.append(f"{sheet.title}: not landscape with its header row repeated")
        header = [c.value for c in sheet[1]]
        if len(header) != len(set(header)) or None in header:
            problems.append(f"{sheet.title}: headers not unique: {header}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("kind", KINDS)
def test_every_table_with_a_total_ends_its_sheet_with_the_totals_row(reports, kind) -> None:
    book = openpyxl.load_workbook(io.BytesIO(documents.render(reports[kind], "xlsx")))
    from reports.render_tables import sheet_names

    names = sheet_names(reports[kind].tables())
    with_total = [t for t in reports[kind].tables() if t.spreadsheet_total() is not None]
    assert with_total, "a report without a single totals row"
    for table in with_total:
        sheet = book[names[table.key]]
        assert sheet.max_row == len(table.data) + 2, table.key
        last = [c for c in sheet[sheet.max_row] if c.value is not None]
        assert last and all(c.font.bold for c in last), table.key


@pytest.mark.parametrize("kind", KINDS)
def test_every_csv_is_utf8_with_a_byte_order_mark_and_keeps_the_pound_sign(reports, kind) -> None:
    archive = zipfile.ZipFile(io.BytesIO(documents.render(reports[kind], "csv")))
    names = [n for n in archive.namelist() if n.endswith(".csv")]
    assert len(names) >= 2
    texts = []
    for name in names:
        data = archive.read(name)
        assert data.startswith(b"\xef\xbb\xbf"), name
        texts.append(data.decode("utf-8-sig"))  # raises on anything that is not UTF-8
    assert any("£" in t for t in texts)


def test_word_and_excel_files_are_byte_identical_from_a_fresh_audit(reports) -> None:
    """Built again from a new audit of the same data, not merely rendered twice from one report object."""
    again = build_reports()
    for kind in KINDS:
        for fmt in ("docx", "xlsx"):
            first, second = documents.render(reports[kind], fmt), documents.render(again[kind], fmt)
            assert first == second, (kind, fmt)
            stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()}
            assert len(stamps) == 1, (kind, fmt, stamps)  # one fixed time, not the clock's


@pytest.mark.parametrize("kind", KINDS)
def test_the_word_document_is_in_british_english(reports, kind) -> None:
    """A screen reader picks its voice, and Word its spelling dictionary, from the document's language."""
    archive = zipfile.ZipFile(io.BytesIO(documents.render(reports[kind], "docx")))
    styles = archive.read("word/styles.xml").decode("utf-8")
    languages = set(re.findall(r'<w:lang w:val="([^"]+)"', styles))
    assert languages == {"en-GB"}, languages


def test_every_word_document_converts_in_libreoffice_without_layout_faults(reports, tmp_path: Path) -> None:
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice is not installed (apt-get install libreoffice-writer-nogui)")
    sources = []
    for kind in KINDS:
        sources.append(tmp_path / f"{kind}.docx")
        sources[-1].write_bytes(documents.render(reports[kind], "docx"))
    subprocess.run(
        [office, "--headless", f"-env:UserInstallation=file://{tmp_path}/profile", "--convert-to", "pdf",
         "--outdir", str(tmp_path), *map(str, sources)],
        check=True, capture_output=True, timeout=300,
    )  # fmt: skip
    problems = []
    for kind in KINDS:
        report = reports[kind]
        with pdfplumber.open(tmp_path / f"{kind}.pdf") as pdf:
            assert len(pdf.pages) > 3
            drawn = {part for page in pdf.pages for w in page.extract_words() for part in DASH.split(w["text"])}
            broken = sorted(set(_words_kept_whole(sources[KINDS.index(kind)])) - drawn)
            if broken:
                problems.append(f"{kind}: header words or numbers broken across lines in a table: {broken[:8]}")
            for number, page in enumerate(pdf.pages, 1):
                words = page.extract_words()
                outside = [w["text"] for w in words if w["x0"] < 0 or w["x1"] > page.width + 0.5]
                if outside:
                    problems.append(f"{kind} page {number}: text cut off at the edge: {outside[:5]}")
                body = [w for w in words if 60 < w["top"] < page.height - 50]
                if number > 1 and len(body) < FEWEST_WORDS:
                    problems.append(f"{kind} page {number}: near-empty ({len(body)} words)")
                overlaps = _overlapping_words(page)
                if overlaps:
                    problems.append(f"{kind} page {number}: text running into other text: {overlaps[:3]}")
            first_pages = " ".join(" ".join((p.extract_text() or "").split()) for p in pdf.pages[:2])
        # The contents field lists every section, as LibreOffice shows it before any update.
        for section in report.sections:
            if section.title not in first_pages:
                problems.append(f"{kind}: the contents does not list {section.title!r}")
    assert not problems, "\n".join(problems)


def _words_kept_whole(path: Path) -> list[str]:
    """Return the words of the Word document's tables that must never break across lines: each word of a column
    heading and each number (a cell of digits, separators and units), as LibreOffice draws them."""
    import docx

    words = []
    for table in docx.Document(str(path)).tables:
        words += [word for cell in table.rows[0].cells for word in cell.text.split()]
        for row in table.rows[1:]:
            words += [word for cell in row.cells for word in cell.text.split() if NUMBER.fullmatch(word)]
    # A line may break after a dash or hyphen ("1,107,677–" / "3,428,063"), as typesetting allows.
    return [part for word in words for part in DASH.split(word) if len(part) > 2]


@pytest.mark.browser
@pytest.mark.parametrize("kind", KINDS)
def test_the_html_report_of_every_kind_reads_at_phone_width(page, reports, kind) -> None:
    """Nothing but a table or chart scrolls sideways, no word in a table is split over two lines, and the text is
    legible by Lighthouse's measure: no more than 40% of it smaller than 12 px."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.set_content(documents.render(reports[kind], "html").decode("utf-8"))
    width, outside, small_share, broken = page.evaluate(
        r"""() => {
            const outside = [...document.querySelectorAll('body *')]
                .filter(e => !e.closest('.table-wrap') && !e.closest('figure.chart .svg'))
                .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.className);
            const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
            let small = 0, all = 0;
            while (walker.nextNode()) {
                const element = walker.currentNode.parentElement;
                if (!element || element.closest('svg') || !element.getClientRects().length) continue;
                const length = walker.currentNode.textContent.trim().length;
                all += length;
                if (parseFloat(getComputedStyle(element).fontSize) < 12) small += length;
            }
            // A word split over two lines ("33,04 / 8 h") has a box on each line; a break after a hyphen is fine.
            const broken = [];
            for (const cell of document.querySelectorAll('table td, table th')) {
                const text = cell.firstChild;
                if (!text || text.nodeType !== 3) continue;
                for (const word of text.textContent.matchAll(/[^\s-]+/g)) {
                    const range = document.createRange();
                    range.setStart(text, word.index);
                    range.setEnd(text, word.index + word[0].length);
                    const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top)));
                    if (lines.size > 1) broken.push(word[0]);
                }
            }
            return [document.documentElement.scrollWidth, outside, small / all, broken];
        }"""
    )
    assert width <= 360 and outside == []
    assert broken == [], f"{len(broken)} words broken across lines, such as {broken[:5]}"
    assert small_share <= SMALL_TEXT_SHARE, f"{small_share:.0%} of the text is smaller than 12 px"


def test_the_overlap_check_finds_text_running_out_of_its_cell() -> None:
    from weasyprint import HTML

    page = (
        '<table style="table-layout: fixed; width: 120px; font-size: 10pt"><tr>'
        '<td style="white-space: nowrap">2,143,087,754,000</td><td>next</td></tr></table>'
    )
    with pdfplumber.open(io.BytesIO(HTML(string=page).write_pdf())) as pdf:
        assert len(_overlapping_words(pdf.pages[0])) == 1
        assert _overlapping_words(pdf.pages[0].crop((0, 0, 60, 100))) == []
