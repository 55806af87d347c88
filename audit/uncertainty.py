"""Uncertainty of the burden: a Monte Carlo interval, a tornado of the inputs that move it, and what to measure first.

The low / central / high figures of a requirement's minutes are read as a triangular distribution (low and high
the ends, central the mode). Each draw takes one value of every requirement's national minutes at once, the same
in every trust (it is one national estimate), independently between requirements; a trust's own measured minutes
are not drawn, except those measured in a time study, which are drawn the same way over the study's 95% interval
(low and high the ends, the measured figure the mode), independently of everything else. The recurring hours,
FTE and cost of each draw are then exact sums, so the interval is a
statement a reader can use: in 90 of 100 draws the national burden fell between ``p05`` and ``p95``.

Summing every low and every high (``hours_low``, ``hours_high``) gives the widest possible range, which assumes
every estimate errs the same way at once; the interval here is much narrower and is the one to quote.

Public API

- :func:`simulate(burden, draws=DRAWS, seed=SEED) -> Uncertainty`: national and per-trust ``p05, p50, p95`` of
  ``hours``, ``fte`` and ``cost``.
- :func:`sensitivity(burden, top=10) -> DataFrame`: the tornado: ``requirement, text, is_estimate,
  hours_at_low, hours_at_high, swing_hours, swing_cost`` for the inputs whose range moves the national hours most.
- :func:`sensitivity_by_trust(burden, top=10) -> dict[str, list[dict]]`: every trust's own tornado at once.
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

from dataclasses import dataclass, field

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
    "trust; trusts' own measured minutes are not drawn, except those measured in a time study, drawn likewise on the "
    "study's 95% interval and the measured figure. Frequencies, volumes, pay and overheads are held at their "
    "stated values. The interval is the 5th to 95th percentile of the draws."
)


@dataclass(frozen=True, eq=False)
class Uncertainty:
    """The Monte Carlo result: national and per-trust quantiles of the recurring burden."""

    draws: int
    seed: int
    national: dict[str, dict[str, float]]  # measure -> {"p05", "p50", "p95"}: the burden
    by_trust: pd.DataFrame  # trust, {measure}_{p05|p50|p95}, then admin_cost_{...} and bau_{...} likewise
    # The same draws before the business-as-usual share is taken off, and that share itself (cost - burden).
    administrative_cost: dict[str, dict[str, float]] = field(default_factory=dict)
    business_as_usual: dict[str, dict[str, float]] = field(default_factory=dict)

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


def _inputs(b: Burden) -> pd.DataFrame:
    """Return the minutes the Monte Carlo draws, in requirement order: ``row, low, central, high, fte, cost``.

    A requirement without activities is one input at its own grade (``fte`` = 1 / productive hours, ``cost`` = cost
    per hour); a requirement with activities is one input per activity, each at its own grade.
    """
    req = b.requirements
    steps = b.activities
    own = np.ones(len(req), dtype=bool)
    if len(steps):
        own[steps["row"].to_numpy(dtype=np.intp)] = False
    frame = pd.DataFrame(
        {
            "row": np.flatnonzero(own),
            "low": req["minutes_low"].to_numpy(dtype=float)[own],
            "central": req["minutes_central"].to_numpy(dtype=float)[own],
            "high": req["minutes_high"].to_numpy(dtype=float)[own],
            "fte": 1.0 / req["productive_hours"].to_numpy(dtype=float)[own] if len(req) else np.zeros(0),
            "cost": req["cost_per_hour"].to_numpy(dtype=float)[own],
        }
    )
    if not len(steps):
        return frame
    parts = pd.DataFrame(
        {
            "row": steps["row"].to_numpy(dtype=np.intp),
            "low": steps["minutes_low"].to_numpy(dtype=float),
            "central": steps["minutes_central"].to_numpy(dtype=float),
            "high": steps["minutes_high"].to_numpy(dtype=float),
            "fte": 1.0 / steps["productive_hours"].to_numpy(dtype=float),
            "cost": steps["cost_per_hour"].to_numpy(dtype=float),
        }
    )
    return pd.concat([frame, parts], ignore_index=True).sort_values("row", kind="mergesort", ignore_index=True)


def _per_requirement(values: np.ndarray, inputs: pd.DataFrame, n: int) -> np.ndarray:
    """Sum the inputs' columns (D x J) into their requirements' columns (D x R); one input each is a no-op."""
    if len(inputs) == n:
        return values
    rows = inputs["row"].to_numpy(dtype=np.intp)
    starts = np.flatnonzero(np.r_[True, rows[1:] != rows[:-1]])
    return np.add.reduceat(values, starts, axis=1)


def _uniforms(rng: np.random.Generator, draws: int, inputs: pd.DataFrame, n: int) -> np.ndarray:
    """Return the uniform draws of the inputs (D x J): one column per requirement first, as without activities.

    A requirement's first input takes its requirement's column and its further activities draw after every
    requirement, so adding activities to one requirement leaves every other requirement's draws as they were.
    """
    first = rng.random((draws, n))
    if len(inputs) == n:
        return first
    rows = inputs["row"].to_numpy(dtype=np.intp)
    is_first = np.r_[True, rows[1:] != rows[:-1]]
    u = np.empty((draws, len(inputs)))
    u[:, is_first] = first[:, rows[is_first]]
    u[:, ~is_first] = rng.random((draws, int((~is_first).sum())))
    return u


def _cost_sd_per_minute(b: Burden) -> np.ndarray:
    """Return, per requirement, the standard deviation of its cost per unit of weight (hours per national minute).

    Independent activities add their variances: sqrt(sum of variance of minutes x cost per hour squared).
    """
    inputs = _inputs(b)
    if not len(inputs):
        return np.zeros(len(b.requirements))
    var = triangular_variance(inputs["low"], inputs["central"], inputs["high"]) * inputs["cost"].to_numpy() ** 2
    return np.sqrt(np.bincount(inputs["row"].to_numpy(dtype=np.intp), weights=var, minlength=len(b.requirements)))


def _cell_weights(b: Burden, business_as_usual: bool = True) -> np.ndarray:
    """Return the hours each requirement x trust cell takes per national minute (R x T).

    A cell whose trust measured its own minutes does not depend on the national minutes: its weight is 0, and its
    hours are a constant of that trust (:func:`_fixed_by_measure`). Without ``business_as_usual`` the weights give
    the administrative cost, before the share done anyway is taken off.
    """
    if not business_as_usual:
        weights = b.occurrences / 60.0
    else:
        k = (1.0 - b.requirements["bau_share"].to_numpy(dtype=float)) / 60.0
        weights = b.occurrences * k[:, None]
    own = _own_shares(b) if business_as_usual else b.local.iloc[:0]
    if len(own):  # a trust's own business-as-usual share replaces the requirement's in its cells
        r, c = own["row"].to_numpy(), own["col"].to_numpy()
        weights[r, c] = b.occurrences[r, c] * (1.0 - own["bau_share"].to_numpy(dtype=float)) / 60.0
    measured = b.local[b.local["minutes"].notna()]
    if len(measured):
        weights = weights.copy()
        weights[measured["row"].to_numpy(), measured["col"].to_numpy()] = 0.0
    return weights


def _own_shares(b: Burden) -> pd.DataFrame:
    """Return the local cells where a trust gave its own business-as-usual share."""
    return b.local[b.local["bau_share"].notna()] if "bau_share" in b.local else b.local.iloc[:0]


def _fixed_by_measure(b: Burden, business_as_usual: bool = True) -> dict[str, np.ndarray]:
    """Return each trust's hours, FTE and cost that do not depend on the national minutes (not drawn).

    That is the work on a trust's own measured minutes, and every out-of-pocket cost; without
    ``business_as_usual``, before the share done anyway is taken off.
    """
    req = b.requirements
    measured = b.local[b.local["minutes"].notna()]
    out = {m: np.zeros(len(b.trusts)) for m in MEASURES}
    national_share = req["bau_share"].to_numpy(dtype=float) if business_as_usual else np.zeros(len(req))
    if len(req) and "out_of_pocket_gbp" in req:
        per_occurrence = req["out_of_pocket_gbp"].to_numpy(dtype=float) * (1.0 - national_share)
        out["cost"] = out["cost"] + per_occurrence @ b.occurrences
        own = _own_shares(b) if business_as_usual else b.local.iloc[:0]
        if len(own):  # the out-of-pocket cost of a cell with the trust's own share done anyway
            r, c = own["row"].to_numpy(), own["col"].to_numpy()
            national = req["bau_share"].to_numpy(dtype=float)[r]
            change = req["out_of_pocket_gbp"].to_numpy(dtype=float)[r] * b.occurrences[r, c]
            change = change * (national - own["bau_share"].to_numpy(dtype=float))
            out["cost"] = out["cost"] + np.bincount(c, weights=change, minlength=len(b.trusts))
    if not len(measured):
        return out
    rows = measured["row"].to_numpy()
    cols = measured["col"].to_numpy()
    share = national_share[rows]
    if business_as_usual and "bau_share" in measured:  # the trust's own share where it gave one
        share = np.where(measured["bau_share"].isna().to_numpy(), share, measured["bau_share"].to_numpy(dtype=float))
    k = (1.0 - share) / 60.0
    hours = b.occurrences[rows, cols] * k * measured["minutes"].to_numpy()
    factor = {
        "hours": np.ones(len(rows)),
        "fte": 1.0 / req["productive_hours"].to_numpy(dtype=float)[rows],
        "cost": req["cost_per_hour"].to_numpy(dtype=float)[rows],
    }
    for m in MEASURES:
        out[m] = out[m] + np.bincount(cols, weights=hours * factor[m], minlength=len(b.trusts)).astype(float)
    return out


def _study_draws(b: Burden, rng: np.random.Generator, draws: int) -> tuple[pd.DataFrame, np.ndarray]:
    """Return the trusts' study-measured cells and the draws (D x cells) of their minutes minus the measured figure.

    A trust's minutes measured in a time study carry the study's 95% interval (``minutes_low``, ``minutes_high``):
    they are drawn triangular on it, the measured figure the mode.
    """
    if "minutes_low" not in b.local:
        return b.local.iloc[:0], np.zeros((draws, 0))
    cells = b.local[b.local["minutes"].notna() & b.local["minutes_low"].notna() & b.local["minutes_high"].notna()]
    if not len(cells):
        return cells, np.zeros((draws, 0))
    value = cells["minutes"].to_numpy(dtype=float)
    drawn = _triangular(rng.random((draws, len(cells))), cells["minutes_low"].to_numpy(dtype=float), value,
                        cells["minutes_high"].to_numpy(dtype=float))  # fmt: skip
    return cells, drawn - value


def _study_spread(
    b: Burden, cells: pd.DataFrame, change: np.ndarray, factor: dict[str, np.ndarray], business_as_usual: bool = True
) -> dict[str, np.ndarray]:
    """Return, per measure, each trust's draws (D x T) of the change its study-measured minutes make around the figure.

    The hours move by the drawn minutes' difference from the measured figure (:func:`_study_draws`); without
    ``business_as_usual``, before the share done anyway is taken off.
    """
    draws = change.shape[0]
    out = {m: np.zeros((draws, len(b.trusts))) for m in MEASURES}
    if not len(cells):
        return out
    rows, cols = cells["row"].to_numpy(), cells["col"].to_numpy()
    share = b.requirements["bau_share"].to_numpy(dtype=float)[rows] if business_as_usual else np.zeros(len(rows))
    k = (1.0 - share) / 60.0
    per_minute = b.occurrences[rows, cols] * k  # hours per minute of each measured cell
    incidence = np.zeros((len(cells), len(b.trusts)))
    incidence[np.arange(len(cells)), cols] = 1.0
    for m in MEASURES:
        out[m] = (change * (per_minute * factor[m][rows])) @ incidence
    return out


def _quantiles(values: np.ndarray) -> np.ndarray:
    """Return the 5th, 50th and 95th percentiles of draws along axis 0."""
    if values.shape[0] == 0:
        return np.zeros((3, *values.shape[1:]))
    return np.percentile(values, [q for _, q in QUANTILES], axis=0)


def simulate(b: Burden, draws: int = DRAWS, seed: int = SEED) -> Uncertainty:
    """Return the Monte Carlo quantiles of the recurring national and per-trust burden (see the module text).

    The administrative cost and its business-as-usual share come from the same draws: each is one more weighted sum
    of the per-requirement draws (the cost's weights leave the share in; the share is the cost less the burden).
    """
    if draws < 1:
        raise ValueError("the Monte Carlo needs at least one draw")
    req = b.requirements
    trusts = b.trusts["trust"].to_numpy()
    # What is drawn: each requirement's minutes, or each of its activities' minutes at the activity's own grade.
    inputs = _inputs(b)
    low, mode, high = (inputs[x].to_numpy(dtype=float) for x in ("low", "central", "high"))
    weights = {True: _cell_weights(b), False: _cell_weights(b, business_as_usual=False)}
    fixed = {True: _fixed_by_measure(b), False: _fixed_by_measure(b, business_as_usual=False)}
    factor = {
        "hours": np.ones(len(req)),
        "fte": 1.0 / req["productive_hours"].to_numpy(dtype=float) if len(req) else np.zeros(0),
        "cost": req["cost_per_hour"].to_numpy(dtype=float) if len(req) else np.zeros(0),
    }
    input_factor = {"hours": None, "fte": inputs["fte"].to_numpy(dtype=float), "cost": inputs["cost"].to_numpy()}
    rng = np.random.default_rng(seed)
    minutes = _triangular(_uniforms(rng, draws, inputs, len(req)), low, mode, high)  # D x inputs
    studied: dict[bool, dict[str, np.ndarray]] | None = None
    if len(req):  # drawn after, so the national draws stay put
        cells, change = _study_draws(b, rng, draws)
        studied = {bau: _study_spread(b, cells, change, factor, business_as_usual=bau) for bau in (True, False)}
    figures: dict[str, dict[str, dict[str, float]]] = {"": {}, "admin_cost_": {}, "bau_": {}}
    columns: dict[str, np.ndarray] = {"trust": trusts}

    def keep(prefix: str, m: str, trust_draws: np.ndarray) -> None:
        nq = _quantiles(trust_draws.sum(axis=1))
        figures[prefix][m] = {name: float(nq[i]) for i, (name, _) in enumerate(QUANTILES)}
        tq = _quantiles(trust_draws)
        for i, (name, _) in enumerate(QUANTILES):
            columns[f"{prefix}{m}_{name}"] = tq[i]

    for m in MEASURES:
        scale = input_factor[m]
        scaled = minutes if scale is None else minutes * scale[None, :]
        per_requirement = _per_requirement(scaled, inputs, len(req))  # D x R, in hours (FTE, cost) per minute
        by_share: dict[bool, np.ndarray] = {}
        for bau in (True, False):
            if len(req):
                by_share[bau] = per_requirement @ weights[bau] + fixed[bau][m][None, :]
            else:
                by_share[bau] = np.tile(fixed[bau][m], (draws, 1))
            if studied is not None:
                by_share[bau] = by_share[bau] + studied[bau][m]
        keep("", m, by_share[True])
        keep("admin_cost_", m, by_share[False])
        keep("bau_", m, by_share[False] - by_share[True])
    ordered = {"trust": trusts, **{k: v for prefix in figures for k, v in columns.items() if _has_prefix(k, prefix)}}
    return Uncertainty(
        draws=draws,
        seed=seed,
        national=figures[""],
        by_trust=pd.DataFrame(ordered),
        administrative_cost=figures["admin_cost_"],
        business_as_usual=figures["bau_"],
    )


def _has_prefix(column: str, prefix: str) -> bool:
    """Return whether a quantile column belongs to the burden (prefix ""), the cost or the share done anyway."""
    if column == "trust":
        return False
    if prefix:
        return column.startswith(prefix)
    return not column.startswith(("admin_cost_", "bau_"))


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
            # Labour cost per occurrence holds each activity's own grade (hours per minute x 60 = occurrences).
            "swing_cost": per_minute
            * 60.0
            * (req["occurrence_labour_gbp_high"].to_numpy(dtype=float) - req["occurrence_labour_gbp_low"].to_numpy()),
        }
    )
    frame = frame[frame["swing_hours"] > 0]
    return frame.sort_values(["swing_hours", "requirement"], ascending=[False, True], kind="mergesort").head(top)


def sensitivity_by_trust(b: Burden, top: int = 10) -> dict[str, list[dict[str, object]]]:
    """Return every trust's tornado at once: the ``top`` requirements whose range moves that trust's hours most.

    Each bar has the keys of :func:`sensitivity`'s columns; a trust's own measured minutes do not swing. The
    swings of all trusts are one requirements x trusts matrix; only each trust's few largest are then sorted.
    """
    req = b.requirements
    trusts = [str(t) for t in b.trusts["trust"]]
    if not len(req) or not trusts or top < 1:
        return {t: [] for t in trusts}
    weights = _cell_weights(b)  # R x T, hours per national minute
    low = req["minutes_low"].to_numpy(dtype=float)
    mid = req["minutes_central"].to_numpy(dtype=float)
    high = req["minutes_high"].to_numpy(dtype=float)
    swing = weights * (high - low)[:, None]
    labour = req["occurrence_labour_gbp_high"].to_numpy(dtype=float) - req["occurrence_labour_gbp_low"].to_numpy()
    central = b.by_trust.set_index("trust")["hours_central"].reindex(trusts).to_numpy(dtype=float)
    # The top-th largest swing of each trust: every bar at or above it is a candidate (ties are broken by id).
    kth = max(len(req) - top, 0)
    threshold = np.partition(swing, kth, axis=0)[kth]
    ids = req["requirement"].to_numpy()
    texts = req["text"].to_numpy()
    estimate = req["is_estimate"].to_numpy(dtype=bool)
    out: dict[str, list[dict[str, object]]] = {}
    for col, name in enumerate(trusts):
        column = swing[:, col]
        rows = np.flatnonzero((column >= threshold[col]) & (column > 0))
        rows = rows[np.lexsort((ids[rows], -column[rows]))][:top]
        w = weights[rows, col]
        out[name] = [
            {
                "requirement": str(ids[r]),
                "text": str(texts[r]),
                "is_estimate": bool(estimate[r]),
                "hours_at_low": float(central[col] + w[i] * (low[r] - mid[r])),
                "hours_at_high": float(central[col] + w[i] * (high[r] - mid[r])),
                "swing_hours": float(column[r]),
                "swing_cost": float(w[i] * 60.0 * labour[r]),
            }
            for i, r in enumerate(rows)
        ]
    return out


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
    sd_cost = _cost_sd_per_minute(b) * per_minute
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
    per_unit = _cost_sd_per_minute(b) * req["is_estimate"].to_numpy(dtype=float)
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
