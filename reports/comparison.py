"""Comparisons: trusts side by side, a trust against its peer group, two scenarios side by side.

Each function takes an audit (:class:`audit.engine.AuditResult`) and returns DataFrames with documented columns,
labelled in words (activities, purposes and actions by their human labels). Whether a difference between trusts
says more than their size is :func:`audit.evidence.comparison_basis`'s decision, taken over the trusts compared;
peer groups are :func:`audit.peers.peer_group`'s. The charts name every trust or scenario and carry tooltips.

Public API

- :func:`compare_trusts(result, trusts, local_visible) -> TrustComparison`
- :func:`compare_with_peers(result, trust, by) -> PeerComparison`
- :func:`compare_scenarios(result, first, second) -> ScenarioComparison`
- charts: :func:`trust_bars_chart`, :func:`breakdown_chart`, :func:`peer_chart`, :func:`scenario_actions_chart`
"""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import altair as alt
import numpy as np
import pandas as pd

from audit.burden import Burden, burden_table
from audit.evidence import EVIDENCE, SIZE_ONLY, comparison_basis, estimated_hours_share
from audit.peers import PeerGroup, peer_group
from audit.proposals import action_label
from audit.scenarios import UNDECIDED, Scenario, evaluate_scenario
from catalogue.types import label
from reports import formatting as fmt
from reports.charts import ACCENT, HIGHLIGHT, MUTED, SAVING

if TYPE_CHECKING:
    from audit.engine import AuditResult

NOT_VISIBLE = "not visible to you"
BASIS_REASONS = {
    EVIDENCE: "their own measurements or their volumes per offender differ, not only their size",
    SIZE_ONLY: "the same national estimates scaled by caseload: the difference reflects their size only",
}
BREAKDOWNS = {"activity": "Activity", "purpose": "Purpose"}
DECISION_WORDS = {"accepted": "accepted", "rejected": "rejected", UNDECIDED: "not decided"}


# --- trusts side by side ---------------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class TrustComparison:
    """Two or more trusts side by side: ``figures`` (:func:`trust_figures`) and the same as ``table``
    (:func:`side_by_side`), ``differences``, ``by_activity``, ``by_purpose``, ``local``; ``hidden`` names the trusts
    whose own measurements the reader may not see."""

    trusts: list[str]
    basis: str
    basis_reason: str
    figures: pd.DataFrame
    table: pd.DataFrame
    differences: pd.DataFrame
    by_activity: pd.DataFrame
    by_purpose: pd.DataFrame
    local: pd.DataFrame
    hidden: list[str]


def basis_between(burden: Burden, trusts: Collection[str]) -> str:
    """Return :func:`audit.evidence.comparison_basis` over ``trusts`` only: what their differences rest on.

    Two trusts that are the same estimates at different sizes differ by "size only", whatever the other trusts do.
    """
    positions = np.flatnonzero(burden.trusts["trust"].isin(list(trusts)).to_numpy())
    local = burden.local[burden.local["col"].isin(positions)] if len(burden.local) else burden.local
    chosen = dataclasses.replace(burden, trusts=burden.trusts.iloc[positions].reset_index(drop=True), local=local)
    return comparison_basis(chosen)


def _check_trusts(result: AuditResult, trusts: Sequence[str]) -> list[str]:
    from audit.errors import AuditError

    known = set(result.by_trust["trust"])
    unknown = [t for t in trusts if t not in known]
    if unknown:
        raise AuditError("no trust called " + ", ".join(repr(t) for t in unknown))
    return list(dict.fromkeys(trusts))


def _interval_text(low: float, high: float, kind: str) -> str:
    show = {"hours": fmt.number, "fte": lambda v: fmt.number(v, 1), "money": fmt.money}[kind]
    return f"{show(low)} – {show(high)}"


