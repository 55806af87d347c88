"""Stock and flow of requirements: what is in force on a date, what was added and removed each year.

A directive binds trusts from its effective date (else its issue date; undated directives count from
the start) until the first of: its ``ended`` date, or the date its canceller (``cancelled_by``) takes
effect. An expiry date does not end a directive: "A PI remains in force until it is formally cancelled,
even if the document has passed its expiry date" (domain-facts.md §2). A directive whose status says it is
no longer in force but which gives no end date at all is treated as not in force on any date and counted
in ``undated_removals``.

Public API

- :func:`directive_periods(catalogue) -> DataFrame`: columns ``reference, start, end, end_known, status``
  (``start``/``end`` are ``datetime64`` or NaT: NaT start = always, NaT end = still in force).
- :func:`in_force_mask(periods, on) -> ndarray[bool]` and :func:`directives_in_force(catalogue, on) -> list[str]`:
  the one rule of whether a directive binds on a date (its status alone does not say).
- :func:`financial_year(day) -> int` and :func:`financial_year_label(day) -> str` ("2010-11").
- :func:`requirements_in_force(catalogue, on) -> int`.
- :func:`stock_and_flow(catalogue, first_year=None, last_year=None) -> DataFrame`: one row per financial year
  (April-March): ``year`` ("2010-11"), ``stock_start``, ``added``, ``removed``, ``stock_end``,
  ``directives_added``, ``directives_removed``.
- :func:`one_in_two_out(ins_cost, outs_cost, ratio=2.0) -> OneInTwoOut`: outs must be worth at least
  ``ratio`` times the ins.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
import pandas as pd

from catalogue.models import Catalogue
from catalogue.types import DirectiveStatus, parse_partial_date


def _date(value: str | None) -> pd.Timestamp | None:
    return pd.Timestamp(parse_partial_date(value)) if value else None


def directive_periods(catalogue: Catalogue) -> pd.DataFrame:
    """Return when each directive started and stopped binding trusts."""
    # Directives share few distinct dates (a month, a day): each is read once.
    dates: dict[str | None, pd.Timestamp | None] = {}

    def date(value: str | None) -> pd.Timestamp | None:
        if value not in dates:
            dates[value] = _date(value)
        return dates[value]

    starts: dict[str, pd.Timestamp | None] = {}
    for d in catalogue.directives:
        starts[d.reference] = date(d.effective) or date(d.issued)
    rows = []
    for d in catalogue.directives:
        ends = [t for t in (date(d.ended),) if t is not None]
        if d.cancelled_by and starts.get(d.cancelled_by) is not None:
            ends.append(starts[d.cancelled_by])
        end = min(ends) if ends else None
        rows.append(
            {
                "reference": d.reference,
                "start": starts[d.reference],
                "end": end,
                # A status other than "in force" with no date: ended at an unknown time.
                "end_known": end is not None or d.status == DirectiveStatus.IN_FORCE,
                "status": str(d.status),
            }
        )
    frame = pd.DataFrame(rows, columns=["reference", "start", "end", "end_known", "status"])
    frame["start"] = pd.to_datetime(frame["start"])
    frame["end"] = pd.to_datetime(frame["end"])
    frame["end_known"] = frame["end_known"].astype(bool)
    return frame


def in_force_mask(periods: pd.DataFrame, on: dt.date) -> np.ndarray:
    """Return a boolean array: which directives of ``periods`` bind trusts on date ``on``."""
    day = pd.Timestamp(on)
    started = periods["start"].isna() | (periods["start"] <= day)
    not_ended = periods["end"].isna() | (periods["end"] > day)
    return (started & not_ended & periods["end_known"]).to_numpy(dtype=bool)


def directives_in_force(catalogue: Catalogue, on: dt.date) -> list[str]:
    """Return the references of the directives in force on ``on``, sorted."""
    periods = directive_periods(catalogue)
    return sorted(periods.loc[in_force_mask(periods, on), "reference"])


def requirements_in_force(catalogue: Catalogue, on: dt.date) -> int:
    """Return how many requirements are in force on ``on``."""
    live = set(directives_in_force(catalogue, on))
    return sum(1 for r in catalogue.requirements if r.directive in live)


def months_before(day: dt.date, months: int) -> dt.date:
    """Return the date ``months`` calendar months before ``day`` (clamped to the month's last day)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    last = (dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)).day
    return dt.date(year, month, min(day.day, last))


def _fy_start(year: int) -> pd.Timestamp:
    return pd.Timestamp(dt.date(year, 4, 1))


def financial_year(day: dt.date | pd.Timestamp) -> int:
    """Return the calendar year in which the financial year (April to March) holding ``day`` begins.

    >>> financial_year(dt.date(2011, 3, 31)), financial_year(dt.date(2011, 4, 1))
    (2010, 2011)
    """
    return day.year if day.month >= 4 else day.year - 1


def financial_year_label(day: dt.date | pd.Timestamp) -> str:
    """Return the financial year holding ``day`` as people write it.

    >>> financial_year_label(dt.date(2011, 3, 31))
    '2010-11'
    """
    return _label(financial_year(day))


def _label(year: int) -> str:
    return f"{year}-{(year + 1) % 100:02d}"


def stock_and_flow(catalogue: Catalogue, first_year: int | None = None, last_year: int | None = None) -> pd.DataFrame:
    """Return requirements in force at the start and end of each financial year, with additions and removals.

    ``first_year``/``last_year`` are the calendar years in which the financial years begin (2010 = 2010-11);
    by default the span of the catalogue's dates. ``stock_end`` of a year equals ``stock_start + added -
    removed``, and the next year's ``stock_start``.
    """
    periods = directive_periods(catalogue)
    counts = pd.Series(0, index=periods["reference"], dtype="int64")
    per_directive = pd.Series([r.directive for r in catalogue.requirements], dtype="object").value_counts()
    counts = counts.add(per_directive, fill_value=0).reindex(periods["reference"]).fillna(0).astype("int64")
    periods = periods.assign(requirements=counts.to_numpy())
    dated = pd.concat([periods["start"], periods["end"]]).dropna()
    if first_year is None:
        first_year = financial_year(dated.min()) if len(dated) else 2010
    if last_year is None:
        last_year = financial_year(dated.max()) if len(dated) else first_year
    rows = []
    for year in range(first_year, last_year + 1):
        begin, finish = _fy_start(year), _fy_start(year + 1)
        live_begin = in_force_mask(periods, (begin - pd.Timedelta(days=1)).date())
        live_end = in_force_mask(periods, (finish - pd.Timedelta(days=1)).date())
        start, end = periods["start"], periods["end"]
        ever_live = periods["end_known"] & (start.isna() | end.isna() | (end > start))
        added = (ever_live & (start >= begin) & (start < finish)).to_numpy()
        removed = (ever_live & (end >= begin) & (end < finish)).to_numpy()
        added_n = int(periods.loc[added, "requirements"].sum())
        removed_n = int(periods.loc[removed, "requirements"].sum())
        rows.append(
            {
                "year": _label(year),
                "stock_start": int(periods.loc[live_begin, "requirements"].sum()),
                "added": added_n,
                "removed": removed_n,
                "stock_end": int(periods.loc[live_end, "requirements"].sum()),
                "directives_added": int(added.sum()),
                "directives_removed": int(removed.sum()),
            }
        )
    return pd.DataFrame(
        rows,
        columns=["year", "stock_start", "added", "removed", "stock_end", "directives_added", "directives_removed"],
    )


def undated_removals(catalogue: Catalogue) -> list[str]:
    """Return directives marked as no longer in force without any end date (left out of every stock count)."""
    periods = directive_periods(catalogue)
    return sorted(periods.loc[~periods["end_known"], "reference"])


@dataclass(frozen=True)
class OneInTwoOut:
    """The one-in-two-out test: the burden removed ("outs") must be worth ``ratio`` times the burden added."""

    ins_cost: float
    outs_cost: float
    ratio_required: float

    @property
    def ratio(self) -> float:
        """Outs divided by ins (infinite when nothing is added)."""
        return float("inf") if self.ins_cost <= 0 else self.outs_cost / self.ins_cost

    @property
    def passes(self) -> bool:
        return self.outs_cost >= self.ratio_required * self.ins_cost

    def as_dict(self) -> dict[str, float | bool | None]:
        return {
            "ins_cost": self.ins_cost,
            "outs_cost": self.outs_cost,
            "ratio": None if self.ins_cost <= 0 else self.ratio,
            "ratio_required": self.ratio_required,
            "passes": self.passes,
        }


def one_in_two_out(ins_cost: float, outs_cost: float, ratio: float = 2.0) -> OneInTwoOut:
    """Return the one-in-two-out check for a burden added (``ins_cost``) and removed (``outs_cost``)."""
    return OneInTwoOut(float(ins_cost), float(outs_cost), float(ratio))
