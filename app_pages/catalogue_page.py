"""Catalogue: search and filter requirements, open directives and requirements with their provenance, add and edit."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from app_pages import _cache, _links, _state, _ui
from audit.access import Action
from audit.double_counts import CountedOnceRefused, likely_double_counts, mark_counted_in
from catalogue.editing import (
    driver_choices,
    form_defaults,
    missing_reason,
    percent_text,
    plain_errors,
    suggested_requirement_id,
)
from catalogue.errors import AlreadyExists, StaleWrite
from catalogue.models import Directive, Provenance, Requirement
from catalogue.rows import flatten
from catalogue.store import (
    create_directive,
    create_requirement,
    get_requirement,
    row_version,
    upsert_directive,
    upsert_requirement,
)
from catalogue.types import (
    Activity,
    DirectiveStatus,
    DirectiveType,
    LegalForce,
    Modality,
    ProvenanceKind,
    Purpose,
    label,
)
from reports import formatting as fmt

data = _cache.load()
cat = _cache.catalogue(data)
directives, reqs = _cache.catalogue_tables(data)
titles = dict(zip(directives["reference"], directives["title"], strict=True))

st.title("Catalogue")
pairs = likely_double_counts(cat)
st.caption(
    f"{fmt.number(len(directives))} directives and {fmt.number(len(reqs))} requirements. "
    "Search, filter, open any record to see where each of its figures comes from, or add and edit records."
    + (f" **{len(pairs)} likely double count(s)** to resolve: see Double counts." if pairs else "")
)
_state.show_flash()
if linked_requirement := _state.get_param(_state.PARAM_REQUIREMENT):  # opened below; its proposals link back
    _links.proposals_of_requirement(linked_requirement, _cache.proposals(data))

CAN_EDIT = _state.allowed(Action.EDIT_CATALOGUE)
VIEWS = ["Requirements", "Directives", "Double counts"] + (["Add or edit"] if CAN_EDIT else [])
if "cat_view_next" in st.session_state:  # a button asked for another view: set it before the widget exists
    st.session_state["cat_view"] = st.session_state.pop("cat_view_next")
view = st.segmented_control("View", VIEWS, default="Requirements", key="cat_view", label_visibility="collapsed")
view = view if view in VIEWS else "Requirements"


# --- details ------------------------------------------------------------------------------------


def requirement_detail(req_id: str) -> None:
    found = [r for r in cat.requirements if r.id == req_id]
    if not found:
        st.warning(f"No requirement {req_id!r}.")
        return
    r = found[0]
    grade = next((g for g in cat.staff_grades if g.code == r.grade), None)
    with st.container(border=True):
        st.subheader(f"Requirement {r.id}")
        st.markdown(f"> {r.text}")
        c1, c2, c3, c4 = st.columns(4)
        c1.markdown(f"**Directive**  \n{r.directive}" + (f", para {r.paragraph}" if r.paragraph else ""))
        c2.markdown(f"**Modality / actor**  \n{r.modality} · {r.actor}")
        c3.markdown(f"**Purpose / activity**  \n{r.purpose} · {label(r.activity)}")
        c4.markdown(f"**Statutory basis**  \n{r.statutory_basis or 'none'}")
        if st.button("Open its directive", key=f"open-dir-{r.id}"):
            _state.set_param(_state.PARAM_DIRECTIVE, r.directive)
            st.session_state["cat_view_next"] = "Directives"
            st.rerun()
        st.markdown("**Every figure and where it comes from**")
        figures = [
            (
                "Occurrences a year",
                f"{fmt.number(r.occurrences_per_unit, 2)} {label(r.driver)}",
                r.frequency_provenance,
            ),
            ("Minutes each time (low)", fmt.number(r.minutes_low, 1), r.minutes_provenance),
            ("Minutes each time (central)", fmt.number(r.minutes_central, 1), r.minutes_provenance),
            ("Minutes each time (high)", fmt.number(r.minutes_high, 1), r.minutes_provenance),
        ]
        if grade is not None:
            figures.append((f"Hourly tariff ({grade.name})", f"£{grade.hourly_tariff:,.2f}", grade.provenance))
        if r.bau_provenance is not None or r.bau_share:
            bau = r.bau_provenance or Provenance.estimate("no source given")
            figures.append(("Business-as-usual share", f"{percent_text(r.bau_share)}%", bau))
        for name, value, prov in figures:
            st.markdown(f"- **{name}: {value}** — {_ui.provenance_text(prov)}")
        if r.counted_in:
            st.markdown(f"**Counted once:** its work is counted in **{r.counted_in}**: {r.counted_in_reason}")
        if r.frequency_text:
            st.caption(f"Frequency as worded: “{r.frequency_text}”")
        scores = list(_cache.scores(data).get(r.id, {}).values())
        if scores:
            st.markdown("**Relevance scores** (0 none … 3 direct)")
            _ui.table(
                pd.DataFrame([s.model_dump(mode="json") for s in scores])[["outcome", "score", "rationale", "scorer"]],
                f"relevance scores {r.id}",
                column_config={
                    "outcome": st.column_config.TextColumn("Outcome"),
                    "score": st.column_config.NumberColumn("Score (0 to 3)"),
                    "rationale": st.column_config.TextColumn("Why", width="large"),
                    "scorer": st.column_config.TextColumn("Scored by"),
                },
                key=f"scores-{r.id}",
            )
        with st.expander("History"):
            _ui.history_view(data.db, "requirement", r.id)


def directive_detail(ref: str) -> None:
    found = [d for d in cat.directives if d.reference == ref]
    if not found:
        st.warning(f"No directive {ref!r}.")
        return
    d = found[0]
    with st.container(border=True):
        st.subheader(f"{d.reference}: {d.title}")
        c1, c2, c3, c4 = st.columns(4)
        c1.markdown(f"**Type**  \n{d.type}")
        c2.markdown(f"**Issuer**  \n{d.issuer}")
        c3.markdown(f"**Status**  \n{d.status}")
        c4.markdown(f"**Legal force**  \n{d.legal_force}")
        dates = ", ".join(
            f"{name} {value}"
            for name, value in (
                ("issued", d.issued),
                ("effective", d.effective),
                ("expiry", d.expiry),
                ("ended", d.ended),
            )
            if value
        )
        st.markdown(f"**Dates:** {dates or 'none recorded'}")
        if d.source_address:
            st.markdown(f"**Source:** [{d.source_address}]({d.source_address})")
        if d.summary:
            st.markdown(d.summary)
        superseded_by = [o.reference for o in cat.directives if d.reference in o.supersedes]
        lines = []
        if d.cancelled_by:
            lines.append(f"Cancelled by **{d.cancelled_by}**")
        if superseded_by:
            lines.append(f"Superseded by **{', '.join(superseded_by)}**")
        if d.supersedes:
            lines.append(f"Supersedes **{', '.join(d.supersedes)}**")
        st.markdown("**Cancellation and supersession:** " + ("; ".join(lines) if lines else "none recorded"))
        own = reqs[reqs["directive"] == d.reference]
        st.markdown(f"**Its requirements ({len(own)})**")
        _ui.table(
            readable(own),
            f"requirements of {d.reference}",
            column_config=REQ_CONFIG,
            height=full_height(len(own)),
            key=f"dir-reqs-{ref}",
        )
        with st.expander("History"):
            _ui.history_view(data.db, "directive", d.reference)


REQ_COLUMNS = ["requirement", "directive", "text", "purpose", "activity", "modality", "minutes_central", "basis"]
ROW_PX, HEADER_PX = 35, 38  # the height of a table row and of its header, so a table can show every row


def full_height(rows: int) -> int:
    """The height in pixels at which a table shows all its rows, with no inner scroll."""
    return HEADER_PX + ROW_PX * max(rows, 1) + 2


def readable(frame: pd.DataFrame) -> pd.DataFrame:
    """The requirement rows with their codes in words (activity, purpose, modality), one column per concept."""
    out = frame[REQ_COLUMNS].copy()
    for column in ("activity", "purpose", "modality"):
        out[column] = out[column].map(lambda value: (text := label(str(value)))[:1].upper() + text[1:])
    return out


REQ_CONFIG = {
    "requirement": st.column_config.TextColumn("Id", width="small"),
    "directive": st.column_config.TextColumn("Directive", width="small"),
    "text": st.column_config.TextColumn("Requirement", width="large"),
    "minutes_central": st.column_config.NumberColumn("Minutes (central)", format="%.0f"),
    "purpose": st.column_config.TextColumn("Purpose"),
    "activity": st.column_config.TextColumn("Activity"),
    "modality": st.column_config.TextColumn("Modality"),
    "basis": st.column_config.TextColumn("Figures", help="estimate: at least one figure is estimated"),
}
LIMIT = 500  # options offered in the "open" box; refine the search for more


def multiselect_filter(frame: pd.DataFrame, column: str, title: str, where: Any, key: str) -> pd.DataFrame:
    options = sorted(frame[column].dropna().astype(str).unique())
    chosen = where.multiselect(title, options, key=key)
    return frame[frame[column].astype(str).isin(chosen)] if chosen else frame


# --- views --------------------------------------------------------------------------------------


def requirements_view() -> None:
    query = st.text_input("Search requirements", key="cat_q", placeholder="words from the text, actor or frequency")
    shown = reqs
    with st.expander("Filters", expanded=False):
        a, b, c, d = st.columns(4)
        shown = multiselect_filter(shown, "directive_type", "Directive type", a, "f_type")
        shown = multiselect_filter(shown, "directive_status", "Status", b, "f_status")
        shown = multiselect_filter(shown, "issuer", "Issuer", c, "f_issuer")
        shown = multiselect_filter(shown, "purpose", "Purpose", d, "f_purpose")
        a, b, c, _ = st.columns(4)
        shown = multiselect_filter(shown, "activity", "Activity", a, "f_activity")
        shown = multiselect_filter(shown, "modality", "Modality", b, "f_modality")
        shown = multiselect_filter(shown, "basis", "Estimate or sourced", c, "f_basis")
    if query.strip():
        with st.spinner("Searching…"):
            ids = _cache.search(data, query)
        order = {rid: i for i, rid in enumerate(ids)}
        shown = shown[shown["requirement"].isin(order)]
        shown = shown.iloc[shown["requirement"].map(order).argsort()]
    st.caption(f"{fmt.number(len(shown))} of {fmt.number(len(reqs))} requirements")
    _ui.table(
        readable(shown), "requirements", column_config=REQ_CONFIG, height=full_height(len(shown)), key="req-table"
    )
    options = shown["requirement"].head(LIMIT).tolist()
    texts = dict(zip(reqs["requirement"], reqs["text"], strict=True))
    current = _state.get_param(_state.PARAM_REQUIREMENT)
    chosen = st.selectbox(
        "Open a requirement",
        options,
        index=options.index(current) if current in options else None,
        format_func=lambda rid: f"{rid} — {texts.get(rid, '')[:90]}",
        placeholder="Choose a requirement to see its figures and their sources",
        key="open_req",
    )
    if chosen and chosen != current:
        _state.set_param(_state.PARAM_REQUIREMENT, chosen)
        current = chosen
    if current:
        requirement_detail(current)


def directives_view() -> None:
    shown = directives
    a, b, c = st.columns(3)
    shown = multiselect_filter(shown, "type", "Type", a, "fd_type")
    shown = multiselect_filter(shown, "status", "Status", b, "fd_status")
    shown = multiselect_filter(shown, "issuer", "Issuer", c, "fd_issuer")
    cols = ["reference", "title", "type", "issuer", "status", "issued", "cancelled_by", "supersedes"]
    st.caption(f"{fmt.number(len(shown))} of {fmt.number(len(directives))} directives")
    _ui.table(
        shown[cols],
        "directives",
        column_config={
            "reference": st.column_config.TextColumn("Reference", width="small"),
            "title": st.column_config.TextColumn("Title", width="large"),
            "type": st.column_config.TextColumn("Type"),
            "issuer": st.column_config.TextColumn("Issuer"),
            "status": st.column_config.TextColumn("Status"),
            "issued": st.column_config.DateColumn("Issued", format="YYYY-MM-DD"),
            "cancelled_by": st.column_config.TextColumn("Cancelled by"),
            "supersedes": st.column_config.TextColumn("Supersedes"),
        },
        height=full_height(len(shown)),
        key="dir-table",
    )
    options = shown["reference"].tolist()
    current = _state.get_param(_state.PARAM_DIRECTIVE)
    if current and current not in options and current in titles:
        options = [current, *options]
    chosen = st.selectbox(
        "Open a directive",
        options,
        index=options.index(current) if current in options else None,
        format_func=lambda ref: f"{ref} — {titles.get(ref, '')}",
        placeholder="Choose a directive",
        key="open_dir",
    )
    if chosen and chosen != current:
        _state.set_param(_state.PARAM_DIRECTIVE, chosen)
        current = chosen
    if current:
        directive_detail(current)


# --- forms --------------------------------------------------------------------------------------

NEW = "➕ New"


def provenance_inputs(prefix: str, p: Provenance | None, errors: dict[str, list[str]], name: str) -> dict[str, Any]:
    kinds = [k.value for k in ProvenanceKind]
    kind = st.radio(
        "Source",
        kinds,
        index=kinds.index(p.kind.value) if p else 1,
        horizontal=True,
        key=f"{prefix}_kind",
        format_func=lambda k: "a citation" if k == "citation" else "an estimate",
    )
    c1, c2 = st.columns(2)
    document = c1.text_input("Document cited", (p.document or "") if p else "", key=f"{prefix}_doc")
    location = c2.text_input("Where in it (paragraph, table)", (p.location or "") if p else "", key=f"{prefix}_loc")
    address = c1.text_input("Address (URL)", (p.address or "") if p else "", key=f"{prefix}_addr")
    rationale = c2.text_input(
        "Rationale (required for an estimate)", (p.rationale or "") if p else "", key=f"{prefix}_why"
    )
    _ui.field_error(errors, name)
    return {
        "kind": kind,
        "document": document or None,
        "location": location or None,
        "address": address or None,
        "rationale": rationale or None,
    }


def choose_target(title: str, options: list[str], key: str, wanted: str | None = None) -> str:
    """The record a form edits: the one a button or a save asked for, else the one chosen, else ``wanted`` or New."""
    asked = st.session_state.pop(f"{key}_next", None)
    if asked in options:
        st.session_state[key] = asked
    elif st.session_state.get(key) not in options:
        st.session_state[key] = wanted if wanted in options else NEW
    return str(st.selectbox(title, options, key=key))


def open_existing(target_key: str, existing: str, taken_key: str) -> None:
    """Button callback: switch the form to the record that a new record's id clashed with."""
    st.session_state[target_key] = existing
    st.session_state.pop(taken_key, None)