def trust_figures(result: AuditResult, trusts: Sequence[str], local_visible: Collection[str]) -> pd.DataFrame:
    """Return one row per trust, in the order given, with its burden and the 90% interval of each measure.

    Columns: ``trust, region, caseload, staff_fte``; ``hours_central, hours_p05, hours_p95, hours_interval`` and
    the same for ``fte`` and ``cost`` (the interval as text, e.g. "39,510 – 50,641"); ``hours_per_offender,
    cost_per_offender, share_of_staff_time, cost_share_of_budget, estimated_share`` (share of the hours resting on
    an estimate); ``local_measurements`` in words: how many requirements the trust measured itself, or
    "not visible to you" for a trust outside ``local_visible``.
    """
    trusts = _check_trusts(result, trusts)
    rows = result.by_trust.set_index("trust").loc[trusts].reset_index()
    spread = result.uncertainty.by_trust.set_index("trust").loc[trusts].reset_index()
    out = rows[["trust", "region", "caseload", "staff_fte"]].copy()
    for measure in ("hours", "fte", "cost"):
        out[f"{measure}_central"] = rows[f"{measure}_central"].to_numpy()
        out[f"{measure}_p05"] = spread[f"{measure}_p05"].to_numpy()
        out[f"{measure}_p95"] = spread[f"{measure}_p95"].to_numpy()
        kind = "money" if measure == "cost" else measure
        out[f"{measure}_interval"] = [
            _interval_text(lo, hi, kind) for lo, hi in zip(out[f"{measure}_p05"], out[f"{measure}_p95"], strict=True)
        ]
    out["hours_per_offender"] = rows["hours_per_offender"].to_numpy()
    out["cost_per_offender"] = (rows["cost_central"] / rows["caseload"].where(rows["caseload"] > 0)).to_numpy()
    out["share_of_staff_time"] = rows["share_of_staff_time"].to_numpy()
    out["cost_share_of_budget"] = rows["cost_share_of_budget"].to_numpy()
    out["estimated_share"] = [estimated_hours_share(result.burden, t) for t in trusts]
    out["local_measurements"] = [
        (f"{n} requirement(s) measured" if n else "none recorded") if t in local_visible else NOT_VISIBLE
        for t, n in zip(trusts, rows["local_measurements"].astype(int), strict=True)
    ]
    return out


SIDE_BY_SIDE = (
    ("Region", "region", None),
    ("Caseload (offenders)", "caseload", "count"),
    ("Staff (FTE)", "staff_fte", "fte"),
    ("Hours a year (90% interval)", "hours", "hours"),
    ("Burden in staff (FTE, 90% interval)", "fte", "fte"),
    ("Cost a year (90% interval)", "cost", "money"),
    ("Hours per offender a year", "hours_per_offender", "rate"),
    ("Cost per offender a year", "cost_per_offender", "money"),
    ("Share of staff time", "share_of_staff_time", "share"),
    ("Share of the budget", "cost_share_of_budget", "share"),
    ("Hours resting on estimates", "estimated_share", "share"),
    ("Own measurements", "local_measurements", None),
)


def side_by_side(figures: pd.DataFrame) -> pd.DataFrame:
    """Return :func:`trust_figures` turned for reading across: one row per measure, one column per trust.

    Columns: ``measure`` then each trust's name; every cell is text as people read it ("42,524 (39,653 – 50,710)").
    """
    show = {
        "count": fmt.number,
        "fte": lambda v: fmt.number(v, 1),
        "hours": fmt.number,
        "money": fmt.money,
        "rate": lambda v: fmt.number(v, 2),
        "share": fmt.percent,
    }
    rows = []
    for name, column, kind in SIDE_BY_SIDE:
        cells: dict[str, str] = {"measure": name}
        for _, row in figures.iterrows():
            if kind is None:
                text = str(row[column])
            elif column in ("hours", "fte", "cost"):
                text = f"{show[kind](row[f'{column}_central'])} ({row[f'{column}_interval']})"
            else:
                text = show[kind](row[column])
            cells[row["trust"]] = text
        rows.append(cells)
    return pd.DataFrame(rows, columns=["measure", *figures["trust"]])


def trust_differences(result: AuditResult, trusts: Sequence[str]) -> pd.DataFrame:
    """Return how each trust after the first differs from the first, and what each difference rests on.

    Columns: ``trust, compared_with, hours_per_offender_difference, hours_per_offender_difference_pct,
    cost_per_offender_difference, basis`` (:data:`audit.evidence.EVIDENCE` or ``SIZE_ONLY``, decided over the pair)
    and ``basis_reason`` in words.
    """
    trusts = _check_trusts(result, trusts)
    figures = trust_figures(result, trusts, ()).set_index("trust")
    first = trusts[0]
    rows = []
    for other in trusts[1:]:
        basis = basis_between(result.burden, [first, other])
        base = figures.loc[first, "hours_per_offender"]
        difference = figures.loc[other, "hours_per_offender"] - base
        rows.append(
            {
                "trust": other,
                "compared_with": first,
                "hours_per_offender_difference": difference,
                "hours_per_offender_difference_pct": difference / base if base else np.nan,
                "cost_per_offender_difference": figures.loc[other, "cost_per_offender"]
                - figures.loc[first, "cost_per_offender"],
                "basis": basis,
                "basis_reason": BASIS_REASONS[basis],
            }
        )
    columns = ["trust", "compared_with", "hours_per_offender_difference", "hours_per_offender_difference_pct",
               "cost_per_offender_difference", "basis", "basis_reason"]  # fmt: skip
    return pd.DataFrame(rows, columns=columns)


