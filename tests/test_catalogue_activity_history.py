"""A requirement's activities and the catalogue's drivers have a history like every other field: who changed
what, when and why, through the store, an edit or an import."""

from __future__ import annotations

import json

from catalogue.dataset import load_default_catalogue
from catalogue.history import history_for, history_of, verify_history
from catalogue.models import DriverVolume, Provenance, VolumeDriver
from catalogue.store import get_requirement, load_catalogue, save_catalogue, upsert_requirement

RID = "PTRS-DATA-CHECK"  # two activities in the default data: sign_off (spo) and validate (admin)


def with_activities(requirement, activities):
    data = requirement.model_dump()
    data["activities"] = [a.model_dump() for a in activities]
    for level in ("minutes_low", "minutes_central", "minutes_high"):
        data[level] = None  # taken as the activities' sum
    data["minutes_provenance"] = None
    return type(requirement).model_validate(data)


def test_adding_changing_and_removing_an_activity_is_in_the_requirements_history(default_db):
    before = get_requirement(default_db, RID)
    sign_off, validate = before.activities
    longer = validate.model_copy(update={"minutes_central": validate.minutes_central + 30,
                                         "minutes_high": validate.minutes_high + 30})  # fmt: skip
    upsert_requirement(default_db, with_activities(before, [sign_off, longer]), actor="Eddie", reason="timed again")
    [change] = history_for(default_db, "activity", f"{RID} / validate")
    assert (change["action"], change["actor"], change["reason"]) == ("update", "Eddie", "timed again")
    assert json.loads(change["old_value"])["minutes_central"] == validate.minutes_central
    assert json.loads(change["new_value"])["minutes_central"] == validate.minutes_central + 30
    assert history_for(default_db, "activity", f"{RID} / sign_off") == []  # unchanged: nothing recorded

    upsert_requirement(default_db, with_activities(get_requirement(default_db, RID), [longer]), actor="Eddie",
                       reason="no countersignature any more")  # fmt: skip
    [removed] = history_for(default_db, "activity", f"{RID} / sign_off")
    assert removed["action"] == "delete" and json.loads(removed["old_value"])["grade"] == "spo"
    assert removed["new_value"] is None

    upsert_requirement(default_db, with_activities(get_requirement(default_db, RID), [sign_off, longer]),
                       actor="Eddie", reason="countersigned again")  # fmt: skip
    assert [h["action"] for h in history_for(default_db, "activity", f"{RID} / sign_off")] == ["delete", "create"]
    # The requirement's History view (Catalogue page) lists its activity changes, newest first.
    view = [(h["entity"], h["entity_id"], h["action"]) for h in history_of(default_db, "requirement", RID)]
    assert view[0] == ("activity", f"{RID} / sign_off", "create")
    assert ("activity", f"{RID} / validate", "update") in view
    assert verify_history(default_db).ok


def test_a_form_edit_that_keeps_the_activities_records_none(default_db):
    before = get_requirement(default_db, RID)
    form = type(before).model_validate(before.model_dump(exclude={"activities"}) | {"text": before.text + " (sic)"})
    upsert_requirement(default_db, form, actor="Eddie", reason="typo")
    assert [h["entity"] for h in history_of(default_db, "requirement", RID)] == ["requirement"]


def test_an_import_that_changes_an_existing_requirements_activities_records_them(default_db):
    catalogue = load_catalogue(default_db)
    changed = []
    for r in catalogue.requirements:
        if r.id == RID:
            r = with_activities(r, r.activities[1:])  # sign_off removed
        changed.append(r)
    save_catalogue(default_db, catalogue.model_copy(update={"requirements": changed}), actor="ann",
                   reason="import of catalogue.xlsx")  # fmt: skip
    [removed] = history_for(default_db, "activity", f"{RID} / sign_off")
    assert (removed["action"], removed["actor"], removed["reason"]) == ("delete", "ann", "import of catalogue.xlsx")
    # Requirements whose activities the import left as they were get no entry.
    assert {h["entity_id"].split(" / ")[0] for h in default_db.table("history").rows_where("entity = 'activity'")} == {
        RID
    }


def test_an_import_into_an_empty_database_records_only_the_import(empty_db):
    save_catalogue(empty_db, load_default_catalogue(), actor="ann", reason="first import")
    assert {h["entity"] for h in empty_db.table("history").rows} == {"catalogue"}


def test_drivers_and_their_volumes_changed_by_an_import_are_in_the_history(default_db):
    catalogue = load_catalogue(default_db)
    trust = catalogue.trusts[0].name
    driver = VolumeDriver(key="ap_places", name="Approved premises places", unit="place")
    volume = DriverVolume(trust=trust, driver="ap_places", volume=24,
                          provenance=Provenance.estimate("places listed in the trust's business plan"))  # fmt: skip
    save_catalogue(default_db, catalogue.model_copy(update={"drivers": [driver], "driver_volumes": [volume]}),
                   actor="ann", reason="first places")  # fmt: skip
    save_catalogue(default_db, catalogue.model_copy(update={
        "drivers": [driver], "driver_volumes": [volume.model_copy(update={"volume": 30})]}),
        actor="bob", reason="a new hostel")  # fmt: skip
    [created] = history_for(default_db, "driver", "ap_places")
    assert (created["action"], created["actor"]) == ("create", "ann")
    changes = history_for(default_db, "driver_volume", f"{trust} / ap_places")
    assert [(h["action"], h["actor"], h["reason"]) for h in changes] == [
        ("create", "ann", "first places"),
        ("update", "bob", "a new hostel"),
    ]
    assert json.loads(changes[-1]["old_value"])["volume"] == 24 and json.loads(changes[-1]["new_value"])["volume"] == 30
    # The trust's History view lists its volumes' changes.
    assert ("driver_volume", "update") in [(h["entity"], h["action"]) for h in history_of(default_db, "trust", trust)]
