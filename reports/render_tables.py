"""Spreadsheet forms of a report: XLSX (one sheet per table) and CSV (a zip of the tables).

Both hold every row of every table, numbers kept as numbers, and both explain themselves: the
XLSX's first sheet and the zip's ``columns.csv`` / ``README.txt`` list each table's columns with their
meaning, and the report's date, fingerprint and estimate share. Text cells that a spreadsheet would
read as a formula are neutralised (:mod:`reports.safety`).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import zipfile
from typing import Any

from openpyxl import Workbook
from openpyxl.drawing.image import Image as XLImage
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from catalogue.ziparchive import stable_zip
from reports import formatting as fmt
from reports.model import EXCEL_FORMATS, Report, Table
from reports.render_charts import chart_png, chart_svg, svg_size
from reports.safety import neutralise
from reports.sections import COST_FORMULA

HEADER_FILL = PatternFill("solid", fgColor="0B4F6C")
HEADER_FONT = Font(bold=True, color="FFFFFF")
TITLE_FONT = Font(bold=True, size=14, color="0B4F6C")
_FIXED_ZIP_TIME = (2000, 1, 1, 0, 0, 0)


def sheet_names(tables: list[Table]) -> dict[str, str]:
    """Return a unique Excel sheet name (at most 31 characters, no forbidden characters) for each table key."""
    names: dict[str, str] = {}
    used = {"about", "charts"}
    for table in tables:
        base = re.sub(r"[\[\]:*?/\\]", " ", table.key)[:31] or "table"
        name, n = base, 2
        while name.lower() in used:
            suffix = f"_{n}"
            name = base[: 31 - len(suffix)] + suffix
            n += 1
        used.add(name.lower())
        names[table.key] = name
    return names


def _plain(value: Any) -> Any:
    """Return a cell value openpyxl and csv can hold: numpy scalars unwrapped, NaN blank, text neutralised."""
    if hasattr(value, "item") and not isinstance(value, str):
        value = value.item()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (int, float, bool)):
        return value
    return neutralise(str(value))


def _about_rows(report: Report) -> list[tuple[str, str]]:
    return [
        ("Report", report.title),
        ("Scope", report.subtitle),
        ("Date", report.generated_on.isoformat()),
        ("Data fingerprint", report.fingerprint),
        (
            "Estimate share",
            report.estimates_line()
            if report.no_burden
            else f"{fmt.percent(report.estimate_share, 1)} of the burden's hours rest on an estimate",
        ),
        ("How a figure is worked out", "; ".join(COST_FORMULA) + " (sheet 'inputs': every input of every row)"),
        (
            "Provenance",
            "Every policy value and its source is in the 'policy' table; every requirement's figures carry "
            "their source or the word 'estimate'.",
        ),
    ]


def _print_setup(sheet: Any, header_row: int | None = 1, *, whole_sheet: bool = True) -> None:
    """Print a table landscape on A4, one page wide, with its header row on every page.

    The print area is the filled cells (the table and its totals row), unless pictures lie beyond them.
    """
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0  # as many pages down as the rows need
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    if whole_sheet:
        sheet.print_area = sheet.dimensions
    if header_row is not None:
        sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.print_options.gridLines = False
    sheet.oddFooter.right.text = "Page &P of &N"


def unique_labels(labels: list[str]) -> list[str]:
    """Return column headings with repeats told apart ("Trust", "Trust (2)"), so a spreadsheet can filter by them."""
    seen: dict[str, int] = {}
    out = []
    for label in labels:
        seen[label] = seen.get(label, 0) + 1
        out.append(label if seen[label] == 1 else f"{label} ({seen[label]})")
    return out


def render_xlsx(report: Report) -> bytes:
    """Return the report's tables as an XLSX workbook: an 'About' sheet, one sheet per table, a 'Charts' sheet."""
    tables = report.tables()
    names = sheet_names(tables)
    book = Workbook()
    about = book.active
    assert about is not None
    about.title = "About"
    about["A1"] = neutralise(report.title)
    about["A1"].font = TITLE_FONT
    row = 3
    for label, value in _about_rows(report):
        about.cell(row=row, column=1, value=label).font = Font(bold=True)
        about.cell(row=row, column=2, value=neutralise(value))
        row += 1
    row += 1
    columns_row = row
    for col, head in enumerate(("Sheet", "Table", "Column", "Key", "Meaning", "Kind"), 1):
        cell = about.cell(row=row, column=col, value=head)
        cell.fill, cell.font = HEADER_FILL, HEADER_FONT
    for table in tables:
        for column in table.columns:
            row += 1
            values = (names[table.key], table.title, column.label, column.key, column.description, column.kind)
            for col, value in enumerate(values, 1):
                about.cell(row=row, column=col, value=neutralise(value))
    for letter, chars in zip("ABCDEF", (18, 36, 28, 24, 70, 9), strict=True):
        about.column_dimensions[letter].width = chars
    _print_setup(about, header_row=columns_row)

    for table in tables:
        sheet = book.create_sheet(names[table.key])
        data = table.data
        labels = unique_labels([column.label for column in table.columns])
        for col, label in enumerate(labels, 1):
            cell = sheet.cell(row=1, column=col, value=neutralise(label))
            cell.fill, cell.font = HEADER_FILL, HEADER_FONT
            cell.alignment = Alignment(wrap_text=True, vertical="bottom")
        for r, values in enumerate(data.itertuples(index=False), 2):
            for col, (column, value) in enumerate(zip(table.columns, values, strict=True), 1):
                cell = sheet.cell(row=r, column=col, value=_plain(value))
                if column.kind in EXCEL_FORMATS and isinstance(cell.value, (int, float)):
                    cell.number_format = EXCEL_FORMATS[column.kind]
        total = table.spreadsheet_total()
        if total is not None:
            # Below the data and outside the filter, so sorting the rows never moves the total.
            row = len(data) + 2
            for col, column in enumerate(table.columns, 1):
                if column.key in total:
                    cell = sheet.cell(row=row, column=col, value=_plain(total[column.key]))
                    cell.font = Font(bold=True)
                    if column.kind in EXCEL_FORMATS and isinstance(cell.value, (int, float)):
                        cell.number_format = EXCEL_FORMATS[column.kind]
        for col, column in enumerate(table.columns, 1):
            longest = max([len(column.label)] + [len(str(v)) for v in data[column.key].head(200).tolist()])
            sheet.column_dimensions[get_column_letter(col)].width = max(9, min(60, longest + 2))
            if column.kind == "text" and longest > 60:  # long text wraps in its column, never cut
                for (cell,) in sheet.iter_rows(min_row=2, min_col=col, max_col=col):
                    cell.alignment = Alignment(wrap_text=True, vertical="top")
        sheet.freeze_panes = "A2"
        if len(data):
            sheet.auto_filter.ref = f"A1:{get_column_letter(len(table.columns))}{len(data) + 1}"
        _print_setup(sheet)

    charts = report.charts()
    if charts:
        sheet = book.create_sheet("Charts")
        anchor_row = 1
        for chart in charts:
            sheet.cell(row=anchor_row, column=1, value=neutralise(chart.title)).font = Font(bold=True)
            image = XLImage(io.BytesIO(chart_png(chart.drawing)))
            width, height = svg_size(chart_svg(chart.drawing))
            image.width, image.height = int(width), int(height)
            sheet.add_image(image, f"A{anchor_row + 1}")
            anchor_row += int(height / 20) + 4
        _print_setup(sheet, header_row=None, whole_sheet=False)

    stamp = dt.datetime.combine(report.generated_on, dt.time())
    book.properties.title = report.title
    book.properties.creator = "Proportion"
    book.properties.created = stamp
    book.properties.modified = stamp
    buffer = io.BytesIO()
    book.save(buffer)
    return stable_zip(buffer.getvalue(), f"{report.generated_on.isoformat()}T00:00:00Z")


