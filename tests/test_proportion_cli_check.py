"""`proportion check`: the integrity check and the likely double counts an editor has to resolve."""

from __future__ import annotations

import json
from pathlib import Path

from catalogue.models import Directive
from catalogue.store import create_directive, create_requirement, get_requirement, open_db, upsert_requirement
from proportion.cli import main
from tests.factories import requirement

TEXT = "Areas must co-operate with the Ombudsman's investigation of each death of an approved premises resident."


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def add_copy(db_path: Path) -> None:
    """Add a directive in force with a requirement restating one already in force (PI 02/2010's hours record)."""
    db = open_db(db_path)
    create_directive(
        db, Directive(reference="PI 99/2010", title="A restatement", type="Probation Instruction", issuer="NOMS",
                      issued="2010-06-01"),
    )  # fmt: skip
    original = get_requirement(db, "PI02-10-HOURS")
    copy = requirement(
        "PI99-10-HOURS", "PI 99/2010", text=original.text, activity=original.activity, driver=original.driver
    )
    create_requirement(db, copy, reason="a copy for a test")


def test_check_is_clean_on_the_default_data(default_db_path: Path, capsys) -> None:
    code, out, err = run(capsys, "check", "--db", str(default_db_path))
    assert code == 0, err
    assert "Integrity ok" in out and "No likely double count" in out
    code, out, _ = run(capsys, "check", "--db", str(default_db_path), "--json")
    assert code == 0
    payload = json.loads(out)
    assert payload["integrity"]["ok"] is True and payload["likely_double_counts"] == []


def test_check_lists_a_likely_double_count_and_exits_1_until_it_is_resolved(default_db_path: Path, capsys) -> None:
    add_copy(default_db_path)
    code, out, _ = run(capsys, "check", "--db", str(default_db_path))
    assert code == 1
    assert "PI02-10-HOURS" in out and "PI99-10-HOURS" in out and "similar" in out
    assert "counted_in" not in out  # the user's words: "counted in", not the field name
    code, out, _ = run(capsys, "check", "--db", str(default_db_path), "--json")
    assert code == 1
    [pair] = json.loads(out)["likely_double_counts"]
    assert {pair["a"], pair["b"]} == {"PI02-10-HOURS", "PI99-10-HOURS"} and pair["score"] > 0.9
    assert pair["reason"] and pair["from_date"] == "2010-06-01"
    # before the copy's directive took effect there is nothing to resolve
    assert run(capsys, "check", "--db", str(default_db_path), "--on", "2010-05-31")[0] == 0
    db = open_db(default_db_path)
    resolved = get_requirement(db, "PI99-10-HOURS").model_copy(
        update={"counted_in": "PI02-10-HOURS", "counted_in_reason": "the same record of hours"}
    )
    upsert_requirement(db, resolved, reason="counted once")
    assert run(capsys, "check", "--db", str(default_db_path))[0] == 0


def test_check_refuses_a_date_it_cannot_read(default_db_path: Path, capsys) -> None:
    code, _, err = run(capsys, "check", "--db", str(default_db_path), "--on", "31/03/2011")
    assert code == 1 and "YYYY-MM-DD" in err and "Traceback" not in err