def trust_breakdown(result: AuditResult, trusts: Sequence[str], dimension: str) -> pd.DataFrame:
    """Return each trust's hours by ``dimension`` (``"activity"`` or ``"purpose"``), its categories in words.

    Columns: ``trust, category, hours_central, hours_per_offender, share_of_hours`` (of the trust's own hours);
    rows by category (heaviest across the trusts first), then trust in the order given.
    """
    if dimension not in BREAKDOWNS:
        raise ValueError(f"breakdowns are by {' or '.join(BREAKDOWNS)}, not {dimension!r}")
    trusts = _check_trusts(result, trusts)
    attrs = result.burden.requirements[["requirement", dimension]]
    table = burden_table(result.burden, trusts=trusts).merge(attrs, on="requirement", how="left")
    grouped = table.groupby(["trust", dimension], as_index=False)["hours_central"].sum()
    caseload = result.by_trust.set_index("trust")["caseload"]
    grouped["hours_per_offender"] = grouped["hours_central"] / grouped["trust"].map(caseload.where(caseload > 0))
    totals = grouped.groupby("trust")["hours_central"].transform("sum")
    grouped["share_of_hours"] = (grouped["hours_central"] / totals.where(totals > 0)).fillna(0.0)
    weight = grouped.groupby(dimension)["hours_central"].transform("sum")
    order = {t: i for i, t in enumerate(trusts)}
    grouped = grouped.assign(_weight=-weight, _order=grouped["trust"].map(order))
    grouped = grouped.sort_values(["_weight", dimension, "_order"], kind="mergesort")
    grouped["category"] = grouped[dimension].map(_words)
    return grouped[["trust", "category", "hours_central", "hours_per_offender", "share_of_hours"]].reset_index(
        drop=True
    )


def _words(value: str) -> str:
    """Return a vocabulary value's label, capitalised when the vocabulary has none ("outcome" -> "Outcome")."""
    shown = label(value)
    return shown[:1].upper() + shown[1:] if shown == value else shown


def local_figures(result: AuditResult, trusts: Sequence[str], local_visible: Collection[str]) -> pd.DataFrame:
    """Return the trusts' own measurements that the reader may see, one row per trust and requirement measured.

    Columns: ``trust, requirement, text, national_minutes, minutes`` (the trust's own, NaN when it measured only
    the count), ``occurrences`` (times a year in the trust, with its own count when it has one),
    ``local_occurrences`` (whether the count is the trust's own), ``hours_central``.
    """
    trusts = [t for t in _check_trusts(result, trusts) if t in local_visible]
    columns = ["trust", "requirement", "text", "national_minutes", "minutes", "occurrences", "local_occurrences",
               "hours_central"]  # fmt: skip
    if not trusts:
        return pd.DataFrame(columns=columns)
    table = burden_table(result.burden, trusts=trusts)
    own = table[table["local_minutes"] | table["local_occurrences"]]
    req = result.burden.requirements.set_index("requirement")
    out = own.assign(
        text=own["requirement"].map(req["text"]),
        national_minutes=own["requirement"].map(req["minutes_central"]),
        minutes=own["minutes_central"].where(own["local_minutes"]),
    )
    order = {t: i for i, t in enumerate(trusts)}
    out = out.assign(_order=out["trust"].map(order)).sort_values(["_order", "hours_central"], ascending=[True, False])
    return out[columns].reset_index(drop=True)


