"""Import: read directive documents, accept each document in a confirmed step, then accept or reject its drafts.

The order is the library's (``catalogue.extract.drafts``): a document's drafts become requirements of its
directive, so the directive (and the directives it cancels) is accepted first, once, after a confirmation
that lists every change; accepting a draft then adds that requirement and nothing else.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from app_pages import _cache, _state, _ui
from audit.access import Action
from catalogue.errors import CatalogueError
from catalogue.extract import drafts, extract_bytes
from catalogue.store import get_requirement
from catalogue.types import Activity, Driver, Modality, label

PAGE_SIZE = 20
CONFIRM = "import-confirm"  # the change waiting for confirmation: {"kind", "document", "changes", ...}
ORDERS = {"confidence": "Highest confidence first", "document": "Document order"}
HISTORY_WORDS = {
    "ingest": "read into the review queue",
    "accept": "document accepted",
    "undo": "import undone",
    "delete": "deleted from the queue",
}
STATUS_WORDS = {drafts.PENDING: "waiting for review", drafts.ACCEPTED: "accepted", drafts.REJECTED: "rejected"}

data = _cache.load()
db = data.db
audit_date = _cache.policy(data).audit_date
may_import = _state.allowed(Action.IMPORT_DOCUMENTS)
st.session_state.setdefault(CONFIRM, None)

st.title("Import directives")
st.caption(
    "Proportion reads directive documents (PDF with a text layer, DOCX, HTML, text) and drafts their requirements. "
    "Nothing enters the catalogue until a person accepts it: first the document (its directive and the directives "
    "it cancels, after a confirmation listing each change), then each draft, shown beside the catalogue requirement "
    "it most resembles so that duplicates can be rejected."
)
_state.show_flash()


def confirming(kind: str, document: int) -> dict[str, Any] | None:
    """Return the change of this kind on this document that waits for confirmation, if any."""
    pending = st.session_state.get(CONFIRM)
    if isinstance(pending, dict) and pending.get("kind") == kind and pending.get("document") == document:
        return pending
    return None


def ask(kind: str, document: int, changes: list[str], **extra: Any) -> None:
    """Show ``changes`` for confirmation on the next run (nothing is written yet)."""
    st.session_state[CONFIRM] = {"kind": kind, "document": document, "changes": changes, **extra}
    st.rerun()


def settle(message: str) -> None:
    """Forget the confirmation, show ``message`` after the rerun, rerun."""
    st.session_state[CONFIRM] = None
    _state.flash(message)
    st.rerun()


def bullets(lines: list[str]) -> None:
    st.markdown("\n".join(f"- {line}" for line in lines))


# --- upload -------------------------------------------------------------------------------------

if may_import:
    with st.form("import-upload", clear_on_submit=True):
        # No type filter on the widget: it would drop another kind of file without a word; the reader names it.
        files = st.file_uploader(
            "Directive documents (PDF, DOCX, HTML, TXT or Markdown)",
            accept_multiple_files=True,
            help="Each file is read on its own: a file that cannot be read is refused with the reason.",
        )
        submitted = st.form_submit_button("Read into the review queue", type="primary")
    if submitted and not files:
        st.warning("Choose at least one file to read.")
    if submitted and files:
        bar = st.progress(0.0, text="Reading…")
        read: list[str] = []
        problems: list[str] = []
        for number, upload in enumerate(files, start=1):
            bar.progress((number - 1) / len(files), text=f"Reading {upload.name}")
            content = upload.getvalue()
            try:
                doc_id = drafts.ingest(db, extract_bytes(content, upload.name), actor=_state.actor(), data=content)
            except CatalogueError as exc:  # unreadable, empty or already queued: say which and why, go on
                problems.append(f"{exc}. Nothing was saved from this file.")
                continue
            count = len(drafts.list_drafts(db, document=doc_id))
            read.append(
                f"{upload.name} is in the review queue as document {doc_id} with {count} draft(s)."
                if count
                else f"{upload.name} is in the review queue as document {doc_id}, but no requirement was found in "
                "it: delete it from the queue if it is not a directive."
            )
        bar.progress(1.0, text="Done")
        for problem in problems:
            st.error(problem)
        if read:
            _state.flash(" ".join(read))
            if not problems:
                st.rerun()
            st.success(" ".join(read))
else:
    st.info("Your role may read the review queue but not import or decide on documents.")

# --- documents ----------------------------------------------------------------------------------

documents = drafts.list_documents(db)
if not documents:
    st.info("The review queue is empty: upload directive documents above.")
    st.stop()

table = pd.DataFrame(
    [
        {
            "Document": d.id,
            "File": d.name,
            "Reference": d.reference or "—",
            "Title": d.title or "—",
            "Status": STATUS_WORDS.get(d.status, d.status),
            "Pending": d.pending,
            "Accepted": d.accepted,
            "Rejected": d.rejected,
        }
        for d in documents
    ]
)
_ui.table(table, "review queue documents", key="import-documents")

labels = {d.id: f"{d.id}: {d.reference or d.name} ({d.pending} pending)" for d in documents}
chosen = st.selectbox("Document", list(labels), format_func=labels.__getitem__, key="import-document")
document = next(d for d in documents if d.id == chosen)
header = document.header
directive = drafts.directive_of(db, document.id)

with st.container(border=True):
    st.subheader(f"1. The document: {document.reference or 'no reference found'} — {document.title or document.name}")
    facts = {
        "File": document.name,
        "Issued": header.get("issued") and drafts.spoken_date(header["issued"]),
        "Effective": header.get("effective") and drafts.spoken_date(header["effective"]),
        "Expiry": header.get("expiry") and drafts.spoken_date(header["expiry"]),
        "Issued on the authority of": header.get("authority"),
        "For action by": "; ".join(header.get("for_action") or []),
        "Cancels": ", ".join(header.get("cancels") or []),
    }
    st.markdown("  \n".join(f"**{k}:** {v}" for k, v in facts.items() if v))

    if document.status == drafts.ACCEPTED:
        st.markdown(f"Accepted into the catalogue as **{document.reference}**.")
    note = drafts.audit_note(directive, audit_date) if directive else None
    if note:
        st.warning(note, icon=":material/event_busy:")

    if may_import and document.status != drafts.ACCEPTED:
        reference = None
        if not document.reference:
            reference = st.text_input("Directive reference (none was found in the header)", key="import-ref") or None
        plan: drafts.DocumentPlan | None = None
        try:
            plan = drafts.plan_document(db, document.id, reference=reference, audit_date=audit_date)
        except CatalogueError as exc:
            st.info(str(exc))
        if plan is not None and not note and plan.audit_note:
            st.warning(plan.audit_note, icon=":material/event_busy:")
        waiting = confirming("document", document.id)
        if (
            plan is not None
            and waiting is None
            and st.button("Accept the document…", key=f"accept-doc-{document.id}", type="primary")
        ):
            ask("document", document.id, plan.changes, reference=reference, note=plan.audit_note)
        if waiting is not None:
            with st.container(border=True, key="confirm-document"):
                st.markdown("**Accepting this document will make these changes to the catalogue:**")
                bullets(waiting["changes"])
                if waiting.get("note"):
                    st.markdown(f"_{waiting['note']}_")
                st.caption("Its drafts are not accepted by this step: you accept or reject each of them below.")
                yes, no, _ = st.columns([2, 1, 3])
                if yes.button("Confirm: accept the document", key=f"confirm-doc-{document.id}", type="primary"):
                    try:
                        drafts.accept_document(
                            db,
                            document.id,
                            actor=_state.actor(),
                            reference=waiting.get("reference"),
                            confirmed=waiting["changes"],
                        )
                        settle(
                            f"Accepted {document.name}. "
                            + " ".join(drafts.done(c) for c in waiting["changes"])
                            + (f" {waiting['note']}" if waiting.get("note") else "")
                        )
                    except CatalogueError as exc:
                        st.session_state[CONFIRM] = None
                        st.error(str(exc))
                if no.button("Cancel", key=f"cancel-doc-{document.id}"):
                    settle("Nothing was changed.")

    if may_import and (document.status == drafts.ACCEPTED or document.accepted):
        waiting = confirming("undo", document.id)
        if waiting is None and st.button("Undo this import…", key=f"undo-{document.id}"):
            try:
                ask("undo", document.id, drafts.plan_undo(db, document.id))
            except CatalogueError as exc:
                st.error(str(exc))
        if waiting is not None:
            with st.container(border=True, key="confirm-undo"):
                st.markdown("**Undoing this import will, as one change recorded in the history:**")
                bullets(waiting["changes"])
                yes, no, _ = st.columns([2, 1, 3])
                if yes.button("Confirm: undo the import", key=f"confirm-undo-{document.id}", type="primary"):
                    try:
                        changes = drafts.undo_import(
                            db, document.id, actor=_state.actor(), confirmed=waiting["changes"]
                        )
                        settle("Import undone. " + " ".join(drafts.done(c) for c in changes))
                    except CatalogueError as exc:
                        st.session_state[CONFIRM] = None
                        st.error(str(exc))
                if no.button("Cancel", key=f"cancel-undo-{document.id}"):
                    settle("Nothing was changed.")
    elif may_import:
        waiting = confirming("delete", document.id)
        if waiting is None and st.button("Delete from the queue…", key=f"delete-{document.id}"):
            ask(
                "delete",
                document.id,
                [
                    f"{document.name} and its {document.pending + document.rejected} draft(s) will be removed from "
                    "the review queue. Nothing in the catalogue changes."
                ],
            )
        if waiting is not None:
            with st.container(border=True, key="confirm-delete"):
                bullets(waiting["changes"])
                yes, no, _ = st.columns([2, 1, 3])
                if yes.button("Confirm: delete", key=f"confirm-delete-{document.id}", type="primary"):
                    try:
                        drafts.delete_document(db, document.id, actor=_state.actor())
                        settle(f"{document.name} was deleted from the review queue; the catalogue is unchanged.")
                    except CatalogueError as exc:
                        st.session_state[CONFIRM] = None
                        st.error(str(exc))
                if no.button("Cancel", key=f"cancel-delete-{document.id}"):
                    settle("Nothing was changed.")

    with st.expander("History of this document"):
        entries = drafts.document_history(db, document.id)
        st.markdown(
            "\n".join(
                f"- {e['at'][:16].replace('T', ' ')} · {e['actor']} · {HISTORY_WORDS.get(e['action'], e['action'])}"
                + (f" · {e['reason']}" if e["reason"] else "")
                for e in entries
            )
            or "No changes recorded."
        )

# --- drafts -------------------------------------------------------------------------------------

st.subheader("2. Its drafts")
if directive is None:
    st.info(
        f"Accept the document first (step 1). Each draft becomes a requirement of "
        f"{document.reference or 'its directive'}, so that directive, and what the document cancels, are confirmed "
        "once before any of its requirements; accepting a draft never adds or cancels a directive."
    )
elif document.status != drafts.ACCEPTED:
    st.info(
        f"{directive.reference} is already in the catalogue: accepting a draft adds that requirement to it and "
        "changes nothing else. Accepting the document (step 1) would apply its header and cancellations."
    )

top, middle = st.columns([2, 3])
status = top.radio(
    "Show",
    [drafts.PENDING, drafts.ACCEPTED, drafts.REJECTED],
    format_func=str.capitalize,
    horizontal=True,
    key="import-status",
)
order = middle.radio("Order", list(ORDERS), format_func=ORDERS.__getitem__, horizontal=True, key="import-order")
queue = drafts.list_drafts(db, status=status, document=document.id, order=order)
st.caption(f"{len(queue)} {status} draft(s); showing up to {PAGE_SIZE}.")

if may_import and status == drafts.PENDING and document.pending:
    with st.container(border=True):
        threshold = st.slider(
            "Accept every pending draft with a confidence of at least",
            0.0,
            1.0,
            0.8,
            0.05,
            key="import-threshold",
            help="Confidence is the extractor's estimate that a draft is a real requirement, read correctly.",
        )
        above = drafts.drafts_above(db, document.id, threshold)
        waiting = confirming("bulk", document.id)
        if waiting is None and st.button(
            f"Accept {len(above)} draft(s) with confidence {threshold:.2f} or more…",
            key="accept-above",
            disabled=directive is None or not above,
        ):
            ask(
                "bulk",
                document.id,
                [f"{d.location} (confidence {d.confidence:.2f}): {d.text[:120]}" for d in above],
                ids=[d.id for d in above],
                threshold=threshold,
            )
        if waiting is not None and directive is not None:
            st.markdown(
                f"**These {len(waiting['ids'])} draft(s) will become requirements of {directive.reference}; "
                "no directive changes:**"
            )
            bullets(waiting["changes"])
            yes, no, _ = st.columns([2, 1, 3])
            if yes.button(f"Confirm: accept {len(waiting['ids'])} draft(s)", key="confirm-bulk", type="primary"):
                try:
                    created = drafts.accept_all(
                        db,
                        document.id,
                        actor=_state.actor(),
                        min_confidence=waiting["threshold"],
                        confirmed=waiting["ids"],
                    )
                    settle(f"Accepted {len(created)} draft(s) as requirements of {directive.reference}.")
                except CatalogueError as exc:
                    st.session_state[CONFIRM] = None
                    st.error(str(exc))
            if no.button("Cancel", key="cancel-bulk"):
                settle("Nothing was changed.")


def twin_panel(draft: drafts.Draft) -> None:
    """Show the catalogue requirement this draft most resembles."""
    if not draft.twin_id:
        st.caption("No likely twin in the catalogue.")
        return
    try:
        twin = get_requirement(db, draft.twin_id)
        text = twin.text
    except CatalogueError:
        text = "(no longer in the catalogue)"
    st.markdown(f"**Likely twin** `{draft.twin_id}` · similarity {draft.twin_score:.2f}")
    st.write(text)


def edit_form(draft: drafts.Draft) -> None:
    """A form to correct the draft's fields before accepting it."""
    with st.form(f"edit-{draft.id}"):
        text = st.text_area("Text", draft.text)
        a, b, c = st.columns(3)
        modalities = [m.value for m in Modality]
        modality = a.selectbox(
            "Modality",
            modalities,
            index=modalities.index(draft.modality) if draft.modality in modalities else 0,
            format_func=label,
        )
        actor = b.text_input("Actor", draft.actor)
        regulated = c.checkbox("Duty on the regulated bodies", draft.on_regulated)
        d, e, f = st.columns(3)
        timescale = d.text_input("Timescale", draft.timescale or "")
        frequency = e.text_input("Frequency (as worded)", draft.frequency or "")
        per_year = f.number_input("Occurrences a year", min_value=0.0, value=float(draft.frequency_per_year or 0.0))
        g, h, i = st.columns(3)
        activities = [x.value for x in Activity]
        activity = g.selectbox("Activity", activities, index=activities.index(draft.activity), format_func=label)
        drivers = [x.value for x in Driver]
        driver = h.selectbox("Driver", drivers, index=drivers.index(draft.driver), format_func=label)
        deadline = i.text_input("Deadline", draft.deadline or "")
        if st.form_submit_button("Save changes"):
            changes = {
                "text": text,
                "modality": modality,
                "actor": actor,
                "on_regulated": regulated,
                "timescale": timescale,
                "frequency": frequency,
                "frequency_per_year": per_year if (per_year or frequency) else None,
                "activity": activity,
                "driver": driver,
                "deadline": deadline,
            }
            try:
                drafts.edit_draft(db, draft.id, changes, actor=_state.actor())
                _state.flash(f"Draft {draft.id} ({draft.location}) updated; it is still waiting for review.")
                st.rerun()
            except CatalogueError as exc:
                st.error(str(exc))


