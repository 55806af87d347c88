"""The four main flows in a real browser (Debian Chromium driven by Playwright), each saving a screenshot.

Screenshots go to pytest-playwright's output folder (``--output``, default ``test-results/<test>/``).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from catalogue.store import load_catalogue, open_db

pytestmark = pytest.mark.browser
WAIT = 45_000  # generous: a fresh machine with two busy cores


def settle(page: Page) -> None:
    """Wait until the script run has finished (the running indicator is gone) and charts have drawn."""
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=WAIT)
    page.wait_for_timeout(800)


def shot(page: Page, output_path: str, name: str, top: bool = True) -> Path:
    settle(page)
    if top:  # the page scrolls to the widget last used: show the top, where figures and messages are
        page.locator("h1").first.scroll_into_view_if_needed()
    os.makedirs(output_path, exist_ok=True)
    path = Path(output_path) / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def metric_value(page: Page, label: str) -> Locator:
    return page.get_by_test_id("stMetric").filter(has_text=label).get_by_test_id("stMetricValue")


def open_minutes_editor(page: Page, grid: Locator) -> Locator:
    """Open the editor of the measurements grid's first "Our minutes" cell (the fifth column); return its input.

    The grid is a canvas, reached by clicking the first cell and moving right. An arrow key handled before the
    click's selection lands leaves a read-only column selected: that editor is closed and the move tried again.
    """
    editor = page.locator("input.gdg-input, textarea.gdg-input").first
    for _ in range(5):
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + 40, box["y"] + 35 + 17)  # first row, first column
        for _ in range(4):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        expect(editor).to_be_visible(timeout=WAIT)
        if editor.is_editable():
            return editor
        page.keyboard.press("Escape")
    raise AssertionError('the "Our minutes" cell editor did not open in 5 tries')


def open_page(page: Page, url: str) -> None:
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto(url)
    expect(page.locator("h1").first).to_be_visible(timeout=WAIT)


def test_search_the_catalogue_and_open_a_requirement(page: Page, app_url: str, output_path: str) -> None:
    open_page(page, f"{app_url}/catalogue")
    count = page.get_by_text(re.compile(r"^[\d,]+ of [\d,]+ requirements$"))
    expect(count).to_be_visible(timeout=WAIT)
    everything = count.inner_text()
    search = page.get_by_label("Search requirements")
    search.fill("OASys")
    search.press("Enter")
    expect(count).not_to_have_text(everything, timeout=WAIT)
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=WAIT)  # the search's rerun has finished
    # click the box itself: the widget's middle is the gap under its label once the page has a long table; a
    # rerun still drawing the table can close the list as it opens, so open it again until it stays
    box = page.get_by_test_id("stSelectbox").filter(has_text="Open a requirement").get_by_role("combobox")
    option = page.get_by_role("option").first
    for _ in range(5):
        box.click()
        try:
            expect(option).to_be_visible(timeout=5_000)
            break
        except AssertionError:
            page.keyboard.press("Escape")
    option.click()
    expect(page.get_by_text("Every figure and where it comes from")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Minutes each time (central)", exact=False)).to_be_visible()
    assert "requirement=" in page.url
    shot(page, output_path, "catalogue-requirement")


def test_choose_a_trust_and_see_its_charts(page: Page, app_url: str, app_server_db: Path, output_path: str) -> None:
    names = [t.name for t in load_catalogue(open_db(app_server_db)).trusts]
    open_page(page, f"{app_url}/trust")
    hours = metric_value(page, "Hours a year")
    expect(hours).to_be_visible(timeout=WAIT)
    first = hours.inner_text()
    page.get_by_test_id("stSelectbox").filter(has_text="Trust").click()
    page.keyboard.type(names[-1])  # the option list is virtualised: filter it by typing
    page.get_by_role("option", name=names[-1], exact=True).click()
    expect(hours).not_to_have_text(first, timeout=WAIT)
    expect(page.get_by_test_id("stVegaLiteChart")).to_have_count(4, timeout=WAIT)
    assert "trust=" in page.url
    shot(page, output_path, "trust-charts")


def test_record_a_local_measurement_and_see_the_total_change(
    page: Page, app_url: str, app_server_db: Path, output_path: str
) -> None:
    trust = load_catalogue(open_db(app_server_db)).trusts[1].name
    open_page(page, f"{app_url}/trust?trust={trust.replace(' ', '+')}")
    hours = metric_value(page, "Hours a year")
    expect(hours).to_be_visible(timeout=WAIT)
    before = hours.inner_text()
    grid = page.locator(".st-key-measurements").get_by_test_id("stDataFrame")
    cell = open_minutes_editor(page, grid)
    cell.fill("45")  # close to the national figure: one far from it waits for a confirmation
    cell.press("Enter")
    expect(grid.get_by_test_id("glide-cell-4-0")).to_have_text(re.compile(r"^45$"))  # the right cell
    save = page.get_by_role("button", name="Save 1 measurement(s)")
    expect(save).to_be_enabled(timeout=WAIT)
    save.click()
    # the flash after the save, not the page's caption, which also says the figures are recomputed
    expect(page.get_by_text(f"Saved 1 measurement(s); {trust}'s figures are recomputed.")).to_be_visible(timeout=WAIT)
    expect(hours).not_to_have_text(before, timeout=WAIT)
    expect(page.get_by_text("use the trust's own measurements")).to_be_visible()
    shot(page, output_path, "trust-local-measurement")


def test_create_a_scenario_accept_a_proposal_and_see_the_savings(page: Page, app_url: str, output_path: str) -> None:
    open_page(page, f"{app_url}/scenarios")
    page.get_by_role("button", name="New scenario").click()
    page.get_by_label("Name").fill("Browser plan")
    page.get_by_role("button", name="Create scenario").click()
    saved = metric_value(page, "Hours saved a year")
    expect(saved).to_have_text("0 h", timeout=WAIT)
    page.get_by_test_id("stMultiSelect").filter(has_text="Proposals").click()
    page.get_by_role("option", name=re.compile(r"^#1 ")).click()  # the top-ranked proposal
    page.keyboard.press("Escape")
    # the rerun after the choice briefly shows the old, disabled button beside the new one: click the enabled one
    page.get_by_role("button", name="Accept", exact=True, disabled=False).click()
    expect(saved).not_to_have_text("0 h", timeout=WAIT)
    expect(metric_value(page, "Proposals accepted")).to_have_text("1")
    expect(page.get_by_text(re.compile(r"^One-in-two-out: (passes|fails)"))).to_be_visible()
    assert "scenario=Browser" in page.url
    shot(page, output_path, "scenario-savings")
