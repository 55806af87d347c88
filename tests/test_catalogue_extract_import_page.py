"""AppTest of the Import page: a document is accepted in its own confirmed step, then its drafts one by one.

Each draft is shown beside its twin; refused files are named; a queued document can be deleted and an
accepted import undone, each after a confirmation.
"""

from __future__ import annotations

import os
from pathlib import Path

from streamlit.testing.v1 import AppTest

from catalogue.extract import drafts, extract_text
from catalogue.history import history_for
from catalogue.models import Directive
from catalogue.store import get_directive, get_requirement, load_catalogue, open_db, upsert_directive
from catalogue.types import DirectiveStatus, DirectiveType

ROOT = Path(__file__).resolve().parents[1]
APP = str(ROOT / "streamlit_app.py")

# PI 40/2012 cancels PC 65/2005 (in force here) and takes effect after the default audit date (31 March 2011).
TIERING = Directive(
    reference="PC 65/2005",
    title="National Standards (2005) and National Offender Management Model: application of Tiering Framework",
    type=DirectiveType.PROBATION_CIRCULAR,
    issuer="Home Office NPD",
    issued="2005-08-18",
)
PI_40 = (
    "Reference: PI 40/2012\nIssue date: 1 March 2012\nEffective date: 1 April 2012\n"
    "For action by: Chief Executives of Probation Trusts\n"
    "Replaces the following documents, which are hereby cancelled: PC 65/2005\n\n"
    "2.1 {twin}\n\n2.2 Trusts must submit the H1 return monthly.\n"
)


def queue_document(path: Path) -> tuple[int, str]:
    db = open_db(path)
    upsert_directive(db, TIERING, actor="setup")  # a known state, whatever the default data says of it
    twin_id, twin_text = db.execute("SELECT id, text FROM requirements ORDER BY id LIMIT 1").fetchone()
    doc_id = drafts.ingest(db, extract_text(PI_40.format(twin=twin_text), "pi40.txt"), actor="setup")
    db.conn.close()
    return doc_id, twin_id


def start() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    at.switch_page("app_pages/import_page.py").run()
    assert not at.exception, at.exception
    return at


def shown(at: AppTest) -> str:
    """Every message and text the page shows, as one string."""
    parts = [m.value for m in at.markdown] + [m.value for m in at.caption]
    parts += [m.value for kind in (at.info, at.warning, at.error, at.success) for m in kind]
    return "\n".join(str(p) for p in parts)


def click(at: AppTest, key: str) -> None:
    at.button(key=key).click().run()
    assert not at.exception, at.exception


def test_accepting_a_draft_does_not_accept_the_whole_document(app_db: Path) -> None:
    doc_id, twin_id = queue_document(app_db)
    at = start()
    assert at.title[0].value == "Import directives"
    assert f"`{twin_id}`" in shown(at)  # the twin is shown beside the first draft
    first, second = (d.id for d in drafts.list_drafts(open_db(app_db), document=doc_id))
    assert "Accept the document first (step 1)" in shown(at)
    assert at.button(key=f"accept-{second}").disabled  # no draft before its directive
    click(at, f"reject-{first}")
    db = open_db(app_db)
    assert drafts.get_draft(db, second).status == "pending"
    assert get_directive(db, "PC 65/2005").status == DirectiveStatus.IN_FORCE
    assert drafts.get_draft(db, first).status == "rejected"
    assert "rejected; it will not enter the catalogue" in shown(at)


def test_accepting_the_document_lists_its_changes_and_writes_only_after_confirmation(app_db: Path) -> None:
    doc_id, _ = queue_document(app_db)
    before = load_catalogue(open_db(app_db))
    at = start()
    note = "takes effect on 1 April 2012, after the audit date (31 March 2011): its requirements will not count"
    assert note in shown(at)  # said before anything is accepted
    click(at, f"accept-doc-{doc_id}")
    text = shown(at)
    assert "Accepting this document will make these changes to the catalogue:" in text
    assert "PI 40/2012 will be added to the catalogue as a new directive, in force from 1 April 2012." in text
    assert "PC 65/2005 will be marked cancelled from 1 April 2012 (cancelled by PI 40/2012)." in text
    assert load_catalogue(open_db(app_db)) == before  # nothing written yet

    click(at, f"confirm-doc-{doc_id}")
    db = open_db(app_db)
    old = get_directive(db, "PC 65/2005")
    assert (old.status, old.cancelled_by, old.ended) == (DirectiveStatus.CANCELLED, "PI 40/2012", "2012-04-01")
    assert "PC 65/2005 was marked cancelled from 1 April 2012 (cancelled by PI 40/2012)." in shown(at)
    assert note in shown(at)  # still said once the directive is in the catalogue
    assert drafts.list_documents(db)[0].pending == 2  # no draft was accepted with the document

    second = drafts.list_drafts(db, document=doc_id)[1]
    click(at, f"accept-{second.id}")
    requirement = get_requirement(open_db(app_db), drafts.get_draft(open_db(app_db), second.id).requirement_id or "")
    assert requirement.occurrences_per_unit == 12 and requirement.directive == "PI 40/2012"
    text = shown(at)
    assert f"is now requirement {requirement.id} of PI 40/2012; no directive was changed" in text
    assert "It will not count in the current audit" in text


