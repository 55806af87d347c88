"""What the trusts measured, pooled for the association: per requirement, each trust's accepted study figure with
its interval against the national estimate, and one pooled figure by a stated method.

Privacy: a trust's figure is shown outside the trust only when it rests on at least
:data:`audit.study_results.MIN_PARTICIPANTS_OUTSIDE_TRUST` participants; individual entries never leave it.
Only accepted results are pooled (a trust manager has stood behind them).

The pooled figure is a fixed-effect **inverse-variance weighted mean**: each study's standard error is read
from its 95% interval as (high - low) / (2 x 1.96), its weight is 1 / se^2, and the pooled 95% interval is
the mean +/- 1.96 / sqrt(sum of weights). Studies without an interval are not pooled.

>>> pool([(10.0, 8.04, 11.96), (14.0, 12.04, 15.96)])
(12.0, 10.614, 13.386)
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd
from sqlite_utils import Database

from audit.access import AccessDenied, Action, User, can
from audit.study_results import MIN_PARTICIPANTS_OUTSIDE_TRUST, MINUTES
from catalogue.models import Catalogue

Z = 1.959964
POOL_METHOD = (
    "Inverse-variance weighted mean of the trusts' accepted study figures (fixed effect): each standard error read "
    "from its 95% interval as (high - low) / 3.92; pooled 95% interval the mean +/- 1.96 / sqrt(sum of weights); "
    f"only figures over at least {MIN_PARTICIPANTS_OUTSIDE_TRUST} participants."
)
COLUMNS = ["requirement", "trust", "study", "value", "low", "high", "sample_size", "national"]


def pool(figures: Sequence[tuple[float, float, float]]) -> tuple[float, float, float] | None:
    """Pool (value, low, high) figures by inverse variance; None when none has an interval of positive width."""
    usable = [(v, (hi - lo) / (2 * Z)) for v, lo, hi in figures if hi > lo]
    if not usable:
        return None
    weights = [1 / se**2 for _, se in usable]
    mean = sum(w * v for w, (v, _) in zip(weights, usable, strict=True)) / sum(weights)
    half = Z / math.sqrt(sum(weights))
    return (round(mean, 3), round(mean - half, 3), round(mean + half, 3))


def may_see_pooled(user: User) -> bool:
    """Return whether ``user`` sees every trust's measured figures (the association and the centre, not trusts)."""
    return can(user, Action.READ_POOLED_STUDIES)


def measured_minutes(db: Database, user: User, catalogue: Catalogue) -> pd.DataFrame:
    """Return every trust's accepted minutes per occurrence over enough participants (:data:`COLUMNS`)."""
    if not may_see_pooled(user):
        raise AccessDenied(f"{user.label} may not see other trusts' measurements")
    rows = list(
        db.query(
            "SELECT a.requirement, s.trust, a.study, a.value, a.low, a.high, a.sample_size FROM study_acceptances a "
            "JOIN studies s ON s.id = a.study WHERE a.figure = ? AND a.sample_size >= ? ORDER BY a.requirement, "
            "s.trust, a.study",
            [MINUTES, MIN_PARTICIPANTS_OUTSIDE_TRUST],
        )
    )
    if not rows:
        return pd.DataFrame(columns=COLUMNS)
    frame = pd.DataFrame(rows)
    national = {r.id: r.minutes_central for r in catalogue.requirements}
    frame["national"] = frame["requirement"].map(national)
    return frame[COLUMNS]


def pooled_minutes(db: Database, user: User, catalogue: Catalogue) -> pd.DataFrame:
    """Return per requirement the pooled minutes with its interval, the trusts pooled and the national estimate."""
    frame = measured_minutes(db, user, catalogue)
    out = []
    for requirement, group in frame.groupby("requirement", sort=True):
        figures = [
            (float(v), float(lo), float(hi))
            for v, lo, hi in zip(group["value"], group["low"], group["high"], strict=True)
            if not (pd.isna(lo) or pd.isna(hi))
        ]
        pooled = pool(figures)
        if pooled is None:
            continue
        out.append(
            {
                "requirement": requirement,
                "pooled": pooled[0],
                "low": pooled[1],
                "high": pooled[2],
                "trusts": int(group["trust"].nunique()),
                "studies": ", ".join(str(s) for s in group["study"]),
                "national": float(group["national"].iloc[0]),
            }
        )
    return pd.DataFrame(out, columns=["requirement", "pooled", "low", "high", "trusts", "studies", "national"])
