"""The review queue: extracted documents and their draft requirements, accepted, edited or rejected by a person.

>>> from catalogue.store import open_db
>>> from catalogue.extract import extract_text
>>> db = open_db(":memory:")
>>> extraction = extract_text("Reference: PI 01/2010\\n\\n2.1 Trusts must report quarterly.", "pi.txt")
>>> doc_id = ingest(db, extraction, actor="ann")
>>> [(d.location, d.modality, d.frequency_per_year) for d in list_drafts(db, document=doc_id)]
[('para 2.1', 'must', 4.0)]

Accepting a document is its own step: :func:`plan_document` says in words what it will change (the
directive added or updated, the directives it cancels and from when, whether its requirements count in
the current audit) and :func:`accept_document` writes exactly that. Accepting a draft then adds only
that requirement, under the directive. An import can be undone as one change (:func:`undo_import`),
and a queued document deleted (:func:`delete_document`). Every change is recorded in the history.
"""

from __future__ import annotations

import calendar
import datetime as dt
import hashlib
import json
import re
import sqlite3
from dataclasses import dataclass, fields
from typing import Any

from pydantic import ValidationError
from sqlite_utils import Database

from catalogue.errors import NotFound
from catalogue.extract import Extraction
from catalogue.extract.errors import DraftError
from catalogue.extract.twins import DEFAULT_THRESHOLD, TwinIndex
from catalogue.history import history_for, record_change
from catalogue.models import Directive, Provenance, Requirement
from catalogue.store import get_directive, row_version, upsert_directive, upsert_requirement, writing
from catalogue.types import (
    Activity,
    DirectiveStatus,
    DirectiveType,
    Driver,
    Modality,
    Purpose,
    label,
    parse_partial_date,
)

PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"
EDITABLE = (
    "text",
    "modality",
    "actor",
    "on_regulated",
    "timescale",
    "frequency",
    "frequency_per_year",
    "deadline",
    "activity",
    "driver",
    "location",
    "note",
)

# Minutes per occurrence by activity (low, central, high). Directives never state how long a duty takes, so
# every drafted requirement gets these as an *estimate*; the rationale says so and a reviewer replaces them.
STANDARD_MINUTES: dict[Activity, tuple[float, float, float]] = {
    Activity.FAMILIARISATION: (10, 30, 60),
    Activity.INFORMATION_GATHERING: (10, 20, 45),
    Activity.RECORDING: (5, 10, 20),
    Activity.ASSESSMENT: (60, 120, 300),
    Activity.REPORTING: (30, 90, 240),
    Activity.MEETING: (30, 60, 120),
    Activity.SIGN_OFF: (5, 15, 30),
    Activity.INSPECTION: (60, 180, 480),
    Activity.TRAINING: (60, 180, 420),
    Activity.PLANNING: (60, 120, 240),
}
PURPOSE_BY_ACTIVITY = {
    Activity.REPORTING: Purpose.OUTPUT,
    Activity.INSPECTION: Purpose.OUTPUT,
    Activity.TRAINING: Purpose.INPUT,
    Activity.FAMILIARISATION: Purpose.INPUT,
}
# Who usually does the work, by words in the actor: grade codes in preference order.
GRADE_RULES: list[tuple[str, tuple[str, ...]]] = [
    (r"chief (?:executive|officer)|chair|board|secretar", ("chief_officer", "aco")),
    (r"senior manager|senior information|director|aco\b|head", ("aco", "spo")),
    (r"treatment manager|psycholog", ("treatment_manager", "spo")),
    (r"senior probation|\bspos?\b", ("spo", "aco")),
    (r"offender manager|offender supervisor|probation officer|practitioner|victim liaison|court duty", ("po", "pso")),
    (r"manager|co-ordinator|coordinator|\blead\b", ("spo", "aco")),
    (r"supervisor|tutor|probation service officer|pso\b|staff", ("pso", "po")),
    (r"trust|area|provider|unit|responsible authority", ("admin", "spo")),
]


@dataclass
class Draft:
    """One draft requirement in the review queue."""

    id: int
    document: int
    position: int
    location: str
    paragraph: str | None
    kind: str
    text: str
    lead_in: str | None
    modality: str
    actor: str
    on_regulated: bool
    timescale: str | None
    frequency: str | None
    frequency_per_year: float | None
    deadline: str | None
    activity: str
    driver: str
    references: list[str]
    confidence: float
    twin_id: str | None
    twin_score: float | None
    status: str
    requirement_id: str | None
    decided_by: str | None
    decided_at: str | None
    note: str | None
    version: int

    @classmethod
    def from_row(cls, row: dict[str, Any]) -> Draft:
        data: dict[str, Any] = {f.name: row.get(f.name) for f in fields(cls)}
        data["on_regulated"] = bool(row.get("on_regulated"))
        data["references"] = json.loads(row.get("references") or "[]")
        return cls(**data)

    def as_dict(self) -> dict[str, Any]:
        return {f.name: getattr(self, f.name) for f in fields(self)}


