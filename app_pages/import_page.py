"""Import: read directive documents, then accept, edit or reject each drafted requirement beside its likely twin."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import _cache, _state, _ui
from audit.access import Action
from catalogue.errors import CatalogueError
from catalogue.extract import drafts, extract_bytes
from catalogue.store import get_requirement
from catalogue.types import Activity, Driver, Modality, label

PAGE_SIZE = 20
FORMATS = ["pdf", "docx", "html", "htm", "txt", "md"]

data = _cache.load()
db = data.db
may_import = _state.allowed(Action.IMPORT_DOCUMENTS)

st.title("Import directives")
st.caption(
    "Proportion reads directive documents (PDF with a text layer, DOCX, HTML, text) and drafts their requirements. "
    "Nothing enters the catalogue until a person accepts it; each draft is shown beside the catalogue requirement "
    "it most resembles, so duplicates can be rejected."
)
_state.show_flash()

# --- upload -------------------------------------------------------------------------------------

if may_import:
    with st.form("import-upload", clear_on_submit=True):
        files = st.file_uploader("Directive documents", type=FORMATS, accept_multiple_files=True)
        submitted = st.form_submit_button("Read into the review queue", type="primary")
    if submitted and files:
        bar = st.progress(0.0, text="Reading…")
        read, problems = 0, []
        for number, upload in enumerate(files, start=1):
            bar.progress((number - 1) / len(files), text=f"Reading {upload.name}")
            content = upload.getvalue()
            try:
                drafts.ingest(db, extract_bytes(content, upload.name), actor=_state.actor(), data=content)
                read += 1
            except CatalogueError as exc:  # unreadable files and duplicates: say which, go on with the rest
                problems.append(str(exc))
        bar.progress(1.0, text="Done")
        for problem in problems:
            st.error(problem)
        if read:
            _state.flash(f"Read {read} document(s) into the review queue.")
            if not problems:
                st.rerun()
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
            "Status": d.status,
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

with st.container(border=True):
    st.subheader(f"{document.reference or 'No reference found'} — {document.title or document.name}")
    facts = {
        "Issued": header.get("issued"),
        "Effective": header.get("effective"),
        "Expiry": header.get("expiry"),
        "Issued on the authority of": header.get("authority"),
        "For action by": "; ".join(header.get("for_action") or []),
        "Cancels": ", ".join(header.get("cancels") or []),
    }
    st.markdown("  \n".join(f"**{k}:** {v}" for k, v in facts.items() if v))
    if may_import and document.status != drafts.ACCEPTED:
        reference = None
        if not document.reference:
            reference = st.text_input("Directive reference (none was found in the header)", key="import-ref")
        cancels = header.get("cancels") or []
        help_text = f"Also marks {', '.join(cancels)} cancelled by this directive." if cancels else None
        left, right = st.columns(2)
        if left.button("Accept document", help=help_text, key=f"accept-doc-{document.id}"):
            try:
                directive = drafts.accept_document(db, document.id, actor=_state.actor(), reference=reference or None)
                _state.flash(f"{directive.reference} added to the catalogue.")
                st.rerun()
            except CatalogueError as exc:
                st.error(str(exc))
        if document.pending and right.button(f"Accept all {document.pending} pending drafts", key="accept-all"):
            try:
                created = drafts.accept_all(db, document.id, actor=_state.actor())
                _state.flash(f"Accepted {len(created)} requirements.")
                st.rerun()
            except CatalogueError as exc:
                st.error(str(exc))

# --- drafts -------------------------------------------------------------------------------------

status = st.segmented_control(
    "Show", ["pending", "accepted", "rejected"], default="pending", key="import-status", label_visibility="collapsed"
)
queue = drafts.list_drafts(db, status=status or "pending", document=document.id)
st.caption(f"{len(queue)} {status or 'pending'} draft(s); showing up to {PAGE_SIZE}.")


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
        modality = a.selectbox("Modality", modalities, index=modalities.index(draft.modality))
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
                _state.flash(f"Draft {draft.id} updated.")
                st.rerun()
            except CatalogueError as exc:
                st.error(str(exc))


for draft in queue[:PAGE_SIZE]:
    with st.container(border=True):
        left, right = st.columns([3, 2])
        with left:
            st.markdown(f"**{draft.location}** · {draft.modality} · {draft.actor} · confidence {draft.confidence:.2f}")
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
            if accept_col.button("Accept", key=f"accept-{draft.id}", type="primary"):
                try:
                    requirement = drafts.accept_draft(db, draft.id, actor=_state.actor())
                    _state.flash(f"Draft {draft.id} is now requirement {requirement.id}.")
                    st.rerun()
                except CatalogueError as exc:
                    st.error(str(exc))
            if reject_col.button("Reject", key=f"reject-{draft.id}"):
                drafts.reject_draft(db, draft.id, actor=_state.actor())
                _state.flash(f"Draft {draft.id} rejected.")
                st.rerun()
            with st.expander("Edit before accepting"):
                edit_form(draft)
