"""Import in a real browser: refused files are named, a document is accepted only after its changes are confirmed.

The import is undone at the end, through the page, so the shared server database is as it was.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from catalogue.store import get_directive, load_catalogue, open_db
from catalogue.types import DirectiveStatus

pytestmark = pytest.mark.browser
WAIT = 45_000  # generous: a fresh machine with two busy cores

PI_41 = b"""Reference: PI 41/2012
Issue date: 1 March 2012
Effective date: 1 April 2012
For action by: Chief Executives of Probation Trusts
Replaces the following documents, which are hereby cancelled: PC 65/2005

2.1 Trusts must submit the tiering return monthly.

2.2 Offender managers must review each tier allocation within 10 working days.
"""


def settle(page: Page) -> None:
    """Wait until the script run has finished (the running indicator is gone)."""
    expect(page.get_by_test_id("stStatusWidget")).to_be_hidden(timeout=WAIT)
    page.wait_for_timeout(500)


def upload(page: Page, name: str, data: bytes) -> None:
    page.locator("input[type=file]").set_input_files(
        files=[{"name": name, "mimeType": "application/octet-stream", "buffer": data}]
    )
    expect(page.get_by_text(name, exact=True).first).to_be_visible(timeout=WAIT)  # listed by the uploader
    page.get_by_role("button", name="Read into the review queue").click()
    settle(page)


def test_refuse_bad_files_then_accept_a_document_after_confirming_its_changes(
    page: Page, app_url: str, app_server_db: Path, output_path: str
) -> None:
    before = load_catalogue(open_db(app_server_db))
    tiering = get_directive(open_db(app_server_db), "PC 65/2005")
    assert tiering.cancelled_by is None
    page.set_viewport_size({"width": 1440, "height": 1000})
    page.goto(f"{app_url}/import")
    expect(page.get_by_role("heading", name="Import directives")).to_be_visible(timeout=WAIT)

    upload(page, "random.bin", os.urandom(4000))
    expect(page.get_by_text("random.bin: unsupported file type", exact=False)).to_be_visible(timeout=WAIT)
    upload(page, "empty.txt", b"")
    expect(page.get_by_text("empty.txt: holds nothing to review (the file is empty)", exact=False)).to_be_visible(
        timeout=WAIT
    )

    upload(page, "pi41.txt", PI_41)
    expect(page.get_by_text("pi41.txt is in the review queue", exact=False)).to_be_visible(timeout=WAIT)
    expect(page.get_by_text("Accept the document first (step 1)", exact=False)).to_be_visible()
    expect(page.get_by_text("its requirements will not count in the current audit", exact=False).first).to_be_visible()
    page.get_by_role("button", name="Accept the document…").click()
    confirmation = page.locator(".st-key-confirm-document")
    expect(confirmation).to_contain_text("PC 65/2005 will be marked cancelled from", timeout=WAIT)
    expect(confirmation).to_contain_text("PI 41/2012 will be added to the catalogue as a new directive")
    settle(page)
    os.makedirs(output_path, exist_ok=True)
    page.screenshot(path=str(Path(output_path) / "import-confirm-document.png"), full_page=True)
    assert get_directive(open_db(app_server_db), "PC 65/2005") == tiering  # not yet

    page.get_by_role("button", name="Confirm: accept the document").click()
    expect(page.get_by_text("PC 65/2005 was marked cancelled from", exact=False)).to_be_visible(timeout=WAIT)
    settle(page)
    db = open_db(app_server_db)
    cancelled = get_directive(db, "PC 65/2005")
    assert (cancelled.status, cancelled.cancelled_by) == (DirectiveStatus.CANCELLED, "PI 41/2012")
    assert db.execute("SELECT count(*) FROM requirements WHERE directive = 'PI 41/2012'").fetchone()[0] == 0

    page.get_by_role("button", name="Accept", exact=True).first.click()
    expect(page.get_by_text("of PI 41/2012; no directive was changed", exact=False)).to_be_visible(timeout=WAIT)
    settle(page)

    page.get_by_role("button", name="Undo this import…").click()
    expect(page.locator(".st-key-confirm-undo")).to_contain_text("PC 65/2005 will be", timeout=WAIT)
    page.get_by_role("button", name="Confirm: undo the import").click()
    expect(page.get_by_text("Import undone.", exact=False)).to_be_visible(timeout=WAIT)
    settle(page)
    assert load_catalogue(open_db(app_server_db)) == before
