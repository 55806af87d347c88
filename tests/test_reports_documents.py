"""The document engine: one Report rendered to PDF, DOCX, HTML, XLSX and CSV, each read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
import re
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import altair as alt
import openpyxl
import pandas as pd
import pytest
from docx import Document
from pypdf import PdfReader

from reports import documents
from reports.model import Bullets, Chart, Column, KeyFigure, Paragraph, Report, Section, Table
from reports.safety import neutralise, neutralise_frame

EVIL = "<script>alert('x')</script>"


def _report() -> Report:
    frame = pd.DataFrame(
        {
            "trust": [f"Trust {EVIL}", '=HYPERLINK("http://evil")', "Gamma & Sons"],
            "hours": [1200.0, -30.0, 5000.0],
            "share": [0.1, 0.2, 0.7],
            "sourced": [True, False, True],
        }
    )
    table = Table(
        "trusts",
        "Burden by trust",
        frame,
        [
            Column("trust", "Trust", "the trust's name"),
            Column("hours", "Hours a year", "central hours a year", "hours"),
            Column("share", "Share", "share of the national hours", "percent"),
            Column("sourced", "Sourced", "whether every figure is cited", "bool"),
        ],
        total_row={"trust": "England and Wales", "hours": 6170.0, "share": 1.0},
    )
    spec = alt.Chart(frame).mark_bar().encode(x="hours:Q", y="trust:N").properties(width=400, height=90).to_dict()
    chart = Chart("hours", "Hours by trust", spec, caption="central estimates")
    body = Section("burden", "The burden", [Paragraph(f"Comment: {EVIL}"), Bullets(["one", "two"]), chart, table])
    method = Section("method", "Method and assumptions", [Paragraph("Standard Cost Model.")])
    return Report(
        kind="national",
        title="National burden report",
        subtitle="England and Wales, 2010-11",
        generated_on=dt.date(2011, 3, 31),
        fingerprint="0123456789abcdef",
        estimate_share=0.625,
        key_figures=[KeyFigure("Hours a year", "6,170 h", "5,000–7,000"), KeyFigure("Staff", "3.7 FTE")],
        summary=["The trusts spend 6,170 h a year."],
        sections=[body],
        appendix=[method],
        file_stem="national-report",
    )


@pytest.fixture(scope="module")
def report() -> Report:
    return _report()


def test_unknown_format_is_refused(report: Report) -> None:
    with pytest.raises(ValueError, match="unknown report format"):
        documents.render(report, "odt")


def test_table_rejects_undocumented_column() -> None:
    with pytest.raises(ValueError, match="no column"):
        Table("t", "T", pd.DataFrame({"a": [1]}), [Column("b", "B", "missing")])


def test_html_escapes_user_text_and_fetches_nothing(report: Report) -> None:
    html = documents.render(report, "html").decode()
    assert EVIL not in html
    assert "&lt;script&gt;" in html
    assert "<script" not in html.lower()
    # Nothing is fetched: no src/href to another document, no stylesheet link, no CSS url() or @import.
    assert not re.search(r"""\s(src|href)\s*=\s*["']?(https?:|//|file:)""", html, re.I)
    assert "<link" not in html.lower()
    assert "url(" not in html.lower()
    assert "@import" not in html.lower()
    assert "<svg" in html  # the chart is inline
    assert "6,170 h" in html and "England and Wales" in html


def test_pdf_text_carries_title_totals_and_escaped_text(report: Report, tmp_path: Path) -> None:
    path = documents.write(report, "pdf", tmp_path / "r.pdf")
    reader = PdfReader(path)
    text = "\n".join(page.extract_text() for page in reader.pages)
    assert "National burden report" in text
    assert "6,170 h" in text
    assert "0123456789abcdef" in text
    assert "Page 1 of" in text
    assert "<script>" in text  # shown as text, not run (PDF has no scripts; escaped in the HTML it came from)
    assert len(reader.pages) >= 4
    assert reader.metadata is not None and reader.metadata.title == "National burden report"


