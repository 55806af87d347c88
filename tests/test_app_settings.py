"""The Settings page under AppTest: every change needs a reason and is confirmed old -> new, in plain words."""

from __future__ import annotations

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

from audit.policy import Policy, load_policy
from catalogue.history import history_for
from catalogue.store import open_db

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
CENTRAL = "set_familiarisation_minutes_central"


def settings_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/settings_page.py").run()
    assert not at.exception, at.exception
    return at


def save(at: AppTest, reason: str | None = None) -> AppTest:
    if reason is not None:
        at.text_input(key="settings_reason").input(reason)
    at.button(key="save_settings").click().run()
    assert not at.exception, at.exception
    return at


def stored(app_db: Path) -> Policy:
    db = open_db(app_db)
    try:
        return load_policy(db)
    finally:
        db.conn.close()


def reasons(app_db: Path) -> list[str]:
    db = open_db(app_db)
    try:
        return [e["reason"] for e in history_for(db, "setting", "audit.policy")]
    finally:
        db.conn.close()


def test_a_change_without_a_reason_is_refused_and_kept_on_screen_then_saved_with_one(app_db: Path) -> None:
    at = settings_page()
    at.number_input(key=CENTRAL).set_value(40.0)
    save(at)
    assert [e.value for e in at.error] == [
        "Give a reason for changing Familiarisation minutes per person, central (35 → 40)."
    ]
    assert stored(app_db).familiarisation_minutes_central == 35.0  # nothing saved
    assert at.number_input(key=CENTRAL).value == 40.0  # the edit is still there to be saved with a reason
    assert not at.success

    save(at, "a longer read of the new standards")
    assert [s.value for s in at.success] == [
        "Saved with your reason: Familiarisation minutes per person, central: 35 → 40. Every page now uses it."
    ]
    assert not at.error
    assert stored(app_db).familiarisation_minutes_central == 40.0
    assert reasons(app_db) == ["a longer read of the new standards"]
    assert at.text_input(key="settings_reason").value == ""  # the reason belonged to that change


def test_saving_again_says_nothing_changed_and_a_later_change_with_a_new_reason_works(app_db: Path) -> None:
    at = settings_page()
    at.number_input(key=CENTRAL).set_value(40.0)
    save(at, "first reason")
    save(at, "the same values again")
    assert [i.value for i in at.info] == ["Nothing changed: every setting already has the value shown."]
    assert reasons(app_db) == ["first reason"]

    at.number_input(key="set_overhead_rate").set_value(30.0)  # typed as a percentage
    save(at, "Eurostat flat rate")
    assert [s.value for s in at.success] == [
        "Saved with your reason: Overhead on labour cost: 25% → 30%. Every page now uses it."
    ]
    assert stored(app_db).overhead_rate == 0.3 and stored(app_db).familiarisation_minutes_central == 40.0
    assert reasons(app_db) == ["first reason", "Eurostat flat rate"]


def test_restoring_the_defaults_needs_a_reason_and_lists_what_it_restores(app_db: Path) -> None:
    at = settings_page()
    at.number_input(key="set_overhead_rate").set_value(30.0)
    save(at, "sensitivity")
    assert "Overhead on labour cost: 30% → 25%" in "\n".join(m.value for m in at.markdown)
    at.button(key="settings_reset").click().run()
    assert any("reason" in e.value for e in at.error) and stored(app_db).overhead_rate == 0.3
    at.text_input(key="settings_reset_reason").input("back to the published figures")
    at.button(key="settings_reset").click().run()
    assert [s.value for s in at.success] == [
        "Restored the defaults with your reason: Overhead on labour cost: 30% → 25%. Every page now uses them."
    ]
    assert stored(app_db) == Policy()


def test_settings_read_in_plain_words_with_percentages_and_public_sources(app_db: Path) -> None:
    at = settings_page()
    labels = [n.label for n in at.number_input] + [c.label for c in at.checkbox] + [d.label for d in at.date_input]
    assert "Overhead on labour cost (%)" in labels
    assert [label for label in labels if "_" in label] == []
    assert at.number_input(key="set_overhead_rate").value == 25.0
    table = at.dataframe[0].value
    overhead = table[table["Setting"] == "Overhead on labour cost"].iloc[0]
    assert overhead["Value"] == "25%"
    text = " ".join(str(v) for v in table.to_numpy().ravel())
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", " ".join(table["Setting"])), "snake_case setting names"
    for bad in ("../", ".md", "UNVERIFIED", "shared/reference", "0.250"):
        assert bad not in text


def test_grades_in_a_setting_read_as_the_catalogues_grade_names_not_their_codes(app_db: Path) -> None:
    table = settings_page().dataframe[0].value
    grades = table[table["Setting"] == "Grades the direct-contact share applies to"].iloc[0]
    assert grades["Value"] == "Probation Officer, Probation Services Officer"
