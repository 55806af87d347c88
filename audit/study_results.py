"""What a time-recording study measured: per requirement, minutes per occurrence and occurrences a year, each with
its sample size and a 95% interval, beside the national estimate; and accepting them as the trust's own figures.

The estimators (per requirement, over the participants who recorded it):

- **minutes per occurrence** = all minutes recorded / all times done (a ratio of sums, so a participant who did
  it often weighs more than one who did it once); sample size: the participants who did it at least once.
- **times per participant-day** = all times done / all days recorded (a "did not occur" day counts as a day
  with 0); sample size: the participants who recorded it at least one day.
- **occurrences a year** (for the trust) = times per participant-day x the study's working days a year x the
  trust's staff FTE of the study's grades (the requirement's own grade when the study names none); **per driver
  unit** = that / the trust's volume of the requirement's driver (caseload, commencements, ...). FTE, working
  days and volume are held at their stated values.

The interval is a **bootstrap-t over participants** (studentised bootstrap): 2,000 resamples of the participants
with replacement (seed fixed, so the same entries give the same interval); each resample's ratio is studentised
by its linearised standard error ``sqrt(n/(n-1) x sum((num_i - ratio x den_i)^2)) / sum(den_i)``, and the
interval is ``ratio - t(97.5%) x se`` to ``ratio - t(2.5%) x se``, never below 0. Participants, not days, are
resampled because one person's days are alike. It was chosen over the plain percentile bootstrap because that
covered the true mean in only 89% of simulated 12-participant studies (the bootstrap-t: 93%). With fewer than
three participants there is no interval.

>>> ratio_estimate([30.0, 50.0], [3.0, 5.0]).point
10.0
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from sqlite_utils import Database

from audit.access import AccessDenied, Action, User, can
from audit.engine import AuditResult
from audit.plausibility import Concern, check_edits, confirmation_key
from audit.study import Study, StudyProblems, entries, get_study, may_manage, period_text
from catalogue.history import record_change
from catalogue.local_figures import FigureEdit
from catalogue.models import Catalogue, LocalMeasurement
from catalogue.store import save_local_measurement, writing

RESAMPLES = 2000
SEED = 20110502  # fixed: the same entries always give the same interval
LEVEL = 0.95
MIN_FOR_INTERVAL = 3  # fewer participants give no usable interval
MIN_PARTICIPANTS_OUTSIDE_TRUST = 5  # outside its trust, a figure is shown only over at least this many participants
METHOD = (
    "Bootstrap-t over participants: {resamples:,} resamples of the participants with replacement (seed {seed}); "
    "the 95% interval is the ratio less the 97.5th and 2.5th percentiles of the studentised resampled ratio times "
    "its standard error, not below 0; at least 3 participants."
)
MINUTES = "minutes"
COUNT = "occurrences_per_year"
RESULT_COLUMNS = [
    "requirement",
    "text",
    "participants_minutes",
    "occurrences_recorded",
    "minutes_per_occurrence",
    "minutes_low",
    "minutes_high",
    "national_minutes",
    "national_minutes_low",
    "national_minutes_high",
    "participants_days",
    "days_recorded",
    "times_per_day",
    "occurrences_per_year",
    "occurrences_per_year_low",
    "occurrences_per_year_high",
    "national_occurrences_per_year",
    "per_unit",
    "per_unit_low",
    "per_unit_high",
    "national_per_unit",
    "driver",
]


def method_text() -> str:
    """The interval method in one sentence, for pages, reports and provenance."""
    return METHOD.format(resamples=RESAMPLES, seed=SEED)


@dataclass(frozen=True)
class RatioEstimate:
    """A ratio of sums over participants with its sample size and bootstrap interval (None below two)."""

    point: float | None
    low: float | None
    high: float | None
    n: int


def _ratio_se(num: np.ndarray, den: np.ndarray, ratio: np.ndarray) -> np.ndarray:
    """The linearised standard error of a ratio of sums over participants (the last axis)."""
    n = num.shape[-1]
    residual = num - ratio[..., None] * den
    return np.asarray(np.sqrt((residual**2).sum(axis=-1) * n / (n - 1)) / den.sum(axis=-1))


def _all_equal(ratios: np.ndarray) -> np.ndarray:
    """Whether the ratios along the last axis are all equal (to rounding: the spread's zero must not hinge on it)."""
    scale = np.maximum(np.abs(ratios).max(axis=-1), np.finfo(float).tiny)
    return np.asarray(np.ptp(ratios, axis=-1) <= 1e-9 * scale)


def ratio_estimate(
    numerators: Sequence[float], denominators: Sequence[float], *, resamples: int = RESAMPLES, seed: int = SEED
) -> RatioEstimate:
    """Estimate sum(numerators) / sum(denominators), one pair per participant, with a 95% bootstrap-t interval.

    Participants with a denominator of 0 carry no information about the ratio and are left out; below
    :data:`MIN_FOR_INTERVAL` participants there is no interval. The interval never goes below 0.
    """
    num = np.asarray(numerators, dtype=float)
    den = np.asarray(denominators, dtype=float)
    keep = den > 0
    num, den = num[keep], den[keep]
    n = len(den)
    if n == 0:
        return RatioEstimate(None, None, None, 0)
    ratio = num.sum() / den.sum()
    point = float(ratio)
    if n < MIN_FOR_INTERVAL:
        return RatioEstimate(point, None, None, n)
    own = num / den  # each participant's own ratio; the spread is zero exactly when they are all equal
    if _all_equal(own):
        return RatioEstimate(point, point, point, n)
    spread = float(_ratio_se(num, den, np.asarray(ratio)))
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, n, size=(resamples, n))
    num_b, den_b = num[pick], den[pick]
    ratio_b = num_b.sum(axis=1) / den_b.sum(axis=1)
    spread_b = _ratio_se(num_b, den_b, ratio_b)
    usable = ~_all_equal(own[pick]) & (spread_b > 0)  # equal ratios (one participant repeated) have no spread
    t = (ratio_b[usable] - ratio) / spread_b[usable]
    tail = (1 - LEVEL) / 2 * 100
    t_low, t_high = np.percentile(t, [tail, 100 - tail])
    return RatioEstimate(point, max(0.0, float(ratio - t_high * spread)), float(ratio - t_low * spread), n)