def refusal(k: str, target_key: str, entity: str) -> None:
    """Show why a new record was refused (its id is taken) with a button that opens the record that has it."""
    taken = st.session_state.get(f"{k}_taken")
    if not taken:
        return
    existing, message = taken
    st.error(message[:1].upper() + message[1:] + ".", icon=":material/block:")
    st.button(
        f"Open {entity} {existing} for editing",
        key=f"open_existing_{entity}",
        icon=":material/edit:",
        on_click=open_existing,
        args=(target_key, existing, f"{k}_taken"),
    )


def validate_and_save(
    model_cls: Any,
    raw: dict[str, Any],
    k: str,
    reason: str,
    *,
    creating: bool,
    create: Any,
    update: Any,
    version_key: str,
    target_key: str,
    key_of: Any,
    previous: dict[str, Any] | None = None,
) -> None:
    """Validate a form's values (errors go beside the fields) and save them: a new record, or an edit.

    A new record whose id is taken is refused (the library's rule) with a way to open the record that has it; it
    never replaces it. After a new record is saved the form edits it. An edit refused because someone else changed
    the record meanwhile shows their values beside yours; the form keeps your values, so saving again applies them
    on top of the other change.
    """
    old = model_cls.model_validate(previous) if previous else None
    try:
        model = model_cls.model_validate(raw)
    except ValidationError as exc:
        st.session_state[f"{k}_errors"] = plain_errors(exc)
        st.session_state.pop(f"{k}_taken", None)
        st.rerun()
    needs = missing_reason(old, model, reason) if isinstance(model, Requirement) else None
    if needs:
        st.session_state[f"{k}_errors"] = {"reason": [needs]}
        st.rerun()
    st.session_state.pop(f"{k}_errors", None)
    st.session_state.pop(f"{k}_taken", None)
    try:
        if creating:
            create(data.db, model, actor=_state.actor(), reason=reason)
        else:
            update(data.db, model, actor=_state.actor(), reason=reason, expected_version=st.session_state[version_key])
    except AlreadyExists as exc:
        st.session_state[f"{k}_taken"] = (exc.existing, str(exc))
        st.rerun()
    except StaleWrite as exc:
        mine = flatten(model.model_dump(mode="json"))
        theirs = {c: v for c, v in exc.current_row.items() if c in mine}
        changed = [
            {"field": c, "their value": theirs.get(c), "your value": mine.get(c)}
            for c in mine
            if str(theirs.get(c) or "") != str(mine.get(c) or "")
        ]
        st.session_state[f"{k}_stale"] = (str(exc), changed)
        st.session_state[version_key] = exc.current  # saving again applies your values over theirs
        st.rerun()  # drawn again, so the form shows only what this save found
    st.session_state.pop(version_key, None)  # the next edit starts from the version just saved
    if creating:  # edit the record just made, so a second save is an edit, not a duplicate
        st.session_state[f"{target_key}_next"] = key_of(model)
    _state.flash("Saved; the change is recorded in the history.")
    st.rerun()