@dataclass
class DocumentRecord:
    """A document in the review queue, with its header and how many drafts wait."""

    id: int
    name: str
    format: str
    reference: str | None
    title: str | None
    status: str
    header: dict[str, Any]
    pending: int
    accepted: int
    rejected: int


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def twin_index(db: Database) -> TwinIndex:
    """Index the catalogue's requirement texts for twin look-ups."""
    rows = db.execute("SELECT id, text FROM requirements ORDER BY id").fetchall() if db["requirements"].exists() else []
    return TwinIndex((str(r[0]), str(r[1])) for r in rows)


def ingest(
    db: Database,
    extraction: Extraction,
    *,
    actor: str,
    data: bytes | None = None,
    threshold: float = DEFAULT_THRESHOLD,
) -> int:
    """Store a document and its candidates as pending drafts (each with its likely twin); return the document id."""
    document, header = extraction.document, extraction.header
    digest = hashlib.sha256(data if data is not None else document.text.encode("utf-8")).hexdigest()
    existing = db.execute("SELECT id FROM documents WHERE sha256 = ? AND status != ?", [digest, REJECTED]).fetchone()
    if existing:
        raise DraftError(f"{document.name}: already in the review queue as document {existing[0]}")
    index = twin_index(db)
    with writing(db):
        doc_row = {
            "name": document.name,
            "format": document.format,
            "sha256": digest,
            "size": document.size,
            "reference": header.reference,
            "title": header.title,
            "header": json.dumps(header.as_dict(), ensure_ascii=False),
            "status": PENDING,
            "read_by": actor,
            "read_at": _now(),
        }
        doc_id = int(db.table("documents").insert(doc_row).last_pk or 0)
        rows = []
        for position, c in enumerate(extraction.candidates, start=1):
            twin = index.best(c.full_text, threshold)
            rows.append(
                {
                    "document": doc_id,
                    "position": position,
                    "location": c.location,
                    "paragraph": c.paragraph,
                    "kind": c.kind,
                    "text": c.text,
                    "lead_in": c.lead_in,
                    "modality": c.modality,
                    "actor": c.actor,
                    "on_regulated": int(c.on_regulated),
                    "timescale": c.timescale,
                    "frequency": c.frequency,
                    "frequency_per_year": c.frequency_per_year,
                    "deadline": c.deadline,
                    "activity": c.activity,
                    "driver": c.driver,
                    "references": json.dumps(c.references),
                    "confidence": c.confidence,
                    "twin_id": twin.requirement_id if twin else None,
                    "twin_score": twin.score if twin else None,
                    "status": PENDING,
                }
            )
        if rows:
            db.table("drafts").insert_all(rows)
        record_change(
            db,
            actor=actor,
            entity="document",
            entity_id=str(doc_id),
            action="ingest",
            new={"name": document.name, "reference": header.reference, "drafts": len(rows)},
        )
    return doc_id


def list_documents(db: Database) -> list[DocumentRecord]:
    """Return every document in the queue, newest first, with counts of drafts by status."""
    out = []
    for row in db.execute_returning_dicts("SELECT * FROM documents ORDER BY id DESC"):
        counts = dict(db.execute("SELECT status, count(*) FROM drafts WHERE document = ? GROUP BY status", [row["id"]]))
        out.append(
            DocumentRecord(
                id=row["id"],
                name=row["name"],
                format=row["format"],
                reference=row["reference"],
                title=row["title"],
                status=row["status"],
                header=json.loads(row["header"] or "{}"),
                pending=counts.get(PENDING, 0),
                accepted=counts.get(ACCEPTED, 0),
                rejected=counts.get(REJECTED, 0),
            )
        )
    return out


def list_drafts(
    db: Database, status: str | None = None, document: int | None = None, order: str = "document"
) -> list[Draft]:
    """Return drafts in document order (or, with ``order="confidence"``, most confident first), optionally of
    one status and/or one document."""
    where: list[str] = []
    params: list[Any] = []
    if status:
        where.append("status = ?")
        params.append(status)
    if document is not None:
        where.append("document = ?")
        params.append(document)
    sort = "confidence DESC, document, position" if order == "confidence" else "document, position"
    sql = "SELECT * FROM drafts" + (f" WHERE {' AND '.join(where)}" if where else "") + f" ORDER BY {sort}"
    return [Draft.from_row(r) for r in db.execute_returning_dicts(sql, params)]


def get_draft(db: Database, draft_id: int) -> Draft:
    """Return one draft or raise DraftError."""
    rows = db.execute_returning_dicts("SELECT * FROM drafts WHERE id = ?", [draft_id])
    if not rows:
        raise DraftError(f"no draft {draft_id}")
    return Draft.from_row(rows[0])


def _document_row(db: Database, document_id: int) -> dict[str, Any]:
    rows = db.execute_returning_dicts("SELECT * FROM documents WHERE id = ?", [document_id])
    if not rows:
        raise DraftError(f"no document {document_id}")
    return rows[0]