def compare_trusts(result: AuditResult, trusts: Sequence[str], local_visible: Collection[str]) -> TrustComparison:
    """Return two or more trusts side by side: figures, differences, breakdowns, their own measurements.

    ``local_visible`` names the trusts whose own measurements the reader may see (``audit.access`` decides);
    the others' are reported as "not visible to you", never as "none".
    """
    trusts = _check_trusts(result, trusts)
    basis = basis_between(result.burden, trusts)
    figures = trust_figures(result, trusts, local_visible)
    return TrustComparison(
        trusts=trusts,
        basis=basis,
        basis_reason=BASIS_REASONS[basis],
        figures=figures,
        table=side_by_side(figures),
        differences=trust_differences(result, trusts),
        by_activity=trust_breakdown(result, trusts, "activity"),
        by_purpose=trust_breakdown(result, trusts, "purpose"),
        local=local_figures(result, trusts, local_visible),
        hidden=[t for t in trusts if t not in local_visible],
    )


# --- a trust against its peer group ----------------------------------------------------------------------------

PEER_MEASURES = {
    "hours_per_offender": ("Hours per offender a year", "number"),
    "cost_per_offender": ("Cost per offender a year", "money"),
    "share_of_staff_time": ("Share of staff time", "share"),
    "cost_share_of_budget": ("Share of the budget", "share"),
}


@dataclass(frozen=True, eq=False)
class PeerComparison:
    """A trust against its peers (see :func:`compare_with_peers`)."""

    group: PeerGroup
    basis: str
    basis_reason: str
    table: pd.DataFrame
    members: pd.DataFrame


def _shown(value: float, kind: str) -> str:
    if kind == "money":
        return fmt.money(value)
    if kind == "share":
        return fmt.percent(value)
    return fmt.number(value, 1)


def _position(value: float, low: float, high: float) -> str:
    if not all(np.isfinite([value, low, high])):
        return "no peers to compare with"
    if value > high:
        return "above every peer"
    if value < low:
        return "below every peer"
    return "within the peers' range"


def compare_with_peers(result: AuditResult, trust: str, by: str) -> PeerComparison:
    """Return ``trust`` against its peer group (``by`` ``"region"`` or ``"size"``, see :mod:`audit.peers`).

    ``table``: one row per measure (:data:`PEER_MEASURES`): ``measure, trust_value, peer_median, peer_lowest,
    peer_highest`` (numbers), the same as text (``trust_text, median_text, lowest_text, highest_text``) and
    ``position`` ("above every peer", "within the peers' range", ...). The median and range are the peers'
    only, the trust left out. ``members``: ``trust, hours_per_offender, is_trust, peer_median`` for the chart.
    """
    group = peer_group(result.by_trust, trust, by=by)
    chosen = [trust, *group.peers]
    figures = trust_figures(result, chosen, ()).set_index("trust")
    peers = figures.loc[group.peers]
    rows = []
    for column, (name, kind) in PEER_MEASURES.items():
        value = float(figures.loc[trust, column])
        values = peers[column].astype(float).dropna()
        median, low, high = (
            (float(values.median()), float(values.min()), float(values.max())) if len(values) else (np.nan,) * 3
        )
        rows.append(
            {
                "measure": name,
                "trust_value": value,
                "peer_median": median,
                "peer_lowest": low,
                "peer_highest": high,
                "trust_text": _shown(value, kind),
                "median_text": _shown(median, kind),
                "lowest_text": _shown(low, kind),
                "highest_text": _shown(high, kind),
                "position": _position(value, low, high),
            }
        )
    table = pd.DataFrame(rows)
    members = figures.reset_index()[["trust", "hours_per_offender"]]
    members["is_trust"] = members["trust"] == trust
    members["peer_median"] = table.loc[0, "peer_median"]
    basis = basis_between(result.burden, chosen) if group.peers else SIZE_ONLY
    return PeerComparison(group, basis, BASIS_REASONS[basis], table, members)


# --- two scenarios side by side --------------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class ScenarioComparison:
    """Two scenarios side by side (see :func:`compare_scenarios`)."""

    names: tuple[str, str]
    totals: pd.DataFrame
    by_action: pd.DataFrame
    differing: pd.DataFrame
    difference: dict[str, float]


def _requirement_texts(result: AuditResult, ids: Sequence[Sequence[str]]) -> list[str]:
    text = result.burden.requirements.set_index("requirement")["text"]
    return [" / ".join(str(text.get(r, r)) for r in group) for group in ids]


