"""The burden through time: the same catalogue audited at every quarter-end, so the audit date's effect shows.

>>> import datetime as dt
>>> quarter_ends(dt.date(2010, 1, 1), dt.date(2010, 12, 31))
[datetime.date(2010, 3, 31), datetime.date(2010, 6, 30), datetime.date(2010, 9, 30), datetime.date(2010, 12, 31)]
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from audit.burden import compute_burden, frames
from audit.policy import Policy
from catalogue.models import Catalogue

FIRST = dt.date(2005, 3, 31)
LAST = dt.date(2014, 12, 31)
_QUARTER_ENDS = ((3, 31), (6, 30), (9, 30), (12, 31))


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
    national: list[dict[str, object]] = []
    trusts: list[dict[str, object]] = []
    changes: list[dict[str, object]] = []
    before: set[str] = set()
    for day in quarter_ends(first, last):
        burden = compute_burden(catalogue, policy.model_copy(update={"audit_date": day}), f)
        req = burden.requirements
        national.append(
            {
                "date": day,
                "requirements": len(req),
                **{f"hours_{x}": float(req[f"hours_{x}"].sum()) for x in ("low", "central", "high")},
                "cost_central": float(req["cost_central"].sum()),
            }
        )
        trusts.extend(
            {"date": day, "trust": t, "hours_central": h}
            for t, h in burden.by_trust[["trust", "hours_central"]].itertuples(index=False)
        )
        live = set(req["directive"])
        if national[:-1]:
            changes += [{"date": day, "directive": d, "change": "in force"} for d in sorted(live - before)]
            changes += [{"date": day, "directive": d, "change": "no longer in force"} for d in sorted(before - live)]
        before = live
    return (
        pd.DataFrame(national),
        pd.DataFrame(trusts, columns=["date", "trust", "hours_central"]),
        pd.DataFrame(changes, columns=["date", "directive", "change"]),
    )