def _pending(draft: Draft) -> None:
    if draft.status != PENDING:
        raise DraftError(f"draft {draft.id} is already {draft.status}")


def validate_changes(changes: dict[str, Any]) -> dict[str, Any]:
    """Check and convert edits to a draft; raise DraftError listing every bad field at once."""
    problems, clean = [], {}
    for key, value in changes.items():
        if key not in EDITABLE:
            problems.append(f"{key}: not an editable field (choose from {', '.join(EDITABLE)})")
            continue
        if isinstance(value, str):
            value = value.strip()
        if key == "modality" and value not in {m.value for m in Modality}:
            problems.append(f"modality: {value!r} is not one of must, should, must_not, should_not")
        elif key == "activity" and value not in {a.value for a in Activity}:
            problems.append(f"activity: {value!r} is not one of {', '.join(a.value for a in Activity)}")
        elif key == "driver" and value not in {d.value for d in Driver}:
            problems.append(f"driver: {value!r} is not one of {', '.join(d.value for d in Driver)}")
        elif key == "frequency_per_year" and value not in (None, ""):
            try:
                value = float(value)
                if value < 0:
                    raise ValueError
            except (TypeError, ValueError):
                problems.append(f"frequency_per_year: {value!r} is not a number >= 0")
        elif key == "on_regulated" and not isinstance(value, bool):
            if str(value).lower() in ("true", "yes", "1"):
                value = True
            elif str(value).lower() in ("false", "no", "0"):
                value = False
            else:
                problems.append(f"on_regulated: {value!r} is not yes or no")
        elif key in ("text", "actor", "location") and not value:
            problems.append(f"{key}: may not be empty")
        clean[key] = None if value == "" else value
    if problems:
        raise DraftError("; ".join(problems))
    return clean


def edit_draft(db: Database, draft_id: int, changes: dict[str, Any], *, actor: str, reason: str = "") -> Draft:
    """Change fields of a pending draft (validated) and record the change; return the updated draft."""
    draft = get_draft(db, draft_id)
    _pending(draft)
    clean = validate_changes(changes)
    if not clean:
        return draft
    row = dict(clean)
    if "on_regulated" in row:
        row["on_regulated"] = int(bool(row["on_regulated"]))
    with writing(db):
        db.table("drafts").update(draft_id, {**row, "version": draft.version + 1})
        old = {k: getattr(draft, k, None) for k in clean}
        record_change(
            db, actor=actor, entity="draft", entity_id=str(draft_id), action="edit", old=old, new=clean, reason=reason
        )
    return get_draft(db, draft_id)


def reject_draft(db: Database, draft_id: int, *, actor: str, reason: str = "") -> Draft:
    """Reject a pending draft: it stays in the queue, marked rejected, and never enters the catalogue."""
    draft = get_draft(db, draft_id)
    _pending(draft)
    with writing(db):
        db.table("drafts").update(
            draft_id,
            {
                "status": REJECTED,
                "decided_by": actor,
                "decided_at": _now(),
                "note": reason or draft.note,
                "version": draft.version + 1,
            },
        )
        record_change(db, actor=actor, entity="draft", entity_id=str(draft_id), action="reject", reason=reason)
    return get_draft(db, draft_id)


def _stub_directive(reference: str, cancelled_by: str, ended: str | None) -> Directive:
    prefix = reference.split(" ")[0]
    kind = {"PI": DirectiveType.PROBATION_INSTRUCTION, "PC": DirectiveType.PROBATION_CIRCULAR}.get(
        prefix, DirectiveType.OTHER
    )
    return Directive(
        reference=reference,
        title=f"{reference} (known only as cancelled by {cancelled_by})",
        type=kind,
        issuer="not known (named only in a cancelling directive)",
        status=DirectiveStatus.CANCELLED,
        cancelled_by=cancelled_by,
        ended=ended,
    )


# --- what accepting a document changes, in words -----------------------------------------------------

# Directive facts a document may update on a directive already in the catalogue, with their names in words.
FACTS = {
    "title": "title",
    "issuer": "issuing authority",
    "issued": "issue date",
    "effective": "effective date",
    "expiry": "expiry date",
    "summary": "summary",
}


def spoken_date(value: str | dt.date) -> str:
    """Write a (partial) date as people do: "1 April 2012", "April 2012" or "2012"."""
    if isinstance(value, dt.date):
        return f"{value.day} {calendar.month_name[value.month]} {value.year}"
    try:
        parts = [int(p) for p in value.split("-")]
        parse_partial_date(value)
    except ValueError:  # not a date Proportion wrote: show it as it came
        return value
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{calendar.month_name[parts[1]]} {parts[0]}"
    return f"{parts[2]} {calendar.month_name[parts[1]]} {parts[0]}"


