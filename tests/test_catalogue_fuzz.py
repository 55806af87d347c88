"""Fuzzing the importers and the document readers: random bytes, random CSV and random XLSX cells.

Whatever arrives, an import either succeeds or raises ImportProblems with every problem located, and a refused
import leaves the database exactly as it was; a document reader either reads the file or raises an
ExtractionError naming it. Never another exception, never a partial write.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import shutil
import tempfile
from pathlib import Path
from typing import Any

import openpyxl
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.errors import ImportProblems
from catalogue.extract import drafts, extract_bytes
from catalogue.extract.errors import ExtractionError
from catalogue.io import export_catalogue, import_catalogue
from catalogue.store import Database, catalogue_counts, load_catalogue, open_db, save_catalogue
from tests.factories import small_catalogue

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORK = Path(tempfile.mkdtemp(prefix="proportion-fuzz-"))

# Cell values a person or another program might leave in a spreadsheet.
cell_values = st.one_of(
    st.none(),
    st.text(max_size=40),
    st.integers(min_value=-(10**12), max_value=10**12),
    st.floats(allow_nan=True, allow_infinity=True),
    st.booleans(),
    st.sampled_from(["", " ", "=1+1", "-5", "1e309", "NaN", "2011-02-30", "must", "PI 99/2099", "\x00", "é" * 30]),
)


@functools.cache
def _database() -> Database:
    """One database per test run holding the small catalogue; imports that succeed may change it, which is fine."""
    db = open_db(WORK / "fuzz.db")
    save_catalogue(db, small_catalogue())
    return db


def _state(db: Database) -> tuple[Any, ...]:
    """Everything an import could write: row counts, the newest history entry and the catalogue's content."""
    content = hashlib.sha256(load_catalogue(db).model_dump_json().encode()).hexdigest()
    newest = db.execute("SELECT coalesce(max(id), 0) FROM history").fetchone()[0]
    return tuple(sorted(catalogue_counts(db).items())), newest, content


def _import_or_refuse(path: Path) -> None:
    """Import ``path``; when it is refused, every problem has a location and nothing was written."""
    db = _database()
    before = _state(db)
    try:
        import_catalogue(db, path, actor="fuzz")
    except ImportProblems as refused:
        assert refused.problems, "a refusal names at least one problem"
        assert all(p.source for p in refused.problems), refused.report()
        assert _state(db) == before, "a refused import wrote something"


@functools.cache
def _export(fmt: str) -> Path:
    name = {"csv": "export-csv", "xlsx": "export.xlsx"}[fmt]
    return export_catalogue(small_catalogue(), WORK / name, fmt)


@FUZZ
@given(data=st.binary(max_size=3000), kind=st.sampled_from(["xlsx", "json", "csv"]))
def test_random_bytes_as_an_import_file_never_crash_or_write_part(data: bytes, kind: str) -> None:
    folder = Path(tempfile.mkdtemp(dir=WORK))
    if kind == "csv":
        (folder / "requirements.csv").write_bytes(data)
        path = folder
    else:
        path = folder / f"random.{kind}"
        path.write_bytes(data)
    _import_or_refuse(path)


@FUZZ
@given(
    header=st.lists(st.text(min_size=1, max_size=12), min_size=1, max_size=6),
    rows=st.lists(st.lists(st.text(max_size=15), max_size=6), max_size=8),
    table=st.sampled_from(["requirements", "directives", "trusts", "local_measurements", "unknown"]),
)
def test_random_csv_tables_never_crash_or_write_part(header: list[str], rows: list[list[str]], table: str) -> None:
    folder = Path(tempfile.mkdtemp(dir=WORK))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    (folder / f"{table}.csv").write_text(buffer.getvalue(), encoding="utf-8")
    _import_or_refuse(folder)


@FUZZ
@given(choice=st.data(), value=cell_values)
def test_one_random_cell_in_a_valid_csv_export(choice: st.DataObject, value: Any) -> None:
    folder = Path(tempfile.mkdtemp(dir=WORK)) / "csv"
    shutil.copytree(_export("csv"), folder)
    file = choice.draw(st.sampled_from(sorted(folder.glob("*.csv"))), label="file")
    table = list(csv.reader(file.open(encoding="utf-8-sig", newline="")))
    if len(table) < 2:
        return
    row = choice.draw(st.integers(1, len(table) - 1), label="row")
    column = choice.draw(st.integers(0, len(table[0]) - 1), label="column")
    table[row][column] = "" if value is None else str(value)
    with file.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(table)
    _import_or_refuse(folder)


@FUZZ
@given(choice=st.data(), value=cell_values)
def test_one_random_cell_in_a_valid_xlsx_export(choice: st.DataObject, value: Any) -> None:
    path = Path(tempfile.mkdtemp(dir=WORK)) / "book.xlsx"
    shutil.copy(_export("xlsx"), path)
    book = openpyxl.load_workbook(path)
    sheet = book[choice.draw(st.sampled_from(book.sheetnames), label="sheet")]
    if sheet.max_row < 2:
        return
    row = choice.draw(st.integers(1, sheet.max_row), label="row")  # the header row too
    column = choice.draw(st.integers(1, sheet.max_column), label="column")
    if isinstance(value, str):
        value = "".join(c for c in value if c.isprintable())  # the XLSX format itself cannot hold control characters
    sheet.cell(row=row, column=column, value=value)
    book.save(path)
    _import_or_refuse(path)


MAGIC = {"pdf": b"%PDF-1.7\n", "docx": b"PK\x03\x04", "html": b"<!doctype html><p>", "txt": b"", "md": b"# "}


@FUZZ
@given(data=st.binary(max_size=4000), kind=st.sampled_from(sorted(MAGIC)), magic=st.booleans())
def test_random_bytes_never_crash_the_document_readers(data: bytes, kind: str, magic: bool) -> None:
    content = (MAGIC[kind] if magic else b"") + data
    db = _database()
    queued = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    try:
        extraction = extract_bytes(content, f"upload.{kind}")
    except ExtractionError as refused:
        assert str(refused).startswith(f"upload.{kind}: ")
        assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == queued
        return
    for candidate in extraction.candidates:
        assert candidate.as_json()["modality"] in ("must", "should", "must_not", "should_not")
    try:
        drafts.ingest(db, extraction, actor="fuzz", data=content)
    except drafts.DraftError as duplicate:  # the same bytes drawn twice
        assert "already in the review queue" in str(duplicate)
        return
    assert db.execute("SELECT count(*) FROM documents").fetchone()[0] == queued + 1
