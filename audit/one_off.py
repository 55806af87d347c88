"""One-off costs of requirements, and the equal yearly amount they are worth.

A requirement may carry one-off work (``one_off_minutes``) and one-off purchases (``one_off_out_of_pocket_gbp``)
per unit of its driver, falling when its directive takes effect. They are not part of the recurring burden:
the audit gives their total for directives that took effect in the ``one_off_years`` up to the audit date, and
the equal yearly amount (annualised value) by the policy's method:

- ``annuity``: total x r / (1 - (1 + r) ** -n) at discount rate r over n years (the Canadian regulations' method:
  7% over 10 years gives a factor of 0.142378);
- ``spread``: total / n (the Australian framework averages one-off costs over 10 years).

The business-as-usual share is taken off by the same rule as the recurring cost: the burden is the cost x
(1 - the requirement's share), and in a trust that set its own share, that trust's part of the units is netted
by the trust's share instead. (The automatic familiarisation cost is not a requirement's work and has no share.)

>>> round(annualisation_factor("annuity", 10, 0.07), 6)
0.142378
>>> annualisation_factor("spread", 10, 0.07)
0.1
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from audit.burden import Burden
from audit.policy import Policy


def annualisation_factor(method: str, years: int, rate: float) -> float:
    """Return the share of a one-off cost that is its equal yearly amount over ``years`` (see the module text)."""
    if years < 1:
        raise ValueError("a one-off cost is spread over at least one year")
    if method == "spread" or rate == 0:
        return 1.0 / years
    if method == "annuity":
        return rate / (1.0 - (1.0 + rate) ** -years)
    raise ValueError(f"unknown annualisation method {method!r}; use 'annuity' or 'spread'")


def present_value(annual: float, years: int, rate: float) -> float:
    """Return the present value of ``annual`` a year for ``years`` years, paid at each year's end, at ``rate``.

    >>> round(present_value(1.0, 10, 0.07), 4)
    7.0236
    """
    if rate == 0:
        return annual * years
    return annual * (1.0 - (1.0 + rate) ** -years) / rate


def one_off_costs(burden: Burden, policy: Policy) -> pd.DataFrame:
    """Return per requirement with one-off costs: ``requirement, directive, units, hours, fte, cost,
    annualised_cost`` (national), for directives that took effect in the ``one_off_years`` to the audit date."""
    req = burden.requirements
    columns = ["requirement", "directive", "units", "hours", "fte", "cost", "annualised_cost"]
    if not len(req) or "one_off_minutes" not in req:
        return pd.DataFrame(columns=columns)
    has = (req["one_off_minutes"].to_numpy() > 0) | (req["one_off_out_of_pocket_gbp"].to_numpy() > 0)
    since = pd.Timestamp(policy.audit_date) - pd.DateOffset(years=policy.one_off_years)
    start = pd.to_datetime(req["directive_start"])
    recent = (start > since).fillna(False).to_numpy()
    chosen = req.loc[has & recent]
    if chosen.empty:
        return pd.DataFrame(columns=columns)
    # Every body's units of the requirement's driver (built in or defined as data): the national volume.
    units = chosen["volume"].to_numpy(dtype=float)
    kept = _units_net_of_business_as_usual(burden, np.flatnonzero(has & recent), units)
    hours = kept * chosen["one_off_minutes"].to_numpy(dtype=float) / 60.0
    cost = hours * chosen["cost_per_hour"].to_numpy(dtype=float) + kept * chosen["one_off_out_of_pocket_gbp"].to_numpy(
        dtype=float
    )
    factor = annualisation_factor(policy.one_off_method, policy.one_off_years, policy.discount_rate)
    return pd.DataFrame(
        {
            "requirement": chosen["requirement"].to_numpy(),
            "directive": chosen["directive"].to_numpy(),
            "units": units,
            "hours": hours,
            "fte": hours / chosen["productive_hours"].to_numpy(dtype=float),
            "cost": cost,
            "annualised_cost": cost * factor,
        }
    ).sort_values(["cost", "requirement"], ascending=[False, True], kind="mergesort", ignore_index=True)


def _units_net_of_business_as_usual(burden: Burden, rows: np.ndarray, units: np.ndarray) -> np.ndarray:
    """The units of each requirement in ``rows`` whose one-off work is burden: x (1 - share), trust by trust.

    Nationally the requirement's share applies; a trust's own share replaces it for that trust's units.
    """
    req = burden.requirements
    share = req["bau_share"].to_numpy(dtype=float)[rows]
    kept = units * (1.0 - share)
    local = burden.local
    if "bau_share" not in local or not len(local):
        return kept
    own = local[local["bau_share"].notna() & local["row"].isin(rows)]
    if own.empty:
        return kept
    driver_index = {key: i for i, key in enumerate(burden.driver_keys)}
    at = pd.Index(rows).get_indexer(own["row"])
    drivers = req["driver"].map(driver_index).to_numpy()[own["row"].to_numpy()]
    trust_units = burden.volumes[drivers.astype(int), own["col"].to_numpy()]
    change = trust_units * (share[at] - own["bau_share"].to_numpy(dtype=float))
    np.add.at(kept, at, change)
    return kept


def one_off_totals(frame: pd.DataFrame) -> dict[str, float]:
    """Return the national one-off ``hours, fte, cost`` and ``annualised_cost`` of :func:`one_off_costs`."""
    return {k: float(np.nansum(frame[k].to_numpy(dtype=float))) for k in ("hours", "fte", "cost", "annualised_cost")}
