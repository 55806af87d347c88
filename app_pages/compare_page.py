"""Compare: trusts side by side, a trust against its peer group, and two scenarios side by side."""

from __future__ import annotations

import contextlib

import streamlit as st

from app_pages import _cache, _state, _ui
from audit.access import default_trust, visible_trusts_for_local_data
from audit.evidence import EVIDENCE
from audit.peers import GROUPINGS
from catalogue.names import UnknownName, resolve_trust
from reports import formatting as fmt
from reports.labels import metric_help

TRUSTS = "Trusts side by side"
PEERS = "A trust against its peers"
SCENARIOS = "Two scenarios side by side"

data = _cache.load()
user = _state.current_user()
names = _cache.by_trust(data)["trust"].tolist()

st.title("Compare")
st.caption(
    "Set trusts beside each other or against their peers, or two scenarios beside each other. Figures are central "
    "estimates a year with their 90% interval."
)
if not names:
    st.info("The catalogue has no trusts yet: load the default data with `proportion init`.")
    st.stop()
mode = st.radio("Compare", [TRUSTS, PEERS, SCENARIOS], horizontal=True, key="compare_mode")


def basis_line(basis: str, reason: str, between: str) -> None:
    """Say what the differences rest on, as ``audit.evidence`` decided it."""
    badge = ":green-badge[evidence]" if basis == EVIDENCE else ":orange-badge[size only]"
    st.markdown(f"{badge} The differences between {between} rest on **{basis}**: {reason}.")


if mode == TRUSTS:
    last = st.session_state.get(_state.LAST_CHOICE[_state.PARAM_TRUST])
    with contextlib.suppress(UnknownName):  # a link names the trust to start from (a manager starts at their own)
        last = resolve_trust(_state.get_param(_state.PARAM_TRUST) or "", names)
    start = default_trust(user, names, last)
    st.session_state.setdefault("compare_trusts", [start] if start else [])
    chosen = st.multiselect(
        "Trusts", names, key="compare_trusts", placeholder="Choose two or more trusts", max_selections=8
    )
    if len(chosen) < 2:
        st.info("Choose at least two trusts to set side by side.")
        st.stop()
    visible = visible_trusts_for_local_data(user, names)
    with st.spinner("Comparing the trusts…"):
        comparison, specs = _cache.trust_comparison(data, chosen, visible)
    basis_line(comparison.basis, comparison.basis_reason, "these trusts")

    st.subheader("Administrative burden")
    _ui.table(
        comparison.table,
        "compared trusts",
        column_config={
            "measure": st.column_config.TextColumn("Measure", width="medium"),
            **{t: st.column_config.TextColumn(t) for t in comparison.trusts},
        },
        key="compare-figures",
    )
    left, right = st.columns(2)
    with left:
        _ui.chart(specs["per_offender"])
    with right:
        _ui.chart(specs["hours"])
    if len(comparison.differences):
        st.subheader(f"Against {comparison.trusts[0]}")
        _ui.table(
            comparison.differences,
            "differences between trusts",
            column_config={
                "trust": st.column_config.TextColumn("Trust", width="medium"),
                "compared_with": None,
                "hours_per_offender_difference": st.column_config.NumberColumn(
                    "Hours per offender, difference", format="%+,.2f"
                ),
                "hours_per_offender_difference_pct": st.column_config.NumberColumn("Difference", format="percent"),
                "cost_per_offender_difference": st.column_config.NumberColumn(
                    "Cost per offender, difference", format="£%+,.0f"
                ),
                "basis": st.column_config.TextColumn("Rests on"),
                "basis_reason": None,
            },
            key="compare-differences",
        )
        st.caption(
            "Rests on **evidence**: the trusts' own measurements or their volumes per offender differ, not only their "
            "size. **Size only**: the same national estimates scaled by caseload."
        )

    for frame, key, title in (
        (comparison.by_activity, "activity", "By activity"),
        (comparison.by_purpose, "purpose", "By purpose"),
    ):
        st.subheader(title)
        _ui.chart(specs[key])
        with st.expander(f"{title}: the table"):
            _ui.table(
                frame,
                f"compared trusts {key}",
                column_config={
                    "trust": st.column_config.TextColumn("Trust", width="medium"),
                    "category": st.column_config.TextColumn(key.capitalize(), width="medium"),
                    "hours_central": _ui.hours_column(),
                    "hours_per_offender": st.column_config.NumberColumn("Hours per offender", format="%,.2f"),
                    "share_of_hours": _ui.share_column("Share of the trust's hours"),
                },
                key=f"compare-{key}",
            )

    st.subheader("Own measurements")
    if comparison.hidden:
        st.caption(
            "The own measurements of "
            + ", ".join(comparison.hidden)
            + " are not visible to you: their figures here use the national estimates."
        )
    if len(comparison.local):
        _ui.table(
            comparison.local,
            "compared trusts own measurements",
            column_config={
                "trust": st.column_config.TextColumn("Trust", width="medium"),
                "requirement": st.column_config.TextColumn("Id"),
                "text": st.column_config.TextColumn("Requirement", width="large"),
                "national_minutes": st.column_config.NumberColumn("National minutes", format="%,.1f"),
                "minutes": st.column_config.NumberColumn("Trust's minutes", format="%,.1f"),
                "occurrences": st.column_config.NumberColumn("Times a year", format="%,.0f"),
                "local_occurrences": st.column_config.CheckboxColumn("Trust's own count"),
                "hours_central": _ui.hours_column(),
            },
            key="compare-local",
        )
    elif len(comparison.hidden) < len(comparison.trusts):
        st.caption("None of the trusts you may see has recorded its own measurements: all use national estimates.")

