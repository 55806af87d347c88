"""Measured across trusts: every trust's accepted time-study figure with its interval against the national
estimate, and the pooled figure. Only figures over at least five participants leave their trust; the rules
live in audit.study_pooling."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import _cache, _state, _ui
from audit.study_pooling import POOL_METHOD, measured_minutes, pooled_minutes
from reports.study_charts import pooled_chart

data = _cache.load()
user = _state.current_user()
catalogue = _cache.catalogue(data)

st.title("Measured across trusts")
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