def takes_effect(directive: Directive) -> str | None:
    """Return the (partial) date from which a directive binds trusts: its effective date, else its issue date.

    The same rule as the audit's (``audit.stock``): an undated directive counts from the start.
    """
    return directive.effective or directive.issued


def audit_note(directive: Directive, audit_date: dt.date | None) -> str | None:
    """Say why a directive's requirements will not count in the audit on ``audit_date``, or None when they will."""
    start = takes_effect(directive)
    if audit_date is None or start is None or parse_partial_date(start) <= audit_date:
        return None
    word = "on" if start.count("-") == 2 else "in"
    note = (
        f"{directive.reference} takes effect {word} {spoken_date(start)}, after the audit date "
        f"({spoken_date(audit_date)}): its requirements will not count in the current audit"
    )
    return note + (", and the directives it cancels still count in it." if directive.supersedes else ".")


# Each change is written once, as what will happen (for the confirmation); these turn it into what happened.
_PAST = (
    (" is not in the catalogue: it will be added", " was not in the catalogue: it was added"),
    (" is already in the catalogue and stays as it is", " was already in the catalogue and stays as it was"),
    (" is already in the catalogue:", " was already in the catalogue:"),
    (" will be in force again", " is in force again"),
    (" will no longer be ", " is no longer "),
    (" will change ", " changed "),
    (" will count ", " counts "),
    (" will be ", " was "),
    (" goes back ", " went back "),
)


def done(change: str) -> str:
    """Return a planned change ("PC 65/2005 will be marked cancelled ...") as it reads once made ("... was ...")."""
    for future, past in _PAST:
        change = change.replace(future, past)
    return change


@dataclass
class DocumentPlan:
    """What accepting a document will write, computed before anything is written.

    ``changes`` says each change in words; ``directive`` is the directive as it will be stored;
    ``audit_note`` says when its requirements will not count in the current audit.
    """

    document: int
    reference: str
    directive: Directive
    existing: Directive | None
    changes: list[str]
    audit_note: str | None

    @property
    def counts_in_audit(self) -> bool:
        return self.audit_note is None


def _proposed_directive(db: Database, row: dict[str, Any], reference: str | None) -> tuple[Directive, Directive | None]:
    """Return the directive a document describes (merged into the catalogue's, if it has one) and the current one."""
    header = json.loads(row["header"] or "{}")
    ref = reference or row["reference"] or header.get("reference")
    if not ref:
        raise DraftError(
            f"document {row['id']} ({row['name']}) has no directive reference; give one to accept it (for example "
            '"PI 12/2011")'
        )
    from catalogue.extract.header import DirectiveHeader

    fields_ = {k: v for k, v in header.items() if k in DirectiveHeader.__dataclass_fields__ and k != "type"}
    parsed = DirectiveHeader(**fields_)
    parsed.reference = ref
    parsed.type = DirectiveType(header["type"]) if header.get("type") else None
    try:
        directive = parsed.to_directive(source=row["name"])
    except ValidationError as exc:
        raise DraftError(f"{row['name']}: the header cannot make a directive ({_plain(exc)})") from exc
    try:
        current: Directive | None = get_directive(db, ref)
    except NotFound:
        current = None
    if current is not None:
        # Keep what a person may already have set (status, legal force, address) and add the new facts.
        new_facts = {k: v for k, v in directive.model_dump().items() if v not in (None, "", []) and k in FACTS}
        if directive.supersedes:
            new_facts["supersedes"] = directive.supersedes
        directive = current.model_copy(update=new_facts)
    return directive, current


def _plain(exc: ValidationError) -> str:
    """A validation error in words: the field and its problem, without the library's jargon."""
    return "; ".join(f"{'.'.join(map(str, e['loc'])) or 'value'}: {e['msg']}" for e in exc.errors())