def compare_scenarios(result: AuditResult, first: Scenario, second: Scenario) -> ScenarioComparison:
    """Return two scenarios side by side: their savings, savings by action, and the proposals they decide apart.

    ``totals``: one row per scenario: ``scenario, accepted, rejected``, ``saving_{hours,fte,cost}_{low,central,
    high}``, ``saving_share`` (of the burden), ``one_in_two_out`` ("passes" or "fails").
    ``by_action``: ``action`` (in words), ``proposals_first, proposals_second, saving_cost_first,
    saving_cost_second, saving_fte_first, saving_fte_second, difference_cost`` (second minus first), every action
    either accepts. ``differing``: the proposals whose decision differs: ``id, action, requirement`` (the target
    requirement's text), ``first, second`` (accepted / rejected / not decided), ``saving_cost_central,
    saving_fte_central`` (each proposal alone), by saving. ``difference``: second minus first, central
    ``saving_hours``, ``saving_fte``, ``saving_cost``.
    """
    results = [evaluate_scenario(result, s.accepted) for s in (first, second)]
    totals = []
    for scenario, outcome in zip((first, second), results, strict=True):
        nat = outcome.national
        totals.append(
            {
                "scenario": scenario.name,
                "accepted": len(outcome.accepted),
                "rejected": len(scenario.rejected),
                **{
                    f"saving_{m}_{x}": nat[f"saving_{m}_{x}"]
                    for m in ("hours", "fte", "cost")
                    for x in ("low", "central", "high")
                },
                "saving_share": nat["saving_share"],
                "one_in_two_out": "passes" if outcome.one_in_two_out.passes else "fails",
            }
        )
    by_action = _by_action(results[0].by_action, results[1].by_action)
    props = result.proposals.set_index("id")
    ids = sorted(set(first.decisions) | set(second.decisions))
    differ = [pid for pid in ids if first.decisions.get(pid, UNDECIDED) != second.decisions.get(pid, UNDECIDED)]
    differ = [pid for pid in differ if pid in props.index]
    chosen = props.loc[differ]
    differing = pd.DataFrame(
        {
            "id": differ,
            "action": [action_label(a) for a in chosen["action"]],
            "requirement": _requirement_texts(result, list(chosen["requirements"])),
            "first": [DECISION_WORDS[first.decisions.get(pid, UNDECIDED)] for pid in differ],
            "second": [DECISION_WORDS[second.decisions.get(pid, UNDECIDED)] for pid in differ],
            "saving_cost_central": chosen["saving_cost_central"].to_numpy(dtype=float),
            "saving_fte_central": chosen["saving_fte_central"].to_numpy(dtype=float),
        }
    )
    differing = differing.sort_values(["saving_cost_central", "id"], ascending=[False, True], kind="mergesort")
    difference = {
        key: float(totals[1][f"{key}_central"] - totals[0][f"{key}_central"])
        for key in ("saving_hours", "saving_fte", "saving_cost")
    }
    return ScenarioComparison(
        (first.name, second.name), pd.DataFrame(totals), by_action, differing.reset_index(drop=True), difference
    )


def _by_action(first: pd.DataFrame, second: pd.DataFrame) -> pd.DataFrame:
    """Join two scenarios' savings by action, an action missing from one counting zero there."""
    columns = ["action", "proposals", "saving_cost_central", "saving_fte_central"]
    joined = first[columns].merge(second[columns], on="action", how="outer", suffixes=("_first", "_second"))
    joined = joined.fillna(0.0)
    joined["proposals_first"] = joined["proposals_first"].astype(int)
    joined["proposals_second"] = joined["proposals_second"].astype(int)
    joined["difference_cost"] = joined["saving_cost_central_second"] - joined["saving_cost_central_first"]
    joined = joined.rename(
        columns={
            "saving_cost_central_first": "saving_cost_first",
            "saving_cost_central_second": "saving_cost_second",
            "saving_fte_central_first": "saving_fte_first",
            "saving_fte_central_second": "saving_fte_second",
        }
    )
    joined["action"] = joined["action"].map(action_label)
    joined = joined.sort_values(["saving_cost_second", "action"], ascending=[False, True], kind="mergesort")
    order = ["action", "proposals_first", "proposals_second", "saving_cost_first", "saving_cost_second",
             "saving_fte_first", "saving_fte_second", "difference_cost"]  # fmt: skip
    return joined[order].reset_index(drop=True)


