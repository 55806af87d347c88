"""The Trust page's measurement grid under AppTest: saves are all or nothing, bad input is named by row and column,
no false conflicts, and a figure far from the national one needs a confirmation and a comment, then stays flagged."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from streamlit.testing.v1 import AppTest

from audit.accounts import add_user
from catalogue.history import history_for
from catalogue.models import LocalMeasurement
from catalogue.store import load_catalogue, open_db, save_local_measurement

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
PASSWORD = "correct horse battery"


def start(trust: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["trust"] = trust
    at.run()
    at.switch_page("app_pages/trust_page.py").run()
    assert not at.exception, at.exception
    return at


def first_trust(app_db: Path) -> str:
    return load_catalogue(open_db(app_db)).trusts[0].name


def grid(at: AppTest) -> Any:
    return at.data_editor[0].value


def edit(at: AppTest, trust: str, rows: dict[int, dict[str, Any]]) -> AppTest:
    """Type ``rows`` into the measurement grid as a browser would (edits keyed by row position), then rerun."""
    key = at.session_state[f"measure_last_{trust}"]["key"]
    at.session_state[key] = {"edited_rows": rows, "added_rows": [], "deleted_rows": []}
    at.run()
    assert not at.exception, at.exception
    return at


def errors(at: AppTest) -> list[str]:
    return [e.value for e in at.error]


def warnings(at: AppTest) -> list[str]:
    return [w.value for w in at.warning]


def stored(app_db: Path) -> list[LocalMeasurement]:
    return load_catalogue(open_db(app_db)).local_measurements


def try_to_save(at: AppTest) -> None:
    """Click Save as a user would: a disabled button cannot be clicked."""
    button = at.button(key="save_measurements")
    if not button.disabled:
        button.click().run()
        assert not at.exception, at.exception


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def plausible_minutes(national: float) -> float:
    """A measured time close enough to the national one to need no confirmation."""
    return round(national * 1.2, 1) or 1.0


# --- a successful save is not a conflict -------------------------------------------------------------------


def test_a_successful_save_shows_no_conflict_and_writes_one_history_entry(app_db: Path) -> None:
    trust = first_trust(app_db)
    at = start(trust)
    top = grid(at).iloc[0]
    rid, minutes = top["requirement"], plausible_minutes(float(top["national_minutes"]))
    edit(at, trust, {0: {"local_minutes": str(minutes), "comment": "timed"}})
    at.button(key="save_measurements").click().run()
    assert not at.exception
    assert any("Saved 1 measurement(s)" in s.value for s in at.success)
    for _ in range(2):  # the run after the save and any later one
        assert not any("set aside" in w for w in warnings(at)), warnings(at)
        assert not [b for b in at.button if b.key == "measure_reapply"]
        at.run()
    [saved] = stored(app_db)
    assert (saved.requirement, saved.minutes, saved.comment) == (rid, minutes, "timed")
    assert len(history_for(open_db(app_db), "local_measurement", f"{trust} / {rid}")) == 1


def test_the_same_figure_saved_by_someone_else_meanwhile_is_no_conflict(app_db: Path) -> None:
    trust = first_trust(app_db)
    at = start(trust)
    top = grid(at).iloc[0]
    rid, minutes = top["requirement"], plausible_minutes(float(top["national_minutes"]))
    edit(at, trust, {0: {"local_minutes": str(minutes), "comment": "timed"}})
    save_local_measurement(
        open_db(app_db),
        LocalMeasurement(trust=trust, requirement=rid, minutes=minutes, comment="timed", recorded_by="other",
                         recorded_on=dt.date(2026, 11, 24)),
        actor="other",
    )  # fmt: skip
    at.run()
    assert not any("set aside" in w for w in warnings(at)), warnings(at)
    assert [h["actor"] for h in history_for(open_db(app_db), "local_measurement", f"{trust} / {rid}")] == ["other"]


# --- bad input: named by row and column, nothing saved -----------------------------------------------------


def test_a_negative_or_non_numeric_figure_is_refused_naming_its_row_and_column(app_db: Path) -> None:
    trust = first_trust(app_db)
    at = start(trust)
    first, second = grid(at).iloc[0], grid(at).iloc[1]
    edit(at, trust, {0: {"local_minutes": "-5"}, 1: {"local_occurrences": "abc"}})
    problems = errors(at)
    minutes_problem = next(p for p in problems if first["requirement"] in p)
    count_problem = next(p for p in problems if second["requirement"] in p)
    assert "Our minutes" in minutes_problem and "-5" in minutes_problem
    assert "Our times a year" in count_problem and "abc" in count_problem
    for p in problems:
        assert "local_minutes" not in p and "greater_than" not in p and "float" not in p
    assert at.button(key="save_measurements").disabled
    try_to_save(at)
    assert stored(app_db) == []


def test_one_invalid_row_saves_nothing_and_once_fixed_both_save_and_the_figures_refresh(app_db: Path) -> None:
    trust = first_trust(app_db)
    at = start(trust)
    before = metric(at, "Hours a year")
    first, second = grid(at).iloc[0], grid(at).iloc[1]
    good = str(plausible_minutes(float(first["national_minutes"])))
    edit(at, trust, {0: {"local_minutes": good}, 1: {"local_minutes": "-5"}})
    try_to_save(at)
    assert stored(app_db) == [], "nothing is saved while one row is wrong"
    assert any(second["requirement"] in p and "Our minutes" in p for p in errors(at)), errors(at)
    assert not any("Saved" in s.value for s in at.success)
    fixed = str(plausible_minutes(float(second["national_minutes"])))
    edit(at, trust, {0: {"local_minutes": good}, 1: {"local_minutes": fixed}})
    assert errors(at) == []
    assert at.button(key="save_measurements").label == "Save 2 measurement(s)"
    at.button(key="save_measurements").click().run()
    assert sorted(m.requirement for m in stored(app_db)) == sorted([first["requirement"], second["requirement"]])
    assert metric(at, "Hours a year") != before
    assert any("Saved 2 measurement(s)" in s.value for s in at.success)


# --- a figure far from the national one ---------------------------------------------------------------------


def test_a_figure_far_from_the_national_one_needs_a_confirmation_and_a_comment_then_is_flagged(
    app_db: Path,
) -> None:
    trust = first_trust(app_db)
    at = start(trust)
    top = grid(at).iloc[0]
    rid, national = top["requirement"], float(top["national_minutes"])
    slip = round(national * 12 + 1)
    edit(at, trust, {0: {"local_minutes": str(slip)}})
    text = " ".join(warnings(at))
    assert rid in text and "Our minutes" in text and "national" in text
    assert at.button(key="save_measurements").disabled
    try_to_save(at)
    assert stored(app_db) == [], "not saved without a confirmation"

    at.checkbox(key="measure_confirm").check().run()
    assert any(rid in p and "Comment" in p for p in errors(at)), "a confirmed outlier still needs its comment"
    assert at.button(key="save_measurements").disabled

    edit(at, trust, {0: {"local_minutes": str(slip), "comment": "timed over 20 cases: includes travel"}})
    at.checkbox(key="measure_confirm").check().run()
    assert errors(at) == []
    assert not at.button(key="save_measurements").disabled
    at.button(key="save_measurements").click().run()
    [saved] = stored(app_db)
    assert (saved.requirement, saved.minutes) == (rid, slip)
    [entry] = history_for(open_db(app_db), "local_measurement", f"{trust} / {rid}")
    assert "timed over 20 cases" in entry["reason"] and "confirmed" in entry["reason"]
    at.run()
    flagged = " ".join([*warnings(at), *(m.value for m in at.markdown), *(c.value for c in at.caption)])
    assert "far from the national" in flagged and rid in flagged


def test_changing_a_confirmed_figure_asks_again(app_db: Path) -> None:
    trust = first_trust(app_db)
    at = start(trust)
    national = float(grid(at).iloc[0]["national_minutes"])
    edit(at, trust, {0: {"local_minutes": str(round(national * 12 + 1)), "comment": "checked"}})
    at.checkbox(key="measure_confirm").check().run()
    assert not at.button(key="save_measurements").disabled
    edit(at, trust, {0: {"local_minutes": str(round(national * 20 + 1)), "comment": "checked"}})
    assert at.button(key="save_measurements").disabled, "a confirmation covers the figures it was given for"


# --- who sees every flagged figure ----------------------------------------------------------------------------


def _login(username: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.text_input(key="login-username").input(username)
    at.text_input(key="login-password").input(PASSWORD)
    at.button(key="FormSubmitter:login-form-Log in").click().run()
    return at


def test_the_association_sees_every_flagged_figure_and_a_trust_manager_does_not(app_db: Path) -> None:
    db = open_db(app_db)
    cat = load_catalogue(db)
    kent, other = cat.trusts[0].name, cat.trusts[1].name
    at = start(other)
    top = grid(at).iloc[0]
    rid, national = top["requirement"], float(top["national_minutes"])
    save_local_measurement(
        db, LocalMeasurement(trust=other, requirement=rid, minutes=round(national * 12 + 1), comment="really",
                             recorded_by="lee", recorded_on=dt.date(2026, 11, 24)), actor="lee"
    )  # fmt: skip
    add_user(db, "ana", PASSWORD, "association_analyst")
    add_user(db, "kim", PASSWORD, "trust_manager", trust=kent)
    db.conn.close()

    ana = _login("ana")
    ana.switch_page("app_pages/trust_page.py").run()
    assert not ana.exception
    flagged = [d.value for d in ana.dataframe if "trust" in d.value.columns]
    assert any(other in set(f["trust"]) and rid in set(f["requirement"]) for f in flagged), "every trust's flags"

    kim = _login("kim")
    kim.switch_page("app_pages/trust_page.py").run()
    assert not kim.exception
    assert not any("trust" in d.value.columns and other in set(d.value["trust"]) for d in kim.dataframe)
    assert not any("every trust" in s.value.lower() and "flagged" in s.value.lower() for s in kim.subheader)


def test_edits_set_aside_when_the_rows_shown_change_are_reapplied_once(app_db: Path) -> None:
    trust = first_trust(app_db)
    at = start(trust)
    top = grid(at).iloc[0]
    rid, minutes = top["requirement"], plausible_minutes(float(top["national_minutes"]))
    edit(at, trust, {0: {"local_minutes": str(minutes), "comment": "timed"}})
    at.text_input(key="measure_find").input(str(grid(at).iloc[3]["requirement"])).run()  # other rows now
    assert any("rows shown changed" in w and "set aside" in w for w in warnings(at)), warnings(at)
    assert stored(app_db) == [], "set aside, not saved"
    at.button(key="measure_reapply").click().run()
    assert not at.exception
    assert any("Reapplied 1 measurement(s)" in s.value for s in at.success)
    [saved] = stored(app_db)
    assert (saved.requirement, saved.minutes, saved.comment) == (rid, minutes, "timed")
    at.run()
    assert not any("set aside" in w for w in warnings(at))
    assert len(history_for(open_db(app_db), "local_measurement", f"{trust} / {rid}")) == 1
