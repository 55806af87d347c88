"""Import and export: every bad row reported with its location, nothing written on error, stable round trips."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import openpyxl
import pytest

from catalogue.errors import ImportProblems
from catalogue.io import export_catalogue, import_catalogue, read_catalogue
from catalogue.store import catalogue_counts, load_catalogue, save_catalogue
from tests.factories import small_catalogue


def _files(path: Path) -> dict[str, bytes]:
    if path.is_dir():
        return {p.name: p.read_bytes() for p in sorted(path.iterdir())}
    return {path.name: path.read_bytes()}


@pytest.mark.parametrize("fmt,name", [("csv", "cat"), ("xlsx", "cat.xlsx"), ("json", "cat.json")])
def test_export_import_export_gives_identical_files(tmp_path, empty_db, fmt, name):
    save_catalogue(empty_db, small_catalogue())
    first = export_catalogue(load_catalogue(empty_db), tmp_path / "one" / name, fmt)
    from catalogue.store import open_db

    fresh = open_db(tmp_path / "fresh.db")
    import_catalogue(fresh, first)
    second = export_catalogue(load_catalogue(fresh), tmp_path / "two" / name, fmt)
    assert _files(first) == _files(second)
    assert load_catalogue(fresh) == load_catalogue(empty_db)


def test_csv_export_has_one_file_per_table_with_flat_provenance_columns(tmp_path):
    out = export_catalogue(small_catalogue(), tmp_path / "csv", "csv")
    assert sorted(p.name for p in out.iterdir()) == sorted(
        f"{t}.csv"
        for t in (
            "directives",
            "staff_grades",
            "requirements",
            "trusts",
            "trust_staff",
            "outcomes",
            "relevance_scores",
            "local_measurements",
            "activities",
            "drivers",
            "driver_volumes",
        )
    )
    with (out / "requirements.csv").open() as handle:
        header = next(csv.reader(handle))
    assert "minutes_provenance__kind" in header and "frequency_provenance__rationale" in header
    assert "supersedes" in next(csv.reader((out / "directives.csv").open()))


def _break_xlsx(path: Path, edits: list[tuple[str, int, str, object]]) -> None:
    book = openpyxl.load_workbook(path)
    for sheet, row, column, value in edits:
        ws = book[sheet]
        header = [c.value for c in ws[1]]
        ws.cell(row=row, column=header.index(column) + 1, value=value)
    book.save(path)


def test_bad_rows_are_all_reported_with_sheet_row_and_column_and_nothing_is_written(tmp_path, empty_db):
    path = export_catalogue(small_catalogue(), tmp_path / "cat.xlsx", "xlsx")
    _break_xlsx(path, [
        ("requirements", 2, "minutes_low", -5),
        ("requirements", 3, "directive", "PI 99/2099"),
        ("requirements", 4, "modality", "might"),
    ])  # fmt: skip
    with pytest.raises(ImportProblems) as err:
        import_catalogue(empty_db, path)
    found = {(p.source, p.row, p.column) for p in err.value.problems}
    assert found == {
        ("sheet requirements", 2, "minutes_low"),
        ("sheet requirements", 3, "directive"),
        ("sheet requirements", 4, "modality"),
    }
    assert "unknown directive 'PI 99/2099'" in err.value.report()
    assert not any(catalogue_counts(empty_db).values())


def test_csv_problems_name_the_file_and_spreadsheet_row(tmp_path):
    out = export_catalogue(small_catalogue(), tmp_path / "csv", "csv")
    rows = list(csv.DictReader((out / "trusts.csv").open()))
    rows[1]["caseload__value"] = "lots"
    with (out / "trusts.csv").open("w", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    with pytest.raises(ImportProblems) as err:
        read_catalogue(out)
    [problem] = err.value.problems
    assert (problem.source, problem.row, problem.column) == ("trusts.csv", 3, "caseload__value")


def test_duplicate_keys_unknown_columns_and_missing_values_are_reported(tmp_path):
    document = json.loads(export_catalogue(small_catalogue(), tmp_path / "c.json", "json").read_text())
    document["requirements"].append(dict(document["requirements"][0]))
    document["outcomes"][0]["colour"] = "red"
    del document["staff_grades"][0]["name"]
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(document))
    with pytest.raises(ImportProblems) as err:
        read_catalogue(path)
    messages = {(p.source, p.row, p.column): p.message for p in err.value.problems}
    assert messages[("bad.json: requirements", 4, "id")].startswith("duplicate id")
    assert messages[("bad.json: outcomes", 1, "colour")] == "unknown column"
    assert messages[("bad.json: staff_grades", 1, "name")] == "a value is required"


@pytest.mark.parametrize("content,needle", [(b"\xff\xfe\x00garbage", "XLSX"), (b"", "XLSX")])
def test_damaged_workbook_gives_a_clear_problem(tmp_path, content, needle):
    path = tmp_path / "broken.xlsx"
    path.write_bytes(content)
    with pytest.raises(ImportProblems, match="problem") as err:
        read_catalogue(path)
    assert needle in err.value.report()


def test_formula_like_text_is_neutralised_in_exports_and_restored_on_import(tmp_path):
    catalogue = small_catalogue()
    catalogue.directives[1] = catalogue.directives[1].model_copy(update={"summary": '=HYPERLINK("x")'})
    path = export_catalogue(catalogue, tmp_path / "c.xlsx", "xlsx")
    book = openpyxl.load_workbook(path)
    header = [c.value for c in book["directives"][1]]
    summaries = [row[header.index("summary")].value for row in book["directives"].iter_rows(min_row=2)]
    assert '\'=HYPERLINK("x")' in summaries
    assert read_catalogue(path).directives[1].summary == '=HYPERLINK("x")'


def test_merge_import_may_refer_to_records_already_in_the_database(tmp_path, empty_db):
    save_catalogue(empty_db, small_catalogue())
    only_new = small_catalogue().model_copy(update={
        "directives": [], "staff_grades": [], "trusts": [], "outcomes": [], "relevance_scores": [],
        "local_measurements": [],
        "requirements": [small_catalogue().requirements[0].model_copy(update={"id": "R10"})],
    })  # fmt: skip
    path = export_catalogue(only_new, tmp_path / "new.json", "json")
    import_catalogue(empty_db, path)
    assert "R10" in {r.id for r in load_catalogue(empty_db).requirements}


def test_the_catalogue_and_the_reports_share_one_formula_guard_with_tab_and_carriage_return():
    import catalogue.io
    import reports.safety
    from catalogue.cells import FORMULA_START, neutralise, restore

    assert reports.safety.neutralise is neutralise
    assert catalogue.io.neutralise is neutralise
    for start in FORMULA_START:
        text = f"{start}cmd|' /C calc'!A0"
        assert neutralise(text) == "'" + text and restore(neutralise(text)) == text
    assert {"\t", "\r"} <= set(FORMULA_START)


@pytest.mark.parametrize("text", ["nan", "inf", "-1"])
def test_a_staff_figure_that_is_not_a_finite_number_is_refused_with_its_row(tmp_path, text):
    from catalogue.dataset import load_default_catalogue
    from catalogue.errors import ImportProblems
    from catalogue.io import export_catalogue, read_catalogue

    folder = export_catalogue(load_default_catalogue(), tmp_path / "csv", "csv")
    staff = (folder / "trust_staff.csv").read_text().splitlines()
    head, first = staff[0], staff[1].split(",")
    first[head.split(",").index("fte")] = text
    (folder / "trust_staff.csv").write_text("\n".join([head, ",".join(first), *staff[2:]]) + "\n")
    with pytest.raises(ImportProblems) as caught:
        read_catalogue(folder)
    assert [(p.row, p.column) for p in caught.value.problems] == [(2, "fte")]