elif mode == PEERS:
    trust = _ui.trust_picker(names, key="compare_peer_trust")
    if trust is None:
        st.stop()
    by = st.radio("Peer group", list(GROUPINGS), format_func=GROUPINGS.get, horizontal=True, key="compare_peer_by")
    with st.spinner("Comparing with the peers…"):
        peers, spec = _cache.peer_comparison(data, trust, by)
    if not peers.group.peers:
        st.info(f"{trust} is the only one of the {peers.group.name}: it has no peers to compare with here.")
        st.stop()
    st.markdown(
        f"**{trust}** against the other {len(peers.group.peers)} {peers.group.name}: "
        + ", ".join(peers.group.peers)
        + ". The peers' median and range leave the trust itself out."
    )
    basis_line(peers.basis, peers.basis_reason, "the trust and its peers")
    _ui.table(
        peers.table[["measure", "trust_text", "median_text", "lowest_text", "highest_text", "position"]],
        f"{trust} against its peers",
        column_config={
            "measure": st.column_config.TextColumn("Measure", width="medium"),
            "trust_text": st.column_config.TextColumn(trust),
            "median_text": st.column_config.TextColumn("Peers' median"),
            "lowest_text": st.column_config.TextColumn("Lowest peer"),
            "highest_text": st.column_config.TextColumn("Highest peer"),
            "position": st.column_config.TextColumn("Where the trust stands", width="medium"),
        },
        key="compare-peers",
    )
    _ui.chart(spec)

else:
    scenarios = _cache.scenarios(data)
    scenario_names = [s.name for s in scenarios]
    if len(scenario_names) < 2:
        st.info("Two scenarios are needed: create them on the Scenarios page.")
        st.stop()
    left, right = st.columns(2)
    first = left.selectbox("First scenario", scenario_names, key="compare_first")
    others = [n for n in scenario_names if n != first]
    if st.session_state.get("compare_second") not in others:
        st.session_state["compare_second"] = others[0]
    second = right.selectbox("Second scenario", others, key="compare_second")
    with st.spinner("Applying both scenarios…"):
        scenarios_compared, spec = _cache.scenario_comparison(data, first, second)
    totals = scenarios_compared.totals.set_index("scenario")
    difference = scenarios_compared.difference
    for column, name in zip((left, right), (first, second), strict=True):
        row = totals.loc[name]
        with column.container(border=True):
            st.markdown(f"**{name}**")
            a, b = st.columns(2)
            a.metric(
                "Money saved a year",
                fmt.money(row["saving_cost_central"], short=True),
                help=metric_help("compare", "Money saved a year"),
            )
            a.caption(
                _ui.range_caption(row["saving_cost_low"], row["saving_cost_central"], row["saving_cost_high"], "money")
            )
            b.metric(
                "FTE released",
                fmt.number(row["saving_fte_central"], 1),
                help=metric_help("compare", "FTE released"),
            )
            b.caption(
                _ui.range_caption(row["saving_fte_low"], row["saving_fte_central"], row["saving_fte_high"], "fte")
            )
            st.caption(
                f"{fmt.number(row['accepted'])} proposal(s) accepted, {fmt.number(row['rejected'])} rejected; cuts "
                f"{fmt.percent(row['saving_share'])} of the burden; one-in-two-out {row['one_in_two_out']}."
            )
    st.markdown(
        f"**{second}** saves {fmt.money(abs(difference['saving_cost']))} a year "
        f"{'more' if difference['saving_cost'] >= 0 else 'less'} than **{first}** and releases "
        f"{fmt.fte(abs(difference['saving_fte']))} {'more' if difference['saving_fte'] >= 0 else 'fewer'}."
    )
    st.subheader("Savings by action")
    _ui.chart(spec)
    _ui.table(
        scenarios_compared.by_action,
        f"scenarios {first} and {second} by action",
        column_config={
            "action": st.column_config.TextColumn("Action", width="medium"),
            "proposals_first": st.column_config.NumberColumn(f"Accepted in {first}", format="%,.0f"),
            "proposals_second": st.column_config.NumberColumn(f"Accepted in {second}", format="%,.0f"),
            "saving_cost_first": _ui.money_column(f"Saving in {first}"),
            "saving_cost_second": _ui.money_column(f"Saving in {second}"),
            "saving_fte_first": _ui.fte_column(f"FTE in {first}"),
            "saving_fte_second": _ui.fte_column(f"FTE in {second}"),
            "difference_cost": st.column_config.NumberColumn("Difference", format="£%+,.0f"),
        },
        key="compare-actions",
    )
    st.subheader("Proposals decided differently")
    if len(scenarios_compared.differing):
        _ui.table(
            scenarios_compared.differing,
            f"scenarios {first} and {second} differing proposals",
            column_config={
                "id": st.column_config.TextColumn("Proposal"),
                "action": st.column_config.TextColumn("Action"),
                "requirement": st.column_config.TextColumn("Requirement", width="large"),
                "first": st.column_config.TextColumn(f"In {first}"),
                "second": st.column_config.TextColumn(f"In {second}"),
                "saving_cost_central": _ui.money_column("Saving alone"),
                "saving_fte_central": _ui.fte_column("FTE alone"),
            },
            key="compare-differing",
        )
    else:
        st.caption("The two scenarios decide every proposal the same way.")
