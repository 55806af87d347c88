"""The review queue: ingesting documents, twins, accepting (with cancellations), editing and rejecting drafts."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue.errors import NotFound
from catalogue.extract import drafts, extract_bytes, extract_text
from catalogue.extract.errors import DraftError, ExtractionError
from catalogue.extract.twins import TwinIndex, similarity
from catalogue.history import history_for, verify_history
from catalogue.models import Directive
from catalogue.store import (
    get_directive,
    get_requirement,
    load_catalogue,
    open_db,
    upsert_directive,
    upsert_requirement,
    upsert_staff_grade,
)
from catalogue.types import DirectiveStatus, DirectiveType, ProvenanceKind

ROOT = Path(__file__).resolve().parents[1]

NEW_PI = """Probation Instruction 30/2012

Approved Premises Records

Reference: PI 30/2012
Issue date: 1 March 2012
Effective date: 1 April 2012
Issued on the authority of: NOMS Agency Board
For action by: Chief Executives of Probation Trusts
Replaces the following documents, which are hereby cancelled: PC 12/2005, PC 13/2006

2.1 Approved Premises Managers must complete an induction with each new resident within 24 hours of arrival.

2.2 Trusts must submit the H1 statistical return monthly.

2.3 Staff should discuss concerns with the duty manager.
"""


def ingest(db, text: str = NEW_PI, name: str = "pi30.txt") -> int:  # type: ignore[no-untyped-def]
    return drafts.ingest(db, extract_text(text, name), actor="ann")


def cancelled_earlier(db) -> None:  # type: ignore[no-untyped-def]
    """Make PC 13/2006 a circular already cancelled by PI 04/2011 from 1 April 2011, whatever the default data says."""
    upsert_directive(
        db,
        Directive(
            reference="PI 04/2011",
            title="Implementation of the Approved Premises Specification",
            type=DirectiveType.PROBATION_INSTRUCTION,
            issuer="NOMS Agency Board",
            issued="2011-04-01",
        ),
        actor="setup",
    )
    upsert_directive(
        db,
        Directive(
            reference="PC 13/2006",
            title="H1 monthly statistical form for Approved Premises",
            type=DirectiveType.PROBATION_CIRCULAR,
            issuer="Home Office NPD",
            issued="2006",
            ended="2011-04-01",
            status=DirectiveStatus.CANCELLED,
            cancelled_by="PI 04/2011",
        ),
        actor="setup",
    )


def test_ingest_stores_pending_drafts_with_document_and_location(default_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(default_db)
    stored = drafts.list_drafts(default_db, document=doc_id)
    assert [(d.location, d.modality, d.status) for d in stored] == [
        ("para 2.1", "must", "pending"),
        ("para 2.2", "must", "pending"),
        ("para 2.3", "should", "pending"),
    ]
    assert stored[0].timescale == "within 24 hours of arrival"
    assert stored[1].frequency_per_year == 12
    (document,) = drafts.list_documents(default_db)
    assert (document.reference, document.status, document.pending) == ("PI 30/2012", "pending", 3)
    assert document.header["cancels"] == ["PC 12/2005", "PC 13/2006"]


def test_the_same_document_is_not_queued_twice(default_db) -> None:  # type: ignore[no-untyped-def]
    ingest(default_db)
    with pytest.raises(DraftError, match="already in the review queue"):
        ingest(default_db)


def test_accepting_a_directive_that_cancels_two_others_marks_them_cancelled_and_linked(default_db) -> None:  # type: ignore[no-untyped-def]
    cancelled_earlier(default_db)
    upsert_directive(
        default_db,
        Directive(
            reference="PC 12/2005",
            title="Old AP records",
            type=DirectiveType.PROBATION_CIRCULAR,
            issuer="Home Office NPD",
            issued="2005",
        ),
        actor="setup",
    )
    doc_id = ingest(default_db)
    assert get_directive(default_db, "PC 12/2005").status == DirectiveStatus.IN_FORCE  # nothing before acceptance
    directive = drafts.accept_document(default_db, doc_id, actor="ann")
    assert directive.reference == "PI 30/2012"
    assert directive.supersedes == ["PC 12/2005", "PC 13/2006"]
    assert (directive.issued, directive.effective, directive.issuer) == (
        "2012-03-01",
        "2012-04-01",
        "NOMS Agency Board",
    )
    old = get_directive(default_db, "PC 12/2005")
    assert (old.status, old.cancelled_by) == (DirectiveStatus.CANCELLED, "PI 30/2012")
    # PC 13/2006 was already cancelled by PI 04/2011: that record is not rewritten
    assert get_directive(default_db, "PC 13/2006").cancelled_by == "PI 04/2011"
    assert get_directive(default_db, "PC 12/2005").ended == "2012-04-01"
    changes = history_for(default_db, "directive", "PC 12/2005")
    assert changes[-1]["actor"] == "ann" and "hereby cancelled by PI 30/2012" in changes[-1]["reason"]
    assert verify_history(default_db).ok


def test_cancelled_directive_unknown_to_the_catalogue_gets_an_honest_stub(empty_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(empty_db)
    drafts.accept_document(empty_db, doc_id, actor="ann")
    stub = get_directive(empty_db, "PC 12/2005")
    assert stub.status == DirectiveStatus.CANCELLED and stub.cancelled_by == "PI 30/2012"
    assert "known only as cancelled by PI 30/2012" in stub.title


def test_accepted_draft_becomes_a_requirement_citing_document_and_paragraph(default_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(default_db)
    drafts.accept_document(default_db, doc_id, actor="ann")
    monthly = drafts.list_drafts(default_db, document=doc_id)[1]
    requirement = drafts.accept_draft(default_db, monthly.id, actor="ann")
    assert requirement.id == "PI-30-2012.p2.2"
    stored = get_requirement(default_db, requirement.id)
    assert stored.directive == "PI 30/2012" and stored.paragraph == "para 2.2"
    assert stored.occurrences_per_unit == 12
    assert stored.frequency_provenance.kind == ProvenanceKind.CITATION
    assert stored.frequency_provenance.document == "PI 30/2012 (pi30.txt)"
    assert stored.frequency_provenance.location == "para 2.2"
    assert stored.minutes_provenance.kind == ProvenanceKind.ESTIMATE
    assert "directives state no times" in (stored.minutes_provenance.rationale or "")
    assert drafts.get_draft(default_db, monthly.id).status == "accepted"
    with pytest.raises(DraftError, match="already accepted"):
        drafts.accept_draft(default_db, monthly.id, actor="ann")


def test_draft_without_frequency_gets_an_estimated_frequency(default_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(default_db)
    drafts.accept_document(default_db, doc_id, actor="ann")
    first = drafts.list_drafts(default_db, document=doc_id)[0]
    requirement = drafts.accept_draft(default_db, first.id, actor="ann")
    assert requirement.occurrences_per_unit == 1
    assert requirement.frequency_provenance.kind == ProvenanceKind.ESTIMATE
    assert "within 24 hours of arrival" in (requirement.frequency_provenance.rationale or "")
    assert requirement.frequency_text == "within 24 hours of arrival"


def test_edit_validates_every_field_and_records_history(default_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(default_db)
    draft = drafts.list_drafts(default_db, document=doc_id)[2]
    with pytest.raises(DraftError) as caught:
        drafts.edit_draft(
            default_db, draft.id, {"modality": "perhaps", "driver": "per_moon", "colour": "red"}, actor="ann"
        )
    message = str(caught.value)
    assert "modality" in message and "driver" in message and "colour" in message
    edited = drafts.edit_draft(default_db, draft.id, {"modality": "must", "frequency_per_year": "4"}, actor="ann")
    assert (edited.modality, edited.frequency_per_year) == ("must", 4.0)
    assert history_for(default_db, "draft", str(draft.id))[-1]["action"] == "edit"
    drafts.accept_document(default_db, doc_id, actor="ann")
    requirement = drafts.accept_draft(default_db, draft.id, actor="ann")
    assert requirement.modality == "must" and requirement.occurrences_per_unit == 4


def test_rejected_drafts_never_enter_the_catalogue(default_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(default_db)
    draft = drafts.list_drafts(default_db, document=doc_id)[2]
    drafts.reject_draft(default_db, draft.id, actor="ann", reason="advice, not a duty")
    assert drafts.get_draft(default_db, draft.id).status == "rejected"
    drafts.accept_document(default_db, doc_id, actor="ann")
    accepted = drafts.accept_all(default_db, doc_id, actor="ann")
    assert len(accepted) == 2
    assert default_db.execute("SELECT count(*) FROM requirements WHERE directive = 'PI 30/2012'").fetchone()[0] == 2
    with pytest.raises(DraftError, match="already rejected"):
        drafts.accept_draft(default_db, draft.id, actor="ann")


def test_document_without_reference_cannot_be_accepted_without_one(default_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(default_db, "2.1 Trusts must report monthly.", "note.txt")
    with pytest.raises(DraftError, match="no directive reference"):
        drafts.accept_document(default_db, doc_id, actor="ann")
    directive = drafts.accept_document(default_db, doc_id, actor="ann", reference="PI 99/2012")
    assert directive.reference == "PI 99/2012"


def test_each_candidate_is_checked_for_a_twin_in_the_catalogue(default_db) -> None:  # type: ignore[no-untyped-def]
    existing = default_db.execute("SELECT id, text FROM requirements ORDER BY id LIMIT 1").fetchone()
    doc_id = ingest(default_db, f"Reference: PI 31/2012\n\n3.1 {existing[1]}\n\n3.2 Trusts must paint the moon.")
    found = drafts.list_drafts(default_db, document=doc_id)
    twins = {d.location: (d.twin_id, d.twin_score) for d in found}
    if found[0].location == "para 3.1":
        assert twins["para 3.1"][0] == existing[0] and twins["para 3.1"][1] > 0.9
    assert twins["para 3.2"] == (None, None)


def test_similarity_and_twin_index() -> None:
    assert similarity("Trusts must submit the H1 return monthly.", "Trusts must submit the H1 return monthly.") == 1
    assert (
        similarity("Trusts must submit the H1 return monthly.", "Staff must never disclose a victim's address.") < 0.2
    )
    index = TwinIndex([("b", "Submit the monthly return"), ("a", "Submit the monthly return")])
    twin = index.best("Submit the monthly return")
    assert twin is not None and twin.requirement_id == "a"  # ties go to the lower id
    assert index.best("Paint the moon") is None


def test_requirement_ids_are_stable_and_valid() -> None:
    assert drafts.requirement_id("PI 04/2011", "para 4.2, item 3") == "PI-04-2011.p4.2-i3"
    assert drafts.requirement_id("PC 28/2006", "table 1, row 2") == "PC-28-2006.t1-r2"
    assert drafts.requirement_id("PC 28/2006", "page 2, paragraph 7, sentence 2") == "PC-28-2006.pg2-n7-s2"


def test_grade_is_chosen_among_the_catalogue_grades() -> None:
    grades = ["admin", "aco", "chief_officer", "po", "pso", "spo"]
    assert drafts.choose_grade("Chief Officers", "familiarisation", grades) == "chief_officer"
    assert drafts.choose_grade("Offender managers", "meeting", grades) == "po"
    assert drafts.choose_grade("Senior Probation Officers", "sign_off", grades) == "spo"
    assert drafts.choose_grade("Trusts", "reporting", grades) == "admin"
    assert drafts.choose_grade("Trusts", "meeting", grades) == "spo"
    assert drafts.choose_grade("Somebody", "meeting", ["pso"]) == "pso"
    with pytest.raises(DraftError, match="no staff grades"):
        drafts.choose_grade("Trusts", "meeting", [])


def test_accept_needs_staff_grades(empty_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(empty_db)
    drafts.accept_document(empty_db, doc_id, actor="ann")
    draft = drafts.list_drafts(empty_db, document=doc_id)[0]
    with pytest.raises(DraftError, match="no staff grades"):
        drafts.accept_draft(empty_db, draft.id, actor="ann")
    from catalogue.models import Provenance, StaffGrade

    upsert_staff_grade(
        empty_db,
        StaffGrade(
            code="po",
            name="PO",
            annual_salary_gbp=30000,
            on_cost_pct=25,
            productive_hours_per_year=1600,
            provenance=Provenance.estimate("test"),
        ),
    )
    assert drafts.accept_draft(empty_db, draft.id, actor="ann").grade == "po"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "proportion", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )


def test_cli_ingest_accept_all_and_review_commands(default_db_path: Path, tmp_path: Path) -> None:
    (tmp_path / "pi30.txt").write_text(NEW_PI)
    (tmp_path / "other.txt").write_text(
        NEW_PI.replace("30/2012", "31/2012").replace("hereby cancelled: PC 12/2005, ", "hereby cancelled: ")
    )
    setup = open_db(default_db_path)
    cancelled_earlier(setup)
    setup.conn.close()
    db = ["--db", str(default_db_path)]
    result = run_cli("ingest", *db, str(tmp_path / "pi30.txt"), "--accept-all", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "accepted 3 requirements into PI 30/2012" in result.stdout
    assert "PC 12/2005 was not in the catalogue: it was added as a cancelled directive" in result.stdout
    assert "takes effect on 1 April 2012, after the audit date" in result.stdout
    listing = json.loads(run_cli("directives", "list", *db, "--status", "cancelled", "--json").stdout)
    cancelled = {d["reference"]: d for d in listing}
    assert cancelled["PC 12/2005"]["cancelled_by"] == "PI 30/2012"
    assert cancelled["PC 13/2006"]["cancelled_by"] == "PI 04/2011"

    assert run_cli("ingest", *db, str(tmp_path / "other.txt"), "--no-progress").returncode == 0
    pending = json.loads(run_cli("drafts", "list", *db, "--json").stdout)
    assert len(pending) == 3 and all(d["twin_id"] for d in pending)  # twins of the PI 30/2012 requirements
    first, second, third = (d["id"] for d in pending)
    assert run_cli("drafts", "edit", *db, str(first), "--modality", "should").returncode == 0
    bad = run_cli("drafts", "edit", *db, str(first), "--activity", "dancing")
    assert bad.returncode == 1 and "activity" in bad.stderr and "Traceback" not in bad.stderr
    assert run_cli("drafts", "reject", *db, str(second), "--reason", "duplicate").returncode == 0
    refused = run_cli("drafts", "accept", *db, str(first))
    assert refused.returncode == 1 and "accept the document first" in refused.stderr
    document = str(pending[0]["document"])
    preview = run_cli("drafts", "accept-document", *db, document, "--dry-run")
    assert preview.returncode == 0 and "PI 31/2012 will be added to the catalogue" in preview.stdout
    assert "nothing was written" in preview.stdout
    assert "PI 31/2012" not in run_cli("directives", "list", *db).stdout
    done = run_cli("drafts", "accept-document", *db, document)
    assert done.returncode == 0 and "PI 31/2012 was added to the catalogue as a new directive" in done.stdout
    assert "after the audit date" in done.stdout
    accepted = run_cli("drafts", "accept", *db, str(first))
    assert accepted.returncode == 0 and "requirement PI-31-2012.p2.1" in accepted.stdout
    missing = run_cli("drafts", "accept", *db, "99999")
    assert missing.returncode == 1 and "no draft 99999" in missing.stderr
    documents = run_cli("drafts", "documents", *db)
    assert "PI 31/2012" in documents.stdout and "pending 1, accepted 1, rejected 1" in documents.stdout
    assert third


# --- accepting a document is its own, confirmed step ------------------------------------------------

AUDIT_DATE = dt.date(2011, 3, 31)


def old_circular(db, reference: str = "PC 12/2005") -> None:  # type: ignore[no-untyped-def]
    upsert_directive(
        db,
        Directive(
            reference=reference,
            title="Old AP records",
            type=DirectiveType.PROBATION_CIRCULAR,
            issuer="Home Office NPD",
            issued="2005",
        ),
        actor="setup",
    )


def test_accepting_a_draft_does_not_accept_its_document(default_db) -> None:  # type: ignore[no-untyped-def]
    old_circular(default_db)
    doc_id = ingest(default_db)
    draft = drafts.list_drafts(default_db, document=doc_id)[1]
    with pytest.raises(DraftError, match="accept the document first"):
        drafts.accept_draft(default_db, draft.id, actor="ann")
    assert drafts.get_draft(default_db, draft.id).status == "pending"
    old = get_directive(default_db, "PC 12/2005")
    assert (old.status, old.cancelled_by) == (DirectiveStatus.IN_FORCE, None)  # nothing written
    with pytest.raises(NotFound):
        get_directive(default_db, "PI 30/2012")


def test_a_draft_of_a_directive_already_in_the_catalogue_is_accepted_without_touching_it(default_db) -> None:  # type: ignore[no-untyped-def]
    old_circular(default_db)
    existing = get_directive(default_db, "PC 65/2005")
    doc_id = ingest(default_db, NEW_PI.replace("PI 30/2012", "PC 65/2005"), "pc65.txt")
    draft = drafts.list_drafts(default_db, document=doc_id)[1]
    requirement = drafts.accept_draft(default_db, draft.id, actor="ann")
    assert requirement.directive == "PC 65/2005"
    assert get_directive(default_db, "PC 65/2005") == existing  # the directive is not changed
    assert get_directive(default_db, "PC 12/2005").status == DirectiveStatus.IN_FORCE  # nor what it would cancel
    assert drafts.list_documents(default_db)[0].status == "pending"


def test_the_document_plan_lists_every_change_in_words_before_anything_is_written(default_db) -> None:  # type: ignore[no-untyped-def]
    old_circular(default_db)
    cancelled_earlier(default_db)
    doc_id = ingest(default_db)
    before = default_db.execute("SELECT count(*) FROM history").fetchone()[0]
    plan = drafts.plan_document(default_db, doc_id, audit_date=AUDIT_DATE)
    assert default_db.execute("SELECT count(*) FROM history").fetchone()[0] == before
    assert plan.reference == "PI 30/2012"
    assert plan.changes == [
        "PI 30/2012 will be added to the catalogue as a new directive, in force from 1 April 2012.",
        "PC 12/2005 will be marked cancelled from 1 April 2012 (cancelled by PI 30/2012).",
        "PC 13/2006 is already cancelled by PI 04/2011 (from 1 April 2011): no change.",  # not rewritten
    ]
    unknown = ingest(default_db, NEW_PI.replace("30/2012", "32/2012").replace("PC 13/2006", "PC 77/2004"), "pi32.txt")
    assert drafts.plan_document(default_db, unknown).changes[-1] == (
        "PC 77/2004 is not in the catalogue: it will be added as a cancelled directive, known only by its "
        "reference, cancelled from 1 April 2012."
    )
    assert plan.audit_note == (
        "PI 30/2012 takes effect on 1 April 2012, after the audit date (31 March 2011): its requirements will not "
        "count in the current audit, and the directives it cancels still count in it."
    )
    assert not plan.counts_in_audit
    in_time = drafts.plan_document(default_db, doc_id, audit_date=dt.date(2013, 3, 31))
    assert in_time.counts_in_audit and in_time.audit_note is None


def test_a_document_is_accepted_only_with_the_changes_confirmed(default_db) -> None:  # type: ignore[no-untyped-def]
    old_circular(default_db)
    doc_id = ingest(default_db)
    plan = drafts.plan_document(default_db, doc_id, audit_date=AUDIT_DATE)
    old_circular(default_db, "PC 13/2006")  # someone adds a cancelled circular meanwhile: the plan changes
    with pytest.raises(DraftError, match="changed since"):
        drafts.accept_document(default_db, doc_id, actor="ann", confirmed=plan.changes)
    with pytest.raises(NotFound):
        get_directive(default_db, "PI 30/2012")
    fresh = drafts.plan_document(default_db, doc_id, audit_date=AUDIT_DATE)
    assert "PC 13/2006 will be marked cancelled from 1 April 2012 (cancelled by PI 30/2012)." in fresh.changes
    drafts.accept_document(default_db, doc_id, actor="ann", confirmed=fresh.changes)
    assert get_directive(default_db, "PC 13/2006").cancelled_by == "PI 30/2012"
    draft = drafts.list_drafts(default_db, document=doc_id)[1]
    assert drafts.accept_draft(default_db, draft.id, actor="ann").directive == "PI 30/2012"


def test_the_queue_sorts_by_confidence_and_accepts_above_a_threshold(default_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(default_db)
    stored = drafts.list_drafts(default_db, document=doc_id)
    confidences = [0.95, 0.5, 0.85]
    for draft, confidence in zip(stored, confidences, strict=True):
        default_db.execute("UPDATE drafts SET confidence = ? WHERE id = ?", [confidence, draft.id])
    ranked = drafts.list_drafts(default_db, document=doc_id, order="confidence")
    assert [d.confidence for d in ranked] == [0.95, 0.85, 0.5]
    assert [d.id for d in drafts.drafts_above(default_db, doc_id, 0.8)] == [stored[0].id, stored[2].id]
    with pytest.raises(DraftError, match="accept the document first"):
        drafts.accept_all(default_db, doc_id, actor="ann", min_confidence=0.8)
    drafts.accept_document(default_db, doc_id, actor="ann")
    created = drafts.accept_all(default_db, doc_id, actor="ann", min_confidence=0.8)
    assert [r.paragraph for r in created] == ["para 2.1", "para 2.3"]
    assert drafts.get_draft(default_db, stored[1].id).status == "pending"


# --- refusing empty and binary files; deleting a queued document; undoing an import ---------------


def test_a_planned_change_reads_in_the_past_once_made() -> None:
    assert drafts.done("PC 65/2005 will be marked cancelled from 1 April 2012 (cancelled by PI 40/2012).") == (
        "PC 65/2005 was marked cancelled from 1 April 2012 (cancelled by PI 40/2012)."
    )
    assert drafts.done("PC 13/2006 is not in the catalogue: it will be added as a cancelled directive.") == (
        "PC 13/2006 was not in the catalogue: it was added as a cancelled directive."
    )
    assert drafts.done("PC 12/2005 will be in force again, as before the import.") == (
        "PC 12/2005 is in force again, as before the import."
    )
    assert drafts.spoken_date("2012") == "2012" and drafts.spoken_date("2012-04") == "April 2012"
    assert drafts.spoken_date("spring 2012") == "spring 2012"


def test_accepting_above_a_threshold_writes_only_the_drafts_confirmed(default_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(default_db)
    drafts.accept_document(default_db, doc_id, actor="ann")
    seen = [d.id for d in drafts.drafts_above(default_db, doc_id, 0.0)]
    drafts.reject_draft(default_db, seen[0], actor="bob")  # someone decides one meanwhile
    with pytest.raises(DraftError, match="changed since you reviewed them"):
        drafts.accept_all(default_db, doc_id, actor="ann", confirmed=seen)
    assert drafts.list_documents(default_db)[0].accepted == 0


@pytest.mark.parametrize(
    ("data", "name", "words"),
    [
        (b"", "empty.txt", "the file is empty"),
        (b"  \n\n\t ", "blank.md", "no readable text"),
        (b"<html><body><script>x()</script></body></html>", "blank.html", "no readable text"),
        (bytes(range(256)) * 20, "random.txt", "cannot be decoded"),
        (bytes(range(256)) * 20, "random.bin", "unsupported file type"),
        (bytes(range(256)) * 20, "random.pdf", "damaged"),
    ],
)
def test_empty_and_binary_files_are_refused_with_their_name(empty_db, data: bytes, name: str, words: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ExtractionError) as refused:
        extract_bytes(data, name)
    assert str(refused.value).startswith(f"{name}: ") and words in str(refused.value)
    assert empty_db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0


def test_an_empty_file_is_refused_on_the_command_line(default_db_path: Path, tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("ingest", "--db", str(default_db_path), str(tmp_path / "empty.txt"), "--no-progress")
    assert result.returncode == 1 and "empty.txt: " in result.stderr and "the file is empty" in result.stderr
    assert "Traceback" not in result.stderr
    assert json.loads(run_cli("drafts", "documents", "--db", str(default_db_path), "--json").stdout) == []


def test_a_queued_document_can_be_deleted_until_something_of_it_is_accepted(default_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(default_db)
    other = ingest(default_db, NEW_PI.replace("30/2012", "31/2012"), "pi31.txt")
    drafts.delete_document(default_db, doc_id, actor="ann")
    assert [d.id for d in drafts.list_documents(default_db)] == [other]
    assert drafts.list_drafts(default_db, document=doc_id) == []
    assert history_for(default_db, "document", str(doc_id))[-1]["action"] == "delete"
    ingest(default_db)  # the same file may be read again once deleted
    drafts.accept_document(default_db, other, actor="ann")
    with pytest.raises(DraftError, match="undo the import"):
        drafts.delete_document(default_db, other, actor="ann")
    assert verify_history(default_db).ok


def test_an_accepted_import_is_undone_as_one_change(default_db) -> None:  # type: ignore[no-untyped-def]
    old_circular(default_db)
    before = load_catalogue(default_db)
    doc_id = ingest(default_db)
    drafts.accept_document(default_db, doc_id, actor="ann")
    created = drafts.accept_all(default_db, doc_id, actor="ann")
    assert len(created) == 3
    plan = drafts.plan_undo(default_db, doc_id)
    assert "PI 30/2012 will be removed from the catalogue with its 3 requirements." in plan
    assert "PC 12/2005 will be in force again, as before the import." in plan
    drafts.undo_import(default_db, doc_id, actor="bob", confirmed=plan)
    assert load_catalogue(default_db) == before
    (document,) = drafts.list_documents(default_db)
    assert (document.status, document.pending, document.accepted) == ("pending", 3, 0)
    entries = history_for(default_db, "document", str(doc_id))
    assert entries[-1]["action"] == "undo" and entries[-1]["actor"] == "bob"
    assert history_for(default_db, "directive", "PC 12/2005")[-1]["reason"].startswith("undo of the import")
    assert verify_history(default_db).ok


def test_an_import_changed_since_is_not_undone(default_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(default_db)
    drafts.accept_document(default_db, doc_id, actor="ann")
    (requirement, *_) = drafts.accept_all(default_db, doc_id, actor="ann")
    edited = requirement.model_copy(update={"minutes_central": 25.0, "minutes_high": 60.0})
    upsert_requirement(default_db, edited, actor="carol")
    with pytest.raises(DraftError, match="changed since the import"):
        drafts.undo_import(default_db, doc_id, actor="bob")
    assert get_requirement(default_db, requirement.id).minutes_central == 25


def test_an_import_another_record_now_points_at_is_not_undone(default_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(default_db)
    drafts.accept_document(default_db, doc_id, actor="ann")
    later = Directive(
        reference="PC 50/2005",
        title="Recorded later as cancelled by the imported instruction",
        type=DirectiveType.PROBATION_CIRCULAR,
        issuer="Home Office NPD",
        status=DirectiveStatus.CANCELLED,
        cancelled_by="PI 30/2012",
    )
    upsert_directive(default_db, later, actor="carol")
    with pytest.raises(DraftError, match="another record now refers to"):
        drafts.undo_import(default_db, doc_id, actor="bob")
    assert get_directive(default_db, "PI 30/2012").reference == "PI 30/2012"
    assert drafts.list_documents(default_db)[0].status == "accepted"
    assert verify_history(default_db).ok