def plan_document(
    db: Database, document_id: int, *, reference: str | None = None, audit_date: dt.date | None = None
) -> DocumentPlan:
    """Say, in words and before anything is written, what accepting a document will change in the catalogue.

    The directive is added (or its facts updated), each directive it cancels is marked cancelled from the
    date it takes effect (a stub is added for one the catalogue lacks), and, given the ``audit_date``, the plan
    says when its requirements will not count in the current audit.
    """
    row = _document_row(db, document_id)
    if row["status"] == ACCEPTED:
        raise DraftError(f"{row['name']} is already accepted as {row['reference']}")
    directive, current = _proposed_directive(db, row, reference)
    ref = directive.reference
    start = takes_effect(directive)
    since = f"from {spoken_date(start)}" if start else None
    changes: list[str] = []
    if current is None:
        changes.append(
            f"{ref} will be added to the catalogue as a new directive, in force {since}."
            if since
            else f"{ref} will be added to the catalogue as a new directive; the document gives no date, so it counts "
            "as in force from the start."
        )
    else:
        updates = [
            f"its {name} will change from {getattr(current, key) or 'none'!s} to {getattr(directive, key)!s}"
            for key, name in FACTS.items()
            if getattr(directive, key) != getattr(current, key)
        ]
        changes.append(
            f"{ref} is already in the catalogue: {'; '.join(updates)}."
            if updates
            else f"{ref} is already in the catalogue and stays as it is."
        )
        for dropped in sorted(set(current.supersedes) - set(directive.supersedes)):
            changes.append(f"{ref} will no longer be recorded as cancelling {dropped}.")
    for old_ref in directive.supersedes:
        try:
            old = get_directive(db, old_ref)
        except NotFound:
            changes.append(
                f"{old_ref} is not in the catalogue: it will be added as a cancelled directive, known only by its "
                + (f"reference, cancelled {since}." if since else "reference, with no date.")
            )
            continue
        if old.cancelled_by == ref and old.status == DirectiveStatus.CANCELLED:
            changes.append(f"{old_ref} is already marked cancelled by {ref}: no change.")
        elif old.cancelled_by:  # an earlier canceller stands: the record of who ended it is not rewritten
            when = f" (from {spoken_date(old.ended)})" if old.ended else ""
            changes.append(f"{old_ref} is already {old.status} by {old.cancelled_by}{when}: no change.")
        elif old.ended:
            changes.append(f"{old_ref} will be marked cancelled from {spoken_date(old.ended)} (cancelled by {ref}).")
        elif since:
            changes.append(f"{old_ref} will be marked cancelled {since} (cancelled by {ref}).")
        else:
            changes.append(
                f"{old_ref} will be marked cancelled by {ref}; the document gives no date, so {old_ref} will count "
                "as in force on no date at all."
            )
    return DocumentPlan(document_id, ref, directive, current, changes, audit_note(directive, audit_date))


def _dump(directive: Directive | None) -> dict[str, Any] | None:
    return directive.model_dump(mode="json") if directive is not None else None


def accept_document(
    db: Database,
    document_id: int,
    *,
    actor: str,
    reference: str | None = None,
    confirmed: list[str] | None = None,
) -> Directive:
    """Accept a document: write its directive and mark the directives it cancels as cancelled, linked to it.

    ``confirmed`` is the list of changes the person saw (``plan_document(...).changes``): when the catalogue
    changed since, so that accepting would now change something else, nothing is written (DraftError).
    ``reference`` supplies one the header lacked. The history entry keeps every directive as it was before,
    so that :func:`undo_import` can put them back.
    """
    with writing(db):
        plan = plan_document(db, document_id, reference=reference)
        if confirmed is not None and list(confirmed) != plan.changes:
            raise DraftError(
                "the catalogue changed since you reviewed what accepting this document changes; nothing was saved. "
                "Review the changes again: " + " ".join(plan.changes)
            )
        row = _document_row(db, document_id)
        directive, ref = plan.directive, plan.reference
        ended = takes_effect(directive)
        before: dict[str, Any] = {ref: _dump(plan.existing)}
        reason = f"accepted from {row['name']}"
        db.execute("PRAGMA defer_foreign_keys = ON")  # the links may name directives written just after
        upsert_directive(db, directive, actor=actor, reason=reason)
        for old_ref in directive.supersedes:
            cause = f"hereby cancelled by {ref} ({row['name']})"
            try:
                old = get_directive(db, old_ref)
            except NotFound:
                before[old_ref] = None
                upsert_directive(db, _stub_directive(old_ref, ref, ended), actor=actor, reason=cause)
                continue
            if old.cancelled_by:  # already ended by this or an earlier directive: left as it is
                continue
            before[old_ref] = _dump(old)
            cancelled = old.model_copy(
                update={"status": DirectiveStatus.CANCELLED, "cancelled_by": ref, "ended": old.ended or ended}
            )
            upsert_directive(db, cancelled, actor=actor, reason=cause)
        db.table("documents").update(
            document_id, {"status": ACCEPTED, "reference": ref, "decided_by": actor, "decided_at": _now()}
        )
        versions = {key: row_version(db, "directives", reference=key) for key in before}
        record_change(
            db,
            actor=actor,
            entity="document",
            entity_id=str(document_id),
            action="accept",
            old={"directives": before},
            new={"reference": ref, "cancels": directive.supersedes, "changes": plan.changes, "versions": versions},
            reason=reason,
        )
    return get_directive(db, ref)


def directive_of(db: Database, document_id: int) -> Directive | None:
    """Return the catalogue directive a document's drafts go under, or None until its document is accepted.

    A document's drafts become requirements of its directive, so that directive must be in the catalogue
    first: put there by accepting the document, or already there under the same reference.
    """
    row = _document_row(db, document_id)
    if not row["reference"]:
        return None
    try:
        return get_directive(db, row["reference"])
    except NotFound:
        return None


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9.]+", "-", text).strip("-.")


