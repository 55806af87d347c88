"""AppTest of the Catalogue page's "Add or edit" forms: a new record never replaces an existing one."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from catalogue.history import history_for
from catalogue.store import get_directive, get_requirement, load_catalogue, open_db
from tests.test_app_pages import APP

NEW = "➕ New"


def edit_view(kind: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["cat_view"] = "Add or edit"
    at.run()
    at.switch_page("app_pages/catalogue_page.py").run()
    at.radio(key="edit_kind").set_value(kind).run()
    assert not at.exception, at.exception
    return at


def fill_new_requirement(at: AppTest, rid: str, text: str) -> None:
    k = f"rf_{NEW}"
    at.text_input(key=f"{k}_id").input(rid)
    at.text_area(key=f"{k}_text").input(text)
    at.text_input(key=f"{k}_fp_why").input("stated once a year")
    at.text_input(key=f"{k}_mp_why").input("timed in a test")
    at.text_input(key=f"{k}_reason").input("added in a test")
    at.button(key="save_requirement").click().run()
    assert not at.exception, at.exception


def fill_new_directive(at: AppTest, ref: str, title: str) -> None:
    k = f"df_{NEW}"
    at.text_input(key=f"{k}_ref").input(ref)
    at.text_input(key=f"{k}_title").input(title)
    at.text_input(key=f"{k}_reason").input("added in a test")
    at.button(key="save_directive").click().run()
    assert not at.exception, at.exception


def errors(at: AppTest) -> str:
    return "\n".join(e.value for e in at.error)


@pytest.mark.parametrize("variant", [str, str.lower, lambda rid: f"  {rid} "])
def test_a_new_requirement_with_a_taken_id_is_refused_with_a_way_to_open_it(app_db: Path, variant) -> None:
    db = open_db(app_db)
    existing = load_catalogue(db).requirements[0]
    entries = len(history_for(db, "requirement", existing.id))
    at = edit_view("Requirement")
    for _ in range(2):  # saving again must not replace it either
        fill_new_requirement(at, variant(existing.id), "A different duty that must not replace the old one.")
        shown = errors(at)
        assert "already exists" in shown and existing.id in shown
        assert "changed by someone else" not in shown
        assert get_requirement(open_db(app_db), existing.id) == existing
        assert len(history_for(open_db(app_db), "requirement", existing.id)) == entries
    opener = at.button(key="open_existing_requirement")
    assert existing.id in opener.label
    opener.click().run()
    assert at.selectbox(key="edit_req_target").value == existing.id
    assert at.text_input(key=f"rf_{existing.id}_id").value == existing.id
    assert at.text_area(key=f"rf_{existing.id}_text").value == existing.text
    assert not at.error


def test_a_saved_new_requirement_opens_for_editing(app_db: Path) -> None:
    at = edit_view("Requirement")
    fill_new_requirement(at, "TEST-NEW-1", "Offender managers must record a test duty.")
    assert not at.error, errors(at)
    assert get_requirement(open_db(app_db), "TEST-NEW-1").text == "Offender managers must record a test duty."
    assert at.selectbox(key="edit_req_target").value == "TEST-NEW-1"
    assert at.text_input(key="rf_TEST-NEW-1_id").disabled
    # an edit of it is an edit, not a second creation
    at.text_area(key="rf_TEST-NEW-1_text").input("Offender managers must record a changed test duty.")
    at.text_input(key="rf_TEST-NEW-1_reason").input("reworded")
    at.button(key="save_requirement").click().run()
    assert not at.error, errors(at)
    assert get_requirement(open_db(app_db), "TEST-NEW-1").text == "Offender managers must record a changed test duty."
    # going back to "New" shows an empty form, not the record just saved
    at.selectbox(key="edit_req_target").set_value(NEW).run()
    assert at.text_input(key=f"rf_{NEW}_id").value not in ("", "TEST-NEW-1")  # a fresh suggestion
    assert at.text_area(key=f"rf_{NEW}_text").value == ""


@pytest.mark.parametrize("variant", [str, str.lower, lambda ref: f" {ref.replace(' ', '  ')} "])
def test_a_new_directive_with_a_taken_reference_is_refused_with_a_way_to_open_it(app_db: Path, variant) -> None:
    db = open_db(app_db)
    existing = load_catalogue(db).directives[0]
    entries = len(history_for(db, "directive", existing.reference))
    at = edit_view("Directive")
    for _ in range(2):
        fill_new_directive(at, variant(existing.reference), "A title that must not replace the old one")
        shown = errors(at)
        assert "already exists" in shown and existing.reference in shown
        assert "changed by someone else" not in shown
        assert get_directive(open_db(app_db), existing.reference) == existing
        assert len(history_for(open_db(app_db), "directive", existing.reference)) == entries
    at.button(key="open_existing_directive").click().run()
    assert at.selectbox(key="edit_dir_target").value == existing.reference
    assert at.text_input(key=f"df_{existing.reference}_title").value == existing.title


def test_a_saved_new_directive_opens_for_editing(app_db: Path) -> None:
    at = edit_view("Directive")
    fill_new_directive(at, "PI 98/2011", "A test instruction")
    assert not at.error, errors(at)
    assert get_directive(open_db(app_db), "PI 98/2011").title == "A test instruction"
    assert at.selectbox(key="edit_dir_target").value == "PI 98/2011"
    assert at.text_input(key="df_PI 98/2011_ref").disabled


# --- the refusal in a real browser (Debian Chromium driven by Playwright) ----------------------


@pytest.mark.browser
def test_in_a_browser_a_taken_id_is_refused_and_opens_the_record(
    page, app_url: str, app_server_db: Path, output_path: str
) -> None:
    from playwright.sync_api import expect

    from tests.test_browser_app import WAIT, open_page, settle, shot

    existing = load_catalogue(open_db(app_server_db)).requirements[0]
    open_page(page, f"{app_url}/catalogue")
    page.get_by_text("Add or edit", exact=True).click()
    form = page.get_by_test_id("stForm")
    expect(page.get_by_role("textbox", name="Id")).to_be_editable(timeout=WAIT)
    page.get_by_role("textbox", name="Id").fill(existing.id.lower())
    form.get_by_role("textbox", name="Text").fill("A different duty that must not replace the old one.")
    for why in form.get_by_role("textbox", name="Rationale (required for an estimate)").all():
        why.fill("an estimate made in a test")
    form.get_by_role("textbox", name="Reason for the change (kept in the history)").fill("added in a test")
    for _ in range(2):  # saving again is refused just the same
        form.get_by_role("button", name="Save requirement").click()
        expect(page.get_by_text(f"A requirement '{existing.id}' already exists")).to_be_visible(timeout=WAIT)
        settle(page)
        assert get_requirement(open_db(app_server_db), existing.id) == existing
    expect(page.get_by_text("changed by someone else")).to_have_count(0)
    shot(page, output_path, "catalogue-id-taken")
    page.get_by_role("button", name=f"Open requirement {existing.id} for editing").click()
    expect(page.get_by_role("combobox", name="Requirement")).to_have_value(existing.id, timeout=WAIT)
    expect(form.get_by_role("textbox", name="Text")).to_have_value(existing.text)
    expect(page.get_by_role("textbox", name="Id")).to_be_disabled()
