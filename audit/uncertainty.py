"""Uncertainty of the burden: a Monte Carlo interval, a tornado of the inputs that move it, and what to measure first.

The low / central / high figures of a requirement's minutes are read as a triangular distribution (low and high
the ends, central the mode). Each draw takes one value of every requirement's national minutes at once, the same
in every trust (it is one national estimate), independently between requirements; a trust's own measured minutes
are not drawn. The recurring hours, FTE and cost of each draw are then exact sums, so the interval is a
statement a reader can use: in 90 of 100 draws the national burden fell between ``p05`` and ``p95``.

Summing every low and every high (``hours_low``, ``hours_high``) gives the widest possible range, which assumes
every estimate errs the same way at once; the interval here is much narrower and is the one to quote.

Public API

- :func:`simulate(burden, draws=DRAWS, seed=SEED) -> Uncertainty`: national and per-trust ``p05, p50, p95`` of
  ``hours``, ``fte`` and ``cost``.
- :func:`sensitivity(burden, top=10) -> DataFrame`: the tornado: ``requirement, text, is_estimate,
  hours_at_low, hours_at_high, swing_hours, swing_cost`` for the inputs whose range moves the national hours most.
- :func:`measure_first(burden, trust=None, top=None) -> DataFrame`: requirements resting on an estimate, the one
  whose uncertainty costs the most first: ``requirement, text, sd_cost, share_of_variance``.
- :func:`measure_first_by_trust(burden, top=10) -> dict[str, list[str]]`: the same list's ids for every trust at once.
- :func:`saving_interval(burden, requirement, cut, draws=DRAWS, seed=SEED) -> dict`: ``p05, p50, p95`` of the
  ``hours``, ``fte`` and ``cost`` a year that cutting ``cut`` (0 to 1) of one requirement's recurring burden saves,
  from draws of that requirement's minutes read the same way.

>>> round(float(triangular_variance(0.0, 1.0, 2.0)), 4)
0.1667
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from audit.burden import Burden

DRAWS = 1000
SEED = 20110331  # fixed, so the same data give the same interval every time
QUANTILES = (("p05", 5.0), ("p50", 50.0), ("p95", 95.0))
MEASURES = ("hours", "fte", "cost")
METHOD = (
    "Monte Carlo, {draws} draws (seed {seed}): each requirement's national minutes drawn from a triangular "
    "distribution on its low, central and high figures, independently between requirements and the same in every "
    "trust; trusts' own measured minutes are not drawn. Frequencies, volumes, pay and overheads are held at their "
    "stated values. The interval is the 5th to 95th percentile of the draws."
)


@dataclass(frozen=True, eq=False)
class Uncertainty:
    """The Monte Carlo result: national and per-trust quantiles of the recurring burden."""

    draws: int
    seed: int
    national: dict[str, dict[str, float]]  # measure -> {"p05", "p50", "p95"}
    by_trust: pd.DataFrame  # trust, {measure}_{p05|p50|p95}

    @property
    def method(self) -> str:
        """The method in one paragraph, for the reports and the JSON."""
        return METHOD.format(draws=self.draws, seed=self.seed)


def triangular_variance(low: float | np.ndarray, mode: float | np.ndarray, high: float | np.ndarray) -> np.ndarray:
    """Return the variance of a triangular distribution on ``low <= mode <= high`` (0 when the range is empty)."""
    a, c, b = (np.asarray(v, dtype=float) for v in (low, mode, high))
    return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0


def _triangular(u: np.ndarray, low: np.ndarray, mode: np.ndarray, high: np.ndarray) -> np.ndarray:
    """Return the triangular quantiles of uniform draws ``u`` (D x R), by the inverse distribution function."""
    width = high - low
    with np.errstate(divide="ignore", invalid="ignore"):
        split = np.where(width > 0, (mode - low) / width, 0.0)
        left = low + np.sqrt(u * width * (mode - low))
        right = high - np.sqrt((1.0 - u) * width * (high - mode))
    out = np.where(u < split, left, right)
    return np.where(width > 0, out, mode)  # a point estimate stays a point


def _cell_weights(b: Burden) -> np.ndarray:
    """Return the hours each requirement x trust cell takes per national minute (R x T).

    A cell whose trust measured its own minutes does not depend on the national minutes: its weight is 0, and its
    hours are a constant of that trust (:func:`_fixed_by_measure`).
    """
    k = (1.0 - b.requirements["bau_share"].to_numpy(dtype=float)) / 60.0
    weights = b.occurrences * k[:, None]
    measured = b.local[b.local["minutes"].notna()]
    if len(measured):
        weights = weights.copy()
        weights[measured["row"].to_numpy(), measured["col"].to_numpy()] = 0.0
    return weights


def _fixed_by_measure(b: Burden) -> dict[str, np.ndarray]:
    """Return each trust's hours, FTE and cost that do not depend on the national minutes (not drawn).

    That is the work on a trust's own measured minutes, and every out-of-pocket cost.
    """
    req = b.requirements
    measured = b.local[b.local["minutes"].notna()]
    out = {m: np.zeros(len(b.trusts)) for m in MEASURES}
    if len(req) and "out_of_pocket_gbp" in req:
        per_occurrence = req["out_of_pocket_gbp"].to_numpy(dtype=float) * (1.0 - req["bau_share"].to_numpy(dtype=float))
        out["cost"] = out["cost"] + per_occurrence @ b.occurrences
    if not len(measured):
        return out
    rows = measured["row"].to_numpy()
    cols = measured["col"].to_numpy()
    k = (1.0 - req["bau_share"].to_numpy(dtype=float)[rows]) / 60.0
    hours = b.occurrences[rows, cols] * k * measured["minutes"].to_numpy()
    factor = {
        "hours": np.ones(len(rows)),
        "fte": 1.0 / req["productive_hours"].to_numpy(dtype=float)[rows],
        "cost": req["cost_per_hour"].to_numpy(dtype=float)[rows],
    }
    for m in MEASURES:
        out[m] = out[m] + np.bincount(cols, weights=hours * factor[m], minlength=len(b.trusts)).astype(float)
    return out


def _quantiles(values: np.ndarray) -> np.ndarray:
    """Return the 5th, 50th and 95th percentiles of draws along axis 0."""
    if values.shape[0] == 0:
        return np.zeros((3, *values.shape[1:]))
    return np.percentile(values, [q for _, q in QUANTILES], axis=0)


def simulate(b: Burden, draws: int = DRAWS, seed: int = SEED) -> Uncertainty:
    """Return the Monte Carlo quantiles of the recurring national and per-trust burden (see the module text)."""
    if draws < 1:
        raise ValueError("the Monte Carlo needs at least one draw")
    req = b.requirements
    trusts = b.trusts["trust"].to_numpy()
    low, mode, high = (req[f"minutes_{x}"].to_numpy(dtype=float) for x in ("low", "central", "high"))
    weights = _cell_weights(b)
    fixed = _fixed_by_measure(b)
    factor = {
        "hours": np.ones(len(req)),
        "fte": 1.0 / req["productive_hours"].to_numpy(dtype=float) if len(req) else np.zeros(0),
        "cost": req["cost_per_hour"].to_numpy(dtype=float) if len(req) else np.zeros(0),
    }
    rng = np.random.default_rng(seed)
    minutes = _triangular(rng.random((draws, len(req))), low, mode, high)  # D x R
    national: dict[str, dict[str, float]] = {}
    columns: dict[str, np.ndarray] = {"trust": trusts}
    for m in MEASURES:
        per_cell = weights * factor[m][:, None] if len(req) else np.zeros((0, len(trusts)))
        trust_draws = minutes @ per_cell + fixed[m][None, :] if len(req) else np.tile(fixed[m], (draws, 1))
        national_draws = trust_draws.sum(axis=1)
        nq = _quantiles(national_draws)
        national[m] = {name: float(nq[i]) for i, (name, _) in enumerate(QUANTILES)}
        tq = _quantiles(trust_draws)
        for i, (name, _) in enumerate(QUANTILES):
            columns[f"{m}_{name}"] = tq[i]
    return Uncertainty(draws=draws, seed=seed, national=national, by_trust=pd.DataFrame(columns))


def sensitivity(b: Burden, top: int = 10) -> pd.DataFrame:
    """Return the tornado: national hours with each requirement's minutes at its low and at its high figure.

    Every other input stays central, so ``swing_hours`` is what that one estimate alone can move the headline by.
    """
    req = b.requirements
    weights = _cell_weights(b)
    per_minute = weights.sum(axis=1) if len(req) else np.zeros(0)
    central = float(req["hours_central"].sum()) if len(req) else 0.0
    low = req["minutes_low"].to_numpy(dtype=float)
    mid = req["minutes_central"].to_numpy(dtype=float)
    high = req["minutes_high"].to_numpy(dtype=float)
    frame = pd.DataFrame(
        {
            "requirement": req["requirement"].to_numpy(),
            "text": req["text"].to_numpy(),
            "is_estimate": req["is_estimate"].to_numpy(dtype=bool),
            "hours_at_low": central + per_minute * (low - mid),
            "hours_at_high": central + per_minute * (high - mid),
            "swing_hours": per_minute * (high - low),
            "swing_cost": per_minute * (high - low) * req["cost_per_hour"].to_numpy(dtype=float),
        }
    )
    frame = frame[frame["swing_hours"] > 0]
    return frame.sort_values(["swing_hours", "requirement"], ascending=[False, True], kind="mergesort").head(top)


def measure_first(b: Burden, trust: str | None = None, top: int | None = None) -> pd.DataFrame:
    """Return the requirements resting on an estimate whose uncertainty costs the most (nationally or in ``trust``).

    The ranking is each requirement's share of the variance of the cost, under the same triangular reading as
    :func:`simulate`: measuring the first few removes most of the uncertainty of the headline.
    """
    req = b.requirements
    weights = _cell_weights(b)
    if trust is None:
        per_minute = weights.sum(axis=1) if len(req) else np.zeros(0)
    else:
        col = pd.Index(b.trusts["trust"]).get_indexer([trust])[0]
        if col < 0:
            raise KeyError(trust)
        per_minute = weights[:, col] if len(req) else np.zeros(0)
    var_minutes = triangular_variance(req["minutes_low"], req["minutes_central"], req["minutes_high"])
    sd_cost = np.sqrt(var_minutes) * per_minute * req["cost_per_hour"].to_numpy(dtype=float)
    variance = sd_cost**2
    total = float(variance.sum())
    frame = pd.DataFrame(
        {
            "requirement": req["requirement"].to_numpy(),
            "text": req["text"].to_numpy(),
            "sd_cost": sd_cost,
            "share_of_variance": variance / total if total > 0 else np.zeros(len(req)),
        }
    )
    frame = frame[req["is_estimate"].to_numpy(dtype=bool) & (frame["sd_cost"].to_numpy() > 0)]
    frame = frame.sort_values(["sd_cost", "requirement"], ascending=[False, True], kind="mergesort")
    return frame.head(top) if top is not None else frame.reset_index(drop=True)


def measure_first_by_trust(b: Burden, top: int = 10) -> dict[str, list[str]]:
    """Return, for every trust, the ids of the ``top`` estimated requirements whose uncertainty costs it the most."""
    req = b.requirements
    trusts = list(b.trusts["trust"])
    if not len(req):
        return {t: [] for t in trusts}
    sd_minutes = np.sqrt(triangular_variance(req["minutes_low"], req["minutes_central"], req["minutes_high"]))
    per_unit = sd_minutes * req["cost_per_hour"].to_numpy(dtype=float) * req["is_estimate"].to_numpy(dtype=float)
    sd_cost = _cell_weights(b) * per_unit[:, None]  # R x T
    ids = req["requirement"].to_numpy()
    # Sort by cost uncertainty (largest first), then id, within each trust's column.
    order = np.lexsort((np.broadcast_to(ids[:, None], sd_cost.shape), -sd_cost), axis=0)
    out: dict[str, list[str]] = {}
    for col, name in enumerate(trusts):
        ranked = order[:, col]
        ranked = ranked[sd_cost[ranked, col] > 0][:top]
        out[name] = [str(i) for i in ids[ranked]]
    return out


def saving_interval(
    b: Burden, requirement: str, cut: float, draws: int = DRAWS, seed: int = SEED
) -> dict[str, dict[str, float]]:
    """Return the 5th, 50th and 95th percentiles of what a proposal cutting ``cut`` of one requirement saves a year.

    The requirement's national minutes are drawn as in :func:`simulate` (triangular on low, central, high;
    ``seed`` fixed, so the same data give the same interval); trusts' own measured minutes and out-of-pocket
    costs are not drawn. A saving is ``cut`` x the requirement's recurring hours, FTE or cost in that draw.
    """
    if draws < 1:
        raise ValueError("the Monte Carlo needs at least one draw")
    req = b.requirements
    found = np.flatnonzero(req["requirement"].to_numpy() == requirement)
    if not len(found):
        raise KeyError(requirement)
    r = int(found[0])
    row = req.iloc[r]
    k = (1.0 - float(row["bau_share"])) / 60.0
    occurrences = b.occurrences[r].astype(float)
    measured = b.local[(b.local["row"] == r) & b.local["minutes"].notna()]
    national = occurrences.copy()
    national[measured["col"].to_numpy()] = 0.0  # cells on a trust's own minutes do not move with the draws
    per_minute = float(national.sum()) * k  # hours per national minute
    fixed_hours = float((occurrences[measured["col"].to_numpy()] * measured["minutes"].to_numpy()).sum()) * k
    out_of_pocket = float(row.get("out_of_pocket_gbp", 0.0) or 0.0) * (1.0 - float(row["bau_share"]))
    rng = np.random.default_rng(seed)
    low, mode, high = (np.array([float(row[f"minutes_{x}"])]) for x in ("low", "central", "high"))
    minutes = _triangular(rng.random((draws, 1)), low, mode, high)[:, 0]
    hours = minutes * per_minute + fixed_hours
    values = {
        "hours": hours,
        "fte": hours / float(row["productive_hours"]),
        "cost": hours * float(row["cost_per_hour"]) + out_of_pocket * float(occurrences.sum()),
    }
    out: dict[str, dict[str, float]] = {}
    for m in MEASURES:
        q = _quantiles(values[m] * float(cut))
        out[m] = {name: float(q[i]) for i, (name, _) in enumerate(QUANTILES)}
    return out