def test_cancelling_the_confirmation_writes_nothing(app_db: Path) -> None:
    doc_id, _ = queue_document(app_db)
    at = start()
    click(at, f"accept-doc-{doc_id}")
    click(at, f"cancel-doc-{doc_id}")
    assert "Nothing was changed." in shown(at)
    assert get_directive(open_db(app_db), "PC 65/2005").status == DirectiveStatus.IN_FORCE


def test_empty_and_binary_uploads_are_refused_by_name(app_db: Path) -> None:
    at = start()
    uploads = [("empty.txt", b"", "text/plain"), ("random.bin", os.urandom(4000), "application/octet-stream")]
    at.file_uploader[0].set_value(uploads)
    at.button[0].click().run()  # the form's submit button
    assert not at.exception, at.exception
    errors = [e.value for e in at.error]
    assert any(e.startswith("empty.txt: ") and "the file is empty" in e for e in errors), errors
    assert any(e.startswith("random.bin: ") and "unsupported file type" in e for e in errors), errors
    assert not at.success
    assert drafts.list_documents(open_db(app_db)) == []


def test_a_queued_document_is_deleted_after_confirmation(app_db: Path) -> None:
    doc_id, _ = queue_document(app_db)
    at = start()
    click(at, f"delete-{doc_id}")
    assert "pi40.txt and its 2 draft(s) will be removed from the review queue" in shown(at)
    assert len(drafts.list_documents(open_db(app_db))) == 1
    click(at, f"confirm-delete-{doc_id}")
    assert drafts.list_documents(open_db(app_db)) == []
    assert any("review queue is empty" in i.value for i in at.info)


def test_an_accepted_import_is_undone_as_one_change(app_db: Path) -> None:
    doc_id, _ = queue_document(app_db)
    before = load_catalogue(open_db(app_db))
    at = start()
    click(at, f"accept-doc-{doc_id}")
    click(at, f"confirm-doc-{doc_id}")
    for draft in drafts.list_drafts(open_db(app_db), document=doc_id):
        click(at, f"accept-{draft.id}")
    assert get_directive(open_db(app_db), "PC 65/2005").status == DirectiveStatus.CANCELLED
    click(at, f"undo-{doc_id}")
    text = shown(at)
    assert "PI 40/2012 will be removed from the catalogue with its 2 requirements." in text
    assert "PC 65/2005 will be in force again, as before the import." in text
    click(at, f"confirm-undo-{doc_id}")
    db = open_db(app_db)
    assert load_catalogue(db) == before
    assert history_for(db, "document", str(doc_id))[-1]["action"] == "undo"
    assert "Import undone." in shown(at)
    assert "import undone · undo of the import of pi40.txt" in shown(at)  # in the document's history


def test_the_queue_is_sorted_by_confidence_and_accepts_above_a_threshold(app_db: Path) -> None:
    doc_id, _ = queue_document(app_db)
    db = open_db(app_db)
    first, second = drafts.list_drafts(db, document=doc_id)
    db.execute("UPDATE drafts SET confidence = 0.55 WHERE id = ?", [first.id])
    db.execute("UPDATE drafts SET confidence = 0.92 WHERE id = ?", [second.id])
    db.conn.commit()
    drafts.accept_document(db, doc_id, actor="setup")
    at = start()
    locations = [m.value for m in at.markdown if "confidence 0." in m.value]
    assert locations[0].startswith("**para 2.2**") and locations[1].startswith("**para 2.1**")
    at.slider(key="import-threshold").set_value(0.9).run()
    click(at, "accept-above")
    assert "These 1 draft(s) will become requirements of PI 40/2012" in shown(at)
    click(at, "confirm-bulk")
    db = open_db(app_db)
    assert drafts.get_draft(db, second.id).status == "accepted"
    assert drafts.get_draft(db, first.id).status == "pending"
    assert "Accepted 1 draft(s) as requirements of PI 40/2012." in shown(at)


def test_import_page_with_an_empty_queue(app_db: Path) -> None:
    at = start()
    assert any("review queue is empty" in i.value for i in at.info)
