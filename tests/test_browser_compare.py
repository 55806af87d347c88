"""The Compare page in a real browser: a trust manager sets their trust beside two others, and an association
analyst sets two scenarios side by side."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from audit.access import Role
from audit.accounts import add_user
from audit.engine import run_audit
from audit.proposals import actionable
from audit.scenarios import accept, create_scenario
from catalogue.store import load_catalogue, open_db
from tests.conftest import serve_app

pytestmark = pytest.mark.browser
WAIT = 60_000
PASSWORD = "correct horse battery"
KENT = "Kent Probation"
LONDON = "London Probation Trust"
ESSEX = "Essex Probation"


@pytest.fixture(scope="module")
def app_to_compare(default_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The app with accounts (a Kent trust manager, an association analyst) and two scenarios, Lean and Deep."""
    home = tmp_path_factory.mktemp("compare")
    db_path = home / "proportion.db"
    shutil.copy(default_db_template, db_path)
    db = open_db(db_path)
    add_user(db, "kent", PASSWORD, Role.TRUST_MANAGER, trust=KENT, name="Kim Kent")
    add_user(db, "ana", PASSWORD, Role.ASSOCIATION_ANALYST, name="Ana Analyst")
    ids = actionable(run_audit(load_catalogue(db)).proposals)["id"].tolist()
    create_scenario(db, "Lean", actor="Ana Analyst")
    create_scenario(db, "Deep", actor="Ana Analyst")
    accept(db, "Lean", ids[:2], actor="Ana Analyst")
    accept(db, "Deep", ids[:5], actor="Ana Analyst")
    db.conn.close()
    with serve_app(db_path, home) as url:
        yield url


def log_in(page: Page, url: str, username: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 1000})
    page.goto(url)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()


def open_compare(page: Page) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text("Compare", exact=True).click()
    expect(page.get_by_role("heading", name="Compare")).to_be_visible(timeout=WAIT)


def add_trust(page: Page, name: str) -> None:
    page.get_by_role("combobox", name="Trusts").click()
    page.keyboard.type(name)  # the option list is virtualised: filter it by typing
    page.get_by_role("option", name=name, exact=True).click()
    page.keyboard.press("Escape")


def test_a_trust_manager_compares_their_trust_with_two_others(page: Page, app_to_compare: str) -> None:
    log_in(page, app_to_compare, "kent")
    expect(page.get_by_role("heading", name="Trust burden")).to_be_visible(timeout=WAIT)
    open_compare(page)
    chosen = page.get_by_test_id("stMultiSelect")
    expect(chosen).to_contain_text(KENT, timeout=WAIT)  # their own trust is already chosen
    expect(page.get_by_text("Choose at least two trusts")).to_be_visible(timeout=WAIT)
    add_trust(page, LONDON)
    add_trust(page, ESSEX)
    expect(page.get_by_role("heading", name=f"Against {KENT}")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text(f"The own measurements of {LONDON}, {ESSEX} are not visible to you")).to_be_visible()
    expect(page.get_by_text("The differences between these trusts rest on")).to_be_visible()
    charts = page.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(4, timeout=WAIT)  # per offender, hours, by activity, by purpose
    expect(charts.first).to_be_visible(timeout=WAIT)
    # The first chart draws a bar per trust, named on its axis; hovering a bar names the trust in its tooltip.
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=WAIT)  # the page has run to its end
    chart = charts.first
    chart.scroll_into_view_if_needed()
    tooltip = page.locator("#vg-tooltip-element")
    for attempt in range(10):  # the chart may still be laying out: hover again until the tooltip shows
        box = chart.bounding_box()
        assert box is not None
        chart.hover(position={"x": box["width"] * (0.5 + attempt / 100), "y": box["height"] * 0.3})
        if "Trust" in (tooltip.text_content() or ""):
            break
        page.wait_for_timeout(500)
    expect(tooltip).to_contain_text("Trust", timeout=WAIT)
    expect(tooltip).to_contain_text(KENT)  # the heaviest bar per offender, first in the order chosen


def test_an_analyst_compares_two_scenarios(page: Page, app_to_compare: str) -> None:
    log_in(page, app_to_compare, "ana")
    expect(page.get_by_role("heading", name="National overview")).to_be_visible(timeout=WAIT)
    open_compare(page)
    page.get_by_text("Two scenarios side by side", exact=True).click()
    expect(page.get_by_role("combobox", name="First scenario")).to_have_value("Deep", timeout=WAIT)
    expect(page.get_by_role("combobox", name="Second scenario")).to_have_value("Lean", timeout=WAIT)
    expect(page.get_by_role("heading", name="Proposals decided differently")).to_be_visible(timeout=WAIT)
    metrics = page.get_by_test_id("stMetric").filter(has_text="Money saved a year")
    expect(metrics).to_have_count(2, timeout=WAIT)
    expect(page.get_by_text("less than Deep", exact=False)).to_be_visible()
    expect(page.get_by_role("heading", name="Savings by action")).to_be_visible()
    # Swap them: the page follows.
    page.get_by_role("combobox", name="First scenario").click()
    page.get_by_role("option", name="Lean", exact=True).click()
    expect(page.get_by_role("combobox", name="Second scenario")).to_have_value("Deep", timeout=WAIT)
    expect(page.get_by_text("more than Lean", exact=False)).to_be_visible(timeout=WAIT)