def stale_notice(k: str) -> None:
    """Show, once, that someone else changed the record meanwhile, with their values beside yours."""
    stale = st.session_state.pop(f"{k}_stale", None)
    if not stale:
        return
    message, changed = stale
    st.error(message)
    if changed:
        st.dataframe(pd.DataFrame(changed).astype(str), hide_index=True, width="stretch")


def directive_form() -> None:
    refs = directives["reference"].tolist()
    target = choose_target("Directive", [NEW, *refs], "edit_dir_target")
    existing = next((d for d in cat.directives if d.reference == target), None)
    k = f"df_{target}"
    errors: dict[str, list[str]] = st.session_state.get(f"{k}_errors", {})
    version_key = f"{k}_version"
    st.session_state.setdefault(version_key, row_version(data.db, "directives", reference=target) if existing else 0)
    refusal(k, "edit_dir_target", "directive")
    stale_notice(k)
    with st.form(f"directive-form-{target}"):
        _ui.form_errors(errors, set(Directive.model_fields))
        c1, c2 = st.columns(2)
        with c1:
            reference = st.text_input(
                "Reference",
                existing.reference if existing else "",
                key=f"{k}_ref",
                disabled=existing is not None,
                placeholder="PI 15/2010",
            )
            _ui.field_error(errors, "reference")
        with c2:
            title = st.text_input("Title", existing.title if existing else "", key=f"{k}_title")
            _ui.field_error(errors, "title")
        c1, c2, c3 = st.columns(3)
        types = [t.value for t in DirectiveType]
        dtype = c1.selectbox("Type", types, index=types.index(existing.type) if existing else 0, key=f"{k}_type")
        issuer = c2.text_input("Issuer", existing.issuer if existing else "NOMS", key=f"{k}_issuer")
        with c2:
            _ui.field_error(errors, "issuer")
        forces = [f.value for f in LegalForce]
        force = c3.selectbox(
            "Legal force", forces, index=forces.index(existing.legal_force) if existing else 2, key=f"{k}_force"
        )
        cols = st.columns(4)
        dates: dict[str, str | None] = {}
        for col, name in zip(cols, ("issued", "effective", "expiry", "ended"), strict=True):
            with col:
                value = st.text_input(
                    name.capitalize(),
                    (getattr(existing, name) or "") if existing else "",
                    key=f"{k}_{name}",
                    placeholder="YYYY-MM-DD",
                )
                _ui.field_error(errors, name)
            dates[name] = value.strip() or None
        c1, c2, c3 = st.columns(3)
        statuses = [s.value for s in DirectiveStatus]
        status = c1.selectbox(
            "Status", statuses, index=statuses.index(existing.status) if existing else 0, key=f"{k}_status"
        )
        cancelled_by = c2.text_input(
            "Cancelled by", (existing.cancelled_by or "") if existing else "", key=f"{k}_cancelled"
        )
        supersedes = c3.text_input(
            "Supersedes (separate with ;)", "; ".join(existing.supersedes) if existing else "", key=f"{k}_supersedes"
        )
        with c2:
            _ui.field_error(errors, "cancelled_by")
        with c3:
            _ui.field_error(errors, "supersedes")
        source = st.text_input("Source address", (existing.source_address or "") if existing else "", key=f"{k}_src")
        summary = st.text_area("Summary", existing.summary if existing else "", key=f"{k}_summary")
        reason = st.text_input("Reason for the change (kept in the history)", key=f"{k}_reason")
        submitted = st.form_submit_button("Save directive", type="primary", key="save_directive")
    if submitted:
        raw = {
            "reference": existing.reference if existing else reference,
            "title": title,
            "type": dtype,
            "issuer": issuer,
            **dates,
            "status": status,
            "cancelled_by": cancelled_by.strip() or None,
            "supersedes": supersedes,
            "legal_force": force,
            "source_address": source.strip() or None,
            "summary": summary,
        }
        validate_and_save(
            Directive,
            raw,
            k,
            reason,
            creating=existing is None,
            create=create_directive,
            update=upsert_directive,
            version_key=version_key,
            target_key="edit_dir_target",
            key_of=lambda d: d.reference,
        )


