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

A requirement made of activities (say, written by one grade and signed off by another) takes the pooled figure
as its total, and each activity gets its share of it: the share it has of the requirement's central minutes
before the adoption, applied to the pooled low, central and high alike (so each activity's figures stay in order
and add up to the pooled ones). A time study times the whole requirement each time it is done, not who did
which step, so the split between the activities (and their grades) stays what the catalogue said; each
activity's minutes become ``derived``, with its share and the pooled formula. Activities with no central minutes
give no split to keep, and are refused with what to do.

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
from catalogue.models import MINUTE_LEVELS, Catalogue, Provenance, Requirement
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
class ActivityShare:
    """One activity's part of an adopted figure: its share of the central minutes before, and old -> new."""

    activity: str
    share: float
    old: tuple[float, float, float]
    new: tuple[float, float, float]
    provenance: Provenance

    def describe(self) -> str:
        """Old -> new for the activity, in words."""
        return (
            f"{self.activity} ({self.share:.0%} of the minutes, kept in proportion): {_figure(self.old[1])} "
            f"(low {_figure(self.old[0])}, high {_figure(self.old[2])}) → {_figure(self.new[1])} "
            f"(low {_figure(self.new[0])}, high {_figure(self.new[2])})"
        )


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
    activities: tuple[ActivityShare, ...] = ()  # a requirement made of activities: each one's share of the new

    @property
    def key(self) -> str:
        """A short key for the confirmation: it changes when the requirement or the pooled figure does."""
        basis = f"{self.requirement}|{self.version}|{self.new_low}|{self.new_central}|{self.new_high}"
        basis += "".join(f"|{a.activity}={a.new}" for a in self.activities)
        return hashlib.sha256(basis.encode()).hexdigest()[:8]

    def describe(self) -> str:
        """Old -> new in words, for the confirmation (with each activity's part, when it has activities)."""
        text = (
            f"{self.requirement}: national minutes each {_figure(self.old_central)} (low {_figure(self.old_low)}, "
            f"high {_figure(self.old_high)}) → {_figure(self.new_central)} (low {_figure(self.new_low)}, "
            f"high {_figure(self.new_high)})"
        )
        if self.activities:
            text += "; its activities in proportion: " + "; ".join(a.describe() for a in self.activities)
        return text


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
    provenance = Provenance.derive(formula, location="studies " + ", ".join(str(int(s)) for s in used["study"]))
    return Adoption(
        requirement=requirement,
        old_low=current.minutes_low,
        old_central=current.minutes_central,
        old_high=current.minutes_high,
        old_provenance=current.minutes_provenance.describe(),
        new_low=low,
        new_central=central,
        new_high=high,
        provenance=provenance,
        version=row_version(db, "requirements", id=requirement),
        inputs=inputs,
        activities=_activity_shares(current, (low, central, high), provenance),
    )


def _activity_shares(
    current: Requirement, new: tuple[float, float, float], pooled: Provenance
) -> tuple[ActivityShare, ...]:
    """Share the pooled (low, central, high) out among ``current``'s activities by their central minutes."""
    if not current.activities:
        return ()
    total = math.fsum(a.minutes_central for a in current.activities)
    if total <= 0:
        raise StudyProblems(
            [
                f"{current.id} is made of activities, and none of them has central minutes, so there is no split "
                "to share the measured minutes out by. Give its activities their central minutes first (or "
                "remove the activities), then adopt the pooled figure."
            ]
        )
    out = []
    for step in current.activities:
        share = step.minutes_central / total
        rationale = (
            f"{share:.0%} of the pooled measured minutes of {current.id} (the share of this activity in its central "
            f"minutes before the adoption, {_figure(step.minutes_central)} of {_figure(total)}): a time study "
            f"measures the whole requirement, not each activity. {pooled.rationale}"
        )
        out.append(
            ActivityShare(
                activity=step.id,
                share=share,
                old=(step.minutes_low, step.minutes_central, step.minutes_high),
                new=(new[0] * share, new[1] * share, new[2] * share),
                provenance=Provenance.derive(rationale, location=pooled.location),
            )
        )
    return tuple(out)


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
    shares = {a.activity: a for a in plan.activities}
    steps = [
        step.model_copy(
            update={
                "minutes_low": shares[step.id].new[0],
                "minutes_central": shares[step.id].new[1],
                "minutes_high": shares[step.id].new[2],
                "minutes_provenance": shares[step.id].provenance,
            }
        )
        for step in current.activities
    ]
    new = (plan.new_low, plan.new_central, plan.new_high)
    if steps:  # the total is the sum of the activities' shares (equal to the pooled figure but for rounding)
        new = tuple(math.fsum(getattr(s, level) for s in steps) for level in MINUTE_LEVELS)  # type: ignore[assignment]
    adopted = current.model_copy(
        update={
            "minutes_low": new[0],
            "minutes_central": new[1],
            "minutes_high": new[2],
            "minutes_provenance": plan.provenance,
            "activities": steps,
        }
    )
    adopted = type(current).model_validate(adopted.model_dump())  # the same checks as any requirement
    upsert_requirement(db, adopted, actor=user.name or user.username, reason=reason.strip(),
                       expected_version=plan.version)  # fmt: skip
    return plan
