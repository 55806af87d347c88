"""The review queue: extracted documents and their draft requirements, accepted, edited or rejected by a person.

>>> from catalogue.store import open_db
>>> from catalogue.extract import extract_text
>>> db = open_db(":memory:")
>>> extraction = extract_text("Reference: PI 01/2010\\n\\n2.1 Trusts must report quarterly.", "pi.txt")
>>> doc_id = ingest(db, extraction, actor="ann")
>>> [(d.location, d.modality, d.frequency_per_year) for d in list_drafts(db, document=doc_id)]
[('para 2.1', 'must', 4.0)]

Accepting a draft first accepts its document: the directive is created from the header, and the
directives it cancels are marked cancelled, linked to it. Every change is recorded in the history.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from dataclasses import dataclass, fields
from typing import Any

from sqlite_utils import Database

from catalogue.errors import NotFound
from catalogue.extract import Extraction
from catalogue.extract.errors import DraftError
from catalogue.extract.twins import DEFAULT_THRESHOLD, TwinIndex
from catalogue.history import record_change
from catalogue.models import Directive, Provenance, Requirement
from catalogue.store import get_directive, upsert_directive, upsert_requirement, writing
from catalogue.types import Activity, DirectiveStatus, DirectiveType, Driver, Modality, Purpose, label

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


def list_drafts(db: Database, status: str | None = None, document: int | None = None) -> list[Draft]:
    """Return drafts in document order, optionally of one status and/or one document."""
    where: list[str] = []
    params: list[Any] = []
    if status:
        where.append("status = ?")
        params.append(status)
    if document is not None:
        where.append("document = ?")
        params.append(document)
    sql = "SELECT * FROM drafts" + (f" WHERE {' AND '.join(where)}" if where else "") + " ORDER BY document, position"
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
            problems.append(f"modality: {value!r} is not one of must, should, must not")
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


def accept_document(db: Database, document_id: int, *, actor: str, reference: str | None = None) -> Directive:
    """Accept a document: create its directive and mark the directives it cancels as cancelled, linked to it.

    Idempotent for an already accepted document. ``reference`` supplies one the header lacked.
    """

    row = _document_row(db, document_id)
    header = json.loads(row["header"] or "{}")
    ref = reference or row["reference"] or header.get("reference")
    if not ref:
        raise DraftError(f"document {document_id} ({row['name']}) has no directive reference; give one to accept it")
    from catalogue.extract.header import DirectiveHeader

    fields_ = {k: v for k, v in header.items() if k in DirectiveHeader.__dataclass_fields__ and k != "type"}
    parsed = DirectiveHeader(**fields_)
    parsed.reference = ref
    parsed.type = DirectiveType(header["type"]) if header.get("type") else None
    directive = parsed.to_directive(source=row["name"])
    ended = directive.effective or directive.issued
    reason = f"accepted from {row['name']}"
    with writing(db):
        try:
            current: Directive | None = get_directive(db, ref)
        except NotFound:
            current = None
        if current is None or row["status"] != ACCEPTED:
            if current is not None:
                # Keep what a person may already have set (status, legal force, address) and add the new facts.
                facts = ("title", "issuer", "issued", "effective", "expiry", "supersedes", "summary")
                directive = current.model_copy(
                    update={k: v for k, v in directive.model_dump().items() if v not in (None, "", []) and k in facts}
                )
            # Foreign keys are checked at commit, so the links may name directives written just after.
            upsert_directive(db, directive, actor=actor, reason=reason)
            for old_ref in directive.supersedes:
                cause = f"hereby cancelled by {ref} ({row['name']})"
                try:
                    old = get_directive(db, old_ref)
                except NotFound:
                    upsert_directive(db, _stub_directive(old_ref, ref, ended), actor=actor, reason=cause)
                    continue
                if old.cancelled_by == ref and old.status == DirectiveStatus.CANCELLED:
                    continue
                cancelled = old.model_copy(
                    update={"status": DirectiveStatus.CANCELLED, "cancelled_by": ref, "ended": old.ended or ended}
                )
                upsert_directive(db, cancelled, actor=actor, reason=cause)
        db.table("documents").update(
            document_id, {"status": ACCEPTED, "reference": ref, "decided_by": actor, "decided_at": _now()}
        )
        record_change(
            db,
            actor=actor,
            entity="document",
            entity_id=str(document_id),
            action="accept",
            new={"reference": ref, "cancels": directive.supersedes},
        )
    return get_directive(db, ref)


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


def accept_draft(db: Database, draft_id: int, *, actor: str, reason: str = "") -> Requirement:
    """Accept a pending draft: accept its document if needed, then add the requirement to the catalogue."""

    draft = get_draft(db, draft_id)
    _pending(draft)
    doc = _document_row(db, draft.document)
    directive = accept_document(db, draft.document, actor=actor) if doc["status"] != ACCEPTED else None
    reference = directive.reference if directive else doc["reference"]
    grades = [r[0] for r in db.execute("SELECT code FROM staff_grades ORDER BY code").fetchall()]
    requirement = build_requirement(draft, reference, doc["name"], grades)
    # Two drafts can share a location (a sentence split by a reviewer): keep ids unique.
    taken = db.execute("SELECT text FROM requirements WHERE id = ?", [requirement.id]).fetchone()
    suffix = 2
    while taken and taken[0] != requirement.text:
        requirement = requirement.model_copy(update={"id": f"{requirement.id[:56]}-{suffix}"})
        taken = db.execute("SELECT text FROM requirements WHERE id = ?", [requirement.id]).fetchone()
        suffix += 1
    with writing(db):
        upsert_requirement(db, requirement, actor=actor, reason=reason or f"accepted draft {draft_id} of {doc['name']}")
        db.table("drafts").update(
            draft_id,
            {
                "status": ACCEPTED,
                "requirement_id": requirement.id,
                "decided_by": actor,
                "decided_at": _now(),
                "version": draft.version + 1,
            },
        )
    return requirement


def accept_all(db: Database, document_id: int, *, actor: str) -> list[Requirement]:
    """Accept a document and every pending draft of it; return the requirements created."""
    accept_document(db, document_id, actor=actor)
    return [accept_draft(db, d.id, actor=actor) for d in list_drafts(db, status=PENDING, document=document_id)]