def suggest_id(k: str, directive: str) -> None:
    """Put a free id in the style of the chosen directive's ids into a new requirement's Id field.

    The field follows the directive until the editor types an id of their own.
    """
    suggestion = suggested_requirement_id(cat, directive)
    last = st.session_state.get(f"{k}_suggested")
    if st.session_state.get(f"{k}_id", "") in ("", last):
        st.session_state[f"{k}_id"] = suggestion
    st.session_state[f"{k}_suggested"] = suggestion


def requirement_form() -> None:
    ids = reqs["requirement"].tolist()
    target = choose_target("Requirement", [NEW, *ids], "edit_req_target", _state.get_param(_state.PARAM_REQUIREMENT))
    existing = next((r for r in cat.requirements if r.id == target), None)
    k = f"rf_{target}"
    errors: dict[str, list[str]] = st.session_state.get(f"{k}_errors", {})
    version_key = f"{k}_version"
    st.session_state.setdefault(version_key, row_version(data.db, "requirements", id=target) if existing else 0)
    refusal(k, "edit_req_target", "requirement")
    stale_notice(k)
    refs = directives["reference"].tolist()
    grades = [g.code for g in cat.staff_grades]
    # A new requirement starts from the most common values of the catalogue, not from the first of each list.
    common = form_defaults(cat)

    def pick(name: str, values: list[str]) -> int:
        wanted = str(getattr(existing, name)) if existing else common.get(name)
        return values.index(wanted) if wanted in values else 0

    # The directive and the id are chosen outside the form, so that a new requirement's suggested id follows the
    # directive at once, and an id typed by the editor is kept when the directive changes.
    c1, c2 = st.columns([2, 1])
    directive = c1.selectbox(
        "Directive",
        refs,
        index=refs.index(existing.directive) if existing and existing.directive in refs else 0,
        format_func=lambda ref: f"{ref} — {titles.get(ref, '')}"[:100],
        key=f"{k}_dir",
    )
    if existing is None and directive:
        suggest_id(k, directive)
    if "id" in errors and st.session_state.get(f"{k}_id") != st.session_state.get(f"{k}_refused_id"):
        errors = {f: m for f, m in errors.items() if f != "id"}  # the id was fixed: its message goes at once
    with c2:
        rid = st.text_input(
            "Id",
            existing.id if existing else None,
            key=f"{k}_id",
            disabled=existing is not None,
            help="letters, digits, dots or dashes, up to 60 characters; suggested from the directive's ids",
        )
        _ui.field_error(errors, "id")
    with st.form(f"requirement-form-{target}"):
        _ui.form_errors(errors, {*Requirement.model_fields, "reason"})
        paragraph = st.text_input("Paragraph", (existing.paragraph or "") if existing else "", key=f"{k}_para")
        text = st.text_area("Text", existing.text if existing else "", key=f"{k}_text")
        _ui.field_error(errors, "text")
        c1, c2, c3, c4 = st.columns(4)
        modalities, purposes = [m.value for m in Modality], [p.value for p in Purpose]
        activities = [a.value for a in Activity]
        driver_labels = driver_choices(cat)
        drivers = list(driver_labels)
        modality = c1.selectbox(
            "Modality", modalities, index=pick("modality", modalities), format_func=label, key=f"{k}_mod"
        )
        with c2:
            actor = st.text_input(
                "Actor", existing.actor if existing else common.get("actor", "Offender manager"), key=f"{k}_actor"
            )
            _ui.field_error(errors, "actor")
        purpose = c3.selectbox("Purpose", purposes, index=pick("purpose", purposes), key=f"{k}_purpose")
        activity = c4.selectbox(
            "Activity", activities, index=pick("activity", activities), format_func=label, key=f"{k}_activity"
        )
        c1, c2, c3 = st.columns(3)
        driver = c1.selectbox(
            "Driver", drivers, index=pick("driver", drivers), format_func=driver_labels.__getitem__, key=f"{k}_driver"
        )
        with c2:
            occ = st.number_input(
                "Occurrences a year per driver unit",
                min_value=0.0,
                value=existing.occurrences_per_unit if existing else 1.0,
                step=0.5,
                key=f"{k}_occ",
            )
            _ui.field_error(errors, "occurrences_per_unit")
        freq_text = c3.text_input(
            "Frequency as worded", (existing.frequency_text or "") if existing else "", key=f"{k}_freqtext"
        )
        st.markdown("**Source of the frequency**")
        freq_prov = provenance_inputs(
            f"{k}_fp", existing.frequency_provenance if existing else None, errors, "frequency_provenance"
        )
        c1, c2, c3, c4 = st.columns(4)
        mins = {}
        for col, level, default in zip((c1, c2, c3), ("low", "central", "high"), (5.0, 10.0, 20.0), strict=True):
            mins[level] = col.number_input(
                f"Minutes ({level})",
                min_value=0.0,
                value=getattr(existing, f"minutes_{level}") if existing else default,
                key=f"{k}_min_{level}",
            )
        grade = c4.selectbox("Staff grade", grades, index=pick("grade", grades), key=f"{k}_grade")
        _ui.field_error(errors, "minutes_low", "minutes_central", "minutes_high")
        st.markdown("**Source of the minutes**")
        min_prov = provenance_inputs(
            f"{k}_mp", existing.minutes_provenance if existing else None, errors, "minutes_provenance"
        )
        st.markdown("**Business as usual**")
        bau_pct = st.number_input(
            "Business-as-usual share (%)",
            min_value=0.0,
            max_value=100.0,
            value=float(percent_text(existing.bau_share)) if existing else 0.0,
            step=5.0,
            format="%g",
            key=f"{k}_bau",
            help="the share of this work a trust would do anyway, without the rule: it is taken off the burden",
        )
        _ui.field_error(errors, "bau_share")
        bau_prov = provenance_inputs(f"{k}_bp", existing.bau_provenance if existing else None, errors, "bau_provenance")
        c1, c2 = st.columns(2)
        statutory = c1.text_input(
            "Statutory basis (Act or SI)", (existing.statutory_basis or "") if existing else "", key=f"{k}_stat"
        )
        critical = c2.checkbox(
            "Critical to public protection", existing.public_protection_critical if existing else False, key=f"{k}_ppc"
        )
        reason = st.text_input("Reason for the change (kept in the history)", key=f"{k}_reason")
        _ui.field_error(errors, "reason")
        submitted = st.form_submit_button("Save requirement", type="primary", key="save_requirement")
    if submitted:
        st.session_state[f"{k}_refused_id"] = rid  # the id these values were checked with
        bau_share = round(float(bau_pct), 6) / 100
        # A share of 0 with nothing typed about its source has no source; anything typed is kept.
        has_bau_source = bau_share > 0 or any(bau_prov[f] for f in ("document", "location", "address", "rationale"))
        previous = existing.model_dump(mode="json") if existing else None
        raw = {
            # An edit starts from the record as stored, so the fields this form does not show are kept as they are.
            **(previous or {}),
            "id": existing.id if existing else (rid or ""),
            "directive": directive,
            "paragraph": paragraph.strip() or None,
            "text": text,
            "modality": modality,
            "actor": actor,
            "purpose": purpose,
            "activity": activity,
            "driver": driver,
            "occurrences_per_unit": occ,
            "frequency_text": freq_text.strip() or None,
            "frequency_provenance": freq_prov,
            "minutes_low": mins["low"],
            "minutes_central": mins["central"],
            "minutes_high": mins["high"],
            "minutes_provenance": min_prov,
            "grade": grade,
            "bau_share": bau_share,
            "bau_provenance": bau_prov if has_bau_source else None,
            "statutory_basis": statutory.strip() or None,
            "public_protection_critical": critical,
        }
        validate_and_save(
            Requirement,
            raw,
            k,
            reason,
            creating=existing is None,
            create=create_requirement,
            update=upsert_requirement,
            version_key=version_key,
            target_key="edit_req_target",
            key_of=lambda r: r.id,
            previous=previous,
        )


