"""AppTest of the Catalogue page as an editor uses it: defaults, a suggested id, plain messages, business as usual,
every row of the table, and likely double counts resolved on the page."""

from __future__ import annotations

import json
from pathlib import Path

from streamlit.testing.v1 import AppTest

from catalogue.editing import form_defaults, suggested_requirement_id
from catalogue.history import history_for
from catalogue.models import Directive
from catalogue.store import create_directive, create_requirement, get_requirement, load_catalogue, open_db
from tests.factories import requirement
from tests.test_app_pages import APP

NEW = "➕ New"
K = f"rf_{NEW}"


def catalogue_view(view: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["cat_view"] = view
    at.run()
    at.switch_page("app_pages/catalogue_page.py").run()
    assert not at.exception, at.exception
    return at


def requirement_form(target: str | None = None) -> AppTest:
    at = catalogue_view("Add or edit")
    at.radio(key="edit_kind").set_value("Requirement").run()
    if target:
        at.selectbox(key="edit_req_target").set_value(target).run()
    assert not at.exception, at.exception
    return at


def shown_errors(at: AppTest) -> str:
    return "\n".join([e.value for e in at.error] + [m.value for m in at.markdown if m.value.startswith(":red[")])


def test_a_new_requirement_starts_from_the_most_common_activity_and_grade(app_db: Path) -> None:
    at = requirement_form()
    common = form_defaults(load_catalogue(open_db(app_db)))
    assert at.selectbox(key=f"{K}_activity").value == common["activity"] == "reporting"
    assert at.selectbox(key=f"{K}_grade").value == common["grade"] == "po"
    assert at.selectbox(key=f"{K}_driver").value == common["driver"]


def test_a_new_requirement_gets_an_id_suggested_from_its_directive(app_db: Path) -> None:
    cat = load_catalogue(open_db(app_db))
    at = requirement_form()
    first = at.selectbox(key=f"{K}_dir").value
    assert at.text_input(key=f"{K}_id").value == suggested_requirement_id(cat, first)
    at.selectbox(key=f"{K}_dir").set_value("PI 02/2010").run()
    assert at.text_input(key=f"{K}_id").value == "PI02-10-4"
    at.text_input(key=f"{K}_id").input("MY-OWN-ID").run()
    at.selectbox(key=f"{K}_dir").set_value("PI 15/2010").run()
    assert at.text_input(key=f"{K}_id").value == "MY-OWN-ID"  # an id typed by the editor is theirs


def test_a_wrong_id_says_what_to_type_and_the_message_goes_once_it_is_fixed(app_db: Path) -> None:
    at = requirement_form()
    at.text_input(key=f"{K}_id").input("bad id!")
    at.text_area(key=f"{K}_text").input("Offender managers must record a test duty.")
    at.text_input(key=f"{K}_fp_why").input("stated once a year")
    at.text_input(key=f"{K}_mp_why").input("timed in a test")
    at.button(key="save_requirement").click().run()
    shown = shown_errors(at)
    assert "An id is letters, digits, dots or dashes, up to 60 characters" in shown
    assert "pattern" not in shown and "String should" not in shown
    at.text_input(key=f"{K}_id").input("TEST-FIXED-1")
    at.button(key="save_requirement").click().run()
    assert not at.exception
    assert "An id is letters" not in shown_errors(at)
    assert get_requirement(open_db(app_db), "TEST-FIXED-1").text == "Offender managers must record a test duty."


def test_business_as_usual_is_edited_as_a_percentage_with_a_reason_kept_in_the_history(app_db: Path) -> None:
    rid = "PC66-UPW-3M"
    before = get_requirement(open_db(app_db), rid)
    assert before.bau_share == 0
    at = requirement_form(rid)
    k = f"rf_{rid}"
    at.number_input(key=f"{k}_bau").set_value(25)
    at.text_input(key=f"{k}_bp_why").input("a quarter of the return's figures are kept for the area's own board")
    at.button(key="save_requirement").click().run()
    assert "Say why the business-as-usual share changes" in shown_errors(at)
    assert get_requirement(open_db(app_db), rid).bau_share == 0  # nothing saved without the reason
    at.text_input(key=f"{k}_reason").input("the area board reads the same figures")
    at.button(key="save_requirement").click().run()
    assert not at.exception and not at.error
    after = get_requirement(open_db(app_db), rid)
    assert after.bau_share == 0.25
    assert after.bau_provenance is not None and "area's own board" in (after.bau_provenance.rationale or "")
    # every other field is kept as it was
    assert after.model_dump(exclude={"bau_share", "bau_provenance"}) == before.model_dump(
        exclude={"bau_share", "bau_provenance"}
    )
    entry = history_for(open_db(app_db), "requirement", rid)[-1]
    assert entry["reason"] == "the area board reads the same figures"
    assert json.loads(entry["new_value"])["bau_share"] == 0.25
    assert json.loads(entry["old_value"])["bau_share"] == 0
    # the form shows the share as a percentage
    at = requirement_form(rid)
    assert at.number_input(key=f"{k}_bau").value == 25


def test_the_catalogue_table_shows_every_requirement_with_a_count(app_db: Path) -> None:
    at = catalogue_view("Requirements")
    total = len(load_catalogue(open_db(app_db)).requirements)
    table = at.dataframe[0]
    assert len(table.value) == total
    assert any(f"{total} of {total} requirements" in c.value for c in at.caption)
    assert "Reporting / data return" in set(table.value["activity"])  # codes in words
    assert len(set(table.value.columns)) == len(table.value.columns)


def add_copy(db_path: Path) -> None:
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


def test_a_likely_double_count_is_listed_and_resolved_on_the_page(app_db: Path) -> None:
    at = catalogue_view("Double counts")
    assert any("No likely double count" in s.value for s in at.success)
    add_copy(app_db)
    at = catalogue_view("Double counts")
    assert any("1 likely double count" in c.value for c in at.caption)
    listed = at.dataframe[0].value
    assert set(listed[["a", "b"]].iloc[0]) == {"PI02-10-HOURS", "PI99-10-HOURS"}
    at.selectbox(key="dc_choice").set_value(("PI99-10-HOURS", "PI02-10-HOURS"))
    at.button(key="dc_save").click().run()
    assert "Say why PI99-10-HOURS's work is counted in PI02-10-HOURS" in shown_errors(at)
    assert get_requirement(open_db(app_db), "PI99-10-HOURS").counted_in is None
    at.text_input(key="dc_reason").input("the same record of hours, restated")
    at.button(key="dc_save").click().run()
    assert not at.exception
    saved = get_requirement(open_db(app_db), "PI99-10-HOURS")
    assert (saved.counted_in, saved.counted_in_reason) == ("PI02-10-HOURS", "the same record of hours, restated")
    assert history_for(open_db(app_db), "requirement", "PI99-10-HOURS")[-1]["reason"].endswith("restated")
    assert any("No likely double count" in s.value for s in at.success)


def test_a_requirement_on_a_defined_driver_keeps_it_when_edited(app_db: Path) -> None:
    """The form offers the catalogue's own drivers too: before, it showed the first built-in one and saved that."""
    from catalogue.models import VolumeDriver
    from catalogue.store import upsert_requirement

    db = open_db(app_db)
    db["drivers"].insert(
        VolumeDriver(key="ap_places", name="Approved premises places", unit="place").model_dump(mode="json")
    )
    rid = "PC66-UPW-3M"
    moved = get_requirement(db, rid).model_copy(update={"driver": "ap_places"})
    upsert_requirement(db, moved, actor="test", reason="counted per approved premises place")
    at = requirement_form(rid)
    k = f"rf_{rid}"
    assert at.selectbox(key=f"{k}_driver").value == "ap_places"
    assert "Approved premises places" in at.selectbox(key=f"{k}_driver").options
    at.text_input(key=f"{k}_reason").input("wording checked")
    at.button(key="save_requirement").click().run()
    assert not at.exception and not at.error
    assert get_requirement(open_db(app_db), rid).driver == "ap_places"
