"""Measured across trusts: every trust's accepted time-study figure with its interval against the national
estimate, and the pooled figure, which an editor may adopt as the national one. Only figures over at least five
participants leave their trust; the rules live in audit.study_pooling."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import _cache, _state, _ui
from audit.study import StudyProblems
from audit.study_pooling import POOL_METHOD, adopt_pooled, may_adopt, measured_minutes, plan_adoption, pooled_minutes
from catalogue.errors import StaleWrite
from reports.study_charts import pooled_chart

data = _cache.load()
user = _state.current_user()
catalogue = _cache.catalogue(data)

st.title("Measured across trusts")
_state.show_flash()
st.caption(
    "Minutes each time of the requirements trusts have measured in time studies and accepted, beside the national "
    "estimate. A trust's figure appears only when at least five of its staff took part."
)
measured = measured_minutes(data.db, user, catalogue)
if measured.empty:
    st.info("No trust has accepted a time study over at least five participants yet.")
    st.stop()

_ui.chart(pooled_chart(measured).to_dict())
pooled = pooled_minutes(data.db, user, catalogue)
st.subheader("Pooled figures")
_ui.table(
    pd.DataFrame(
        {
            "Requirement": pooled["requirement"],
            "Pooled minutes each": pooled["pooled"],
            "95% interval": [f"{lo:,.1f}-{hi:,.1f}" for lo, hi in zip(pooled["low"], pooled["high"], strict=True)],
            "Trusts": pooled["trusts"],
            "Studies": pooled["studies"],
            "National estimate": pooled["national"],
        }
    ),
    "pooled-study-figures",
    key="pooled_table",
)
st.caption(POOL_METHOD)

if may_adopt(user) and not pooled.empty:
    st.subheader("Adopt a pooled figure as the national estimate")
    st.caption(
        "The requirement's national minutes (low, central, high) become the pooled figure and its 95% interval, "
        "marked as derived from the studies below; the change and its reason go into the history."
    )
    chosen = st.selectbox("Requirement", list(pooled["requirement"]), key="adopt_requirement")
    plan = plan_adoption(data.db, user, catalogue, chosen)
    st.markdown(f"**{plan.describe()}**")
    st.markdown(
        f"From: {plan.old_provenance}\n\nTo: {plan.provenance.describe()}"
        + "".join(f"\n- {line}" for line in plan.inputs)
    )
    confirmed = st.checkbox("Adopt this change to the national figure", key=f"adopt_confirm_{plan.key}")
    reason = st.text_input("Why the pooled figure should become the national one", key="adopt_reason")
    if st.button("Adopt as national", type="primary", key="adopt_button"):
        try:
            adopt_pooled(data.db, user, catalogue, chosen, reason=reason, confirmed_key=plan.key if confirmed else None)
        except StudyProblems as problems:
            st.error("Nothing was saved:\n\n" + "\n".join(f"- {p}" for p in problems.problems))
        except StaleWrite:
            st.error(
                "Nothing was saved: the requirement was changed by someone else meanwhile. Check the change again."
            )
        else:
            _state.flash(f"{chosen}: the pooled figure is now the national minutes each.")
            st.rerun()

st.subheader("Each trust's figure")
_ui.table(
    measured.rename(
        columns={
            "requirement": "Requirement",
            "trust": "Trust",
            "study": "Study",
            "value": "Minutes each",
            "low": "From",
            "high": "To",
            "sample_size": "Participants",
            "national": "National estimate",
        }
    ),
    "trust-study-figures",
    key="measured_table",
)
