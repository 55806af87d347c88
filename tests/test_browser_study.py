"""A time study in a real browser at phone width: two participants log in on a 390 px wide screen, record a day
(times, minutes, 'did not occur'), see what they recorded; the trust manager then uploads the template of a third,
code-only participant, sees the results, accepts them, and the Trust page shows them as local measurements with
their 95% interval."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, ViewportSize, expect

from audit.access import Role, User
from audit.accounts import add_user
from audit.engine import run_audit
from audit.study import create_study, entries
from audit.study_template import template
from catalogue.store import load_catalogue, open_db
from tests.conftest import ROOT, serve_app

pytestmark = pytest.mark.browser
WAIT = 45_000
PASSWORD = "correct horse battery"
SERVER = ROOT / "proportion_server.py"  # what `proportion serve` runs
PHONE: ViewportSize = {"width": 390, "height": 844}
today = dt.date.today()
START = today - dt.timedelta(days=today.weekday())  # this week's Monday: the page opens on today if it is in the period
END = START + dt.timedelta(days=11)


@pytest.fixture(scope="module")
def study_server(default_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """An app with accounts (a manager and two trust staff of one trust) and an open study of two requirements."""
    home = tmp_path_factory.mktemp("study")
    db_path = home / "proportion.db"
    shutil.copy(default_db_template, db_path)
    db = open_db(db_path)
    catalogue = load_catalogue(db)
    trust = catalogue.trusts[0].name
    add_user(db, "manager", PASSWORD, Role.TRUST_MANAGER, trust=trust, name="Mo Manager")
    add_user(db, "sam", PASSWORD, Role.TRUST_STAFF, trust=trust, name="Sam Staff")
    add_user(db, "kim", PASSWORD, Role.TRUST_STAFF, trust=trust, name="Kim Staff")
    measure = run_audit(catalogue).measure_first_by_trust[trust][:2]
    study = create_study(
        db, User("manager", Role.TRUST_MANAGER, trust=trust), trust=trust, title="Phone study", starts=START,
        ends=END, requirements=measure, accounts=["sam", "kim"], anonymous=1,
    )  # fmt: skip
    db.conn.close()
    with serve_app(db_path, home, SERVER) as url:
        yield {"url": url, "db": db_path, "study": study, "measure": measure, "trust": trust}


def login(page: Page, url: str, username: str) -> None:
    page.goto(url)
    expect(page.get_by_label("Username")).to_be_visible(timeout=WAIT)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()


def record(page: Page, server: dict, username: str, times: str, minutes: str) -> None:
    """Log in on a phone, record the first requirement and mark the second 'did not occur', save."""
    page.set_viewport_size(PHONE)
    login(page, server["url"], username)
    expect(page.get_by_role("heading", name="Record my time")).to_be_visible(timeout=WAIT)  # their only page
    page.get_by_label("Times done").first.fill(times)
    page.get_by_label("Minutes in all").first.fill(minutes)
    page.get_by_text("Did not occur").nth(1).click()
    page.get_by_role("button", name="Save this day").click()
    expect(page.get_by_text("Saved 2 figure(s)")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("1 of 10 working days recorded.")).to_be_visible(timeout=WAIT)


def test_two_participants_record_at_phone_width_and_the_manager_sees_the_results(
    page: Page, browser: Browser, study_server: dict, output_path: str
) -> None:
    record(page, study_server, "sam", "2", "30")
    # Nothing spills sideways on a phone: the page is no wider than the screen.
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(page.get_by_text("participant P01", exact=False)).to_be_visible()
    os.makedirs(output_path, exist_ok=True)
    page.screenshot(path=str(Path(output_path) / "record-phone.png"), full_page=True)
    other = browser.new_context().new_page()  # the second participant, on their own phone
    record(other, study_server, "kim", "4", "70")

    study = study_server["study"]
    saved = entries(open_db(study_server["db"]), User("manager", Role.TRUST_MANAGER, trust=study_server["trust"]),
                    study.id)  # fmt: skip
    first, second = study_server["measure"]
    assert sorted(saved[["participant", "requirement", "occurrences", "minutes"]].values.tolist()) == sorted(
        [["P01", first, 2, 30.0], ["P01", second, 0, 0.0], ["P02", first, 4, 70.0], ["P02", second, 0, 0.0]]
    )

    page = browser.new_context(viewport={"width": 1280, "height": 1000}).new_page()
    login(page, study_server["url"], "manager")
    expect(page.get_by_test_id("stSidebar").get_by_text("Signed in as Mo Manager")).to_be_visible(timeout=WAIT)
    page.get_by_test_id("stSidebarNav").get_by_text("Time studies", exact=True).click()
    expect(page.get_by_role("heading", name="Time studies")).to_be_visible(timeout=WAIT)
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible(timeout=WAIT)  # measured beside national
    page.screenshot(path=str(Path(output_path) / "study-results.png"), full_page=True)

    # The code-only participant's template, filled offline and uploaded.
    db = open_db(study_server["db"])
    content = template(db, User("manager", Role.TRUST_MANAGER, trust=study_server["trust"]), study.id,
                       load_catalogue(db))  # fmt: skip
    db.conn.close()
    book = load_workbook(io.BytesIO(content))
    for row in book["Recording"].iter_rows(min_row=2):
        if row[0].value == "P03" and row[2].value == first and row[1].value.date() == START:
            row[3].value, row[4].value = 3, 60
    filled = Path(output_path) / "template-filled.xlsx"
    book.save(filled)
    page.locator("input[type=file]").set_input_files(str(filled))
    page.get_by_role("button", name="Add the template's entries").click()
    expect(page.get_by_text("Added 1 entries from the template.")).to_be_visible(timeout=WAIT)

    # Accept: figures far from the national ones wait for a confirmation and a reason.
    page.get_by_role("button", name="Accept as local measurements").wait_for(timeout=WAIT)
    if page.get_by_text("These figures are right").count():
        page.get_by_text("These figures are right").click()
        page.get_by_label("Why they are right").fill("a busy fortnight")
        page.get_by_label("Why they are right").press("Enter")
    page.get_by_role("button", name="Accept as local measurements").click()
    expect(page.get_by_text("as " + study_server["trust"] + "'s local measurements")).to_be_visible(timeout=WAIT)

    page.get_by_test_id("stSidebarNav").get_by_text("Trust", exact=True).click()
    expect(page.get_by_text("time studies", exact=False).first).to_be_visible(timeout=WAIT)
    db = open_db(study_server["db"])
    [m] = [m for m in load_catalogue(db).local_measurements if m.requirement == first]
    db.conn.close()
    assert m.minutes_low is not None and m.minutes_low < m.minutes < m.minutes_high
    # The figures' grid is drawn on a canvas; its cells are in the page for assistive technology.
    expect(page.get_by_text(f"{m.minutes_low:,.1f}-{m.minutes_high:,.1f}", exact=True).first).to_be_attached(
        timeout=WAIT
    )
    expect(page.get_by_text('Local measurement: time study "Phone study"', exact=False).first).to_be_attached()
    page.screenshot(path=str(Path(output_path) / "trust-study-figures.png"), full_page=True)
