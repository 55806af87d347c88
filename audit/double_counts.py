"""Likely double counts: requirements under different directives that seem to ask for the same work, both counted.

A pair is flagged when the two requirements

- belong to different directives and are both counted on some day (on ``on`` when it is given): their directives
  are in force and neither is ``counted_in`` a requirement that is itself counted that day (the engine's rule);
- do the same Standard Cost Model activity for the same population (driver);
- are worded alike: a TF-IDF cosine of at least ``min_similarity`` (:mod:`audit.similarity`), leaving out
  template words, which the requirements of more than ``TEMPLATE_DIRECTIVES`` directives of the same activity and
  population use (each for its own specification, as in "demonstrate compliance with its mandatory actions").

Familiarisation is never a double count: reading one directive is not reading another. An editor resolves a pair by
marking one requirement as counted in the other, with the reason (``counted_in``, ``counted_in_reason``).

Public API

- :func:`likely_double_counts(catalogue, on=None, min_similarity=MIN_SIMILARITY) -> list[Pair]`, most similar first.
- :func:`mark_counted_in(requirement, counted_in, reason) -> Requirement`: the requirement marked as counted in the
  other, with the reason; refuses (:class:`CountedOnceRefused`, in plain words) a missing reason or itself.
- :class:`Pair`: the two requirements, their directives and texts, the activity and driver they share, the
  ``score`` (wording similarity, 0 to 1), when both are counted (``from_date``, ``to_date``) and the ``reason``.

>>> from catalogue.models import Catalogue, Requirement
>>> likely_double_counts(Catalogue())
[]
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np
import pandas as pd

from audit.similarity import similar_pairs, without_template_words
from audit.stock import directive_periods
from catalogue.models import Catalogue, Requirement
from catalogue.types import Activity, label

MIN_SIMILARITY = 0.5  # the same least similarity as the merge proposals (Policy.merge_min_similarity)
TEMPLATE_DIRECTIVES = 3  # a word more directives use within one activity and population is a template word


@dataclass(frozen=True)
class Pair:
    """Two requirements that seem to count the same work twice, with why they were flagged."""

    a: str
    b: str
    directive_a: str
    directive_b: str
    text_a: str
    text_b: str
    activity: str
    driver: str
    score: float  # the wording's similarity, 0 to 1
    from_date: dt.date | None  # the first day both are counted (None: since before any date the catalogue holds)
    to_date: dt.date | None  # the day that stops (None: it has not stopped)
    reason: str

    def as_dict(self) -> dict[str, Any]:
        """The pair as JSON-ready values (dates as ISO strings)."""
        out = asdict(self)
        out["from_date"] = self.from_date.isoformat() if self.from_date else None
        out["to_date"] = self.to_date.isoformat() if self.to_date else None
        return out


def _day(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


def _span(start: dt.date | None, end: dt.date | None) -> str:
    if start is None and end is None:
        return "both counted at every date"
    if end is None:
        return f"both counted from {_day(start)}" if start else "both counted"
    if start is None:
        return f"both counted until {_day(end)}"
    return f"both counted from {_day(start)} to {_day(end)}"


def _counted(catalogue: Catalogue, days: list[dt.date]) -> np.ndarray:
    """Return which requirements are counted on each day (days x requirements), by the engine's rule.

    A requirement is counted while its directive is in force (:func:`audit.stock.in_force_mask`, here for every
    day at once), unless it is counted in a requirement that is in force that day and not itself counted elsewhere.
    """
    periods = directive_periods(catalogue)
    day = np.array([np.datetime64(d, "ns") for d in days])[:, None]
    start = periods["start"].to_numpy(dtype="datetime64[ns]")[None, :]
    end = periods["end"].to_numpy(dtype="datetime64[ns]")[None, :]
    started = np.isnat(start) | (start <= day)
    not_ended = np.isnat(end) | (end > day)
    live = started & not_ended & periods["end_known"].to_numpy(dtype=bool)[None, :]  # days x directives
    of_directive = pd.Index(periods["reference"]).get_indexer([r.directive for r in catalogue.requirements])
    in_force = np.where(of_directive >= 0, live[:, np.maximum(of_directive, 0)], False)  # days x requirements
    target = pd.Index([r.id for r in catalogue.requirements]).get_indexer(
        [r.counted_in or "" for r in catalogue.requirements]
    )
    has_target = np.array([r.counted_in is not None for r in catalogue.requirements], dtype=bool)
    costed_target = in_force & ~has_target  # requirements others may be counted in
    elsewhere = has_target & (target >= 0) & costed_target[:, np.maximum(target, 0)]
    return in_force & ~elsewhere


def _change_days(catalogue: Catalogue) -> list[dt.date]:
    """Return the days on which what is in force can change, with a day before them all."""
    periods = directive_periods(catalogue)
    stamps = pd.concat([periods["start"], periods["end"]]).dropna().unique()
    days = sorted({pd.Timestamp(s).date() for s in stamps})
    before = days[0] - dt.timedelta(days=1) if days else dt.date(2000, 1, 1)
    return [before, *days]


def likely_double_counts(
    catalogue: Catalogue, on: dt.date | None = None, min_similarity: float = MIN_SIMILARITY
) -> list[Pair]:
    """Return the pairs of requirements that seem to count the same work twice (see the module text)."""
    reqs = [r for r in catalogue.requirements if r.activity != Activity.FAMILIARISATION]
    if len(reqs) < 2:
        return []
    blocks = [f"{r.activity}|{r.driver}" for r in reqs]
    groups = [r.directive for r in reqs]
    texts = without_template_words([r.text for r in reqs], blocks, groups, TEMPLATE_DIRECTIVES)
    found = similar_pairs([r.id for r in reqs], texts, blocks, groups, min_similarity=min_similarity)
    if found.empty:
        return []
    days = _change_days(catalogue)
    counted = _counted(catalogue, days)
    position = {r.id: i for i, r in enumerate(catalogue.requirements)}
    by_id = {r.id: r for r in reqs}
    wanted = _counted(catalogue, [on])[0] if on is not None else None
    pairs = []
    for a, b, score in zip(found["a"], found["b"], found["similarity"], strict=True):
        both = counted[:, position[a]] & counted[:, position[b]]
        if wanted is not None and not (wanted[position[a]] and wanted[position[b]]):
            continue
        if not both.any():
            continue
        # The span both are counted in: the one holding ``on``, else the first.
        first = int(np.flatnonzero(both)[0])
        if on is not None:
            first = max(i for i, day in enumerate(days) if day <= on)
        start = first
        while start > 0 and both[start - 1]:
            start -= 1
        stop = first
        while stop + 1 < len(days) and both[stop + 1]:
            stop += 1
        from_date = None if start == 0 else days[start]
        to_date = days[stop + 1] if stop + 1 < len(days) else None
        ra, rb = by_id[a], by_id[b]
        reason = (
            f"wording {score:.0%} similar, the same activity ({label(ra.activity)}) for the same population "
            f"({label(ra.driver)}), under {ra.directive} and {rb.directive}, {_span(from_date, to_date)}"
        )
        pairs.append(
            Pair(
                a=a,
                b=b,
                directive_a=ra.directive,
                directive_b=rb.directive,
                text_a=ra.text,
                text_b=rb.text,
                activity=str(ra.activity),
                driver=str(ra.driver),
                score=round(float(score), 4),
                from_date=from_date,
                to_date=to_date,
                reason=reason,
            )
        )
    return pairs


class CountedOnceRefused(ValueError):
    """A requirement cannot be marked as counted in another as asked; the message says what to do instead."""


def mark_counted_in(requirement: Requirement, counted_in: str, reason: str) -> Requirement:
    """Return ``requirement`` marked as counted in ``counted_in`` with ``reason`` (save it to keep the change)."""
    reason = " ".join(str(reason or "").split())
    if not reason:
        raise CountedOnceRefused(f"Say why {requirement.id}'s work is counted in {counted_in}: the reason is kept.")
    if counted_in.casefold() == requirement.id.casefold():
        raise CountedOnceRefused(f"{requirement.id} cannot be counted in itself: choose the other requirement.")
    data = {**requirement.model_dump(), "counted_in": counted_in, "counted_in_reason": reason}
    return Requirement.model_validate(data)