def _volume(catalogue: Catalogue, trust: str, driver: str) -> float:
    t = next(t for t in catalogue.trusts if t.name == trust)
    return {
        "per_case": t.caseload.value,
        "per_commencement": t.commencements.value,
        "per_report": t.reports.value,
        "per_staff_fte": t.total_fte,
        "per_trust": 1.0,
    }[driver]


def scaling_fte(catalogue: Catalogue, study: Study, grade: str) -> float:
    """The trust's staff FTE a participant-day's count is scaled by: the study's grades, else the requirement's."""
    t = next(t for t in catalogue.trusts if t.name == study.trust)
    grades = study.grades or (grade,)
    return float(sum(t.staff_fte.get(g, 0.0) for g in grades))


def estimate(study: Study, recorded: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame:
    """Return one row per requirement of ``study`` with the estimates, intervals and the national figures beside.

    ``recorded`` is :func:`audit.study.entries`. Columns: :data:`RESULT_COLUMNS`; a figure without data is NaN.
    """
    requirements = {r.id: r for r in catalogue.requirements}
    rows = []
    for rid in study.requirements:
        req = requirements.get(rid)
        mine = recorded[recorded["requirement"] == rid]
        per = mine.groupby("participant", sort=True).agg(
            times=("occurrences", "sum"), minutes=("minutes", "sum"), days=("day", "nunique")
        )
        minutes = ratio_estimate(per["minutes"].tolist(), per["times"].tolist())
        daily = ratio_estimate(per["times"].tolist(), per["days"].tolist())
        scale = study.working_days_per_year * scaling_fte(catalogue, study, req.grade if req else "")
        driver = str(req.driver) if req else ""
        volume = _volume(catalogue, study.trust, driver) if req else 0.0

        def _scaled(value: float | None, factor: float) -> float:
            return float("nan") if value is None else value * factor

        per_unit = scale / volume if volume else float("nan")
        rows.append(
            {
                "requirement": rid,
                "text": req.text if req else "",
                "participants_minutes": minutes.n,
                "occurrences_recorded": int(per["times"].sum()),
                "minutes_per_occurrence": _scaled(minutes.point, 1.0),
                "minutes_low": _scaled(minutes.low, 1.0),
                "minutes_high": _scaled(minutes.high, 1.0),
                "national_minutes": req.minutes_central if req else float("nan"),
                "national_minutes_low": req.minutes_low if req else float("nan"),
                "national_minutes_high": req.minutes_high if req else float("nan"),
                "participants_days": daily.n,
                "days_recorded": int(per["days"].sum()),
                "times_per_day": _scaled(daily.point, 1.0),
                "occurrences_per_year": _scaled(daily.point, scale),
                "occurrences_per_year_low": _scaled(daily.low, scale),
                "occurrences_per_year_high": _scaled(daily.high, scale),
                "national_occurrences_per_year": req.occurrences_per_unit * volume if req else float("nan"),
                "per_unit": _scaled(daily.point, per_unit),
                "per_unit_low": _scaled(daily.low, per_unit),
                "per_unit_high": _scaled(daily.high, per_unit),
                "national_per_unit": req.occurrences_per_unit if req else float("nan"),
                "driver": driver,
            }
        )
    return pd.DataFrame(rows, columns=RESULT_COLUMNS)


def study_results(db: Database, user: User, study_id: int, catalogue: Catalogue) -> tuple[Study, pd.DataFrame]:
    """Return a study and its results, for the trust's manager only (entries are never shown outside the trust)."""
    study = get_study(db, user, study_id)
    if not may_manage(user, study):
        raise AccessDenied(f"{user.label} may not see this study's results")
    return study, estimate(study, entries(db, user, study.id), catalogue)


def _n(value: float) -> str:
    return f"{value:,.1f}" if abs(value) < 100 else f"{value:,.0f}"


def provenance_text(study: Study, row: pd.Series) -> str:
    """Say where an accepted figure comes from: the study, its participants, period, sample sizes and intervals."""
    participants = len(study.participants)
    parts = [
        f'Local measurement: time study "{study.title}" (study {study.id}), {participants} participants, {study.period}'
    ]
    if not pd.isna(row["minutes_per_occurrence"]):
        interval = (
            f", 95% interval {_n(row['minutes_low'])}-{_n(row['minutes_high'])}"
            if not pd.isna(row["minutes_low"])
            else ""
        )
        parts.append(
            f"{_n(row['minutes_per_occurrence'])} minutes each (n = {int(row['participants_minutes'])}{interval})"
        )
    if not pd.isna(row["occurrences_per_year"]):
        interval = (
            f", 95% interval {_n(row['occurrences_per_year_low'])}-{_n(row['occurrences_per_year_high'])}"
            if not pd.isna(row["occurrences_per_year_low"])
            else ""
        )
        parts.append(f"{_n(row['occurrences_per_year'])} times a year (n = {int(row['participants_days'])}{interval})")
    return "; ".join(parts) + ". " + method_text()


def _bounds(value: float | None, low: float, high: float) -> tuple[float | None, float | None]:
    """The interval a saved figure keeps: rounded as the figure is, and holding it (None without one)."""
    if value is None or pd.isna(low) or pd.isna(high):
        return None, None
    return min(round(float(low), 2), value), max(round(float(high), 2), value)


@dataclass(frozen=True)
class AcceptPlan:
    """What accepting a study's results needs: the figures, the concerns to confirm, and every problem."""

    study: Study
    edits: list[FigureEdit]
    concerns: list[Concern]
    key: str
    problems: list[str]

    @property
    def needs_confirmation(self) -> bool:
        return bool(self.concerns)


def plan_accept(
    db: Database, user: User, study_id: int, result: AuditResult, requirements: Sequence[str] | None = None
) -> AcceptPlan:
    """Say what accepting a study's results for ``requirements`` (default: every one with a figure) would save.

    Each figure goes through the plausibility check of the Trust page: those far from the national figures are
    the plan's ``concerns`` and need a confirmation (``key``) and a comment.
    """
    study, frame = study_results(db, user, study_id, result.catalogue)
    if not can(user, Action.EDIT_LOCAL_DATA, study.trust):
        raise AccessDenied(f"{user.label} may not record {study.trust}'s local measurements")
    wanted = list(requirements) if requirements is not None else list(frame["requirement"])
    frame = frame.set_index("requirement")
    problems = [f"{r} is not one of the study's requirements." for r in wanted if r not in frame.index]
    edits = []
    for rid in (r for r in wanted if r in frame.index):
        row = frame.loc[rid]
        minutes = None if pd.isna(row["minutes_per_occurrence"]) else round(float(row["minutes_per_occurrence"]), 2)
        count = None if pd.isna(row["occurrences_per_year"]) else round(float(row["occurrences_per_year"]), 2)
        if minutes is None and count is None:
            problems.append(f"{rid}: nothing has been recorded for it yet.")
            continue
        edits.append(FigureEdit(rid, minutes, count, provenance_text(study, row)))
    concerns = check_edits(result.burden, study.trust, edits, result.policy)
    return AcceptPlan(study, edits, concerns, confirmation_key(concerns), problems)


def accept_results(
    db: Database,
    user: User,
    study_id: int,
    result: AuditResult,
    requirements: Sequence[str] | None = None,
    *,
    confirmed_key: str | None = None,
    comment: str = "",
    today: dt.date | None = None,
) -> list[str]:
    """Save a study's results as the trust's local measurements, with the study as their provenance.

    All or nothing; returns the requirements saved. Figures far from the national ones are saved only when
    ``confirmed_key`` is the plan's key and ``comment`` says why they are right (StudyProblems otherwise).
    """
    plan = plan_accept(db, user, study_id, result, requirements)
    problems = list(plan.problems)
    if plan.needs_confirmation:
        if confirmed_key != plan.key:
            problems += ["Confirm the figures far from the national ones: " + "; ".join(
                f"{c.requirement}: {c.describe()}" for c in plan.concerns
            ) + "."]  # fmt: skip
        elif not comment.strip():
            problems.append("Say why the figures far from the national ones are right (a comment).")
    if not plan.edits and not problems:
        problems.append("There is nothing to accept yet.")
    if problems:
        raise StudyProblems(problems)
    actor = user.name or user.username
    frame = estimate(plan.study, entries(db, user, plan.study.id), result.catalogue).set_index("requirement")
    flagged = {c.requirement for c in plan.concerns}
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    with writing(db):
        for edit in plan.edits:
            note = f" Confirmed far from the national figure: {comment.strip()}" if edit.requirement in flagged else ""
            row = frame.loc[edit.requirement]
            minutes_low, minutes_high = _bounds(edit.minutes, row["minutes_low"], row["minutes_high"])
            count_low, count_high = _bounds(
                edit.occurrences_per_year, row["occurrences_per_year_low"], row["occurrences_per_year_high"]
            )
            measurement = LocalMeasurement(
                trust=plan.study.trust, requirement=edit.requirement, minutes=edit.minutes,
                occurrences_per_year=edit.occurrences_per_year, comment=edit.comment + note, recorded_by=actor,
                recorded_on=today or dt.date.today(), minutes_low=minutes_low, minutes_high=minutes_high,
                occurrences_per_year_low=count_low, occurrences_per_year_high=count_high,
            )  # fmt: skip
            save_local_measurement(db, measurement, actor=actor)
            for figure, value, low, high, n in (
                (MINUTES, edit.minutes, row["minutes_low"], row["minutes_high"], row["participants_minutes"]),
                (COUNT, edit.occurrences_per_year, row["occurrences_per_year_low"], row["occurrences_per_year_high"],
                 row["participants_days"]),
            ):  # fmt: skip
                if value is None:
                    continue
                db.table("study_acceptances").upsert(
                    {
                        "study": plan.study.id,
                        "requirement": edit.requirement,
                        "figure": figure,
                        "value": value,
                        "low": None if pd.isna(low) else float(low),
                        "high": None if pd.isna(high) else float(high),
                        "sample_size": int(n),
                        "method": method_text(),
                        "accepted_by": actor,
                        "accepted_at": now,
                    },
                    pk=("study", "requirement", "figure"),
                )
        record_change(
            db, actor=actor, entity="study", entity_id=str(plan.study.id), action="update",
            new={"accepted": [e.requirement for e in plan.edits]}, reason="results accepted as local measurements",
        )  # fmt: skip
    return [e.requirement for e in plan.edits]


def accepted_intervals(db: Database, trust: str) -> pd.DataFrame:
    """Return the intervals of a trust's figures accepted from its studies (``requirement, figure, value, low,
    high, sample_size, study, title, period``), the latest acceptance of each figure."""
    rows = list(
        db.query(
            "SELECT a.requirement, a.figure, a.value, a.low, a.high, a.sample_size, a.study, s.title, s.starts, "
            "s.ends, a.accepted_at FROM study_acceptances a JOIN studies s ON s.id = a.study WHERE s.trust = ? "
            "ORDER BY a.accepted_at, a.study",
            [trust],
        )
    )
    columns = ["requirement", "figure", "value", "low", "high", "sample_size", "study", "title", "period"]
    if not rows:
        return pd.DataFrame(columns=columns)
    frame = pd.DataFrame(rows)
    frame["period"] = [
        period_text(dt.date.fromisoformat(a), dt.date.fromisoformat(b))
        for a, b in zip(frame["starts"], frame["ends"], strict=True)
    ]
    frame = frame.drop_duplicates(["requirement", "figure"], keep="last")
    return frame[columns].reset_index(drop=True)


MEASURED_COLUMNS = [
    "requirement",
    "minutes",
    "minutes_low",
    "minutes_high",
    "occurrences_per_year",
    "occurrences_per_year_low",
    "occurrences_per_year_high",
    "source",
]


def measured_in_studies(catalogue: Catalogue, trust: str) -> pd.DataFrame:
    """Return ``trust``'s local measurements that came from a time study, with the study's 95% intervals.

    Columns: :data:`MEASURED_COLUMNS`; ``source`` says where they come from in a line ("Local measurement: time
    study "May 2011" (study 3), 12 participants, 2-13 May 2011"). A figure typed by hand has no interval and is
    not listed; a bound of a figure the study did not give is NaN.
    """
    rows = [
        {
            "requirement": m.requirement,
            "minutes": m.minutes,
            "minutes_low": m.minutes_low,
            "minutes_high": m.minutes_high,
            "occurrences_per_year": m.occurrences_per_year,
            "occurrences_per_year_low": m.occurrences_per_year_low,
            "occurrences_per_year_high": m.occurrences_per_year_high,
            "source": m.comment.split("; ")[0].split(". ")[0],  # the first clause names the study (provenance_text)
        }
        for m in catalogue.local_measurements
        if m.trust == trust and (m.minutes_low is not None or m.occurrences_per_year_low is not None)
    ]
    return pd.DataFrame(rows, columns=MEASURED_COLUMNS).astype(
        {c: float for c in MEASURED_COLUMNS if c not in ("requirement", "source")}
    )
