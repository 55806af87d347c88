"""Proposals: ranked proposals to remove, merge, reduce, simplify, devolve or replace requirements, with savings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import _cache, _state, _ui
from audit.access import Action
from audit.errors import ScenarioError
from audit.proposals import ACTIONS, action_label, is_actionable
from audit.scenarios import accept, reject
from reports import formatting as fmt
from reports.labels import metric_help

data = _cache.load()
with st.spinner("Ranking proposals…"):
    props = _cache.proposals(data)

st.title("Proposals")
st.caption(
    "Each requirement in force gets one proposal from the proportionality rules (see Settings for every threshold). "
    "Savings are each proposal's alone, central with low–high range; in a scenario they combine without "
    "double counting."
)
_state.show_flash()

c1, c2, c3 = st.columns([3, 2, 2])
actions = c1.multiselect(
    "Actions",
    list(ACTIONS),
    default=[a for a in ACTIONS if is_actionable(a)],
    key="prop_actions",
    format_func=action_label,
)
risks = c2.multiselect("Risk", sorted(props["risk_level"].dropna().unique()), key="prop_risk")
legislation = c3.selectbox(
    "Legislation", ["all proposals", "without legislation", "needing legislation"], key="prop_leg"
)
shown = props[props["action"].isin(actions)] if actions else props
if risks:
    shown = shown[shown["risk_level"].isin(risks)]
if legislation != "all proposals":
    shown = shown[shown["needs_legislation"] == (legislation == "needing legislation")]

m1, m2, m3, m4 = st.columns(4)
m1.metric(
    "Proposals shown",
    fmt.number(len(shown)),
    help=metric_help("proposals", "Proposals shown", total=fmt.number(len(props))),
)
m2.metric(
    "Hours a year (sum)",
    fmt.hours(shown["saving_hours_central"].sum()),
    help=metric_help("proposals", "Hours a year (sum)"),
)
m3.metric(
    "Officer-equivalents (sum)",
    fmt.fte(shown["saving_fte_central"].sum()),
    help=metric_help("proposals", "Officer-equivalents (sum)"),
)
m4.metric(
    "Money a year (sum)",
    fmt.money(shown["saving_cost_central"].sum(), short=True),
    help=metric_help("proposals", "Money a year (sum)"),
)
st.caption(
    f"Range of the sum: {fmt.money(shown['saving_cost_low'].sum(), short=True)} – "
    f"{fmt.money(shown['saving_cost_high'].sum(), short=True)}. {_ui.ESTIMATE_BADGE} Savings inherit the estimates "
    "of the figures behind them; each proposal's confidence says how much rests on estimates."
)

_ui.chart(_cache.savings_chart(data, shown["id"].tolist()))

columns = [
    "rank",
    "id",
    "action",
    "target",
    "directive",
    "saving_hours_central",
    "saving_fte_central",
    "saving_cost_central",
    "saving_cost_low",
    "saving_cost_high",
    "risk_level",
    "confidence",
    "needs_legislation",
]
_ui.table(
    shown[columns],
    "proposals",
    column_config={
        "rank": st.column_config.NumberColumn("Rank", width="small"),
        "id": None,
        "action": st.column_config.TextColumn("Action"),
        "target": st.column_config.TextColumn("Target"),
        "directive": st.column_config.TextColumn("Directive"),
        "risk_level": st.column_config.TextColumn("Risk"),
        "confidence": st.column_config.TextColumn("Confidence"),
        "saving_hours_central": _ui.hours_column("Hours saved"),
        "saving_fte_central": _ui.fte_column("FTE saved"),
        "saving_cost_central": _ui.money_column("Saving a year"),
        "saving_cost_low": _ui.money_column("Low"),
        "saving_cost_high": _ui.money_column("High"),
        "needs_legislation": st.column_config.CheckboxColumn("Needs legislation"),
    },
    height=360,
    key="proposals-table",
)

st.subheader("Proposal detail")
options = shown["id"].head(500).tolist()
labels = dict(zip(props["id"], props["rank"], strict=True))
chosen = st.selectbox(
    "Open a proposal",
    options,
    index=0 if options else None,
    key="prop_open",
    format_func=lambda pid: f"#{labels[pid]} {pid}",
)
if chosen:
    p = props.set_index("id").loc[chosen]
    with st.container(border=True):
        st.markdown(
            f"**#{p['rank']} · {action_label(p['action'])} · {', '.join(p['requirements'])}** ({p['directive']})"
        )
        st.markdown(p["rationale"])
        a, b, c = st.columns(3)
        a.metric(
            "Hours saved a year",
            fmt.hours(p["saving_hours_central"]),
            help=metric_help("proposals", "Hours saved a year"),
        )
        a.caption(_ui.range_caption(p["saving_hours_low"], p["saving_hours_central"], p["saving_hours_high"]))
        b.metric(
            "Officer-equivalents",
            fmt.fte(p["saving_fte_central"]),
            help=metric_help("proposals", "Officer-equivalents"),
        )
        b.caption(_ui.range_caption(p["saving_fte_low"], p["saving_fte_central"], p["saving_fte_high"], "fte"))
        c.metric(
            "Money saved a year",
            fmt.money(p["saving_cost_central"]),
            help=metric_help("proposals", "Money saved a year"),
        )
        c.caption(_ui.range_caption(p["saving_cost_low"], p["saving_cost_central"], p["saving_cost_high"], "money"))
        st.markdown(
            f"**Risk:** {p['outcome_risk']}  \n**Confidence in the figures:** {p['confidence']}"
            + ("  \n**Needs legislation.**" if p["needs_legislation"] else "")
        )
        if _state.allowed(Action.EDIT_SCENARIOS):
            names = [s.name for s in _cache.scenarios(data)]
            if not names:
                st.info("Create a scenario on the Scenarios page to collect proposals.")
            else:
                col1, col2, col3 = st.columns([2, 1, 1])
                scenario = _ui.scenario_picker(names, key="prop_scenario", container=col1)
                for col, label, fn in ((col2, "Accept in scenario", accept), (col3, "Reject in scenario", reject)):
                    col.write("")
                    clicked = col.button(label, key=f"prop-{label}", width="stretch", disabled=scenario is None)
                    if clicked and scenario is not None:
                        try:
                            fn(data.db, scenario, [chosen], actor=_state.actor())
                        except ScenarioError as exc:
                            st.error(str(exc))
                        else:
                            _state.set_param(_state.PARAM_SCENARIO, scenario)
                            _state.flash(f"{label.split()[0]}ed {chosen} in scenario {scenario!r}.")
                            st.rerun()
    if not isinstance(p["requirements"], str):
        reqs = _cache.requirement_burden(data)
        targets = reqs[reqs["requirement"].isin(list(p["requirements"]))][
            ["requirement", "directive", "text", "hours_central", "cost_central", "composite"]
        ]
        _ui.table(
            pd.DataFrame(targets),
            f"targets of {chosen}",
            key="prop-targets",
            column_config={
                "hours_central": _ui.hours_column(),
                "cost_central": _ui.money_column(),
                "text": st.column_config.TextColumn("Requirement", width="large"),
            },
        )
    with st.expander("History"):
        _ui.history_view(data.db, "proposal", chosen)
