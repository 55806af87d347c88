"""The app pages' charts as Vega-Lite specs (``chart.to_dict()``), built from audit results.

Building an Altair chart costs 50-300 ms, so ``app_pages._cache`` caches these specs. Validation is left to
the tests of :mod:`reports.charts`: jsonschema-validating 10,000 inline points takes seconds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

import pandas as pd

from audit.engine import AuditResult
from audit.policy import Policy
from audit.relevance import quadrant_cuts
from audit.scenarios import ScenarioResult
from audit.through_time import burden_through_time
from catalogue.models import Catalogue
from catalogue.types import label
from reports import charts, labels

# The Trust page's breakdowns: the column grouped by and the chart's title.
TRUST_BREAKDOWNS = (("directive", "By directive"), ("activity", "By activity"), ("purpose", "By purpose"))
SAVING_COLUMNS = ["saving_cost_low", "saving_cost_central", "saving_cost_high"]


def through_time_spec(national: pd.DataFrame, changes: pd.DataFrame, audit_date: dt.date) -> dict:
    """Return the spec of the burden-through-time chart (``audit.through_time`` results)."""
    return charts.through_time_chart(national, changes, audit_date).to_dict(validate=False)


def overview_charts(
    result: AuditResult, policy: Policy, requirement_burden: pd.DataFrame, stock_and_flow: pd.DataFrame
) -> dict[str, dict]:
    """Return the Overview's specs: ``quadrant`` (burden against relevance, cut by ``audit.relevance``),
    ``by_type`` (hours by directive type) and ``stock`` (requirements in force per year)."""
    hours_cut, relevance_cut = quadrant_cuts(requirement_burden, policy)
    return {
        "quadrant": charts.quadrant_chart(
            requirement_burden, burden_cut=hours_cut, relevance_cut=relevance_cut
        ).to_dict(validate=False),
        "by_type": charts.bar_chart(
            result.by_dimension["directive_type"],
            "directive_type",
            "hours_central",
            "Hours a year",
            low="hours_low",
            high="hours_high",
        ).to_dict(validate=False),
        "stock": charts.stock_flow_chart(stock_and_flow, title="").to_dict(validate=False),
    }


def hours_by(table: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """Return a trust table's central hours summed by ``dimension``, its values labelled for people."""
    grouped = table.groupby(dimension, as_index=False)[["hours_central"]].sum()
    grouped[dimension] = grouped[dimension].map(label)
    return grouped


def trust_charts(result: AuditResult, trust_table: pd.DataFrame, trust: str) -> dict[str, dict]:
    """Return the Trust page's specs: ``directive``, ``activity`` and ``purpose`` breakdowns of the trust's
    hours (``reports.burden_view.trust_table``) and the ``distribution`` of hours per offender across trusts."""
    specs = {
        dimension: charts.bar_chart(
            hours_by(trust_table, dimension), dimension, "hours_central", "Hours a year", title=title, limit=12
        ).to_dict(validate=False)
        for dimension, title in TRUST_BREAKDOWNS
    }
    specs["distribution"] = charts.distribution_chart(
        result.by_trust,
        "hours_per_offender",
        "Hours per offender a year",
        trust,
        title=f"Hours per offender: {trust} in red, the median dashed",
        horizontal=True,  # a named row per trust: the app's fixed height left slanted names no room
    ).to_dict(validate=False)
    return specs


def savings_by_action(proposals: pd.DataFrame, ids: Iterable[str]) -> pd.DataFrame:
    """Return the low, central and high cost savings of the proposals ``ids``, summed by action."""
    chosen = proposals[proposals["id"].isin(set(ids))]
    return chosen.groupby("action", as_index=False)[SAVING_COLUMNS].sum()


def savings_chart(proposals: pd.DataFrame, ids: Iterable[str]) -> dict:
    """Return the spec of the savings-by-action chart of the proposals ``ids``."""
    spec = charts.bar_chart(
        savings_by_action(proposals, ids),
        "action",
        "saving_cost_central",
        "Saving a year (£)",
        title="Savings by action",
        low="saving_cost_low",
        high="saving_cost_high",
        colour=charts.SAVING,
    ).to_dict(validate=False)
    # The data keep the action codes; the axis and the tooltip give their words.
    words = {"calculate": labels.action_words_expression("datum.action"), "as": "Action"}
    spec.setdefault("transform", []).append(words)
    for layer in spec.get("layer", []):
        encoding = layer.get("encoding", {})
        if encoding.get("y", {}).get("field") == "action":
            encoding["y"].setdefault("axis", {})["labelExpr"] = labels.action_words_expression()
        tooltip = encoding.get("tooltip", [])
        encoding["tooltip"] = [
            {"field": "Action", "type": "nominal"} if t.get("field") == "action" else t for t in tooltip
        ]
    return spec


def before_after(scenario: ScenarioResult) -> pd.DataFrame:
    """Return each trust's central hours ``before`` and ``after`` a scenario."""
    return scenario.by_trust[["trust", "before_hours_central", "after_hours_central"]].rename(
        columns={"before_hours_central": "before", "after_hours_central": "after"}
    )


def before_after_chart(scenario: ScenarioResult) -> dict:
    """Return the spec of the per-trust before/after chart of a scenario."""
    return charts.before_after_chart(before_after(scenario)).to_dict(validate=False)


def through_time(catalogue: Catalogue, policy: Policy) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame, dict]:
    """Return the burden at every quarter-end (national, by trust, directive changes) with its chart's spec."""
    national, trusts, changes = burden_through_time(catalogue, policy)
    return national, trusts, changes, through_time_spec(national, changes, policy.audit_date)