# --- charts ----------------------------------------------------------------------------------------------------


def _tip(field: str, title: str, number_format: str = "") -> alt.Tooltip:
    if number_format:
        return alt.Tooltip(field, title=title, format=number_format, type="quantitative")
    return alt.Tooltip(field, title=title, type="nominal")


def _records(frame: pd.DataFrame) -> alt.Data:
    return alt.Data(values=frame.astype(object).where(frame.notna(), None).to_dict(orient="records"))


def trust_bars_chart(
    figures: pd.DataFrame, value: str, value_title: str, *, low: str | None = None, high: str | None = None,
    value_format: str = ",.0f", title: str = "",
) -> alt.LayerChart | alt.FacetChart:  # fmt: skip
    """One bar per trust, named on the axis, in the order given, with an optional interval whisker.

    ``figures`` from :func:`trust_figures`: ``trust`` and the ``value`` column (``low``/``high`` its interval).
    """
    keep = ["trust", value, *(c for c in (low, high) if c)]
    data = figures[keep]
    order = list(data["trust"])
    y = alt.Y("trust:N", title="", sort=order, axis=alt.Axis(labelLimit=320, labelOverlap=False))
    tips = [_tip("trust", "Trust"), _tip(value, value_title, value_format)]
    if low and high:
        tips += [_tip(low, "90% interval from", value_format), _tip(high, "90% interval to", value_format)]
    bars = alt.Chart().mark_bar(color=ACCENT).encode(x=alt.X(f"{value}:Q", title=value_title), y=y, tooltip=tips)
    layers: list[alt.Chart] = [bars]
    if low and high:
        layers.append(alt.Chart().mark_rule(color="#333", opacity=0.7).encode(x=f"{low}:Q", x2=high, y=y))
    return alt.layer(*layers, data=_records(data)).properties(title=title, height=alt.Step(28))


