"""The burden through time: the same catalogue audited at every quarter-end, so the audit date's effect shows.

>>> import datetime as dt
>>> quarter_ends(dt.date(2010, 1, 1), dt.date(2010, 12, 31))
[datetime.date(2010, 3, 31), datetime.date(2010, 6, 30), datetime.date(2010, 9, 30), datetime.date(2010, 12, 31)]
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from audit.burden import Frames, _check_references, _requirement_burden, burden_table, frames, split_in_force
from audit.policy import Policy
from audit.stock import in_force_mask
from catalogue.models import Catalogue

FIRST = dt.date(2005, 3, 31)
LAST = dt.date(2014, 12, 31)
_QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))
HOURS = ("hours_low", "hours_central", "hours_high")


def quarter_ends(first: dt.date = FIRST, last: dt.date = LAST) -> list[dt.date]:
    """Return every quarter-end (31 March, 30 June, 30 September, 31 December) from ``first`` to ``last``."""
    return [
        day
        for year in range(first.year, last.year + 1)
        for month, date in _QUARTER_ENDS
        if first <= (day := dt.date(year, month, date)) <= last
    ]


def burden_through_time(
    catalogue: Catalogue, policy: Policy, first: dt.date = FIRST, last: dt.date = LAST
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """Return (national, by trust, changes) for every quarter-end from ``first`` to ``last``.

    ``national``: ``date, requirements, hours_low, hours_central, hours_high, cost_central``; ``by trust``:
    ``date, trust, hours_central``; ``changes``: ``date, directive, change`` ("in force" or "no longer in force"),
    the directives that came into or went out of force in the quarter to each date, which is what moves the line.
    """
    f = frames(catalogue)
    _check_references(f)
    days = quarter_ends(first, last)
    # A requirement's own burden does not depend on the audit date, only whether it counts on that date does: so
    # every requirement that counts on any of the dates is costed once, and each date sums the ones that count then.
    counting = [_administrative_rows(f, day) for day in days]
    rows = np.unique(np.concatenate([np.zeros(0, dtype=np.intp), *counting]))
    once = _requirement_burden(f, f.requirements.iloc[rows].reset_index(drop=True), policy)
    req = once.requirements
    sums = {column: req[column].to_numpy(dtype=float) for column in (*HOURS, "cost_central")}
    trust_names = once.trusts["trust"].tolist()
    # Each requirement's central hours in each trust (requirements x trusts): a date's trusts are a sum of its rows.
    cells = burden_table(once)["hours_central"].to_numpy(dtype=float).reshape(len(rows), len(trust_names))
    national: list[dict[str, object]] = []
    trusts: list[dict[str, object]] = []
    changes: list[dict[str, object]] = []
    before: set[str] = set()
    for day, counted in zip(days, counting, strict=True):
        keep = np.isin(rows, counted)
        national.append(
            {
                "date": day,
                "requirements": int(keep.sum()),
                **{column: float(values[keep].sum()) for column, values in sums.items()},
            }
        )
        hours = keep.astype(float) @ cells
        trusts.extend(
            {"date": day, "trust": t, "hours_central": float(h)} for t, h in zip(trust_names, hours, strict=True)
        )
        live = set(req.loc[keep, "directive"])
        if national[:-1]:
            changes += [{"date": day, "directive": d, "change": "in force"} for d in sorted(live - before)]
            changes += [{"date": day, "directive": d, "change": "no longer in force"} for d in sorted(before - live)]
        before = live
    return (
        pd.DataFrame(national),
        pd.DataFrame(trusts, columns=["date", "trust", "hours_central"]),
        pd.DataFrame(changes, columns=["date", "directive", "change"]),
    )


def _administrative_rows(f: Frames, day: dt.date) -> np.ndarray:
    """Return the rows of ``f.requirements`` that are the administrative burden on ``day`` (as ``compute_burden``)."""
    live = set(f.directives.loc[in_force_mask(f.directives, day), "reference"])
    in_force = np.flatnonzero(f.requirements["directive"].isin(live).to_numpy())
    elsewhere, practice = split_in_force(f.requirements.iloc[in_force])
    return in_force[~elsewhere & ~practice]
