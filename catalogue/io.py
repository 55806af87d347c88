"""Catalogue import and export: a folder of CSV files, an XLSX workbook, or a JSON document.

Every import validates all rows first and reports every problem with its file or sheet, row and
column; nothing is written unless the whole import is valid. Exports are deterministic, so
export -> import -> export gives identical files.

>>> export_catalogue(load_catalogue(db), "out.xlsx", "xlsx")      # doctest: +SKIP
>>> import_catalogue(db, "out.xlsx")                               # doctest: +SKIP
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from catalogue.cells import neutralise, restore
from catalogue.errors import CatalogueError, ImportProblems, Problem
from catalogue.models import Catalogue
from catalogue.store import load_catalogue, save_catalogue
from catalogue.tables import TABLES, from_tables, table_columns, to_tables
from catalogue.ziparchive import stable_zip

FORMATS = ("csv", "xlsx", "json")
README_SHEET = "README"
JSON_FORMAT = "proportion-catalogue"
MAX_IMPORT_BYTES = 50 * 1024 * 1024


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(neutralise(value))


def detect_format(path: Path) -> str:
    """Return csv, xlsx or json for an import or export path."""
    if path.is_dir() or path.suffix.lower() == ".csv" or (not path.suffix and not path.exists()):
        return "csv"
    suffix = path.suffix.lower().lstrip(".")
    if suffix in ("xlsx", "json"):
        return suffix
    raise CatalogueError(f"{path}: unknown format; use a folder of CSV files, a .xlsx workbook or a .json file")


# --- export ----------------------------------------------------------------------------------


def export_catalogue(catalogue: Catalogue, path: str | Path, fmt: str | None = None) -> Path:
    """Write the catalogue as a CSV folder, an XLSX workbook or a JSON file; return the path written."""
    path = Path(path)
    fmt = fmt or detect_format(path)
    tables = to_tables(catalogue)
    if fmt == "csv":
        path.mkdir(parents=True, exist_ok=True)
        for table, rows in tables.items():
            _write_csv(path / f"{table}.csv", table_columns(table), rows)
    elif fmt == "xlsx":
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_xlsx(path, tables)
    elif fmt == "json":
        path.parent.mkdir(parents=True, exist_ok=True)
        document: dict[str, Any] = {"format": JSON_FORMAT, "version": 1}
        document.update(tables)
        path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    else:
        raise CatalogueError(f"unknown export format {fmt!r}; use one of {', '.join(FORMATS)}")
    return path


def _write_csv(path: Path, columns: list[str], rows: list[dict[str, Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow([_cell(row.get(c)) for c in columns])


COLUMN_NOTES = {
    "__kind": "citation (a source is cited) or estimate (rationale gives the reasoning)",
    "occurrences_per_unit": "occurrences a year per unit of the driver (per case, commencement, report, FTE or trust)",
    "minutes_low": "minutes per occurrence, low case",
    "minutes_central": "minutes per occurrence, central case",
    "minutes_high": "minutes per occurrence, high case",
}


def _write_xlsx(path: Path, tables: dict[str, list[dict[str, Any]]]) -> None:
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill

    workbook = Workbook()
    about = workbook.active
    about.title = README_SHEET
    about.append(["Proportion catalogue export"])
    about["A1"].font = Font(bold=True, size=14)
    about.append(["One sheet per table. Nested fields are flattened with '__' (e.g. minutes_provenance__kind)."])
    about.append(
        ["Every figure has a provenance: kind 'citation' names its document; kind 'estimate' gives a rationale."]
    )
    about.append(
        ["Edit and re-import with 'proportion import FILE.xlsx'; every bad row is reported and nothing is written."]
    )
    about.append([])
    about.append(["sheet", "columns"])
    for table in tables:
        about.append([table, ", ".join(table_columns(table))])
    about.column_dimensions["A"].width = 22
    about.column_dimensions["B"].width = 120
    header_fill = PatternFill("solid", fgColor="DDE5F0")
    for table, rows in tables.items():
        sheet = workbook.create_sheet(table)
        columns = table_columns(table)
        sheet.append(columns)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = header_fill
        for row in rows:
            sheet.append([neutralise(row.get(c)) for c in columns])
        sheet.freeze_panes = "A2"
        for index, column in enumerate(columns, start=1):
            width = min(60, max(10, len(column) + 2))
            sheet.column_dimensions[sheet.cell(1, index).column_letter].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    path.write_bytes(stable_zip(buffer.getvalue()))


# --- import ----------------------------------------------------------------------------------


def read_tables(path: str | Path) -> tuple[dict[str, list[dict[str, Any]]], Any]:
    """Read raw rows per table from a CSV folder, XLSX or JSON file, with a function that locates rows.

    Raises :class:`ImportProblems` when the file itself cannot be read.
    """
    path = Path(path)
    if not path.exists():
        raise ImportProblems([Problem(str(path), None, None, "no such file or folder")])
    fmt = detect_format(path)
    if fmt == "csv":
        return _read_csv_folder(path)
    if path.stat().st_size > MAX_IMPORT_BYTES:
        raise ImportProblems([Problem(path.name, None, None, f"file is larger than {MAX_IMPORT_BYTES // 2**20} MB")])
    if fmt == "xlsx":
        return _read_xlsx(path)
    return _read_json(path)


def _read_csv_folder(path: Path) -> tuple[dict[str, list[dict[str, Any]]], Any]:
    files = [path] if path.is_file() else sorted(path.glob("*.csv"))
    if not files:
        raise ImportProblems([Problem(str(path), None, None, "no .csv files found")])
    tables: dict[str, list[dict[str, Any]]] = {}
    problems: list[Problem] = []
    for file in files:
        if file.stat().st_size > MAX_IMPORT_BYTES:
            problems.append(Problem(file.name, None, None, f"file is larger than {MAX_IMPORT_BYTES // 2**20} MB"))
            continue
        try:
            text = file.read_text(encoding="utf-8-sig")
        except UnicodeDecodeError:
            problems.append(Problem(file.name, None, None, "is not UTF-8 text"))
            continue
        try:
            reader = csv.DictReader(io.StringIO(text, newline=""))
            rows = [{k: restore(v) for k, v in row.items() if k is not None} for row in reader]
        except csv.Error as exc:
            problems.append(Problem(file.name, None, None, f"is not valid CSV ({exc})"))
            continue
        tables[file.stem] = rows
    if problems:
        raise ImportProblems(problems)
    return tables, lambda table, index: (f"{table}.csv", index + 2)


def _read_xlsx(path: Path) -> tuple[dict[str, list[dict[str, Any]]], Any]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise ImportProblems([Problem(path.name, None, None, f"cannot be read as an XLSX workbook ({exc})")]) from exc
    tables: dict[str, list[dict[str, Any]]] = {}
    try:
        for sheet in workbook.worksheets:
            if sheet.title == README_SHEET:
                continue
            values = sheet.iter_rows(values_only=True)
            header = next(values, None)
            if header is None:
                tables[sheet.title] = []
                continue
            columns = [str(c).strip() if c is not None else "" for c in header]
            rows: list[dict[str, Any]] = []
            for raw in values:
                if raw is None or all(v is None or v == "" for v in raw):
                    rows.append({})
                    continue
                rows.append({c: restore(v) for c, v in zip(columns, raw, strict=False) if c})
            while rows and not rows[-1]:
                rows.pop()
            tables[sheet.title] = rows
    finally:
        workbook.close()
    return tables, lambda table, index: (f"sheet {table}", index + 2)


def _read_json(path: Path) -> tuple[dict[str, list[dict[str, Any]]], Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ImportProblems([Problem(path.name, None, None, f"is not valid JSON ({exc})")]) from exc
    if not isinstance(document, dict) or document.get("format") != JSON_FORMAT:
        raise ImportProblems([Problem(path.name, None, None, f"is not a {JSON_FORMAT} document")])
    tables: dict[str, list[dict[str, Any]]] = {}
    problems: list[Problem] = []
    for table, rows in document.items():
        if table in ("format", "version"):
            continue
        if not isinstance(rows, list) or not all(isinstance(r, dict) for r in rows):
            problems.append(Problem(path.name, None, None, f"{table!r} must be a list of objects"))
            continue
        tables[table] = rows
    if problems:
        raise ImportProblems(problems)
    name = path.name
    return tables, lambda table, index: (f"{name}: {table}", index + 1)


def read_catalogue(path: str | Path, existing: Catalogue | None = None) -> Catalogue:
    """Read and validate a catalogue from a CSV folder, XLSX or JSON file, or raise ImportProblems."""
    tables, locate = read_tables(path)
    return from_tables(tables, locate, existing)


def import_catalogue(db: Database, path: str | Path, *, replace: bool = False, actor: str = "system") -> dict[str, int]:
    """Validate a whole file, then write it in one transaction (merged by key, or replacing with ``replace``).

    Raises ImportProblems (nothing written) when any row is bad.
    """
    existing = None if replace else load_catalogue(db)
    catalogue = read_catalogue(path, existing)
    return save_catalogue(db, catalogue, replace=replace, actor=actor, reason=f"import of {Path(path).name}")


__all__ = [
    "FORMATS",
    "TABLES",
    "detect_format",
    "export_catalogue",
    "import_catalogue",
    "read_catalogue",
    "read_tables",
]
