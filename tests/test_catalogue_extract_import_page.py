"""AppTest of the Import page: the review queue shows each draft beside its twin; Accept and Reject act on it."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

from catalogue.extract import drafts, extract_text
from catalogue.store import get_directive, get_requirement, open_db
from catalogue.types import DirectiveStatus

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")


def queue_document(path: Path) -> tuple[int, str]:
    db = open_db(path)
    twin_id, twin_text = db.execute("SELECT id, text FROM requirements ORDER BY id LIMIT 1").fetchone()
    text = (
        "Reference: PI 40/2012\nFor action by: Chief Executives of Probation Trusts\n"
        "Replaces the following documents, which are hereby cancelled: PC 12/2005\n\n"
        f"2.1 {twin_text}\n\n2.2 Trusts must submit the H1 return monthly.\n"
    )
    doc_id = drafts.ingest(db, extract_text(text, "pi40.txt"), actor="setup")
    db.conn.close()
    return doc_id, twin_id


def start() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/import_page.py").run()
    assert not at.exception, at.exception
    return at


def test_import_page_reviews_drafts_beside_their_twins(app_db: Path) -> None:
    doc_id, twin_id = queue_document(app_db)
    at = start()
    assert at.title[0].value == "Import directives"
    text = "\n".join(m.value for m in at.markdown)
    assert f"`{twin_id}`" in text  # the twin is shown beside the first draft
    queue = drafts.list_drafts(open_db(app_db), document=doc_id)
    first, second = queue[0].id, queue[1].id

    at.button(key=f"reject-{first}").click().run()
    assert not at.exception, at.exception
    at.button(key=f"accept-{second}").click().run()
    assert not at.exception, at.exception

    db = open_db(app_db)
    assert drafts.get_draft(db, first).status == "rejected"
    accepted = drafts.get_draft(db, second)
    assert accepted.status == "accepted"
    assert get_requirement(db, accepted.requirement_id or "").occurrences_per_unit == 12
    assert get_directive(db, "PC 12/2005").status == DirectiveStatus.CANCELLED
    assert get_directive(db, "PC 12/2005").cancelled_by == "PI 40/2012"


def test_import_page_with_an_empty_queue(app_db: Path) -> None:
    at = start()
    assert any("review queue is empty" in i.value for i in at.info)
