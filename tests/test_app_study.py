"""The Time studies and Record my time pages under AppTest: a manager sets up a study, a participant records a day
(bad figures named, nothing half saved), the manager sees the results and accepts them; no one outside the trust
sees the study."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from audit.access import Role, User
from audit.accounts import add_user
from audit.engine import run_audit
from audit.study import DayEntry, create_study, entries, record_day
from audit.study_privacy import WITHHELD
from catalogue.store import load_catalogue, open_db

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
PASSWORD = "correct horse battery"
START, END = dt.date(2011, 5, 2), dt.date(2011, 5, 13)


@pytest.fixture
def world(app_db: Path) -> dict:
    db = open_db(app_db)
    catalogue = load_catalogue(db)
    trust, other = catalogue.trusts[0].name, catalogue.trusts[1].name
    add_user(db, "manager", PASSWORD, Role.TRUST_MANAGER, trust=trust)
    add_user(db, "elsewhere", PASSWORD, Role.TRUST_MANAGER, trust=other)
    add_user(db, "sam", PASSWORD, Role.TRUST_STAFF, trust=trust, name="Sam Smith")
    add_user(db, "kim", PASSWORD, Role.TRUST_STAFF, trust=trust)
    add_user(db, "outsider", PASSWORD, Role.TRUST_STAFF, trust=other)
    measure = run_audit(catalogue).measure_first_by_trust[trust][:2]
    db.conn.close()
    return {"db": app_db, "trust": trust, "other": other, "measure": measure}


def as_user(user: User, page: str) -> AppTest:
    """Open ``page`` after logging in as ``user`` through the login form."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.text_input(key="login-username").input(user.username)
    at.text_input(key="login-password").input(PASSWORD)
    at.button(key="FormSubmitter:login-form-Log in").click().run()
    at.switch_page(f"app_pages/{page}").run()
    assert not at.exception, at.exception
    return at


def manager(world: dict) -> User:
    return User("manager", Role.TRUST_MANAGER, trust=world["trust"])


def sam(world: dict) -> User:
    return User("sam", Role.TRUST_STAFF, trust=world["trust"], name="Sam Smith")


def a_study(world: dict):
    db = open_db(world["db"])
    study = create_study(
        db, manager(world), trust=world["trust"], title="May 2011", starts=START, ends=END,
        requirements=world["measure"], accounts=["sam", "kim"], anonymous=1,
    )  # fmt: skip
    db.conn.close()
    return study


