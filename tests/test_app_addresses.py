"""Addresses and trust pickers (AppTest): a name in the address opens that record, however spelt, or says it names
nothing; a trust manager starts at their own trust on every page and is not offered every trust's reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from audit.access import Role
from audit.accounts import add_user
from audit.scenarios import create_scenario
from catalogue.store import open_db

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")
KENT = "Kent Probation"
LONDON = "London Probation Trust"
PASSWORD = "correct horse battery"
ALL_TRUSTS = "All trusts (one report each, in a zip)"


def open_page(page: str, **query: str) -> AppTest:
    """Open ``page`` (an app_pages file) in local mode with ``query`` in its address."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.query_params.clear()
    at.query_params.update(query)
    at.switch_page(f"app_pages/{page}").run()
    assert not at.exception, at.exception
    return at


def warnings(at: AppTest) -> str:
    return "\n".join(w.value for w in at.main.warning)


def param(at: AppTest, name: str) -> str | None:
    value = at.query_params.get(name)
    return value[0] if isinstance(value, list) else value


@pytest.fixture
def scenarios(app_db: Path) -> Path:
    db = open_db(app_db)
    for name in ("First plan", "Quick wins"):
        create_scenario(db, name, actor="test")
    db.conn.close()
    return app_db


# --- fault: an address naming nothing showed another record, rewrote the address and said nothing ---


def test_an_unknown_trust_in_the_address_is_named_and_no_other_trust_is_shown(app_db: Path) -> None:
    at = open_page("trust_page.py", trust="Nonexistent")
    assert "No trust called 'Nonexistent'" in warnings(at)
    assert at.selectbox(key="trust_choice").value is None  # not silently the first trust
    assert not [m for m in at.metric if m.label == "Hours a year"]
    assert param(at, "trust") == "Nonexistent"  # the address stays as typed until a trust is chosen
    at.selectbox(key="trust_choice").select(LONDON).run()
    assert "No trust called" not in warnings(at) and param(at, "trust") == LONDON
    assert [m for m in at.metric if m.label == "Hours a year"]


def test_a_misspelt_trust_gets_suggestions(app_db: Path) -> None:
    at = open_page("trust_page.py", trust="Londn")
    assert "No trust called 'Londn'. Did you mean London Probation Trust?" in warnings(at)


@pytest.mark.parametrize("typed", ["Kent Probation Trust", "kent", "  KENT probation ", "Kent Probation"])
def test_a_trust_in_the_address_is_found_however_it_is_spelt(app_db: Path, typed: str) -> None:
    at = open_page("trust_page.py", trust=typed)
    assert "No trust called" not in warnings(at)
    assert at.selectbox(key="trust_choice").value == KENT
    assert param(at, "trust") == KENT  # the address now names the trust exactly


def test_devon_and_cornwall_with_an_ampersand(app_db: Path) -> None:
    at = open_page("trust_page.py", trust="Devon & Cornwall")
    assert at.selectbox(key="trust_choice").value == "Devon and Cornwall Probation Trust"


def test_an_unknown_scenario_in_the_address_is_named_and_no_other_scenario_is_shown(scenarios: Path) -> None:
    at = open_page("scenarios_page.py", scenario="Nonexistent")
    assert "No scenario called 'Nonexistent'" in warnings(at)
    assert at.selectbox(key="scenario_choice").value is None
    assert not [m for m in at.metric if m.label == "Proposals accepted"]
    assert param(at, "scenario") == "Nonexistent"
    at.selectbox(key="scenario_choice").select("Quick wins").run()
    assert "No scenario called" not in warnings(at) and param(at, "scenario") == "Quick wins"


def test_a_scenario_in_the_address_ignores_case_and_spacing(scenarios: Path) -> None:
    at = open_page("scenarios_page.py", scenario="  quick   WINS")
    assert "No scenario called" not in warnings(at) and at.selectbox(key="scenario_choice").value == "Quick wins"


def test_the_proposals_page_does_not_put_a_proposal_into_another_scenario(scenarios: Path) -> None:
    at = open_page("proposals_page.py", scenario="Nonexistent")
    assert "No scenario called 'Nonexistent'" in warnings(at)
    assert at.selectbox(key="prop_scenario").value is None
    assert all(b.disabled for b in at.button if b.key in ("prop-Accept in scenario", "prop-Reject in scenario"))


def test_the_reports_page_names_an_unknown_trust_and_scenario(scenarios: Path) -> None:
    at = open_page("reports_page.py", trust="Nonexistent")
    assert "No trust called 'Nonexistent'" in warnings(at)
    assert at.selectbox(key="reports_trust").value is None
    assert at.button(key="reports_generate").disabled
    at = open_page("reports_page.py", scenario="Nonexistent")
    at.radio(key="reports_kind").set_value("proposals").run()
    assert "No scenario called 'Nonexistent'" in warnings(at)
    assert at.selectbox(key="reports_scenario").value is None


def test_a_trust_chosen_on_one_page_is_where_the_next_page_starts(app_db: Path) -> None:
    at = open_page("trust_page.py")
    at.selectbox(key="trust_choice").select(LONDON).run()
    at.query_params.clear()  # the sidebar's links carry no ?trust=
    at.switch_page("app_pages/reports_page.py").run()
    assert at.selectbox(key="reports_trust").value == LONDON


# --- fault: a trust manager was offered the wrong trust --------------------------------------------


@pytest.fixture
def manager(app_db: Path) -> Path:
    db = open_db(app_db)
    add_user(db, "kent", PASSWORD, Role.TRUST_MANAGER, trust=KENT)
    add_user(db, "ana", PASSWORD, Role.ASSOCIATION_ANALYST)
    db.conn.close()
    return app_db


def login(username: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.text_input(key="login-username").input(username)
    at.text_input(key="login-password").input(PASSWORD)
    at.button(key="FormSubmitter:login-form-Log in").click().run()
    assert not at.exception, at.exception
    return at


def test_a_trust_manager_lands_on_their_own_trust_after_login(manager: Path) -> None:
    at = login("kent")
    assert [t.value for t in at.title] == ["Trust burden"]
    assert at.selectbox(key="trust_choice").value == KENT


def test_others_land_on_the_national_overview(manager: Path) -> None:
    at = login("ana")
    assert [t.value for t in at.title] == ["National overview"]


def test_a_trust_managers_reports_start_at_their_trust_without_the_all_trusts_zip(manager: Path) -> None:
    at = login("kent")
    at.query_params.clear()
    at.switch_page("app_pages/reports_page.py").run()
    picker = at.selectbox(key="reports_trust")
    assert picker.value == KENT
    assert ALL_TRUSTS not in picker.options


def test_an_analyst_is_offered_the_all_trusts_zip(manager: Path) -> None:
    at = login("ana")
    at.switch_page("app_pages/reports_page.py").run()
    assert ALL_TRUSTS in at.selectbox(key="reports_trust").options