def requirement_id(reference: str, location: str) -> str:
    """Return a stable requirement id from the directive reference and the location ("PI-07-2010.p2.3-i1")."""
    short = location.lower()
    for long, abbr in (
        ("paragraph ", "n"),
        ("para ", "p"),
        ("item ", "i"),
        ("sentence ", "s"),
        ("table ", "t"),
        ("row ", "r"),
        ("page ", "pg"),
    ):
        short = short.replace(long, abbr)
    short = short.replace(", ", "-")
    rid = f"{_slug(reference)}.{_slug(short)}"
    return rid[:60].rstrip("-.")


def choose_grade(actor: str, activity: str, available: list[str]) -> str:
    """Return the staff grade most likely to do the work, among the grades the catalogue has."""
    if not available:
        raise DraftError("the catalogue has no staff grades; load the default data (proportion init) first")
    low = actor.lower()
    for pattern, preferred in GRADE_RULES:
        if re.search(pattern, low):
            if preferred[0] == "admin" and activity not in (Activity.REPORTING, Activity.RECORDING):
                preferred = preferred[1:]
            for code in preferred:
                if code in available:
                    return code
    return "po" if "po" in available else sorted(available)[0]


def build_requirement(draft: Draft, reference: str, document_name: str, grades: list[str]) -> Requirement:
    """Turn a reviewed draft into a catalogue requirement with honest provenance for each figure."""
    activity = Activity(draft.activity)
    driver = Driver(draft.driver)
    cite_doc = f"{reference} ({document_name})"
    if draft.frequency_per_year is not None:
        occurrences = float(draft.frequency_per_year)
        wording = draft.frequency or f"{occurrences:g} a year"
        freq_prov = Provenance.cite(cite_doc, draft.location, note=f"'{wording}' read as {occurrences:g} a year")
        freq_text = draft.frequency
    else:
        occurrences = 1.0
        freq_text = draft.timescale or draft.deadline
        basis = f"the duty is stated once ({freq_text})" if freq_text else "the text states no frequency"
        freq_prov = Provenance.estimate(f"{basis}; once a year {label(driver)} assumed")
    low, central, high = STANDARD_MINUTES[activity]
    minutes_prov = Provenance.estimate(
        f"directives state no times: Proportion's standard time for {activity.value.replace('_', ' ')} "
        f"({low:g}/{central:g}/{high:g} min); replace with a measured time"
    )
    text = draft.text
    if draft.lead_in and draft.kind == "item":
        text = f"{draft.lead_in.rstrip(':-– ')} {draft.text}"
    return Requirement(
        id=requirement_id(reference, draft.location),
        directive=reference,
        paragraph=draft.location,
        text=text,
        modality=Modality(draft.modality),
        actor=draft.actor[:300],
        purpose=PURPOSE_BY_ACTIVITY.get(activity, Purpose.PROCESS),
        activity=activity,
        driver=driver,
        occurrences_per_unit=occurrences,
        frequency_text=freq_text,
        frequency_provenance=freq_prov,
        minutes_low=low,
        minutes_central=central,
        minutes_high=high,
        minutes_provenance=minutes_prov,
        grade=choose_grade(draft.actor, activity, grades),
    )


def _free_id(db: Database, wanted: str) -> str:
    """Return ``wanted``, or it with a numbered suffix when a requirement already has that id (in any case)."""
    candidate, suffix = wanted, 2
    while db.execute("SELECT 1 FROM requirements WHERE lower(id) = lower(?)", [candidate]).fetchone():
        candidate = f"{wanted[:56]}-{suffix}"
        suffix += 1
    return candidate


def _accept(db: Database, draft: Draft, directive: str, document_name: str, *, actor: str, reason: str) -> Requirement:
    grades = [r[0] for r in db.execute("SELECT code FROM staff_grades ORDER BY code").fetchall()]
    requirement = build_requirement(draft, directive, document_name, grades)
    # Never overwrite a catalogue requirement: two drafts can share a location, and a person may have used the id.
    requirement = requirement.model_copy(update={"id": _free_id(db, requirement.id)})
    upsert_requirement(
        db,
        requirement,
        actor=actor,
        reason=reason or f"accepted draft {draft.id} of {document_name}",
        expected_version=0,
    )
    db.table("drafts").update(
        draft.id,
        {
            "status": ACCEPTED,
            "requirement_id": requirement.id,
            "decided_by": actor,
            "decided_at": _now(),
            "version": draft.version + 1,
        },
    )
    return requirement


def _directive_or_refuse(db: Database, document_id: int) -> tuple[str, str]:
    """Return (directive reference, document file name), or refuse while the directive is not in the catalogue."""
    row = _document_row(db, document_id)
    directive = directive_of(db, document_id)
    if directive is None:
        ref = row["reference"] or "its directive"
        raise DraftError(
            f"{ref} is not in the catalogue yet: accept the document first (and confirm what it changes), "
            "then its drafts"
        )
    return directive.reference, row["name"]