def test_the_study_page_renders_for_the_local_administrator(app_db: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/study_page.py").run()
    assert not at.exception and [t.value for t in at.title] == ["Time studies"]
    assert not at.error


def test_a_manager_sets_up_a_study_starting_at_the_measure_first_list(world: dict) -> None:
    at = as_user(manager(world), "study_page.py")
    assert at.multiselect(key="study_requirements").value[:2] == world["measure"]
    at.text_input(key="study_title").input("May 2011")
    at.date_input(key="study_starts").set_value(START)
    at.date_input(key="study_ends").set_value(END)
    at.multiselect(key="study_accounts").set_value(["sam"])
    at.number_input(key="study_anonymous").set_value(2)
    at.button(key="FormSubmitter:new_study-Set up the study").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("3 participants (2-13 May 2011)" in s.value for s in at.success), [s.value for s in at.success]
    progress = at.dataframe[0].value
    assert progress["Participant"].tolist() == ["P01", "P02", "P03"]
    assert "sam" not in progress.to_string() and "Sam Smith" not in progress.to_string()


def test_a_study_without_a_title_or_participants_is_refused_with_every_problem(world: dict) -> None:
    at = as_user(manager(world), "study_page.py")
    at.button(key="FormSubmitter:new_study-Set up the study").click().run()
    text = " ".join(e.value for e in at.error)
    assert "Give the study a title" in text and "Add at least one participant" in text
    assert open_db(world["db"]).execute("SELECT count(*) FROM studies").fetchone()[0] == 0


def test_a_participant_records_a_day_and_sees_it(world: dict) -> None:
    study = a_study(world)
    first, second = world["measure"]
    at = as_user(sam(world), "record_page.py")
    assert [t.value for t in at.title] == ["Record my time"]
    assert any("participant **P01**" in c.value for c in at.caption)
    base = f"rec_{study.id}_{START.isoformat()}"
    at.number_input(key=f"{base}_{first}_times").set_value(2)
    at.number_input(key=f"{base}_{first}_minutes").set_value(35.0)
    at.checkbox(key=f"{base}_{second}_none").check()
    at.button(key=f"FormSubmitter:record_{study.id}_{START.isoformat()}-Save this day").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("Saved 2 figure(s)" in s.value for s in at.success)
    shown = at.dataframe[0].value
    assert sorted(shown[["Requirement", "Times", "Minutes"]].values.tolist()) == sorted(
        [[first, 2, 35.0], [second, 0, 0.0]]
    )
    saved = entries(open_db(world["db"]), manager(world), study.id)
    assert sorted(saved[["participant", "requirement", "occurrences"]].values.tolist()) == sorted(
        [["P01", first, 2], ["P01", second, 0]]
    )


def test_minutes_without_times_are_refused_and_nothing_is_saved(world: dict) -> None:
    study = a_study(world)
    first, second = world["measure"]
    at = as_user(sam(world), "record_page.py")
    base = f"rec_{study.id}_{START.isoformat()}"
    at.number_input(key=f"{base}_{first}_minutes").set_value(20.0)
    at.number_input(key=f"{base}_{second}_times").set_value(1)
    at.number_input(key=f"{base}_{second}_minutes").set_value(5.0)
    at.button(key=f"FormSubmitter:record_{study.id}_{START.isoformat()}-Save this day").click().run()
    assert [e.value for e in at.error] and "give how many times it was done" in at.error[0].value
    assert first in at.error[0].value
    assert entries(open_db(world["db"]), manager(world), study.id).empty


def test_trust_staff_see_only_the_recording_page_and_no_other_trust_sees_the_study(world: dict) -> None:
    a_study(world)
    from streamlit_app import page_specs

    titles = {title for specs in page_specs(sam(world)).values() for _, title, _, _ in specs}
    assert titles == {"Record my time"}
    at = as_user(User("elsewhere", Role.TRUST_MANAGER, trust=world["other"]), "study_page.py")
    assert any("has no time study yet" in i.value for i in at.info)
    outsider = User("outsider", Role.TRUST_STAFF, trust=world["other"])
    at = as_user(outsider, "record_page.py")
    assert any("not a participant" in i.value for i in at.info)


def test_the_manager_sees_results_with_a_chart_and_accepts_them(world: dict) -> None:
    study = a_study(world)
    first = world["measure"][0]
    db = open_db(world["db"])
    national = next(r for r in load_catalogue(db).requirements if r.id == first)
    per_time = national.minutes_central  # the national figure itself: plausible, no confirmation needed
    for who, times in (("sam", 2), ("kim", 3)):
        user = User(who, Role.TRUST_STAFF, trust=world["trust"])
        for day in (START, START + dt.timedelta(days=1)):
            record_day(db, user, study.id, day, [DayEntry(first, str(times), str(times * per_time))])
    db.conn.close()
    at = as_user(manager(world), "study_page.py")
    results = at.dataframe[1].value.set_index("Requirement")
    assert results.loc[first, "Minutes each (study)"] == round(per_time, 1)
    assert results.loc[first, "Participants"] == 2
    [chart] = at.get("vega_lite_chart")
    spec = json.loads(chart.proto.spec)
    assert {layer["mark"]["type"] for layer in spec["layer"]} == {"rule", "point"}
    at.multiselect(key="study_accept").set_value([first]).run()
    # Two or three a day each is far more than the national count for the trust: the save waits for a confirmation.
    assert any("far from the national ones" in w.value for w in at.warning)
    at.button(key="study_accept_button").click().run()
    assert "Confirm the figures far" in at.error[0].value
    assert not load_catalogue(open_db(world["db"])).local_measurements
    next(c for c in at.checkbox if c.label == "These figures are right").check()
    at.text_input(key="study_accept_comment").input("a busy fortnight")
    at.button(key="study_accept_button").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    assert any("Accepted 1 requirement(s)" in s.value for s in at.success)
    [m] = [m for m in load_catalogue(open_db(world["db"])).local_measurements if m.requirement == first]
    assert m.minutes == per_time and 'time study "May 2011"' in m.comment and "a busy fortnight" in m.comment


def test_the_measured_page_shows_the_association_only_figures_over_five_participants(world: dict) -> None:
    db = open_db(world["db"])
    add_user(db, "ana", PASSWORD, Role.ASSOCIATION_ANALYST)
    first = world["measure"][0]
    names = [f"p{n}" for n in range(5)]
    for name in names:
        add_user(db, name, PASSWORD, Role.TRUST_STAFF, trust=world["trust"])
    study = create_study(
        db, manager(world), trust=world["trust"], title="Five", starts=START, ends=END, requirements=[first],
        accounts=names,
    )  # fmt: skip
    for n, name in enumerate(names):
        record_day(db, User(name, Role.TRUST_STAFF, trust=world["trust"]), study.id, START,
                   [DayEntry(first, "1", str(20 + n))])  # fmt: skip
    from audit.study_results import accept_results, plan_accept

    result = run_audit(load_catalogue(db))
    plan = plan_accept(db, manager(world), study.id, result, [first])
    accept_results(db, manager(world), study.id, result, [first], confirmed_key=plan.key, comment="measured")
    db.conn.close()
    at = as_user(User("ana", Role.ASSOCIATION_ANALYST), "measured_page.py")
    assert [t.value for t in at.title] == ["Measured across trusts"]
    figures = at.dataframe[1].value
    assert figures["Trust"].tolist() == [world["trust"]] and figures["Participants"].tolist() == [5]
    assert "sam" not in figures.to_string()
    assert at.get("vega_lite_chart")


def five_measured(world: dict) -> str:
    """A study of five trust staff of the trust, accepted: a figure the association sees and may pool."""
    db = open_db(world["db"])
    first = world["measure"][0]
    names = [f"p{n}" for n in range(5)]
    for name in names:
        add_user(db, name, PASSWORD, Role.TRUST_STAFF, trust=world["trust"])
    study = create_study(
        db, manager(world), trust=world["trust"], title="Five", starts=START, ends=END, requirements=[first],
        accounts=names,
    )  # fmt: skip
    for n, name in enumerate(names):
        record_day(db, User(name, Role.TRUST_STAFF, trust=world["trust"]), study.id, START,
                   [DayEntry(first, "1", str(20 + n))])  # fmt: skip
    from audit.study_results import accept_results, plan_accept

    result = run_audit(load_catalogue(db))
    plan = plan_accept(db, manager(world), study.id, result, [first])
    accept_results(db, manager(world), study.id, result, [first], confirmed_key=plan.key, comment="measured")
    db.conn.close()
    return first


def test_an_editor_adopts_the_pooled_figure_as_national_after_seeing_old_to_new(world: dict) -> None:
    first = five_measured(world)
    db = open_db(world["db"])
    add_user(db, "eddie", PASSWORD, Role.CATALOGUE_EDITOR, name="Eddie Editor")
    add_user(db, "ana", PASSWORD, Role.ASSOCIATION_ANALYST)
    before = next(r for r in load_catalogue(db).requirements if r.id == first)
    db.conn.close()
    analyst = as_user(User("ana", Role.ASSOCIATION_ANALYST), "measured_page.py")
    assert not [b for b in analyst.button if b.label == "Adopt as national"]  # the association reads, editors adopt
    at = as_user(User("eddie", Role.CATALOGUE_EDITOR), "measured_page.py")
    assert at.selectbox(key="adopt_requirement").value == first
    assert any("→" in m.value and first in m.value for m in at.markdown)
    at.button(key="adopt_button").click().run()
    assert at.error and "Confirm the change" in at.error[0].value and "Say why" in at.error[0].value
    assert next(r for r in load_catalogue(open_db(world["db"])).requirements if r.id == first) == before
    next(c for c in at.checkbox if c.label.startswith("Adopt this change")).check()
    at.text_input(key="adopt_reason").input("measured in a trust")
    at.button(key="adopt_button").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    after = next(r for r in load_catalogue(open_db(world["db"])).requirements if r.id == first)
    assert after.minutes_central != before.minutes_central and after.minutes_provenance.kind == "derived"
    assert world["trust"] in (after.minutes_provenance.rationale or "")


def test_the_trust_page_shows_accepted_study_figures_with_their_interval(world: dict) -> None:
    study = a_study(world)
    first = world["measure"][0]
    db = open_db(world["db"])
    national = next(r for r in load_catalogue(db).requirements if r.id == first)
    from audit.study import Entry, write_entries
    from audit.study_results import accept_results, plan_accept

    write_entries(db, manager(world), study, [
        Entry(code, START, first, 1, national.minutes_central * factor)
        for code, factor in (("P01", 0.9), ("P02", 1.0), ("P03", 1.2))
    ])  # fmt: skip
    result = run_audit(load_catalogue(db))
    plan = plan_accept(db, manager(world), study.id, result, [first])
    accept_results(db, manager(world), study.id, result, [first], confirmed_key=plan.key, comment="measured")
    [m] = [m for m in load_catalogue(db).local_measurements if m.requirement == first]
    db.conn.close()
    at = as_user(manager(world), "trust_page.py")
    assert any("Measured in" in md.value and "time studies" in md.value for md in at.markdown)
    shown = next(d.value for d in at.dataframe if "Minutes: 95% interval" in d.value.columns).set_index("Requirement")
    assert shown.loc[first, "Minutes each"] == m.minutes
    assert shown.loc[first, "Minutes: 95% interval"] == f"{m.minutes_low:,.1f}-{m.minutes_high:,.1f}"
    assert shown.loc[first, "Source"].startswith('Local measurement: time study "May 2011"')
    assert "3 participants, 2-13 May 2011" in shown.loc[first, "Source"]


def test_a_manager_without_trust_staff_accounts_is_told_how_to_get_them(app_db: Path) -> None:
    db = open_db(app_db)
    trust = load_catalogue(db).trusts[0].name
    add_user(db, "manager", PASSWORD, Role.TRUST_MANAGER, trust=trust)
    db.conn.close()
    at = as_user(User("manager", Role.TRUST_MANAGER, trust=trust), "study_page.py")
    text = " ".join(i.value for i in at.info)
    assert f"{trust} has no trust staff accounts yet" in text
    assert f'proportion users add USERNAME --role trust-staff --trust "{trust}"' in text
    assert "participants with a code only" in text


def test_the_association_does_not_see_on_the_trust_page_a_study_figure_of_fewer_than_five(world: dict) -> None:
    """Outside its trust a study's figure is shown only over at least five participants, on every page."""
    study = a_study(world)  # three participants
    first = world["measure"][0]
    db = open_db(world["db"])
    add_user(db, "ana", PASSWORD, Role.ASSOCIATION_ANALYST)
    national = next(r for r in load_catalogue(db).requirements if r.id == first)
    from audit.study import Entry, write_entries
    from audit.study_results import accept_results, plan_accept

    write_entries(db, manager(world), study, [
        Entry(code, START, first, 1, national.minutes_central * factor)
        for code, factor in (("P01", 0.9), ("P02", 1.0), ("P03", 1.2))
    ])  # fmt: skip
    result = run_audit(load_catalogue(db))
    plan = plan_accept(db, manager(world), study.id, result, [first])
    accept_results(db, manager(world), study.id, result, [first], confirmed_key=plan.key, comment="measured")
    db.conn.close()
    at = as_user(User("ana", Role.ASSOCIATION_ANALYST), "trust_page.py")
    shown = " ".join(d.value.to_string() for d in at.dataframe) + " ".join(m.value for m in at.markdown)
    assert "3 participants" not in shown and 'time study "May 2011"' not in shown
    studied = next(d.value for d in at.dataframe if "Minutes: 95% interval" in d.value.columns).set_index("Requirement")
    assert studied.loc[first, "Source"] == WITHHELD and pd.isna(studied.loc[first, "Minutes each"])
    # The trust's totals still use the figure: the analyst sees the same hours a year as the trust's manager.
    own = as_user(manager(world), "trust_page.py")
    assert [m.value for m in at.metric] == [m.value for m in own.metric]
