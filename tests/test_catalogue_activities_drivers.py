"""Activities of requirements and drivers defined as data: files, validation with row and column, and the store."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from audit.engine import run_audit
from catalogue.dataset import DEFAULT_DATA, load_default_catalogue
from catalogue.errors import ImportProblems
from catalogue.io import export_catalogue, import_catalogue, read_catalogue
from catalogue.models import ACTIVITY_SUM, VolumeDriver
from catalogue.store import get_requirement, load_catalogue, open_db, save_catalogue, upsert_requirement


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """A private copy of the default data folder."""
    copy = tmp_path / "data"
    shutil.copytree(DEFAULT_DATA, copy, ignore=shutil.ignore_patterns("apportionment"))
    return copy


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def write(path: Path, table: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(table[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(table)


def edit(path: Path, key: str, value: str, **changes: str) -> int:
    """Change one row of a CSV file (found by ``key`` = ``value``); return its row number as a spreadsheet shows it."""
    table = rows(path)
    index = next(i for i, r in enumerate(table) if r[key] == value)
    table[index].update(changes)
    write(path, table)
    return index + 2


def problems(folder: Path) -> list[str]:
    with pytest.raises(ImportProblems) as caught:
        read_catalogue(folder)
    return [str(p) for p in caught.value.problems]


def test_the_default_data_holds_activities_whose_minutes_add_up_to_their_requirements():
    cat = load_default_catalogue()
    check = next(r for r in cat.requirements if r.id == "PTRS-DATA-CHECK")
    assert [(a.id, a.grade) for a in check.activities] == [("sign_off", "spo"), ("validate", "admin")]
    assert check.minutes_central == sum(a.minutes_central for a in check.activities) == 240
    recall = next(r for r in cat.requirements if r.id == "NS07-RECALL-3")
    assert {a.grade for a in recall.activities} == {"po", "spo"}


def test_the_default_activities_keep_the_hours_and_move_the_cost_a_little():
    cat = load_default_catalogue()
    bare = cat.model_copy(update={"requirements": [r.model_copy(update={"activities": []}) for r in cat.requirements]})
    with_steps, without = run_audit(cat).national, run_audit(bare).national
    assert with_steps["hours_central"] == pytest.approx(without["hours_central"])
    # PTRS data checks: 35 trusts x 4 a year x 3 h move from the middle-manager rate to the administrative rate.
    assert with_steps["cost_central"] < without["cost_central"]
    assert without["cost_central"] - with_steps["cost_central"] < 0.001 * without["cost_central"]


def test_an_unknown_driver_in_a_requirement_is_refused_with_its_row_and_column(data: Path):
    row = edit(data / "requirements.csv", "id", "PC53-PSR", driver="per_moon")
    assert f"requirements.csv, row {row}, column driver: unknown driver 'per_moon'" in " ".join(problems(data))


def test_a_requirement_may_use_a_driver_the_catalogue_defines(data: Path):
    write(data / "drivers.csv", [{"key": "ap_places", "name": "Approved premises places", "unit": "place",
                                  "description": ""}])  # fmt: skip
    trusts = [t["name"] for t in rows(data / "trusts.csv")]
    write(data / "driver_volumes.csv", [
        {"trust": t, "driver": "ap_places", "volume": "70", "provenance__kind": "estimate", "provenance__document": "",
         "provenance__location": "", "provenance__address": "", "provenance__rationale": "test: 70 places a trust"}
        for t in trusts
    ])  # fmt: skip
    edit(data / "requirements.csv", "id", "APH-RECORDS", driver="ap_places", occurrences_per_unit="4")
    cat = read_catalogue(data)
    assert len(cat.driver_volumes) == len(trusts)
    table = run_audit(cat).table(requirements=["APH-RECORDS"])
    assert set(table["occurrences"]) == {280}


def test_driver_volumes_must_name_a_defined_driver_and_a_trust(data: Path):
    write(data / "drivers.csv", [{"key": "ap_places", "name": "Places", "unit": "place", "description": ""}])
    base = {"volume": "1", "provenance__kind": "estimate", "provenance__document": "", "provenance__location": "",
            "provenance__address": "", "provenance__rationale": "test"}  # fmt: skip
    write(data / "driver_volumes.csv", [
        {"trust": "Nowhere Probation Trust", "driver": "ap_places", **base},
        {"trust": rows(data / "trusts.csv")[0]["name"], "driver": "uw_hours", **base},
        {"trust": rows(data / "trusts.csv")[1]["name"], "driver": "per_case", **base},
    ])  # fmt: skip
    found = " | ".join(problems(data))
    assert "driver_volumes.csv, row 2, column trust: unknown trust 'Nowhere Probation Trust'" in found
    assert "driver_volumes.csv, row 3, column driver: unknown driver 'uw_hours': define it in drivers" in found
    assert "driver_volumes.csv, row 4, column driver: per_case is a built-in driver" in found


def test_a_defined_driver_may_not_take_a_built_in_key():
    with pytest.raises(ValidationError, match="built-in driver"):
        VolumeDriver(key="per_case", name="Cases", unit="case")


def test_minutes_that_are_not_the_sum_of_the_activities_are_refused_in_their_column(data: Path):
    row = edit(data / "requirements.csv", "id", "PTRS-DATA-CHECK", minutes_central="200")
    found = " | ".join(problems(data))
    assert f"requirements.csv, row {row}, column minutes_central: minutes central must be the sum" in found
    assert "(240)" in found


def test_minutes_left_blank_are_the_sum_of_the_activities(data: Path):
    edit(data / "requirements.csv", "id", "PTRS-DATA-CHECK", minutes_low="", minutes_central="", minutes_high="",
         minutes_provenance__kind="", minutes_provenance__rationale="")  # fmt: skip
    check = next(r for r in read_catalogue(data).requirements if r.id == "PTRS-DATA-CHECK")
    assert (check.minutes_low, check.minutes_central, check.minutes_high) == (120, 240, 480)
    assert check.minutes_provenance.is_estimate and check.minutes_provenance.rationale == ACTIVITY_SUM


def test_an_activity_with_an_unknown_grade_or_requirement_is_refused_with_its_row(data: Path):
    path = data / "activities.csv"
    table = rows(path)
    table[0]["grade"] = "wizard"
    table.append({**table[1], "requirement": "NO-SUCH", "id": "extra"})
    write(path, table)
    found = " | ".join(problems(data))
    assert "activities.csv, row 2, column grade: unknown staff grade 'wizard'" in found
    assert f"activities.csv, row {len(table) + 1}, column requirement: unknown requirement 'NO-SUCH'" in found


def test_an_activity_with_unordered_minutes_is_refused_with_its_row(data: Path):
    path = data / "activities.csv"
    table = rows(path)
    table[2]["minutes_low"] = "500"
    write(path, table)
    assert any(p.startswith("activities.csv, row 4") and "low <= central <= high" in p for p in problems(data))


def test_activities_go_through_the_store_and_back_out_unchanged(tmp_path: Path):
    db = open_db(tmp_path / "p.db")
    cat = load_default_catalogue()
    save_catalogue(db, cat)
    assert load_catalogue(db) == cat
    out = export_catalogue(load_catalogue(db), tmp_path / "out", "csv")
    for name in ("activities.csv", "drivers.csv", "driver_volumes.csv", "requirements.csv"):
        assert (out / name).read_bytes() == (DEFAULT_DATA / name).read_bytes(), name


def test_a_requirement_saved_without_its_activities_keeps_them_and_wrong_minutes_are_refused(tmp_path: Path):
    db = open_db(tmp_path / "p.db")
    save_catalogue(db, load_default_catalogue())
    stored = get_requirement(db, "PTRS-DATA-CHECK")
    # As a form builds it: every field but the activities, which it does not show.
    from catalogue.models import Requirement

    form = Requirement.model_validate(stored.model_dump(exclude={"activities"}) | {"text": "Reworded."})
    upsert_requirement(db, form, actor="ann")
    again = get_requirement(db, "PTRS-DATA-CHECK")
    assert again.text == "Reworded." and again.activities == stored.activities
    wrong = Requirement.model_validate(form.model_dump(exclude={"activities"}) | {"minutes_central": 200})
    with pytest.raises(ValidationError, match="sum of the activities"):
        upsert_requirement(db, wrong, actor="ann")
    assert get_requirement(db, "PTRS-DATA-CHECK").minutes_central == 240


def test_importing_activities_alone_gives_them_to_the_stored_requirement(tmp_path: Path):
    db = open_db(tmp_path / "p.db")
    save_catalogue(db, load_default_catalogue())
    folder = tmp_path / "just"
    folder.mkdir()
    table = rows(DEFAULT_DATA / "activities.csv")
    check = [r for r in table if r["requirement"] == "PTRS-DATA-CHECK"]
    check[0]["minutes_central"] = "90"  # the sign-off takes longer
    write(folder / "activities.csv", check)
    import_catalogue(db, folder)
    updated = get_requirement(db, "PTRS-DATA-CHECK")
    assert updated.minutes_central == 270
    assert len(get_requirement(db, "NS07-RECALL-3").activities) == 3