def accept_draft(db: Database, draft_id: int, *, actor: str, reason: str = "") -> Requirement:
    """Accept a pending draft: add it to the catalogue as a requirement of its document's directive, and only that.

    The directive must already be in the catalogue (see :func:`directive_of`); accepting a draft never
    accepts its document, so it never adds or cancels a directive.
    """
    with writing(db):
        draft = get_draft(db, draft_id)
        _pending(draft)
        reference, name = _directive_or_refuse(db, draft.document)
        return _accept(db, draft, reference, name, actor=actor, reason=reason)


def drafts_above(db: Database, document_id: int, threshold: float) -> list[Draft]:
    """Return a document's pending drafts whose confidence is at least ``threshold``, most confident first."""
    return [
        d
        for d in list_drafts(db, status=PENDING, document=document_id, order="confidence")
        if d.confidence >= threshold
    ]


def accept_all(
    db: Database,
    document_id: int,
    *,
    actor: str,
    min_confidence: float = 0.0,
    confirmed: list[int] | None = None,
) -> list[Requirement]:
    """Accept, in one transaction, every pending draft of a document with confidence >= ``min_confidence``.

    Like :func:`accept_draft`, this needs the document's directive in the catalogue and changes no directive.
    ``confirmed`` is the list of draft ids the person saw: when the drafts above the threshold are no longer
    those, nothing is written. Returns the requirements created, most confident first.
    """
    with writing(db):
        reference, name = _directive_or_refuse(db, document_id)
        chosen = drafts_above(db, document_id, min_confidence)
        if confirmed is not None and sorted(confirmed) != sorted(d.id for d in chosen):
            raise DraftError(
                f"the drafts with confidence {min_confidence:.2f} or more changed since you reviewed them "
                f"(now {len(chosen)}); nothing was accepted. Review them again"
            )
        return [_accept(db, d, reference, name, actor=actor, reason="") for d in chosen]


# --- taking a document out of the queue, and undoing an import ----------------------------------------


def delete_document(db: Database, document_id: int, *, actor: str, reason: str = "") -> None:
    """Remove a document and its drafts from the review queue (recorded in the history).

    Refused once anything of it is in the catalogue: undo the import first.
    """
    with writing(db):
        row = _document_row(db, document_id)
        accepted = db.execute(
            "SELECT count(*) FROM drafts WHERE document = ? AND status = ?", [document_id, ACCEPTED]
        ).fetchone()[0]
        if row["status"] == ACCEPTED or accepted:
            what = (
                f"accepted as {row['reference']}" if row["status"] == ACCEPTED else f"{accepted} of its drafts accepted"
            )
            raise DraftError(
                f"{row['name']} is in the catalogue ({what}); undo the import first, then delete it from the queue"
            )
        count = db.execute("SELECT count(*) FROM drafts WHERE document = ?", [document_id]).fetchone()[0]
        db.execute("DELETE FROM drafts WHERE document = ?", [document_id])
        db.execute("DELETE FROM documents WHERE id = ?", [document_id])
        record_change(
            db,
            actor=actor,
            entity="document",
            entity_id=str(document_id),
            action="delete",
            old={"name": row["name"], "reference": row["reference"], "sha256": row["sha256"], "drafts": count},
            reason=reason or "deleted from the review queue",
        )


@dataclass
class UndoPlan:
    """What undoing a document's import puts back, and why it cannot be done when the catalogue moved on."""

    document: int
    name: str
    requirements: list[str]
    before: dict[str, Any]  # reference -> the directive as it was (None: the import added it)
    changes: list[str]
    problems: list[str]


