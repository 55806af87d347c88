"""What the trusts measured, pooled for the association: per requirement, each trust's accepted study figure with
its interval against the national estimate, and one pooled figure by a stated method.

Privacy: a trust's figure is shown outside the trust only when it rests on at least
:data:`audit.study_results.MIN_PARTICIPANTS_OUTSIDE_TRUST` participants; individual entries never leave it.
Only accepted results are pooled (a trust manager has stood behind them).

The pooled figure is a fixed-effect **inverse-variance weighted mean**: each study's standard error is read
from its 95% interval as (high - low) / (2 x 1.96), its weight is 1 / se^2, and the pooled 95% interval is
the mean +/- 1.96 / sqrt(sum of weights). Studies without an interval are not pooled.

An editor may adopt a pooled figure as the national minutes of a requirement (:func:`plan_adoption` says what
would change, old -> new; :func:`adopt_pooled` saves it through the store, which records the history): the
national low, central and high become the pooled interval and figure, with a ``derived`` provenance whose
formula names the method and the studies it rests on (trust, study, participants, period, figure).

>>> pool([(10.0, 8.04, 11.96), (14.0, 12.04, 15.96)])
(12.0, 10.614, 13.386)
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd
from sqlite_utils import Database

from audit.access import AccessDenied, Action, User, can
from audit.study import StudyProblems, period_text
from audit.study_results import MIN_PARTICIPANTS_OUTSIDE_TRUST, MINUTES
from catalogue.models import Catalogue, Provenance
from catalogue.store import get_requirement, row_version, upsert_requirement

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


# --- adopting a pooled figure as the national one ------------------------------------------------------------


def may_adopt(user: User) -> bool:
    """Return whether ``user`` may adopt a pooled figure as national: one who edits the catalogue and sees pools."""
    return can(user, Action.EDIT_CATALOGUE) and may_see_pooled(user)


def _figure(value: float) -> str:
    return f"{value:,.1f}".removesuffix(".0") if abs(value) < 100 else f"{value:,.0f}"


@dataclass(frozen=True)
class Adoption:
    """What adopting the pooled minutes of a requirement as national would change, and what it rests on."""

    requirement: str
    old_low: float
    old_central: float
    old_high: float
    old_provenance: str
    new_low: float
    new_central: float
    new_high: float
    provenance: Provenance
    version: int  # the requirement's stored version the plan was made against
    inputs: tuple[str, ...]  # one line per study pooled

    @property
    def key(self) -> str:
        """A short key for the confirmation: it changes when the requirement or the pooled figure does."""
        basis = f"{self.requirement}|{self.version}|{self.new_low}|{self.new_central}|{self.new_high}"
        return hashlib.sha256(basis.encode()).hexdigest()[:8]

    def describe(self) -> str:
        """Old -> new in words, for the confirmation."""
        return (
            f"{self.requirement}: national minutes each {_figure(self.old_central)} (low {_figure(self.old_low)}, "
            f"high {_figure(self.old_high)}) → {_figure(self.new_central)} (low {_figure(self.new_low)}, "
            f"high {_figure(self.new_high)})"
        )


def _periods(db: Database, study_ids: Sequence[int]) -> dict[int, str]:
    marks = ", ".join("?" for _ in study_ids)
    rows = db.execute(f"SELECT id, starts, ends FROM studies WHERE id IN ({marks})", list(study_ids)).fetchall()
    return {int(i): period_text(dt.date.fromisoformat(a), dt.date.fromisoformat(b)) for i, a, b in rows}


def plan_adoption(db: Database, user: User, catalogue: Catalogue, requirement: str) -> Adoption:
    """Say what adopting the pooled minutes of ``requirement`` as its national figure would change (old -> new)."""
    if not may_adopt(user):
        raise AccessDenied(f"{user.label} may not change the national figures")
    pooled = pooled_minutes(db, user, catalogue).set_index("requirement")
    if requirement not in pooled.index:
        raise StudyProblems(
            [
                f"There is no pooled figure for {requirement}: no trust has accepted a study of it over at least "
                f"{MIN_PARTICIPANTS_OUTSIDE_TRUST} participants with an interval."
            ]
        )
    row = pooled.loc[requirement]
    measured = measured_minutes(db, user, catalogue)
    used = measured[(measured["requirement"] == requirement) & measured["low"].notna() & measured["high"].notna()]
    periods = _periods(db, [int(s) for s in used["study"]])
    inputs = tuple(
        f"{r.trust}, study {int(r.study)} ({int(r.sample_size)} participants, {periods[int(r.study)]}): "
        f"{_figure(r.value)} minutes, 95% interval {_figure(r.low)}-{_figure(r.high)}"
        for r in used.itertuples()
    )
    current = get_requirement(db, requirement)
    low, central, high = max(0.0, float(row["low"])), float(row["pooled"]), float(row["high"])
    formula = (
        f"Pooled from {len(inputs)} time studies of {int(row['trusts'])} trusts, accepted into their local "
        f"measurements. {POOL_METHOD} Inputs: " + "; ".join(inputs) + "."
    )
    return Adoption(
        requirement=requirement,
        old_low=current.minutes_low,
        old_central=current.minutes_central,
        old_high=current.minutes_high,
        old_provenance=current.minutes_provenance.describe(),
        new_low=low,
        new_central=central,
        new_high=high,
        provenance=Provenance.derive(formula, location="studies " + ", ".join(str(int(s)) for s in used["study"])),
        version=row_version(db, "requirements", id=requirement),
        inputs=inputs,
    )


def adopt_pooled(
    db: Database, user: User, catalogue: Catalogue, requirement: str, *, reason: str, confirmed_key: str | None
) -> Adoption:
    """Adopt the pooled minutes of ``requirement`` as its national figure; return what was adopted.

    Saved only when ``confirmed_key`` is the plan's key (the editor saw old -> new) and ``reason`` says why
    (StudyProblems otherwise, nothing saved). The store records the change with its reason in the history, and a
    requirement changed since the plan is refused (StaleWrite).
    """
    plan = plan_adoption(db, user, catalogue, requirement)
    problems = []
    if confirmed_key != plan.key:
        problems.append(
            f"Confirm the change ({plan.describe()}) with the key {plan.key}: the figures shown were not these, "
            "or they changed since."
        )
    if not reason.strip():
        problems.append("Say why the pooled figure should become the national one (a reason).")
    if problems:
        raise StudyProblems(problems)
    current = get_requirement(db, requirement)
    adopted = current.model_copy(
        update={
            "minutes_low": plan.new_low,
            "minutes_central": plan.new_central,
            "minutes_high": plan.new_high,
            "minutes_provenance": plan.provenance,
        }
    )
    type(current).model_validate(adopted.model_dump())  # the same checks as any requirement (ordered minutes)
    upsert_requirement(db, adopted, actor=user.name or user.username, reason=reason.strip(),
                       expected_version=plan.version)  # fmt: skip
    return plan
