"""The Trust page's measurement grid in a real browser: a save is all or nothing, and a figure far from the national
one is saved only once confirmed with a comment (Debian Chromium driven by Playwright, screenshots saved)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from catalogue.store import load_catalogue, open_db

pytestmark = pytest.mark.browser
WAIT = 45_000  # generous: a fresh machine with two busy cores
HEADER, ROW = 35, 35  # the grid's header and row heights in pixels
MINUTES, COMMENT = 4, 8  # the "Our minutes" and "Comment" columns


def settle(page: Page) -> None:
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=WAIT)
    page.wait_for_timeout(800)


def shot(page: Page, output_path: str, name: str) -> None:
    settle(page)
    os.makedirs(output_path, exist_ok=True)
    page.screenshot(path=str(Path(output_path) / f"{name}.png"), full_page=True)


def open_trust(page: Page, url: str, trust: str) -> Locator:
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto(f"{url}/trust?trust={trust.replace(' ', '+')}")
    grid = page.locator(".st-key-measurements").get_by_test_id("stDataFrame")
    expect(grid).to_be_visible(timeout=WAIT)
    settle(page)
    return grid


def type_into(page: Page, grid: Locator, row: int, column: int, text: str) -> None:
    """Type ``text`` into a cell of the canvas grid: click the row's first cell, move right, open its editor."""
    editor = page.locator("input.gdg-input, textarea.gdg-input").first
    for _ in range(5):
        grid.scroll_into_view_if_needed()
        box = grid.bounding_box()
        assert box is not None
        # A first click may only give the grid the focus back (after a click elsewhere on the page), and arrow
        # keys handled before the click's selection lands move the old selection: click twice, then wait.
        # Clicking a selected cell opens its editor, so a cell mid-row is clicked, then the first (the Id column
        # is sized to its ids, so a fixed offset could land in it twice).
        y = box["y"] + HEADER + ROW * row + ROW // 2
        page.mouse.click(box["x"] + box["width"] / 2, y)
        page.wait_for_timeout(800)
        page.mouse.click(box["x"] + 40, y)
        page.wait_for_timeout(400)
        for _ in range(column):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Enter")
        expect(editor).to_be_visible(timeout=WAIT)
        if editor.is_editable():
            editor.fill(text)
            editor.press("Enter")
            expect(grid.get_by_test_id(f"glide-cell-{column}-{row}")).to_have_text(text, timeout=WAIT)
            settle(page)
            return
        page.keyboard.press("Escape")
    raise AssertionError(f"the editor of row {row}, column {column} did not open in 5 tries")


def national_minutes(grid: Locator, row: int) -> float:
    return float(grid.get_by_test_id(f"glide-cell-2-{row}").inner_text().replace(",", ""))


def measured(db_path: Path, trust: str) -> dict[str, float | None]:
    return {m.requirement: m.minutes for m in load_catalogue(open_db(db_path)).local_measurements if m.trust == trust}


def test_one_bad_row_saves_nothing_until_it_is_put_right(
    page: Page, app_url: str, app_server_db: Path, output_path: str
) -> None:
    trust = load_catalogue(open_db(app_server_db)).trusts[3].name
    grid = open_trust(page, app_url, trust)
    good = f"{national_minutes(grid, 0) * 1.2:.0f}"
    type_into(page, grid, 0, MINUTES, good)
    type_into(page, grid, 1, MINUTES, "-5")
    problem = page.get_by_test_id("stAlert").filter(has_text=re.compile(r"Our minutes: -5 is below zero"))
    expect(problem).to_be_visible(timeout=WAIT)
    save = page.get_by_role("button", name="Save 2 measurement(s)")
    expect(save).to_be_disabled()
    assert measured(app_server_db, trust) == {}, "nothing is saved while one row is wrong"
    shot(page, output_path, "measurements-one-bad-row")

    type_into(page, grid, 1, MINUTES, f"{national_minutes(grid, 1) * 1.2:.0f}")
    expect(problem).to_be_hidden(timeout=WAIT)
    expect(save).to_be_enabled(timeout=WAIT)
    save.click()
    expect(page.get_by_text(f"Saved 2 measurement(s); {trust}'s figures are recomputed.")).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("set aside")).to_have_count(0)
    assert len(measured(app_server_db, trust)) == 2


def test_a_figure_far_from_the_national_one_is_saved_only_when_confirmed_with_a_comment(
    page: Page, app_url: str, app_server_db: Path, output_path: str
) -> None:
    trust = load_catalogue(open_db(app_server_db)).trusts[4].name
    grid = open_trust(page, app_url, trust)
    slip = f"{national_minutes(grid, 0) * 12 + 1:.0f}"
    type_into(page, grid, 0, MINUTES, slip)
    question = page.get_by_test_id("stAlert").filter(has_text="These figures are far from the national ones")
    expect(question).to_be_visible(timeout=WAIT)
    save = page.get_by_role("button", name="Save 1 measurement(s)")
    expect(save).to_be_disabled()
    page.get_by_text("These figures are right").click()
    expect(page.get_by_test_id("stAlert").filter(has_text="Comment: say why")).to_be_visible(timeout=WAIT)
    expect(save).to_be_disabled()
    shot(page, output_path, "measurements-confirm-far-figure")

    type_into(page, grid, 0, COMMENT, "timed over 20 cases")
    expect(save).to_be_enabled(timeout=WAIT)
    save.click()
    expect(page.get_by_text(f"Saved 1 measurement(s); {trust}'s figures are recomputed.")).to_be_visible(timeout=WAIT)
    expect(page.get_by_test_id("stAlert").filter(has_text="far from the national figures")).to_be_visible()
    assert list(measured(app_server_db, trust).values()) == [float(slip)]
    shot(page, output_path, "measurements-far-figure-flagged")