def _undo_plan(db: Database, document_id: int) -> UndoPlan:
    row = _document_row(db, document_id)
    requirements = [
        r[0]
        for r in db.execute(
            "SELECT requirement_id FROM drafts WHERE document = ? AND status = ? ORDER BY position",
            [document_id, ACCEPTED],
        )
    ]
    before: dict[str, Any] = {}
    versions: dict[str, int] = {}
    if row["status"] == ACCEPTED:
        entries = [e for e in history_for(db, "document", str(document_id)) if e["action"] == "accept"]
        if entries:
            before = json.loads(entries[-1]["old_value"] or "{}").get("directives", {})
            versions = json.loads(entries[-1]["new_value"] or "{}").get("versions", {})
    if not requirements and not before:
        raise DraftError(f"{row['name']}: nothing of it is in the catalogue, so there is no import to undo")
    problems: list[str] = []
    present = []
    for rid in requirements:
        found = db.execute("SELECT version FROM requirements WHERE id = ?", [rid]).fetchone()
        if not found:
            continue  # removed since by someone else: nothing to undo for it
        present.append(rid)
        if found[0] != 1:
            problems.append(f"requirement {rid} was edited since the import")
        scores = db.execute("SELECT count(*) FROM relevance_scores WHERE requirement = ?", [rid]).fetchone()[0]
        measured = db.execute("SELECT count(*) FROM local_measurements WHERE requirement = ?", [rid]).fetchone()[0]
        if scores or measured:
            problems.append(
                f"requirement {rid} has {scores} relevance score(s) and {measured} local measurement(s) recorded since"
            )
    changes: list[str] = []
    for ref, old in before.items():
        if row_version(db, "directives", reference=ref) != versions.get(ref):
            problems.append(f"directive {ref} was changed since the import")
        if old is None:
            others = db.execute("SELECT count(*) FROM requirements WHERE directive = ?", [ref]).fetchone()[0]
            ours = db.execute(
                f"SELECT count(*) FROM requirements WHERE directive = ? AND id IN ({','.join('?' * len(present))})",
                [ref, *present],
            ).fetchone()[0]
            if others > ours:
                problems.append(f"directive {ref} has {others - ours} requirement(s) added since the import")
            changes.append(
                f"{ref} will be removed from the catalogue with its {ours} requirement{'s' if ours != 1 else ''}."
                if ours
                else f"{ref} will be removed from the catalogue (the import added it)."
            )
        elif old.get("status") == DirectiveStatus.IN_FORCE:
            changes.append(f"{ref} will be in force again, as before the import.")
        else:
            changes.append(f"{ref} will be restored as it was before the import.")
    removed_with_directive = {
        rid
        for rid in present
        for ref, old in before.items()
        if old is None
        and db.execute("SELECT 1 FROM requirements WHERE id = ? AND directive = ?", [rid, ref]).fetchone()
    }
    rest = [rid for rid in present if rid not in removed_with_directive]
    if rest:
        changes.append(f"{len(rest)} requirement(s) added from this document will be removed: {', '.join(rest)}.")
    changes.append(f"{row['name']} goes back to the review queue with those drafts pending.")
    return UndoPlan(document_id, row["name"], present, before, changes, problems)


def plan_undo(db: Database, document_id: int) -> list[str]:
    """Say, in words, what undoing a document's import will change; refuse when the catalogue moved on since."""
    plan = _undo_plan(db, document_id)
    if plan.problems:
        raise DraftError(
            f"the import of {plan.name} cannot be undone, because the catalogue changed since the import: "
            f"{'; '.join(plan.problems)}. Nothing was changed"
        )
    return plan.changes


def undo_import(db: Database, document_id: int, *, actor: str, confirmed: list[str] | None = None) -> list[str]:
    """Undo everything accepting a document and its drafts wrote, in one transaction; return what changed.

    Its requirements are removed, the directives it added are removed and those it changed are put back
    as they were; its drafts go back to pending. Each change and the undo itself are in the history.
    """
    try:
        with writing(db):
            changes = plan_undo(db, document_id)
            if confirmed is not None and list(confirmed) != changes:
                raise DraftError(
                    "the catalogue changed since you reviewed the undo; nothing was changed. Review it again"
                )
            plan = _undo_plan(db, document_id)
            reason = f"undo of the import of {plan.name} (document {document_id})"
            db.execute("PRAGMA defer_foreign_keys = ON")  # directives and their links are put back in any order
            for rid in plan.requirements:
                old = db.execute_returning_dicts("SELECT * FROM requirements WHERE id = ?", [rid])[0]
                db.execute("DELETE FROM requirements WHERE id = ?", [rid])
                old.pop("version", None)
                record_change(
                    db, actor=actor, entity="requirement", entity_id=rid, action="delete", old=old, reason=reason
                )
            for ref, old in plan.before.items():
                if old is None:
                    stored = get_directive(db, ref)
                    db.execute("DELETE FROM directive_supersessions WHERE directive = ?", [ref])
                    db.execute("DELETE FROM directives WHERE reference = ?", [ref])
                    record_change(
                        db,
                        actor=actor,
                        entity="directive",
                        entity_id=ref,
                        action="delete",
                        old=_dump(stored),
                        reason=reason,
                    )
                else:
                    upsert_directive(db, Directive.model_validate(old), actor=actor, reason=reason)
            db.execute(
                "UPDATE drafts SET status = ?, requirement_id = NULL, decided_by = NULL, decided_at = NULL, "
                "version = version + 1 WHERE document = ? AND status = ?",
                [PENDING, document_id, ACCEPTED],
            )
            db.table("documents").update(document_id, {"status": PENDING, "decided_by": None, "decided_at": None})
            record_change(
                db,
                actor=actor,
                entity="document",
                entity_id=str(document_id),
                action="undo",
                old={"requirements": plan.requirements, "directives": sorted(plan.before)},
                new={"changes": changes},
                reason=reason,
            )
    except sqlite3.IntegrityError as exc:  # a record added since still points at what the undo removes
        raise DraftError(
            "the import cannot be undone: another record now refers to a directive or requirement it added; "
            "nothing was changed"
        ) from exc
    return changes


def document_history(db: Database, document_id: int) -> list[dict[str, Any]]:
    """Return what happened to a document in the queue (read, accepted, undone, deleted), oldest first."""
    return history_for(db, "document", str(document_id))
