"""Settings: the policy assumptions (overhead, thresholds, staff tariffs, outcome weights) with their provenance."""

from __future__ import annotations

import datetime as dt
from typing import Any

import streamlit as st
from pydantic import ValidationError

from app_pages import _cache, _state, _ui
from audit.access import Action
from audit.errors import PolicyProblems
from audit.policy import Policy, reset_policy, save_policy
from catalogue.models import Provenance, StaffGrade
from catalogue.store import upsert_staff_grade

data = _cache.load()
policy = _cache.policy(data)
cat = _cache.catalogue(data)
can_edit = _state.allowed(Action.EDIT_SETTINGS)

st.title("Settings")
st.caption(
    "Every assumption of the audit with where it comes from. Change one and every page recomputes; the new value "
    "is marked as your estimate with your reason, and the change is kept in the history."
)
_state.show_flash()

rows = _cache.policy_table(data)
shown = rows.assign(
    value=rows["value"].astype(str),
    basis=rows["is_estimate"].map({True: "estimate", False: "sourced"}),
    changed=[not policy.is_default(name) for name in rows["setting"]],
)[["setting", "value", "basis", "source", "changed"]]
_ui.table(
    shown,
    "policy settings",
    column_config={
        "source": st.column_config.TextColumn("Source", width="large"),
        "changed": st.column_config.CheckboxColumn("Changed from default"),
    },
    height=360,
    key="settings-table",
)

# Scalar settings are edited here; lists and maps (activities, per-requirement shares) stay in the table above.
EDITABLE: list[tuple[str, type]] = [
    (name, field.annotation)  # type: ignore[misc]
    for name, field in Policy.model_fields.items()
    if field.annotation in (float, int, bool, dt.date)
]


def setting_input(name: str, kind: type, value: Any) -> Any:
    label = name.replace("_", " ").capitalize()
    help_text = policy.provenance[name].describe()
    if kind is bool:
        return st.checkbox(label, value=value, key=f"set_{name}", help=help_text, disabled=not can_edit)
    if kind is dt.date:
        return st.date_input(label, value=value, key=f"set_{name}", help=help_text, disabled=not can_edit)
    if kind is int:
        return int(
            st.number_input(label, value=int(value), step=1, key=f"set_{name}", help=help_text, disabled=not can_edit)
        )
    return float(
        st.number_input(
            label,
            value=float(value),
            step=0.01,
            format="%.3f",
            key=f"set_{name}",
            help=help_text,
            disabled=not can_edit,
        )
    )


st.subheader("Assumptions and thresholds")
errors: list[str] = st.session_state.get("settings_errors", [])
with st.form("policy-form"):
    for e in errors:
        st.error(e)
    values = {}
    cols = st.columns(3)
    for i, (name, kind) in enumerate(EDITABLE):
        with cols[i % 3]:
            values[name] = setting_input(name, kind, getattr(policy, name))
            st.caption(_ui.badge(policy.provenance[name].is_estimate))
    st.markdown("**Outcome weights** (relative; the relevance composite uses them)")
    weights = {}
    wcols = st.columns(max(1, len(cat.outcomes)))
    for col, o in zip(wcols, cat.outcomes, strict=False):
        weights[o.key] = col.number_input(
            o.name,
            min_value=0.0,
            value=float(policy.outcome_weights.get(o.key, o.weight)),
            step=0.5,
            key=f"weight_{o.key}",
            disabled=not can_edit,
        )
    reason = st.text_input("Reason for the change (kept with the new values)", key="settings_reason")
    saved = st.form_submit_button("Save settings", type="primary", disabled=not can_edit, key="save_settings")
if saved:
    changes = {name: value for name, value in values.items() if value != getattr(policy, name)}
    current_weights = {o.key: float(policy.outcome_weights.get(o.key, o.weight)) for o in cat.outcomes}
    if weights != current_weights:
        changes["outcome_weights"] = weights
    if not changes:
        st.info("Nothing changed.")
    else:
        try:
            new = policy.with_values(actor=_state.actor(), reason=reason, **changes)
        except PolicyProblems as exc:
            st.session_state["settings_errors"] = exc.problems
            st.rerun()
        st.session_state.pop("settings_errors", None)
        save_policy(data.db, new, actor=_state.actor(), reason=reason)
        _state.flash(f"Saved {len(changes)} setting(s): {', '.join(sorted(changes))}. Results are recomputed.")
        st.rerun()

if can_edit and st.button("Reset every assumption to its default", key="settings_reset"):
    reset_policy(data.db, actor=_state.actor())
    _state.flash("The default assumptions apply again.")
    st.rerun()

st.subheader("Staff tariffs")
st.caption("Hourly tariff = salary × (1 + on-costs) ÷ productive hours; the audit adds the overhead on top.")
for g in cat.staff_grades:
    with st.expander(f"{g.name} ({g.code}): £{g.hourly_tariff:,.2f} an hour"):
        st.markdown(_ui.provenance_text(g.provenance))
        grade_errors: list[str] = st.session_state.get(f"grade_errors_{g.code}", [])
        with st.form(f"grade-{g.code}"):
            for e in grade_errors:
                st.error(e)
            c1, c2, c3 = st.columns(3)
            salary = c1.number_input(
                "Annual salary (£)",
                value=float(g.annual_salary_gbp),
                step=500.0,
                key=f"grade_{g.code}_salary",
                disabled=not can_edit,
            )
            on_cost = c2.number_input(
                "On-costs (%)",
                value=float(g.on_cost_pct),
                step=1.0,
                key=f"grade_{g.code}_oncost",
                disabled=not can_edit,
            )
            hours = c3.number_input(
                "Productive hours a year",
                value=float(g.productive_hours_per_year),
                step=10.0,
                key=f"grade_{g.code}_hours",
                disabled=not can_edit,
            )
            why = st.text_input("Source or reason for the change", key=f"grade_{g.code}_why")
            if st.form_submit_button("Save tariff", disabled=not can_edit, key=f"save_grade_{g.code}"):
                if (salary, on_cost, hours) == (g.annual_salary_gbp, g.on_cost_pct, g.productive_hours_per_year):
                    st.info("Nothing changed.")
                else:
                    try:
                        grade = StaffGrade(
                            code=g.code,
                            name=g.name,
                            annual_salary_gbp=salary,
                            on_cost_pct=on_cost,
                            productive_hours_per_year=hours,
                            provenance=Provenance.estimate(f"set by {_state.actor()}: {why}" if why.strip() else ""),
                        )
                    except ValidationError as exc:
                        st.session_state[f"grade_errors_{g.code}"] = [
                            f"{field or 'tariff'}: {m}" for field, ms in _ui.errors_by_field(exc).items() for m in ms
                        ]
                        st.rerun()
                    st.session_state.pop(f"grade_errors_{g.code}", None)
                    upsert_staff_grade(data.db, grade, actor=_state.actor(), reason=why)
                    _state.flash(f"Saved the {g.name} tariff: £{grade.hourly_tariff:,.2f} an hour.")
                    st.rerun()
