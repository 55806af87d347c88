"""Scenarios: collect accepted and rejected proposals and see the burden before and after, nationally and per trust."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import _cache, _links, _state, _ui
from app_pages._links import as_written
from audit.access import Action
from audit.errors import ScenarioError
from audit.proposal_story import proposal_title, requirement_texts
from audit.proposals import action_label, actionable
from audit.review import review_summary
from audit.scenarios import ACCEPTED, NOTHING_TO_COMPARE, REJECTED, UNDECIDED, create_scenario, decide
from reports import formatting as fmt
from reports.labels import metric_help

data = _cache.load()
can_edit = _state.allowed(Action.EDIT_SCENARIOS)
scenarios = _cache.scenarios(data)
names = [s.name for s in scenarios]

st.title("Scenarios")
st.caption(
    "A scenario is a set of proposals accepted or rejected together. Its result is recomputed from the current "
    "catalogue and policy: accepted proposals multiply the share of each requirement's burden that is kept."
)
_state.show_flash()

left, right = st.columns([2, 3])
with left:
    if "scenario_next" in st.session_state:  # just created: select it before the widget exists
        st.session_state["scenario_choice"] = st.session_state.pop("scenario_next")
    name = _ui.scenario_picker(names, key="scenario_choice")  # the address's scenario, else the last, else the first
with right:
    if can_edit:
        with st.popover("New scenario", icon=":material/add:"), st.form("new-scenario", clear_on_submit=True):
            new_name = st.text_input("Name", key="new_scenario_name")
            description = st.text_area("Description", key="new_scenario_description")
            if st.form_submit_button("Create scenario", type="primary", key="create_scenario"):
                try:
                    create_scenario(data.db, new_name, actor=_state.actor(), description=description)
                except ScenarioError as exc:
                    st.error(str(exc))
                else:
                    _state.set_param(_state.PARAM_SCENARIO, new_name.strip())
                    st.session_state["scenario_next"] = new_name.strip()
                    _state.flash(f"Created scenario {new_name.strip()!r}.")
                    st.rerun()

if not name:
    st.info("Choose a scenario above." if names else "Create a scenario to start accepting proposals.")
    st.stop()

scenario = next(s for s in scenarios if s.name == name)
props = _cache.proposals(data)
texts = dict(zip(props["id"], requirement_texts(props, _cache.burden(data).requirements), strict=True))
with st.spinner("Applying the scenario…"):
    result = _cache.scenario_result(data, scenario.accepted)
policy = _cache.policy(data)
nat = result.national
if scenario.description:
    st.markdown(scenario.description)

c1, c2, c3, c4, c5 = st.columns(5)
c1.metric(
    "Proposals accepted",
    fmt.number(len(result.accepted)),
    help=metric_help("scenarios", "Proposals accepted", rejected=len(scenario.rejected)),
)
c2.metric(
    "Hours saved a year", fmt.hours(nat["saving_hours_central"]), help=metric_help("scenarios", "Hours saved a year")
)
c2.caption(_ui.range_caption(nat["saving_hours_low"], nat["saving_hours_central"], nat["saving_hours_high"]))
c3.metric(
    "Money saved a year",
    fmt.money(nat["saving_cost_central"], short=True),
    help=metric_help("scenarios", "Money saved a year"),
)
c3.caption(_ui.range_caption(nat["saving_cost_low"], nat["saving_cost_central"], nat["saving_cost_high"], "money"))
oe = nat["officer_equivalents_released"]
c4.metric(
    "Officer-equivalents released",
    fmt.fte(oe["central"]),
    help=metric_help("scenarios", "Officer-equivalents released"),
)
c4.caption(_ui.range_caption(oe["low"], oe["central"], oe["high"], "fte"))
c5.metric(
    "Time with offenders",
    fmt.percent(nat["direct_contact_share_after"]),
    help=metric_help("scenarios", "Time with offenders"),
    delta=f"{(nat['direct_contact_share_after'] - nat['direct_contact_share_before']) * 100:+.1f} points",
)
c5.caption(f"from {fmt.percent(nat['direct_contact_share_before'])} now; an upper bound")
st.caption(nat["direct_contact_assumption"])

check = result.one_in_two_out
explained = result.one_in_two_out_explained
if explained is not None:
    verdict = {NOTHING_TO_COMPARE: st.info, "passes": st.success}.get(explained.verdict, st.warning)
    verdict(
        f"**{as_written(explained.headline)}** The scenario cuts {fmt.percent(nat['saving_share'])} of the burden; "
        f"the target is {fmt.percent(policy.reduction_target, 0)}."
    )
    with st.expander("What the one-in-two-out check compares"):
        st.markdown(as_written(explained.ins))
        st.markdown(as_written(explained.outs))
        if len(explained.new_requirements):
            _ui.table(
                explained.new_requirements,
                f"scenario {name} new burden",
                key="scenario-new-burden",
                column_config={
                    "requirement": st.column_config.TextColumn("Requirement"),
                    "text": st.column_config.TextColumn("What it requires", width="large"),
                    "directive": st.column_config.TextColumn("Directive"),
                    "directive_title": st.column_config.TextColumn("Directive title", width="medium"),
                    "directive_start": st.column_config.DateColumn("In force from", format="D MMM YYYY"),
                    "cost_central": _ui.money_column("New burden a year"),
                },
            )
if result.missing:
    st.warning(
        f"{len(result.missing)} accepted proposal(s) no longer apply to the current catalogue: "
        + ", ".join(result.missing[:10])
    )

# --- decisions ----------------------------------------------------------------------------------
st.subheader("Accept or reject proposals")
candidates = actionable(props)
labels = {
    row.id: f"#{row.rank} {proposal_title(row.id, texts[row.id], width=100)} · "
    f"{fmt.money(row.saving_cost_central, short=True)} a year"
    for row in candidates[["id", "rank", "saving_cost_central"]].itertuples()
}
if can_edit:
    a, b = st.columns([3, 2])
    with a:
        undecided = [pid for pid in candidates["id"] if pid not in scenario.decisions]
        chosen = st.multiselect(
            "Proposals",
            undecided[:500] + [p for p in scenario.decisions if p in labels],
            format_func=lambda pid: labels.get(pid, pid),
            key=f"scenario_pick_{name}",
            placeholder="Choose proposals (ranked by saving)",
        )
        x, y, z = st.columns(3)
        for col, label, decision in ((x, "Accept", ACCEPTED), (y, "Reject", REJECTED), (z, "Clear", UNDECIDED)):
            if col.button(
                label,
                key=f"scenario-{decision}",
                disabled=not chosen,
                width="stretch",
                type="primary" if decision == ACCEPTED else "secondary",
            ):
                decide(data.db, name, chosen, decision, actor=_state.actor(), proposals=candidates["id"])
                _state.flash(f"{label}ed {len(chosen)} proposal(s) in {name!r}.")
                st.rerun()
    with b:
        top_n = st.number_input(
            "Accept the top proposals", min_value=1, max_value=max(1, len(candidates)), value=10, key="scenario_top_n"
        )
        if st.button(f"Accept the top {top_n}", key="scenario-top", width="stretch"):
            decide(
                data.db,
                name,
                candidates["id"].head(int(top_n)).tolist(),
                ACCEPTED,
                actor=_state.actor(),
                proposals=candidates["id"],
            )
            _state.flash(f"Accepted the top {top_n} proposals in {name!r}.")
            st.rerun()

decisions = (
    pd.DataFrame([(pid, d) for pid, d in scenario.decisions.items()], columns=["id", "decision"])
    .merge(props[["id", "rank", "action", "target", "saving_cost_central"]], on="id", how="left")
    .merge(review_summary(list(scenario.decisions), _cache.reviews(data)), on="id", how="left")
)
if len(decisions):
    decisions.insert(decisions.columns.get_loc("target") + 1, "requirement_text", decisions["id"].map(texts))
    decisions["action"] = decisions["action"].map(lambda a: action_label(a) if isinstance(a, str) else a)
    decisions = decisions.sort_values("rank")
    _ui.table(
        decisions,
        f"scenario {name} decisions",
        column_config={
            "id": st.column_config.TextColumn("Proposal"),
            "decision": st.column_config.TextColumn("In this scenario"),
            "rank": st.column_config.NumberColumn("Rank", width="small"),
            "action": st.column_config.TextColumn("Action"),
            "target": st.column_config.TextColumn("Requirement"),
            "requirement_text": st.column_config.TextColumn("What it requires", width="large"),
            "saving_cost_central": _ui.money_column("Saving alone"),
            "review_status": st.column_config.TextColumn("Review", help="the latest reviewer's decision"),
            "comments": st.column_config.NumberColumn("Comments", help="reviewers' comments on the proposal"),
            "last_comment": st.column_config.TextColumn("Last comment", width="medium"),
        },
        key="scenario-decisions",
    )
    known = [pid for pid in decisions["id"] if pid in texts]
    if known:
        left, right = st.columns([3, 2])
        story = left.selectbox(
            "A proposal of this scenario",
            known,
            format_func=lambda pid: proposal_title(pid, texts[pid], width=110),
            key=f"scenario_story_{name}",
        )
        if story:
            right.write("")
            _links.proposal_link(story, container=right, label="Its whole story on the Proposals page")

# --- before and after -----------------------------------------------------------------------------
st.subheader("Before and after, per trust")
by_trust = result.by_trust
_ui.chart(_cache.before_after_chart(data, scenario.accepted))
_ui.table(
    by_trust[
        [
            "trust",
            "before_hours_central",
            "after_hours_central",
            "saving_hours_central",
            "saving_fte_central",
            "saving_cost_central",
            "direct_contact_share_before",
            "direct_contact_share_after",
        ]
    ],
    f"scenario {name} by trust",
    column_config={
        "before_hours_central": _ui.hours_column("Hours before"),
        "after_hours_central": _ui.hours_column("Hours after"),
        "saving_hours_central": _ui.hours_column("Hours saved"),
        "saving_fte_central": _ui.fte_column("FTE released"),
        "saving_cost_central": _ui.money_column("Saving a year"),
        "direct_contact_share_before": _ui.share_column("With offenders now"),
        "direct_contact_share_after": _ui.share_column("With offenders after"),
    },
    key="scenario-trusts",
)
if len(result.by_action):
    st.subheader("Savings by action")
    by_action = result.by_action.assign(action=result.by_action["action"].map(action_label))
    _ui.table(
        by_action[["action", "proposals", "saving_hours_central", "saving_fte_central", "saving_cost_central"]],
        f"scenario {name} by action",
        column_config={
            "saving_hours_central": _ui.hours_column("Hours saved"),
            "saving_fte_central": _ui.fte_column("FTE released"),
            "saving_cost_central": _ui.money_column("Saving a year"),
        },
        key="scenario-actions",
    )