def _csv_bytes(header: list[str], rows: list[list[Any]]) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\n")
    writer.writerow([neutralise(h) for h in header])
    for values in rows:
        writer.writerow(["" if v is None else ("true" if v is True else "false" if v is False else v) for v in values])
    # A byte-order mark: without it Excel reads UTF-8 as the local code page and garbles "£" and "–".
    return text.getvalue().encode("utf-8-sig")


def csv_file_names(tables: list[Table]) -> dict[str, str]:
    """Return the file name in the zip of each table key: ``01_key.csv``, in reading order."""
    return {t.key: f"{i:02d}_{re.sub(r'[^A-Za-z0-9_-]', '_', t.key)}.csv" for i, t in enumerate(tables, 1)}


def render_csv_zip(report: Report) -> bytes:
    """Return a zip of the report's tables as CSV (machine column names), with columns.csv and README.txt."""
    tables = report.tables()
    files = csv_file_names(tables)
    members: list[tuple[str, bytes]] = []
    readme = "\n".join(f"{label}: {value}" for label, value in _about_rows(report))
    readme += "\n\nFiles (one table each; columns described in columns.csv):\n"
    readme += "".join(f"  {files[t.key]}  {t.title}\n" for t in tables)
    members.append(("README.txt", readme.encode("utf-8")))
    members.append(
        (
            "columns.csv",
            _csv_bytes(
                ["file", "table", "column", "label", "meaning", "kind"],
                [
                    [files[t.key], neutralise(t.title), c.key, neutralise(c.label), neutralise(c.description), c.kind]
                    for t in tables
                    for c in t.columns
                ],
            ),
        )
    )
    for table in tables:
        rows = [[_plain(v) for v in values] for values in table.data.itertuples(index=False)]
        members.append((files[table.key], _csv_bytes([c.key for c in table.columns], rows)))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members:
            # A fixed timestamp: the same report gives the same zip, byte for byte.
            info = zipfile.ZipInfo(name, date_time=_FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return buffer.getvalue()
