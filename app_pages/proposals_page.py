"""Proposals: ranked proposals to remove, merge, reduce, simplify, devolve or replace requirements, with savings."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from app_pages import _cache, _links, _state, _ui
from app_pages._links import as_written
from audit.access import Action
from audit.errors import ScenarioError
from audit.proposal_story import ProposalStory, proposal_story, proposal_title, requirement_texts
from audit.proposals import ACTIONS, action_label, is_actionable
from audit.review import review_summary
from audit.scenarios import accept, reject
from reports import formatting as fmt
from reports.labels import metric_help

data = _cache.load()
with st.spinner("Ranking proposals…"):
    props = _cache.proposals(data)
    reviews = _cache.reviews(data)
    # Every proposal id is shown with its requirement's words and its review status (the rules live in audit).
    props = props.assign(requirement_text=requirement_texts(props, _cache.burden(data).requirements)).merge(
        review_summary(props["id"].tolist(), reviews), on="id", how="left"
    )

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
    "requirement_text",
    "directive",
    "saving_hours_central",
    "saving_fte_central",
    "saving_cost_central",
    "saving_cost_low",
    "saving_cost_high",
    "risk_level",
    "confidence",
    "needs_legislation",
    "review_status",
    "comments",
    "last_comment",
]
_ui.table(
    shown[columns],
    "proposals",
    column_config={
        "rank": st.column_config.NumberColumn("Rank", width="small"),
        "id": None,
        "action": st.column_config.TextColumn("Action"),
        "target": st.column_config.TextColumn("Requirement"),
        "requirement_text": st.column_config.TextColumn("What it requires", width="large"),
        "directive": None,
        "risk_level": st.column_config.TextColumn("Risk"),
        "confidence": None,
        "saving_hours_central": _ui.hours_column("Hours saved"),
        "saving_cost_central": _ui.money_column("Saving a year"),
        # In the download, not the grid, so the grid reads whole at 1,280 px: the range and FTE are in the detail below.
        "saving_fte_central": None,
        "saving_cost_low": None,
        "saving_cost_high": None,
        "needs_legislation": None,
        "review_status": st.column_config.TextColumn("Review", help="the latest reviewer's decision, or undecided"),
        "comments": None,
        "last_comment": st.column_config.TextColumn("Last comment", width="medium"),
    },
    height=360,
    key="proposals-table",
)


def show_story(story: ProposalStory) -> None:
    """Show a proposal's whole story: requirement, the rule's tests, savings, review and scenarios, with links."""
    st.markdown(f"**#{story.rank} · {story.action_label}** · directive {as_written(story.directive)}")
    for r in story.requirements:
        title = f" ({as_written(r.directive_title)})" if r.directive_title else ""
        st.markdown(f"**{r.id}**, {as_written(r.directive)}{title}  \n> {as_written(r.text)}")
    cols = st.columns(3)
    for r in story.requirements:
        _links.requirement_link(r.id, container=cols[0])
    if is_actionable(story.action):
        _links.review_link(story.id, container=cols[1])
    for name in story.accepted_in:
        _links.scenario_link(name, container=cols[2])

    st.markdown("**Why the rule proposed it**")
    st.markdown(as_written(story.rationale))
    st.markdown(
        "\n".join(
            f"- {'✓' if c.met else '✗'} {as_written(c.test)}: **{as_written(c.value)}** — {as_written(c.rule)}"
            + (f" (setting: {as_written(c.setting)})" if c.setting else "")
            for c in story.checks
        )
    )
    st.markdown("**What it saves a year**")
    formats = {"hours": fmt.hours, "fte": fmt.fte, "cost": fmt.money}
    for col, saving in zip(st.columns(len(story.savings)), story.savings, strict=True):
        f = formats[saving.measure]
        col.metric(
            saving.label,
            f(saving.central),
            help=metric_help("proposal", saving.label),
        )
        col.caption(f"90% interval {f(saving.p05)} – {f(saving.p95)}; full range {f(saving.low)} – {f(saving.high)}")
    st.caption(as_written(story.interval_method))
    st.markdown(
        f"**Risk:** {as_written(story.risk)}  \n**Confidence in the figures:** {story.confidence}"
        + ("  \n**Needs legislation.**" if story.needs_legislation else "")
    )

    st.markdown(
        f"**Review:** {story.status}"
        + (f" · {story.comments} comment{'s' if story.comments != 1 else ''}" if story.comments else "")
    )
    if story.reviews:
        st.markdown(
            "\n".join(
                f"- {r.decided_at[:10]} · {as_written(r.reviewer)} · **{r.decision}**"
                + (f" in scenario {as_written(r.scenario)}" if r.scenario else "")
                + (f": “{as_written(r.comment)}”" if r.comment else "")
                for r in reversed(story.reviews)
            )
        )
    else:
        st.caption("No reviewer has decided on this proposal yet.")
    accepted = ", ".join(as_written(n) for n in story.accepted_in) or "none yet"
    rejected = ", ".join(as_written(n) for n in story.rejected_in) or "none"
    st.markdown(f"**Scenarios that accept it:** {accepted}  \n**Scenarios that reject it:** {rejected}")


st.subheader("Proposal detail")
options = shown["id"].head(500).tolist()
ranks = dict(zip(props["id"], props["rank"], strict=True))
titles = dict(zip(props["id"], props["requirement_text"], strict=True))
chosen = _links.proposal_picker(
    "Open a proposal",
    options,
    known=props["id"].tolist(),
    key="prop_open",
    format_func=lambda pid: f"#{ranks[pid]} {proposal_title(pid, titles[pid], width=120)}",
)
if chosen:
    p = props.set_index("id").loc[chosen]
    story = proposal_story(_cache.audit(data), chosen, decisions=reviews, scenarios=_cache.scenarios(data))
    with st.container(border=True):
        show_story(story)
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
                            _state.flash(
                                f"{label.split()[0]}ed {proposal_title(chosen, titles[chosen], width=100)} "
                                f"in scenario {scenario!r}."
                            )
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
                "requirement": st.column_config.TextColumn("Requirement"),
                "directive": st.column_config.TextColumn("Directive"),
                "text": st.column_config.TextColumn("What it requires", width="large"),
                "hours_central": _ui.hours_column(),
                "cost_central": _ui.money_column(),
                "composite": st.column_config.NumberColumn("Relevance", format="%.2f"),
            },
        )
    with st.expander("History"):
        _ui.history_view(data.db, "proposal", chosen)