def double_counts_view() -> None:
    """The pairs of requirements that seem to count the same work twice, and a form to count one in the other."""
    st.caption(
        "Two requirements of different directives, counted together at some date, worded alike, with the same "
        "activity for the same population, may cost the same work twice. Resolve each by marking one as counted in "
        "the other, with the reason: the audit then adds it only once. Wording a template shares (such as each "
        "specification's own compliance duty) is left out of the comparison."
    )
    if not pairs:
        st.success("No likely double count: no two requirements counted together seem to cost the same work.")
        return
    frame = pd.DataFrame(
        [
            {
                "score": p.score,
                "a": p.a,
                "directive_a": p.directive_a,
                "text_a": p.text_a,
                "b": p.b,
                "directive_b": p.directive_b,
                "text_b": p.text_b,
                "reason": p.reason,
            }
            for p in pairs
        ]
    )
    st.markdown(f"**{len(pairs)} likely double count(s) to resolve**")
    _ui.table(
        frame,
        "likely double counts",
        column_config={
            "score": st.column_config.ProgressColumn("Wording alike", format="percent", min_value=0, max_value=1),
            "a": st.column_config.TextColumn("Id", width="small"),
            "directive_a": st.column_config.TextColumn("Directive", width="small"),
            "text_a": st.column_config.TextColumn("Requirement", width="medium"),
            "b": st.column_config.TextColumn("Other id", width="small"),
            "directive_b": st.column_config.TextColumn("Other directive", width="small"),
            "text_b": st.column_config.TextColumn("Other requirement", width="medium"),
            "reason": st.column_config.TextColumn("Why it is flagged", width="large"),
        },
        height=full_height(len(frame)),
        key="double-counts",
    )
    if not CAN_EDIT:
        st.caption("A catalogue editor resolves them.")
        return
    choices = [(p.a, p.b) for p in pairs] + [(p.b, p.a) for p in pairs]
    with st.form("counted-once"):
        chosen = st.selectbox(
            "Count this requirement in the other",
            choices,
            format_func=lambda pair: f"{pair[0]} is counted in {pair[1]}",
            key="dc_choice",
        )
        reason = st.text_input(
            "Why is it the same work? (kept with the requirement and in the history)",
            key="dc_reason",
            placeholder="e.g. the same monthly return, restated in the later circular",
        )
        submitted = st.form_submit_button("Count it once", type="primary", key="dc_save")
    if submitted and chosen:
        counted, target = chosen
        try:
            marked = mark_counted_in(get_requirement(data.db, counted), target, reason)
        except CountedOnceRefused as exc:
            st.error(str(exc))
            return
        try:
            upsert_requirement(
                data.db,
                marked,
                actor=_state.actor(),
                reason=f"counted once: {marked.counted_in_reason}",
                expected_version=row_version(data.db, "requirements", id=counted),
            )
        except StaleWrite as exc:
            st.error(str(exc))
            return
        _state.flash(f"{counted} is now counted in {target}; the change is recorded in the history.")
        st.rerun()


def edit_view() -> None:
    kind = st.radio("Record", ["Requirement", "Directive"], horizontal=True, key="edit_kind")
    if kind == "Directive":
        directive_form()
    else:
        requirement_form()


{
    "Requirements": requirements_view,
    "Directives": directives_view,
    "Double counts": double_counts_view,
    "Add or edit": edit_view,
}[view]()