for draft in queue[:PAGE_SIZE]:
    with st.container(border=True):
        left, right = st.columns([3, 2])
        with left:
            st.markdown(
                f"**{draft.location}** · {label(draft.modality)} · {draft.actor} · confidence {draft.confidence:.2f}"
            )
            if draft.lead_in:
                st.caption(draft.lead_in)
            st.write(draft.text)
            details = {
                "Timescale": draft.timescale,
                "Frequency": draft.frequency and f"{draft.frequency} ({draft.frequency_per_year:g} a year)",
                "Deadline": draft.deadline,
                "Activity": label(draft.activity),
                "Driver": label(draft.driver),
                "On": "regulated bodies" if draft.on_regulated else "the centre",
                "References": ", ".join(draft.references),
            }
            st.caption(" · ".join(f"{k}: {v}" for k, v in details.items() if v))
            if draft.requirement_id:
                st.caption(f"Became requirement `{draft.requirement_id}`.")
        with right:
            twin_panel(draft)
        if may_import and draft.status == drafts.PENDING:
            accept_col, reject_col, _ = st.columns([1, 1, 4])
            if accept_col.button(
                "Accept",
                key=f"accept-{draft.id}",
                type="primary",
                disabled=directive is None,
                help="Accept the document first (step 1)." if directive is None else None,
            ):
                try:
                    requirement = drafts.accept_draft(db, draft.id, actor=_state.actor())
                    counted = drafts.audit_note(directive, audit_date) if directive else None
                    settle(
                        f"Draft {draft.id} ({draft.location}) is now requirement {requirement.id} of "
                        f"{requirement.directive}; no directive was changed."
                        + (f" It will not count in the current audit: {counted}" if counted else "")
                    )
                except CatalogueError as exc:
                    st.error(str(exc))
            if reject_col.button("Reject", key=f"reject-{draft.id}"):
                drafts.reject_draft(db, draft.id, actor=_state.actor())
                settle(f"Draft {draft.id} ({draft.location}) rejected; it will not enter the catalogue.")
            with st.expander("Edit before accepting"):
                edit_form(draft)
