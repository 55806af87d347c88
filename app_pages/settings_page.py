"""Settings: the policy assumptions (overhead, thresholds, staff tariffs, outcome weights) with their provenance."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pandas as pd
import streamlit as st
from pydantic import ValidationError

from app_pages import _cache, _state, _ui
from audit.access import Action
from audit.errors import PolicyProblems
from audit.policy import (
    PERCENT_SETTINGS,
    Policy,
    change_policy,
    policy_reset_changes,
    reset_policy,
    setting_label,
)
from catalogue.models import Provenance, StaffGrade
from catalogue.store import upsert_staff_grade

REASON = "settings_reason"
RESET_REASON = "settings_reset_reason"
SAVED = "settings_saved"  # the confirmation shown beside the button after the rerun a save makes
CLEAR_REASONS = "settings_clear_reasons"
# A tariff's fields as its form names them, for the messages about them.
TARIFF_FIELDS = {
    "annual_salary_gbp": "Annual salary (£)",
    "on_cost_pct": "On-costs (%)",
    "productive_hours_per_year": "Productive hours a year",
}

data = _cache.load()
policy = _cache.policy(data)
cat = _cache.catalogue(data)
can_edit = _state.allowed(Action.EDIT_SETTINGS)

# A reason belongs to the change it was given for: empty the boxes after a save, before they are drawn again.
if st.session_state.pop(CLEAR_REASONS, False):
    st.session_state[REASON] = ""
    st.session_state[RESET_REASON] = ""

st.title("Settings")
st.caption(
    "Every assumption of the audit with where it comes from. A change needs a reason; every page then "
    "recomputes, the new value is marked as your estimate with your reason, and the change is kept in the history."
)
_state.show_flash()

rows = _cache.policy_table(data)
shown = pd.DataFrame(
    {
        "Setting": rows["label"],
        "Value": rows["shown"],
        "Basis": rows["basis"],
        "Source": rows["source"],
        "Changed from default": [not policy.is_default(name) for name in rows["setting"]],
    }
)
_ui.table(
    shown,
    "policy settings",
    column_config={
        "Setting": st.column_config.TextColumn("Setting", width="medium"),
        "Source": st.column_config.TextColumn("Source", width="large"),
        "Changed from default": st.column_config.CheckboxColumn("Changed from default"),
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
    """Draw the input of one setting and return its value in the policy's own units (a share, not a percentage)."""
    label = setting_label(name)
    help_text = policy.provenance[name].describe()
    common: dict[str, Any] = {"key": f"set_{name}", "help": help_text, "disabled": not can_edit}
    if kind is bool:
        return st.checkbox(label, value=value, **common)
    if kind is dt.date:
        return st.date_input(label, value=value, format="DD/MM/YYYY", **common)
    if kind is int:
        return int(st.number_input(label, value=int(value), step=1, **common))
    if name in PERCENT_SETTINGS:
        percent = st.number_input(f"{label} (%)", value=round(float(value) * 100, 6), step=1.0, format="%.1f", **common)
        return float(percent) / 100
    return float(st.number_input(label, value=float(value), step=0.01, format="%.2f", **common))


st.subheader("Assumptions and thresholds")
with st.form("policy-form"):
    values: dict[str, Any] = {}
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
    reason = st.text_input(
        "Reason for the change (needed; kept with the new values and in the history)",
        key=REASON,
        disabled=not can_edit,
    )
    saved = st.form_submit_button("Save settings", type="primary", disabled=not can_edit, key="save_settings")
    feedback = st.container()  # beside the button, where the person who pressed it is looking
if saved:
    # The weights the audit uses now are the catalogue's unless a policy sets them, so only a difference from
    # those is a change of the setting.
    current_weights = {o.key: float(policy.outcome_weights.get(o.key, o.weight)) for o in cat.outcomes}
    if weights != current_weights:
        values["outcome_weights"] = weights
    try:
        changes = change_policy(data.db, values, actor=_state.actor(), reason=reason)
    except PolicyProblems as exc:
        for problem in exc.problems:
            feedback.error(problem, icon=":material/error:")
    else:
        if not changes:
            feedback.info("Nothing changed: every setting already has the value shown.", icon=":material/info:")
        else:
            st.session_state[SAVED] = (
                f"Saved with your reason: {'; '.join(c.describe() for c in changes)}. Every page now uses it."
            )
            st.session_state[CLEAR_REASONS] = True
            st.rerun()
elif message := st.session_state.pop(SAVED, None):
    feedback.success(message, icon=":material/check_circle:")

restorable = policy_reset_changes(policy)
if can_edit and restorable:
    with st.expander(f"Restore the defaults ({len(restorable)} setting(s) changed)"):
        st.markdown("Restoring the defaults changes:\n\n" + "\n".join(f"- {c.describe()}" for c in restorable))
        reset_reason = st.text_input("Reason for restoring the defaults (needed)", key=RESET_REASON)
        if st.button("Restore every default", key="settings_reset"):
            try:
                restored = reset_policy(data.db, actor=_state.actor(), reason=reset_reason)
            except PolicyProblems as exc:
                for problem in exc.problems:
                    st.error(problem, icon=":material/error:")
            else:
                done = "; ".join(c.describe() for c in restored) or "nothing was set"
                _state.flash(f"Restored the defaults with your reason: {done}. Every page now uses them.")
                st.session_state[CLEAR_REASONS] = True
                st.rerun()

st.subheader("Staff tariffs")
st.caption("Hourly tariff = salary × (1 + on-costs) ÷ productive hours; the audit adds the overhead on top.")
for g in cat.staff_grades:
    with st.expander(f"{g.name}: £{g.hourly_tariff:,.2f} an hour"):
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
            why = st.text_input("Source or reason for the change (needed)", key=f"grade_{g.code}_why")
            if st.form_submit_button("Save tariff", disabled=not can_edit, key=f"save_grade_{g.code}"):
                if (salary, on_cost, hours) == (g.annual_salary_gbp, g.on_cost_pct, g.productive_hours_per_year):
                    st.info("Nothing changed: the tariff already has the values shown.")
                elif not why.strip():
                    st.error(f"Give a source or a reason for changing the {g.name} tariff.")
                else:
                    try:
                        grade = StaffGrade(
                            code=g.code,
                            name=g.name,
                            annual_salary_gbp=salary,
                            on_cost_pct=on_cost,
                            productive_hours_per_year=hours,
                            provenance=Provenance.estimate(f"set by {_state.actor()}: {why.strip()}"),
                        )
                    except ValidationError as exc:
                        st.session_state[f"grade_errors_{g.code}"] = [
                            f"{TARIFF_FIELDS.get(field, 'Tariff')}: {m}"
                            for field, ms in _ui.errors_by_field(exc).items()
                            for m in ms
                        ]
                        st.rerun()
                    st.session_state.pop(f"grade_errors_{g.code}", None)
                    upsert_staff_grade(data.db, grade, actor=_state.actor(), reason=why.strip())
                    _state.flash(
                        f"Saved the {g.name} tariff with your reason: £{g.hourly_tariff:,.2f} → "
                        f"£{grade.hourly_tariff:,.2f} an hour."
                    )
                    st.rerun()
