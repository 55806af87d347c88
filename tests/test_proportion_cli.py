"""The command line: every catalogue command, JSON output, and one-line errors with exit status 1."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from catalogue.store import catalogue_counts, open_db
from proportion.cli import main

ROOT = Path(__file__).resolve().parents[1]


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_init_loads_the_default_dataset_and_refuses_to_overwrite(tmp_path, capsys):
    db = tmp_path / "p.db"
    code, out, _ = run(capsys, "init", "--db", str(db))
    assert code == 0 and "35 trusts" in out
    code, _, err = run(capsys, "init", "--db", str(db))
    assert code == 1 and "--force" in err
    assert run(capsys, "init", "--db", str(db), "--force")[0] == 0


def test_init_empty_creates_the_schema_only(tmp_path, capsys):
    db = tmp_path / "e.db"
    assert run(capsys, "init", "--db", str(db), "--empty")[0] == 0
    assert not any(catalogue_counts(open_db(db)).values())


def test_requirements_search_json_lists_oasys_with_provenance(default_db_path, capsys, monkeypatch):
    monkeypatch.setenv("PROPORTION_DB", str(default_db_path))
    code, out, err = run(capsys, "requirements", "search", "OASys", "--json")
    assert code == 0 and err == ""
    found = json.loads(out)
    assert found and all("oasys" in r["text"].lower() or "oasys" in (r["frequency_text"] or "").lower() for r in found)
    assert all(r["minutes_provenance"]["kind"] in ("citation", "estimate") for r in found)
    assert any(r["minutes_provenance"]["kind"] == "citation" for r in found)  # PSO 2205 timings


def test_directives_list_filters_by_status(default_db_path, capsys):
    code, out, _ = run(capsys, "directives", "list", "--db", str(default_db_path), "--status", "cancelled", "--json")
    assert code == 0
    listed = json.loads(out)
    assert listed and {d["status"] for d in listed} == {"cancelled"}
    code, out, _ = run(capsys, "directives", "list", "--db", str(default_db_path))
    assert code == 0 and "PI 15/2010" in out


def test_trusts_list_json_has_all_35_with_model_fields(default_db_path, capsys):
    code, out, _ = run(capsys, "trusts", "list", "--db", str(default_db_path), "--json")
    trusts = json.loads(out)
    assert code == 0 and len(trusts) == 35
    assert {"name", "region", "caseload", "staff_fte"} <= set(trusts[0])


def test_schema_prints_json_schema_of_every_model(capsys):
    code, out, _ = run(capsys, "schema")
    schemas = json.loads(out)
    assert code == 0
    assert {"Directive", "Requirement", "Trust", "StaffGrade", "Provenance", "RelevanceScore"} <= set(schemas)
    assert "minutes_central" in schemas["Requirement"]["properties"]


@pytest.mark.parametrize("fmt,name", [("csv", "out"), ("xlsx", "out.xlsx"), ("json", "out.json")])
def test_export_then_import_into_a_fresh_database(default_db_path, tmp_path, capsys, fmt, name):
    out = tmp_path / name
    assert run(capsys, "export", "--db", str(default_db_path), "--format", fmt, "--out", str(out))[0] == 0
    fresh = tmp_path / "fresh.db"
    code, text, _ = run(capsys, "import", "--db", str(fresh), str(out))
    assert code == 0 and "requirements" in text
    assert catalogue_counts(open_db(fresh)) == catalogue_counts(open_db(default_db_path))


def test_acceptance_three_broken_cells_are_named_and_nothing_is_imported(default_db_path, tmp_path, capsys):
    """Export to XLSX, break a time, a directive reference and a modality in three rows, import into a fresh db."""
    book_path = tmp_path / "cat.xlsx"
    run(capsys, "export", "--db", str(default_db_path), "--format", "xlsx", "--out", str(book_path))
    book = openpyxl.load_workbook(book_path)
    sheet = book["requirements"]
    header = [c.value for c in sheet[1]]
    sheet.cell(row=5, column=header.index("minutes_low") + 1, value=-10)
    sheet.cell(row=9, column=header.index("directive") + 1, value="PI 99/2099")
    sheet.cell(row=14, column=header.index("modality") + 1, value="could")
    book.save(book_path)
    fresh = tmp_path / "fresh.db"
    code, _, err = run(capsys, "import", "--db", str(fresh), str(book_path))
    assert code == 1
    problem_lines = [line.strip() for line in err.splitlines() if line.startswith("  ")]
    assert len(problem_lines) == 3
    assert problem_lines[0].startswith("sheet requirements, row 5, column minutes_low")
    assert problem_lines[1].startswith("sheet requirements, row 9, column directive")
    assert problem_lines[2].startswith("sheet requirements, row 14, column modality")
    assert not any(catalogue_counts(open_db(fresh)).values())


@pytest.mark.parametrize(
    "argv,needle",
    [
        (["import", "/no/such/file.xlsx"], "no such file"),
        (["export", "--format", "xlsx", "--out", "x.xlsx"], "no database"),
        (["directives", "list", "--status", "bogus"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
        (["import", "notes.txt"], "unknown format"),
    ],
)
def test_user_errors_print_one_clear_line_and_exit_1(tmp_path, capsys, monkeypatch, argv, needle):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("PROPORTION_DB", raising=False)
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(SystemExit) if "invalid choice" in needle else _nothing():
        code, _, err = run(capsys, *argv)
        assert code == 1 and needle in err and "Traceback" not in err
    if "invalid choice" in needle:
        assert needle in capsys.readouterr().err


class _nothing:
    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return False


def test_python_dash_m_runs_the_same_command_line(tmp_path):
    result = subprocess.run(
        [sys.executable, "-m", "proportion", "init", "--db", str(tmp_path / "m.db"), "--empty"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    missing = str(tmp_path / "none.db")
    bad = subprocess.run(
        [sys.executable, "-m", "proportion", "export", "--db", missing, "--format", "csv", "--out", "x"],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert bad.returncode == 1 and "Traceback" not in bad.stderr and bad.stderr.count("\n") == 1


# --- trust names on the command line, and output into a closed pipe ------------------------------------


@pytest.mark.parametrize("typed", ["Kent Probation", "kent", "Kent Probation Trust", "  KENT  "])
def test_audit_takes_a_trust_by_its_common_spellings(default_db_path, capsys, typed):
    code, out, err = run(capsys, "audit", "--db", str(default_db_path), "--trust", typed, "--json")
    assert code == 0, err
    assert [t["trust"] for t in json.loads(out)["trusts"]] == ["Kent Probation"]


@pytest.mark.parametrize(
    ("argv", "needle"),
    [
        (["audit", "--trust", "Nonexistent"], "no trust called 'Nonexistent'"),
        (["audit", "--trust", "Londn"], "did you mean London Probation Trust?"),
        (["report", "trust", "--trust", "Nonexistent", "--out", "x.html"], "no trust called 'Nonexistent'"),
        (["users", "add", "kim", "--role", "trust_manager", "--trust", "Kentt"], "did you mean Kent Probation?"),
    ],
)
def test_an_unknown_trust_is_named_with_suggestions(default_db_path, capsys, monkeypatch, tmp_path, argv, needle):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("PROPORTION_PASSWORD", "correct horse battery")
    code, _, err = run(capsys, *argv, "--db", str(default_db_path))
    assert code == 1 and needle in err and "Traceback" not in err
    assert err.count("\n") == 1
    assert not (tmp_path / "x.html").exists()


def test_a_trust_manager_account_and_commands_take_the_trust_as_people_spell_it(default_db_path, capsys, monkeypatch):
    monkeypatch.setenv("PROPORTION_PASSWORD", "correct horse battery")
    db = str(default_db_path)
    code, out, err = run(capsys, "users", "add", "kim", "--role", "trust_manager", "--trust", "kent", "--db", db)
    assert code == 0, err
    assert "Kent Probation" in out
    code, out, _ = run(capsys, "users", "list", "--json", "--db", db)
    assert next(u for u in json.loads(out) if u["username"] == "kim")["trust"] == "Kent Probation"
    code, out, err = run(capsys, "--as", "kim", "audit", "--trust", "Kent Probation Trust", "--json", "--db", db)
    assert code == 0, err  # the manager's own trust, however spelt
    code, _, err = run(capsys, "--as", "kim", "audit", "--trust", "London", "--db", db)
    assert code == 1 and "may only work with Kent Probation" in err
    code, _, err = run(capsys, "--as", "kim", "report", "trust", "--all", "--out", "every", "--db", db)
    assert code == 1 and "Kent Probation" in err


@pytest.mark.parametrize("argv", [["schema"], ["trusts", "list"]])
def test_output_into_a_closed_pipe_ends_quietly(default_db_path, argv):
    import os

    read_end, write_end = os.pipe()
    os.close(read_end)  # like `| head` that has already stopped reading
    try:
        result = subprocess.run(
            [sys.executable, "-m", "proportion", *argv, *(["--db", str(default_db_path)] if len(argv) > 1 else [])],
            cwd=ROOT, stdout=write_end, stderr=subprocess.PIPE, text=True, check=False,
        )  # fmt: skip
    finally:
        os.close(write_end)
    assert result.stderr == ""
    assert result.returncode == 141  # as a shell reports a tool stopped by a closed pipe
