"""A whole time study in a real browser, as its users do it. The accounts are made as an administrator makes them
(`proportion users add`); everything else happens in the pages: the trust manager sets up the study on Time studies
(requirements, grades, period and participants chosen in the widgets), two trust staff log in on a 390 px wide
screen and record a day (times, minutes, 'did not occur') and see what they recorded, the manager downloads the
study's template, has it filled for a code-only participant and uploads it, accepts the results, and the Trust page
shows them as local measurements with their 95% interval and the study as their source."""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Browser, Page, ViewportSize, expect

from audit.access import Role, User
from audit.engine import run_audit
from audit.study import entries, studies_for
from catalogue.store import load_catalogue, open_db
from tests.conftest import ROOT, serve_app

pytestmark = pytest.mark.browser
WAIT = 45_000
PASSWORD = "correct horse battery"
SERVER = ROOT / "proportion_server.py"  # what `proportion serve` runs
PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 1000}
today = dt.date.today()
START = today - dt.timedelta(days=today.weekday())  # this week's Monday: the page opens on today if it is in the period
END = START + dt.timedelta(days=11)  # the Friday of next week: ten working days
GRADES = ["Probation Officer (incl. senior practitioner, PDA)", "Probation Services Officer (incl. other operational)"]


def users_add(db_path: Path, username: str, role: str, trust: str, name: str) -> None:
    """Create an account with the command an administrator uses (the app has no page for accounts)."""
    subprocess.run(
        [sys.executable, "-m", "proportion", "users", "add", username, "--role", role, "--trust", trust,
         "--name", name, "--db", str(db_path)],
        cwd=ROOT, env={**os.environ, "PROPORTION_PASSWORD": PASSWORD}, check=True, capture_output=True,
    )  # fmt: skip


@pytest.fixture(scope="module")
def study_server(default_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict]:
    """The app on the default data with a trust manager and two trust staff of one trust, and no study yet."""
    home = tmp_path_factory.mktemp("study")
    db_path = home / "proportion.db"
    shutil.copy(default_db_template, db_path)
    db = open_db(db_path)
    catalogue = load_catalogue(db)
    trust = catalogue.trusts[0].name
    measure_first = run_audit(catalogue).measure_first_by_trust[trust]
    db.conn.close()
    users_add(db_path, "manager", "trust_manager", trust, "Mo Manager")
    users_add(db_path, "sam", "trust_staff", trust, "Sam Staff")
    users_add(db_path, "kim", "trust_staff", trust, "Kim Staff")
    with serve_app(db_path, home, SERVER) as url:
        yield {"url": url, "db": db_path, "trust": trust, "measure_first": measure_first, "home": home}


def login(page: Page, url: str, username: str) -> None:
    page.goto(url)
    expect(page.get_by_label("Username")).to_be_visible(timeout=WAIT)
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Log in", exact=True).click()


def settled(page: Page) -> None:
    """Wait until the page has run to its end, so what is typed next is not lost to a rerun still drawing."""
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=WAIT)


def open_time_studies(page: Page) -> None:
    page.get_by_test_id("stSidebarNav").get_by_text("Time studies", exact=True).click()
    expect(page.get_by_role("heading", name="Time studies")).to_be_visible(timeout=WAIT)
    settled(page)


def type_date(page: Page, label: str, day: dt.date) -> None:
    """Type ``day`` into the date field labelled ``label``, as a person does: day, month, year."""
    page.get_by_role("spinbutton", name=f"day, {label}").click()
    page.keyboard.type(f"{day:%d%m%Y}")  # the field moves on from day to month to year by itself
    field = page.get_by_test_id("stDateInput").filter(has_text=label)
    expect(field.locator("input[type=date]")).to_have_value(day.isoformat(), timeout=WAIT)


def choose(page: Page, label: str, option: str) -> None:
    """Pick ``option`` in the multiselect labelled ``label``, typing to filter its (virtualised) list."""
    page.get_by_role("combobox", name=label).click()
    page.keyboard.type(option)
    page.get_by_role("option", name=option).first.click()
    page.keyboard.press("Escape")


def set_up_the_study(page: Page, server: dict) -> None:
    """The manager sets up a study of two requirements, two grades, two weeks and three participants."""
    page.set_viewport_size(DESKTOP)
    login(page, server["url"], "manager")
    expect(page.get_by_test_id("stSidebar").get_by_text("Signed in as Mo Manager")).to_be_visible(timeout=WAIT)
    open_time_studies(page)
    expect(page.get_by_text(f"{server['trust']} has no time study yet.")).to_be_visible(timeout=WAIT)
    form = page.get_by_test_id("stForm")
    page.get_by_label("Title", exact=True).fill("Phone study")
    type_date(page, "First day", START)
    type_date(page, "Last day", END)
    # The requirements start at the trust's 'measure these first' list; this study measures the top two.
    requirements = page.get_by_test_id("stMultiSelect").filter(has_text="Requirements to measure")
    for rid in server["measure_first"]:
        expect(requirements).to_contain_text(rid, timeout=WAIT)
    keep = server["measure_first"][:2]
    for rid in server["measure_first"][2:]:
        requirements.get_by_role("button", name=re.compile(f"^Remove {rid} ")).click()
    for grade in GRADES:
        choose(page, "Grades taking part", grade)
    for username in ("sam", "kim"):
        choose(page, "Trust staff who record in the app", username)
    page.get_by_label("Participants with a code only (they fill in the template)").fill("1")
    form.get_by_role("button", name="Set up the study").click()
    expect(page.get_by_text("set up with 3 participants", exact=False)).to_be_visible(timeout=WAIT)
    server["keep"] = keep