def png_gray_pixels(data: bytes) -> bytes:
    """Decode an 8-bit grayscale or RGB PNG (what ``pdftoppm -png`` writes) to one grey byte per pixel."""
    import struct
    import zlib

    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width, bpp = 8, b"", 0, 1
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos : pos + 4])
        kind, body = data[pos + 4 : pos + 8], data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, _, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (0, 2), "expected 8-bit grayscale or RGB"
            bpp = 1 if colour == 0 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    stride = width * bpp
    raw, out, previous = zlib.decompress(idat), bytearray(), bytearray(stride)
    for start in range(0, len(raw), stride + 1):
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - bpp] if i >= bpp else 0
            up, corner = previous[i], previous[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        out += bytes(min(line[i : i + bpp]) for i in range(0, stride, bpp))
        previous = line
    return bytes(out)


def dark_pixels(png: Path) -> int:
    """Return how many pixels of a page image are darker than light grey."""
    return sum(1 for b in png_gray_pixels(png.read_bytes()) if b < 200)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_pdf_first_pages_are_not_blank(report: Report, tmp_path: Path) -> None:
    path = documents.write(report, "pdf", tmp_path / "r.pdf")
    subprocess.run(["pdftoppm", "-r", "30", "-l", "4", "-png", str(path), str(tmp_path / "p")], check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == 4
    for page in pages:
        assert dark_pixels(page) > 50, f"{page.name} looks blank"
    blank = tmp_path / "blank.pdf"
    from weasyprint import HTML

    HTML(string="<p></p>").write_pdf(blank)
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(blank), str(tmp_path / "b")], check=True)
    assert dark_pixels(next(tmp_path.glob("b-*.png"))) == 0  # the check can fail


def test_docx_has_headings_tables_and_pictures(report: Report) -> None:
    doc = Document(io.BytesIO(documents.render(report, "docx")))
    paragraphs = [p.text for p in doc.paragraphs]
    headings = [p.text for p in doc.paragraphs if p.style is not None and p.style.name.startswith("Heading")]
    assert "National burden report" in paragraphs
    assert "1. The burden" in headings and "Appendix A. Method and assumptions" in headings
    assert f"Comment: {EVIL}" in paragraphs  # kept as text
    cells = [[c.text for c in r.cells] for t in doc.tables for r in t.rows]
    assert ["Trust", "Hours a year", "Share", "Sourced"] in cells
    assert ["England and Wales", "6,170 h", "100.0%", ""] in cells
    assert len(doc.inline_shapes) == 1


def test_xlsx_sheets_hold_every_row_numbers_numeric_formulas_inert(report: Report) -> None:
    book = openpyxl.load_workbook(io.BytesIO(documents.render(report, "xlsx")))
    assert book.sheetnames[0] == "About"
    assert "trusts" in book.sheetnames
    rows = list(book["trusts"].iter_rows(values_only=True))
    assert rows[0] == ("Trust", "Hours a year", "Share", "Sourced")
    assert [r[1] for r in rows[1:-1]] == [1200.0, -30.0, 5000.0]  # negative stays a number
    assert rows[-1][0] == "England and Wales"  # the totals row, below the data
    assert rows[2][0] == '\'=HYPERLINK("http://evil")'
    about = [r for r in book["About"].iter_rows(values_only=True) if any(r)]
    assert any("0123456789abcdef" in str(v) for r in about for v in r)
    assert ("trusts", "Burden by trust", "Hours a year", "hours", "central hours a year", "hours") in about
    assert "Charts" in book.sheetnames


def test_csv_zip_holds_tables_and_neutralises_formulas(report: Report) -> None:
    archive = zipfile.ZipFile(io.BytesIO(documents.render(report, "csv")))
    assert set(archive.namelist()) == {"README.txt", "columns.csv", "01_trusts.csv"}
    rows = list(csv.reader(io.StringIO(archive.read("01_trusts.csv").decode("utf-8-sig"))))
    assert rows[0] == ["trust", "hours", "share", "sourced"]
    assert rows[2] == ['\'=HYPERLINK("http://evil")', "-30.0", "0.2", "false"]
    assert "0123456789abcdef" in archive.read("README.txt").decode()


def test_same_report_gives_same_bytes(report: Report) -> None:
    for fmt in ("html", "csv"):
        assert documents.render(report, fmt) == documents.render(_report(), fmt)


