"""Overview: the national picture of the burden central directives put on the 35 probation trusts."""

from __future__ import annotations

import time

import streamlit as st

from app_pages import _cache, _state, _ui
from reports import formatting as fmt
from reports import scope
from reports.catalogue_view import basis_label
from reports.labels import metric_help

# On a visitor's first view, the headline figures go to the browser a moment before the charts and tables: the
# browser fetches and starts the charts' and grids' code (Vega, the data grid) before it paints anything, and the
# server, busy sending the charts, serves that code later, so sent together the figures waited for it. A timed
# pause, because Streamlit tells the server nothing when the browser has painted: a fragment or a container filled
# later still goes out in the same run's stream, and loading the chart code earlier only moves the wait before the
# figures. bench/bench_first_load.py serves the app with and without it side by side: over three runs on the
# loaded benchmark machine later visits were 1.27-1.42 times the one-metric floor with it and 1.31-2.41 without.
FIRST_PAINT_PAUSE = 0.6
PAINTED = "overview_painted"

data = _cache.load()
with st.spinner("Computing the national burden…"):
    nat = _cache.national(data)
    summary = _cache.summary(data).national
    req = _cache.requirement_burden(data)
    purpose = _cache.purpose_view(data)
    policy = _cache.policy(data)
    on_estimates = _cache.estimated_hours_share(data)

st.title("National overview")
st.caption(
    f"Administrative burden of the directives in force on {policy.audit_date:%d %B %Y} on the {nat['trusts']} "
    "probation trusts of England and Wales, by the Standard Cost Model: central figures with their 90% interval."
)
_state.show_flash()

# Three figures a row: five abreast cut "2,143,088 h" to "2,143,…" at 1,280 px wide.
c1, c2, c3 = st.columns(3)
c1.metric("Hours a year", fmt.hours(nat["hours_central"]), help=metric_help("overview", "Hours a year"))
c1.caption(scope.interval_phrase(summary.hours, "hours"))
c2.metric("Cost a year", fmt.money(nat["cost_central"], short=True), help=metric_help("overview", "Cost a year"))
c2.caption(scope.interval_phrase(summary.cost, "money"))
c3.metric("Staff (FTE)", fmt.fte(nat["fte_central"]), help=metric_help("overview", "Staff (FTE)"))
c3.caption(scope.interval_phrase(summary.fte, "fte"))
c4, c5, _ = st.columns(3)
c4.metric(
    "Share of staff time", fmt.percent(nat["share_of_staff_time"]), help=metric_help("overview", "Share of staff time")
)
national_purpose = purpose.iloc[-1]
input_share = fmt.share(national_purpose["share_input_process"], nat["hours_central"])
c4.caption(input_share if input_share == fmt.NO_BURDEN else f"{input_share} of it on input and process requirements")
c5.metric(
    "Requirements in force",
    fmt.number(nat["requirements"]),
    help=metric_help("overview", "Requirements in force", directives=fmt.number(nat["directives"])),
)

st.markdown(f"{_ui.ESTIMATE_BADGE} {scope.scope_sentence(summary, on_estimates)}")
if not st.session_state.get(PAINTED) and st.context.headers:  # a run with no browser has nothing to paint
    st.session_state[PAINTED] = True
    time.sleep(FIRST_PAINT_PAUSE)
with st.expander("What the figures rest on"):
    st.markdown(summary.data_quality.statement)
specs = _cache.overview_charts(data)
left, right = st.columns([3, 2])
with left:
    st.subheader("Burden and relevance")
    _ui.chart(specs["quadrant"])
    st.caption(
        "One point per requirement. The shaded corner holds the heaviest quarter of requirements whose relevance "
        f"is below {policy.remove_max_relevance:.2f}, the policy's threshold for proposing removal."
    )
with right:
    st.subheader("Burden by directive type")
    _ui.chart(specs["by_type"])
    st.subheader("Requirements in force over time")
    _ui.chart(specs["stock"])

st.subheader("Top 10 requirements by burden")
top = req.nlargest(10, "hours_central").assign(figures=lambda f: f["is_estimate"].map(basis_label))[
    ["requirement", "text", "directive", "hours_central", "cost_central", "composite", "figures"]
]
_ui.table(top, "top requirements", key="top10")

# Last: after a save it is 40 audits to recompute, and it should keep nothing above it waiting.
st.subheader("The burden through time")
over_time, _, changes, time_spec = _cache.through_time(data)
_ui.chart(time_spec)
st.caption(
    f"The same catalogue audited at every quarter-end from {over_time['date'].iloc[0]:%B %Y} to "
    f"{over_time['date'].iloc[-1]:%B %Y}; the dashed line is the audit date, and each red point a quarter in which "
    "directives came into or went out of force (hover for which). The headline depends on the audit date: "
    "National Standards 2007 were replaced on 5 April 2011."
    if len(over_time)
    else "No directive is dated, so the burden cannot be followed through time."
)