def record(page: Page, server: dict, username: str, times: str, minutes: str) -> None:
    """Log in on a phone, record the first requirement and mark the second 'did not occur', save."""
    page.set_viewport_size(PHONE)
    login(page, server["url"], username)
    expect(page.get_by_role("heading", name="Record my time")).to_be_visible(timeout=WAIT)  # their only page
    expect(page.get_by_role("button", name="Save this day")).to_be_visible(timeout=WAIT)
    settled(page)
    times_done, minutes_in_all = page.get_by_label("Times done"), page.get_by_label("Minutes in all")
    did_not_occur = page.get_by_role("checkbox", name="Did not occur")
    for _ in range(5):  # a rerun still drawing the page as the fields are typed in can drop what was typed: again
        times_done.first.fill(times)
        times_done.first.press("Tab")
        minutes_in_all.first.fill(minutes)
        minutes_in_all.first.press("Tab")
        if times_done.nth(1).input_value():  # a redraw can carry what was typed into the next requirement's field
            times_done.nth(1).fill("")
            times_done.nth(1).press("Tab")
        if not did_not_occur.nth(1).is_checked():
            page.get_by_text("Did not occur").nth(1).click()
        page.wait_for_timeout(500)
        typed = [times_done.first.input_value(), minutes_in_all.first.input_value(), times_done.nth(1).input_value()]
        if typed[0] == times and typed[1] and float(typed[1]) == float(minutes) and not typed[2]:
            break
    expect(times_done.first).to_have_value(times)
    expect(times_done.nth(1)).to_have_value("")
    expect(did_not_occur.nth(1)).to_be_checked()
    page.get_by_role("button", name="Save this day").click()
    expect(page.get_by_text("Saved 2 figure(s)")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("1 of 10 working days recorded.")).to_be_visible(timeout=WAIT)


def test_a_manager_runs_a_time_study_from_set_up_to_the_trust_page(
    page: Page, browser: Browser, study_server: dict, output_path: str
) -> None:
    os.makedirs(output_path, exist_ok=True)
    shots = Path(output_path)
    trust = study_server["trust"]
    set_up_the_study(page, study_server)
    page.screenshot(path=str(shots / "study-set-up.png"), full_page=True)
    manager = User("manager", Role.TRUST_MANAGER, trust=trust)
    [study] = studies_for(open_db(study_server["db"]), manager)
    first, second = study_server["keep"]
    assert (study.title, study.starts, study.ends, study.requirements) == ("Phone study", START, END, (first, second))
    assert set(study.grades) == {"po", "pso"}
    assert [(p.code, p.username) for p in study.participants] == [("P01", "sam"), ("P02", "kim"), ("P03", None)]

    phone = browser.new_context().new_page()  # the first participant, on their phone
    record(phone, study_server, "sam", "2", "30")
    # Nothing spills sideways on a phone: the page is no wider than the screen.
    assert phone.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    expect(phone.get_by_text("participant P01", exact=False)).to_be_visible()
    phone.screenshot(path=str(shots / "record-phone.png"), full_page=True)
    other = browser.new_context().new_page()  # the second participant, on their own phone
    record(other, study_server, "kim", "4", "70")
    saved = entries(open_db(study_server["db"]), manager, study.id)
    assert sorted(saved[["participant", "requirement", "occurrences", "minutes"]].values.tolist()) == sorted(
        [["P01", first, 2, 30.0], ["P01", second, 0, 0.0], ["P02", first, 4, 70.0], ["P02", second, 0, 0.0]]
    )

    # Back on the manager's screen: the results of the two, measured beside national, and the offline template.
    page.reload()
    expect(page.get_by_role("heading", name="Time studies")).to_be_visible(timeout=WAIT)
    expect(page.get_by_test_id("stVegaLiteChart")).to_be_visible(timeout=WAIT)
    page.screenshot(path=str(shots / "study-results.png"), full_page=True)
    with page.expect_download(timeout=WAIT) as download:
        page.get_by_role("button", name="Download the template (XLSX)").click()
    assert download.value.suggested_filename == f"time-study-{study.id}.xlsx"
    downloaded = shots / download.value.suggested_filename
    download.value.save_as(downloaded)
    book = load_workbook(downloaded)
    codes = {row[0].value for row in book["Recording"].iter_rows(min_row=2)}
    assert codes == {"P01", "P02", "P03"}  # participants by code only
    for row in book["Recording"].iter_rows(min_row=2):
        if row[0].value == "P03" and row[2].value == first and row[1].value.date() == START:
            row[3].value, row[4].value = 3, 60
    filled = shots / "template-filled.xlsx"
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
    expect(page.get_by_text(f"as {trust}'s local measurements")).to_be_visible(timeout=WAIT)

    page.get_by_test_id("stSidebarNav").get_by_text("Trust", exact=True).click()
    expect(page.get_by_text(f"Measured in {trust}'s time studies", exact=False)).to_be_visible(timeout=WAIT)
    db = open_db(study_server["db"])
    [m] = [m for m in load_catalogue(db).local_measurements if m.requirement == first]
    db.conn.close()
    assert m.minutes_low is not None and m.minutes_high is not None and m.minutes_low < m.minutes < m.minutes_high
    # The figures' grid is drawn on a canvas; its cells are in the page for assistive technology.
    expect(page.get_by_text(f"{m.minutes_low:,.1f}-{m.minutes_high:,.1f}", exact=True).first).to_be_attached(
        timeout=WAIT
    )
    expect(page.get_by_text('Local measurement: time study "Phone study"', exact=False).first).to_be_attached()
    expect(page.get_by_text("3 participants", exact=False).first).to_be_attached()
    page.get_by_text(f"Measured in {trust}'s time studies", exact=False).scroll_into_view_if_needed()
    page.screenshot(path=str(shots / "trust-study-figures.png"))
