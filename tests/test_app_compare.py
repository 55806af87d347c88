"""The Compare page under AppTest on the default data: each of its three modes, and who may open it."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from audit.access import Role, User, visible_pages
from audit.accounts import add_user
from audit.scenarios import accept, create_scenario
from catalogue.store import open_db

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
PAGE = "app_pages/compare_page.py"
KENT = "Kent Probation"
LONDON = "London Probation Trust"
ESSEX = "Essex Probation"
PASSWORD = "correct horse battery"
MAY_COMPARE = {Role.ADMINISTRATOR, Role.TRUST_MANAGER, Role.ASSOCIATION_ANALYST, Role.MINISTRY_REVIEWER}


def text_of(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [c.value for c in at.caption] + [i.value for i in at.info]
    return "\n".join(parts)


def open_compare(**query: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=90)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    at.switch_page(PAGE).run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize("role", list(Role))
def test_the_compare_page_is_offered_to_exactly_the_roles_that_compare(role):
    user = User("u", role, trust=KENT if role in {Role.TRUST_MANAGER, Role.TRUST_STAFF} else None)
    assert ("compare" in visible_pages(user)) == (role in MAY_COMPARE)


def test_trusts_side_by_side_need_two_and_then_show_both(app_db):
    at = open_compare()
    assert [t.value for t in at.title] == ["Compare"]
    assert "Choose at least two trusts" in text_of(at)
    at.multiselect(key="compare_trusts").set_value([KENT, LONDON, ESSEX]).run()
    assert not at.exception and not at.error
    figures = at.dataframe[0].value  # one column per trust, in the order chosen
    assert list(figures.columns) == ["measure", KENT, LONDON, ESSEX]
    assert "rest on **evidence**" in text_of(at)
    assert len(at.get("vega_lite_chart")) >= 4  # per offender, hours, by activity, by purpose
    assert f"Against {KENT}" in [s.value for s in at.subheader]


def test_a_trust_against_its_region_and_its_size_band(app_db):
    at = open_compare(trust=KENT)
    at.radio(key="compare_mode").set_value("A trust against its peers").run()
    assert at.selectbox(key="compare_peer_trust").value == KENT
    shown = text_of(at)
    assert "Hampshire Probation Trust" in shown and "trusts in South East" in shown
    table = at.dataframe[0].value
    assert table["measure"].tolist()[:2] == ["Hours per offender a year", "Cost per offender a year"]
    assert set(table["position"]) <= {"above every peer", "below every peer", "within the peers' range"}
    at.radio(key="compare_peer_by").set_value("size").run()
    assert "larger trusts (caseload" in text_of(at)
    at.selectbox(key="compare_peer_trust").set_value(LONDON).run()
    at.radio(key="compare_peer_by").set_value("region").run()
    assert "has no peers to compare with" in text_of(at)


def test_two_scenarios_side_by_side(app_db):
    from audit.engine import run_audit
    from audit.proposals import actionable
    from catalogue.store import load_catalogue

    db = open_db(app_db)
    ids = actionable(run_audit(load_catalogue(db)).proposals)["id"].tolist()
    create_scenario(db, "Lean", actor="ann")
    create_scenario(db, "Deep", actor="ann")
    accept(db, "Lean", ids[:2], actor="ann")
    accept(db, "Deep", ids[:5], actor="ann")
    db.conn.close()
    at = open_compare()
    at.radio(key="compare_mode").set_value("Two scenarios side by side").run()
    assert not at.exception
    assert at.selectbox(key="compare_first").value == "Deep"
    assert at.selectbox(key="compare_second").value == "Lean"
    assert [m.label for m in at.metric] == ["Money saved a year", "FTE released"] * 2
    assert "5 proposal(s) accepted, 0 rejected" in text_of(at)
    differing = at.dataframe[-1].value
    assert sorted(differing["id"]) == sorted(ids[2:5])
    assert set(differing["first"]) == {"accepted"} and set(differing["second"]) == {"not decided"}
    assert "saves" in text_of(at) and "less than **Deep**" in text_of(at)


def test_with_fewer_than_two_scenarios_the_page_says_what_to_do(app_db):
    at = open_compare()
    at.radio(key="compare_mode").set_value("Two scenarios side by side").run()
    assert "Two scenarios are needed" in text_of(at)


@pytest.fixture
def kent_manager(app_db):
    db = open_db(app_db)
    add_user(db, "kent", PASSWORD, Role.TRUST_MANAGER, trust=KENT)
    db.conn.close()
    return app_db


def test_a_trust_manager_starts_at_their_trust_and_sees_no_other_trusts_own_measurements(kent_manager):
    import datetime as dt

    from catalogue.models import LocalMeasurement
    from catalogue.store import save_local_measurement

    db = open_db(kent_manager)
    requirement = db.execute("SELECT id FROM requirements LIMIT 1").fetchone()[0]
    for trust, comment in ((LONDON, "london secret"), (KENT, "kent own")):
        save_local_measurement(
            db, LocalMeasurement(trust=trust, requirement=requirement, minutes=1, comment=comment,
                                 recorded_on=dt.date(2026, 11, 1)), actor="x"
        )  # fmt: skip
    db.conn.close()
    at = AppTest.from_file(APP, default_timeout=90)
    at.run()
    at.text_input(key="login-username").input("kent")
    at.text_input(key="login-password").input(PASSWORD)
    at.button(key="FormSubmitter:login-form-Log in").click().run()
    at.switch_page(PAGE).run()
    assert at.multiselect(key="compare_trusts").value == [KENT]
    at.multiselect(key="compare_trusts").set_value([KENT, LONDON]).run()
    figures = at.dataframe[0].value.set_index("measure")
    assert figures.loc["Own measurements", LONDON] == "not visible to you"
    assert figures.loc["Own measurements", KENT] == "1 requirement(s) measured"
    assert f"The own measurements of {LONDON} are not visible to you" in text_of(at)
    local = next(d.value for d in at.dataframe if "national_minutes" in d.value.columns)
    assert set(local["trust"]) == {KENT}
