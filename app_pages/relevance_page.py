"""Relevance: score how much each requirement serves each outcome (0-3), with a rationale for every change."""

from __future__ import annotations

import datetime as dt

import streamlit as st
from pydantic import ValidationError

from app_pages import _cache, _state, _ui
from audit.access import Action
from catalogue.models import RelevanceScore
from catalogue.store import save_relevance_score
from reports import formatting as fmt
from reports.labels import metric_help, strongest_outcome

data = _cache.load()
cat = _cache.catalogue(data)
rel = _cache.relevance_table(data)
req = _cache.requirement_burden(data)
scores = _cache.scores(data)
contested = _cache.contested(data)
outcomes = cat.outcomes

st.title("Relevance workbench")
st.caption(
    "Score each requirement against each outcome: 0 none, 1 weak, 2 moderate, 3 direct. The composite (0–1) weights "
    "the strongest contribution most (see Settings). Unscored requirements are never proposed for cuts."
)
_state.show_flash()

table = rel.merge(req[["requirement", "directive", "text", "hours_central"]], on="requirement", how="left")
table["contested"] = table["requirement"].isin(contested)
m1, m2, m3 = st.columns(3)
m1.metric("Requirements in force", fmt.number(len(table)), help=metric_help("relevance", "Requirements in force"))
m2.metric("Unscored", fmt.number(int((~table["scored"]).sum())), help=metric_help("relevance", "Unscored"))
m3.metric("Contested", fmt.number(int(table["contested"].sum())), help=metric_help("relevance", "Contested"))

a, b = st.columns([1, 2])
show = a.radio("Show", ["all", "unscored", "contested"], horizontal=True, key="rel_show")
find = b.text_input("Find", key="rel_find", placeholder="id or words from the text")
shown = table
if show == "unscored":
    shown = shown[~shown["scored"]]
elif show == "contested":
    shown = shown[shown["contested"]]
if find.strip():
    needle = find.strip().lower()
    shown = shown[
        shown["requirement"].str.lower().str.contains(needle, regex=False)
        | shown["text"].str.lower().str.contains(needle, regex=False)
    ]
score_cols = [f"score_{o.key}" for o in outcomes if f"score_{o.key}" in shown.columns]
# The grid shows the strongest outcome; every outcome's score is in the download and in the form below.
shown = shown.assign(strongest=strongest_outcome(shown, {f"score_{o.key}": o.name for o in outcomes}))
_ui.table(
    shown[["requirement", "text", "composite", "strongest", "hours_central", "directive", *score_cols, "contested"]],
    "relevance scores",
    column_config={
        "composite": st.column_config.ProgressColumn(
            "Relevance", min_value=0, max_value=1, format="%.2f", help="How much it serves the outcomes, 0-1"
        ),
        "strongest": st.column_config.TextColumn("Strongest outcome", help="The outcome it serves most (score 0-3)"),
        "directive": None,
        "contested": None,
        **{col: None for col in score_cols},
    },
    height=320,
    key="relevance-table",
)

st.subheader("Score a requirement")
options = shown["requirement"].head(500).tolist()
texts = dict(zip(table["requirement"], table["text"], strict=True))
chosen = st.selectbox(
    "Requirement",
    options,
    index=0 if options else None,
    key="rel_requirement",
    format_func=lambda rid: f"{rid} — {str(texts.get(rid, ''))[:90]}",
)
if chosen:
    row = table.set_index("requirement").loc[chosen]
    st.markdown(f"> {row['text']}")
    composite = row["composite"]
    st.metric(
        "Composite relevance",
        "unscored" if composite != composite else f"{composite:.2f}",
        help=metric_help("relevance", "Composite relevance"),
    )
    current = scores.get(chosen, {})
    # One rationale given for every outcome is said once, above the scores, not five times.
    rationales = {score.rationale.strip() for score in current.values()}
    shared = next(iter(rationales)) if len(rationales) == 1 and len(current) == len(outcomes) else None
    if shared:
        st.markdown(f"**Rationale** (for every outcome): {shared}")
    can_edit = _state.allowed(Action.EDIT_RELEVANCE)
    errors: dict[str, str] = st.session_state.get(f"rel_errors_{chosen}", {})
    with st.form(f"score-form-{chosen}"):
        new_values: dict[str, tuple[int, str]] = {}
        for o in outcomes:
            old = current.get(o.key)
            c1, c2, c3 = st.columns([2, 2, 5])
            note = "" if shared and old else f"  \n:gray[{old.rationale}]" if old else "  \n:gray[not scored]"
            c1.markdown(f"**{o.name}**{note}")
            value = c2.select_slider(
                "Score",
                options=[0, 1, 2, 3],
                value=old.score if old else 0,
                key=f"rel_{chosen}_{o.key}",
                label_visibility="collapsed",
                disabled=not can_edit,
            )
            why = c3.text_input(
                "Rationale for a change",
                key=f"rel_{chosen}_{o.key}_why",
                disabled=not can_edit,
                placeholder="required when you change this score",
            )
            with c3:
                if o.key in errors:
                    st.markdown(f":red[{errors[o.key]}]")
            new_values[o.key] = (value, why)
        submitted = st.form_submit_button("Save scores", type="primary", disabled=not can_edit, key="save_scores")
    if submitted:
        changed = {
            key: (value, why)
            for key, (value, why) in new_values.items()
            if key not in current or current[key].score != value
        }
        problems: dict[str, str] = {}
        models = []
        for key, (value, why) in changed.items():
            try:
                models.append(
                    RelevanceScore(
                        requirement=chosen,
                        outcome=key,
                        score=value,
                        rationale=why,
                        scorer=_state.actor(),
                        scored_on=dt.date.today(),
                    )
                )
            except ValidationError as exc:
                problems[key] = (
                    "give a rationale for this change"
                    if "rationale" in _ui.errors_by_field(exc)
                    else ("; ".join(m for ms in _ui.errors_by_field(exc).values() for m in ms))
                )
        if problems:
            st.session_state[f"rel_errors_{chosen}"] = problems
            st.rerun()
        st.session_state.pop(f"rel_errors_{chosen}", None)
        if not changed:
            st.info("No score changed.")
        else:
            for model in models:
                save_relevance_score(data.db, model, actor=_state.actor())
            _state.flash(f"Saved {len(models)} score(s) for {chosen}; the composite is recomputed.")
            st.rerun()