def test_write_is_atomic_and_named(report: Report, tmp_path: Path) -> None:
    path = documents.write(report, "html", tmp_path / "out" / documents.file_name(report, "html"))
    assert path.name == "national-report.html" and path.exists()
    assert [p.name for p in path.parent.iterdir()] == ["national-report.html"]


@pytest.mark.parametrize("value", ["=1+1", "+1", "-A1", "@SUM(A1)", "\t=1"])
def test_neutralise_formula_text(value: str) -> None:
    assert neutralise(value) == "'" + value


def test_neutralise_leaves_numbers_and_plain_text() -> None:
    assert neutralise(-3.5) == -3.5
    assert neutralise("Avon") == "Avon"
    frame = neutralise_frame(pd.DataFrame({"a": ["=x", "y"], "b": [-1, 2]}))
    assert frame["a"].tolist() == ["'=x", "y"] and frame["b"].tolist() == [-1, 2]


def test_spreadsheet_only_tables_stay_out_of_documents(report: Report) -> None:
    hidden = Table("hidden_table", "Hidden table", pd.DataFrame({"v": [1]}), [Column("v", "Hidden value", "v", "int")])
    report.appendix[0].add(hidden.with_changes(in_documents=False))
    try:
        assert "Hidden value" not in documents.render(report, "html").decode()
        doc = Document(io.BytesIO(documents.render(report, "docx")))
        assert not any(c.text == "Hidden value" for t in doc.tables for r in t.rows for c in r.cells)
        book = openpyxl.load_workbook(io.BytesIO(documents.render(report, "xlsx")))
        assert list(book["hidden_table"].iter_rows(values_only=True)) == [("Hidden value",), (1,)]
    finally:
        report.appendix[0].blocks.pop()


def test_libreoffice_is_installed_by_make_test_so_the_word_conversion_runs_in_ci() -> None:
    # The Word report must open and convert in LibreOffice headless (tests/test_reports_publishable.py); on a fresh
    # machine that test would only skip unless `make test` installs LibreOffice with the other Debian packages.
    script = (Path(__file__).resolve().parents[1] / "scripts" / "install-debian-packages.sh").read_text()
    assert re.search(r"^PKGS=\((?:[^)]*\s)?libreoffice-writer-nogui[\s)]", script, re.M | re.S)
    if os.environ.get("CI"):
        assert shutil.which("soffice") or shutil.which("libreoffice"), "LibreOffice missing in CI"


@pytest.mark.parametrize("chart_drawn_first", [False, True])
def test_trust_reports_written_by_workers_are_those_written_one_by_one(tmp_path: Path, chart_drawn_first: bool) -> None:
    # Workers are forked from a process that has drawn no chart, and started fresh after one has been drawn (the
    # chart engine's threads do not survive a fork); either way each file is the one a single process writes. Run
    # in a fresh interpreter, so that what this test process has drawn does not decide the start method.
    script = f"""
import datetime as dt, sys
from catalogue.dataset import load_default_catalogue
from reports import batch, builders, render_charts
from reports.render_charts import chart_svg
ctx = builders.prepare(load_default_catalogue(), None, dt.date(2026, 11, 24))
if {chart_drawn_first}:
    chart_svg({{"mark": "bar", "data": {{"values": [{{"a": 1}}]}}, "encoding": {{"x": {{"field": "a"}}}}}})
assert render_charts.engine_started() is {chart_drawn_first}
print(batch._start_method())
for workers, folder in ((2, "pool"), (1, "one")):
    batch.write_trust_reports("unused.db", "html", sys.argv[1] + "/" + folder, ctx.today, trusts=ctx.trusts[:3],
                              workers=workers, context=ctx)
"""
    done = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path)], capture_output=True, text=True, timeout=600,
        cwd=Path(__file__).resolve().parents[1],
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ("spawn" if chart_drawn_first else "fork")
    pool, one = sorted((tmp_path / "pool").iterdir()), sorted((tmp_path / "one").iterdir())
    assert [p.name for p in pool] == [p.name for p in one] and len(pool) == 3
    assert all(a.read_bytes() == b.read_bytes() for a, b in zip(pool, one, strict=True))
