"""The review queue: ingesting documents, twins, accepting (with cancellations), editing and rejecting drafts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from catalogue.extract import drafts, extract_text
from catalogue.extract.errors import DraftError
from catalogue.extract.twins import TwinIndex, similarity
from catalogue.history import history_for, verify_history
from catalogue.models import Directive
from catalogue.store import get_directive, get_requirement, upsert_directive, upsert_staff_grade
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
    for ref in ("PC 12/2005", "PC 13/2006"):
        old = get_directive(default_db, ref)
        assert old.status == DirectiveStatus.CANCELLED
        assert old.cancelled_by == "PI 30/2012"
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
    assert get_directive(default_db, "PC 13/2006").cancelled_by == "PI 30/2012"  # document accepted with it
    with pytest.raises(DraftError, match="already accepted"):
        drafts.accept_draft(default_db, monthly.id, actor="ann")


def test_draft_without_frequency_gets_an_estimated_frequency(default_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(default_db)
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
    requirement = drafts.accept_draft(default_db, draft.id, actor="ann")
    assert requirement.modality == "must" and requirement.occurrences_per_unit == 4


def test_rejected_drafts_never_enter_the_catalogue(default_db) -> None:  # type: ignore[no-untyped-def]
    doc_id = ingest(default_db)
    draft = drafts.list_drafts(default_db, document=doc_id)[2]
    drafts.reject_draft(default_db, draft.id, actor="ann", reason="advice, not a duty")
    assert drafts.get_draft(default_db, draft.id).status == "rejected"
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
    db = ["--db", str(default_db_path)]
    result = run_cli("ingest", *db, str(tmp_path / "pi30.txt"), "--accept-all", "--no-progress")
    assert result.returncode == 0, result.stderr
    assert "accepted 3 requirements into PI 30/2012" in result.stdout
    assert "cancelled: PC 12/2005, PC 13/2006" in result.stdout
    listing = json.loads(run_cli("directives", "list", *db, "--status", "cancelled", "--json").stdout)
    cancelled = {d["reference"]: d for d in listing}
    assert cancelled["PC 12/2005"]["cancelled_by"] == "PI 30/2012"
    assert cancelled["PC 13/2006"]["cancelled_by"] == "PI 30/2012"

    assert run_cli("ingest", *db, str(tmp_path / "other.txt"), "--no-progress").returncode == 0
    pending = json.loads(run_cli("drafts", "list", *db, "--json").stdout)
    assert len(pending) == 3 and all(d["twin_id"] for d in pending)  # twins of the PI 30/2012 requirements
    first, second, third = (d["id"] for d in pending)
    assert run_cli("drafts", "edit", *db, str(first), "--modality", "should").returncode == 0
    bad = run_cli("drafts", "edit", *db, str(first), "--activity", "dancing")
    assert bad.returncode == 1 and "activity" in bad.stderr and "Traceback" not in bad.stderr
    assert run_cli("drafts", "reject", *db, str(second), "--reason", "duplicate").returncode == 0
    accepted = run_cli("drafts", "accept", *db, str(first))
    assert accepted.returncode == 0 and "requirement PI-31-2012.p2.1" in accepted.stdout
    missing = run_cli("drafts", "accept", *db, "99999")
    assert missing.returncode == 1 and "no draft 99999" in missing.stderr
    documents = run_cli("drafts", "documents", *db)
    assert "PI 31/2012" in documents.stdout and "pending 1, accepted 1, rejected 1" in documents.stdout
    assert third