def breakdown_chart(frame: pd.DataFrame, category_title: str, title: str = "") -> alt.Chart:
    """Bars of hours per offender by category, one bar per trust in each, trusts named in the legend and tooltip.

    ``frame`` from :func:`trust_breakdown`. Per offender, so that trusts of different sizes can be read together.
    """
    trusts = list(dict.fromkeys(frame["trust"]))
    categories = list(dict.fromkeys(frame["category"]))
    return (
        alt.Chart(_records(frame))
        .mark_bar()
        .encode(
            y=alt.Y("category:N", title="", sort=categories, axis=alt.Axis(labelLimit=260, labelOverlap=False)),
            yOffset=alt.YOffset("trust:N", sort=trusts),
            x=alt.X("hours_per_offender:Q", title="Hours per offender a year"),
            color=alt.Color(
                "trust:N", title="Trust", sort=trusts, legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)
            ),
            tooltip=[
                _tip("trust", "Trust"),
                _tip("category", category_title),
                _tip("hours_per_offender", "Hours per offender a year", ",.2f"),
                _tip("hours_central", "Hours a year", ",.0f"),
                _tip("share_of_hours", "Share of the trust's hours", ".1%"),
            ],
        )
        .properties(title=title, height=alt.Step(max(8, 30 // max(len(trusts), 1))))
    )


def peer_chart(members: pd.DataFrame, trust: str, group_name: str) -> alt.LayerChart | alt.FacetChart:
    """One bar per trust of the group, named on the axis, ``trust`` in red, the peers' median dashed."""
    data = members.sort_values("hours_per_offender", ascending=False)
    y = alt.Y("trust:N", title="", sort=list(data["trust"]), axis=alt.Axis(labelLimit=320, labelOverlap=False))
    bars = (
        alt.Chart()
        .mark_bar()
        .encode(
            y=y,
            x=alt.X("hours_per_offender:Q", title="Hours per offender a year"),
            color=alt.Color("is_trust:N", scale=alt.Scale(domain=[False, True], range=[MUTED, HIGHLIGHT]), legend=None),
            tooltip=[
                _tip("trust", "Trust"),
                _tip("hours_per_offender", "Hours per offender a year", ",.2f"),
                _tip("peer_median", "Peers' median", ",.2f"),
            ],
        )
    )
    median = (
        alt.Chart()
        .mark_rule(strokeDash=[4, 4], color="#333")
        .encode(x="peer_median:Q", tooltip=[_tip("peer_median", "Peers' median", ",.2f")])
    )
    title = f"Hours per offender: {trust} in red among the {group_name}, the peers' median dashed"
    return alt.layer(bars, median, data=_records(data)).properties(title=title, height=alt.Step(24))


def scenario_actions_chart(comparison: ScenarioComparison) -> alt.Chart:
    """Savings a year by action, one bar per scenario in each, the scenarios named in the legend and tooltip."""
    first, second = comparison.names
    frame = comparison.by_action
    long = pd.concat(
        [
            pd.DataFrame({"action": frame["action"], "scenario": name, "saving": frame[f"saving_cost_{part}"],
                          "fte": frame[f"saving_fte_{part}"], "proposals": frame[f"proposals_{part}"]})
            for name, part in ((first, "first"), (second, "second"))
        ],
        ignore_index=True,
    )  # fmt: skip
    names = [first, second]
    return (
        alt.Chart(_records(long))
        .mark_bar()
        .encode(
            y=alt.Y("action:N", title="", sort=list(frame["action"]), axis=alt.Axis(labelLimit=260)),
            yOffset=alt.YOffset("scenario:N", sort=names),
            x=alt.X("saving:Q", title="Saving a year (£)"),
            color=alt.Color("scenario:N", title="Scenario", sort=names,
                            scale=alt.Scale(domain=names, range=[MUTED, SAVING]), legend=alt.Legend(orient="bottom")),
            tooltip=[
                _tip("scenario", "Scenario"),
                _tip("action", "Action"),
                _tip("proposals", "Proposals accepted", ",.0f"),
                _tip("saving", "Saving a year (£)", ",.0f"),
                _tip("fte", "FTE released", ",.1f"),
            ],
        )
        .properties(height=alt.Step(14))
    )  # fmt: skip


def trust_comparison_specs(comparison: TrustComparison) -> dict[str, dict]:
    """Return the specs of a trust comparison's charts: ``per_offender``, ``hours``, ``activity``, ``purpose``."""
    figures = comparison.figures
    return {
        "per_offender": trust_bars_chart(
            figures, "hours_per_offender", "Hours per offender a year", value_format=",.2f", title="Per offender"
        ).to_dict(validate=False),
        "hours": trust_bars_chart(
            figures, "hours_central", "Hours a year", low="hours_p05", high="hours_p95",
            title="Hours a year, with the 90% interval",
        ).to_dict(validate=False),
        "activity": breakdown_chart(comparison.by_activity, "Activity").to_dict(validate=False),
        "purpose": breakdown_chart(comparison.by_purpose, "Purpose").to_dict(validate=False),
    }  # fmt: skip


def peer_spec(peers: PeerComparison) -> dict:
    """Return the spec of the chart of a trust among its peers."""
    return peer_chart(peers.members, peers.group.trust, peers.group.name).to_dict(validate=False)


def scenario_spec(comparison: ScenarioComparison) -> dict:
    """Return the spec of the savings-by-action chart of two scenarios."""
    return scenario_actions_chart(comparison).to_dict(validate=False)


def trust_comparison_view(
    result: AuditResult, trusts: Sequence[str], local_visible: Collection[str]
) -> tuple[TrustComparison, dict[str, dict]]:
    """Return :func:`compare_trusts` with its chart specs (what the app's Compare page caches)."""
    compared = compare_trusts(result, trusts, local_visible)
    return compared, trust_comparison_specs(compared)


def peer_comparison_view(result: AuditResult, trust: str, by: str) -> tuple[PeerComparison, dict]:
    """Return :func:`compare_with_peers` with its chart spec."""
    peers = compare_with_peers(result, trust, by)
    return peers, peer_spec(peers)


def scenario_comparison_view(
    result: AuditResult, scenarios: Sequence[Scenario], first: str, second: str
) -> tuple[ScenarioComparison, dict]:
    """Return :func:`compare_scenarios` of the scenarios named ``first`` and ``second`` among ``scenarios``, with
    its chart spec; raise :class:`audit.errors.ScenarioError` for a name none of them has."""
    from audit.errors import ScenarioError

    stored = {s.name: s for s in scenarios}
    missing = [n for n in (first, second) if n not in stored]
    if missing:
        raise ScenarioError("no scenario called " + ", ".join(repr(n) for n in missing))
    compared = compare_scenarios(result, stored[first], stored[second])
    return compared, scenario_spec(compared)
