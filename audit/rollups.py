"""Roll-ups of the burden: national, by trust, by any attribute, by outcome; benchmark; concentration.

All figures are annual. ``hours_*``, ``fte_*``, ``cost_*`` (``*`` = low, central, high) are the recurring
burden; ``familiarisation_*`` the one-off burden of directives issued in the year to the audit date;
``total_*`` their sum. Every roll-up's rows sum to the national recurring totals.

Public API

- :func:`national(burden, trusts=None) -> dict`: ``requirements, directives, trusts, caseload, staff_fte, hours_*,
  fte_*, cost_*, familiarisation_hours_*, familiarisation_fte_*, familiarisation_cost_*, total_hours_*, total_fte_*,
  total_cost_*``, the administrative cost, business as usual and prescribed practice apart (``admin_cost_*,
  bau_*, prescribed_*, prescribed_bau_*`` for hours, fte, cost), ``prescribed_requirements, counted_elsewhere,
  hours_per_offender, hours_per_staff_fte, share_of_staff_time, local_measurements``.
- :func:`by_trust(burden) -> DataFrame`: one row per trust: ``trust, region, caseload, staff_fte, budget_gbp``,
  the recurring, familiarisation and total columns as above, ``hours_per_offender, hours_per_staff_fte,
  share_of_staff_time`` (central FTE / staff FTE), ``cost_share_of_budget``, ``local_measurements``.
- :func:`by_dimension(burden, dimension) -> DataFrame`: ``dimension`` one of :data:`DIMENSIONS`; columns
  ``<dimension>, requirements, hours_*, fte_*, cost_*, share_of_hours`` sorted by central hours descending.
- :func:`by_outcome(burden, shares, rows=None) -> DataFrame`: ``outcome, requirements, hours_*, fte_*, cost_*,
  share_of_hours``; ``shares`` from :func:`audit.relevance.outcome_shares` (``rows``: each share's requirement's
  row in ``burden.requirements``, when known).
- :func:`benchmark(trusts, metric="hours_per_offender") -> DataFrame`: ``trust, value, rank`` (1 = heaviest),
  ``quartile`` (1 = lowest quarter), ``median, q1, q3, distance_from_median, distance_pct``.
- :func:`concentration(burden, top_n=10) -> Concentration`: ``top_share`` (share of national central hours in
  the ``top_n`` heaviest requirements) and ``pareto`` (``rank, requirement, hours_central, cumulative_hours,
  cumulative_share, requirement_share``).
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import repeat
from typing import Any

import numpy as np
import pandas as pd

from audit.burden import LEVELS, MEASURES, SUM_COLUMNS, Burden, grade_sums, trust_sums
from audit.ordering import ranked_or_none

DIMENSIONS = ("directive", "issuer", "directive_type", "purpose", "activity", "grade", "driver", "legal_force")
FAM_COLUMNS = [f"familiarisation_{c}" for c in SUM_COLUMNS]
TOTAL_COLUMNS = [f"total_{c}" for c in SUM_COLUMNS]
APART_COLUMNS = [f"{part}_{c}" for part in ("admin_cost", "bau", "prescribed", "prescribed_bau") for c in SUM_COLUMNS]


def _familiarisation_by_trust(burden: Burden) -> pd.DataFrame:
    fam = burden.familiarisation_by_trust
    return fam.rename(columns={c: f"familiarisation_{c}" for c in SUM_COLUMNS})


def _apart(burden: Burden) -> pd.DataFrame:
    """Return per trust the administrative cost, the business-as-usual share of it, and prescribed practice.

    ``admin_cost_*`` is the whole administrative activity, ``bau_*`` what trusts would do anyway, so the burden
    is ``admin_cost - bau``; ``prescribed_*`` is prescribed practice after its own business-as-usual share
    (``prescribed_bau_*``). Prescribed practice is never part of the burden.
    """
    frame = burden.trusts[["trust"]].copy()
    cost = trust_sums(burden, business_as_usual=False)
    for c in SUM_COLUMNS:
        frame[f"admin_cost_{c}"] = cost[c].to_numpy()
        frame[f"bau_{c}"] = cost[c].to_numpy() - burden.by_trust[c].to_numpy()
    practice = burden.prescribed
    for c in SUM_COLUMNS:
        frame[f"prescribed_{c}"] = 0.0
        frame[f"prescribed_bau_{c}"] = 0.0
    if practice is not None and len(practice.requirements):
        after = trust_sums(practice)
        before = trust_sums(practice, business_as_usual=False)
        for c in SUM_COLUMNS:
            frame[f"prescribed_{c}"] = after[c].to_numpy()
            frame[f"prescribed_bau_{c}"] = before[c].to_numpy() - after[c].to_numpy()
    return frame


def by_trust(burden: Burden) -> pd.DataFrame:
    """Return the burden of each trust with per-offender, per-FTE and share-of-time figures."""
    t = burden.trusts
    out = t[["trust", "region", "caseload", "staff_fte", "budget_gbp"]].copy()
    out = out.merge(burden.by_trust, on="trust", how="left")
    out = out.merge(_familiarisation_by_trust(burden), on="trust", how="left")
    out = out.merge(_apart(burden), on="trust", how="left")
    for c in SUM_COLUMNS:
        out[f"total_{c}"] = out[c] + out[f"familiarisation_{c}"]
    out["hours_per_offender"] = out["hours_central"] / out["caseload"].where(out["caseload"] > 0)
    out["hours_per_staff_fte"] = out["hours_central"] / out["staff_fte"].where(out["staff_fte"] > 0)
    out["share_of_staff_time"] = out["fte_central"] / out["staff_fte"].where(out["staff_fte"] > 0)
    out["cost_share_of_budget"] = out["cost_central"] / out["budget_gbp"].where(out["budget_gbp"] > 0)
    counts = np.bincount(burden.local["col"].to_numpy(), minlength=len(t)) if len(t) else np.zeros(0)
    out["local_measurements"] = counts.astype(int)
    return out


def national(burden: Burden, trusts: pd.DataFrame | None = None) -> dict[str, Any]:
    """Return the national totals (England and Wales) as a flat dict of plain numbers.

    ``trusts`` is :func:`by_trust` of the same burden when the caller already has it (it is summed, not rebuilt).
    """
    trusts = by_trust(burden) if trusts is None else trusts
    result: dict[str, Any] = {
        "requirements": len(burden.requirements),
        "directives": int(burden.requirements["directive"].nunique()),
        "trusts": len(trusts),
        "caseload": float(trusts["caseload"].sum()),
        "staff_fte": float(trusts["staff_fte"].sum()),
    }
    for c in [*SUM_COLUMNS, *FAM_COLUMNS, *TOTAL_COLUMNS, *APART_COLUMNS]:
        result[c] = float(trusts[c].sum())
    result["prescribed_requirements"] = 0 if burden.prescribed is None else len(burden.prescribed.requirements)
    result["counted_elsewhere"] = len(burden.counted_elsewhere)
    result["hours_per_offender"] = result["hours_central"] / result["caseload"] if result["caseload"] else None
    result["hours_per_staff_fte"] = result["hours_central"] / result["staff_fte"] if result["staff_fte"] else None
    result["share_of_staff_time"] = result["fte_central"] / result["staff_fte"] if result["staff_fte"] else None
    result["local_measurements"] = len(burden.local)
    return result


def by_dimension(burden: Burden, dimension: str) -> pd.DataFrame:
    """Return the national burden grouped by one requirement attribute (see :data:`DIMENSIONS`)."""
    if dimension not in DIMENSIONS:
        raise ValueError(f"unknown dimension {dimension!r}; choose from {', '.join(DIMENSIONS)}")
    if dimension == "grade" and len(burden.activities):
        # Requirements made of activities split their hours, FTE and cost by the grade of each activity.
        return _finish(grade_sums(burden), dimension)
    req = burden.requirements
    grouped = req.groupby(dimension, sort=True, dropna=False)
    out = grouped[SUM_COLUMNS].sum()
    out.insert(0, "requirements", grouped.size())
    out = out.reset_index()
    return _finish(out, dimension)


def _finish(out: pd.DataFrame, key: str) -> pd.DataFrame:
    total = out["hours_central"].sum()
    out["share_of_hours"] = out["hours_central"] / total if total > 0 else 0.0
    order = ranked_or_none(out["hours_central"].to_numpy(dtype=float), out[key].tolist())
    if order is None:  # a missing value among tied labels: pandas orders it
        return out.sort_values(["hours_central", key], ascending=[False, True], kind="mergesort").reset_index(drop=True)
    return out.take(order).reset_index(drop=True)


def by_outcome(burden: Burden, shares: pd.DataFrame, rows: np.ndarray | None = None) -> pd.DataFrame:
    """Return the national burden attributed to outcomes by each requirement's outcome shares.

    ``rows`` is, when the caller has it, each share's requirement's row in ``burden.requirements`` (as
    :func:`audit.relevance.outcome_share_rows` of the burden's own requirement ids gives it).
    """
    # What an inner merge on the requirement gives (the shares' order), by one index look-up.
    req = burden.requirements
    if rows is None:
        row_of = dict(zip(req["requirement"].tolist(), range(len(req)), strict=True))
        ids = shares["requirement"].tolist()
        rows = np.fromiter(map(row_of.get, ids, repeat(-1)), dtype=np.intp, count=len(shares))
    at = rows
    found = at >= 0
    joined = shares[found].reset_index(drop=True)
    share = joined["share"].to_numpy()
    for c in SUM_COLUMNS:
        joined[c] = req[c].to_numpy()[at[found]] * share
    grouped = joined.groupby("outcome", sort=True)
    out = grouped[SUM_COLUMNS].sum()
    out.insert(0, "requirements", grouped["requirement"].nunique())
    return _finish(out.reset_index(), "outcome")


def benchmark(trusts: pd.DataFrame, metric: str = "hours_per_offender") -> pd.DataFrame:
    """Return each trust's ``metric`` beside the cross-trust median and quartiles, with its rank."""
    values = trusts[metric].astype(float)
    median = float(values.median()) if len(values) else float("nan")
    q1 = float(values.quantile(0.25)) if len(values) else float("nan")
    q3 = float(values.quantile(0.75)) if len(values) else float("nan")
    out = pd.DataFrame({"trust": trusts["trust"].to_numpy(), "value": values.to_numpy()})
    out["rank"] = out["value"].rank(ascending=False, method="min").astype("Int64")
    quartile = np.select([out["value"] <= q1, out["value"] <= median, out["value"] <= q3], [1, 2, 3], default=4)
    # A trust without the metric (no caseload: hours per offender is no figure) has no rank and no quartile,
    # rather than landing in the heaviest quarter by default.
    out["quartile"] = pd.array(quartile, dtype="Int64")
    out.loc[out["value"].isna(), "quartile"] = pd.NA
    out["median"] = median
    out["q1"] = q1
    out["q3"] = q3
    out["distance_from_median"] = out["value"] - median
    out["distance_pct"] = out["distance_from_median"] / median if median else np.nan
    return out.sort_values(["rank", "trust"], kind="mergesort").reset_index(drop=True)


@dataclass(frozen=True, eq=False)
class Concentration:
    """How concentrated the burden is: the top requirements' share and the Pareto curve."""

    top_n: int
    top_share: float
    pareto: pd.DataFrame


def concentration(burden: Burden, top_n: int = 10) -> Concentration:
    """Return the share of national central hours in the ``top_n`` heaviest requirements, and the Pareto curve."""
    req = burden.requirements[["requirement", "hours_central"]]
    order = ranked_or_none(req["hours_central"].to_numpy(dtype=float), req["requirement"].tolist())
    if order is None:
        ordered = req.sort_values(["hours_central", "requirement"], ascending=[False, True], kind="mergesort")
    else:
        ordered = req.take(order)
    ordered = ordered.reset_index(drop=True)
    total = float(ordered["hours_central"].sum())
    ordered.insert(0, "rank", np.arange(1, len(ordered) + 1))
    ordered["cumulative_hours"] = ordered["hours_central"].cumsum()
    ordered["cumulative_share"] = ordered["cumulative_hours"] / total if total > 0 else 0.0
    ordered["requirement_share"] = ordered["rank"] / max(len(ordered), 1)
    top = float(ordered["hours_central"].head(top_n).sum()) / total if total > 0 else 0.0
    return Concentration(top_n, top, ordered)


def ranges(row: dict[str, Any] | pd.Series, prefix: str = "") -> dict[str, dict[str, float]]:
    """Return ``{measure: {low, central, high}}`` from a flat row (for JSON output)."""
    return {m: {x: float(row[f"{prefix}{m}_{x}"]) for x in LEVELS} for m in MEASURES}
